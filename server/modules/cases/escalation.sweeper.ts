/**
 * The deadline sweeper: each open case whose first-contact deadline has passed without a contact
 * is escalated to the hub leads exactly once — an in-app notification, an email through the
 * outbox and a case event, all in one transaction. Cases are claimed with FOR UPDATE SKIP LOCKED
 * and marked escalated_at in that transaction, so several app copies never act twice.
 * Emails carry the case number and a link, never personal data.
 */
import type { AppContext } from '../../context.js';
import { withTransaction } from '../../db/transaction.js';
import { type ServerLocale, translate } from '../../i18n.js';
import { formatTokyoShort } from '../../time.js';
import { accountsOfHub, displayNameOf } from '../accounts/accounts.service.js';
import { enqueueEmail, notifyAccounts } from '../notifications/notifications.service.js';
import { claimOverdueCases, insertCaseEvent, updateCaseRow } from './cases.queries.js';

export async function sweepEscalations(ctx: AppContext, batch = 100): Promise<number> {
  const now = ctx.clock.now();
  return withTransaction(ctx, async (trx, emit) => {
    const due = await claimOverdueCases(trx, now, batch);
    for (const k of due) {
      await updateCaseRow(trx, k.tenant_id, k.id, { escalated_at: now });
      // The case's hub lead(s); a tenant-wide lead when the case has no hub or its hub has none.
      const leads = await accountsOfHub(trx, k.tenant_id, ['hub_lead'], k.hub_id);
      const assignee = k.assignee_id ? await displayNameOf(trx, k.tenant_id, k.assignee_id) : undefined;
      await notifyAccounts(trx, emit, {
        tenantId: k.tenant_id,
        accountIds: leads.map((l) => l.id),
        kind: 'first_contact_overdue',
        caseId: k.id,
        eventId: k.id,
        now,
        data: { case_number: k.case_number, urgency: k.urgency, due_at: k.first_contact_due_at.toISOString() },
      });
      for (const lead of leads) {
        const locale: ServerLocale = lead.locale === 'en' ? 'en' : 'ja';
        const params = {
          caseNumber: k.case_number,
          urgency: translate(locale, `urgency.${k.urgency}`),
          due: formatTokyoShort(k.first_contact_due_at),
          assignee: assignee ?? translate(locale, 'unassigned'),
          url: `${ctx.config.publicUrl}/cases/${k.id}`,
        };
        await enqueueEmail(
          trx,
          k.tenant_id,
          `escalation:${k.id}:${lead.id}`,
          {
            to: lead.email,
            subject: translate(locale, 'mail.escalation_subject', params),
            text: translate(locale, 'mail.escalation_body', params),
          },
          now,
        );
      }
      await insertCaseEvent(trx, k.tenant_id, k.id, 'escalated', now, null, {
        due_at: k.first_contact_due_at.toISOString(),
        notified: leads.length,
      });
      emit({ tenantId: k.tenant_id, type: 'case.escalated', id: k.id });
    }
    return due.length;
  });
}

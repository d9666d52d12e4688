/**
 * The deadline sweeper: each open case whose first-contact deadline has passed without a
 * contact is escalated to the hub leads exactly once — an in-app notification, an email through
 * the outbox and a case event, all in one transaction. Cases are claimed with FOR UPDATE SKIP
 * LOCKED and marked escalated_at in that transaction, so several app copies never act twice.
 * Emails carry the case number and a link, never personal data.
 */
import { sql } from 'kysely';
import { purgeExpiredSessions } from '../../access/authenticators/session.js';
import { purgeRateLimits } from '../../access/rate-limit.js';
import { uuidv7 } from 'uuidv7';
import type { AppContext } from '../../context.js';
import { translate, type ServerLocale } from '../../i18n.js';
import { insertCaseEvent } from '../cases/cases.queries.js';
import { enqueueEmail } from './outbox.js';
import { withTransaction } from '../../db/transaction.js';
import { formatTokyoShort } from '../../time.js';


export async function sweepEscalations(ctx: AppContext, batch = 100): Promise<number> {
  const now = ctx.clock.now();
  return withTransaction(ctx, async (trx, emit) => {
    const due = await trx
      .selectFrom('cases')
      .select(['tenant_id', 'id', 'case_number', 'urgency', 'first_contact_due_at', 'hub_id', 'assignee_id'])
      .where('first_contact_at', 'is', null)
      .where('escalated_at', 'is', null)
      .where('status', '<>', 'closed')
      .where('first_contact_due_at', '<=', now)
      .orderBy('first_contact_due_at')
      .limit(batch)
      .forUpdate()
      .skipLocked()
      .execute();
    for (const k of due) {
      await trx.updateTable('cases').set({ escalated_at: now }).where('tenant_id', '=', k.tenant_id).where('id', '=', k.id).execute();
      // The case's hub lead(s); a tenant-wide lead when the case has no hub or its hub has none.
      let leads = await trx.selectFrom('accounts').select(['id', 'email', 'locale'])
        .where('tenant_id', '=', k.tenant_id).where('role', '=', 'hub_lead').where('disabled_at', 'is', null)
        .$if(k.hub_id !== null, (q) => q.where('hub_id', '=', k.hub_id!)).execute();
      if (leads.length === 0) {
        leads = await trx.selectFrom('accounts').select(['id', 'email', 'locale'])
          .where('tenant_id', '=', k.tenant_id).where('role', '=', 'hub_lead').where('disabled_at', 'is', null).execute();
      }
      const assignee = k.assignee_id
        ? await trx.selectFrom('accounts').select('display_name').where('tenant_id', '=', k.tenant_id).where('id', '=', k.assignee_id).executeTakeFirst()
        : undefined;
      for (const lead of leads) {
        await trx.insertInto('notifications').values({
          tenant_id: k.tenant_id, id: uuidv7(), account_id: lead.id, kind: 'first_contact_overdue', case_id: k.id, created_at: now,
          read_at: null, data: JSON.stringify({ case_number: k.case_number, urgency: k.urgency, due_at: k.first_contact_due_at.toISOString() }),
        }).execute();
        const locale: ServerLocale = lead.locale === 'en' ? 'en' : 'ja';
        const params = {
          caseNumber: k.case_number, urgency: translate(locale, `urgency.${k.urgency}`), due: formatTokyoShort(k.first_contact_due_at),
          assignee: assignee?.display_name ?? translate(locale, 'unassigned'), url: `${ctx.config.publicUrl}/cases/${k.id}`,
        };
        await enqueueEmail(trx, k.tenant_id, `escalation:${k.id}:${lead.id}`, {
          to: lead.email, subject: translate(locale, 'mail.escalation_subject', params), text: translate(locale, 'mail.escalation_body', params),
        }, now);
        emit({ tenantId: k.tenant_id, type: 'notification.created', id: k.id, accountId: lead.id });
      }
      await insertCaseEvent(trx, k.tenant_id, k.id, 'escalated', now, null, { due_at: k.first_contact_due_at.toISOString(), notified: leads.length });
      emit({ tenantId: k.tenant_id, type: 'case.escalated', id: k.id });
    }
    return due.length;
  });
}

/** Housekeeping: expired sessions and old idempotency keys (kept 7 days for client retries). */
export async function sweepExpired(ctx: AppContext): Promise<void> {
  const now = ctx.clock.now();
  await purgeExpiredSessions(ctx);
  await sql`DELETE FROM idempotency_keys WHERE created_at < ${new Date(now.getTime() - 7 * 86_400_000)}`.execute(ctx.db);
  await purgeRateLimits(ctx.db, new Date(now.getTime() - 86_400_000));
}

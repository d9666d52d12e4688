/**
 * The escalation ladder of a welfare alert (issue #4 §2): (a) notify the person's watchers with
 * a one-tap confirm link, (b) if nobody confirms within watcherConfirmMinutes, alert hub staff
 * live, (c) if still unresolved hubEscalateMinutes later, open a high-urgency case with a visit
 * due. An emergency button (critical) alerts the hub together with the watchers, and unresolved
 * critical alerts remind the hub every 30 minutes once the ladder is done.
 * Deadlines are data: raiseAlert sets next_step_at; the sweeper claims due alerts one at a time
 * with FOR UPDATE SKIP LOCKED and does exactly one step per claim, stamping it in the same
 * transaction as its side effects (outbox rows, notifications, case), so several app copies
 * never do a step twice and nothing is sent for a step that rolled back.
 */
import { hashLinkToken, newLinkToken } from '../../access/authenticators/link-token.js';
import { uuidv7 } from 'uuidv7';
import type { AppContext } from '../../context.js';
import type { DB } from '../../db/database.js';
import { translate } from '../../i18n.js';
import { findOpenCaseForPerson, insertCase, insertCaseEvent, nextCaseNumber } from '../cases/cases.queries.js';
import { fileConcern } from '../concerns/concerns.service.js';
import { enqueueEmail } from '../notifications/outbox.js';
import { tenantInfo } from '../tenants/tenant-cache.js';
import { categoriesOf, targetHours } from '../tenants/tenant-settings.js';
import { insertAlertEvent, watchSettingsOf } from './alerts.queries.js';
import type { AlertsTable } from './alerts.tables.js';
import { withTransaction } from '../../db/transaction.js';
import type { EventBus, HubEvent } from '../../events/event-bus.js';
import { URGENCIES } from '../../schema-helpers.js';
import { formatTokyoShort } from '../../time.js';

const MINUTE = 60_000;
export const REMINDER_MINUTES = 30;
/** How long a watcher's confirm link works. */
export const CONFIRM_TOKEN_TTL_MS = 7 * 86_400_000;
/** Cases opened by the ladder have no human creator. */
export const SYSTEM_ACTOR = '00000000-0000-0000-0000-000000000000';

type Alert = Pick<AlertsTable, 'tenant_id' | 'id' | 'person_id' | 'device_id' | 'type' | 'severity' | 'status' | 'raised_at'
  | 'watchers_notified_at' | 'hub_alerted_at' | 'case_opened_at' | 'case_id'>;
type Emit = (e: HubEvent) => void;

export interface LadderTimings {
  watcherConfirmMinutes: number;
  hubEscalateMinutes: number;
}

export function ladderTimings(settings: Record<string, unknown>): LadderTimings {
  const minutes = (v: unknown, def: number) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : def);
  return { watcherConfirmMinutes: minutes(settings.watcherConfirmMinutes, 15), hubEscalateMinutes: minutes(settings.hubEscalateMinutes, 60) };
}

export const hashToken = hashLinkToken;

const at = (base: Date, minutes: number) => new Date(base.getTime() + minutes * MINUTE);

/**
 * Claims due alerts one at a time and advances each one step. Returns the number of steps done.
 * A step that throws pushes its alert back 5 minutes (recorded on the alert) so it cannot block
 * the others; the error goes to onError.
 */
export async function sweepAlerts(ctx: AppContext, max = 100, onError: (err: unknown) => void = () => {}): Promise<number> {
  let steps = 0;
  for (; steps < max; steps++) {
    const now = ctx.clock.now();
    let claimed: Alert | undefined;
    try {
      const done = await withTransaction(ctx, async (trx, emit) => {
        claimed = await trx.selectFrom('alerts')
          .select(['tenant_id', 'id', 'person_id', 'device_id', 'type', 'severity', 'status', 'raised_at', 'watchers_notified_at', 'hub_alerted_at', 'case_opened_at', 'case_id'])
          .where('next_step_at', 'is not', null).where('next_step_at', '<=', now).where('status', '<>', 'resolved').where('category', '=', 'welfare')
          .orderBy('next_step_at').limit(1).forUpdate().skipLocked().executeTakeFirst();
        if (!claimed) return false;
        await advance(ctx, trx, claimed, now, emit);
        return true;
      });
      if (!done) break;
    } catch (err) {
      onError(err);
      if (!claimed) break;
      const a: Alert = claimed;
      await ctx.db.updateTable('alerts').set({ next_step_at: at(now, 5) }).where('tenant_id', '=', a.tenant_id).where('id', '=', a.id).execute();
      await insertAlertEvent(ctx.db, a.tenant_id, a.id, 'step_failed', now, null, { error: String((err as Error).message ?? err).slice(0, 200) });
    }
  }
  return steps;
}

async function advance(ctx: AppContext, trx: DB, a: Alert, now: Date, emit: Emit): Promise<void> {
  const timings = ladderTimings(await watchSettingsOf(trx, a.tenant_id, a.person_id));
  let next: Date | null;
  if (!a.watchers_notified_at) {
    const notified = await notifyWatchers(ctx, trx, a, now);
    if (a.severity === 'critical') {
      // An emergency button does not wait for the family.
      await alertHub(trx, a, now, emit, 'critical');
      next = at(now, timings.hubEscalateMinutes);
    } else {
      // Nobody to confirm: go on to the hub at once.
      next = notified > 0 ? at(now, timings.watcherConfirmMinutes) : now;
    }
  } else if (!a.hub_alerted_at) {
    await alertHub(trx, a, now, emit, 'not_confirmed');
    next = at(now, timings.hubEscalateMinutes);
  } else if (!a.case_opened_at) {
    await openAlertCase(ctx, trx, a, now, emit);
    next = a.severity === 'critical' ? at(now, REMINDER_MINUTES) : null;
  } else {
    await remindHub(trx, a, now, emit);
    next = a.severity === 'critical' ? at(now, REMINDER_MINUTES) : null;
  }
  await trx.updateTable('alerts').set({ next_step_at: next }).where('tenant_id', '=', a.tenant_id).where('id', '=', a.id).execute();
  emit({ tenantId: a.tenant_id, type: 'alert.updated', id: a.id });
}

/** Step a: email (outbox) or LINE/SMS (outbox rows for the adapters) to each active watcher. */
async function notifyWatchers(ctx: AppContext, trx: DB, a: Alert, now: Date): Promise<number> {
  const token = newLinkToken();
  const watchers = await trx.selectFrom('watchers').select(['id', 'channel', 'address'])
    .where('tenant_id', '=', a.tenant_id).where('person_id', '=', a.person_id).where('active', '=', true)
    .orderBy('priority').orderBy('created_at').execute();
  const params = { type: translate('ja', `alert_type.${a.type}`), raised: formatTokyoShort(a.raised_at), url: `${ctx.config.publicUrl}/confirm/${token}` };
  const subject = translate('ja', 'mail.watch_alert_subject', params);
  const text = translate('ja', 'mail.watch_alert_body', params);
  for (const w of watchers) {
    const dedupe = `watch:${a.id}:${w.id}`;
    if (w.channel === 'email') {
      await enqueueEmail(trx, a.tenant_id, dedupe, { to: w.address, subject, text }, now);
    } else {
      await trx.insertInto('outbox').values({
        tenant_id: a.tenant_id, id: uuidv7(), kind: w.channel, dedupe_key: dedupe, payload: JSON.stringify({ to: w.address, text: `${subject}\n${text}` }),
        created_at: now, available_at: now, attempts: 0,
      }).onConflict((oc) => oc.columns(['tenant_id', 'dedupe_key']).doNothing()).execute();
    }
  }
  await trx.updateTable('alerts').set({ watchers_notified_at: now, confirm_token_hash: hashToken(token) })
    .where('tenant_id', '=', a.tenant_id).where('id', '=', a.id).execute();
  await insertAlertEvent(trx, a.tenant_id, a.id, 'watchers_notified', now, null, {
    watchers: watchers.length, channels: [...new Set(watchers.map((w) => w.channel))],
  });
  return watchers.length;
}

/** Hub staff and leads of the person's area hub, or of the whole tenant when there is none. */
async function hubAccounts(trx: DB, tenantId: string, personId: string) {
  const hub = await trx.selectFrom('people as p')
    .innerJoin('hub_areas as h', (j) => j.onRef('h.tenant_id', '=', 'p.tenant_id').onRef('h.area_id', '=', 'p.area_id'))
    .select('h.hub_id').where('p.tenant_id', '=', tenantId).where('p.id', '=', personId).executeTakeFirst();
  const base = trx.selectFrom('accounts').select('id').where('tenant_id', '=', tenantId).where('role', 'in', ['hub_staff', 'hub_lead']).where('disabled_at', 'is', null);
  const local = hub ? await base.where('hub_id', '=', hub.hub_id).execute() : [];
  return local.length > 0 ? local : base.execute();
}

async function notifyHub(trx: DB, a: Alert, now: Date, emit: Emit, kind: string, data: Record<string, unknown>): Promise<number> {
  const accounts = await hubAccounts(trx, a.tenant_id, a.person_id);
  for (const acc of accounts) {
    await trx.insertInto('notifications').values({
      tenant_id: a.tenant_id, id: uuidv7(), account_id: acc.id, kind, case_id: a.case_id, created_at: now, read_at: null,
      data: JSON.stringify({ alert_id: a.id, type: a.type, severity: a.severity, raised_at: a.raised_at.toISOString(), ...data }),
    }).execute();
    emit({ tenantId: a.tenant_id, type: 'notification.created', id: a.id, accountId: acc.id });
  }
  return accounts.length;
}

/** Step b (also done at once for critical alerts and when a watcher answers "needs help"). */
export async function alertHub(trx: DB, a: Alert, now: Date, emit: Emit, reason: 'critical' | 'not_confirmed' | 'watcher_needs_help'): Promise<void> {
  const notified = await notifyHub(trx, a, now, emit, 'watch_alert', { reason });
  await trx.updateTable('alerts').set((eb) => ({ hub_alerted_at: eb.fn.coalesce('hub_alerted_at', eb.val(now)) }))
    .where('tenant_id', '=', a.tenant_id).where('id', '=', a.id).execute();
  await insertAlertEvent(trx, a.tenant_id, a.id, 'hub_alerted', now, null, { reason, notified });
}

async function remindHub(trx: DB, a: Alert, now: Date, emit: Emit): Promise<void> {
  const notified = await notifyHub(trx, a, now, emit, 'watch_alert_reminder', { status: a.status });
  await insertAlertEvent(trx, a.tenant_id, a.id, 'hub_reminded', now, null, { notified });
}

/** The tenant's category for device alerts: its own 'device_alert' if defined, else 'not_seen', else 'other'. */
function concernCategory(codes: string[]): string {
  return ['device_alert', 'not_seen', 'other'].find((c) => codes.includes(c)) ?? codes[0]!;
}

/**
 * Step c: files a concern for the alert (staff-reported, so the core loop and its first-contact
 * KPI see it) and attaches it to the person's open case, or opens a high-urgency case whose
 * first contact — a visit — is due by the tenant's 'high' target.
 */
async function openAlertCase(ctx: AppContext, trx: DB, a: Alert, now: Date, emit: Emit): Promise<void> {
  const { settings } = await tenantInfo(trx, a.tenant_id);
  const person = await trx.selectFrom('people').select(['latitude', 'longitude', 'area_id']).where('tenant_id', '=', a.tenant_id).where('id', '=', a.person_id).executeTakeFirstOrThrow();
  const device = a.device_id
    ? await trx.selectFrom('watch_devices').select('location_in_home').where('tenant_id', '=', a.tenant_id).where('id', '=', a.device_id).executeTakeFirst()
    : undefined;
  // fileConcern writes through this transaction, and its live event waits for the commit.
  const events: EventBus = { publish: (es) => es.forEach(emit), subscribe: () => () => {}, close: async () => {} };
  const hasPoint = person.latitude !== null && person.longitude !== null;
  const { ack } = await fileConcern({ ...ctx, db: trx, events }, {
    tenantId: a.tenant_id, reporterKind: 'staff', channel: 'other', reporterAccountId: null, reporterPartnerId: null, reporterDeviceId: null,
    anonymous: false, callbackContact: null, idempotencyPrincipal: SYSTEM_ACTOR,
  }, {
    category: concernCategory(categoriesOf(settings).map((c) => c.code)),
    description: translate('ja', 'alert_concern.description', { type: translate('ja', `alert_type.${a.type}`), raised: formatTokyoShort(a.raised_at) }),
    observed_at: a.raised_at.toISOString(), place_text: device?.location_in_home ?? undefined,
    ...(hasPoint ? { latitude: person.latitude!, longitude: person.longitude! } : {}),
  }, undefined);
  const urgency = 'high' as const;
  const due = new Date(now.getTime() + targetHours(settings, urgency) * 3_600_000);
  const existing = await findOpenCaseForPerson(trx, a.tenant_id, a.person_id);
  let caseId: string;
  if (existing) {
    caseId = existing.id;
    const set: Record<string, unknown> = { updated_at: now };
    if (URGENCIES.indexOf(urgency) < URGENCIES.indexOf(existing.urgency)) set.urgency = urgency;
    if (existing.first_contact_at === null && due < existing.first_contact_due_at) {
      set.first_contact_due_at = due;
      set.escalated_at = null;
    }
    await trx.updateTable('cases').set(set).where('tenant_id', '=', a.tenant_id).where('id', '=', caseId).execute();
    await insertCaseEvent(trx, a.tenant_id, caseId, 'concern_merged', now, null, { concern_id: ack.id, urgency, alert_id: a.id });
  } else {
    caseId = uuidv7();
    const hub = person.area_id
      ? await trx.selectFrom('hub_areas').select('hub_id').where('tenant_id', '=', a.tenant_id).where('area_id', '=', person.area_id).executeTakeFirst()
      : undefined;
    await insertCase(trx, {
      tenant_id: a.tenant_id, id: caseId, case_number: await nextCaseNumber(trx, a.tenant_id), person_id: a.person_id, household_id: null,
      hub_id: hub?.hub_id ?? null, assignee_id: null, status: 'open', outcome: null, urgency, received_at: now, first_contact_due_at: due,
      first_contact_at: null, first_contact_id: null, escalated_at: null, opened_at: now, closed_at: null, created_by: SYSTEM_ACTOR, updated_at: now,
    });
    await insertCaseEvent(trx, a.tenant_id, caseId, 'opened', now, null, { concern_id: ack.id, urgency, alert_id: a.id });
  }
  await insertCaseEvent(trx, a.tenant_id, caseId, 'visit_due', now, null, { alert_id: a.id, due_at: due.toISOString() });
  await trx.updateTable('concerns').set({ status: 'triaged', triaged_at: now, triaged_by: null, urgency, case_id: caseId, person_id: a.person_id, status_changed_at: now })
    .where('tenant_id', '=', a.tenant_id).where('id', '=', ack.id).execute();
  await trx.updateTable('alerts').set({ case_id: caseId, case_opened_at: now }).where('tenant_id', '=', a.tenant_id).where('id', '=', a.id).execute();
  await insertAlertEvent(trx, a.tenant_id, a.id, 'case_opened', now, null, { case_id: caseId, concern_id: ack.id, reused: existing !== undefined, visit_due_at: due.toISOString() });
  emit({ tenantId: a.tenant_id, type: 'concern.triaged', id: ack.id });
  emit({ tenantId: a.tenant_id, type: 'case.updated', id: caseId });
}

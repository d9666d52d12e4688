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
import type { AppContext } from '../../context.js';
import type { DB } from '../../db/database.js';
import { type Emit, withTransaction } from '../../db/transaction.js';
import { translate } from '../../i18n.js';
import { formatTokyoShort } from '../../time.js';
import { accountsOfHub } from '../accounts/accounts.service.js';
import { openOrMergeCase, recordCaseEvent } from '../cases/cases.service.js';
import { fileConcernIn, markTriaged } from '../concerns/concerns.service.js';
import { deliveryProblem } from '../notifications/channels.service.js';
import { enqueueEmail, enqueueMessage, notifyAccounts } from '../notifications/notifications.service.js';
import { placeOfPerson } from '../people/people.service.js';
import { categoriesOf, hubOfArea, hubsOf, tenantInfo } from '../tenants/tenants.service.js';
import {
  activeWatchers,
  claimDueLadderStep,
  deviceLocationInHome,
  insertAlertEvent,
  updateAlertRow,
  watcherStepEvents,
  watchSettingsOf,
} from './alerts.queries.js';
import type { AlertsTable } from './alerts.tables.js';

const MINUTE = 60_000;
export const REMINDER_MINUTES = 30;
/** How long a watcher's confirm link works. */
export const CONFIRM_TOKEN_TTL_MS = 7 * 86_400_000;

type Alert = Pick<
  AlertsTable,
  | 'tenant_id'
  | 'id'
  | 'person_id'
  | 'device_id'
  | 'type'
  | 'severity'
  | 'status'
  | 'raised_at'
  | 'watchers_notified_at'
  | 'hub_alerted_at'
  | 'case_opened_at'
  | 'case_id'
>;

export interface LadderTimings {
  watcherConfirmMinutes: number;
  hubEscalateMinutes: number;
}

/** The ladder's timings from a person's watch settings (validated when saved), with the defaults. */
export function ladderTimings(settings: Record<string, unknown>): LadderTimings {
  const minutes = (v: unknown, def: number) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : def);
  return {
    watcherConfirmMinutes: minutes(settings.watcherConfirmMinutes, 15),
    hubEscalateMinutes: minutes(settings.hubEscalateMinutes, 60),
  };
}

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
        claimed = await claimDueLadderStep(trx, now);
        if (!claimed) return false;
        await advance(ctx, trx, claimed, now, emit);
        return true;
      });
      if (!done) break;
    } catch (err) {
      onError(err);
      if (!claimed) break;
      const a: Alert = claimed;
      await updateAlertRow(ctx.db, a.tenant_id, a.id, { next_step_at: at(now, 5) });
      await insertAlertEvent(ctx.db, a.tenant_id, a.id, 'step_failed', now, null, {
        error: String((err as Error).message ?? err).slice(0, 200),
      });
    }
  }
  return steps;
}

async function advance(ctx: AppContext, trx: DB, a: Alert, now: Date, emit: Emit): Promise<void> {
  const timings = ladderTimings(await watchSettingsOf(trx, a.tenant_id, a.person_id));
  let next: Date | null;
  if (!a.watchers_notified_at) {
    const deliverable = await notifyWatchers(ctx, trx, a, now);
    if (a.severity === 'critical') {
      // An emergency button does not wait for the family.
      await alertHub(trx, a, now, emit, 'critical');
      next = at(now, timings.hubEscalateMinutes);
    } else {
      // Nobody who can receive the link (no watcher, or only channels that cannot deliver): go
      // on to the hub at once instead of waiting for a confirmation that cannot come.
      next = deliverable > 0 ? at(now, timings.watcherConfirmMinutes) : now;
    }
  } else if (!a.hub_alerted_at) {
    await alertHub(trx, a, now, emit, await whyNoConfirmation(trx, a));
    next = at(now, timings.hubEscalateMinutes);
  } else if (!a.case_opened_at) {
    await openAlertCase(ctx, trx, a, now, emit);
    next = a.severity === 'critical' ? at(now, REMINDER_MINUTES) : null;
  } else {
    await remindHub(trx, a, now, emit);
    next = a.severity === 'critical' ? at(now, REMINDER_MINUTES) : null;
  }
  await updateAlertRow(trx, a.tenant_id, a.id, { next_step_at: next });
  emit({ tenantId: a.tenant_id, type: 'alert.updated', id: a.id });
}

/** Why a watcher's channel cannot deliver now (no credentials, no provider), or null when it can. */
/** The hub's name and phone for the watcher's message (public contact details, never the person's). */
async function hubContact(trx: DB, tenantId: string, personId: string): Promise<{ name: string; phone: string } | null> {
  const place = await placeOfPerson(trx, tenantId, personId);
  const hubId = await hubOfArea(trx, tenantId, place?.area_id ?? null);
  const hubs = await hubsOf(trx, tenantId);
  const hub = hubs.find((h) => h.id === hubId) ?? (hubs.length === 1 ? hubs[0] : undefined);
  return hub?.phone ? { name: hub.name, phone: hub.phone } : null;
}

/**
 * Step a: email (outbox) or LINE/SMS (outbox rows for the messengers) to each active watcher.
 * Each message names the person only by the label the watcher chose (「母」) and gives the hub's
 * phone number. Returns how many of the messages can be delivered (deliveryProblem: email only
 * with SMTP, LINE only with a channel access token, SMS not at all: no provider yet).
 * Undeliverable ones are still queued, so their failure is recorded on the outbox row, and the
 * event lists each message with its channel and problem so the ladder can say "not delivered".
 * With no watcher the step is recorded as skipped (watchers_skipped), not as done.
 */
async function notifyWatchers(ctx: AppContext, trx: DB, a: Alert, now: Date): Promise<number> {
  const token = newLinkToken();
  const watchers = await activeWatchers(trx, a.tenant_id, a.person_id);
  if (watchers.length === 0) {
    await updateAlertRow(trx, a.tenant_id, a.id, { watchers_notified_at: now });
    await insertAlertEvent(trx, a.tenant_id, a.id, 'watchers_skipped', now, null, { reason: 'no_watchers' });
    return 0;
  }
  const hub = await hubContact(trx, a.tenant_id, a.person_id);
  const params = {
    type: translate('ja', `alert_type.${a.type}`),
    raised: formatTokyoShort(a.raised_at),
    url: `${ctx.config.publicUrl}/confirm/${token}`,
    hub: hub ? translate('ja', 'mail.watch_alert_hub', hub) : '',
  };
  const subject = translate('ja', 'mail.watch_alert_subject', params);
  let deliverable = 0;
  const messages: { watcher_id: string; channel: string; problem: string | null }[] = [];
  for (const w of watchers) {
    const dedupe = `watch:${a.id}:${w.id}`;
    const who = w.person_label
      ? translate('ja', 'mail.watch_alert_who_label', { label: w.person_label })
      : translate('ja', 'mail.watch_alert_who_default');
    const text = translate('ja', 'mail.watch_alert_body', { ...params, who });
    if (w.channel === 'email') await enqueueEmail(trx, a.tenant_id, dedupe, { to: w.address, subject, text }, now);
    else await enqueueMessage(trx, a.tenant_id, w.channel, dedupe, { to: w.address, text: `${subject}\n${text}` }, now);
    const problem = deliveryProblem(ctx.config, w.channel);
    if (!problem) deliverable++;
    messages.push({ watcher_id: w.id, channel: w.channel, problem });
  }
  await updateAlertRow(trx, a.tenant_id, a.id, { watchers_notified_at: now, confirm_token_hash: hashLinkToken(token) });
  await insertAlertEvent(trx, a.tenant_id, a.id, 'watchers_notified', now, null, {
    watchers: watchers.length,
    deliverable,
    channels: [...new Set(watchers.map((w) => w.channel))],
    messages,
  });
  return deliverable;
}

/** Hub staff and leads of the person's area hub (of the whole tenant when there is none), in-app and live. */
async function notifyHub(
  trx: DB,
  a: Alert,
  now: Date,
  emit: Emit,
  kind: 'watch_alert' | 'watch_alert_reminder',
  data: Record<string, unknown>,
): Promise<number> {
  const place = await placeOfPerson(trx, a.tenant_id, a.person_id);
  const accounts = await accountsOfHub(
    trx,
    a.tenant_id,
    ['hub_staff', 'hub_lead'],
    await hubOfArea(trx, a.tenant_id, place?.area_id ?? null),
  );
  return notifyAccounts(trx, emit, {
    tenantId: a.tenant_id,
    accountIds: accounts.map((x) => x.id),
    kind,
    caseId: a.case_id,
    eventId: a.id,
    now,
    data: { alert_id: a.id, type: a.type, severity: a.severity, raised_at: a.raised_at.toISOString(), ...data },
  });
}

/** Why the hub is told: nobody was asked (no watcher), nobody could be reached, or nobody confirmed. */
async function whyNoConfirmation(trx: DB, a: Alert): Promise<'no_watchers' | 'watchers_unreachable' | 'not_confirmed'> {
  const [step] = await watcherStepEvents(trx, a.tenant_id, [a.id]);
  if (step?.kind === 'watchers_skipped') return 'no_watchers';
  if (step && Number(step.data.deliverable ?? 1) === 0) return 'watchers_unreachable';
  return 'not_confirmed';
}

/** Step b (also done at once for critical alerts and when a watcher answers "needs help"). */
export async function alertHub(
  trx: DB,
  a: Alert,
  now: Date,
  emit: Emit,
  reason: 'critical' | 'not_confirmed' | 'no_watchers' | 'watchers_unreachable' | 'watcher_needs_help',
): Promise<void> {
  const notified = await notifyHub(trx, a, now, emit, 'watch_alert', { reason });
  if (!a.hub_alerted_at) await updateAlertRow(trx, a.tenant_id, a.id, { hub_alerted_at: now });
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
 * KPI see it) and attaches it to the person's open case, or opens a high-urgency case whose first
 * contact — a visit — is due by the tenant's 'high' target (openOrMergeCase, the same rule as triage).
 */
async function openAlertCase(_ctx: AppContext, trx: DB, a: Alert, now: Date, emit: Emit): Promise<void> {
  const { settings } = await tenantInfo(trx, a.tenant_id);
  const place = await placeOfPerson(trx, a.tenant_id, a.person_id);
  const locationInHome = a.device_id ? await deviceLocationInHome(trx, a.tenant_id, a.device_id) : null;
  const hasPoint = place?.latitude != null && place?.longitude != null;
  const ack = await fileConcernIn(
    trx,
    emit,
    now,
    {
      tenantId: a.tenant_id,
      reporterKind: 'staff',
      channel: 'other',
      reporterAccountId: null,
      reporterPartnerId: null,
      reporterDeviceId: null,
      anonymous: false,
      callbackContact: null,
      idempotencyPrincipal: 'alert-ladder',
    },
    {
      category: concernCategory(categoriesOf(settings).map((c) => c.code)),
      description: translate('ja', 'alert_concern.description', {
        type: translate('ja', `alert_type.${a.type}`),
        raised: formatTokyoShort(a.raised_at),
      }),
      observed_at: a.raised_at.toISOString(),
      place_text: locationInHome ?? undefined,
      ...(hasPoint ? { latitude: place!.latitude!, longitude: place!.longitude! } : {}),
    },
  );
  // An emergency button nobody answered is an emergency (1 h target), not a 24 h case.
  const urgency = a.severity === 'critical' ? ('emergency' as const) : ('high' as const);
  const kase = await openOrMergeCase(trx, emit, {
    tenantId: a.tenant_id,
    personId: a.person_id,
    householdId: null,
    urgency,
    clockStart: now,
    areaId: place?.area_id ?? null,
    fallbackHubId: null,
    actorId: null,
    now,
    event: { concern_id: ack.id, alert_id: a.id },
  });
  const due = kase.due;
  await recordCaseEvent(trx, a.tenant_id, kase.caseId, 'visit_due', now, null, { alert_id: a.id, due_at: due.toISOString() });
  await markTriaged(trx, emit, {
    tenantId: a.tenant_id,
    concernId: ack.id,
    caseId: kase.caseId,
    personId: a.person_id,
    urgency,
    triagedBy: null,
    now,
  });
  await updateAlertRow(trx, a.tenant_id, a.id, { case_id: kase.caseId, case_opened_at: now });
  await insertAlertEvent(trx, a.tenant_id, a.id, 'case_opened', now, null, {
    case_id: kase.caseId,
    concern_id: ack.id,
    reused: !kase.created,
    visit_due_at: due.toISOString(),
  });
}

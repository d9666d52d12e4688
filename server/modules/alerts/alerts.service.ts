/**
 * Alerts for the hub console: list, detail (audited), acknowledge, resolve. Lifecycle
 * active → acknowledged → resolved; resolving an active alert records an implicit
 * acknowledgement. Resolving stops the escalation ladder. Roles without person:read
 * (coordinators) see technical alerts only (silent device, low battery), without names.
 */

import { uuidv7 } from 'uuidv7';
import { audit } from '../../access/audit.js';
import { mayHandleAlert, maySeeAlert, requireMayHandleAlert, seesPersonalData } from '../../access/policies.js';
import type { Principal, RequestMeta } from '../../access/principal.js';
import { requireAccess } from '../../access/require-access.js';
import type { AppContext } from '../../context.js';
import type { DB } from '../../db/database.js';
import type { Emit } from '../../db/transaction.js';
import { withTransaction } from '../../db/transaction.js';
import { AppError } from '../../errors.js';
import { deliveryProblem } from '../notifications/channels.service.js';
import {
  type AlertRow,
  alertBase,
  alertTimeline,
  devicePlaces,
  insertAlertEvent,
  insertOrRepeatAlert,
  listAlerts,
  lockAlert,
  openAlertsOfPlan,
  openTechnicalAlertRows,
  resolveTechnicalAlertRows,
  updateAlertRow,
  watcherMessageRows,
  watcherStepEvents,
} from './alerts.queries.js';
import type { AlertQuery, ResolveBody } from './alerts.schemas.js';
import type { AlertSeverity, AlertType } from './alerts.tables.js';

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** What became of one message to a watcher. */
export interface WatcherMessage {
  watcher_id: string;
  watcher_name: string | null;
  watcher_relation: string | null;
  channel: string;
  /** sent; queued (waiting for the dispatcher); retrying; not_delivered (failed, or its channel is off). */
  status: 'sent' | 'queued' | 'retrying' | 'not_delivered';
  /** Why it was not delivered: line_not_configured, sms_not_configured, email_not_configured, send_failed. */
  problem: string | null;
}

/** The watcher step as it really went: pending, skipped (nobody to tell), done, or not delivered. */
export interface WatcherStep {
  state: 'pending' | 'skipped' | 'done' | 'not_delivered';
  reason: string | null;
  delivered: number;
  messages: WatcherMessage[];
}

export interface AlertExtras {
  watchers: WatcherStep;
  place: { address: string | null; area_name: string | null; location_in_home: string | null } | null;
}

const PENDING_STEP: WatcherStep = { state: 'pending', reason: null, delivered: 0, messages: [] };

export function alertDto(r: AlertRow, withNames: boolean, p: Principal, extras?: AlertExtras) {
  return {
    id: r.id,
    type: r.type,
    category: r.category,
    severity: r.severity,
    status: r.status,
    outcome: r.outcome,
    person_id: r.person_id,
    person_name: withNames ? (r.person_name ?? null) : null,
    /** Whether the caller may see the person's name (false: the name is hidden, not missing). */
    person_visible: withNames,
    device_id: r.device_id,
    device_type: r.device_type ?? null,
    location_in_home: r.location_in_home ?? null,
    /** Where the device is (address, area, room): for whoever fixes it, without welfare data. */
    device_place: extras?.place ?? null,
    raised_at: r.raised_at.toISOString(),
    last_seen_at: r.last_seen_at.toISOString(),
    occurrences: r.occurrences,
    acknowledged_at: iso(r.acknowledged_at),
    acknowledged_by_name: r.acknowledged_by_name ?? null,
    resolved_at: iso(r.resolved_at),
    resolved_via: r.resolved_via,
    ladder: {
      watchers_notified_at: iso(r.watchers_notified_at),
      hub_alerted_at: iso(r.hub_alerted_at),
      case_opened_at: iso(r.case_opened_at),
      case_id: r.case_id,
      next_step_at: iso(r.next_step_at),
      watchers: extras?.watchers ?? PENDING_STEP,
    },
    /** What the caller may do with it (the console shows only these buttons). */
    actions: {
      acknowledge: r.status === 'active' && mayHandleAlert(p, r.category),
      resolve: r.status !== 'resolved' && mayHandleAlert(p, r.category),
    },
    detail: r.detail,
  };
}

function messageStatus(
  ctx: AppContext,
  m: { kind: string; sent_at: Date | null; failed_at: Date | null; last_error: string | null } | undefined,
  channel: string,
  problem: string | null,
): Pick<WatcherMessage, 'status' | 'problem'> {
  if (problem) return { status: 'not_delivered', problem };
  if (!m) return { status: 'not_delivered', problem: 'send_failed' };
  if (m.failed_at) return { status: 'not_delivered', problem: 'send_failed' };
  // Events recorded before email counted as undeliverable without SMTP carry no problem for it.
  const emailProblem = channel === 'email' ? deliveryProblem(ctx.config, 'email') : null;
  if (emailProblem) return { status: 'not_delivered', problem: emailProblem };
  if (m.sent_at) return { status: 'sent', problem: null };
  return { status: m.last_error ? 'retrying' : 'queued', problem: null };
}

/**
 * The extras of each alert: how the watcher step went (from its event and the outbox rows of its
 * messages), and where its device is. Two or three queries for the whole list.
 */
async function extrasOf(ctx: AppContext, tenantId: string, rows: AlertRow[], withWatchers: boolean): Promise<Map<string, AlertExtras>> {
  const out = new Map<string, AlertExtras>();
  const welfare = withWatchers ? rows.filter((r) => r.category === 'welfare' && r.watchers_notified_at) : [];
  const events = await watcherStepEvents(
    ctx.db,
    tenantId,
    welfare.map((r) => r.id),
  );
  const stepEvent = new Map<string, (typeof events)[number]>();
  for (const e of events) if (!stepEvent.has(e.alert_id)) stepEvent.set(e.alert_id, e);
  type Planned = { watcher_id: string; channel: string; problem: string | null };
  const planned = new Map<string, Planned[]>();
  for (const [alertId, e] of stepEvent) {
    const msgs = Array.isArray(e.data.messages) ? (e.data.messages as Planned[]) : [];
    planned.set(alertId, msgs);
  }
  const keys = [...planned].flatMap(([alertId, msgs]) => msgs.map((m) => `watch:${alertId}:${m.watcher_id}`));
  const sent = new Map((await watcherMessageRows(ctx.db, tenantId, keys)).map((m) => [m.dedupe_key, m]));
  const places = new Map(
    (
      await devicePlaces(
        ctx.db,
        tenantId,
        rows.flatMap((r) => (r.device_id ? [r.device_id] : [])),
      )
    ).map((d) => [d.id, d]),
  );
  for (const r of rows) {
    let watchers: WatcherStep = PENDING_STEP;
    const e = stepEvent.get(r.id);
    if (e?.kind === 'watchers_skipped')
      watchers = { state: 'skipped', reason: String(e.data.reason ?? 'no_watchers'), delivered: 0, messages: [] };
    else if (e) {
      const messages = (planned.get(r.id) ?? []).map((m) => {
        const row = sent.get(`watch:${r.id}:${m.watcher_id}`);
        return {
          watcher_id: m.watcher_id,
          watcher_name: row?.watcher_name ?? null,
          watcher_relation: row?.watcher_relation ?? null,
          channel: m.channel,
          ...messageStatus(ctx, row, m.channel, m.problem),
        };
      });
      // An event from before messages were recorded ({watchers, deliverable} or {count}): trust its counts.
      const legacy = !Array.isArray(e.data.messages);
      const total = legacy ? Number(e.data.watchers ?? e.data.count ?? 0) : messages.length;
      const delivered = legacy ? Number(e.data.deliverable ?? total) : messages.filter((m) => m.status !== 'not_delivered').length;
      watchers = {
        state: total === 0 ? 'skipped' : delivered === 0 ? 'not_delivered' : 'done',
        reason: total === 0 ? 'no_watchers' : null,
        delivered,
        messages,
      };
    }
    const d = r.device_id ? places.get(r.device_id) : undefined;
    out.set(r.id, {
      watchers,
      place: d ? { address: d.address ?? null, area_name: d.area_name ?? null, location_in_home: d.location_in_home ?? null } : null,
    });
  }
  return out;
}

export async function getAlerts(ctx: AppContext, principal: Principal | null, meta: RequestMeta, q: AlertQuery) {
  const p = requireAccess(principal, 'alert:read');
  const personal = seesPersonalData(p);
  if (!personal && q.category === 'welfare') return { items: [] };
  const rows = await listAlerts(ctx.db, p.tenantId, {
    status: q.status,
    type: q.type,
    personId: q.person_id,
    category: personal ? q.category : 'technical',
    limit: q.limit ?? 200,
  });
  // The list shows names to roles with person:read, and where a device is (an address) to those
  // who fix devices: record whose, as one audit row (like the case list).
  const people = [...new Set(rows.filter((r) => (personal && r.person_name) || r.device_id).map((r) => r.person_id))];
  if (people.length)
    await audit(ctx.db, p, meta, ctx.clock.now(), [
      { action: 'search', entityType: 'person', entityId: null, detail: { via: 'alert_list', results: people } },
    ]);
  const extras = await extrasOf(ctx, p.tenantId, rows, personal);
  return { items: rows.map((r) => alertDto(r, personal, p, extras.get(r.id))) };
}

async function loadVisible(ctx: AppContext, p: Principal, id: string): Promise<AlertRow> {
  const row = await alertBase(ctx.db, p.tenantId).where('a.id', '=', id).executeTakeFirst();
  if (!row || !maySeeAlert(p, row.category)) throw new AppError(404, 'alert_not_found');
  return row;
}

export async function getAlert(ctx: AppContext, principal: Principal | null, meta: RequestMeta, id: string) {
  const p = requireAccess(principal, 'alert:read');
  const row = await loadVisible(ctx, p, id);
  const timeline = await alertTimeline(ctx.db, p.tenantId, id);
  await audit(ctx.db, p, meta, ctx.clock.now(), [
    { action: 'read', entityType: 'person', entityId: row.person_id, detail: { alert_id: id } },
  ]);
  const extras = await extrasOf(ctx, p.tenantId, [row], seesPersonalData(p));
  return {
    ...alertDto(row, seesPersonalData(p), p, extras.get(row.id)),
    timeline: timeline.map((e) => ({ id: e.id, kind: e.kind, at: e.at.toISOString(), by: e.by ?? null, data: e.data })),
  };
}

async function viewAfterChange(ctx: AppContext, p: Principal, id: string) {
  const row = await loadVisible(ctx, p, id);
  const extras = await extrasOf(ctx, p.tenantId, [row], seesPersonalData(p));
  return alertDto(row, seesPersonalData(p), p, extras.get(id));
}

export async function acknowledgeAlert(ctx: AppContext, principal: Principal | null, meta: RequestMeta, id: string) {
  const p = requireAccess(principal, 'alert:write');
  requireMayHandleAlert(p, (await loadVisible(ctx, p, id)).category);
  const now = ctx.clock.now();
  await withTransaction(ctx, async (trx, emit) => {
    const a = await lockAlert(trx, p.tenantId, id);
    if (!a) throw new AppError(404, 'alert_not_found');
    if (a.status !== 'active') throw new AppError(409, 'invalid_alert_transition', undefined, { from: a.status, to: 'acknowledged' });
    await updateAlertRow(trx, p.tenantId, id, { status: 'acknowledged', acknowledged_at: now, acknowledged_by: p.accountId });
    await insertAlertEvent(trx, p.tenantId, id, 'acknowledged', now, p.accountId);
    await audit(trx, p, meta, now, [
      { action: 'update', entityType: 'person', entityId: a.person_id, detail: { alert_id: id, acknowledged: true } },
    ]);
    emit({ tenantId: p.tenantId, type: 'alert.updated', id });
  });
  return viewAfterChange(ctx, p, id);
}

export async function resolveAlert(ctx: AppContext, principal: Principal | null, meta: RequestMeta, id: string, body: ResolveBody) {
  const p = requireAccess(principal, 'alert:write');
  requireMayHandleAlert(p, (await loadVisible(ctx, p, id)).category);
  const now = ctx.clock.now();
  await withTransaction(ctx, async (trx, emit) => {
    const a = await lockAlert(trx, p.tenantId, id);
    if (!a) throw new AppError(404, 'alert_not_found');
    if (a.status === 'resolved') throw new AppError(409, 'invalid_alert_transition', undefined, { from: a.status, to: 'resolved' });
    const implicitAck = a.status === 'active';
    await updateAlertRow(trx, p.tenantId, id, {
      status: 'resolved',
      outcome: body.outcome,
      resolved_at: now,
      resolved_by: p.accountId,
      resolved_via: 'staff',
      next_step_at: null,
      ...(implicitAck ? { acknowledged_at: now, acknowledged_by: p.accountId } : {}),
    });
    if (implicitAck) await insertAlertEvent(trx, p.tenantId, id, 'acknowledged', now, p.accountId, { implicit: true });
    await insertAlertEvent(trx, p.tenantId, id, 'resolved', now, p.accountId, {
      outcome: body.outcome,
      ...(body.note?.trim() ? { note: body.note.trim() } : {}),
    });
    await audit(trx, p, meta, now, [
      { action: 'update', entityType: 'person', entityId: a.person_id, detail: { alert_id: id, outcome: body.outcome } },
    ]);
    emit({ tenantId: p.tenantId, type: 'alert.updated', id });
  });
  return viewAfterChange(ctx, p, id);
}

// ---------------------------------------------------------------------------------------------
// For other modules (devices, check-ins): each writes in the caller's transaction.

export type { AlertSeverity, AlertType } from './alerts.tables.js';
export { type LadderTimings, ladderTimings } from './ladder.sweeper.js';

/** Alerts about the equipment, not the person: coordinators see them; a device that recovers resolves them. */
export const TECHNICAL_ALERT_TYPES = ['device_silent', 'battery_low'] as const;
export type TechnicalAlertType = (typeof TECHNICAL_ALERT_TYPES)[number];
const TECHNICAL: ReadonlySet<AlertType> = new Set(TECHNICAL_ALERT_TYPES);

export interface RaiseAlert {
  tenantId: string;
  personId: string;
  deviceId?: string | null;
  checkinPlanId?: string | null;
  type: AlertType;
  severity: AlertSeverity;
  detail?: Record<string, unknown>;
  at: Date;
}

/**
 * Raises an alert, or — when the same device (or check-in plan) already has an open alert of
 * this type — counts a repeat on it: one open alert per device and type. Welfare alerts start the
 * escalation ladder at once (next_step_at = at); technical alerts (silent device, low battery) go
 * to coordinators only. The event is published after the caller's transaction commits.
 */
export async function raiseAlert(db: DB, a: RaiseAlert, emit: Emit): Promise<{ id: string; created: boolean }> {
  const category = TECHNICAL.has(a.type) ? 'technical' : 'welfare';
  const detail = JSON.stringify(a.detail ?? {});
  const row = await insertOrRepeatAlert(db, {
    tenantId: a.tenantId,
    id: uuidv7(),
    personId: a.personId,
    deviceId: a.deviceId ?? null,
    checkinPlanId: a.checkinPlanId ?? null,
    type: a.type,
    category,
    severity: a.severity,
    detail,
    at: a.at,
    nextStepAt: category === 'welfare' ? a.at : null,
  });
  await insertAlertEvent(db, a.tenantId, row.id, row.created ? 'raised' : 'repeated', a.at, null, JSON.parse(detail));
  emit({ tenantId: a.tenantId, type: row.created ? 'alert.raised' : 'alert.updated', id: row.id });
  return row;
}

/**
 * Records something that bears on an open alert without changing its state (a check-in answered
 * while the alert for missed check-ins is open): whoever resolves it sees the evidence.
 */
export async function recordAlertEvidence(
  db: DB,
  emit: Emit,
  e: { tenantId: string; alertId: string; kind: string; at: Date; data: Record<string, unknown> },
): Promise<void> {
  await insertAlertEvent(db, e.tenantId, e.alertId, e.kind, e.at, null, e.data);
  emit({ tenantId: e.tenantId, type: 'alert.updated', id: e.alertId });
}

/** Ids of the open alerts raised for a check-in plan. */
export async function openAlertsOfCheckinPlan(db: DB, tenantId: string, planId: string): Promise<string[]> {
  return (await openAlertsOfPlan(db, tenantId, planId)).map((a) => a.id);
}

/** A tenant's open technical alerts, by device (the ingest path keeps them per app copy). */
export async function openTechnicalAlerts(db: DB, tenantId: string): Promise<Map<string, Set<TechnicalAlertType>>> {
  const out = new Map<string, Set<TechnicalAlertType>>();
  for (const r of await openTechnicalAlertRows(db, tenantId)) {
    if (!r.device_id || !TECHNICAL.has(r.type)) continue;
    let set = out.get(r.device_id);
    if (!set) out.set(r.device_id, (set = new Set()));
    set.add(r.type as TechnicalAlertType);
  }
  return out;
}

export interface DeviceRecovery {
  deviceId: string;
  type: TechnicalAlertType;
  /** What showed the recovery (the reading), recorded on the alert's timeline. */
  detail: Record<string, unknown>;
}

/**
 * Resolves open technical alerts whose device has recovered — a silent device that reports
 * again, a battery reported back at or above its low threshold — inside the caller's
 * transaction: outcome technical_fixed, resolved_via 'device', a `resolved` event with what the
 * device sent. Technical alerts only: a welfare alert is never resolved by a device. Returns the
 * ids resolved (an alert already resolved, or never raised, is left alone).
 */
export async function resolveRecoveredDeviceAlerts(
  db: DB,
  emit: Emit,
  tenantId: string,
  recoveries: DeviceRecovery[],
  at: Date,
): Promise<string[]> {
  const wanted = recoveries.filter((r) => TECHNICAL.has(r.type));
  if (wanted.length === 0) return [];
  const rows = await resolveTechnicalAlertRows(db, tenantId, wanted, at);
  for (const row of rows) {
    const r = wanted.find((w) => w.deviceId === row.device_id && w.type === row.type);
    await insertAlertEvent(db, tenantId, row.id, 'resolved', at, null, { outcome: 'technical_fixed', via: 'device', ...(r?.detail ?? {}) });
    emit({ tenantId, type: 'alert.updated', id: row.id });
  }
  return rows.map((r) => r.id);
}

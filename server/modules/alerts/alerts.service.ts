/**
 * Alerts for the hub console: list, detail (audited), acknowledge, resolve. Lifecycle
 * active → acknowledged → resolved; resolving an active alert records an implicit
 * acknowledgement. Resolving stops the escalation ladder. Roles without person:read
 * (coordinators) see technical alerts only (silent device, low battery), without names.
 */

import { uuidv7 } from 'uuidv7';
import { audit } from '../../access/audit.js';
import { maySeeAlert, seesPersonalData } from '../../access/policies.js';
import type { Principal, RequestMeta } from '../../access/principal.js';
import { requireAccess } from '../../access/require-access.js';
import type { AppContext } from '../../context.js';
import type { DB } from '../../db/database.js';
import type { Emit } from '../../db/transaction.js';
import { withTransaction } from '../../db/transaction.js';
import { AppError } from '../../errors.js';
import {
  type AlertRow,
  alertBase,
  alertTimeline,
  insertAlertEvent,
  insertOrRepeatAlert,
  listAlerts,
  lockAlert,
  openAlertsOfPlan,
  openTechnicalAlertRows,
  resolveTechnicalAlertRows,
  updateAlertRow,
} from './alerts.queries.js';
import type { AlertQuery, ResolveBody } from './alerts.schemas.js';
import type { AlertSeverity, AlertType } from './alerts.tables.js';

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function alertDto(r: AlertRow, withNames: boolean) {
  return {
    id: r.id,
    type: r.type,
    category: r.category,
    severity: r.severity,
    status: r.status,
    outcome: r.outcome,
    person_id: r.person_id,
    person_name: withNames ? (r.person_name ?? null) : null,
    device_id: r.device_id,
    device_type: r.device_type ?? null,
    location_in_home: r.location_in_home ?? null,
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
    },
    detail: r.detail,
  };
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
  // The list shows names to roles with person:read: record whose, as one audit row (like the case list).
  const people = personal ? [...new Set(rows.filter((r) => r.person_name).map((r) => r.person_id))] : [];
  if (people.length)
    await audit(ctx.db, p, meta, ctx.clock.now(), [
      { action: 'search', entityType: 'person', entityId: null, detail: { via: 'alert_list', results: people } },
    ]);
  return { items: rows.map((r) => alertDto(r, personal)) };
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
  return {
    ...alertDto(row, seesPersonalData(p)),
    timeline: timeline.map((e) => ({ id: e.id, kind: e.kind, at: e.at.toISOString(), by: e.by ?? null, data: e.data })),
  };
}

export async function acknowledgeAlert(ctx: AppContext, principal: Principal | null, meta: RequestMeta, id: string) {
  const p = requireAccess(principal, 'alert:write');
  await loadVisible(ctx, p, id);
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
  return alertDto(await loadVisible(ctx, p, id), seesPersonalData(p));
}

export async function resolveAlert(ctx: AppContext, principal: Principal | null, meta: RequestMeta, id: string, body: ResolveBody) {
  const p = requireAccess(principal, 'alert:write');
  await loadVisible(ctx, p, id);
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
  return alertDto(await loadVisible(ctx, p, id), seesPersonalData(p));
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

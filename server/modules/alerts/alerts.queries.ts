import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { DB } from '../../db/database.js';
import type { AlertSeverity, AlertType } from './alerts.tables.js';
import type { HubEvent } from '../../events/event-bus.js';

const TECHNICAL: ReadonlySet<AlertType> = new Set(['device_silent', 'battery_low']);

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
 * this type — counts a repeat on it: one open alert per device and type (partial unique indexes
 * alerts_open_device / alerts_open_checkin). Welfare alerts start the escalation ladder at once
 * (next_step_at = at); technical alerts (silent device, low battery) go to coordinators only.
 * Call inside the caller's transaction; the event is emitted after commit by withTransaction.
 */
export async function raiseAlert(db: DB, a: RaiseAlert, emit: (e: HubEvent) => void): Promise<{ id: string; created: boolean }> {
  const category = TECHNICAL.has(a.type) ? 'technical' : 'welfare';
  const id = uuidv7();
  const detail = JSON.stringify(a.detail ?? {});
  const nextStep = category === 'welfare' ? a.at : null;
  const conflict = a.deviceId
    ? sql`(tenant_id, device_id, type) WHERE status <> 'resolved' AND device_id IS NOT NULL`
    : sql`(tenant_id, checkin_plan_id, type) WHERE status <> 'resolved' AND checkin_plan_id IS NOT NULL`;
  const { rows } = await sql<{ id: string; created: boolean }>`
    INSERT INTO alerts AS x (tenant_id, id, person_id, device_id, checkin_plan_id, type, category, severity, status, detail,
      occurrences, raised_at, last_seen_at, next_step_at)
    VALUES (${a.tenantId}, ${id}, ${a.personId}, ${a.deviceId ?? null}, ${a.checkinPlanId ?? null}, ${a.type}, ${category},
      ${a.severity}, 'active', ${detail}, 1, ${a.at}, ${a.at}, ${nextStep})
    ON CONFLICT ${conflict} DO UPDATE SET occurrences = x.occurrences + 1, last_seen_at = EXCLUDED.last_seen_at,
      detail = x.detail || EXCLUDED.detail
    RETURNING id, (xmax = 0) AS created`.execute(db);
  const row = rows[0]!;
  await db.insertInto('alert_events').values({
    tenant_id: a.tenantId, id: uuidv7(), alert_id: row.id, kind: row.created ? 'raised' : 'repeated', at: a.at, actor_id: null, data: detail,
  }).execute();
  emit({ tenantId: a.tenantId, type: row.created ? 'alert.raised' : 'alert.updated', id: row.id });
  return row;
}

/** What the alert list and detail show: the alert with its device, person and acknowledger. */
export function alertBase(db: DB, tenantId: string) {
  return db
    .selectFrom('alerts as a')
    .leftJoin('people as p', (j) => j.onRef('p.tenant_id', '=', 'a.tenant_id').onRef('p.id', '=', 'a.person_id'))
    .leftJoin('watch_devices as d', (j) => j.onRef('d.tenant_id', '=', 'a.tenant_id').onRef('d.id', '=', 'a.device_id'))
    .leftJoin('accounts as u', (j) => j.onRef('u.tenant_id', '=', 'a.tenant_id').onRef('u.id', '=', 'a.acknowledged_by'))
    .selectAll('a')
    .select(['p.name as person_name', 'd.type as device_type', 'd.location_in_home', 'u.display_name as acknowledged_by_name'])
    .where('a.tenant_id', '=', tenantId);
}
export type AlertRow = Awaited<ReturnType<ReturnType<typeof alertBase>['executeTakeFirstOrThrow']>>;

export interface AlertFilter {
  status?: 'open' | 'active' | 'acknowledged' | 'resolved';
  type?: AlertType;
  personId?: string;
  category?: 'welfare' | 'technical';
  limit: number;
}

/** Newest first; `open` means active or acknowledged. */
export async function listAlerts(db: DB, tenantId: string, f: AlertFilter): Promise<AlertRow[]> {
  let q = alertBase(db, tenantId);
  if (f.status === 'open') q = q.where('a.status', '<>', 'resolved');
  else if (f.status) q = q.where('a.status', '=', f.status);
  if (f.type) q = q.where('a.type', '=', f.type);
  if (f.personId) q = q.where('a.person_id', '=', f.personId);
  if (f.category) q = q.where('a.category', '=', f.category);
  return q.orderBy('a.raised_at', 'desc').orderBy('a.id', 'desc').limit(f.limit).execute();
}

export async function lockAlert(db: DB, tenantId: string, id: string) {
  return db.selectFrom('alerts').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function insertAlertEvent(db: DB, tenantId: string, alertId: string, kind: string, at: Date, actorId: string | null, data: Record<string, unknown> = {}) {
  await db.insertInto('alert_events').values({ tenant_id: tenantId, id: uuidv7(), alert_id: alertId, kind, at, actor_id: actorId, data: JSON.stringify(data) }).execute();
}

export async function alertTimeline(db: DB, tenantId: string, alertId: string) {
  return db
    .selectFrom('alert_events as e')
    .leftJoin('accounts as u', (j) => j.onRef('u.tenant_id', '=', 'e.tenant_id').onRef('u.id', '=', 'e.actor_id'))
    .select(['e.id', 'e.kind', 'e.at', 'e.data', 'u.display_name as by'])
    .where('e.tenant_id', '=', tenantId)
    .where('e.alert_id', '=', alertId)
    .orderBy('e.at')
    .orderBy('e.id')
    .execute();
}

/** The person's watch settings JSON (shared with the device rules: unknown keys are kept). */
export async function watchSettingsOf(db: DB, tenantId: string, personId: string): Promise<Record<string, unknown>> {
  const row = await db.selectFrom('watch_settings').select('settings').where('tenant_id', '=', tenantId).where('person_id', '=', personId).executeTakeFirst();
  return (row?.settings as Record<string, unknown> | undefined) ?? {};
}

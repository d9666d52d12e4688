import { type Insertable, sql, type Updateable } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { DB } from '../../db/database.js';
import type { AlertsTable, AlertType, WatchersTable } from './alerts.tables.js';

/**
 * Inserts an alert, or counts a repeat on the open alert of the same device (or check-in plan)
 * and type (partial unique indexes alerts_open_device / alerts_open_checkin). Returns the alert's
 * id and whether it is new.
 */
export async function insertOrRepeatAlert(
  db: DB,
  a: {
    tenantId: string;
    id: string;
    personId: string;
    deviceId: string | null;
    checkinPlanId: string | null;
    type: AlertType;
    category: string;
    severity: string;
    detail: string;
    at: Date;
    nextStepAt: Date | null;
  },
): Promise<{ id: string; created: boolean }> {
  const conflict = a.deviceId
    ? sql`(tenant_id, device_id, type) WHERE status <> 'resolved' AND device_id IS NOT NULL`
    : sql`(tenant_id, checkin_plan_id, type) WHERE status <> 'resolved' AND checkin_plan_id IS NOT NULL`;
  const { rows } = await sql<{ id: string; created: boolean }>`
    INSERT INTO alerts AS x (tenant_id, id, person_id, device_id, checkin_plan_id, type, category, severity, status, detail,
      occurrences, raised_at, last_seen_at, next_step_at)
    VALUES (${a.tenantId}, ${a.id}, ${a.personId}, ${a.deviceId}, ${a.checkinPlanId}, ${a.type}, ${a.category},
      ${a.severity}, 'active', ${a.detail}, 1, ${a.at}, ${a.at}, ${a.nextStepAt})
    ON CONFLICT ${conflict} DO UPDATE SET occurrences = x.occurrences + 1, last_seen_at = EXCLUDED.last_seen_at,
      detail = x.detail || EXCLUDED.detail
    RETURNING id, (xmax = 0) AS created`.execute(db);
  return rows[0]!;
}

export async function updateAlertRow(db: DB, tenantId: string, id: string, set: Updateable<AlertsTable>): Promise<void> {
  await db.updateTable('alerts').set(set).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

/** The next alert whose ladder step is due, claimed for the caller's transaction (SKIP LOCKED). */
export async function claimDueLadderStep(db: DB, now: Date) {
  return db
    .selectFrom('alerts')
    .select([
      'tenant_id',
      'id',
      'person_id',
      'device_id',
      'type',
      'severity',
      'status',
      'raised_at',
      'watchers_notified_at',
      'hub_alerted_at',
      'case_opened_at',
      'case_id',
    ])
    .where('next_step_at', 'is not', null)
    .where('next_step_at', '<=', now)
    .where('status', '<>', 'resolved')
    .where('category', '=', 'welfare')
    .orderBy('next_step_at')
    .limit(1)
    .forUpdate()
    .skipLocked()
    .executeTakeFirst();
}

export async function activeWatchers(db: DB, tenantId: string, personId: string) {
  return db
    .selectFrom('watchers')
    .select(['id', 'channel', 'address', 'person_label'])
    .where('tenant_id', '=', tenantId)
    .where('person_id', '=', personId)
    .where('active', '=', true)
    .orderBy('priority')
    .orderBy('created_at')
    .execute();
}

/** Where in the home a device is (read from the devices module's table, for the concern's place text). */
export async function deviceLocationInHome(db: DB, tenantId: string, deviceId: string): Promise<string | null> {
  const d = await db
    .selectFrom('watch_devices')
    .select('location_in_home')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', deviceId)
    .executeTakeFirst();
  return d?.location_in_home ?? null;
}

/** The alert a watcher's link opens (by the token's hash), optionally locked. */
export async function alertByConfirmHash(db: DB, tokenHash: string, lock: boolean) {
  return db
    .selectFrom('alerts')
    .selectAll()
    .where('confirm_token_hash', '=', tokenHash)
    .$if(lock, (q) => q.forUpdate())
    .executeTakeFirst();
}

/** Open alerts raised for a check-in plan (missed check-ins). */
export async function openAlertsOfPlan(db: DB, tenantId: string, planId: string) {
  return db
    .selectFrom('alerts')
    .select(['id'])
    .where('tenant_id', '=', tenantId)
    .where('checkin_plan_id', '=', planId)
    .where('status', '<>', 'resolved')
    .execute();
}

export async function watchersOf(db: DB, tenantId: string, personId: string) {
  return db
    .selectFrom('watchers')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('person_id', '=', personId)
    .orderBy('priority')
    .orderBy('created_at')
    .execute();
}

export async function insertWatcher(db: DB, row: Insertable<WatchersTable>) {
  return db.insertInto('watchers').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function lockWatcher(db: DB, tenantId: string, id: string) {
  return db.selectFrom('watchers').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function updateWatcherRow(db: DB, tenantId: string, id: string, set: Updateable<WatchersTable>) {
  return db
    .updateTable('watchers')
    .set(set)
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteWatcherRow(db: DB, tenantId: string, id: string) {
  return db.deleteFrom('watchers').where('tenant_id', '=', tenantId).where('id', '=', id).returning('person_id').executeTakeFirst();
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

export async function insertAlertEvent(
  db: DB,
  tenantId: string,
  alertId: string,
  kind: string,
  at: Date,
  actorId: string | null,
  data: Record<string, unknown> = {},
) {
  await db
    .insertInto('alert_events')
    .values({ tenant_id: tenantId, id: uuidv7(), alert_id: alertId, kind, at, actor_id: actorId, data: JSON.stringify(data) })
    .execute();
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

/** The person's watch settings JSON (owned by the devices module; the ladder reads its timings). */
export async function watchSettingsOf(db: DB, tenantId: string, personId: string): Promise<Record<string, unknown>> {
  const row = await db
    .selectFrom('watch_settings')
    .select('settings')
    .where('tenant_id', '=', tenantId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
  return (row?.settings as Record<string, unknown> | undefined) ?? {};
}

/** A tenant's open technical alerts of devices (partial index alerts_open_technical). */
export async function openTechnicalAlertRows(db: DB, tenantId: string) {
  return db
    .selectFrom('alerts')
    .select(['id', 'device_id', 'type'])
    .where('tenant_id', '=', tenantId)
    .where('category', '=', 'technical')
    .where('status', '<>', 'resolved')
    .where('device_id', 'is not', null)
    .execute();
}

/**
 * Resolves the open technical alerts of the given (device, type) pairs as fixed by the device
 * itself; welfare alerts are never touched (category = 'technical'). Returns what it resolved.
 */
export async function resolveTechnicalAlertRows(db: DB, tenantId: string, pairs: { deviceId: string; type: AlertType }[], at: Date) {
  const { rows } = await sql<{ id: string; device_id: string; type: AlertType }>`
    UPDATE alerts a SET status = 'resolved', outcome = 'technical_fixed', resolved_at = ${at}, resolved_via = 'device', next_step_at = NULL
    FROM unnest(${`{${pairs.map((p) => p.deviceId).join(',')}}`}::uuid[], ${`{${pairs.map((p) => p.type).join(',')}}`}::text[]) AS u(d, t)
    WHERE a.tenant_id = ${tenantId} AND a.device_id = u.d AND a.type = u.t AND a.category = 'technical' AND a.status <> 'resolved'
    RETURNING a.id, a.device_id, a.type`.execute(db);
  return rows;
}

/** The watcher step's event (notified or skipped) of each alert, latest first per alert. */
export async function watcherStepEvents(db: DB, tenantId: string, alertIds: string[]) {
  if (alertIds.length === 0) return [];
  return db
    .selectFrom('alert_events')
    .select(['alert_id', 'kind', 'data'])
    .where('tenant_id', '=', tenantId)
    .where('alert_id', 'in', alertIds)
    .where('kind', 'in', ['watchers_notified', 'watchers_skipped'])
    .orderBy('at', 'desc')
    .execute();
}

/**
 * The outbox rows of watcher messages (read from the notifications module's table, by their
 * dedupe keys `watch:{alert}:{watcher}`) with the watcher they went to: what became of each.
 */
export async function watcherMessageRows(db: DB, tenantId: string, keys: string[]) {
  if (keys.length === 0) return [];
  return db
    .selectFrom('outbox as o')
    .leftJoin('watchers as w', (j) =>
      j.onRef('w.tenant_id', '=', 'o.tenant_id').on(sql`w.id::text`, '=', sql`split_part(o.dedupe_key, ':', 3)`),
    )
    .select([
      'o.dedupe_key',
      'o.kind',
      'o.sent_at',
      'o.failed_at',
      'o.last_error',
      'w.name as watcher_name',
      'w.relation as watcher_relation',
    ])
    .where('o.tenant_id', '=', tenantId)
    .where('o.dedupe_key', 'in', keys)
    .execute();
}

/** Where a device is: the person's address and area and the room (no name, no welfare data). */
export async function devicePlaces(db: DB, tenantId: string, deviceIds: string[]) {
  if (deviceIds.length === 0) return [];
  return db
    .selectFrom('watch_devices as d')
    .innerJoin('people as p', (j) => j.onRef('p.tenant_id', '=', 'd.tenant_id').onRef('p.id', '=', 'd.person_id'))
    .leftJoin('areas as ar', (j) => j.onRef('ar.tenant_id', '=', 'p.tenant_id').onRef('ar.id', '=', 'p.area_id'))
    .select(['d.id', 'd.location_in_home', 'p.address', 'ar.name as area_name'])
    .where('d.tenant_id', '=', tenantId)
    .where('d.id', 'in', deviceIds)
    .execute();
}

import { type Insertable, sql, type Updateable } from 'kysely';
import type { DB } from '../../db/database.js';
import type { IngestCredentialsTable, WatchDevicesTable, WatchSettings } from './devices.tables.js';

const DEVICE_COLUMNS = [
  'd.tenant_id',
  'd.id',
  'd.person_id',
  'd.device_key',
  'd.type',
  'd.vendor',
  'd.vendor_device_id',
  'd.location_in_home',
  'd.status',
  'd.token_hash',
  'd.token_rotated_at',
  'd.created_at',
  'd.updated_at',
  's.last_seen_at',
  's.last_activity_at',
  's.battery',
  's.last_power_w',
  's.standby_since',
] as const;

function devicesWithState(db: DB, tenantId: string) {
  return db
    .selectFrom('watch_devices as d')
    .leftJoin('device_state as s', (j) => j.onRef('s.tenant_id', '=', 'd.tenant_id').onRef('s.device_id', '=', 'd.id'))
    .select(DEVICE_COLUMNS)
    .where('d.tenant_id', '=', tenantId);
}

export type DeviceRow = Awaited<ReturnType<typeof findDevice>> & object;

export function findDevice(db: DB, tenantId: string, id: string) {
  return devicesWithState(db, tenantId).where('d.id', '=', id).executeTakeFirst();
}

export function personDevices(db: DB, tenantId: string, personId: string) {
  return devicesWithState(db, tenantId).where('d.person_id', '=', personId).orderBy('d.created_at').execute();
}

export async function insertDevice(db: DB, row: Insertable<WatchDevicesTable>, silenceDueAt: Date): Promise<void> {
  await db.insertInto('watch_devices').values(row).execute();
  // A device that never reports is silent too: arm the silence deadline at registration.
  await db
    .insertInto('device_state')
    .values({
      tenant_id: row.tenant_id,
      device_id: row.id,
      last_seen_at: null,
      last_activity_at: null,
      battery: null,
      last_power_w: null,
      standby_since: null,
      inactivity_due_at: null,
      standby_due_at: null,
      silence_due_at: silenceDueAt,
      updated_at: row.created_at,
    })
    .execute();
}

export function listCredentials(db: DB, tenantId: string) {
  return db
    .selectFrom('ingest_credentials')
    .select(['id', 'label', 'readings_per_minute', 'created_at', 'revoked_at'])
    .where('tenant_id', '=', tenantId)
    .orderBy('created_at', 'desc')
    .execute();
}

/** Devices of a tenant by device_key (the ingest cache's misses, one query). */
export function devicesByKeys(db: DB, tenantId: string, keys: string[]) {
  return db
    .selectFrom('watch_devices')
    .select(['id', 'device_key', 'person_id', 'type', 'status'])
    .where('tenant_id', '=', tenantId)
    .where('device_key', '=', sql<string>`ANY(${keys}::text[])`)
    .execute();
}

/** Stored watch settings of the given people (the ingest cache's misses, one query). */
export function watchSettingsRows(db: DB, tenantId: string, personIds: string[]) {
  return db
    .selectFrom('watch_settings')
    .select(['person_id', 'settings'])
    .where('tenant_id', '=', tenantId)
    .where('person_id', '=', sql<string>`ANY(${personIds}::uuid[])`)
    .execute();
}

/** The tenants (at most two: enough to tell "one" from "several") whose active devices use this key. */
export async function tenantsUsingDeviceKey(db: DB, deviceKey: string): Promise<string[]> {
  const rows = await db
    .selectFrom('watch_devices')
    .select('tenant_id')
    .distinct()
    .where('device_key', '=', deviceKey)
    .where('status', '<>', 'retired')
    .limit(2)
    .execute();
  return rows.map((r) => r.tenant_id);
}

/** Tenant id by slug (MQTT topics name the tenant by slug). */
export async function tenantIdBySlug(db: DB, slug: string): Promise<string | null> {
  const row = await db.selectFrom('tenants').select('id').where('slug', '=', slug).executeTakeFirst();
  return row?.id ?? null;
}

export async function storedWatchSettings(db: DB, tenantId: string, personId: string): Promise<Record<string, unknown>> {
  const row = await db
    .selectFrom('watch_settings')
    .select('settings')
    .where('tenant_id', '=', tenantId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
  return (row?.settings as Record<string, unknown> | undefined) ?? {};
}

/** Merges keys into a person's settings in one statement (others written meanwhile are kept); removed keys go. */
export async function mergeWatchSettings(
  db: DB,
  tenantId: string,
  personId: string,
  patch: Record<string, unknown>,
  removed: string[],
  now: Date,
) {
  const { rows } = await sql<{ settings: Record<string, unknown> }>`
    INSERT INTO watch_settings (tenant_id, person_id, settings, updated_at)
    VALUES (${tenantId}, ${personId}, (${JSON.stringify(patch)}::jsonb) - ${removed}::text[], ${now})
    ON CONFLICT (tenant_id, person_id) DO UPDATE SET settings = (watch_settings.settings || EXCLUDED.settings) - ${removed}::text[], updated_at = EXCLUDED.updated_at
    RETURNING settings`.execute(db);
  return rows[0]!.settings;
}

/** The deadline state of a person's devices, locked (a settings change re-arms their deadlines). */
export async function lockPersonDeviceStates(db: DB, tenantId: string, personId: string) {
  const { rows } = await sql<{
    device_id: string;
    status: string;
    last_seen_at: Date | null;
    last_activity_at: Date | null;
    standby_since: Date | null;
    inactivity_due_at: Date | null;
    standby_due_at: Date | null;
    silence_due_at: Date | null;
  }>`
    SELECT s.device_id, d.status, s.last_seen_at, s.last_activity_at, s.standby_since, s.inactivity_due_at, s.standby_due_at, s.silence_due_at
    FROM device_state s JOIN watch_devices d ON d.tenant_id = s.tenant_id AND d.id = s.device_id
    WHERE s.tenant_id = ${tenantId} AND d.person_id = ${personId}
    ORDER BY s.device_id
    FOR UPDATE OF s`.execute(db);
  return rows;
}

export async function setDeviceDeadlines(
  db: DB,
  tenantId: string,
  deviceId: string,
  due: { inactivity: Date | null; standby: Date | null; silence: Date | null },
): Promise<void> {
  await db
    .updateTable('device_state')
    .set({ inactivity_due_at: due.inactivity, standby_due_at: due.standby, silence_due_at: due.silence })
    .where('tenant_id', '=', tenantId)
    .where('device_id', '=', deviceId)
    .execute();
}

export async function deviceKeyTaken(db: DB, tenantId: string, deviceKey: string): Promise<boolean> {
  return !!(await db
    .selectFrom('watch_devices')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('device_key', '=', deviceKey)
    .executeTakeFirst());
}

export async function updateDeviceRow(db: DB, tenantId: string, id: string, set: Updateable<WatchDevicesTable>): Promise<void> {
  await db.updateTable('watch_devices').set(set).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

export async function insertCredential(db: DB, row: Insertable<IngestCredentialsTable>): Promise<void> {
  await db.insertInto('ingest_credentials').values(row).execute();
}

export async function lockCredential(db: DB, tenantId: string, id: string) {
  return db
    .selectFrom('ingest_credentials')
    .select(['id', 'label', 'readings_per_minute', 'created_at', 'revoked_at'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function updateCredentialRow(db: DB, tenantId: string, id: string, set: Updateable<IngestCredentialsTable>): Promise<void> {
  await db.updateTable('ingest_credentials').set(set).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

export async function revokeCredentialRow(db: DB, tenantId: string, id: string, now: Date): Promise<void> {
  await db.updateTable('ingest_credentials').set({ revoked_at: now }).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

// --- The deadline rules (devices.sweeper.ts) -------------------------------------------------

export interface DueDevice {
  tenant_id: string;
  device_id: string;
  person_id: string;
  status: string;
  device_key: string;
  last_seen_at: Date | null;
  last_activity_at: Date | null;
  last_power_w: number | null;
  standby_since: Date | null;
}

export type DueColumn = 'inactivity_due_at' | 'standby_due_at' | 'silence_due_at';

/** Device states whose deadline in `column` has passed, claimed for the caller's transaction (SKIP LOCKED). */
export async function claimDueDevices(db: DB, column: DueColumn, now: Date, limit: number): Promise<DueDevice[]> {
  const { rows } = await sql<DueDevice>`
    SELECT s.tenant_id, s.device_id, d.person_id, d.status, d.device_key, s.last_seen_at, s.last_activity_at, s.last_power_w, s.standby_since
    FROM device_state s JOIN watch_devices d ON d.tenant_id = s.tenant_id AND d.id = s.device_id
    WHERE s.${sql.ref(column)} <= ${now}
    ORDER BY s.${sql.ref(column)}
    LIMIT ${limit}
    FOR UPDATE OF s SKIP LOCKED`.execute(db);
  return rows;
}

export async function setDueAt(db: DB, column: DueColumn, row: { tenant_id: string; device_id: string }, due: Date | null): Promise<void> {
  await sql`UPDATE device_state SET ${sql.ref(column)} = ${due} WHERE tenant_id = ${row.tenant_id} AND device_id = ${row.device_id}`.execute(
    db,
  );
}

/** Stored watch settings of several people (any tenants). */
export async function watchSettingsOfPeople(db: DB, people: { tenant_id: string; person_id: string }[]) {
  const { rows } = await sql<{ tenant_id: string; person_id: string; settings: WatchSettings }>`
    SELECT tenant_id, person_id, settings FROM watch_settings
    WHERE (tenant_id, person_id) IN (SELECT * FROM unnest(${people.map((r) => r.tenant_id)}::uuid[], ${people.map((r) => r.person_id)}::uuid[]))`.execute(
    db,
  );
  return rows;
}

/** The last activity on each active device of several people. */
export async function lastActivityOfPeople(db: DB, people: { tenant_id: string; person_id: string }[]) {
  const { rows } = await sql<{ tenant_id: string; person_id: string; device_id: string; last_activity_at: Date }>`
    SELECT d.tenant_id, d.person_id, s.device_id, s.last_activity_at
    FROM watch_devices d JOIN device_state s ON s.tenant_id = d.tenant_id AND s.device_id = d.id
    WHERE (d.tenant_id, d.person_id) IN (SELECT * FROM unnest(${people.map((r) => r.tenant_id)}::uuid[], ${people.map((r) => r.person_id)}::uuid[]))
      AND d.status = 'active' AND s.last_activity_at IS NOT NULL`.execute(db);
  return rows;
}

export async function allTenantIds(db: DB) {
  return db.selectFrom('tenants').select('id').execute();
}

/** The day's profile check of a tenant, claimed once across app copies (false: another copy has it). */
export async function claimDailyCheck(db: DB, tenantId: string, day: string, now: Date): Promise<boolean> {
  const { rows } = await sql`INSERT INTO device_daily_checks (tenant_id, day, done_at) VALUES (${tenantId}, ${day}::date, ${now})
    ON CONFLICT DO NOTHING RETURNING day`.execute(db);
  return rows.length > 0;
}

export async function recordDailyCheck(db: DB, tenantId: string, day: string, devices: number, alerts: number): Promise<void> {
  await sql`UPDATE device_daily_checks SET devices = ${devices}, alerts = ${alerts} WHERE tenant_id = ${tenantId} AND day = ${day}::date`.execute(
    db,
  );
}

export interface PowerDay {
  device_id: string;
  day: string;
  n_w: number;
  avg_w: number | null;
  morning_w: number | null;
  e_wh: number | null;
  morning_wh: number | null;
}

/** Per device and local day in [from, to): power readings' count and averages, energy sums, morning (05–11h) parts. */
export async function powerDays(db: DB, tenantId: string, from: Date, to: Date): Promise<PowerDay[]> {
  const { rows } = await sql<PowerDay>`
    SELECT device_id, ((ts AT TIME ZONE 'Asia/Tokyo')::date)::text AS day,
      count(*) FILTER (WHERE kind = 'power_w') AS n_w,
      avg(value) FILTER (WHERE kind = 'power_w') AS avg_w,
      avg(value) FILTER (WHERE kind = 'power_w' AND extract(hour FROM ts AT TIME ZONE 'Asia/Tokyo') BETWEEN 5 AND 10) AS morning_w,
      sum(value) FILTER (WHERE kind = 'energy_wh') AS e_wh,
      sum(value) FILTER (WHERE kind = 'energy_wh' AND extract(hour FROM ts AT TIME ZONE 'Asia/Tokyo') BETWEEN 5 AND 10) AS morning_wh
    FROM telemetry
    WHERE tenant_id = ${tenantId} AND kind IN ('power_w', 'energy_wh') AND ts >= ${from} AND ts < ${to}
    GROUP BY 1, 2`.execute(db);
  return rows;
}

export async function devicesByIds(db: DB, tenantId: string, ids: string[]) {
  return db
    .selectFrom('watch_devices')
    .select(['id', 'person_id', 'status', 'device_key'])
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', ids)
    .execute();
}

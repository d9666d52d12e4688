import type { DB } from '../../db/database.js';
import type { WatchDevicesTable } from './devices.tables.js';
import { type Insertable, sql } from 'kysely';

const DEVICE_COLUMNS = ['d.tenant_id', 'd.id', 'd.person_id', 'd.device_key', 'd.type', 'd.vendor', 'd.vendor_device_id', 'd.location_in_home', 'd.status',
  'd.token_hash', 'd.token_rotated_at', 'd.created_at', 'd.updated_at', 's.last_seen_at', 's.last_activity_at', 's.battery', 's.last_power_w', 's.standby_since'] as const;

function devicesWithState(db: DB, tenantId: string) {
  return db.selectFrom('watch_devices as d')
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
  await db.insertInto('device_state').values({
    tenant_id: row.tenant_id, device_id: row.id, last_seen_at: null, last_activity_at: null, battery: null, last_power_w: null,
    standby_since: null, inactivity_due_at: null, standby_due_at: null, silence_due_at: silenceDueAt, updated_at: row.created_at,
  }).execute();
}

export function listCredentials(db: DB, tenantId: string) {
  return db.selectFrom('ingest_credentials').select(['id', 'label', 'created_at', 'revoked_at'])
    .where('tenant_id', '=', tenantId).orderBy('created_at', 'desc').execute();
}

/** Devices of a tenant by device_key (the ingest cache's misses, one query). */
export function devicesByKeys(db: DB, tenantId: string, keys: string[]) {
  return db.selectFrom('watch_devices').select(['id', 'device_key', 'person_id', 'type', 'status'])
    .where('tenant_id', '=', tenantId).where('device_key', '=', sql<string>`ANY(${keys}::text[])`).execute();
}

/** Stored watch settings of the given people (the ingest cache's misses, one query). */
export function watchSettingsRows(db: DB, tenantId: string, personIds: string[]) {
  return db.selectFrom('watch_settings').select(['person_id', 'settings'])
    .where('tenant_id', '=', tenantId).where('person_id', '=', sql<string>`ANY(${personIds}::uuid[])`).execute();
}

/** Tenant id by slug (MQTT topics name the tenant by slug). */
export async function tenantIdBySlug(db: DB, slug: string): Promise<string | null> {
  const row = await db.selectFrom('tenants').select('id').where('slug', '=', slug).executeTakeFirst();
  return row?.id ?? null;
}

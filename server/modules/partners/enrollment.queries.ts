/**
 * One-time enrollment codes and the device tokens they turn into: Kysely functions taking
 * (db | trx) first. Codes are looked up by hash alone (the redeeming phone has no tenant yet);
 * everything else is scoped by tenant_id.
 */
import type { Insertable } from 'kysely';
import type { DB } from '../../db/database.js';
import type { DeviceTokensTable, EnrollmentCodesTable } from './partners.tables.js';

export async function insertEnrollmentCode(db: DB, row: Insertable<EnrollmentCodesTable>): Promise<void> {
  await db.insertInto('enrollment_codes').values(row).execute();
}

/**
 * Marks the code used, atomically: of concurrent callers with the same code exactly one gets
 * the row (the others wait on its lock, then see used_at set and get nothing).
 */
export function claimEnrollmentCode(db: DB, codeHash: string, now: Date, deviceId: string) {
  return db
    .updateTable('enrollment_codes')
    .set({ used_at: now, device_id: deviceId })
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returningAll()
    .executeTakeFirst();
}

/** Why a code could not be claimed: unknown, used or expired. */
export function enrollmentCodeState(db: DB, codeHash: string) {
  return db.selectFrom('enrollment_codes').select(['used_at', 'expires_at']).where('code_hash', '=', codeHash).executeTakeFirst();
}

export async function insertDeviceToken(db: DB, row: Insertable<DeviceTokensTable>): Promise<void> {
  await db.insertInto('device_tokens').values(row).execute();
}

function devicesQuery(db: DB, tenantId: string) {
  return db
    .selectFrom('device_tokens as d')
    .leftJoin('partners as p', (j) => j.onRef('p.tenant_id', '=', 'd.tenant_id').onRef('p.id', '=', 'd.partner_id'))
    .leftJoin('accounts as a', (j) => j.onRef('a.tenant_id', '=', 'd.tenant_id').onRef('a.id', '=', 'd.account_id'))
    .select([
      'd.id',
      'd.kind',
      'd.partner_id',
      'p.name as partner_name',
      'd.account_id',
      'a.display_name as account_name',
      'd.label',
      'd.user_agent',
      'd.created_at',
      'd.last_used_at',
      'd.revoked_at',
    ])
    .where('d.tenant_id', '=', tenantId)
    .orderBy('d.revoked_at', (o) => o.desc().nullsFirst())
    .orderBy('d.created_at', 'desc');
}

export type DeviceRow = NonNullable<Awaited<ReturnType<typeof findDevice>>>;

/** Enrolled phones, live ones first, then the newest; at most `limit`. */
export function listDeviceRows(db: DB, tenantId: string, filter: { partnerId?: string; kind?: 'partner' | 'supporter' }, limit: number) {
  let q = devicesQuery(db, tenantId);
  if (filter.partnerId) q = q.where('d.partner_id', '=', filter.partnerId);
  if (filter.kind) q = q.where('d.kind', '=', filter.kind);
  return q.limit(limit).execute();
}

/** One enrolled phone with its partner's and account's names. */
export function findDevice(db: DB, tenantId: string, id: string) {
  return devicesQuery(db, tenantId).where('d.id', '=', id).executeTakeFirst();
}

export function lockDeviceToken(db: DB, tenantId: string, id: string) {
  return db
    .selectFrom('device_tokens')
    .select(['revoked_at'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function revokeDeviceToken(db: DB, tenantId: string, id: string, now: Date, by: string): Promise<void> {
  await db
    .updateTable('device_tokens')
    .set({ revoked_at: now, revoked_by: by })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute();
}

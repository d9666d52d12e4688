/** Partners' Open311 API keys: Kysely functions taking (db | trx) first, scoped by tenant_id. */
import type { Insertable } from 'kysely';
import type { DB } from '../../db/database.js';
import type { ApiKeysTable } from './partners.tables.js';

/** Every column but the key hash (never leaves the database) and the tenant. */
const COLUMNS = ['id', 'partner_id', 'label', 'created_at', 'last_used_at', 'revoked_at'] as const;

export function apiKeysOfPartner(db: DB, tenantId: string, partnerId: string) {
  return db
    .selectFrom('api_keys')
    .select([...COLUMNS])
    .where('tenant_id', '=', tenantId)
    .where('partner_id', '=', partnerId)
    .orderBy('created_at', 'desc')
    .execute();
}

export async function insertApiKey(db: DB, row: Insertable<ApiKeysTable>): Promise<void> {
  await db.insertInto('api_keys').values(row).execute();
}

export function lockApiKey(db: DB, tenantId: string, id: string) {
  return db
    .selectFrom('api_keys')
    .select([...COLUMNS])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function revokeApiKeyRow(db: DB, tenantId: string, id: string, now: Date): Promise<void> {
  await db.updateTable('api_keys').set({ revoked_at: now }).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

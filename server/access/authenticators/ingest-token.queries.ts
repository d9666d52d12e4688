/** SQL of device tokens and ingestion credentials (the rows belong to the devices module). */
import type { DB } from '../../db/database.js';

export async function findWatchDeviceByTokenHash(db: DB, tokenHash: string) {
  return db
    .selectFrom('watch_devices')
    .select(['tenant_id', 'id', 'device_key', 'status'])
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export async function findIngestCredentialByHash(db: DB, tokenHash: string) {
  return db
    .selectFrom('ingest_credentials')
    .select(['tenant_id', 'id', 'revoked_at', 'readings_per_minute'])
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
}

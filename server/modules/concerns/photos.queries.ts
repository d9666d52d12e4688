import type { Insertable } from 'kysely';
import type { DB } from '../../db/database.js';
import type { ConcernPhotosTable } from './concerns.tables.js';

export async function concernForPhoto(db: DB, tenantId: string, concernId: string) {
  return db
    .selectFrom('concerns')
    .select(['reporter_account_id', 'received_at'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', concernId)
    .executeTakeFirst();
}

/** Locks the concern row so parallel uploads cannot pass the photo count together. */
export async function lockConcernForPhotos(db: DB, tenantId: string, concernId: string): Promise<void> {
  await db.selectFrom('concerns').select('id').where('tenant_id', '=', tenantId).where('id', '=', concernId).forUpdate().execute();
}

export async function photoIdempotent(db: DB, tenantId: string, principal: string, key: string) {
  return db
    .selectFrom('idempotency_keys')
    .select('response')
    .where('tenant_id', '=', tenantId)
    .where('principal', '=', principal)
    .where('key', '=', key)
    .executeTakeFirst();
}

/** Claims an idempotency key for a photo upload; false when it was claimed before. */
export async function claimPhotoKey(
  db: DB,
  tenantId: string,
  principal: string,
  key: string,
  response: unknown,
  now: Date,
): Promise<boolean> {
  const claimed = await db
    .insertInto('idempotency_keys')
    .values({ tenant_id: tenantId, principal, key, request_hash: '', response: JSON.stringify(response), created_at: now })
    .onConflict((oc) => oc.doNothing())
    .returning('key')
    .executeTakeFirst();
  return !!claimed;
}

export async function countPhotos(db: DB, tenantId: string, concernId: string): Promise<number> {
  const n = await db
    .selectFrom('concern_photos')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tenant_id', '=', tenantId)
    .where('concern_id', '=', concernId)
    .executeTakeFirstOrThrow();
  return Number(n.n);
}

export async function insertPhoto(db: DB, row: Insertable<ConcernPhotosTable>): Promise<void> {
  await db.insertInto('concern_photos').values(row).execute();
}

export async function photosOf(db: DB, tenantId: string, concernId: string) {
  return db
    .selectFrom('concern_photos')
    .select(['id', 'width', 'height', 'size'])
    .where('tenant_id', '=', tenantId)
    .where('concern_id', '=', concernId)
    .orderBy('created_at')
    .execute();
}

export async function photoBytes(db: DB, tenantId: string, concernId: string, photoId: string) {
  return db
    .selectFrom('concern_photos')
    .select(['bytes', 'content_type'])
    .where('tenant_id', '=', tenantId)
    .where('concern_id', '=', concernId)
    .where('id', '=', photoId)
    .executeTakeFirst();
}

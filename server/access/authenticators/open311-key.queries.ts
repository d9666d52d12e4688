/** SQL of Open311 API keys (the api_keys rows are issued by the partners module). */
import type { DB } from '../../db/database.js';

export async function findApiKeyByHash(db: DB, keyHash: string) {
  return db
    .selectFrom('api_keys as k')
    .innerJoin('tenants as t', 't.id', 'k.tenant_id')
    .leftJoin('partners as p', (j) => j.onRef('p.tenant_id', '=', 'k.tenant_id').onRef('p.id', '=', 'k.partner_id'))
    .select(['k.tenant_id', 'k.id', 'k.partner_id', 'k.revoked_at', 'k.last_used_at', 't.slug', 't.name', 'p.status as partner_status'])
    .where('k.key_hash', '=', keyHash)
    .executeTakeFirst();
}

export async function touchApiKey(db: DB, tenantId: string, id: string, now: Date): Promise<void> {
  await db.updateTable('api_keys').set({ last_used_at: now }).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

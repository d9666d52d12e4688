/** SQL of enrolled phones' bearer tokens (device_tokens; issued by partners/enrollment). */
import type { DB } from '../../db/database.js';

/** The token's row with its account (supporters) or partner (partners' phones). */
export async function findPhoneToken(db: DB, tokenHash: string) {
  return db
    .selectFrom('device_tokens as d')
    .leftJoin('accounts as a', (j) => j.onRef('a.tenant_id', '=', 'd.tenant_id').onRef('a.id', '=', 'd.account_id'))
    .leftJoin('partners as p', (j) => j.onRef('p.tenant_id', '=', 'd.tenant_id').onRef('p.id', '=', 'd.partner_id'))
    .select([
      'd.tenant_id',
      'd.id',
      'd.kind',
      'd.partner_id',
      'd.account_id',
      'd.label',
      'd.revoked_at',
      'd.last_used_at',
      'a.role as account_role',
      'a.disabled_at',
      'a.display_name',
      'a.locale',
      'a.partner_id as account_partner_id',
      'p.name as partner_name',
      'p.status as partner_status',
    ])
    .where('d.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/** last_used_at is informational, written at most hourly by the caller. */
export async function touchPhoneToken(db: DB, tenantId: string, id: string, now: Date): Promise<void> {
  await db.updateTable('device_tokens').set({ last_used_at: now }).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

import type { DB } from '../../db/database.js';

export async function listAccounts(db: DB, tenantId: string) {
  return db
    .selectFrom('accounts')
    .select(['id', 'email', 'display_name', 'role', 'hub_id', 'partner_id', 'locale', 'disabled_at', 'created_at'])
    .where('tenant_id', '=', tenantId)
    .orderBy('role')
    .orderBy('email')
    .execute();
}

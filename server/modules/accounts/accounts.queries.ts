import { type Insertable, sql, type Updateable } from 'kysely';
import type { DB } from '../../db/database.js';
import type { AccountsTable } from './accounts.tables.js';

export async function listAccounts(db: DB, tenantId: string) {
  return db
    .selectFrom('accounts')
    .select([
      'id',
      'email',
      'display_name',
      'role',
      'hub_id',
      'partner_id',
      'locale',
      'disabled_at',
      'created_at',
      'password_change_required',
    ])
    .where('tenant_id', '=', tenantId)
    .orderBy('role')
    .orderBy('email')
    .execute();
}

/** The tenant's account with this email (emails are unique per tenant, not across tenants). */
export async function findByEmail(db: DB, tenantId: string, email: string) {
  return db
    .selectFrom('accounts')
    .select(['id', 'email'])
    .where('tenant_id', '=', tenantId)
    .where(sql`lower(email)`, '=', email.toLowerCase())
    .executeTakeFirst();
}

/** Inserts an account; false when the tenant already has one with this email (or this id). */
export async function insertAccount(db: DB, row: Insertable<AccountsTable>): Promise<boolean> {
  const r = await db
    .insertInto('accounts')
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function lockAccount(db: DB, tenantId: string, id: string) {
  return db.selectFrom('accounts').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function updateAccountRow(db: DB, tenantId: string, id: string, set: Updateable<AccountsTable>) {
  return db
    .updateTable('accounts')
    .set(set)
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .returning(['id', 'email', 'display_name', 'role', 'hub_id', 'disabled_at', 'password_change_required'])
    .executeTakeFirstOrThrow();
}

export async function activeAccount(db: DB, tenantId: string, id: string) {
  return db
    .selectFrom('accounts')
    .select(['id', 'role', 'display_name', 'hub_id', 'email', 'locale'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
}

export async function accountName(db: DB, tenantId: string, id: string) {
  return db.selectFrom('accounts').select('display_name').where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

export async function accountNames(db: DB, tenantId: string, ids: string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('accounts').select(['id', 'display_name']).where('tenant_id', '=', tenantId).where('id', 'in', ids).execute();
}

/** Active accounts with one of the roles, of one hub (or of the whole tenant when hubId is null). */
export async function activeAccountsWithRoles(db: DB, tenantId: string, roles: string[], hubId: string | null) {
  return db
    .selectFrom('accounts')
    .select(['id', 'email', 'locale', 'role'])
    .where('tenant_id', '=', tenantId)
    .where('role', 'in', roles as never[])
    .where('disabled_at', 'is', null)
    .$if(hubId !== null, (q) => q.where('hub_id', '=', hubId!))
    .orderBy('id')
    .execute();
}

export async function hubExists(db: DB, tenantId: string, hubId: string): Promise<boolean> {
  return !!(await db.selectFrom('hubs').select('id').where('tenant_id', '=', tenantId).where('id', '=', hubId).executeTakeFirst());
}

export async function partnerExists(db: DB, tenantId: string, partnerId: string): Promise<boolean> {
  return !!(await db.selectFrom('partners').select('id').where('tenant_id', '=', tenantId).where('id', '=', partnerId).executeTakeFirst());
}

/** The tenant's active admins, locked: two admins disabling each other at once cannot both succeed. */
export async function lockActiveAdmins(db: DB, tenantId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('accounts')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('role', '=', 'admin')
    .where('disabled_at', 'is', null)
    .orderBy('id')
    .forUpdate()
    .execute();
  return rows.map((r) => r.id);
}

/** SQL of login and sessions (access owns credentials; the accounts module owns account records). */
import type { DB } from '../../db/database.js';
import type { SessionsTable } from '../credentials.tables.js';

/**
 * Accounts with this email, in any municipality (emails are unique per tenant), or only in the
 * one whose slug is given; at most `limit`, oldest tenant first.
 */
export async function findAccountsByEmail(db: DB, email: string, tenantSlug: string | undefined, limit: number) {
  return db
    .selectFrom('accounts')
    .innerJoin('tenants', 'tenants.id', 'accounts.tenant_id')
    .selectAll('accounts')
    .select('tenants.slug as tenant_slug')
    .where((eb) => eb(eb.fn('lower', ['accounts.email']), '=', email.toLowerCase()))
    .$if(tenantSlug !== undefined, (q) => q.where('tenants.slug', '=', tenantSlug!))
    .orderBy('tenants.created_at')
    .orderBy('accounts.tenant_id')
    .limit(limit)
    .execute();
}

export async function findSessionWithAccount(db: DB, tokenHash: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('accounts', (j) => j.onRef('accounts.tenant_id', '=', 'sessions.tenant_id').onRef('accounts.id', '=', 'sessions.account_id'))
    .select([
      'sessions.token_hash',
      'sessions.tenant_id',
      'sessions.account_id',
      'sessions.csrf_token',
      'sessions.last_seen_at',
      'sessions.idle_expires_at',
      'sessions.absolute_expires_at',
      'accounts.role',
      'accounts.hub_id',
      'accounts.partner_id',
      'accounts.display_name',
      'accounts.locale',
      'accounts.disabled_at',
      'accounts.email',
      'accounts.password_change_required',
    ])
    .where('sessions.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export async function touchSession(db: DB, tokenHash: string, now: Date, idleExpiresAt: Date): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: now, idle_expires_at: idleExpiresAt }).where('token_hash', '=', tokenHash).execute();
}

export async function deleteSession(db: DB, tokenHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}

export async function insertSession(db: DB, row: SessionsTable): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

/** Deletes every session of an account (disabled, new role, new password). */
export async function deleteAccountSessions(db: DB, tenantId: string, accountId: string): Promise<void> {
  await db.deleteFrom('sessions').where('tenant_id', '=', tenantId).where('account_id', '=', accountId).execute();
}

/** Expired sessions are useless: the housekeeping loop deletes them. */
export async function deleteExpiredSessions(db: DB, now: Date): Promise<void> {
  await db
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('idle_expires_at', '<', now), eb('absolute_expires_at', '<', now)]))
    .execute();
}

/** The account changing its own password: what the new one is judged against. */
export async function accountForPasswordChange(db: DB, tenantId: string, accountId: string) {
  return db
    .selectFrom('accounts')
    .innerJoin('tenants', 'tenants.id', 'accounts.tenant_id')
    .select(['accounts.password_hash', 'accounts.email', 'accounts.display_name', 'tenants.slug', 'tenants.name'])
    .where('accounts.tenant_id', '=', tenantId)
    .where('accounts.id', '=', accountId)
    .forUpdate('accounts')
    .executeTakeFirst();
}

/** Sets an account's own new password and clears "must change at next login". */
export async function setOwnPassword(db: DB, tenantId: string, accountId: string, passwordHash: string): Promise<void> {
  await db
    .updateTable('accounts')
    .set({ password_hash: passwordHash, password_change_required: false })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', accountId)
    .execute();
}

/** Ends every session of an account but one (the one that changed the password). */
export async function deleteOtherSessions(db: DB, tenantId: string, accountId: string, keepTokenHash: string): Promise<void> {
  await db
    .deleteFrom('sessions')
    .where('tenant_id', '=', tenantId)
    .where('account_id', '=', accountId)
    .where('token_hash', '<>', keepTokenHash)
    .execute();
}

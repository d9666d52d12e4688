import type { DB } from '../../db/database.js';

export async function findAccountByEmail(db: DB, email: string) {
  return db
    .selectFrom('accounts')
    .innerJoin('tenants', 'tenants.id', 'accounts.tenant_id')
    .selectAll('accounts')
    .select('tenants.slug as tenant_slug')
    .where((eb) => eb(eb.fn('lower', ['accounts.email']), '=', email.toLowerCase()))
    .executeTakeFirst();
}

export async function findSessionWithAccount(db: DB, tokenHash: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('accounts', (j) => j.onRef('accounts.tenant_id', '=', 'sessions.tenant_id').onRef('accounts.id', '=', 'sessions.account_id'))
    .select([
      'sessions.token_hash', 'sessions.tenant_id', 'sessions.account_id', 'sessions.csrf_token', 'sessions.last_seen_at',
      'sessions.idle_expires_at', 'sessions.absolute_expires_at', 'accounts.role', 'accounts.hub_id', 'accounts.partner_id',
      'accounts.display_name', 'accounts.locale', 'accounts.disabled_at', 'accounts.email',
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

export async function listAccounts(db: DB, tenantId: string) {
  return db
    .selectFrom('accounts')
    .select(['id', 'email', 'display_name', 'role', 'hub_id', 'partner_id', 'locale', 'disabled_at', 'created_at'])
    .where('tenant_id', '=', tenantId)
    .orderBy('role')
    .orderBy('email')
    .execute();
}

/** SQL of login and sessions (access owns credentials; the accounts module owns account records). */
import { sql } from 'kysely';
import type { DB } from '../../db/database.js';
import type { SessionsTable } from '../credentials.tables.js';

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

/**
 * Counts a login attempt against one throttle key in one atomic upsert and returns the count and
 * lock: parallel guesses serialise on the row and each sees the count so far.
 */
export async function countLoginAttempt(db: DB, key: string, now: Date, windowStart: Date, lockUntil: Date, max: number) {
  const { rows } = await sql<{ failures: number; locked_until: Date | null }>`
    INSERT INTO login_throttle AS t (key, failures, window_started_at, locked_until)
    VALUES (${key}, 1, ${now}, NULL)
    ON CONFLICT (key) DO UPDATE SET
      failures = CASE WHEN t.window_started_at < ${windowStart} AND (t.locked_until IS NULL OR t.locked_until <= ${now}) THEN 1 ELSE t.failures + 1 END,
      window_started_at = CASE WHEN t.window_started_at < ${windowStart} AND (t.locked_until IS NULL OR t.locked_until <= ${now}) THEN ${now} ELSE t.window_started_at END,
      locked_until = CASE
        WHEN t.locked_until > ${now} THEN t.locked_until
        WHEN t.window_started_at >= ${windowStart} AND t.failures + 1 > ${max} THEN ${lockUntil}::timestamptz
        ELSE NULL END
    RETURNING failures, locked_until`.execute(db);
  return rows[0]!;
}

export async function clearLoginThrottle(db: DB, keys: string[]): Promise<void> {
  await db.deleteFrom('login_throttle').where('key', 'in', keys).execute();
}

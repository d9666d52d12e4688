/**
 * Login, logout and session resolution. Sessions live in PostgreSQL (any app copy can serve
 * any request); the cookie holds a random token and the table only its SHA-256, so a leaked
 * database does not leak live sessions. Throttling is per email and per client address.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { sql } from 'kysely';
import { audit } from '../../access/audit.js';
import type { Principal, RequestMeta } from '../../access/principal.js';
import type { AppContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { deleteSession, findAccountByEmail, findSessionWithAccount, getThrottle, touchSession } from './accounts.queries.js';
import { dummyHash, verifyPassword } from './passwords.js';

export const SESSION_COOKIE = 'tsunagari_session';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

export interface LoginResult {
  token: string;
  csrfToken: string;
  principal: Principal;
  tenantSlug: string;
  idleExpiresAt: Date;
  absoluteExpiresAt: Date;
}

async function checkThrottle(ctx: AppContext, keys: string[], now: Date): Promise<void> {
  for (const key of keys) {
    const row = await getThrottle(ctx.db, key);
    if (row?.locked_until && row.locked_until > now) {
      const minutes = Math.ceil((row.locked_until.getTime() - now.getTime()) / 60000);
      throw new AppError(429, 'login_throttled', undefined, { minutes });
    }
  }
}

async function recordFailure(ctx: AppContext, keys: string[], now: Date): Promise<void> {
  const windowStart = new Date(now.getTime() - ctx.config.loginLockMinutes * 60000);
  const lockUntil = new Date(now.getTime() + ctx.config.loginLockMinutes * 60000);
  for (const key of keys) {
    // One statement per key: a failure inside the window counts, an old window restarts at 1.
    await sql`
      INSERT INTO login_throttle (key, failures, window_started_at, locked_until)
      VALUES (${key}, 1, ${now}, NULL)
      ON CONFLICT (key) DO UPDATE SET
        failures = CASE WHEN login_throttle.window_started_at < ${windowStart} THEN 1 ELSE login_throttle.failures + 1 END,
        window_started_at = CASE WHEN login_throttle.window_started_at < ${windowStart} THEN ${now} ELSE login_throttle.window_started_at END,
        locked_until = CASE
          WHEN login_throttle.window_started_at >= ${windowStart} AND login_throttle.failures + 1 >= ${ctx.config.loginMaxFailures}
          THEN ${lockUntil}::timestamptz ELSE NULL END`.execute(ctx.db);
  }
}

export async function login(ctx: AppContext, email: string, password: string, meta: RequestMeta): Promise<LoginResult> {
  const now = ctx.clock.now();
  const keys = [`email:${email.toLowerCase()}`, ...(meta.ip ? [`ip:${meta.ip}`] : [])];
  await checkThrottle(ctx, keys, now);
  const account = await findAccountByEmail(ctx.db, email);
  const ok = account && !account.disabled_at ? await verifyPassword(account.password_hash, password) : (await verifyPassword(await dummyHash(), password), false);
  if (!account || !ok) {
    await recordFailure(ctx, keys, now);
    if (account) {
      await audit(ctx.db, { tenantId: account.tenant_id, accountId: account.id, role: account.role }, meta, now, [
        { action: 'login_failed', entityType: 'account', entityId: account.id },
      ]);
    }
    throw new AppError(401, 'invalid_credentials');
  }
  await ctx.db.deleteFrom('login_throttle').where('key', 'in', keys).execute();
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  const idleExpiresAt = new Date(now.getTime() + ctx.config.sessionIdleMinutes * 60000);
  const absoluteExpiresAt = new Date(now.getTime() + ctx.config.sessionAbsoluteHours * 3600000);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('sessions')
      .values({
        token_hash: hashToken(token), tenant_id: account.tenant_id, account_id: account.id, csrf_token: csrfToken,
        created_at: now, last_seen_at: now, idle_expires_at: idleExpiresAt, absolute_expires_at: absoluteExpiresAt,
        ip: meta.ip, user_agent: meta.userAgent?.slice(0, 300) ?? null,
      })
      .execute();
    await audit(trx, { tenantId: account.tenant_id, accountId: account.id, role: account.role }, meta, now, [
      { action: 'login', entityType: 'account', entityId: account.id },
    ]);
  });
  return {
    token, csrfToken, tenantSlug: account.tenant_slug, idleExpiresAt, absoluteExpiresAt,
    principal: {
      tenantId: account.tenant_id, accountId: account.id, role: account.role, hubId: account.hub_id,
      partnerId: account.partner_id, displayName: account.display_name, locale: account.locale,
    },
  };
}

export interface ResolvedSession {
  principal: Principal;
  csrfToken: string;
  tokenHash: string;
  email: string;
}

/** The principal behind a session cookie, or null when it is unknown, expired or disabled. */
export async function resolveSession(ctx: AppContext, token: string): Promise<ResolvedSession | null> {
  const tokenHash = hashToken(token);
  const row = await findSessionWithAccount(ctx.db, tokenHash);
  if (!row) return null;
  const now = ctx.clock.now();
  if (row.disabled_at || row.idle_expires_at <= now || row.absolute_expires_at <= now) {
    await deleteSession(ctx.db, tokenHash);
    return null;
  }
  // Sliding idle expiry, written at most once a minute so busy clients do not write per request.
  if (now.getTime() - row.last_seen_at.getTime() > 60_000) {
    const idle = new Date(Math.min(now.getTime() + ctx.config.sessionIdleMinutes * 60000, row.absolute_expires_at.getTime()));
    await touchSession(ctx.db, tokenHash, now, idle);
  }
  return {
    tokenHash, csrfToken: row.csrf_token, email: row.email,
    principal: {
      tenantId: row.tenant_id, accountId: row.account_id, role: row.role, hubId: row.hub_id,
      partnerId: row.partner_id, displayName: row.display_name, locale: row.locale,
    },
  };
}

export async function logout(ctx: AppContext, session: ResolvedSession, meta: RequestMeta): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await deleteSession(trx, session.tokenHash);
    await audit(trx, session.principal, meta, ctx.clock.now(), [{ action: 'logout', entityType: 'session', entityId: null }]);
  });
}

export function csrfMatches(expected: string, given: string | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

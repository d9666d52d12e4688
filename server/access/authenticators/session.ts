/**
 * Login, logout and session resolution. Sessions live in PostgreSQL (any app copy can serve
 * any request); the cookie holds a random token and the table only its SHA-256, so a leaked
 * database does not leak live sessions. Throttling is per email and per client address.
 */
import { timingSafeEqual } from 'node:crypto';
import type { AppContext } from '../../context.js';
import type { DB } from '../../db/database.js';
import { withTransaction } from '../../db/transaction.js';
import { AppError } from '../../errors.js';
import { audit } from '../audit.js';
import { dummyHash, verifyPassword } from '../passwords.js';
import type { Principal, RequestMeta } from '../principal.js';
import { hashSecret, newSecret } from '../secrets.js';
import {
  clearLoginThrottle,
  countLoginAttempt,
  deleteAccountSessions,
  deleteExpiredSessions,
  deleteSession,
  findAccountByEmail,
  findSessionWithAccount,
  insertSession,
  touchSession,
} from './session.queries.js';

export const SESSION_COOKIE = 'tsunagari_session';

export const hashToken = hashSecret;

export interface LoginResult {
  token: string;
  csrfToken: string;
  principal: Principal;
  tenantSlug: string;
  idleExpiresAt: Date;
  absoluteExpiresAt: Date;
}

/**
 * Counts this attempt against every throttle key in one atomic upsert per key, before the
 * password is checked: parallel guesses serialise on the row and each sees the count so far, so
 * no burst gets more than LOGIN_MAX_FAILURES password checks per window. A success clears the keys.
 */
async function countAttempt(ctx: AppContext, keys: string[], now: Date): Promise<void> {
  const windowStart = new Date(now.getTime() - ctx.config.loginLockMinutes * 60000);
  const lockUntil = new Date(now.getTime() + ctx.config.loginLockMinutes * 60000);
  const max = ctx.config.loginMaxFailures;
  for (const key of keys) {
    const row = await countLoginAttempt(ctx.db, key, now, windowStart, lockUntil, max);
    if ((row.locked_until && row.locked_until > now) || row.failures > max) {
      const until = row.locked_until ?? lockUntil;
      throw new AppError(429, 'login_throttled', undefined, { minutes: Math.ceil((until.getTime() - now.getTime()) / 60000) });
    }
  }
}

export async function login(ctx: AppContext, email: string, password: string, meta: RequestMeta): Promise<LoginResult> {
  const now = ctx.clock.now();
  const keys = [`email:${email.toLowerCase()}`, ...(meta.ip ? [`ip:${meta.ip}`] : [])];
  await countAttempt(ctx, keys, now);
  const account = await findAccountByEmail(ctx.db, email);
  // An unknown or disabled account still costs one password check, so timing does not tell.
  let ok = false;
  if (account && !account.disabled_at) ok = await verifyPassword(account.password_hash, password);
  else await verifyPassword(await dummyHash(), password);
  if (!account || !ok) {
    if (account) {
      await audit(ctx.db, { tenantId: account.tenant_id, accountId: account.id, role: account.role }, meta, now, [
        { action: 'login_failed', entityType: 'account', entityId: account.id },
      ]);
    }
    throw new AppError(401, 'invalid_credentials');
  }
  await clearLoginThrottle(ctx.db, keys);
  const token = newSecret();
  const csrfToken = newSecret();
  const idleExpiresAt = new Date(now.getTime() + ctx.config.sessionIdleMinutes * 60000);
  const absoluteExpiresAt = new Date(now.getTime() + ctx.config.sessionAbsoluteHours * 3600000);
  await withTransaction(ctx, async (trx) => {
    await insertSession(trx, {
      token_hash: hashToken(token),
      tenant_id: account.tenant_id,
      account_id: account.id,
      csrf_token: csrfToken,
      created_at: now,
      last_seen_at: now,
      idle_expires_at: idleExpiresAt,
      absolute_expires_at: absoluteExpiresAt,
      ip: meta.ip,
      user_agent: meta.userAgent?.slice(0, 300) ?? null,
    });
    await audit(trx, { tenantId: account.tenant_id, accountId: account.id, role: account.role }, meta, now, [
      { action: 'login', entityType: 'account', entityId: account.id },
    ]);
  });
  return {
    token,
    csrfToken,
    tenantSlug: account.tenant_slug,
    idleExpiresAt,
    absoluteExpiresAt,
    principal: {
      tenantId: account.tenant_id,
      accountId: account.id,
      role: account.role,
      hubId: account.hub_id,
      partnerId: account.partner_id,
      displayName: account.display_name,
      locale: account.locale,
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
/**
 * Resolved sessions are kept in memory for SESSION_CACHE_MS (default 2 s) so a busy client costs
 * one query per request, not two. Logout and account changes clear the entries at once in this
 * app copy; another copy may honour a revoked session for at most that long.
 */
interface CachedSession {
  session: ResolvedSession;
  at: number;
  lastSeen: number;
  idleExpires: number;
  absoluteExpires: number;
}
const sessionCaches = new WeakMap<object, Map<string, CachedSession>>();
const MAX_CACHED = 10_000;

function cacheOf(ctx: AppContext): Map<string, CachedSession> {
  let c = sessionCaches.get(ctx.db);
  if (!c) sessionCaches.set(ctx.db, (c = new Map()));
  return c;
}

/** Forgets cached sessions of an account (or all), e.g. after it was disabled. */
export function forgetSessions(ctx: AppContext, accountId?: string): void {
  const c = cacheOf(ctx);
  if (!accountId) {
    c.clear();
    return;
  }
  for (const [k, v] of c) if (v.session.principal.accountId === accountId) c.delete(k);
}

export async function resolveSession(ctx: AppContext, token: string): Promise<ResolvedSession | null> {
  const tokenHash = hashToken(token);
  const now = ctx.clock.now();
  const cache = cacheOf(ctx);
  const hit = cache.get(tokenHash);
  const t = now.getTime();
  if (hit && t - hit.at < ctx.config.sessionCacheMs && t < hit.idleExpires && t < hit.absoluteExpires && t - hit.lastSeen <= 60_000) {
    return hit.session;
  }
  cache.delete(tokenHash);
  const row = await findSessionWithAccount(ctx.db, tokenHash);
  if (!row) return null;
  if (row.disabled_at || row.idle_expires_at <= now || row.absolute_expires_at <= now) {
    await deleteSession(ctx.db, tokenHash);
    return null;
  }
  // Sliding idle expiry, written at most once a minute so busy clients do not write per request.
  if (now.getTime() - row.last_seen_at.getTime() > 60_000) {
    const idle = new Date(Math.min(now.getTime() + ctx.config.sessionIdleMinutes * 60000, row.absolute_expires_at.getTime()));
    await touchSession(ctx.db, tokenHash, now, idle);
  }
  const session: ResolvedSession = {
    tokenHash,
    csrfToken: row.csrf_token,
    email: row.email,
    principal: {
      tenantId: row.tenant_id,
      accountId: row.account_id,
      role: row.role,
      hubId: row.hub_id,
      partnerId: row.partner_id,
      displayName: row.display_name,
      locale: row.locale,
    },
  };
  if (ctx.config.sessionCacheMs > 0) {
    if (cache.size >= MAX_CACHED) cache.clear();
    const touched = now.getTime() - row.last_seen_at.getTime() > 60_000;
    cache.set(tokenHash, {
      session,
      at: t,
      lastSeen: touched ? t : row.last_seen_at.getTime(),
      idleExpires: touched
        ? Math.min(t + ctx.config.sessionIdleMinutes * 60000, row.absolute_expires_at.getTime())
        : row.idle_expires_at.getTime(),
      absoluteExpires: row.absolute_expires_at.getTime(),
    });
  }
  return session;
}

export async function logout(ctx: AppContext, session: ResolvedSession, meta: RequestMeta): Promise<void> {
  cacheOf(ctx).delete(session.tokenHash);
  await withTransaction(ctx, async (trx) => {
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

/** Ends every session of an account (disabled, new role, new password), in the caller's transaction. */
export async function endAccountSessions(ctx: AppContext, db: DB, tenantId: string, accountId: string): Promise<void> {
  await deleteAccountSessions(db, tenantId, accountId);
  forgetSessions(ctx, accountId);
}

/** Housekeeping: sessions past their idle or absolute expiry. */
export async function purgeExpiredSessions(ctx: AppContext): Promise<void> {
  await deleteExpiredSessions(ctx.db, ctx.clock.now());
}

/**
 * Login, logout and session resolution. Sessions live in PostgreSQL (any app copy can serve
 * any request); the cookie holds a random token and the table only its SHA-256, so a leaked
 * database does not leak live sessions. Throttling: login-throttle.ts.
 *
 * An email is unique within a municipality, not across them. Login checks the password against
 * every account with the email (at most MAX_CANDIDATES, one argon2 check each, a disabled one
 * against a dummy hash); with no account it still costs one check, so timing does not tell an
 * unknown email from a known one. One match logs in; several ask for the municipality (409
 * tenant_required, naming none), which only someone who knows the password ever sees.
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
import { countLoginAttempt, loginKeys, loginSucceeded } from './login-throttle.js';
import {
  deleteAccountSessions,
  deleteExpiredSessions,
  deleteSession,
  findAccountsByEmail,
  findSessionWithAccount,
  insertSession,
  touchSession,
} from './session.queries.js';

export const SESSION_COOKIE = 'tsunagari_session';

export const hashToken = hashSecret;

/** Accounts checked per login: an email in more municipalities than this needs the `tenant` field. */
export const MAX_CANDIDATES = 10;

export interface LoginInput {
  email: string;
  password: string;
  /** The municipality's slug, when the email has accounts in several. */
  tenant?: string;
}

export interface LoginResult {
  token: string;
  csrfToken: string;
  principal: Principal;
  tenantSlug: string;
  passwordChangeRequired: boolean;
  idleExpiresAt: Date;
  absoluteExpiresAt: Date;
}

/** One argon2 check: against the account's hash, or a dummy one (disabled, invited, none). */
async function check(hash: string | null, password: string): Promise<boolean> {
  if (hash?.startsWith('$argon2')) return verifyPassword(hash, password);
  await verifyPassword(await dummyHash(), password);
  return false;
}

export async function login(ctx: AppContext, input: LoginInput, meta: RequestMeta): Promise<LoginResult> {
  const now = ctx.clock.now();
  const keys = loginKeys(input.email, meta.ip);
  await countLoginAttempt(ctx, keys, now);
  const candidates = await findAccountsByEmail(ctx.db, input.email, input.tenant, MAX_CANDIDATES);
  const matches: typeof candidates = [];
  if (candidates.length === 0) await check(null, input.password);
  for (const a of candidates) {
    if (await check(a.disabled_at ? null : a.password_hash, input.password)) matches.push(a);
  }
  if (matches.length === 0) {
    for (const a of candidates) {
      await audit(ctx.db, { tenantId: a.tenant_id, accountId: a.id, role: a.role }, meta, now, [
        { action: 'login_failed', entityType: 'account', entityId: a.id },
      ]);
    }
    throw new AppError(401, 'invalid_credentials');
  }
  // The password was right: not a guess, whatever follows.
  await loginSucceeded(ctx.db, keys, now);
  if (matches.length > 1) throw new AppError(409, 'tenant_required');
  const account = matches[0]!;
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
    passwordChangeRequired: account.password_change_required,
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
  /** Until the account changes its password, this session may only do that (and see itself, log out). */
  passwordChangeRequired: boolean;
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
    passwordChangeRequired: row.password_change_required,
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

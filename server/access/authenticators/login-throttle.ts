/**
 * Login throttling that stops guessing without handing anyone a lockout weapon. Attempts count
 * in PostgreSQL (so the limit holds across app copies and parallel requests) under two keys:
 *
 * - (email, client): LOGIN_MAX_FAILURES per window. Guessing one person's password from one
 *   address locks that address for that email only; the person still logs in from theirs.
 *   Known and unknown emails count alike, so the throttle does not tell which exist.
 * - client: LOGIN_CLIENT_MAX_FAILURES per window, larger (a whole office may sit behind one
 *   NAT). Stops one address from spraying many emails.
 *
 * The first lock lasts LOGIN_LOCK_MINUTES, each further lock of the same key twice as long, up
 * to a day; a key quiet for a day starts again. IPv6 clients count per /64 (one subscriber's
 * whole prefix), IPv4-mapped addresses as IPv4.
 */
import { isIPv6 } from 'node:net';
import type { AppContext } from '../../context.js';
import type { DB } from '../../db/database.js';
import { AppError } from '../../errors.js';
import { hashSecret } from '../secrets.js';
import { countAttemptRow, deleteQuietKeys, deleteThrottleKeys, type ThrottleRule, takeBackAttempt } from './login-throttle.queries.js';

const DAY_MS = 86_400_000;

/** The client part of a key: an IPv4 address, or the /64 prefix of an IPv6 one. */
export function clientOf(ip: string | null | undefined): string {
  if (!ip) return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (!isIPv6(ip)) return ip;
  const [head, tail = ''] = ip.toLowerCase().split('::');
  const h = head ? head.split(':') : [];
  const tl = tail ? tail.split(':') : [];
  const groups = ip.includes('::') ? [...h, ...Array(8 - h.length - tl.length).fill('0'), ...tl] : h;
  return `${groups
    .slice(0, 4)
    .map((g) => Number.parseInt(g || '0', 16).toString(16))
    .join(':')}::/64`;
}

export interface AttemptKeys {
  /** Per (email, client). */
  account: string;
  /** Per client. */
  client: string;
}

/** The keys of a login attempt; the email only as its SHA-256, so the table holds no addresses. */
export function loginKeys(email: string, ip: string | null | undefined): AttemptKeys {
  const client = clientOf(ip);
  return { account: `ec:${hashSecret(email.toLowerCase())}|${client}`, client: `c:${client}` };
}

function rules(ctx: AppContext): { account: ThrottleRule; client: ThrottleRule } {
  const windowMs = ctx.config.loginLockMinutes * 60_000;
  const capMs = Math.max(DAY_MS, windowMs);
  return {
    account: { max: ctx.config.loginMaxFailures, windowMs, capMs, forgetMs: DAY_MS },
    client: { max: ctx.config.loginClientMaxFailures, windowMs, capMs, forgetMs: DAY_MS },
  };
}

/** 429 login_throttled with Retry-After (seconds) and the minutes in the message. */
function throttled(lockedUntil: Date, now: Date): AppError {
  const retryAfterS = Math.max(1, Math.ceil((lockedUntil.getTime() - now.getTime()) / 1000));
  return new AppError(429, 'login_throttled', undefined, { retryAfterS, minutes: Math.ceil(retryAfterS / 60) });
}

/**
 * Counts a login attempt, before the password is checked, so no burst gets more checks than the
 * limits allow: the (email, client) key first (a locked one refuses without touching the client
 * key), then the client key. Throws 429 login_throttled when either is locked.
 */
export async function countLoginAttempt(ctx: AppContext, keys: AttemptKeys, now: Date): Promise<void> {
  const r = rules(ctx);
  const account = await countAttemptRow(ctx.db, keys.account, now, r.account);
  if (account.locked_until && account.locked_until > now) throw throttled(account.locked_until, now);
  const client = await countAttemptRow(ctx.db, keys.client, now, r.client);
  if (client.locked_until && client.locked_until > now) throw throttled(client.locked_until, now);
}

/**
 * The attempt was not a guess (the password matched): the (email, client) key is forgotten and
 * the attempt taken back from the client key, so an office's logins never add up to a lock.
 */
export async function loginSucceeded(db: DB, keys: AttemptKeys, now: Date): Promise<void> {
  await deleteThrottleKeys(db, [keys.account]);
  await takeBackAttempt(db, keys.client, now);
}

/**
 * One key with the per-account rule (the current password when changing it: a stolen session
 * must not become a way to guess it). Throws 429 login_throttled when locked.
 */
export async function countKeyAttempt(ctx: AppContext, key: string, now: Date): Promise<void> {
  const row = await countAttemptRow(ctx.db, key, now, rules(ctx).account);
  if (row.locked_until && row.locked_until > now) throw throttled(row.locked_until, now);
}

export async function forgetKey(db: DB, key: string): Promise<void> {
  await deleteThrottleKeys(db, [key]);
}

/** Housekeeping: keys neither counting nor locked for a day. */
export async function purgeLoginThrottle(ctx: AppContext): Promise<void> {
  await deleteQuietKeys(ctx.db, new Date(ctx.clock.now().getTime() - DAY_MS));
}

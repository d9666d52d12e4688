/**
 * Fixed-window rate limiting in PostgreSQL, so the limit holds across app copies and cannot be
 * bypassed by parallel requests: each hit is one atomic upsert that returns the window's count.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { AppError } from '../errors.js';

function windowOf(now: Date, windowMs: number): Date {
  return new Date(Math.floor(now.getTime() / windowMs) * windowMs);
}

/** Counts one hit for `key` in the current window and returns the window's count including it. */
export async function countHit(db: Kysely<Database>, key: string, now: Date, windowMs: number): Promise<number> {
  const { rows } = await sql<{ count: number }>`
    INSERT INTO rate_limits (key, window_start, count) VALUES (${key}, ${windowOf(now, windowMs)}, 1)
    ON CONFLICT (key, window_start) DO UPDATE SET count = rate_limits.count + 1
    RETURNING count`.execute(db);
  return rows[0]!.count;
}

/** Gives a hit back (e.g. a successful enrollment, so a room of phones enrolling is not throttled). */
export async function refundHit(db: Kysely<Database>, key: string, now: Date, windowMs: number): Promise<void> {
  await sql`UPDATE rate_limits SET count = greatest(count - 1, 0) WHERE key = ${key} AND window_start = ${windowOf(now, windowMs)}`.execute(db);
}

/** Counts a hit and refuses with 429 rate_limited past `max` in the window. */
export async function hitRateLimit(db: Kysely<Database>, key: string, now: Date, windowMs: number, max: number): Promise<void> {
  const windowStart = windowOf(now, windowMs);
  const count = await countHit(db, key, now, windowMs);
  if (count > max) {
    const retryAfterS = Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000);
    throw new AppError(429, 'rate_limited', undefined, { retryAfterS });
  }
}

/** Old windows are useless: the housekeeping loop deletes them. */
export async function purgeRateLimits(db: Kysely<Database>, before: Date): Promise<void> {
  await sql`DELETE FROM rate_limits WHERE window_start < ${before}`.execute(db);
}

/**
 * Fixed-window rate limiting in PostgreSQL, so the limit holds across app copies and cannot be
 * bypassed by parallel requests: each hit is one atomic upsert that returns the window's count.
 */
import type { DB } from '../db/database.js';
import { AppError } from '../errors.js';
import { addHit, deleteWindowsBefore, takeBackHit } from './rate-limit.queries.js';

function windowOf(now: Date, windowMs: number): Date {
  return new Date(Math.floor(now.getTime() / windowMs) * windowMs);
}

/** Counts one hit for `key` in the current window and returns the window's count including it. */
export async function countHit(db: DB, key: string, now: Date, windowMs: number): Promise<number> {
  return addHit(db, key, windowOf(now, windowMs));
}

/** Gives a hit back (e.g. a successful enrollment, so a room of phones enrolling is not throttled). */
export async function refundHit(db: DB, key: string, now: Date, windowMs: number): Promise<void> {
  await takeBackHit(db, key, windowOf(now, windowMs));
}

/** Counts a hit and refuses with 429 rate_limited past `max` in the window. */
export async function hitRateLimit(db: DB, key: string, now: Date, windowMs: number, max: number): Promise<void> {
  const windowStart = windowOf(now, windowMs);
  const count = await countHit(db, key, now, windowMs);
  if (count > max) {
    const retryAfterS = Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000);
    throw new AppError(429, 'rate_limited', undefined, { retryAfterS });
  }
}

/** Old windows are useless: the housekeeping loop deletes them. */
export async function purgeRateLimits(db: DB, before: Date): Promise<void> {
  await deleteWindowsBefore(db, before);
}

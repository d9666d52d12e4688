/**
 * Fixed-window rate limiting in PostgreSQL, so the limit holds across app copies and cannot be
 * bypassed by parallel requests: each hit is one atomic upsert that returns the window's count.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { AppError } from '../errors.js';

export async function hitRateLimit(db: Kysely<Database>, key: string, now: Date, windowMs: number, max: number): Promise<void> {
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const { rows } = await sql<{ count: number }>`
    INSERT INTO rate_limits (key, window_start, count) VALUES (${key}, ${windowStart}, 1)
    ON CONFLICT (key, window_start) DO UPDATE SET count = rate_limits.count + 1
    RETURNING count`.execute(db);
  if (rows[0]!.count > max) {
    const retryAfterS = Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000);
    throw new AppError(429, 'rate_limited', undefined, { retryAfterS });
  }
}

/** Old windows are useless: the housekeeping loop deletes them. */
export async function purgeRateLimits(db: Kysely<Database>, before: Date): Promise<void> {
  await sql`DELETE FROM rate_limits WHERE window_start < ${before}`.execute(db);
}

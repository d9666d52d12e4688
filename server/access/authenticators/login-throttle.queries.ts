/** SQL of login throttling: one row per key in login_throttle, each attempt one atomic upsert. */
import { sql } from 'kysely';
import type { DB } from '../../db/database.js';

export interface ThrottleRule {
  /** Attempts allowed in one window; the next one locks the key. */
  max: number;
  /** Length of a counting window, and of the first lock. */
  windowMs: number;
  /** Longest lock (each further lock doubles, up to this). */
  capMs: number;
  /** After this long without attempts or locks, a key starts again from the first lock. */
  forgetMs: number;
}

/**
 * Counts an attempt against one key and returns its state after the attempt. Parallel attempts
 * serialise on the row and each sees the count so far. A window that is over (and not locked)
 * starts again at 1; the attempt past `max` in a window locks the key for windowMs × 2^locks
 * (capped), and a key quiet for forgetMs forgets its earlier locks.
 */
export async function countAttemptRow(db: DB, key: string, now: Date, rule: ThrottleRule) {
  const windowStart = new Date(now.getTime() - rule.windowMs);
  const forgetBefore = new Date(now.getTime() - rule.forgetMs);
  const { rows } = await sql<{ failures: number; locked_until: Date | null; lock_count: number }>`
    INSERT INTO login_throttle AS t (key, failures, window_started_at, locked_until, lock_count)
    VALUES (${key}, 1, ${now}, NULL, 0)
    ON CONFLICT (key) DO UPDATE SET
      failures = CASE
        WHEN t.locked_until > ${now} THEN t.failures + 1
        WHEN t.window_started_at < ${windowStart} THEN 1
        ELSE t.failures + 1 END,
      window_started_at = CASE
        WHEN (t.locked_until IS NULL OR t.locked_until <= ${now}) AND t.window_started_at < ${windowStart} THEN ${now}
        ELSE t.window_started_at END,
      lock_count = CASE
        WHEN t.locked_until > ${now} THEN t.lock_count
        WHEN t.window_started_at < ${windowStart} AND coalesce(t.locked_until, t.window_started_at) < ${forgetBefore} THEN 0
        WHEN t.window_started_at < ${windowStart} THEN t.lock_count
        WHEN t.failures + 1 > ${rule.max} THEN t.lock_count + 1
        ELSE t.lock_count END,
      locked_until = CASE
        WHEN t.locked_until > ${now} THEN t.locked_until
        WHEN t.window_started_at < ${windowStart} THEN NULL
        WHEN t.failures + 1 > ${rule.max} THEN ${now}::timestamptz
          + make_interval(secs => least(${rule.windowMs / 1000}::float8 * power(2, least(t.lock_count, 30)), ${rule.capMs / 1000}::float8))
        ELSE NULL END
    RETURNING failures, locked_until, lock_count`.execute(db);
  return rows[0]!;
}

/** Forgets keys (a successful login for that email and client). */
export async function deleteThrottleKeys(db: DB, keys: string[]): Promise<void> {
  if (keys.length) await db.deleteFrom('login_throttle').where('key', 'in', keys).execute();
}

/** Takes back one counted attempt (it turned out to be a success), unless the key is locked. */
export async function takeBackAttempt(db: DB, key: string, now: Date): Promise<void> {
  await sql`UPDATE login_throttle SET failures = greatest(failures - 1, 0)
    WHERE key = ${key} AND (locked_until IS NULL OR locked_until <= ${now})`.execute(db);
}

/** Rows neither locked nor counting for `forgetBefore`: housekeeping. */
export async function deleteQuietKeys(db: DB, forgetBefore: Date): Promise<void> {
  await sql`DELETE FROM login_throttle
    WHERE window_started_at < ${forgetBefore} AND (locked_until IS NULL OR locked_until < ${forgetBefore})`.execute(db);
}

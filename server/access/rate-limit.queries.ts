/** SQL of the fixed-window counters in rate_limits (one atomic upsert per hit). */
import { sql } from 'kysely';
import type { DB } from '../db/database.js';

/** Counts one hit in the window and returns the window's count including it. */
export async function addHit(db: DB, key: string, windowStart: Date): Promise<number> {
  const { rows } = await sql<{ count: number }>`
    INSERT INTO rate_limits (key, window_start, count) VALUES (${key}, ${windowStart}, 1)
    ON CONFLICT (key, window_start) DO UPDATE SET count = rate_limits.count + 1
    RETURNING count`.execute(db);
  return rows[0]!.count;
}

export async function takeBackHit(db: DB, key: string, windowStart: Date): Promise<void> {
  await sql`UPDATE rate_limits SET count = greatest(count - 1, 0) WHERE key = ${key} AND window_start = ${windowStart}`.execute(db);
}

export async function deleteWindowsBefore(db: DB, before: Date): Promise<void> {
  await sql`DELETE FROM rate_limits WHERE window_start < ${before}`.execute(db);
}

/** Tables the access layer owns: sessions, login throttling and rate-limit windows. */
import type { ColumnType } from 'kysely';

export interface SessionsTable {
  token_hash: string;
  tenant_id: string;
  account_id: string;
  csrf_token: string;
  created_at: Date;
  last_seen_at: Date;
  idle_expires_at: Date;
  absolute_expires_at: Date;
  ip: string | null;
  user_agent: string | null;
}

export interface LoginThrottleTable {
  key: string;
  failures: number;
  window_started_at: Date;
  locked_until: Date | null;
  /** Locks so far (each lasts twice the one before, capped); forgotten after a quiet day. */
  lock_count: ColumnType<number, number | undefined, number>;
}

export interface RateLimitsTable {
  key: string;
  window_start: Date;
  count: number;
}

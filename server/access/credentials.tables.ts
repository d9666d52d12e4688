/** Tables the access layer owns: sessions, login throttling and rate-limit windows. */
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
}

export interface RateLimitsTable {
  key: string;
  window_start: Date;
  count: number;
}

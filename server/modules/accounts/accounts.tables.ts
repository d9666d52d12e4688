import type { Role } from '../../access/roles.js';

export interface AccountsTable {
  tenant_id: string;
  id: string;
  email: string;
  display_name: string;
  role: Role;
  password_hash: string;
  hub_id: string | null;
  partner_id: string | null;
  locale: string;
  disabled_at: Date | null;
  created_at: Date;
}

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

import type { ColumnType } from 'kysely';

export interface CheckinPlansTable {
  tenant_id: string;
  id: string;
  person_id: string;
  frequency: 'daily' | 'weekly';
  weekday: number | null;
  local_time: string;
  channel: 'email' | 'push' | 'line';
  address: string | null;
  push_subscription: ColumnType<unknown, unknown, unknown>;
  missed_threshold: ColumnType<number, number | undefined, number>;
  consecutive_missed: ColumnType<number, number | undefined, number>;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  next_due_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface CheckinsTable {
  tenant_id: string;
  id: string;
  plan_id: string;
  due_at: Date;
  sent_at: Date | null;
  expires_at: Date;
  answer_token_hash: string;
  answered_at: Date | null;
  answer: 'fine' | 'talk' | null;
  missed_at: Date | null;
}

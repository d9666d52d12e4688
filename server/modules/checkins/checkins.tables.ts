import type { ColumnType } from 'kysely';

export type CheckinChannelKind = 'email' | 'push' | 'line';
export type CheckinAnswer = 'fine' | 'talk';
/** pending: not yet handed over; queued: in the email outbox; sent: accepted by push/LINE; failed: not deliverable. */
export type DeliveryStatus = 'pending' | 'queued' | 'sent' | 'failed';

export interface CheckinPlansTable {
  tenant_id: string;
  id: string;
  person_id: string;
  frequency: 'daily' | 'weekly';
  weekday: number | null;
  local_time: string;
  channel: CheckinChannelKind;
  address: string | null;
  push_subscription: ColumnType<unknown, unknown, unknown>;
  missed_threshold: ColumnType<number, number | undefined, number>;
  consecutive_missed: ColumnType<number, number | undefined, number>;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  next_due_at: Date | null;
  created_at: Date;
  updated_at: Date;
  /** Migration 0007: hash of the link that lets the person register web push themselves. */
  subscribe_token_hash: ColumnType<string | null, string | null | undefined, string | null>;
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
  answer: CheckinAnswer | null;
  missed_at: Date | null;
  // Migration 0007.
  channel: ColumnType<CheckinChannelKind, CheckinChannelKind | undefined, CheckinChannelKind>;
  delivery_status: ColumnType<DeliveryStatus, DeliveryStatus | undefined, DeliveryStatus>;
  delivery_attempts: ColumnType<number, number | undefined, number>;
  delivery_error: ColumnType<string | null, string | null | undefined, string | null>;
  deliver_after: ColumnType<Date | null, Date | null | undefined, Date | null>;
  concern_id: ColumnType<string | null, string | null | undefined, string | null>;
}

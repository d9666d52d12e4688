import type { ColumnType } from 'kysely';

export interface NotificationsTable {
  tenant_id: string;
  id: string;
  account_id: string;
  kind: string;
  case_id: string | null;
  created_at: Date;
  read_at: Date | null;
  data: ColumnType<Record<string, unknown>, string, string>;
}

export interface OutboxTable {
  tenant_id: string;
  id: string;
  kind: string;
  dedupe_key: string;
  payload: ColumnType<Record<string, unknown>, string, string>;
  created_at: Date;
  available_at: Date;
  attempts: number;
  sent_at: Date | null;
  failed_at: Date | null;
  last_error: string | null;
}

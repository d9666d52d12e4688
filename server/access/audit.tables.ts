import type { ColumnType } from 'kysely';

export interface AuditLogTable {
  tenant_id: string;
  id: string;
  at: Date;
  account_id: string | null;
  role: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  ip: string | null;
  user_agent: string | null;
  detail: ColumnType<Record<string, unknown>, string, string>;
}

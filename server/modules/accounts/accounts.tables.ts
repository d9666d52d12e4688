import type { ColumnType } from 'kysely';
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
  /** Set for a one-time password: every call but changing it answers 403 until then. */
  password_change_required: ColumnType<boolean, boolean | undefined, boolean>;
}

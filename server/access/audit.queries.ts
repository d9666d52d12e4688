/** SQL of the audit log: the application may only append and read (see db/privileges.ts). */
import type { Insertable } from 'kysely';
import type { DB } from '../db/database.js';
import type { AuditLogTable } from './audit.tables.js';

export async function insertAuditRows(db: DB, rows: Insertable<AuditLogTable>[]): Promise<void> {
  await db.insertInto('audit_log').values(rows).execute();
}

/** SQL of the audit log: the application may only append and read (see db/privileges.ts). */
import type { Insertable } from 'kysely';
import type { DB } from '../db/database.js';
import type { AuditLogTable } from './audit.tables.js';

export async function insertAuditRows(db: DB, rows: Insertable<AuditLogTable>[]): Promise<void> {
  await db.insertInto('audit_log').values(rows).execute();
}

export async function auditRows(
  db: DB,
  tenantId: string,
  f: {
    action?: string;
    entity_type?: string;
    entity_id?: string;
    account_id?: string;
    limit: number;
    before?: Date;
    from?: Date;
    to?: Date;
  },
) {
  return db
    .selectFrom('audit_log as l')
    .leftJoin('accounts as a', (j) => j.onRef('a.tenant_id', '=', 'l.tenant_id').onRef('a.id', '=', 'l.account_id'))
    .select([
      'l.id',
      'l.at',
      'l.account_id',
      'a.display_name as account_name',
      'l.role',
      'l.action',
      'l.entity_type',
      'l.entity_id',
      'l.ip',
      'l.detail',
    ])
    .where('l.tenant_id', '=', tenantId)
    .$if(!!f.action, (q) => q.where('l.action', '=', f.action!))
    .$if(!!f.entity_type, (q) => q.where('l.entity_type', '=', f.entity_type!))
    .$if(!!f.entity_id, (q) => q.where('l.entity_id', '=', f.entity_id!))
    .$if(!!f.account_id, (q) => q.where('l.account_id', '=', f.account_id!))
    .$if(!!f.before, (q) => q.where('l.at', '<', f.before!))
    .$if(!!f.from, (q) => q.where('l.at', '>=', f.from!))
    .$if(!!f.to, (q) => q.where('l.at', '<', f.to!))
    .orderBy('l.at', 'desc')
    .limit(f.limit)
    .execute();
}

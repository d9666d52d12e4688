import type { Insertable, Updateable } from 'kysely';
import type { DB } from '../../db/database.js';
import type { ReferralsTable } from './referrals.tables.js';

export async function findReferral(db: DB, tenantId: string, id: string) {
  return db
    .selectFrom('referrals as r')
    .innerJoin('agencies as g', (j) => j.onRef('g.tenant_id', '=', 'r.tenant_id').onRef('g.id', '=', 'r.agency_id'))
    .selectAll('r')
    .select('g.name as agency_name')
    .where('r.tenant_id', '=', tenantId)
    .where('r.id', '=', id)
    .executeTakeFirst();
}

export async function agencyExists(db: DB, tenantId: string, agencyId: string): Promise<boolean> {
  return !!(await db.selectFrom('agencies').select('id').where('tenant_id', '=', tenantId).where('id', '=', agencyId).executeTakeFirst());
}

export async function agencyById(db: DB, tenantId: string, agencyId: string) {
  return db
    .selectFrom('agencies')
    .select(['id', 'name', 'kind'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', agencyId)
    .executeTakeFirst();
}

export async function insertReferral(db: DB, row: Insertable<ReferralsTable>): Promise<void> {
  await db.insertInto('referrals').values(row).execute();
}

export async function lockReferral(db: DB, tenantId: string, id: string) {
  return db
    .selectFrom('referrals')
    .select(['status', 'case_id'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function updateReferralRow(db: DB, tenantId: string, id: string, set: Updateable<ReferralsTable>): Promise<void> {
  await db.updateTable('referrals').set(set).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

export async function agenciesOf(db: DB, tenantId: string) {
  return db.selectFrom('agencies').select(['id', 'name', 'kind', 'phone']).where('tenant_id', '=', tenantId).orderBy('name').execute();
}

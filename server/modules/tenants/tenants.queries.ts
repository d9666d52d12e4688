import { sql } from 'kysely';
import type { DB } from '../../db/database.js';
import type { TenantSettings } from './tenant-settings.js';

export function listAreas(db: DB, tenantId: string) {
  return db
    .selectFrom('areas as a')
    .leftJoin('hub_areas as h', (j) => j.onRef('h.tenant_id', '=', 'a.tenant_id').onRef('h.area_id', '=', 'a.id'))
    .select(['a.id', 'a.code', 'a.name', 'a.population', 'a.households', 'h.hub_id'])
    .where('a.tenant_id', '=', tenantId)
    .orderBy('a.code')
    .execute();
}

export function listAreaShapes(db: DB, tenantId: string) {
  return db
    .selectFrom('areas')
    .select(['id', 'code', 'name', 'population', 'households', 'geometry'])
    .where('tenant_id', '=', tenantId)
    .orderBy('code')
    .execute();
}

export function listHubs(db: DB, tenantId: string) {
  return db.selectFrom('hubs').select(['id', 'name', 'phone']).where('tenant_id', '=', tenantId).orderBy('name').execute();
}

export const areaShapesOf = listAreaShapes;

export async function loadTenantSettings(db: DB, tenantId: string): Promise<TenantSettings> {
  return (await db.selectFrom('tenants').select('settings').where('id', '=', tenantId).executeTakeFirstOrThrow()).settings;
}

export async function lockTenantSettings(db: DB, tenantId: string): Promise<TenantSettings> {
  return (await db.selectFrom('tenants').select('settings').where('id', '=', tenantId).forUpdate().executeTakeFirstOrThrow()).settings;
}

export async function saveTenantSettings(db: DB, tenantId: string, settings: TenantSettings): Promise<void> {
  await db
    .updateTable('tenants')
    .set({ settings: JSON.stringify(settings) })
    .where('id', '=', tenantId)
    .execute();
}

export function loadAreaShapes(db: DB, tenantId: string) {
  return db.selectFrom('areas').select(['id', 'bbox', 'geometry']).where('tenant_id', '=', tenantId).execute();
}

/** Category codes used by any stored concern (read-only look at the concerns table). */
export async function categoriesInUse(db: DB, tenantId: string): Promise<string[]> {
  const rows = await db.selectFrom('concerns').select('category').distinct().where('tenant_id', '=', tenantId).execute();
  return rows.map((r) => r.category);
}

export function hubOfAreaRow(db: DB, tenantId: string, areaId: string) {
  return db.selectFrom('hub_areas').select('hub_id').where('tenant_id', '=', tenantId).where('area_id', '=', areaId).executeTakeFirst();
}

export async function nextCounterValue(db: DB, tenantId: string, name: string): Promise<number> {
  const row = await db
    .insertInto('tenant_counters')
    .values({ tenant_id: tenantId, name, value: 1 })
    .onConflict((oc) => oc.columns(['tenant_id', 'name']).doUpdateSet({ value: sql`tenant_counters.value + 1` }))
    .returning('value')
    .executeTakeFirstOrThrow();
  return Number(row.value);
}

export function findTenantBySlug(db: DB, slug: string) {
  return db.selectFrom('tenants').select(['id', 'slug', 'name']).where('slug', '=', slug).executeTakeFirst();
}

export function tenantNameRow(db: DB, tenantId: string) {
  return db.selectFrom('tenants').select(['slug', 'name']).where('id', '=', tenantId).executeTakeFirstOrThrow();
}

/** Inserts a municipality; false when the slug is taken. */
export async function insertTenant(db: DB, row: { id: string; slug: string; name: string; created_at: Date }): Promise<boolean> {
  const r = await db
    .insertInto('tenants')
    .values({ ...row, settings: JSON.stringify({}) })
    .onConflict((oc) => oc.column('slug').doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function insertHub(db: DB, row: { tenant_id: string; id: string; name: string; phone: string | null }): Promise<void> {
  await db.insertInto('hubs').values(row).execute();
}

/** Gives the hub every area of the tenant that no hub serves yet. */
export async function assignUnservedAreas(db: DB, tenantId: string, hubId: string): Promise<number> {
  const r = await sql`INSERT INTO hub_areas (tenant_id, hub_id, area_id)
    SELECT a.tenant_id, ${hubId}, a.id FROM areas a WHERE a.tenant_id = ${tenantId}
    ON CONFLICT (tenant_id, area_id) DO NOTHING`.execute(db);
  return Number(r.numAffectedRows ?? 0);
}

/** Every municipality with its number of accounts and areas. */
export function listTenantRows(db: DB) {
  return db
    .selectFrom('tenants as t')
    .select((eb) => [
      't.slug',
      't.name',
      't.created_at',
      eb.selectFrom('accounts as a').whereRef('a.tenant_id', '=', 't.id').select(eb.fn.countAll<string>().as('n')).as('accounts'),
      eb.selectFrom('areas as r').whereRef('r.tenant_id', '=', 't.id').select(eb.fn.countAll<string>().as('n')).as('areas'),
    ])
    .orderBy('t.created_at')
    .orderBy('t.slug')
    .execute();
}

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

import type { DB } from '../../db/database.js';

export function listAreas(db: DB, tenantId: string) {
  return db.selectFrom('areas as a')
    .leftJoin('hub_areas as h', (j) => j.onRef('h.tenant_id', '=', 'a.tenant_id').onRef('h.area_id', '=', 'a.id'))
    .select(['a.id', 'a.code', 'a.name', 'a.population', 'a.households', 'h.hub_id'])
    .where('a.tenant_id', '=', tenantId).orderBy('a.code').execute();
}

export function listAreaShapes(db: DB, tenantId: string) {
  return db.selectFrom('areas').select(['id', 'code', 'name', 'population', 'households', 'geometry']).where('tenant_id', '=', tenantId).orderBy('code').execute();
}

export function listHubs(db: DB, tenantId: string) {
  return db.selectFrom('hubs').select(['id', 'name', 'phone']).where('tenant_id', '=', tenantId).orderBy('name').execute();
}

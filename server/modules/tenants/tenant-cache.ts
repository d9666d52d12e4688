/**
 * Tenant settings and area polygons change rarely and are read on every concern, so each app
 * copy keeps them for a short time. A change shows up everywhere within TTL_MS.
 */
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { DB } from '../../db/database.js';
import { type TenantSettings } from './tenant-settings.js';

const TTL_MS = 30_000;

interface AreaShape {
  id: string;
  bbox: number[];
  geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon;
}

interface Entry {
  at: number;
  settings: TenantSettings;
  areas: AreaShape[];
}

const cache = new WeakMap<DB, Map<string, Promise<Entry>>>();

async function load(db: DB, tenantId: string): Promise<Entry> {
  const [tenant, areas] = await Promise.all([
    db.selectFrom('tenants').select('settings').where('id', '=', tenantId).executeTakeFirstOrThrow(),
    db.selectFrom('areas').select(['id', 'bbox', 'geometry']).where('tenant_id', '=', tenantId).execute(),
  ]);
  return { at: Date.now(), settings: tenant.settings, areas: areas as AreaShape[] };
}

export async function tenantInfo(db: DB, tenantId: string): Promise<Entry> {
  let byTenant = cache.get(db);
  if (!byTenant) cache.set(db, (byTenant = new Map()));
  const hit = byTenant.get(tenantId);
  if (hit) {
    const entry = await hit.catch(() => null);
    if (entry && Date.now() - entry.at < TTL_MS) return entry;
  }
  const p = load(db, tenantId);
  byTenant.set(tenantId, p);
  return p;
}

/** Drops the cached entry, e.g. after an admin changes settings or areas. */
export function invalidateTenant(db: DB, tenantId: string): void {
  cache.get(db)?.delete(tenantId);
}

/** The area containing the point, or null when the point is outside every area. */
export function areaOf(areas: AreaShape[], lat: number, lon: number): string | null {
  for (const a of areas) {
    const [minX, minY, maxX, maxY] = a.bbox;
    if (lon < minX || lon > maxX || lat < minY || lat > maxY) continue;
    if (booleanPointInPolygon([lon, lat], a.geometry)) return a.id;
  }
  return null;
}

/**
 * Tenants (municipalities): their settings, areas and hubs. The admin may change first-contact
 * targets per urgency and the concern category list; a category in use can be relabelled or
 * re-prioritised but not removed, so no stored concern loses its meaning. Other modules read
 * settings, areas and hubs through the functions at the end of this file.
 */

import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { uuidv7 } from 'uuidv7';
import { audit } from '../../access/audit.js';
import type { Principal, RequestMeta } from '../../access/principal.js';
import { requireAccess } from '../../access/require-access.js';
import type { AppContext } from '../../context.js';
import type { DB } from '../../db/database.js';
import { withTransaction } from '../../db/transaction.js';
import { AppError } from '../../errors.js';
import { type ConcernCategory, categoriesOf, type TenantSettings, targetHours } from './tenant-settings.js';
import {
  areaShapesOf,
  assignUnservedAreas,
  categoriesInUse,
  findTenantBySlug,
  hubOfAreaRow,
  insertHub,
  insertTenant,
  listHubs,
  listTenantRows,
  loadAreaShapes,
  loadTenantSettings,
  lockTenantSettings,
  nextCounterValue,
  saveTenantSettings,
  tenantNameRow,
} from './tenants.queries.js';

export type { ConcernCategory, TenantSettings } from './tenant-settings.js';
export { categoriesOf, DEFAULT_CATEGORIES, DEFAULT_TARGET_HOURS, targetHours } from './tenant-settings.js';

import { URGENCIES, type Urgency } from '../../schema-helpers.js';

export interface SettingsPatch {
  urgency_targets_hours?: Partial<Record<Urgency, number>>;
  categories?: ConcernCategory[];
}

export function settingsView(settings: TenantSettings) {
  return {
    urgency_targets_hours: Object.fromEntries(URGENCIES.map((u) => [u, targetHours(settings, u)])) as Record<Urgency, number>,
    categories: categoriesOf(settings),
  };
}

export async function updateSettings(ctx: AppContext, principal: Principal | null, meta: RequestMeta, patch: SettingsPatch) {
  const p = requireAccess(principal, 'settings:write');
  const now = ctx.clock.now();
  const next = await withTransaction(ctx, async (trx) => {
    const settings: TenantSettings = { ...(await lockTenantSettings(trx, p.tenantId)) };
    if (patch.urgency_targets_hours) {
      const merged = { ...settingsView(settings).urgency_targets_hours, ...patch.urgency_targets_hours };
      // More urgent must never have a longer target than less urgent.
      for (let i = 1; i < URGENCIES.length; i++) {
        if (merged[URGENCIES[i - 1]!] > merged[URGENCIES[i]!])
          throw new AppError(400, 'invalid_settings', undefined, { reason: 'urgency_order' });
      }
      settings.urgencyTargetsHours = merged;
    }
    if (patch.categories) {
      const codes = new Set(patch.categories.map((c) => c.code));
      if (codes.size !== patch.categories.length) throw new AppError(400, 'invalid_settings', undefined, { reason: 'duplicate_code' });
      const missing = (await categoriesInUse(trx, p.tenantId)).filter((c) => !codes.has(c));
      if (missing.length) throw new AppError(409, 'category_in_use', undefined, { category: missing.join(', ') });
      settings.categories = patch.categories;
    }
    await saveTenantSettings(trx, p.tenantId, settings);
    await audit(trx, p, meta, now, [{ action: 'update', entityType: 'settings', entityId: null, detail: { settings: patch } }]);
    return settings;
  });
  invalidateTenant(ctx.db, p.tenantId);
  return settingsView(next);
}

// ---------------------------------------------------------------------------------------------
// For other modules: settings, areas and hubs of a tenant (each takes the caller's db or trx).

/*
 * Tenant settings and area polygons change rarely and are read on every concern, so each app
 * copy keeps them for a short time. A change shows up everywhere within TTL_MS.
 */
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
  const [settings, areas] = await Promise.all([loadTenantSettings(db, tenantId), loadAreaShapes(db, tenantId)]);
  return { at: Date.now(), settings, areas: areas as AreaShape[] };
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

/** The hub responsible for an area (hub_areas), or null when none is. */
export async function hubOfArea(db: DB, tenantId: string, areaId: string | null): Promise<string | null> {
  if (!areaId) return null;
  return (await hubOfAreaRow(db, tenantId, areaId))?.hub_id ?? null;
}

/** The next value of a per-tenant counter (case numbers); the row lock serialises concurrent callers. */
export function nextCounter(db: DB, tenantId: string, name: string): Promise<number> {
  return nextCounterValue(db, tenantId, name);
}

/** A municipality by its URL slug (public pages, MQTT topics, Open311 jurisdictions), or undefined. */
export function tenantBySlug(db: DB, slug: string) {
  return findTenantBySlug(db, slug);
}

/** The tenant's slug and display name. */
export function tenantName(db: DB, tenantId: string) {
  return tenantNameRow(db, tenantId);
}

/** Hubs with their phone numbers (public contact details). */
export function hubsOf(db: DB, tenantId: string) {
  return listHubs(db, tenantId);
}

/** Area polygons with census figures (public statistics). */
export function areasOf(db: DB, tenantId: string) {
  return areaShapesOf(db, tenantId);
}

// ---------------------------------------------------------------------------------------------
// Onboarding (the `npm run tenant` command; no principal: whoever runs it has the database).

export const TENANT_SLUG = /^[a-z0-9][a-z0-9-]{1,62}$/;

/**
 * A new municipality with default settings and one hub named after it, in the caller's
 * transaction. 409 tenant_slug_taken when the slug is in use.
 */
export async function createTenant(db: DB, t: { slug: string; name: string; now: Date }): Promise<{ id: string; hubId: string }> {
  if (!TENANT_SLUG.test(t.slug)) throw new AppError(400, 'invalid_input', undefined, { field: 'slug' });
  const id = uuidv7();
  if (!(await insertTenant(db, { id, slug: t.slug, name: t.name, created_at: t.now }))) {
    throw new AppError(409, 'tenant_slug_taken', undefined, { slug: t.slug });
  }
  const hubId = uuidv7();
  await insertHub(db, { tenant_id: id, id: hubId, name: `${t.name} 見守りハブ`, phone: null });
  return { id, hubId };
}

/** Areas no hub serves yet go to this hub (after an area import); returns how many. */
export function serveUnassignedAreas(db: DB, tenantId: string, hubId: string): Promise<number> {
  return assignUnservedAreas(db, tenantId, hubId);
}

/** Every municipality, with how many accounts and areas it has. */
export async function listTenants(db: DB) {
  const rows = await listTenantRows(db);
  return rows.map((r) => ({ slug: r.slug, name: r.name, created_at: r.created_at, accounts: Number(r.accounts), areas: Number(r.areas) }));
}

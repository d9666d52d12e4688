/**
 * The ingest path's per-copy caches: devices by key and watch settings by person. Devices are
 * cached for DEVICE_TTL_MS and settings for SETTINGS_TTL_MS: a change made on any copy publishes
 * `device.changed`, and every copy drops its caches for that tenant when the event arrives (and
 * all of them after its event connection was lost and came back: `resync`), so the TTL only bounds
 * how long a lost event can leave a copy behind. With 100,000 devices a 2 s cache would miss on
 * nearly every batch (each device reports every few seconds at most), and the lookup of 500 keys
 * cost as much as storing the readings. Bearer tokens are resolved (and cached) by
 * access/authenticators/ingest-token.ts.
 */
import { forgetIngestTokens } from '../../access/authenticators/ingest-token.js';
import type { AppContext } from '../../context.js';
import type { DB } from '../../db/database.js';
import { openTechnicalAlerts, type TechnicalAlertType } from '../alerts/alerts.service.js';
import { devicesByKeys, tenantIdBySlug, watchSettingsRows } from './devices.queries.js';
import { type ResolvedSettings, resolveSettings } from './watch-settings.js';

export interface CachedDevice {
  tenantId: string;
  id: string;
  deviceKey: string;
  personId: string;
  type: string;
  status: 'active' | 'paused' | 'retired';
}

interface Entry<T> {
  value: T;
  at: number;
}

interface Caches {
  /** tenant → device_key → device */
  devices: Map<string, Map<string, Entry<CachedDevice | null>>>;
  /** tenant → person id → settings */
  settings: Map<string, Map<string, Entry<ResolvedSettings>>>;
  tenants: Map<string, Entry<string | null>>;
  /** tenant → device id → its open technical alerts (silent device, low battery). */
  technical: Map<string, Entry<Map<string, Set<TechnicalAlertType>>>>;
}

const caches = new WeakMap<object, Caches>();
const MAX = 200_000;
/** Watch settings change rarely (an away period, a threshold); changes also arrive as events. */
const SETTINGS_TTL_MS = 60_000;
/** Devices by key (status, owner); changes arrive as events, the TTL is the backstop. */
const DEVICE_TTL_MS = 5 * 60_000;

function cachesOf(db: DB): Caches {
  let c = caches.get(db);
  if (!c) caches.set(db, (c = { devices: new Map(), settings: new Map(), tenants: new Map(), technical: new Map() }));
  return c;
}

function fresh<T>(map: Map<string, Entry<T>>, key: string, now: number, ttl: number): Entry<T> | undefined {
  const e = map.get(key);
  if (e && now - e.at < ttl) return e;
  return undefined;
}

function put<T>(map: Map<string, Entry<T>>, key: string, value: T, now: number, ttl: number): void {
  if (ttl <= 0) return;
  if (map.size >= MAX) map.clear();
  map.set(key, { value, at: now });
}

/** Forgets this copy's cached tokens, devices and settings (after a change made here). */
export function forgetTelemetryCaches(ctx: Pick<AppContext, 'db'>): void {
  const c = cachesOf(ctx.db);
  forgetIngestTokens(ctx);
  c.devices.clear();
  c.settings.clear();
}

/**
 * Forgets the caches here at once and tells every other copy (after the change has committed).
 * Events carry no personal data: the tenant and the device or person id only.
 */
export function telemetryCachesChanged(ctx: Pick<AppContext, 'db' | 'events'>, tenantId: string, id: string): void {
  forgetTelemetryCaches(ctx);
  ctx.events.publish([{ tenantId, type: 'device.changed', id }]);
}

const watching = new WeakMap<object, Set<string>>();
/** Listens (once per tenant and database) for changes made on other copies. */
function watchTenant(ctx: Pick<AppContext, 'db' | 'events'>, tenantId: string): void {
  let set = watching.get(ctx.db);
  if (!set) watching.set(ctx.db, (set = new Set()));
  if (set.has(tenantId)) return;
  set.add(tenantId);
  ctx.events.subscribe(tenantId, (e) => {
    const c = cachesOf(ctx.db);
    // Any alert raised or changed on any copy may open or close a technical alert: reload them.
    if (e.type === 'alert.raised' || e.type === 'alert.updated' || e.type === 'resync') c.technical.delete(tenantId);
    if (e.type !== 'device.changed' && e.type !== 'resync') return;
    // Only this tenant's devices and settings (tokens: access/authenticators/ingest-token.ts).
    c.devices.delete(tenantId);
    c.settings.delete(tenantId);
  });
}

/** A tenant's map inside a cache (per-tenant maps: no key strings to build per reading). */
function tenantMap<T>(map: Map<string, Map<string, Entry<T>>>, tenantId: string): Map<string, Entry<T>> {
  let m = map.get(tenantId);
  if (!m) map.set(tenantId, (m = new Map()));
  else if (m.size >= MAX) m.clear();
  return m;
}

/** One tenant's devices by device_key (null: unknown or retired), one query for all cache misses. */
export async function devicesFor(ctx: AppContext, tenantId: string, keys: Iterable<string>): Promise<Map<string, CachedDevice | null>> {
  watchTenant(ctx, tenantId);
  const cache = tenantMap(cachesOf(ctx.db).devices, tenantId);
  const now = ctx.clock.now().getTime();
  const out = new Map<string, CachedDevice | null>();
  const missing: string[] = [];
  for (const k of keys) {
    if (out.has(k)) continue;
    const e = cache.get(k);
    if (e && now - e.at < DEVICE_TTL_MS) out.set(k, e.value);
    else {
      out.set(k, null);
      missing.push(k);
    }
  }
  if (missing.length) {
    const rows = await devicesByKeys(ctx.db, tenantId, missing);
    const found = new Map(rows.map((r) => [r.device_key, r]));
    for (const k of missing) {
      const r = found.get(k);
      const dev: CachedDevice | null =
        r && r.status !== 'retired'
          ? { tenantId, id: r.id, deviceKey: r.device_key, personId: r.person_id, type: r.type, status: r.status }
          : null;
      out.set(k, dev);
      cache.set(k, { value: dev, at: now });
    }
  }
  return out;
}

/** One tenant's watch settings per person (defaults where none are stored), one query for all misses. */
export async function settingsOf(ctx: AppContext, tenantId: string, personIds: Iterable<string>): Promise<Map<string, ResolvedSettings>> {
  watchTenant(ctx, tenantId);
  const cache = tenantMap(cachesOf(ctx.db).settings, tenantId);
  const now = ctx.clock.now().getTime();
  const out = new Map<string, ResolvedSettings>();
  const missing: string[] = [];
  for (const id of personIds) {
    if (out.has(id)) continue;
    const e = cache.get(id);
    if (e && now - e.at < SETTINGS_TTL_MS) out.set(id, e.value);
    else missing.push(id);
  }
  if (missing.length) {
    const rows = await watchSettingsRows(ctx.db, tenantId, missing);
    const found = new Map(rows.map((r) => [r.person_id, r.settings]));
    for (const id of missing) {
      const v = resolveSettings(found.get(id));
      out.set(id, v);
      cache.set(id, { value: v, at: now });
    }
  }
  return out;
}

/** Tenant id by slug (MQTT topics name the tenant by slug). */
export async function tenantBySlug(ctx: AppContext, slug: string): Promise<string | null> {
  const c = cachesOf(ctx.db);
  const now = ctx.clock.now().getTime();
  const hit = fresh(c.tenants, slug, now, SETTINGS_TTL_MS);
  if (hit) return hit.value;
  const id = await tenantIdBySlug(ctx.db, slug);
  put(c.tenants, slug, id, now, SETTINGS_TTL_MS);
  return id;
}

/**
 * A tenant's open technical alerts by device, so the ingest path knows without a query per batch
 * which devices' readings resolve one (a silent device reporting again, a battery back up). One
 * query per tenant when the cache is empty; every alert raised or updated on any copy empties it.
 */
export async function openTechnicalOf(ctx: AppContext, tenantId: string): Promise<Map<string, Set<TechnicalAlertType>>> {
  watchTenant(ctx, tenantId);
  const c = cachesOf(ctx.db);
  const now = ctx.clock.now().getTime();
  const hit = fresh(c.technical, tenantId, now, SETTINGS_TTL_MS);
  if (hit) return hit.value;
  const open = await openTechnicalAlerts(ctx.db, tenantId);
  put(c.technical, tenantId, open, now, SETTINGS_TTL_MS);
  return open;
}

/** Forgets a tenant's open technical alerts here (after this copy resolved some). */
export function forgetOpenTechnical(ctx: Pick<AppContext, 'db'>, tenantId: string): void {
  cachesOf(ctx.db).technical.delete(tenantId);
}

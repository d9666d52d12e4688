/**
 * Who may post readings, cached per app copy. A watch device token (watch_devices.token_hash)
 * may post only for its own device; an ingestion credential (ingest_credentials) for any device
 * of its tenant. Token lookups are cached for SESSION_CACHE_MS (revocation reaches other copies
 * within that time, this copy at once). Devices by key and watch settings are cached longer
 * (DEVICE_TTL_MS, SETTINGS_TTL_MS): a change made on any copy publishes `device.changed`, and every
 * copy drops its caches for that tenant when the event arrives, so the TTL only bounds how long a
 * lost event (a LISTEN connection that dropped) can leave a copy behind. With 100,000 devices a
 * 2 s cache would miss on nearly every batch (each device reports every few seconds at most), and
 * the lookup of 500 keys cost as much as storing the readings.
 */
import { sql } from 'kysely';
import { hashSecret, newSecret } from '../../access/secrets.js';
import type { AppContext } from '../../context.js';
import type { DB } from '../../db/database.js';
import { resolveSettings, type ResolvedSettings } from './watch-settings.js';

export interface IngestAuth {
  tenantId: string;
  /** Set for a device token: the only device it may post for. */
  deviceId: string | null;
  deviceKey: string | null;
  kind: 'device' | 'credential';
}

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
  tokens: Map<string, Entry<IngestAuth | null>>;
  /** tenant → device_key → device */
  devices: Map<string, Map<string, Entry<CachedDevice | null>>>;
  /** tenant → person id → settings */
  settings: Map<string, Map<string, Entry<ResolvedSettings>>>;
  tenants: Map<string, Entry<string | null>>;
}

const caches = new WeakMap<object, Caches>();
const MAX = 200_000;
/** Watch settings change rarely (an away period, a threshold); changes also arrive as events. */
const SETTINGS_TTL_MS = 60_000;
/** Devices by key (status, owner); changes arrive as events, the TTL is the backstop. */
const DEVICE_TTL_MS = 5 * 60_000;

function cachesOf(db: DB): Caches {
  let c = caches.get(db);
  if (!c) caches.set(db, (c = { tokens: new Map(), devices: new Map(), settings: new Map(), tenants: new Map() }));
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

export const hashToken = hashSecret;
export const newToken = newSecret;

/** Forgets this copy's cached tokens, devices and settings (after a change made here). */
export function forgetTelemetryCaches(ctx: Pick<AppContext, 'db'>): void {
  const c = cachesOf(ctx.db);
  c.tokens.clear();
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
    if (e.type !== 'device.changed') return;
    // Only this tenant's devices and settings; tokens are keyed by hash, so all of them go.
    const c = cachesOf(ctx.db);
    c.tokens.clear();
    c.devices.delete(tenantId);
    c.settings.delete(tenantId);
  });
}

/** Resolves a bearer token to what it may post, or null (unknown, revoked, retired device). */
export async function resolveIngestToken(ctx: AppContext, token: string | undefined): Promise<IngestAuth | null> {
  // Short tokens are allowed: the demo tenant's documented token is `demo-device-token`.
  if (!token || token.length < 8 || token.length > 200) return null;
  const hash = hashToken(token);
  const c = cachesOf(ctx.db);
  const now = ctx.clock.now().getTime();
  const ttl = ctx.config.sessionCacheMs;
  const hit = fresh(c.tokens, hash, now, ttl);
  if (hit) return hit.value;
  let auth: IngestAuth | null = null;
  const dev = await ctx.db.selectFrom('watch_devices').select(['tenant_id', 'id', 'device_key', 'status'])
    .where('token_hash', '=', hash).executeTakeFirst();
  if (dev) {
    if (dev.status !== 'retired') auth = { tenantId: dev.tenant_id, deviceId: dev.id, deviceKey: dev.device_key, kind: 'device' };
  } else {
    const cred = await ctx.db.selectFrom('ingest_credentials').select(['tenant_id', 'revoked_at'])
      .where('token_hash', '=', hash).executeTakeFirst();
    if (cred && !cred.revoked_at) auth = { tenantId: cred.tenant_id, deviceId: null, deviceKey: null, kind: 'credential' };
  }
  put(c.tokens, hash, auth, now, ttl);
  return auth;
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
    const rows = await ctx.db.selectFrom('watch_devices').select(['id', 'device_key', 'person_id', 'type', 'status'])
      .where('tenant_id', '=', tenantId).where('device_key', '=', sql<string>`ANY(${missing}::text[])`).execute();
    const found = new Map(rows.map((r) => [r.device_key, r]));
    for (const k of missing) {
      const r = found.get(k);
      const dev: CachedDevice | null = r && r.status !== 'retired'
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
    const rows = await ctx.db.selectFrom('watch_settings').select(['person_id', 'settings'])
      .where('tenant_id', '=', tenantId).where('person_id', '=', sql<string>`ANY(${missing}::uuid[])`).execute();
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
  const row = await ctx.db.selectFrom('tenants').select('id').where('slug', '=', slug).executeTakeFirst();
  put(c.tenants, slug, row?.id ?? null, now, SETTINGS_TTL_MS);
  return row?.id ?? null;
}

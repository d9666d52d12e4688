/**
 * Who may post readings, cached per app copy. A watch device token (watch_devices.token_hash)
 * may post only for its own device; an ingestion credential (ingest_credentials) for any device
 * of its tenant. Token lookups are cached for SESSION_CACHE_MS (revocation reaches other copies
 * within that time, this copy at once); devices by key likewise, so the hot path asks the
 * database nothing but the batch insert and the state update.
 */
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
  devices: Map<string, Entry<CachedDevice | null>>;
  settings: Map<string, Entry<ResolvedSettings>>;
  tenants: Map<string, Entry<string | null>>;
}

const caches = new WeakMap<object, Caches>();
const MAX = 200_000;
/** Watch settings change rarely (an away period, a threshold): 30 s like tenant settings. */
const SETTINGS_TTL_MS = 30_000;

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

/** Devices by (tenant, device_key), one query for all cache misses of a batch. */
export async function devicesByKey(ctx: AppContext, keys: { tenantId: string; deviceKey: string }[]): Promise<Map<string, CachedDevice | null>> {
  const c = cachesOf(ctx.db);
  const now = ctx.clock.now().getTime();
  const ttl = ctx.config.sessionCacheMs;
  const out = new Map<string, CachedDevice | null>();
  const missing = new Map<string, string[]>();
  for (const k of keys) {
    const key = `${k.tenantId}|${k.deviceKey}`;
    if (out.has(key)) continue;
    const hit = fresh(c.devices, key, now, ttl);
    if (hit) out.set(key, hit.value);
    else {
      out.set(key, null);
      let list = missing.get(k.tenantId);
      if (!list) missing.set(k.tenantId, (list = []));
      list.push(k.deviceKey);
    }
  }
  for (const [tenantId, list] of missing) {
    const rows = await ctx.db.selectFrom('watch_devices').select(['tenant_id', 'id', 'device_key', 'person_id', 'type', 'status'])
      .where('tenant_id', '=', tenantId).where('device_key', 'in', list).execute();
    const found = new Map(rows.map((r) => [r.device_key, r]));
    for (const k of list) {
      const r = found.get(k);
      const dev: CachedDevice | null = r && r.status !== 'retired'
        ? { tenantId, id: r.id, deviceKey: r.device_key, personId: r.person_id, type: r.type, status: r.status }
        : null;
      out.set(`${tenantId}|${k}`, dev);
      put(c.devices, `${tenantId}|${k}`, dev, now, ttl);
    }
  }
  return out;
}

/** Watch settings per person (defaults where none are stored), one query for all misses. */
export async function settingsFor(ctx: AppContext, persons: { tenantId: string; personId: string }[]): Promise<Map<string, ResolvedSettings>> {
  const c = cachesOf(ctx.db);
  const now = ctx.clock.now().getTime();
  const out = new Map<string, ResolvedSettings>();
  const missing = new Map<string, string[]>();
  for (const p of persons) {
    const key = `${p.tenantId}|${p.personId}`;
    if (out.has(key)) continue;
    const hit = fresh(c.settings, key, now, SETTINGS_TTL_MS);
    if (hit) out.set(key, hit.value);
    else {
      out.set(key, resolveSettings(null));
      let list = missing.get(p.tenantId);
      if (!list) missing.set(p.tenantId, (list = []));
      list.push(p.personId);
    }
  }
  for (const [tenantId, list] of missing) {
    const rows = await ctx.db.selectFrom('watch_settings').select(['person_id', 'settings'])
      .where('tenant_id', '=', tenantId).where('person_id', 'in', list).execute();
    const found = new Map(rows.map((r) => [r.person_id, r.settings]));
    for (const id of list) {
      const s = resolveSettings(found.get(id));
      out.set(`${tenantId}|${id}`, s);
      put(c.settings, `${tenantId}|${id}`, s, now, SETTINGS_TTL_MS);
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

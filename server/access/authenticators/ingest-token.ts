/**
 * Who may post readings: a watch device's own token (watch_devices.token_hash) may post only for
 * that device; a tenant's ingestion credential (ingest_credentials, held by a vendor gateway) for
 * any device of its tenant. Tokens are stored as SHA-256 only.
 * Resolved tokens are cached per app copy for SESSION_CACHE_MS: a revocation reaches this copy at
 * once (forgetIngestTokens) and the others through `device.changed` or within that time.
 */
import type { AppContext } from '../../context.js';
import { hashSecret } from '../secrets.js';
import { findIngestCredentialByHash, findWatchDeviceByTokenHash } from './ingest-token.queries.js';

export interface IngestAuth {
  tenantId: string;
  /** Set for a device token: the only device it may post for. */
  deviceId: string | null;
  deviceKey: string | null;
  /** Set for an ingestion credential. */
  credentialId: string | null;
  /** The credential's own telemetry rate limit (readings per minute); null: the default. */
  readingsPerMinute: number | null;
  kind: 'device' | 'credential';
}

interface Entry {
  value: IngestAuth | null;
  at: number;
}

const caches = new WeakMap<object, Map<string, Entry>>();
const watching = new WeakMap<object, Set<string>>();
const MAX = 200_000;

/** What watch_devices.token_hash and ingest_credentials.token_hash hold for a token. */
export const hashIngestToken = hashSecret;

function cacheOf(ctx: Pick<AppContext, 'db'>): Map<string, Entry> {
  let c = caches.get(ctx.db);
  if (!c) caches.set(ctx.db, (c = new Map()));
  return c;
}

/** Forgets this copy's resolved tokens (after a device or credential changed). */
export function forgetIngestTokens(ctx: Pick<AppContext, 'db'>): void {
  cacheOf(ctx).clear();
}

/** Drops the cache when another copy announces a change in this tenant (once per tenant). */
function watchTenant(ctx: Pick<AppContext, 'db' | 'events'>, tenantId: string): void {
  let set = watching.get(ctx.db);
  if (!set) watching.set(ctx.db, (set = new Set()));
  if (set.has(tenantId)) return;
  set.add(tenantId);
  ctx.events.subscribe(tenantId, (e) => {
    if (e.type === 'device.changed' || e.type === 'resync') cacheOf(ctx).clear();
  });
}

/** Resolves a bearer token to what it may post, or null (unknown, revoked, retired device). */
export async function resolveIngestToken(ctx: AppContext, token: string | undefined): Promise<IngestAuth | null> {
  // Short tokens are allowed: the demo tenant's documented token is `demo-device-token`.
  if (!token || token.length < 8 || token.length > 200) return null;
  const hash = hashIngestToken(token);
  const cache = cacheOf(ctx);
  const now = ctx.clock.now().getTime();
  const ttl = ctx.config.sessionCacheMs;
  const hit = cache.get(hash);
  if (hit && now - hit.at < ttl) return hit.value;
  let auth: IngestAuth | null = null;
  const dev = await findWatchDeviceByTokenHash(ctx.db, hash);
  if (dev) {
    if (dev.status !== 'retired')
      auth = {
        tenantId: dev.tenant_id,
        deviceId: dev.id,
        deviceKey: dev.device_key,
        credentialId: null,
        readingsPerMinute: null,
        kind: 'device',
      };
  } else {
    const cred = await findIngestCredentialByHash(ctx.db, hash);
    if (cred && !cred.revoked_at)
      auth = {
        tenantId: cred.tenant_id,
        deviceId: null,
        deviceKey: null,
        credentialId: cred.id,
        readingsPerMinute: cred.readings_per_minute,
        kind: 'credential',
      };
  }
  if (auth) watchTenant(ctx, auth.tenantId);
  if (ttl > 0) {
    if (cache.size >= MAX) cache.clear();
    cache.set(hash, { value: auth, at: now });
  }
  return auth;
}

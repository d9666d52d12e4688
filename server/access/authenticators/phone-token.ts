/**
 * Enrolled phones authenticate with a device-bound bearer token (`Authorization: Bearer …`),
 * not a password: a partner's phone acts as that partner (reports carry the partner), a
 * supporter's phone as that supporter. Revoking the token ends access at once on this app copy
 * and within SESSION_CACHE_MS on others. Bearer requests carry no cookie, so need no CSRF token.
 */
import type { AppContext } from '../../context.js';
import type { Principal } from '../principal.js';
import { hashSecret } from '../secrets.js';
import { findPhoneToken, touchPhoneToken } from './phone-token.queries.js';

/** What device_tokens.token_hash holds for a phone's bearer token. */
export const hashPhoneToken = hashSecret;

interface Cached {
  principal: Principal;
  at: number;
}
const caches = new WeakMap<object, Map<string, Cached>>();
const MAX_CACHED = 10_000;
/** last_used_at is informational: written at most hourly per device. */
const TOUCH_MS = 3_600_000;

function cacheOf(ctx: AppContext): Map<string, Cached> {
  let c = caches.get(ctx.db);
  if (!c) caches.set(ctx.db, (c = new Map()));
  return c;
}

/** Forgets cached device principals (after a revocation). */
export function forgetPhoneTokens(ctx: AppContext): void {
  cacheOf(ctx).clear();
}

export async function resolvePhoneToken(ctx: AppContext, token: string): Promise<Principal | null> {
  if (token.length < 20 || token.length > 200) return null;
  const hash = hashPhoneToken(token);
  const now = ctx.clock.now();
  const cache = cacheOf(ctx);
  const hit = cache.get(hash);
  if (hit && now.getTime() - hit.at < ctx.config.sessionCacheMs) return hit.principal;
  cache.delete(hash);
  const row = await findPhoneToken(ctx.db, hash);
  if (!row || row.revoked_at) return null;
  let principal: Principal;
  if (row.kind === 'supporter') {
    if (!row.account_id || row.disabled_at || row.account_role !== 'supporter') return null;
    principal = {
      tenantId: row.tenant_id,
      accountId: row.account_id,
      role: 'supporter',
      hubId: null,
      partnerId: null,
      displayName: row.display_name ?? row.label ?? '',
      locale: row.locale ?? 'ja',
      deviceId: row.id,
    };
  } else {
    if (!row.partner_id || row.partner_status !== 'active') return null;
    principal = {
      // A partner's phone has no account of its own: the device is the reporter.
      tenantId: row.tenant_id,
      accountId: row.id,
      role: 'partner',
      hubId: null,
      partnerId: row.partner_id,
      displayName: row.label ?? row.partner_name ?? '',
      locale: 'ja',
      deviceId: row.id,
    };
  }
  if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > TOUCH_MS) {
    await touchPhoneToken(ctx.db, row.tenant_id, row.id, now);
  }
  if (ctx.config.sessionCacheMs > 0) {
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(hash, { principal, at: now.getTime() });
  }
  return principal;
}

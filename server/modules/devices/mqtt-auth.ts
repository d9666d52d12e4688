/**
 * Broker-side per-device credentials for a production broker (EMQX HTTP authn/authz,
 * mosquitto-go-auth's HTTP backend): username = `{tenant_slug}/{device_key}` (or the bare
 * device_key while no other tenant uses that key), password = the device's token. A device may
 * publish only to its own topic. The authorization hook sees the username, not the password, so
 * a bare key another tenant also uses is refused at both hooks: it could name either tenant's
 * device. The consumer still checks the token in each payload (defence in depth).
 */

import { resolveIngestToken } from '../../access/authenticators/ingest-token.js';
import type { AppContext } from '../../context.js';
import { tenantsUsingDeviceKey } from './devices.queries.js';
import { devicesFor, tenantBySlug } from './telemetry-cache.js';

function splitUser(username: string): { slug: string | null; key: string } {
  const i = username.indexOf('/');
  return i > 0 ? { slug: username.slice(0, i), key: username.slice(i + 1) } : { slug: null, key: username };
}

export async function mqttAuthenticate(ctx: AppContext, username: string, password: string | undefined): Promise<boolean> {
  const auth = await resolveIngestToken(ctx, password);
  if (auth?.kind !== 'device') return false;
  const u = splitUser(username);
  if (u.key !== auth.deviceKey) return false;
  if (u.slug !== null) return (await tenantBySlug(ctx, u.slug)) === auth.tenantId;
  const tenants = await tenantsUsingDeviceKey(ctx.db, u.key);
  return tenants.length === 1 && tenants[0] === auth.tenantId;
}

/** Publish only, only to tsunagari/{its tenant}/devices/{its key}/telemetry. */
export async function mqttAuthorize(
  ctx: AppContext,
  username: string,
  topic: string,
  action: string | undefined,
  acc: number | undefined,
  root = 'tsunagari',
): Promise<boolean> {
  const publish = action === 'publish' || acc === 2;
  if (!publish) return false;
  const parts = topic.split('/');
  if (parts.length !== 5 || parts[0] !== root || parts[2] !== 'devices' || parts[4] !== 'telemetry') return false;
  const [, slug, , key] = parts as [string, string, string, string, string];
  const u = splitUser(username);
  if (u.key !== key || (u.slug !== null && u.slug !== slug)) return false;
  const tenantId = await tenantBySlug(ctx, slug);
  if (!tenantId) return false;
  if (u.slug === null) {
    const tenants = await tenantsUsingDeviceKey(ctx.db, key);
    if (tenants.length !== 1 || tenants[0] !== tenantId) return false;
  }
  const found = await devicesFor(ctx, tenantId, [key]);
  return !!found.get(key);
}

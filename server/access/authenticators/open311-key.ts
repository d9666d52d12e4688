/**
 * Open311 API keys held by partners (issued by the partners module). Only the key's hash is
 * stored (SHA-256, base64url), as for every bearer secret. The gateway names the jurisdiction it
 * expects; whether a key fits that jurisdiction is the gateway's rule (open311.service.ts).
 */
import type { AppContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { hashSecret, newSecret } from '../secrets.js';
import { findApiKeyByHash, touchApiKey } from './open311-key.queries.js';

/** sha256 of the key, base64url: what api_keys.key_hash holds. */
export const hashApiKey = hashSecret;

/** A fresh key: a recognisable prefix and 192 random bits. */
export function generateApiKey(): string {
  return `tsk_${newSecret(24)}`;
}

export interface ApiKeyHolder {
  tenantId: string;
  /** The tenant's slug (its Open311 jurisdiction_id) and name. */
  slug: string;
  name: string;
  keyId: string;
  partnerId: string | null;
}

/** last_used_at is informational: written at most hourly per key. */
const TOUCH_MS = 3_600_000;

/**
 * The holder of a live API key: 403 when the key is missing, unknown, revoked, or belongs to a
 * partner that is no longer active.
 */
export async function authenticateApiKey(ctx: AppContext, apiKey: string | undefined): Promise<ApiKeyHolder> {
  const key = apiKey?.trim();
  if (!key) throw new AppError(403, 'api_key_missing');
  const row = key.length > 200 ? undefined : await findApiKeyByHash(ctx.db, hashApiKey(key));
  if (!row || row.revoked_at || (row.partner_id && row.partner_status !== 'active')) throw new AppError(403, 'api_key_invalid');
  const now = ctx.clock.now();
  if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > TOUCH_MS) await touchApiKey(ctx.db, row.tenant_id, row.id, now);
  return { tenantId: row.tenant_id, slug: row.slug, name: row.name, keyId: row.id, partnerId: row.partner_id };
}

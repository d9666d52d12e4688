/** Creating, listing and revoking partners' Open311 API keys (the key is shown once). */
import { uuidv7 } from 'uuidv7';
import { audit } from '../../access/audit.js';
import { generateApiKey, hashApiKey } from '../../access/authenticators/open311-key.js';
import type { Principal, RequestMeta } from '../../access/principal.js';
import { requireAccess } from '../../access/require-access.js';
import type { AppContext } from '../../context.js';
import { withTransaction } from '../../db/transaction.js';
import { AppError } from '../../errors.js';
import { apiKeysOfPartner, insertApiKey, lockApiKey, revokeApiKeyRow } from './api-keys.queries.js';
import { partnerStatus } from './partners.queries.js';
import type { ApiKeysTable } from './partners.tables.js';

type Row = Omit<ApiKeysTable, 'key_hash' | 'tenant_id'>;
const out = (k: Row) => ({
  id: k.id,
  partner_id: k.partner_id,
  label: k.label,
  created_at: k.created_at.toISOString(),
  last_used_at: k.last_used_at?.toISOString() ?? null,
  revoked_at: k.revoked_at?.toISOString() ?? null,
});

async function checkPartner(ctx: AppContext, tenantId: string, partnerId: string) {
  const p = await partnerStatus(ctx.db, tenantId, partnerId);
  if (!p) throw new AppError(404, 'partner_not_found');
  return p;
}

export async function listApiKeys(ctx: AppContext, principal: Principal | null, partnerId: string) {
  const p = requireAccess(principal, 'partner:read');
  await checkPartner(ctx, p.tenantId, partnerId);
  const rows = await apiKeysOfPartner(ctx.db, p.tenantId, partnerId);
  return { items: rows.map(out) };
}

export async function createApiKey(ctx: AppContext, principal: Principal | null, meta: RequestMeta, partnerId: string, label: string) {
  const p = requireAccess(principal, 'partner:write');
  const partner = await checkPartner(ctx, p.tenantId, partnerId);
  if (partner.status !== 'active') throw new AppError(409, 'partner_not_active');
  const now = ctx.clock.now();
  const key = generateApiKey();
  const row = { id: uuidv7(), partner_id: partnerId, label, created_at: now, last_used_at: null, revoked_at: null };
  await withTransaction(ctx, async (trx) => {
    await insertApiKey(trx, { ...row, tenant_id: p.tenantId, key_hash: hashApiKey(key) });
    await audit(trx, p, meta, now, [{ action: 'create', entityType: 'api_key', entityId: row.id, detail: { partner_id: partnerId } }]);
  });
  return { ...out(row), key };
}

export async function revokeApiKey(ctx: AppContext, principal: Principal | null, meta: RequestMeta, id: string) {
  const p = requireAccess(principal, 'partner:write');
  const now = ctx.clock.now();
  return withTransaction(ctx, async (trx) => {
    const k = await lockApiKey(trx, p.tenantId, id);
    if (!k) throw new AppError(404, 'api_key_not_found');
    if (k.revoked_at) return out(k);
    await revokeApiKeyRow(trx, p.tenantId, id, now);
    await audit(trx, p, meta, now, [{ action: 'update', entityType: 'api_key', entityId: id, detail: { revoked: true } }]);
    return out({ ...k, revoked_at: now });
  });
}

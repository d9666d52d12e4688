/**
 * Who is calling the Open311 gateway: the jurisdiction (a tenant, named by its slug) and, for
 * everything but the public service catalogue, an API key held by a partner. Only the key's
 * hash is stored (sha256, base64url), as for device tokens.
 */
import { sql } from 'kysely';
import type { AppContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { hashApiKey } from '../partners/api-keys.js';

export interface Jurisdiction {
  tenantId: string;
  slug: string;
  name: string;
}

export interface ApiKeyHolder extends Jurisdiction {
  keyId: string;
  partnerId: string | null;
}

/** last_used_at is informational: written at most hourly per key. */
const TOUCH_MS = 3_600_000;

/**
 * The tenant a request is about. jurisdiction_id is optional only while the deployment serves
 * one municipality (as the spec allows); an unknown one is 404, a missing one 400.
 */
export async function resolveJurisdiction(ctx: AppContext, jurisdictionId: string | undefined): Promise<Jurisdiction> {
  const slug = jurisdictionId?.trim();
  if (slug) {
    const t = await ctx.db.selectFrom('tenants').select(['id', 'slug', 'name']).where('slug', '=', slug).executeTakeFirst();
    if (!t) throw new AppError(404, 'jurisdiction_not_found', undefined, { jurisdiction: slug.slice(0, 100) });
    return { tenantId: t.id, slug: t.slug, name: t.name };
  }
  const ts = await ctx.db.selectFrom('tenants').select(['id', 'slug', 'name']).limit(2).execute();
  if (ts.length !== 1) throw new AppError(400, 'jurisdiction_required');
  return { tenantId: ts[0]!.id, slug: ts[0]!.slug, name: ts[0]!.name };
}

/**
 * The holder of a live API key: 403 when the key is missing, unknown, revoked, belongs to a
 * partner that is no longer active, or to another jurisdiction than the one named.
 */
export async function requireApiKey(ctx: AppContext, apiKey: string | undefined, jurisdictionId: string | undefined): Promise<ApiKeyHolder> {
  const key = apiKey?.trim();
  if (!key) throw new AppError(403, 'api_key_missing');
  const row = key.length > 200 ? undefined : await ctx.db
    .selectFrom('api_keys as k')
    .innerJoin('tenants as t', 't.id', 'k.tenant_id')
    .leftJoin('partners as p', (j) => j.onRef('p.tenant_id', '=', 'k.tenant_id').onRef('p.id', '=', 'k.partner_id'))
    .select(['k.tenant_id', 'k.id', 'k.partner_id', 'k.revoked_at', 'k.last_used_at', 't.slug', 't.name', 'p.status as partner_status'])
    .where('k.key_hash', '=', hashApiKey(key))
    .executeTakeFirst();
  if (!row || row.revoked_at || (row.partner_id && row.partner_status !== 'active')) throw new AppError(403, 'api_key_invalid');
  const slug = jurisdictionId?.trim();
  if (slug && slug !== row.slug) {
    // Tell an unknown jurisdiction (404) from a key used for another one (403).
    await resolveJurisdiction(ctx, slug);
    throw new AppError(403, 'api_key_invalid');
  }
  const now = ctx.clock.now();
  if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > TOUCH_MS) {
    await sql`UPDATE api_keys SET last_used_at = ${now} WHERE tenant_id = ${row.tenant_id} AND id = ${row.id}`.execute(ctx.db);
  }
  return { tenantId: row.tenant_id, slug: row.slug, name: row.name, keyId: row.id, partnerId: row.partner_id };
}

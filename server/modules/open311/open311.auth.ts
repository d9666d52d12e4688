/**
 * Who is calling the Open311 gateway: the jurisdiction (a tenant, named by its slug) and, for
 * everything but the public service catalogue, an API key held by a partner (checked by
 * access/authenticators/open311-key.ts) that must belong to that jurisdiction.
 */
import { type ApiKeyHolder, authenticateApiKey } from '../../access/authenticators/open311-key.js';
import type { AppContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { findTenantBySlug, listTenantsForDefault } from './open311.queries.js';

export type { ApiKeyHolder };

export interface Jurisdiction {
  tenantId: string;
  slug: string;
  name: string;
}

/**
 * The tenant a request is about. jurisdiction_id is optional only while the deployment serves
 * one municipality (as the spec allows); an unknown one is 404, a missing one 400.
 */
export async function resolveJurisdiction(ctx: AppContext, jurisdictionId: string | undefined): Promise<Jurisdiction> {
  const slug = jurisdictionId?.trim();
  if (slug) {
    const t = await findTenantBySlug(ctx.db, slug);
    if (!t) throw new AppError(404, 'jurisdiction_not_found', undefined, { jurisdiction: slug.slice(0, 100) });
    return { tenantId: t.id, slug: t.slug, name: t.name };
  }
  const ts = await listTenantsForDefault(ctx.db);
  if (ts.length !== 1) throw new AppError(400, 'jurisdiction_required');
  return { tenantId: ts[0]!.id, slug: ts[0]!.slug, name: ts[0]!.name };
}

/**
 * The holder of a live API key for the named jurisdiction: 403 for a missing, unknown or revoked
 * key, or a key of another jurisdiction; 404 for a jurisdiction that does not exist.
 */
export async function requireApiKey(
  ctx: AppContext,
  apiKey: string | undefined,
  jurisdictionId: string | undefined,
): Promise<ApiKeyHolder> {
  const holder = await authenticateApiKey(ctx, apiKey);
  const slug = jurisdictionId?.trim();
  if (slug && slug !== holder.slug) {
    // Tell an unknown jurisdiction (404) from a key used for another one (403).
    await resolveJurisdiction(ctx, slug);
    throw new AppError(403, 'api_key_invalid');
  }
  return holder;
}

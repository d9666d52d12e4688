/**
 * The public side of a municipality (no account): what the resident report page needs to
 * render, and resident reports themselves — anonymous or with a callback contact, limited per
 * client address so the page cannot be used to flood the hub.
 */

import type { RequestMeta } from '../../access/principal.js';
import { hitRateLimit } from '../../access/rate-limit.js';
import type { AppContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { type ConcernFields, canonicalHash, fileConcern } from '../concerns/concerns.service.js';
import { partnerOfSticker } from '../partners/partners.service.js';
import { areasOf, categoriesOf, tenantBySlug as findTenant, hubsOf, tenantInfo } from '../tenants/tenants.service.js';

export async function tenantBySlug(ctx: AppContext, slug: string) {
  const t = await findTenant(ctx.db, slug);
  if (!t) throw new AppError(404, 'tenant_not_found');
  return t;
}

export async function publicTenant(ctx: AppContext, slug: string, locale: string) {
  const t = await tenantBySlug(ctx, slug);
  const [{ settings, areas }, hubs] = await Promise.all([tenantInfo(ctx.db, t.id), hubsOf(ctx.db, t.id)]);
  const bbox = areas.length
    ? [
        Math.min(...areas.map((a) => a.bbox[0]!)),
        Math.min(...areas.map((a) => a.bbox[1]!)),
        Math.max(...areas.map((a) => a.bbox[2]!)),
        Math.max(...areas.map((a) => a.bbox[3]!)),
      ]
    : null;
  return {
    slug: t.slug,
    name: t.name,
    tile_url: ctx.config.tileUrl,
    tile_attribution: ctx.config.tileAttribution,
    categories: categoriesOf(settings).map((c) => ({
      code: c.code,
      label: c.labels[locale] ?? c.labels.ja ?? c.code,
      labels: c.labels,
      priority: c.priority,
    })),
    bbox,
    areas_geojson_url: `/api/v1/public/tenants/${t.slug}/areas.geojson`,
    hubs: hubs.map((h) => ({ name: h.name, phone: h.phone })),
  };
}

export async function publicAreas(ctx: AppContext, slug: string) {
  const t = await tenantBySlug(ctx, slug);
  const rows = await areasOf(ctx.db, t.id);
  // Census areas and populations are public statistics; nothing personal here.
  return {
    type: 'FeatureCollection' as const,
    features: rows.map((r) => ({ type: 'Feature' as const, id: r.id, properties: { code: r.code, name: r.name }, geometry: r.geometry })),
  };
}

export interface ResidentReport extends ConcernFields {
  anonymous: boolean;
  callback_contact?: string;
  ref?: string;
}

export async function fileResidentReport(
  ctx: AppContext,
  slug: string,
  meta: RequestMeta,
  body: ResidentReport,
  idempotencyKey: string | undefined,
) {
  const t = await tenantBySlug(ctx, slug);
  const now = ctx.clock.now();
  await hitRateLimit(ctx.db, `public-report:${t.id}:${meta.ip ?? 'unknown'}`, now, 3_600_000, ctx.config.publicReportsPerHour);
  if (!body.anonymous && !body.callback_contact?.trim()) throw new AppError(400, 'callback_required');
  // A partner's sticker (QR) credits the report to that partner; an unknown code is ignored.
  const partnerId = body.ref ? await partnerOfSticker(ctx.db, t.id, body.ref) : null;
  const { anonymous, callback_contact, ref: _ref, ...fields } = body;
  return fileConcern(
    ctx,
    {
      tenantId: t.id,
      reporterKind: 'resident',
      channel: 'web',
      reporterAccountId: null,
      reporterPartnerId: partnerId,
      reporterDeviceId: null,
      anonymous,
      callbackContact: anonymous ? null : (callback_contact ?? null),
      // Residents share no account, so a key alone would collide between two people's phones:
      // a key is scoped to the whole report (facts, contact, sticker). A real retry sends the same
      // report and is recognised from any address (Wi-Fi to mobile data); another resident's
      // report with the same key is stored as their own. A client that replays someone else's
      // key and every field learns only that report's reference and time of receipt.
      idempotencyPrincipal: `public:${canonicalHash(body)}`,
    },
    fields,
    idempotencyKey,
  );
}

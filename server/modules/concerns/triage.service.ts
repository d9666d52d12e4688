/**
 * The triage queue (concerns waiting for a decision, most urgent-looking and oldest first) and
 * dismissal (no case needed). Triage into a case is the cases module's (cases/triage.service.ts).
 */
import { audit } from '../../access/audit.js';
import type { Principal, RequestMeta } from '../../access/principal.js';
import { requireAccess } from '../../access/require-access.js';
import type { AppContext } from '../../context.js';
import { withTransaction } from '../../db/transaction.js';
import { categoriesOf, tenantInfo } from '../tenants/tenants.service.js';
import { triageQueue, updateConcernRow } from './concerns.queries.js';
import type { TriageItem } from './concerns.schemas.js';
import { duplicateRadius, duplicateWindowMs, isPlaceUnknown, lockUntriagedConcern } from './concerns.service.js';
import { referenceOf } from './reference.js';

export async function getTriageQueue(ctx: AppContext, principal: Principal | null, limit: number, locale: string): Promise<TriageItem[]> {
  const p = requireAccess(principal, 'triage:read');
  const { settings } = await tenantInfo(ctx.db, p.tenantId);
  const since = new Date(ctx.clock.now().getTime() - duplicateWindowMs(settings));
  const rows = await triageQueue(ctx.db, p.tenantId, limit, since, duplicateRadius(settings));
  const labels = new Map(categoriesOf(settings).map((c) => [c.code, c.labels]));
  return rows.map((r) => ({
    id: r.id,
    reference: referenceOf(r.id),
    category: r.category,
    category_label: labels.get(r.category)?.[locale] ?? labels.get(r.category)?.ja ?? r.category,
    priority: r.priority,
    description: r.description,
    place_text: r.place_text,
    latitude: r.latitude,
    longitude: r.longitude,
    area_id: r.area_id,
    area_name: r.area_name ?? null,
    outside_area: r.outside_area,
    observed_at: r.observed_at.toISOString(),
    received_at: r.received_at.toISOString(),
    channel: r.channel,
    reporter_kind: r.reporter_kind,
    anonymous: r.anonymous,
    partner_name: r.partner_name ?? null,
    possible_duplicates: r.possible_duplicates ?? 0,
    place_unknown: isPlaceUnknown(r),
  }));
}

export async function dismissConcern(ctx: AppContext, principal: Principal | null, meta: RequestMeta, concernId: string, reason: string) {
  const p = requireAccess(principal, 'triage:write');
  const now = ctx.clock.now();
  await withTransaction(ctx, async (trx, emit) => {
    const c = await lockUntriagedConcern(trx, p.tenantId, concernId);
    await updateConcernRow(trx, p.tenantId, concernId, {
      status: 'dismissed',
      triaged_at: now,
      triaged_by: p.accountId,
      dismiss_reason: reason,
      status_changed_at: now,
    });
    await audit(trx, p, meta, now, [{ action: 'triage', entityType: 'concern', entityId: concernId, detail: { dismissed: true, reason } }]);
    emit({ tenantId: p.tenantId, type: 'concern.triaged', id: concernId });
    if (c.reporter_account_id) emit({ tenantId: p.tenantId, type: 'concern.status', id: concernId, accountId: c.reporter_account_id });
  });
  return { id: concernId, status: 'dismissed' as const };
}

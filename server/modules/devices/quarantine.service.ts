/**
 * Readings the ingest path set aside because they could not be processed (telemetry.ingest.ts):
 * coordinators see them per tenant, newest first, with why. Device ids and the reading only.
 */
import type { Principal } from '../../access/principal.js';
import { requireAccess } from '../../access/require-access.js';
import type { AppContext } from '../../context.js';
import type { QuarantineQuery } from './devices.schemas.js';
import { listQuarantineRows } from './telemetry.queries.js';

export async function listQuarantine(ctx: AppContext, principal: Principal | null, q: QuarantineQuery) {
  const p = requireAccess(principal, 'device:read');
  const limit = q.limit ?? 100;
  const rows = await listQuarantineRows(ctx.db, p.tenantId, limit, q.before ?? null);
  return {
    items: rows.map((r) => ({
      id: r.id,
      device_id: r.device_id,
      device_key: r.device_key,
      kind: r.kind,
      ts: r.ts?.toISOString() ?? null,
      value: r.value,
      raw: r.raw,
      reason: r.reason,
      source: r.source as 'http' | 'mqtt',
      received_at: r.received_at.toISOString(),
    })),
    next_before: rows.length === limit ? rows[rows.length - 1]!.id : null,
  };
}

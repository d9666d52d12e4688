/**
 * The headline KPI: hours from receipt of a concern (覚知) to first contact (初回接触), target
 * under 24 h on average. within_target_ratio counts a case against its own urgency target:
 * contacted in time / (contacted + still uncontacted past the deadline); cases still inside
 * their window are not yet a success or a failure.
 * Roles that see aggregates only (analyst, coordinator, admin) get small cells (< 5 cases)
 * suppressed so nobody can be singled out (DESIGN.md §5).
 */
import type { Principal } from '../../access/principal.js';
import { requireAccess } from '../../access/require-access.js';
import { can } from '../../access/roles.js';
import type { AppContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { tenantInfo } from '../tenants/tenant-cache.js';
import { targetHours, URGENCIES } from '../tenants/tenant-settings.js';
import { firstContactStats, type KpiRow } from './kpis.queries.js';

export const HEADLINE_TARGET_HOURS = 24;
export const SMALL_CELL = 5;
const DEFAULT_WINDOW_DAYS = 90;

const round = (n: number | null, d = 2) => (n === null || Number.isNaN(n) ? null : Math.round(n * 10 ** d) / 10 ** d);

function cell(r: KpiRow | undefined, suppress: boolean) {
  const cases = r?.cases ?? 0;
  const contacted = r?.contacted ?? 0;
  const decided = contacted + (r?.overdue_uncontacted ?? 0);
  const hidden = suppress && cases > 0 && cases < SMALL_CELL;
  return {
    cases: hidden ? null : cases,
    count: hidden ? null : contacted,
    median_hours: hidden ? null : round(r?.median_hours ?? null),
    mean_hours: hidden ? null : round(r?.mean_hours ?? null),
    within_target_ratio: hidden || decided === 0 ? null : round((r?.within_target ?? 0) / decided, 4),
    open_without_contact: hidden ? null : (r?.open_uncontacted ?? 0),
    overdue: hidden ? null : (r?.overdue_uncontacted ?? 0),
    suppressed: hidden,
  };
}

/** A bare date is a municipal day: midnight in Asia/Tokyo. */
function parseDay(s: string): Date {
  return /^\d{4}-\d{2}-\d{2}$/.test(s) ? new Date(`${s}T00:00:00+09:00`) : new Date(s);
}

export async function firstContactKpi(ctx: AppContext, principal: Principal | null, fromIso?: string, toIso?: string) {
  const p = requireAccess(principal, 'kpi:read');
  const now = ctx.clock.now();
  // A bare `to` day is inclusive: the period runs to the end of that day.
  const to = toIso ? new Date(parseDay(toIso).getTime() + (/^\d{4}-\d{2}-\d{2}$/.test(toIso) ? 86_400_000 : 0)) : now;
  const from = fromIso ? parseDay(fromIso) : new Date(to.getTime() - DEFAULT_WINDOW_DAYS * 86_400_000);
  if (!(from < to)) throw new AppError(400, 'invalid_period');
  const { settings } = await tenantInfo(ctx.db, p.tenantId);
  const rows = await firstContactStats(ctx.db, p.tenantId, from, to, now);
  const suppress = !can(p.role, 'case:read');
  const all = rows.find((r) => r.by === 'all');
  // Totals are suppressed too when small: a lone case's hours would describe one person.
  const overall = cell(all, suppress);
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    headline_target_hours: HEADLINE_TARGET_HOURS,
    cases: overall.cases,
    count: overall.count,
    median_hours: overall.median_hours,
    mean_hours: overall.mean_hours,
    within_target_ratio: overall.within_target_ratio,
    open_without_contact: overall.open_without_contact,
    overdue: overall.overdue,
    suppressed: overall.suppressed,
    small_cells_suppressed: suppress,
    by_urgency: Object.fromEntries(
      URGENCIES.map((u) => [u, { ...cell(rows.find((r) => r.by === 'urgency' && r.grp === u), suppress), target_hours: targetHours(settings, u) }]),
    ),
    by_month: rows.filter((r) => r.by === 'month').map((r) => ({ month: r.grp!, ...cell(r, suppress) })),
  };
}

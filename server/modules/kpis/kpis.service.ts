/**
 * The headline KPI: hours from receipt of a concern (覚知) to first contact (初回接触), target
 * under 24 h on average. within_target_ratio counts a case against its own urgency target:
 * contacted in time / (contacted + still uncontacted past the deadline); cases still inside
 * their window are not yet a success or a failure.
 * Roles that see aggregates only (analyst, coordinator, admin) get small cells (< 5 cases)
 * suppressed so nobody can be singled out (DESIGN.md §5).
 */

import { seesAggregatesOnly } from '../../access/policies.js';
import type { Principal } from '../../access/principal.js';
import { requireAccess } from '../../access/require-access.js';
import type { AppContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { URGENCIES } from '../../schema-helpers.js';
import { DAY_MS, reportingPeriod } from '../../time.js';
import { targetHours, tenantInfo } from '../tenants/tenants.service.js';
import { firstContactStats, type KpiRow, type SafetyRow, safetyCheckStats } from './kpis.queries.js';

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

export async function firstContactKpi(ctx: AppContext, principal: Principal | null, fromIso?: string, toIso?: string) {
  const p = requireAccess(principal, 'kpi:read');
  const now = ctx.clock.now();
  // A bare `to` day is inclusive: the period runs to the end of that day.
  const { from, to } = reportingPeriod(fromIso, toIso, now, (end) => new Date(end.getTime() - DEFAULT_WINDOW_DAYS * DAY_MS));
  if (!(from < to)) throw new AppError(400, 'invalid_period');
  const { settings } = await tenantInfo(ctx.db, p.tenantId);
  const rows = await firstContactStats(ctx.db, p.tenantId, from, to, now);
  const suppress = seesAggregatesOnly(p);
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
      URGENCIES.map((u) => [
        u,
        {
          ...cell(
            rows.find((r) => r.by === 'urgency' && r.grp === u),
            suppress,
          ),
          target_hours: targetHours(settings, u),
        },
      ]),
    ),
    by_month: rows.filter((r) => r.by === 'month').map((r) => ({ month: r.grp!, ...cell(r, suppress) })),
  };
}

/**
 * Safety checks (issue #4 §2): the share of welfare alerts confirmed (a settled outcome) within
 * the severity's target, and minutes from alert to confirmation (median, p90). Like the
 * first-contact KPI, an alert still open inside its target is not yet a success or a failure:
 * share = confirmed in time / (resolved + open past target). Seed target: 95%.
 */
export const SAFETY_TARGET_RATIO = 0.95;
export const SAFETY_TARGET_MINUTES: Record<'critical' | 'high' | 'medium' | 'low', number> = {
  critical: 30,
  high: 60,
  medium: 240,
  low: 1440,
};

function safetyCell(r: SafetyRow | undefined, suppress: boolean) {
  const alerts = r?.alerts ?? 0;
  const decided = (r?.resolved ?? 0) + (r?.overdue_open ?? 0);
  const hidden = suppress && alerts > 0 && alerts < SMALL_CELL;
  return {
    alerts: hidden ? null : alerts,
    confirmed: hidden ? null : (r?.confirmed ?? 0),
    within_target: hidden ? null : (r?.within_target ?? 0),
    within_target_ratio: hidden || decided === 0 ? null : round((r?.within_target ?? 0) / decided, 4),
    median_minutes: hidden ? null : round(r?.median_minutes ?? null, 1),
    p90_minutes: hidden ? null : round(r?.p90_minutes ?? null, 1),
    open: hidden ? null : (r?.open ?? 0),
    overdue: hidden ? null : (r?.overdue_open ?? 0),
    suppressed: hidden,
  };
}

export async function safetyChecksKpi(ctx: AppContext, principal: Principal | null, fromIso?: string, toIso?: string) {
  const p = requireAccess(principal, 'kpi:read');
  const now = ctx.clock.now();
  const { from, to } = reportingPeriod(fromIso, toIso, now, (end) => new Date(end.getTime() - DEFAULT_WINDOW_DAYS * DAY_MS));
  if (!(from < to)) throw new AppError(400, 'invalid_period');
  const rows = await safetyCheckStats(ctx.db, p.tenantId, from, to, now, SAFETY_TARGET_MINUTES);
  const suppress = seesAggregatesOnly(p);
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    target_ratio: SAFETY_TARGET_RATIO,
    ...safetyCell(
      rows.find((r) => r.by === 'all'),
      suppress,
    ),
    small_cells_suppressed: suppress,
    by_severity: Object.fromEntries(
      (Object.keys(SAFETY_TARGET_MINUTES) as (keyof typeof SAFETY_TARGET_MINUTES)[]).map((s) => [
        s,
        {
          ...safetyCell(
            rows.find((r) => r.by === 'severity' && r.grp === s),
            suppress,
          ),
          target_minutes: SAFETY_TARGET_MINUTES[s],
        },
      ]),
    ),
    by_month: rows.filter((r) => r.by === 'month').map((r) => ({ month: r.grp!, ...safetyCell(r, suppress) })),
  };
}

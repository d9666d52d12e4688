/**
 * The headline KPI: hours from receipt of a concern (覚知) to first contact (初回接触), target
 * under 24 h on average. within_target_ratio counts a case against its own urgency target:
 * contacted in time / (contacted + still uncontacted past the deadline); cases still inside
 * their window are not yet a success or a failure.
 *
 * Roles that see aggregates only (analyst, coordinator, admin; DESIGN.md §5) must not be able to
 * single anybody out, not even by differencing two answers (an outside probe recovered one case's
 * urgency and hours from two windows 2 ms apart). So, for them:
 *  - periods are whole, completed calendar months in Asia/Tokyo (a requested period is widened to
 *    months and ends at the start of the current month), so no two answers differ by less than a
 *    month of data, and the month still being filled is never shown;
 *  - the building blocks are (month × urgency) — (month × severity) for safety checks — and a
 *    block with 1–4 cases is withheld from every figure, totals included. Every released figure is
 *    then a sum of blocks of at least SMALL_CELL cases, and so is the difference of any two
 *    released figures: a derived cell below 5 cannot be constructed.
 * What remains (docs/API.md "Aggregates and small cells"): figures of a past month can still move
 * when a late first contact is recorded for one of its cases; means are rounded to 0.01 h.
 */

import { seesAggregatesOnly } from '../../access/policies.js';
import type { Principal } from '../../access/principal.js';
import { requireAccess } from '../../access/require-access.js';
import type { AppContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { URGENCIES } from '../../schema-helpers.js';
import { DAY_MS, reportingPeriod, TOKYO_OFFSET_MS } from '../../time.js';
import { targetHours, tenantInfo } from '../tenants/tenants.service.js';
import {
  type BlockFilter,
  firstContactBlocks,
  firstContactStats,
  type KpiRow,
  type SafetyRow,
  safetyCheckBlocks,
  safetyCheckStats,
} from './kpis.queries.js';

export const HEADLINE_TARGET_HOURS = 24;
export const SMALL_CELL = 5;
const DEFAULT_WINDOW_DAYS = 90;

const round = (n: number | null, d = 2) => (n === null || Number.isNaN(n) ? null : Math.round(n * 10 ** d) / 10 ** d);

/** Midnight (Asia/Tokyo) on the first of the month containing t, and of the month `add` later. */
function tokyoMonthStart(t: Date, add = 0): Date {
  const local = new Date(t.getTime() + TOKYO_OFFSET_MS);
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + add, 1) - TOKYO_OFFSET_MS);
}

const monthKey = (t: Date) => new Date(t.getTime() + TOKYO_OFFSET_MS).toISOString().slice(0, 7);

/**
 * An aggregates-only period: widened to whole Tokyo months and ending at the start of the current
 * month. null when no complete month is left.
 */
function completedMonths(from: Date, to: Date, now: Date): { from: Date; to: Date; months: string[] } | null {
  const start = tokyoMonthStart(from);
  const end = new Date(Math.min(tokyoMonthStart(new Date(to.getTime() - 1), 1).getTime(), tokyoMonthStart(now).getTime()));
  if (!(start < end)) return null;
  const months: string[] = [];
  for (let m = start; m < end; m = tokyoMonthStart(m, 1)) months.push(monthKey(m));
  return { from: start, to: end, months };
}

interface Blocks {
  /** Only these blocks count (null: everything, for roles that see cases). */
  filter: BlockFilter;
  /** Groups (urgency / severity) and months that had a block withheld. */
  withheldGroups: Set<string>;
  withheldMonths: Set<string>;
}

function splitBlocks(blocks: { month: string; grp: string; n: number }[]): Blocks {
  const kept = blocks.filter((b) => b.n >= SMALL_CELL);
  const small = blocks.filter((b) => b.n > 0 && b.n < SMALL_CELL);
  return {
    filter: { months: kept.map((b) => b.month), groups: kept.map((b) => b.grp) },
    withheldGroups: new Set(small.map((b) => b.grp)),
    withheldMonths: new Set(small.map((b) => b.month)),
  };
}

const ALL: Blocks = { filter: null, withheldGroups: new Set(), withheldMonths: new Set() };

/**
 * The period an answer covers, and for aggregates-only roles the blocks it may use. `empty` when
 * an aggregates-only period holds no completed month.
 */
async function periodFor(
  p: Principal,
  fromIso: string | undefined,
  toIso: string | undefined,
  now: Date,
  loadBlocks: (from: Date, to: Date) => Promise<{ month: string; grp: string; n: number }[]>,
) {
  // A bare `to` day is inclusive: the period runs to the end of that day.
  const asked = reportingPeriod(fromIso, toIso, now, (end) => new Date(end.getTime() - DEFAULT_WINDOW_DAYS * DAY_MS));
  if (!(asked.from < asked.to) || Number.isNaN(asked.from.getTime()) || Number.isNaN(asked.to.getTime()))
    throw new AppError(400, 'invalid_period');
  if (!seesAggregatesOnly(p)) return { ...asked, months: null as string[] | null, blocks: ALL, empty: false, aggregatesOnly: false };
  const m = completedMonths(asked.from, asked.to, now);
  if (!m) {
    const none: Blocks = { filter: { months: [], groups: [] }, withheldGroups: new Set(), withheldMonths: new Set() };
    return { from: asked.from, to: asked.to, months: [] as string[], blocks: none, empty: true, aggregatesOnly: true };
  }
  return { ...m, blocks: splitBlocks(await loadBlocks(m.from, m.to)), empty: false, aggregatesOnly: true };
}

/**
 * Hidden when nothing can be shown: no completed month, or every case of the cell was in a small
 * block; and, as a second line of defence for aggregates-only roles, any cell of 1–4 cases.
 */
function isHidden(n: number, withheld: boolean, empty: boolean, aggregatesOnly: boolean): boolean {
  return empty || (withheld && n === 0) || (aggregatesOnly && n > 0 && n < SMALL_CELL);
}

function cell(r: KpiRow | undefined, withheld: boolean, empty: boolean, aggregatesOnly: boolean) {
  const cases = r?.cases ?? 0;
  const contacted = r?.contacted ?? 0;
  const decided = contacted + (r?.overdue_uncontacted ?? 0);
  const hidden = isHidden(cases, withheld, empty, aggregatesOnly);
  return {
    cases: hidden ? null : cases,
    count: hidden ? null : contacted,
    median_hours: hidden ? null : round(r?.median_hours ?? null),
    mean_hours: hidden ? null : round(r?.mean_hours ?? null),
    within_target_ratio: hidden || decided === 0 ? null : round((r?.within_target ?? 0) / decided, 4),
    open_without_contact: hidden ? null : (r?.open_uncontacted ?? 0),
    overdue: hidden ? null : (r?.overdue_uncontacted ?? 0),
    suppressed: hidden,
    /** Some cases of this cell were withheld (small blocks); the figures cover the rest. */
    withheld: withheld && !hidden,
  };
}

/** Month rows in order, with months whose every block was withheld shown as suppressed. */
function monthRows<R extends { by: string; grp: string | null }, C>(
  rows: R[],
  months: string[] | null,
  withheld: Set<string>,
  toCell: (r: R | undefined, withheld: boolean) => C,
) {
  const found = new Map(rows.filter((r) => r.by === 'month').map((r) => [r.grp!, r]));
  const keys = months ?? [...found.keys()];
  return keys.filter((m) => found.has(m) || withheld.has(m)).map((m) => ({ month: m, ...toCell(found.get(m), withheld.has(m)) }));
}

export async function firstContactKpi(ctx: AppContext, principal: Principal | null, fromIso?: string, toIso?: string) {
  const p = requireAccess(principal, 'kpi:read');
  const now = ctx.clock.now();
  const period = await periodFor(p, fromIso, toIso, now, (from, to) => firstContactBlocks(ctx.db, p.tenantId, from, to));
  const { settings } = await tenantInfo(ctx.db, p.tenantId);
  const rows = period.empty ? [] : await firstContactStats(ctx.db, p.tenantId, period.from, period.to, now, period.blocks.filter);
  const { withheldGroups, withheldMonths } = period.blocks;
  const agg = period.aggregatesOnly;
  const overall = cell(
    rows.find((r) => r.by === 'all'),
    withheldGroups.size > 0,
    period.empty,
    agg,
  );
  return {
    from: period.from.toISOString(),
    to: period.to.toISOString(),
    headline_target_hours: HEADLINE_TARGET_HOURS,
    ...overall,
    small_cells_suppressed: period.aggregatesOnly,
    granularity: period.aggregatesOnly ? ('month' as const) : ('exact' as const),
    by_urgency: Object.fromEntries(
      URGENCIES.map((u) => [
        u,
        {
          ...cell(
            rows.find((r) => r.by === 'urgency' && r.grp === u),
            withheldGroups.has(u),
            period.empty,
            agg,
          ),
          target_hours: targetHours(settings, u),
        },
      ]),
    ),
    by_month: monthRows(rows, period.months, withheldMonths, (r, w) => cell(r, w, false, agg)),
  };
}

/**
 * Safety checks (issue #4 §2): the share of welfare alerts confirmed (a settled outcome) within
 * the severity's target, and minutes from alert to confirmation (median, p90). Like the
 * first-contact KPI, an alert still open inside its target is not yet a success or a failure:
 * share = confirmed in time / (resolved + open past target). Seed target: 95%. Aggregates-only
 * roles get the same month and block rules as above, with severity in place of urgency.
 */
export const SAFETY_TARGET_RATIO = 0.95;
export const SAFETY_TARGET_MINUTES: Record<'critical' | 'high' | 'medium' | 'low', number> = {
  critical: 30,
  high: 60,
  medium: 240,
  low: 1440,
};

function safetyCell(r: SafetyRow | undefined, withheld: boolean, empty: boolean, aggregatesOnly: boolean) {
  const alerts = r?.alerts ?? 0;
  const decided = (r?.resolved ?? 0) + (r?.overdue_open ?? 0);
  const hidden = isHidden(alerts, withheld, empty, aggregatesOnly);
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
    withheld: withheld && !hidden,
  };
}

export async function safetyChecksKpi(ctx: AppContext, principal: Principal | null, fromIso?: string, toIso?: string) {
  const p = requireAccess(principal, 'kpi:read');
  const now = ctx.clock.now();
  const period = await periodFor(p, fromIso, toIso, now, (from, to) => safetyCheckBlocks(ctx.db, p.tenantId, from, to));
  const rows = period.empty
    ? []
    : await safetyCheckStats(ctx.db, p.tenantId, period.from, period.to, now, SAFETY_TARGET_MINUTES, period.blocks.filter);
  const { withheldGroups, withheldMonths } = period.blocks;
  const agg = period.aggregatesOnly;
  return {
    from: period.from.toISOString(),
    to: period.to.toISOString(),
    target_ratio: SAFETY_TARGET_RATIO,
    ...safetyCell(
      rows.find((r) => r.by === 'all'),
      withheldGroups.size > 0,
      period.empty,
      agg,
    ),
    small_cells_suppressed: period.aggregatesOnly,
    granularity: period.aggregatesOnly ? ('month' as const) : ('exact' as const),
    by_severity: Object.fromEntries(
      (Object.keys(SAFETY_TARGET_MINUTES) as (keyof typeof SAFETY_TARGET_MINUTES)[]).map((s) => [
        s,
        {
          ...safetyCell(
            rows.find((r) => r.by === 'severity' && r.grp === s),
            withheldGroups.has(s),
            period.empty,
            agg,
          ),
          target_minutes: SAFETY_TARGET_MINUTES[s],
        },
      ]),
    ),
    by_month: monthRows(rows, period.months, withheldMonths, (r, w) => safetyCell(r, w, false, agg)),
  };
}

import { sql } from 'kysely';
import type { DB } from '../../db/database.js';

export interface KpiRow {
  grp: string | null;
  cases: number;
  contacted: number;
  within_target: number;
  overdue_uncontacted: number;
  open_uncontacted: number;
  median_hours: number | null;
  mean_hours: number | null;
}

/**
 * Time from receipt (覚知) to first contact, over cases received in [from, to), grouped by
 * urgency and by month (Asia/Tokyo) in one pass with GROUPING SETS. Only recorded timestamps
 * are used: cases.received_at (server clock at receipt) and first_contact_at (from a contact).
 */
/**
 * Cases per (Asia/Tokyo month, urgency) block in [from, to): the building blocks that small-cell
 * suppression works on for aggregates-only roles.
 */
export async function firstContactBlocks(db: DB, tenantId: string, from: Date, to: Date) {
  const { rows } = await sql<{ month: string; grp: string; n: number }>`
    SELECT to_char(received_at AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM') AS month, urgency AS grp, count(*)::int AS n
    FROM cases WHERE tenant_id = ${tenantId} AND received_at >= ${from} AND received_at < ${to}
    GROUP BY 1, 2`.execute(db);
  return rows;
}

/** Only cases in these (month, group) blocks count; null: all of them. */
export type BlockFilter = { months: string[]; groups: string[] } | null;

function blockCondition(filter: BlockFilter, monthExpr: ReturnType<typeof sql>, groupColumn: string) {
  if (filter === null) return sql`true`;
  return sql`(${monthExpr}, ${sql.ref(groupColumn)}::text) IN (SELECT * FROM unnest(${filter.months}::text[], ${filter.groups}::text[]))`;
}

export async function firstContactStats(db: DB, tenantId: string, from: Date, to: Date, now: Date, blocks: BlockFilter = null) {
  const { rows } = await sql<KpiRow & { by: 'all' | 'urgency' | 'month' }>`
    WITH k AS (
      SELECT urgency,
             to_char(received_at AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM') AS month,
             EXTRACT(EPOCH FROM (first_contact_at - received_at)) / 3600.0 AS hours,
             first_contact_at IS NOT NULL AND first_contact_at <= first_contact_due_at AS in_target,
             first_contact_at IS NULL AND status <> 'closed' AS open_uncontacted,
             first_contact_at IS NULL AND status <> 'closed' AND first_contact_due_at < ${now} AS overdue_uncontacted
      FROM cases
      WHERE tenant_id = ${tenantId} AND received_at >= ${from} AND received_at < ${to}
        AND ${blockCondition(blocks, sql`to_char(received_at AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM')`, 'urgency')}
    )
    SELECT CASE WHEN GROUPING(urgency) = 0 THEN 'urgency' WHEN GROUPING(month) = 0 THEN 'month' ELSE 'all' END AS by,
           COALESCE(urgency, month) AS grp,
           count(*)::int AS cases,
           count(hours)::int AS contacted,
           count(*) FILTER (WHERE in_target)::int AS within_target,
           count(*) FILTER (WHERE overdue_uncontacted)::int AS overdue_uncontacted,
           count(*) FILTER (WHERE open_uncontacted)::int AS open_uncontacted,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY hours) AS median_hours,
           avg(hours)::float8 AS mean_hours
    FROM k
    GROUP BY GROUPING SETS ((), (urgency), (month))
    ORDER BY 1, 2`.execute(db);
  return rows;
}

export interface SafetyRow {
  grp: string | null;
  alerts: number;
  resolved: number;
  confirmed: number;
  within_target: number;
  open: number;
  overdue_open: number;
  median_minutes: number | null;
  p90_minutes: number | null;
}

/**
 * Safety checks (安否確認) on welfare alerts raised in [from, to), overall, by severity and by
 * month (Asia/Tokyo): confirmed = resolved with an outcome that settles the person's state
 * (anything but not_reached / technical_fixed); minutes from raised_at to resolved_at, against
 * the severity's target. Only recorded timestamps are used.
 */
/** Welfare alerts per (Asia/Tokyo month, severity) block in [from, to). */
export async function safetyCheckBlocks(db: DB, tenantId: string, from: Date, to: Date) {
  const { rows } = await sql<{ month: string; grp: string; n: number }>`
    SELECT to_char(raised_at AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM') AS month, severity AS grp, count(*)::int AS n
    FROM alerts WHERE tenant_id = ${tenantId} AND category = 'welfare' AND raised_at >= ${from} AND raised_at < ${to}
    GROUP BY 1, 2`.execute(db);
  return rows;
}

export async function safetyCheckStats(
  db: DB,
  tenantId: string,
  from: Date,
  to: Date,
  now: Date,
  targetMinutes: Record<string, number>,
  blocks: BlockFilter = null,
) {
  const target = sql`CASE severity WHEN 'critical' THEN ${targetMinutes.critical}::float8 WHEN 'high' THEN ${targetMinutes.high}::float8
    WHEN 'medium' THEN ${targetMinutes.medium}::float8 ELSE ${targetMinutes.low}::float8 END`;
  const { rows } = await sql<SafetyRow & { by: 'all' | 'severity' | 'month' }>`
    WITH a AS (
      SELECT severity,
             to_char(raised_at AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM') AS month,
             status = 'resolved' AS resolved,
             CASE WHEN status = 'resolved' AND outcome IN ('safe', 'needs_support', 'emergency_services', 'false_alarm')
                  THEN EXTRACT(EPOCH FROM (resolved_at - raised_at)) / 60.0 END AS minutes,
             ${target} AS target,
             status <> 'resolved' AS open,
             status <> 'resolved' AND raised_at + make_interval(mins => (${target})::int) < ${now} AS overdue_open
      FROM alerts
      WHERE tenant_id = ${tenantId} AND category = 'welfare' AND raised_at >= ${from} AND raised_at < ${to}
        AND ${blockCondition(blocks, sql`to_char(raised_at AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM')`, 'severity')}
    )
    SELECT CASE WHEN GROUPING(severity) = 0 THEN 'severity' WHEN GROUPING(month) = 0 THEN 'month' ELSE 'all' END AS by,
           COALESCE(severity, month) AS grp,
           count(*)::int AS alerts,
           count(*) FILTER (WHERE resolved)::int AS resolved,
           count(minutes)::int AS confirmed,
           count(*) FILTER (WHERE minutes <= target)::int AS within_target,
           count(*) FILTER (WHERE open)::int AS open,
           count(*) FILTER (WHERE overdue_open)::int AS overdue_open,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY minutes) AS median_minutes,
           percentile_cont(0.9) WITHIN GROUP (ORDER BY minutes) AS p90_minutes
    FROM a
    GROUP BY GROUPING SETS ((), (severity), (month))
    ORDER BY 1, 2`.execute(db);
  return rows;
}

/**
 * KPI tables as files. They are built from the very answers of the KPI API (firstContactKpi,
 * safetyChecksKpi), so an aggregates-only role (analyst, coordinator, admin) gets exactly the
 * whole months and small-cell suppression the API gives it, and nothing more: a suppressed cell
 * is an empty cell marked 秘匿 in the file.
 */
import { audit } from '../../access/audit.js';
import type { Principal, RequestMeta } from '../../access/principal.js';
import { requireAccess } from '../../access/require-access.js';
import type { AppContext } from '../../context.js';
import { label, SEVERITY_JA, URGENCY_JA } from '../../export/labels-ja.js';
import { type Column, type ExportOptions, writeTable } from '../../export/table-export.js';
import { formatWesternDate } from '../../export/wareki.js';
import { firstContactKpi, SMALL_CELL, safetyChecksKpi } from './kpis.service.js';

type FirstContact = Awaited<ReturnType<typeof firstContactKpi>>;
type Safety = Awaited<ReturnType<typeof safetyChecksKpi>>;
type FcCell = Omit<FirstContact['by_month'][number], 'month'>;
type SafetyCell = Omit<Safety['by_month'][number], 'month'>;

const note = (c: { suppressed: boolean; withheld: boolean }) =>
  c.suppressed ? `秘匿（${SMALL_CELL}件未満）` : c.withheld ? `一部秘匿（${SMALL_CELL}件未満の区分を除く）` : '';

interface Row<C> {
  group: string;
  item: string;
  target: string;
  cell: C;
}

const fcColumns: Column<Row<FcCell>>[] = [
  { header: '区分', value: (r) => r.group },
  { header: '項目', value: (r) => r.item },
  { header: '目標', value: (r) => r.target },
  { header: 'ケース数', value: (r) => r.cell.cases, kind: 'number' },
  { header: '初回接触済み', value: (r) => r.cell.count, kind: 'number' },
  { header: '中央値（時間）', value: (r) => r.cell.median_hours, kind: 'number' },
  { header: '平均（時間）', value: (r) => r.cell.mean_hours, kind: 'number' },
  { header: '目標時間内の割合', value: (r) => r.cell.within_target_ratio, kind: 'number' },
  { header: '未接触', value: (r) => r.cell.open_without_contact, kind: 'number' },
  { header: '期限超過', value: (r) => r.cell.overdue, kind: 'number' },
  { header: '備考', value: (r) => note(r.cell), width: 30 },
];

const safetyColumns: Column<Row<SafetyCell>>[] = [
  { header: '区分', value: (r) => r.group },
  { header: '項目', value: (r) => r.item },
  { header: '目標', value: (r) => r.target },
  { header: 'アラート件数', value: (r) => r.cell.alerts, kind: 'number' },
  { header: '確認済み', value: (r) => r.cell.confirmed, kind: 'number' },
  { header: '目標時間内に確認', value: (r) => r.cell.within_target, kind: 'number' },
  { header: '目標時間内の割合', value: (r) => r.cell.within_target_ratio, kind: 'number' },
  { header: '中央値（分）', value: (r) => r.cell.median_minutes, kind: 'number' },
  { header: '90パーセンタイル（分）', value: (r) => r.cell.p90_minutes, kind: 'number' },
  { header: '未確認', value: (r) => r.cell.open, kind: 'number' },
  { header: '目標超過', value: (r) => r.cell.overdue, kind: 'number' },
  { header: '備考', value: (r) => note(r.cell), width: 30 },
];

function period(from: string, to: string) {
  // `to` is exclusive: the last day covered is the day before.
  return `${formatWesternDate(new Date(from))}〜${formatWesternDate(new Date(new Date(to).getTime() - 1))}`;
}

export async function exportKpis(
  ctx: AppContext,
  principal: Principal | null,
  meta: RequestMeta,
  q: ExportOptions & { kind?: 'first_contact' | 'safety_checks'; from?: string; to?: string },
) {
  const p = requireAccess(principal, 'kpi:read');
  const now = ctx.clock.now();
  const kind = q.kind ?? 'first_contact';
  const options = { format: q.format, encoding: q.encoding, calendar: q.calendar };
  let file: Awaited<ReturnType<typeof writeTable>>;
  let covered: { from: string; to: string; small_cells_suppressed: boolean };
  if (kind === 'first_contact') {
    const k = await firstContactKpi(ctx, p, q.from, q.to);
    covered = k;
    const rows: Row<FcCell>[] = [
      { group: '全体', item: '全体', target: `平均${k.headline_target_hours}時間以内`, cell: k },
      ...Object.entries(k.by_urgency).map(([u, c]) => ({
        group: '緊急度別',
        item: label(URGENCY_JA, u),
        target: `${c.target_hours}時間`,
        cell: c,
      })),
      ...k.by_month.map((m) => ({ group: '月別', item: m.month, target: '', cell: m })),
    ];
    file = await writeTable({
      name: 'kpi-first-contact',
      sheet: '初回接触までの時間',
      columns: fcColumns,
      rows,
      options,
      now,
      preamble: preamble('覚知から初回接触までの時間', k),
    });
  } else {
    const k = await safetyChecksKpi(ctx, p, q.from, q.to);
    covered = k;
    const rows: Row<SafetyCell>[] = [
      { group: '全体', item: '全体', target: `${Math.round(k.target_ratio * 100)}%以上`, cell: k },
      ...Object.entries(k.by_severity).map(([s, c]) => ({
        group: '重大度別',
        item: label(SEVERITY_JA, s),
        target: `${c.target_minutes}分`,
        cell: c,
      })),
      ...k.by_month.map((m) => ({ group: '月別', item: m.month, target: '', cell: m })),
    ];
    file = await writeTable({
      name: 'kpi-safety-checks',
      sheet: '安否確認',
      columns: safetyColumns,
      rows,
      options,
      now,
      preamble: preamble('安否確認（見守りアラート）', k),
    });
  }
  await audit(ctx.db, p, meta, now, [
    {
      action: 'export',
      entityType: 'kpi',
      entityId: null,
      detail: { kind, format: q.format ?? 'xlsx', rows: file.rows, from: covered.from, to: covered.to },
    },
  ]);
  return file;
}

function preamble(title: string, k: { from: string; to: string; small_cells_suppressed: boolean }): string[] {
  return [
    title,
    `期間: ${period(k.from, k.to)}`,
    ...(k.small_cells_suppressed ? [`${SMALL_CELL}件未満の区分は秘匿しています（完了した月単位の集計）。`] : []),
  ];
}

/**
 * Partner report counts as a file (for the 協定 review and the council report): the same figures
 * as GET /partners/report-stats, one row per partner and a total row. Audited like every export.
 */
import { audit } from '../../access/audit.js';
import type { Principal, RequestMeta } from '../../access/principal.js';
import { requireAccess } from '../../access/require-access.js';
import type { AppContext } from '../../context.js';
import { label, PARTNER_KINDS_JA, PARTNER_STATUS_JA } from '../../export/labels-ja.js';
import { type Column, type ExportOptions, writeTable } from '../../export/table-export.js';
import { formatWesternDate } from '../../export/wareki.js';
import { reportStats } from './partners.service.js';

type Stats = Awaited<ReturnType<typeof reportStats>>;
type Line = Omit<Stats['items'][number], 'partner_id' | 'kind' | 'status'> & { kind: string | null; status: string | null };

const columns: Column<Line>[] = [
  { header: '協力事業者', value: (r) => r.name, width: 28 },
  { header: '業種', value: (r) => label(PARTNER_KINDS_JA, r.kind) },
  { header: '状態', value: (r) => label(PARTNER_STATUS_JA, r.status) },
  { header: '通報件数', value: (r) => r.reports, kind: 'number' },
  { header: '有効な通報', value: (r) => r.useful_reports, kind: 'number' },
  { header: '前年同期の通報件数', value: (r) => r.previous_reports, kind: 'number' },
  { header: '前年同期の有効な通報', value: (r) => r.previous_useful_reports, kind: 'number' },
  { header: '通報件数の前年比', value: (r) => r.reports_change, kind: 'number' },
  { header: '有効な通報の前年比', value: (r) => r.useful_reports_change, kind: 'number' },
];

const day = (iso: string, exclusiveEnd = false) => formatWesternDate(new Date(new Date(iso).getTime() - (exclusiveEnd ? 1 : 0)));

export async function exportReportStats(
  ctx: AppContext,
  principal: Principal | null,
  meta: RequestMeta,
  q: ExportOptions & { from?: string; to?: string },
) {
  const p = requireAccess(principal, 'partner:read');
  const now = ctx.clock.now();
  const s = await reportStats(ctx, p, q.from, q.to);
  const rows: Line[] = [...s.items, { name: '合計', kind: null, status: null, ...s.totals }];
  const file = await writeTable({
    name: 'partner-reports',
    sheet: '協力事業者の通報件数',
    columns,
    rows,
    options: { format: q.format, encoding: q.encoding, calendar: q.calendar },
    now,
    preamble: [
      '協力事業者の通報件数',
      `期間: ${day(s.from)}〜${day(s.to, true)}（前年同期: ${day(s.previous_from)}〜${day(s.previous_to, true)}）`,
      `目標: 有効な通報 前年比 +${Math.round(s.target_change * 100)}%`,
    ],
  });
  await audit(ctx.db, p, meta, now, [
    {
      action: 'export',
      entityType: 'partner',
      entityId: null,
      detail: { kind: 'report_stats', format: q.format ?? 'xlsx', rows: s.items.length, from: s.from, to: s.to },
    },
  ]);
  return file;
}

/**
 * The case list as a file (.xlsx or CSV), with the same filters as the list on screen. It names
 * people, so the export is audited like the list is: who exported, which filters, how many rows
 * and which people were in it.
 */
import { audit } from '../../access/audit.js';
import type { Principal, RequestMeta } from '../../access/principal.js';
import { requireAccess } from '../../access/require-access.js';
import type { AppContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { CASE_STATUS_JA, label, OUTCOME_JA, URGENCY_JA } from '../../export/labels-ja.js';
import { type Column, MAX_EXPORT_ROWS, writeTable } from '../../export/table-export.js';
import { listCases as listCasesQuery } from './cases.queries.js';
import type { CaseDto, CaseExportQuery } from './cases.schemas.js';
import { caseFilter, toCaseDto } from './cases.service.js';

const columns: Column<CaseDto>[] = [
  { header: 'ケース番号', value: (c) => c.case_number, kind: 'number' },
  { header: '状態', value: (c) => label(CASE_STATUS_JA, c.status) },
  { header: '緊急度', value: (c) => label(URGENCY_JA, c.urgency) },
  { header: '対象者', value: (c) => c.person_name ?? '（未特定）', width: 20 },
  { header: '担当者', value: (c) => c.assignee_name ?? '（未割当）', width: 16 },
  { header: '受付日時', value: (c) => c.received_at, kind: 'datetime', width: 18 },
  { header: '初回接触期限', value: (c) => c.first_contact_due_at, kind: 'datetime', width: 18 },
  { header: '初回接触日時', value: (c) => c.first_contact_at, kind: 'datetime', width: 18 },
  { header: '期限超過', value: (c) => c.overdue },
  { header: '気づき件数', value: (c) => c.concern_count, kind: 'number' },
  { header: '終結日時', value: (c) => c.closed_at, kind: 'datetime', width: 18 },
  { header: '結果', value: (c) => label(OUTCOME_JA, c.outcome), width: 20 },
];

export async function exportCases(ctx: AppContext, principal: Principal | null, meta: RequestMeta, q: CaseExportQuery) {
  const p = requireAccess(principal, 'case:read');
  const now = ctx.clock.now();
  const { format, encoding, calendar, q: text, ...rest } = q;
  // Like a search, the audit row keeps the search text's length, never the text (it may be a name).
  const filters = { ...rest, ...(text ? { q_length: text.length } : {}) };
  const { items, total } = await listCasesQuery(ctx.db, p.tenantId, { ...caseFilter(q, now), limit: MAX_EXPORT_ROWS, offset: 0 });
  if (total > MAX_EXPORT_ROWS) throw new AppError(400, 'export_too_large', undefined, { max: MAX_EXPORT_ROWS });
  const rows = items.map((r) => toCaseDto(r, now));
  const file = await writeTable({ name: 'cases', sheet: 'ケース一覧', columns, rows, options: { format, encoding, calendar }, now });
  const people = [...new Set(rows.map((r) => r.person_id).filter((x): x is string => x !== null))];
  await audit(ctx.db, p, meta, now, [
    {
      action: 'export',
      entityType: 'case',
      entityId: null,
      detail: {
        format: format ?? 'xlsx',
        ...(format === 'csv' ? { encoding: encoding ?? 'utf-8' } : {}),
        rows: rows.length,
        filters,
        people,
      },
    },
  ]);
  return file;
}

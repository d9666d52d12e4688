/**
 * The audit log as a file (an admin's or hub lead's evidence for an inspection or an 情報公開
 * request): the same filters as the viewer, up to MAX_EXPORT_ROWS rows, and the export itself
 * is written to the log (who exported, which filters, how many rows).
 */
import { audit, readAuditLog } from '../../access/audit.js';
import type { Principal, RequestMeta } from '../../access/principal.js';
import { requireAccess } from '../../access/require-access.js';
import type { AppContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { AUDIT_ACTIONS_JA, AUDIT_ENTITIES_JA, label, ROLES_JA } from '../../export/labels-ja.js';
import { type Column, MAX_EXPORT_ROWS, writeTable } from '../../export/table-export.js';
import { DAY_MS, isBareDay, parseDayOrInstant } from '../../time.js';
import type { AuditExportQuery, AuditQuery } from './accounts.schemas.js';

/** The date range of a query: `to` as a bare day counts that whole day; 400 invalid_period when from is not before to. */
export function auditRange(q: { from?: string; to?: string }): { from?: Date; to?: Date } {
  const from = q.from ? parseDayOrInstant(q.from) : undefined;
  const to = q.to ? new Date(parseDayOrInstant(q.to).getTime() + (isBareDay(q.to) ? DAY_MS : 0)) : undefined;
  if ((from && Number.isNaN(from.getTime())) || (to && Number.isNaN(to.getTime())) || (from && to && !(from < to)))
    throw new AppError(400, 'invalid_period');
  return { from, to };
}

/** The audit log viewer: newest first, filtered by who, action, object type and date range. */
export async function listAuditLog(ctx: AppContext, principal: Principal | null, q: AuditQuery) {
  const p = requireAccess(principal, 'audit:read');
  const { from: _f, to: _t, ...rest } = q;
  return readAuditLog(ctx.db, p.tenantId, { ...rest, ...auditRange(q), limit: q.limit ?? 100 });
}

type Entry = Awaited<ReturnType<typeof readAuditLog>>[number];

const columns: Column<Entry>[] = [
  { header: '日時', value: (e) => e.at, kind: 'datetime', width: 18 },
  { header: '操作者', value: (e) => e.account_name ?? (e.account_id ? e.account_id : 'システム'), width: 20 },
  { header: '役割', value: (e) => label(ROLES_JA, e.role) },
  { header: '操作', value: (e) => label(AUDIT_ACTIONS_JA, e.action) },
  { header: '対象の種類', value: (e) => label(AUDIT_ENTITIES_JA, e.entity_type) },
  { header: '対象ID', value: (e) => e.entity_id, width: 38 },
  { header: 'IPアドレス', value: (e) => e.ip, width: 16 },
  { header: '詳細', value: (e) => (Object.keys(e.detail ?? {}).length ? JSON.stringify(e.detail) : ''), width: 60 },
];

export async function exportAuditLog(ctx: AppContext, principal: Principal | null, meta: RequestMeta, q: AuditExportQuery) {
  const p = requireAccess(principal, 'audit:read');
  const now = ctx.clock.now();
  const { format, encoding, calendar, from: _f, to: _t, ...filters } = q;
  const rows = await readAuditLog(ctx.db, p.tenantId, { ...filters, ...auditRange(q), limit: MAX_EXPORT_ROWS + 1 });
  if (rows.length > MAX_EXPORT_ROWS) throw new AppError(400, 'export_too_large', undefined, { max: MAX_EXPORT_ROWS });
  const file = await writeTable({
    name: 'audit-log',
    sheet: '監査ログ',
    columns,
    rows,
    options: { format, encoding, calendar },
    now,
    preamble: [`監査ログ（${rows.length}件）`],
  });
  await audit(ctx.db, p, meta, now, [
    {
      action: 'export',
      entityType: 'audit_log',
      entityId: null,
      detail: { format: format ?? 'xlsx', ...(format === 'csv' ? { encoding: encoding ?? 'utf-8' } : {}), rows: rows.length, filters: q },
    },
  ]);
  return file;
}

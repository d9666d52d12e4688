import { uuidv7 } from 'uuidv7';
import type { DB } from '../db/database.js';
import { auditRows, insertAuditRows } from './audit.queries.js';
import type { Principal, RequestMeta } from './principal.js';

/** Every action the audit log records; the console labels each (web/src/locales: audit.actions). */
export const AUDIT_ACTIONS = [
  'read',
  'create',
  'update',
  'triage',
  'merge',
  'search',
  'login',
  'login_failed',
  'logout',
  'export',
  'password_change',
  // A request refused with 403 by someone logged in (access.plugin.ts): method, route, code.
  'denied',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Every kind of record an audit row names (the audit viewer filters by these). */
export const AUDIT_ENTITY_TYPES = [
  'person',
  'case',
  'concern',
  'household',
  'account',
  'session',
  'referral',
  'partner',
  'agreement',
  'device',
  'api_key',
  'alert',
  'checkin',
  'photo',
  'settings',
  'notification',
  // A denied request whose route names no record kind (e.g. /api/v1/kpis).
  'route',
  // An export of aggregate figures (KPI tables) or of the audit log itself.
  'kpi',
  'audit_log',
] as const;
export type AuditEntityType = (typeof AUDIT_ENTITY_TYPES)[number];

export interface AuditEntry {
  action: AuditAction;
  entityType: AuditEntityType;
  entityId: string | null;
  detail?: Record<string, unknown>;
}

/**
 * Appends audit rows in the caller's transaction, so an audited read or change and its audit
 * row commit together. The table refuses updates and deletes (migration 0001).
 */
export async function audit(
  db: DB,
  // accountId and role are null for work no one logged in did (the `npm run tenant` command).
  principal: Pick<Principal, 'tenantId'> & { accountId: string | null; role: string | null },
  meta: RequestMeta,
  at: Date,
  entries: AuditEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  await insertAuditRows(
    db,
    entries.map((e) => ({
      tenant_id: principal.tenantId,
      id: uuidv7(),
      at,
      account_id: principal.accountId,
      role: principal.role,
      action: e.action,
      entity_type: e.entityType,
      entity_id: e.entityId,
      ip: meta.ip,
      user_agent: meta.userAgent,
      detail: JSON.stringify(e.detail ?? {}),
    })),
  );
}

export interface AuditFilter {
  action?: string;
  entity_type?: string;
  entity_id?: string;
  account_id?: string;
  limit: number;
  before?: string;
  /** A date range: from (inclusive) and to (exclusive), already parsed (a bare `to` day counts whole). */
  from?: Date;
  to?: Date;
}

/** The tenant's audit log, newest first (who read or changed what, when, from where). */
export async function readAuditLog(db: DB, tenantId: string, f: AuditFilter) {
  const rows = await auditRows(db, tenantId, { ...f, before: f.before ? new Date(f.before) : undefined });
  return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
}

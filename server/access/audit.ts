import { uuidv7 } from 'uuidv7';
import type { DB } from '../db/database.js';
import { auditRows, insertAuditRows } from './audit.queries.js';
import type { Principal, RequestMeta } from './principal.js';

export type AuditAction = 'read' | 'create' | 'update' | 'triage' | 'merge' | 'search' | 'login' | 'login_failed' | 'logout' | 'export';

export interface AuditEntry {
  action: AuditAction;
  entityType:
    | 'person'
    | 'case'
    | 'concern'
    | 'household'
    | 'account'
    | 'session'
    | 'referral'
    | 'partner'
    | 'agreement'
    | 'device'
    | 'api_key';
  entityId: string | null;
  detail?: Record<string, unknown>;
}

/**
 * Appends audit rows in the caller's transaction, so an audited read or change and its audit
 * row commit together. The table refuses updates and deletes (migration 0001).
 */
export async function audit(
  db: DB,
  principal: Pick<Principal, 'tenantId' | 'accountId' | 'role'>,
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
  entity_type?: string;
  entity_id?: string;
  account_id?: string;
  limit: number;
  before?: string;
}

/** The tenant's audit log, newest first (who read or changed what, when, from where). */
export async function readAuditLog(db: DB, tenantId: string, f: AuditFilter) {
  const rows = await auditRows(db, tenantId, { ...f, before: f.before ? new Date(f.before) : undefined });
  return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
}

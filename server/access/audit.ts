import { uuidv7 } from 'uuidv7';
import type { DB } from '../db/database.js';
import { insertAuditRows } from './audit.queries.js';
import type { Principal, RequestMeta } from './principal.js';

export type AuditAction = 'read' | 'create' | 'update' | 'triage' | 'merge' | 'search' | 'login' | 'login_failed' | 'logout' | 'export';

export interface AuditEntry {
  action: AuditAction;
  entityType: 'person' | 'case' | 'concern' | 'household' | 'account' | 'session' | 'referral' | 'partner' | 'agreement' | 'device' | 'api_key';
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

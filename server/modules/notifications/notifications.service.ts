/**
 * In-app notifications for staff and, for other modules, the two ways a side effect leaves:
 * notifyAccounts (in-app, live) and the outbox (email, LINE, SMS). Both write in the caller's
 * transaction, so nothing is announced or sent for data that did not commit.
 */
import { uuidv7 } from 'uuidv7';
import type { Principal } from '../../access/principal.js';
import { requireAccess } from '../../access/require-access.js';
import type { AppContext } from '../../context.js';
import type { DB } from '../../db/database.js';
import type { Emit } from '../../db/transaction.js';
import { AppError } from '../../errors.js';
import { insertNotifications, markNotificationRead, notificationsOf, unreadCount } from './notifications.queries.js';

export { type EmailPayload, enqueueEmail, enqueueMessage } from './outbox.js';

/**
 * Every kind of in-app notification. notifyAccounts takes only these, and a test fails when one
 * lacks a translated label in the console (web/src/locales), so no raw code reaches the bell.
 */
export const NOTIFICATION_KINDS = ['first_contact_overdue', 'watch_alert', 'watch_alert_reminder'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

type Row = { id: string; kind: string; case_id: string | null; created_at: Date; read_at: Date | null; data: Record<string, unknown> };

/** What a notification is about, for its link: the alert for alert kinds, else the case. */
function targetOf(n: Row): { type: 'alert' | 'case'; id: string } | null {
  if ((n.kind === 'watch_alert' || n.kind === 'watch_alert_reminder') && typeof n.data.alert_id === 'string')
    return { type: 'alert', id: n.data.alert_id };
  return n.case_id ? { type: 'case', id: n.case_id } : null;
}

const dto = (n: Row) => ({
  id: n.id,
  kind: n.kind as NotificationKind,
  case_id: n.case_id,
  target: targetOf(n),
  created_at: n.created_at.toISOString(),
  read_at: n.read_at?.toISOString() ?? null,
  data: n.data,
});

export async function listNotifications(ctx: AppContext, principal: Principal | null, unreadOnly: boolean) {
  const p = requireAccess(principal, 'notification:read');
  const [items, unread] = await Promise.all([
    notificationsOf(ctx.db, p.tenantId, p.accountId, unreadOnly, 100),
    unreadCount(ctx.db, p.tenantId, p.accountId),
  ]);
  return { items: items.map(dto), unread };
}

export async function markRead(ctx: AppContext, principal: Principal | null, id: string) {
  const p = requireAccess(principal, 'notification:read');
  const row = await markNotificationRead(ctx.db, p.tenantId, p.accountId, id, ctx.clock.now());
  if (!row) throw new AppError(404, 'notification_not_found');
  return dto(row);
}

// ---------------------------------------------------------------------------------------------
// For other modules.

/**
 * An in-app notification to each account, in the caller's transaction, announced live to that
 * account only (after the commit). The data carries ids and codes, never personal data.
 */
export async function notifyAccounts(
  db: DB,
  emit: Emit,
  n: {
    tenantId: string;
    accountIds: string[];
    kind: NotificationKind;
    caseId: string | null;
    data: Record<string, unknown>;
    eventId: string;
    now: Date;
  },
): Promise<number> {
  await insertNotifications(
    db,
    n.accountIds.map((accountId) => ({
      tenant_id: n.tenantId,
      id: uuidv7(),
      account_id: accountId,
      kind: n.kind,
      case_id: n.caseId,
      created_at: n.now,
      read_at: null,
      data: JSON.stringify(n.data),
    })),
  );
  for (const accountId of n.accountIds) emit({ tenantId: n.tenantId, type: 'notification.created', id: n.eventId, accountId });
  return n.accountIds.length;
}

import { type Insertable, sql } from 'kysely';
import type { DB } from '../../db/database.js';
import type { NotificationsTable, OutboxTable } from './notifications.tables.js';

const COLUMNS = ['id', 'kind', 'case_id', 'created_at', 'read_at', 'data'] as const;

export async function notificationsOf(db: DB, tenantId: string, accountId: string, unreadOnly: boolean, limit: number) {
  return db
    .selectFrom('notifications')
    .select(COLUMNS)
    .where('tenant_id', '=', tenantId)
    .where('account_id', '=', accountId)
    .$if(unreadOnly, (q) => q.where('read_at', 'is', null))
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
}

export async function unreadCount(db: DB, tenantId: string, accountId: string): Promise<number> {
  const r = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tenant_id', '=', tenantId)
    .where('account_id', '=', accountId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function markNotificationRead(db: DB, tenantId: string, accountId: string, id: string, now: Date) {
  return db
    .updateTable('notifications')
    .set((eb) => ({ read_at: eb.fn.coalesce('read_at', eb.val(now)) }))
    .where('tenant_id', '=', tenantId)
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .returning(COLUMNS)
    .executeTakeFirst();
}

export async function insertNotifications(db: DB, rows: Insertable<NotificationsTable>[]): Promise<void> {
  if (rows.length) await db.insertInto('notifications').values(rows).execute();
}

/** A message to send; a second row with the same dedupe key in the tenant is dropped (one step, one message). */
export async function insertOutbox(db: DB, row: Insertable<OutboxTable>): Promise<void> {
  await db
    .insertInto('outbox')
    .values(row)
    .onConflict((oc) => oc.columns(['tenant_id', 'dedupe_key']).doNothing())
    .execute();
}

export type OutboxRow = OutboxTable & { payload: Record<string, unknown> };

/**
 * Leases up to `limit` due messages of the given kinds in one autocommit statement: their
 * available_at moves to leaseUntil and attempts counts this try, so no other copy (and no later
 * pass of this one) takes them until the lease runs out. SKIP LOCKED keeps copies apart.
 */
export async function leaseDueMessages(db: DB, kinds: string[], now: Date, leaseUntil: Date, limit: number): Promise<OutboxRow[]> {
  const { rows } = await sql<OutboxRow>`
    UPDATE outbox o SET available_at = ${leaseUntil}, attempts = o.attempts + 1
    FROM (
      SELECT tenant_id, id FROM outbox
      WHERE kind = ANY(${kinds}::text[]) AND sent_at IS NULL AND failed_at IS NULL AND available_at <= ${now}
      ORDER BY available_at
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    ) due
    WHERE o.tenant_id = due.tenant_id AND o.id = due.id
    RETURNING o.*`.execute(db);
  return rows;
}

/** Marks one message delivered (once: a late second mark changes nothing). */
export async function markMessageSent(db: DB, tenantId: string, id: string, now: Date): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ sent_at: now, last_error: null })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('sent_at', 'is', null)
    .execute();
}

/** Records a failed try: retried at retryAt, or given up (failedAt) for good. */
export async function markMessageFailed(
  db: DB,
  tenantId: string,
  id: string,
  error: string,
  retryAt: Date,
  failedAt: Date | null,
): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ last_error: error, available_at: retryAt, failed_at: failedAt })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('sent_at', 'is', null)
    .execute();
}

export async function countPendingMessages(db: DB): Promise<number> {
  const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL`.execute(db);
  return r.rows[0]!.n;
}

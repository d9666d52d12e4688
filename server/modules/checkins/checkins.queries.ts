import { type Insertable, sql, type Updateable } from 'kysely';
import type { DB } from '../../db/database.js';
import type { CheckinPlansTable, CheckinsTable } from './checkins.tables.js';

export const PLAN_COLUMNS = [
  'tenant_id',
  'id',
  'person_id',
  'frequency',
  'weekday',
  'local_time',
  'channel',
  'address',
  'push_subscription',
  'missed_threshold',
  'consecutive_missed',
  'active',
  'next_due_at',
  'created_at',
  'updated_at',
] as const;

export async function plansOfPerson(db: DB, tenantId: string, personId: string) {
  return db
    .selectFrom('checkin_plans')
    .select(PLAN_COLUMNS)
    .where('tenant_id', '=', tenantId)
    .where('person_id', '=', personId)
    .orderBy('created_at')
    .execute();
}

export async function lockPlan(db: DB, tenantId: string, id: string) {
  return db
    .selectFrom('checkin_plans')
    .select(PLAN_COLUMNS)
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function insertPlan(db: DB, row: Insertable<CheckinPlansTable>) {
  return db.insertInto('checkin_plans').values(row).returning(PLAN_COLUMNS).executeTakeFirstOrThrow();
}

export async function updatePlanRow(db: DB, tenantId: string, id: string, set: Updateable<CheckinPlansTable>) {
  return db
    .updateTable('checkin_plans')
    .set(set)
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .returning(PLAN_COLUMNS)
    .executeTakeFirstOrThrow();
}

export async function recentCheckins(db: DB, tenantId: string, personId: string, limit: number) {
  return db
    .selectFrom('checkins as c')
    .innerJoin('checkin_plans as p', (j) => j.onRef('p.tenant_id', '=', 'c.tenant_id').onRef('p.id', '=', 'c.plan_id'))
    .select([
      'c.id',
      'c.plan_id',
      'c.due_at',
      'c.sent_at',
      'c.expires_at',
      'c.channel',
      'c.delivery_status',
      'c.delivery_error',
      'c.answered_at',
      'c.answer',
      'c.missed_at',
      'c.concern_id',
    ])
    .where('c.tenant_id', '=', tenantId)
    .where('p.person_id', '=', personId)
    .orderBy('c.due_at', 'desc')
    .limit(limit)
    .execute();
}

/** A check-in by its answer token's hash, with what the answer page and answer need; locked when answering. */
export async function checkinByTokenHash(db: DB, hash: string, lock: boolean) {
  return db
    .selectFrom('checkins')
    .select(['tenant_id', 'id', 'plan_id', 'due_at', 'expires_at', 'answered_at', 'answer', 'missed_at'])
    .where('answer_token_hash', '=', hash)
    .$if(lock, (q) => q.forUpdate())
    .executeTakeFirst();
}

export async function recordAnswer(db: DB, tenantId: string, id: string, answer: 'fine' | 'talk', at: Date) {
  await db.updateTable('checkins').set({ answered_at: at, answer }).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

/** Any answer is a sign of life: the run of misses starts again. */
export async function resetMissed(db: DB, tenantId: string, planId: string, at: Date) {
  return db
    .updateTable('checkin_plans')
    .set({ consecutive_missed: 0, updated_at: at })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', planId)
    .returning(['person_id'])
    .executeTakeFirstOrThrow();
}

export async function insertCheckin(db: DB, row: Insertable<CheckinsTable>): Promise<boolean> {
  const r = await db
    .insertInto('checkins')
    .values(row)
    .onConflict((oc) => oc.columns(['tenant_id', 'plan_id', 'due_at']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function updateCheckin(db: DB, tenantId: string, id: string, set: Updateable<CheckinsTable>) {
  await db.updateTable('checkins').set(set).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

/** Stores a browser's push subscription for the plan a single-use subscribe link belongs to; undefined when the link is unknown. */
export async function subscribeWithLink(db: DB, tokenHash: string, subscription: unknown, now: Date) {
  return db
    .updateTable('checkin_plans')
    .set({ push_subscription: JSON.stringify(subscription), subscribe_token_hash: null, channel: 'push', address: null, updated_at: now })
    .where('subscribe_token_hash', '=', tokenHash)
    .returning(['id'])
    .executeTakeFirst();
}

export async function subscribeLinkExists(db: DB, tokenHash: string): Promise<boolean> {
  return !!(await db.selectFrom('checkin_plans').select('id').where('subscribe_token_hash', '=', tokenHash).executeTakeFirst());
}

/** Active plans whose next check-in is due, claimed for the caller's transaction (SKIP LOCKED). */
export async function claimDuePlans(db: DB, now: Date, limit: number) {
  return db
    .selectFrom('checkin_plans')
    .select(['tenant_id', 'id', 'frequency', 'weekday', 'local_time', 'channel', 'next_due_at'])
    .where('active', '=', true)
    .where('next_due_at', '<=', now)
    .orderBy('next_due_at')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
}

export async function setNextDue(db: DB, tenantId: string, planId: string, nextDueAt: Date, now: Date): Promise<void> {
  await db
    .updateTable('checkin_plans')
    .set({ next_due_at: nextDueAt, updated_at: now })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', planId)
    .execute();
}

/** Check-ins waiting to go out, with their plan's channel, claimed for the caller's transaction. */
export async function claimPendingDeliveries(db: DB, now: Date, limit: number) {
  return db
    .selectFrom('checkins as c')
    .innerJoin('checkin_plans as p', (j) => j.onRef('p.tenant_id', '=', 'c.tenant_id').onRef('p.id', '=', 'c.plan_id'))
    .select([
      'c.tenant_id',
      'c.id',
      'c.plan_id',
      'c.due_at',
      'c.expires_at',
      'c.delivery_attempts',
      'p.channel',
      'p.address',
      'p.push_subscription',
    ])
    .where('c.delivery_status', '=', 'pending')
    .where('c.deliver_after', '<=', now)
    .orderBy('c.deliver_after')
    .limit(limit)
    .forUpdate('c')
    .skipLocked()
    .execute();
}

/**
 * Unanswered check-ins past their answer window, claimed for the caller's transaction, each with
 * whether its email (an outbox row, dedupe key checkin:{id}) actually left: a queued email that
 * SMTP never took is not a check-in the person could have answered.
 */
export async function claimExpired(db: DB, now: Date, limit: number) {
  return db
    .selectFrom('checkins')
    .select(['tenant_id', 'id', 'plan_id', 'due_at', 'expires_at', 'delivery_status'])
    .select((eb) =>
      eb
        .selectFrom('outbox as o')
        .select('o.sent_at')
        .whereRef('o.tenant_id', '=', 'checkins.tenant_id')
        .where('o.dedupe_key', '=', sql<string>`'checkin:' || checkins.id::text`)
        .as('mail_sent_at'),
    )
    .where('answered_at', 'is', null)
    .where('missed_at', 'is', null)
    .where('expires_at', '<=', now)
    .orderBy('expires_at')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
}

/** Counts a delivered miss on an active plan; returns the run of misses and the threshold. */
export async function countMiss(db: DB, tenantId: string, planId: string, now: Date) {
  return db
    .updateTable('checkin_plans')
    .set((eb) => ({ consecutive_missed: eb('consecutive_missed', '+', 1), updated_at: now }))
    .where('tenant_id', '=', tenantId)
    .where('id', '=', planId)
    .where('active', '=', true)
    .returning(['person_id', 'consecutive_missed', 'missed_threshold'])
    .executeTakeFirst();
}

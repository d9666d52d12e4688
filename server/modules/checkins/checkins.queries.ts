import type { Insertable, Updateable } from 'kysely';
import type { DB } from '../../db/database.js';
import type { CheckinPlansTable, CheckinsTable } from './checkins.tables.js';

export const PLAN_COLUMNS = [
  'tenant_id', 'id', 'person_id', 'frequency', 'weekday', 'local_time', 'channel', 'address', 'push_subscription',
  'missed_threshold', 'consecutive_missed', 'active', 'next_due_at', 'created_at', 'updated_at',
] as const;

/** What a 話したい answer needs of the person to file its concern. */
export async function personForConcern(db: DB, tenantId: string, personId: string) {
  return db.selectFrom('people').select(['id', 'name', 'address', 'latitude', 'longitude']).where('tenant_id', '=', tenantId).where('id', '=', personId).executeTakeFirst();
}

export async function plansOfPerson(db: DB, tenantId: string, personId: string) {
  return db.selectFrom('checkin_plans').select(PLAN_COLUMNS).where('tenant_id', '=', tenantId).where('person_id', '=', personId).orderBy('created_at').execute();
}

export async function lockPlan(db: DB, tenantId: string, id: string) {
  return db.selectFrom('checkin_plans').select(PLAN_COLUMNS).where('tenant_id', '=', tenantId).where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function insertPlan(db: DB, row: Insertable<CheckinPlansTable>) {
  return db.insertInto('checkin_plans').values(row).returning(PLAN_COLUMNS).executeTakeFirstOrThrow();
}

export async function updatePlanRow(db: DB, tenantId: string, id: string, set: Updateable<CheckinPlansTable>) {
  return db.updateTable('checkin_plans').set(set).where('tenant_id', '=', tenantId).where('id', '=', id).returning(PLAN_COLUMNS).executeTakeFirstOrThrow();
}

export async function recentCheckins(db: DB, tenantId: string, personId: string, limit: number) {
  return db
    .selectFrom('checkins as c')
    .innerJoin('checkin_plans as p', (j) => j.onRef('p.tenant_id', '=', 'c.tenant_id').onRef('p.id', '=', 'c.plan_id'))
    .select(['c.id', 'c.plan_id', 'c.due_at', 'c.sent_at', 'c.expires_at', 'c.channel', 'c.delivery_status', 'c.delivery_error',
      'c.answered_at', 'c.answer', 'c.missed_at', 'c.concern_id'])
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
  return db.updateTable('checkin_plans').set({ consecutive_missed: 0, updated_at: at })
    .where('tenant_id', '=', tenantId).where('id', '=', planId).returning(['person_id']).executeTakeFirstOrThrow();
}

export async function openAlertsOfPlan(db: DB, tenantId: string, planId: string) {
  return db.selectFrom('alerts').select(['id']).where('tenant_id', '=', tenantId).where('checkin_plan_id', '=', planId).where('status', '<>', 'resolved').execute();
}

export async function insertCheckin(db: DB, row: Insertable<CheckinsTable>): Promise<boolean> {
  const r = await db.insertInto('checkins').values(row).onConflict((oc) => oc.columns(['tenant_id', 'plan_id', 'due_at']).doNothing()).executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function updateCheckin(db: DB, tenantId: string, id: string, set: Updateable<CheckinsTable>) {
  await db.updateTable('checkins').set(set).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

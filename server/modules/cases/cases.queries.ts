import { type Insertable, sql, type Updateable } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { DB } from '../../db/database.js';
import type { CaseContactsTable, CasesTable } from './cases.tables.js';

export async function insertCase(db: DB, row: CasesTable): Promise<void> {
  await db.insertInto('cases').values(row).execute();
}

export async function insertCaseEvent(
  db: DB,
  tenantId: string,
  caseId: string,
  kind: string,
  at: Date,
  actorId: string | null,
  data: Record<string, unknown> = {},
) {
  await db
    .insertInto('case_events')
    .values({ tenant_id: tenantId, id: uuidv7(), case_id: caseId, kind, at, actor_id: actorId, data: JSON.stringify(data) })
    .execute();
}

const CASE_COLUMNS = [
  'k.id',
  'k.case_number',
  'k.status',
  'k.outcome',
  'k.urgency',
  'k.person_id',
  'k.household_id',
  'k.hub_id',
  'k.assignee_id',
  'k.received_at',
  'k.first_contact_due_at',
  'k.first_contact_at',
  'k.first_contact_id',
  'k.escalated_at',
  'k.opened_at',
  'k.closed_at',
] as const;

function caseBase(db: DB, tenantId: string) {
  return db
    .selectFrom('cases as k')
    .leftJoin('people as p', (j) => j.onRef('p.tenant_id', '=', 'k.tenant_id').onRef('p.id', '=', 'k.person_id'))
    .leftJoin('accounts as u', (j) => j.onRef('u.tenant_id', '=', 'k.tenant_id').onRef('u.id', '=', 'k.assignee_id'))
    .select(CASE_COLUMNS)
    .select(['p.name as person_name', 'u.display_name as assignee_name'])
    .select((eb) =>
      eb
        .selectFrom('concerns as c')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('c.tenant_id', '=', 'k.tenant_id')
        .whereRef('c.case_id', '=', 'k.id')
        .as('concern_count'),
    )
    .where('k.tenant_id', '=', tenantId);
}

export type CaseRow = NonNullable<Awaited<ReturnType<typeof findCase>>>;

export async function findCase(db: DB, tenantId: string, id: string) {
  return caseBase(db, tenantId).where('k.id', '=', id).executeTakeFirst();
}

export async function lockCase(db: DB, tenantId: string, id: string) {
  return db.selectFrom('cases').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).forUpdate().executeTakeFirst();
}

/** The newest open case of a person, or of a household, locked for the caller's transaction. */
export async function lockOpenCaseOf(db: DB, tenantId: string, of: { personId: string } | { householdId: string }) {
  return db
    .selectFrom('cases')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .$if('personId' in of, (q) => q.where('person_id', '=', (of as { personId: string }).personId))
    .$if('householdId' in of, (q) => q.where('household_id', '=', (of as { householdId: string }).householdId))
    .where('status', '<>', 'closed')
    .orderBy('opened_at', 'desc')
    .forUpdate()
    .executeTakeFirst();
}

export async function updateCaseRow(db: DB, tenantId: string, id: string, set: Updateable<CasesTable>): Promise<void> {
  await db.updateTable('cases').set(set).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

export async function insertContact(db: DB, row: Insertable<CaseContactsTable>): Promise<void> {
  await db.insertInto('case_contacts').values(row).execute();
}

export async function insertNote(
  db: DB,
  row: { tenant_id: string; id: string; case_id: string; body: string; created_by: string; created_at: Date },
): Promise<void> {
  await db.insertInto('case_notes').values(row).execute();
}

/**
 * Open cases past their first-contact deadline with no contact and not yet escalated, claimed for
 * the caller's transaction (FOR UPDATE SKIP LOCKED: app copies never take the same case).
 */
export async function claimOverdueCases(db: DB, now: Date, limit: number) {
  return db
    .selectFrom('cases')
    .select(['tenant_id', 'id', 'case_number', 'urgency', 'first_contact_due_at', 'hub_id', 'assignee_id'])
    .where('first_contact_at', 'is', null)
    .where('escalated_at', 'is', null)
    .where('status', '<>', 'closed')
    .where('first_contact_due_at', '<=', now)
    .orderBy('first_contact_due_at')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
}

export interface CaseFilter {
  status?: string;
  urgency?: string;
  assigneeId?: string;
  overdue?: boolean;
  personId?: string;
  q?: string;
  limit: number;
  offset: number;
  now: Date;
}

export async function listCases(db: DB, tenantId: string, f: CaseFilter) {
  let q = caseBase(db, tenantId);
  if (f.status) q = q.where('k.status', '=', f.status as never);
  else q = q.where('k.status', '<>', 'closed');
  if (f.urgency) q = q.where('k.urgency', '=', f.urgency as never);
  if (f.assigneeId) q = q.where('k.assignee_id', '=', f.assigneeId);
  if (f.personId) q = q.where('k.person_id', '=', f.personId);
  if (f.overdue) q = q.where('k.first_contact_at', 'is', null).where('k.first_contact_due_at', '<', f.now);
  if (f.q) {
    const n = Number(f.q.replace(/^#/, ''));
    q = Number.isInteger(n) && n > 0 ? q.where('k.case_number', '=', n) : q.where('p.name', 'ilike', `%${f.q.replace(/[%_\\]/g, '\\$&')}%`);
  }
  const [items, total] = await Promise.all([
    q
      .orderBy(sql`(k.first_contact_at IS NULL AND k.status <> 'closed')`, 'desc')
      .orderBy('k.first_contact_due_at', 'asc')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.clearSelect().select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: total.n };
}

export async function caseTimeline(db: DB, tenantId: string, caseId: string) {
  const [concerns, contacts, notes, referrals, events] = await Promise.all([
    db
      .selectFrom('concerns')
      .select([
        'id',
        'category',
        'description',
        'place_text',
        'latitude',
        'longitude',
        'received_at',
        'observed_at',
        'reporter_kind',
        'channel',
        'urgency',
      ])
      .where('tenant_id', '=', tenantId)
      .where('case_id', '=', caseId)
      .execute(),
    db
      .selectFrom('case_contacts as x')
      .leftJoin('accounts as a', (j) => j.onRef('a.tenant_id', '=', 'x.tenant_id').onRef('a.id', '=', 'x.recorded_by'))
      .select(['x.id', 'x.method', 'x.reached', 'x.settled', 'x.occurred_at', 'x.recorded_at', 'x.note', 'a.display_name as by'])
      .where('x.tenant_id', '=', tenantId)
      .where('x.case_id', '=', caseId)
      .execute(),
    db
      .selectFrom('case_notes as x')
      .leftJoin('accounts as a', (j) => j.onRef('a.tenant_id', '=', 'x.tenant_id').onRef('a.id', '=', 'x.created_by'))
      .select(['x.id', 'x.body', 'x.created_at', 'a.display_name as by'])
      .where('x.tenant_id', '=', tenantId)
      .where('x.case_id', '=', caseId)
      .execute(),
    db
      .selectFrom('referrals as r')
      .innerJoin('agencies as g', (j) => j.onRef('g.tenant_id', '=', 'r.tenant_id').onRef('g.id', '=', 'r.agency_id'))
      .leftJoin('accounts as a', (j) => j.onRef('a.tenant_id', '=', 'r.tenant_id').onRef('a.id', '=', 'r.created_by'))
      .select([
        'r.id',
        'r.reason',
        'r.status',
        'r.legal_basis',
        'r.legal_basis_reason',
        'r.outcome',
        'r.created_at',
        'r.updated_at',
        'g.name as agency_name',
        'r.agency_id',
        'a.display_name as by',
      ])
      .where('r.tenant_id', '=', tenantId)
      .where('r.case_id', '=', caseId)
      .execute(),
    db
      .selectFrom('case_events as e')
      .leftJoin('accounts as a', (j) => j.onRef('a.tenant_id', '=', 'e.tenant_id').onRef('a.id', '=', 'e.actor_id'))
      .select(['e.id', 'e.kind', 'e.at', 'e.data', 'a.display_name as by'])
      .where('e.tenant_id', '=', tenantId)
      .where('e.case_id', '=', caseId)
      .execute(),
  ]);
  return { concerns, contacts, notes, referrals, events };
}

import { type Insertable, sql, type Updateable } from 'kysely';
import type { DB } from '../../db/database.js';
import type { ConsentsTable, HouseholdsTable, PeopleTable } from './people.tables.js';

export async function insertPerson(db: DB, row: Insertable<PeopleTable>): Promise<void> {
  await db.insertInto('people').values(row).execute();
}

export async function personExists(db: DB, tenantId: string, personId: string): Promise<boolean> {
  return !!(await db.selectFrom('people').select('id').where('tenant_id', '=', tenantId).where('id', '=', personId).executeTakeFirst());
}

export async function lockPersonPoint(db: DB, tenantId: string, id: string) {
  return db
    .selectFrom('people')
    .select(['latitude', 'longitude'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function updatePersonRow(db: DB, tenantId: string, id: string, set: Updateable<PeopleTable>): Promise<void> {
  await db.updateTable('people').set(set).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

/** Where a person lives and what to call them (for alerts, check-ins and concerns about them). */
export async function personPlace(db: DB, tenantId: string, id: string) {
  return db
    .selectFrom('people')
    .select(['name', 'address', 'latitude', 'longitude', 'area_id'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function householdExists(db: DB, tenantId: string, householdId: string): Promise<boolean> {
  return !!(await db
    .selectFrom('households')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', householdId)
    .executeTakeFirst());
}

export async function insertHousehold(db: DB, row: Insertable<HouseholdsTable>): Promise<void> {
  await db.insertInto('households').values(row).execute();
}

export async function insertConsent(db: DB, row: Insertable<ConsentsTable>): Promise<void> {
  await db.insertInto('consents').values(row).execute();
}

export async function lockConsent(db: DB, tenantId: string, id: string) {
  return db.selectFrom('consents').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function withdrawConsentRow(db: DB, tenantId: string, id: string, at: Date, reason: string | null): Promise<void> {
  await db
    .updateTable('consents')
    .set({ withdrawn_at: at, withdrawn_reason: reason })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute();
}

/** Names of the tenant's agencies (for consent labels). */
export async function agencyNames(db: DB, tenantId: string) {
  return db.selectFrom('agencies').select(['id', 'name', 'kind']).where('tenant_id', '=', tenantId).execute();
}

/** The agency a referral goes to (existence, name and kind, for the consent check). */
export async function agencyOf(db: DB, tenantId: string, id: string) {
  return db.selectFrom('agencies').select(['id', 'name', 'kind']).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

export async function findPerson(db: DB, tenantId: string, id: string) {
  return (
    db
      .selectFrom('people as p')
      .leftJoin('areas as a', (j) => j.onRef('a.tenant_id', '=', 'p.tenant_id').onRef('a.id', '=', 'p.area_id'))
      .selectAll('p')
      .select('a.name as area_name')
      // A date column as text: no time zone may shift a birthday.
      .select(sql<string | null>`to_char(p.birth_date, 'YYYY-MM-DD')`.as('birth_day'))
      .where('p.tenant_id', '=', tenantId)
      .where('p.id', '=', id)
      .executeTakeFirst()
  );
}

function likeEscape(s: string): string {
  return s.replace(/[%_\\]/g, '\\$&');
}

/** Substring match on name, kana or address; kana also matches with spaces removed. */
export async function searchPeople(db: DB, tenantId: string, q: string, limit: number) {
  const pattern = `%${likeEscape(q.trim())}%`;
  const compact = `%${likeEscape(q.replace(/[\s　]/g, ''))}%`;
  return db
    .selectFrom('people as p')
    .leftJoin('areas as a', (j) => j.onRef('a.tenant_id', '=', 'p.tenant_id').onRef('a.id', '=', 'p.area_id'))
    .select(['p.id', 'p.name', 'p.kana', 'p.address', 'p.birth_year', 'p.living_alone', 'a.name as area_name'])
    .select((eb) =>
      eb
        .selectFrom('cases as k')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('k.tenant_id', '=', 'p.tenant_id')
        .whereRef('k.person_id', '=', 'p.id')
        .where('k.status', '<>', 'closed')
        .as('open_cases'),
    )
    .where('p.tenant_id', '=', tenantId)
    .where((eb) =>
      eb.or([
        eb('p.name', 'ilike', pattern),
        eb(sql`replace(replace(p.name, ' ', ''), '　', '')`, 'ilike', compact),
        eb('p.kana', 'ilike', pattern),
        eb(sql`replace(replace(p.kana, ' ', ''), '　', '')`, 'ilike', compact),
        eb('p.address', 'ilike', pattern),
      ]),
    )
    .orderBy('p.kana')
    .limit(limit)
    .execute();
}

export async function personConsents(db: DB, tenantId: string, personId: string) {
  return db
    .selectFrom('consents')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('person_id', '=', personId)
    .orderBy('given_at', 'desc')
    .execute();
}

export async function householdOf(db: DB, tenantId: string, householdId: string) {
  const household = await db
    .selectFrom('households')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', householdId)
    .executeTakeFirst();
  if (!household) return null;
  const members = await db
    .selectFrom('people')
    .select(['id', 'name', 'kana', 'birth_year'])
    .where('tenant_id', '=', tenantId)
    .where('household_id', '=', householdId)
    .execute();
  return { ...household, members };
}

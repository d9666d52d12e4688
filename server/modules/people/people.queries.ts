import { sql, type Insertable } from 'kysely';
import type { DB } from '../../db/database.js';
import { AppError } from '../../errors.js';
import type { PeopleTable } from './people.tables.js';

export async function insertPerson(db: DB, row: Insertable<PeopleTable>): Promise<void> {
  await db.insertInto('people').values(row).execute();
}

/** 404 person_not_found unless the person exists in this tenant (for modules that hang data on a person). */
export async function requirePerson(db: DB, tenantId: string, personId: string): Promise<void> {
  const row = await db.selectFrom('people').select('id').where('tenant_id', '=', tenantId).where('id', '=', personId).executeTakeFirst();
  if (!row) throw new AppError(404, 'person_not_found');
}

export async function findPerson(db: DB, tenantId: string, id: string) {
  return db
    .selectFrom('people as p')
    .leftJoin('areas as a', (j) => j.onRef('a.tenant_id', '=', 'p.tenant_id').onRef('a.id', '=', 'p.area_id'))
    .selectAll('p')
    .select('a.name as area_name')
    .where('p.tenant_id', '=', tenantId)
    .where('p.id', '=', id)
    .executeTakeFirst();
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
      eb.selectFrom('cases as k').select(sql<number>`count(*)::int`.as('n'))
        .whereRef('k.tenant_id', '=', 'p.tenant_id').whereRef('k.person_id', '=', 'p.id').where('k.status', '<>', 'closed').as('open_cases'),
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
  return db.selectFrom('consents').selectAll().where('tenant_id', '=', tenantId).where('person_id', '=', personId).orderBy('given_at', 'desc').execute();
}

export async function householdOf(db: DB, tenantId: string, householdId: string) {
  const household = await db.selectFrom('households').selectAll().where('tenant_id', '=', tenantId).where('id', '=', householdId).executeTakeFirst();
  if (!household) return null;
  const members = await db.selectFrom('people').select(['id', 'name', 'kana', 'birth_year']).where('tenant_id', '=', tenantId).where('household_id', '=', householdId).execute();
  return { ...household, members };
}

/**
 * Duplicate suggestions by place text (issue #9): concerns.place_key holds the comparable form
 * of place_text (width, case, kana, hyphens, spaces, 丁目/番/号 and 号室 folded), written by the
 * app when a concern is filed (modules/concerns/place-key.ts). Rows stored before this migration
 * get the same key computed here in SQL for the common foldings; an index finds recent concerns
 * with the same key of a tenant, and three more serve duplicates by person and household.
 */
import { type Kysely, sql } from 'kysely';

const KATAKANA = 'ァアィイゥウェエォオカガキギクグケゲコゴサザシジスズセゼソゾタダチヂッツヅテデトドナニヌネノハバパヒビピフブプヘベペホボポマミムメモャヤュユョヨラリルレロヮワヰヱヲンヴヵヶ';
const HIRAGANA = 'ぁあぃいぅうぇえぉおかがきぎくぐけげこごさざしじすずせぜそぞただちぢっつづてでとどなにぬねのはばぱひびぴふぶぷへべぺほぼぽまみむめもゃやゅゆょよらりるれろゎわゐゑをんゔゕゖ';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE concerns ADD COLUMN place_key text NOT NULL DEFAULT ''`.execute(db);
  await sql`
UPDATE concerns SET place_key = btrim(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(
  translate(lower(normalize(place_text, NFKC)), ${KATAKANA}, ${HIRAGANA}),
  '[[:space:]、，,。．.・･/／()（）「」]', '', 'g'),
  '[‐‑‒–—―−ー－─━-]+', '-', 'g'),
  '([0-9]+)丁目-?([0-9])', '\\1-\\2', 'g'),
  '([0-9]+)番地?-?([0-9])', '\\1-\\2', 'g'),
  '([0-9])(号室|号|室)', '\\1', 'g'), '-')
WHERE place_text <> ''`.execute(db);
  await sql`CREATE INDEX concerns_place_key ON concerns (tenant_id, place_key, received_at) WHERE place_key <> ''`.execute(db);
  // Duplicates by person and household (people of one household, cases about a household).
  await sql`CREATE INDEX concerns_person ON concerns (tenant_id, person_id, received_at) WHERE person_id IS NOT NULL`.execute(db);
  await sql`CREATE INDEX people_household ON people (tenant_id, household_id) WHERE household_id IS NOT NULL`.execute(db);
  await sql`CREATE INDEX cases_household ON cases (tenant_id, household_id) WHERE household_id IS NOT NULL`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX cases_household`.execute(db);
  await sql`DROP INDEX people_household`.execute(db);
  await sql`DROP INDEX concerns_person`.execute(db);
  await sql`DROP INDEX concerns_place_key`.execute(db);
  await sql`ALTER TABLE concerns DROP COLUMN place_key`.execute(db);
}

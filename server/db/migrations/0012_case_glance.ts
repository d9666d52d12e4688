/**
 * The case at a glance (issue #9):
 *  - people.birth_date (age shown as 82歳; birth_year stays for people whose date is unknown) and
 *    people.phone (a tel: link on the person box);
 *  - structured consent: which agencies (by id) and/or which kinds of agency it allows sharing
 *    with, what information (scope_items), how it was obtained (verbal/written), when it expires,
 *    and when and why it was withdrawn. A consent counts for a referral only while it covers the
 *    agency, has not expired and has not been withdrawn. Existing consents keep their free-text
 *    shared_with; where it names one of the tenant's agencies (or an agency kind) it is linked.
 *  - referrals.legal_basis_reason: why consent could not be obtained when protection of life
 *    (APPI art. 27(1)(ii)) is the basis.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
ALTER TABLE people ADD COLUMN birth_date date;
ALTER TABLE people ADD COLUMN phone text;

ALTER TABLE consents ADD COLUMN agency_ids uuid[] NOT NULL DEFAULT '{}';
ALTER TABLE consents ADD COLUMN agency_kinds text[] NOT NULL DEFAULT '{}';
ALTER TABLE consents ADD COLUMN scope_items text[] NOT NULL DEFAULT '{}';
ALTER TABLE consents ADD COLUMN method text NOT NULL DEFAULT 'unknown' CHECK (method IN ('verbal','written','unknown'));
ALTER TABLE consents ADD COLUMN expires_at timestamptz;
ALTER TABLE consents ADD COLUMN withdrawn_reason text;
ALTER TABLE consents ADD COLUMN recorded_at timestamptz;
UPDATE consents c SET agency_ids = coalesce((
  SELECT array_agg(g.id) FROM agencies g WHERE g.tenant_id = c.tenant_id AND g.name = c.shared_with
), '{}');
UPDATE consents c SET agency_kinds = ARRAY[c.shared_with]
 WHERE c.agency_ids = '{}' AND EXISTS (SELECT 1 FROM agencies g WHERE g.tenant_id = c.tenant_id AND g.kind = c.shared_with);
CREATE INDEX consents_person ON consents (tenant_id, person_id);

ALTER TABLE referrals ADD COLUMN legal_basis_reason text;
`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
ALTER TABLE referrals DROP COLUMN legal_basis_reason;
DROP INDEX consents_person;
ALTER TABLE consents DROP COLUMN recorded_at;
ALTER TABLE consents DROP COLUMN withdrawn_reason;
ALTER TABLE consents DROP COLUMN expires_at;
ALTER TABLE consents DROP COLUMN method;
ALTER TABLE consents DROP COLUMN scope_items;
ALTER TABLE consents DROP COLUMN agency_kinds;
ALTER TABLE consents DROP COLUMN agency_ids;
ALTER TABLE people DROP COLUMN phone;
ALTER TABLE people DROP COLUMN birth_date;
`.execute(db);
}

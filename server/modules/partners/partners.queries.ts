/**
 * Partners, their agreements and report counts: Kysely functions taking (db | trx) first. Every
 * query on tenant data is scoped by tenant_id. Enrollment codes and devices are in
 * enrollment.queries.ts, API keys in api-keys.queries.ts.
 */
import { type Insertable, sql, type Updateable } from 'kysely';
import type { DB } from '../../db/database.js';
import type { PartnerAgreementsTable, PartnersTable } from './partners.tables.js';

/** Dates as 'YYYY-MM-DD' text: pg would turn a `date` into a local-midnight Date. */
const day = (col: string) => sql<string>`to_char(${sql.ref(col)}, 'YYYY-MM-DD')`;
const dayOrNull = (col: string) => sql<string | null>`to_char(${sql.ref(col)}, 'YYYY-MM-DD')`;

/** Reports (concerns filed by the partner) and useful reports (triaged into a case). */
const USEFUL = sql<boolean>`c.status IN ('triaged', 'merged')`;

export function listPartners(db: DB, tenantId: string) {
  return db
    .selectFrom('partners as p')
    .select((eb) => [
      'p.id',
      'p.name',
      'p.kind',
      'p.status',
      'p.contact_name',
      eb
        .selectFrom('concerns as c')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('c.tenant_id', '=', 'p.tenant_id')
        .whereRef('c.reporter_partner_id', '=', 'p.id')
        .as('reports'),
      eb
        .selectFrom('concerns as c')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('c.tenant_id', '=', 'p.tenant_id')
        .whereRef('c.reporter_partner_id', '=', 'p.id')
        .where(USEFUL)
        .as('useful_reports'),
      eb
        .selectFrom('device_tokens as d')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('d.tenant_id', '=', 'p.tenant_id')
        .whereRef('d.partner_id', '=', 'p.id')
        .where('d.revoked_at', 'is', null)
        .as('active_devices'),
      // The most relevant agreement: a live one first, then the latest signed.
      eb
        .selectFrom('partner_agreements as a')
        .select('a.status')
        .whereRef('a.tenant_id', '=', 'p.tenant_id')
        .whereRef('a.partner_id', '=', 'p.id')
        .orderBy(sql`CASE a.status WHEN 'active' THEN 0 WHEN 'suspended' THEN 1 WHEN 'draft' THEN 2 ELSE 3 END`)
        .orderBy('a.signed_on', 'desc')
        .limit(1)
        .as('agreement_status'),
      eb
        .selectFrom('partner_agreements as a')
        .select(sql<string>`to_char(min(a.renewal_due), 'YYYY-MM-DD')`.as('d'))
        .whereRef('a.tenant_id', '=', 'p.tenant_id')
        .whereRef('a.partner_id', '=', 'p.id')
        .where('a.status', 'in', ['active', 'suspended'])
        .as('renewal_due'),
    ])
    .where('p.tenant_id', '=', tenantId)
    .orderBy('p.name')
    .execute();
}

export function findPartner(db: DB, tenantId: string, id: string, since: Date) {
  return db
    .selectFrom('partners as p')
    .selectAll('p')
    .select([
      sql<number>`(SELECT count(*)::int FROM concerns c WHERE c.tenant_id = p.tenant_id AND c.reporter_partner_id = p.id)`.as('reports'),
      sql<number>`(SELECT count(*)::int FROM concerns c WHERE c.tenant_id = p.tenant_id AND c.reporter_partner_id = p.id AND ${USEFUL})`.as(
        'useful_reports',
      ),
      sql<number>`(SELECT count(*)::int FROM concerns c WHERE c.tenant_id = p.tenant_id AND c.reporter_partner_id = p.id AND c.received_at >= ${since})`.as(
        'reports_last_365_days',
      ),
      sql<number>`(SELECT count(*)::int FROM concerns c WHERE c.tenant_id = p.tenant_id AND c.reporter_partner_id = p.id AND c.received_at >= ${since} AND ${USEFUL})`.as(
        'useful_reports_last_365_days',
      ),
      sql<number>`(SELECT count(*)::int FROM device_tokens d WHERE d.tenant_id = p.tenant_id AND d.partner_id = p.id AND d.revoked_at IS NULL)`.as(
        'active_devices',
      ),
    ])
    .where('p.tenant_id', '=', tenantId)
    .where('p.id', '=', id)
    .executeTakeFirst();
}

/** A partner's name and status (existence checks, enrollment), optionally locked for an update. */
export function partnerStatus(db: DB, tenantId: string, id: string, lock = false) {
  const q = db.selectFrom('partners').select(['id', 'name', 'status']).where('tenant_id', '=', tenantId).where('id', '=', id);
  return (lock ? q.forUpdate() : q).executeTakeFirst();
}

export async function insertPartner(db: DB, row: Insertable<PartnersTable>): Promise<void> {
  await db.insertInto('partners').values(row).execute();
}

export async function updatePartnerRow(db: DB, tenantId: string, id: string, set: Updateable<PartnersTable>): Promise<void> {
  await db.updateTable('partners').set(set).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

function agreementsQuery(db: DB, tenantId: string) {
  return db
    .selectFrom('partner_agreements as a')
    .innerJoin('partners as p', (j) => j.onRef('p.tenant_id', '=', 'a.tenant_id').onRef('p.id', '=', 'a.partner_id'))
    .select([
      'a.id',
      'a.partner_id',
      'p.name as partner_name',
      'a.number',
      day('a.signed_on').as('signed_on'),
      'a.scope',
      'a.contact_person',
      'a.status',
      dayOrNull('a.renewal_due').as('renewal_due'),
      'a.sticker_code',
      'a.created_at',
      'a.updated_at',
    ])
    .where('a.tenant_id', '=', tenantId);
}

export type AgreementRow = NonNullable<Awaited<ReturnType<typeof findAgreement>>>;

/** One agreement with its partner's name; `lock` takes a row lock for an update. */
export function findAgreement(db: DB, tenantId: string, id: string, lock = false) {
  const q = agreementsQuery(db, tenantId).where('a.id', '=', id);
  return (lock ? q.forUpdate() : q).executeTakeFirst();
}

/** A partner's agreements, the latest signed first. */
export function agreementsOfPartner(db: DB, tenantId: string, partnerId: string) {
  return agreementsQuery(db, tenantId)
    .where('a.partner_id', '=', partnerId)
    .orderBy('a.signed_on', 'desc')
    .orderBy('a.number', 'desc')
    .execute();
}

/** The partner whose agreement carries this sticker code (printed in its QR code). */
export function agreementBySticker(db: DB, tenantId: string, stickerCode: string) {
  return db
    .selectFrom('partner_agreements')
    .select('partner_id')
    .where('tenant_id', '=', tenantId)
    .where('sticker_code', '=', stickerCode)
    .executeTakeFirst();
}

export async function insertAgreement(db: DB, row: Insertable<PartnerAgreementsTable>): Promise<void> {
  await db.insertInto('partner_agreements').values(row).execute();
}

export async function updateAgreementRow(db: DB, tenantId: string, id: string, set: Updateable<PartnerAgreementsTable>): Promise<void> {
  await db.updateTable('partner_agreements').set(set).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

/** Live agreements whose renewal date is on or before `until` (overdue ones included). */
export function renewalsDue(db: DB, tenantId: string, until: string) {
  return agreementsQuery(db, tenantId)
    .where('a.status', 'in', ['active', 'suspended'])
    .where('a.renewal_due', 'is not', null)
    .where(sql<boolean>`a.renewal_due <= ${until}::date`)
    .orderBy('a.renewal_due')
    .execute();
}

export interface PartnerStatRow {
  partner_id: string;
  name: string;
  kind: string;
  status: string;
  reports: number;
  useful_reports: number;
  previous_reports: number;
  previous_useful_reports: number;
}

/** Per-partner report counts in [from, to) and in [prevFrom, prevTo), one scan of the index. */
export async function partnerReportStats(
  db: DB,
  tenantId: string,
  from: Date,
  to: Date,
  prevFrom: Date,
  prevTo: Date,
): Promise<PartnerStatRow[]> {
  const { rows } = await sql<PartnerStatRow>`
    SELECT p.id AS partner_id, p.name, p.kind, p.status,
      count(*) FILTER (WHERE c.received_at >= ${from} AND c.received_at < ${to})::int AS reports,
      count(*) FILTER (WHERE c.received_at >= ${from} AND c.received_at < ${to} AND ${USEFUL})::int AS useful_reports,
      count(*) FILTER (WHERE c.received_at >= ${prevFrom} AND c.received_at < ${prevTo})::int AS previous_reports,
      count(*) FILTER (WHERE c.received_at >= ${prevFrom} AND c.received_at < ${prevTo} AND ${USEFUL})::int AS previous_useful_reports
    FROM partners p
    LEFT JOIN concerns c ON c.tenant_id = p.tenant_id AND c.reporter_partner_id = p.id
      AND ((c.received_at >= ${from} AND c.received_at < ${to}) OR (c.received_at >= ${prevFrom} AND c.received_at < ${prevTo}))
    WHERE p.tenant_id = ${tenantId}
    GROUP BY p.id, p.name, p.kind, p.status
    ORDER BY reports DESC, p.name`.execute(db);
  return rows;
}

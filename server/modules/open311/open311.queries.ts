import { type Insertable, type SqlBool, sql } from 'kysely';
import type { DB } from '../../db/database.js';
import type { Open311UpdatesTable } from './open311.tables.js';

/** Whose requests a key may read: those filed through keys of its partner, or through itself. */
export interface Scope {
  tenantId: string;
  keyId: string;
  partnerId: string | null;
}

export interface RequestFilter {
  ids?: string[];
  serviceCodes?: string[];
  statuses?: ('open' | 'closed')[];
  from?: Date;
  to?: Date;
  /** The last 10 hex digits of the id (a reference code). */
  idSuffix?: string;
  limit: number;
}

/** Closed for the reporter: dismissed, or the case it joined is closed (coarseStatus). */
const CLOSED = sql<SqlBool>`(c.status = 'dismissed' OR coalesce(k.status = 'closed', false))`;

function scoped(db: DB, s: Scope) {
  let q = db
    .selectFrom('concerns as c')
    .leftJoin('cases as k', (j) => j.onRef('k.tenant_id', '=', 'c.tenant_id').onRef('k.id', '=', 'c.case_id'))
    .where('c.tenant_id', '=', s.tenantId)
    .where('c.channel', '=', 'open311')
    .where('c.open311_service_request', '=', true);
  q = s.partnerId ? q.where('c.reporter_partner_id', '=', s.partnerId) : q.where('c.reporter_account_id', '=', s.keyId);
  return q;
}

/** Requests with only what the gateway may show: no text, no place, no reporter, no person. */
export async function findRequests(db: DB, s: Scope, f: RequestFilter) {
  let q = scoped(db, s)
    .leftJoin('hubs as hk', (j) => j.onRef('hk.tenant_id', '=', 'k.tenant_id').onRef('hk.id', '=', 'k.hub_id'))
    .leftJoin('hub_areas as ha', (j) => j.onRef('ha.tenant_id', '=', 'c.tenant_id').onRef('ha.area_id', '=', 'c.area_id'))
    .leftJoin('hubs as harea', (j) => j.onRef('harea.tenant_id', '=', 'ha.tenant_id').onRef('harea.id', '=', 'ha.hub_id'))
    .select([
      'c.id',
      'c.category',
      'c.status',
      'c.received_at',
      'c.status_changed_at',
      'c.latitude',
      'c.longitude',
      'k.status as case_status',
      'k.closed_at as case_closed_at',
    ])
    .select(sql<string | null>`coalesce(hk.name, harea.name)`.as('hub_name'));
  if (f.ids) q = q.where('c.id', 'in', f.ids.length ? f.ids : ['00000000-0000-0000-0000-000000000000']);
  if (f.idSuffix) q = q.where(sql<SqlBool>`right(replace(c.id::text, '-', ''), 10) = ${f.idSuffix}`);
  if (f.serviceCodes?.length) q = q.where('c.category', 'in', f.serviceCodes);
  if (f.statuses?.length === 1) q = q.where(f.statuses[0] === 'closed' ? CLOSED : sql<SqlBool>`NOT ${CLOSED}`);
  if (f.from) q = q.where('c.received_at', '>=', f.from);
  if (f.to) q = q.where('c.received_at', '<=', f.to);
  return q.orderBy('c.received_at', 'desc').limit(f.limit).execute();
}

export type RequestRow = Awaited<ReturnType<typeof findRequests>>[number];

/**
 * Reporter-visible status changes of the requests in scope, oldest first: triage (being
 * handled), dismissal (closed), and the closing or reopening of the case a request joined
 * (only changes after the request joined it).
 */
export async function findUpdates(db: DB, s: Scope, from: Date, to: Date, limit: number) {
  const scope = s.partnerId ? sql`c.reporter_partner_id = ${s.partnerId}` : sql`c.reporter_account_id = ${s.keyId}`;
  const { rows } = await sql<{ update_id: string; concern_id: string; closed: boolean; at: Date }>`
    WITH mine AS (
      SELECT c.id, c.status, c.triaged_at, c.case_id, c.tenant_id FROM concerns c
      WHERE c.tenant_id = ${s.tenantId} AND c.channel = 'open311' AND c.open311_service_request AND ${scope}
        AND c.triaged_at IS NOT NULL
    )
    SELECT * FROM (
      SELECT m.id::text || '-' || CASE WHEN m.status = 'dismissed' THEN 'dismissed' ELSE 'triaged' END AS update_id,
             m.id AS concern_id, m.status = 'dismissed' AS closed, m.triaged_at AS at
      FROM mine m
      UNION ALL
      SELECT m.id::text || '-' || e.id::text, m.id, e.data->>'to' = 'closed', e.at
      FROM mine m JOIN case_events e ON e.tenant_id = m.tenant_id AND e.case_id = m.case_id
      WHERE e.kind = 'status_changed' AND (e.data->>'to' = 'closed' OR e.data->>'from' = 'closed') AND e.at >= m.triaged_at
    ) u
    WHERE u.at >= ${from} AND u.at <= ${to}
    ORDER BY u.at, u.update_id
    LIMIT ${limit}`.execute(db);
  return rows;
}

/** Filings by one key since a time: the rate limit (served by the concerns_reporter index). */
export async function countFiledSince(db: DB, tenantId: string, keyId: string, since: Date): Promise<number> {
  const r = await db
    .selectFrom('concerns')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('tenant_id', '=', tenantId)
    .where('reporter_account_id', '=', keyId)
    .where('received_at', '>', since)
    .executeTakeFirstOrThrow();
  return r.n;
}

export async function findTenantBySlug(db: DB, slug: string) {
  return db.selectFrom('tenants').select(['id', 'slug', 'name']).where('slug', '=', slug).executeTakeFirst();
}

/** Two at most: enough to tell whether the deployment serves exactly one municipality. */
export async function listTenantsForDefault(db: DB) {
  return db.selectFrom('tenants').select(['id', 'slug', 'name']).orderBy('slug').limit(2).execute();
}

/** One request in the key's scope, with its case (for an update posted about it). */
export async function requestInScope(db: DB, s: Scope, id: string) {
  return scoped(db, s).select(['c.id', 'c.case_id']).where('c.id', '=', id).executeTakeFirst();
}

/** An update already stored under the client's own id (a retry). */
export async function updateByClientId(db: DB, tenantId: string, keyId: string, clientUpdateId: string) {
  return db
    .selectFrom('open311_updates')
    .select(['id', 'concern_id'])
    .where('tenant_id', '=', tenantId)
    .where('api_key_id', '=', keyId)
    .where('client_update_id', '=', clientUpdateId)
    .executeTakeFirst();
}

/** Stores an update; a concurrent retry with the same client id stores nothing (returns undefined). */
export async function insertUpdate(db: DB, row: Insertable<Open311UpdatesTable>) {
  return db
    .insertInto('open311_updates')
    .values(row)
    .onConflict((oc) => oc.columns(['tenant_id', 'api_key_id', 'client_update_id']).where('client_update_id', 'is not', null).doNothing())
    .returning(['id'])
    .executeTakeFirst();
}

/** Updates posted by one key since a time: their rate limit. */
export async function countUpdatesSince(db: DB, tenantId: string, keyId: string, since: Date): Promise<number> {
  const r = await db
    .selectFrom('open311_updates')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('tenant_id', '=', tenantId)
    .where('api_key_id', '=', keyId)
    .where('received_at', '>', since)
    .executeTakeFirstOrThrow();
  return r.n;
}

/** A concern's resident updates, oldest first (for hub staff). */
export async function updatesOfConcern(db: DB, tenantId: string, concernId: string) {
  return db
    .selectFrom('open311_updates')
    .select(['id', 'status', 'description', 'client_updated_at', 'received_at'])
    .where('tenant_id', '=', tenantId)
    .where('concern_id', '=', concernId)
    .orderBy('received_at')
    .orderBy('id')
    .execute();
}

/** Whether a concern of this tenant exists (staff reads of its updates). */
export async function concernExists(db: DB, tenantId: string, id: string): Promise<boolean> {
  return !!(await db.selectFrom('concerns').select('id').where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst());
}

import { CompiledQuery, sql, type Updateable } from 'kysely';
import type { DB } from '../../db/database.js';
import type { ConcernsTable } from './concerns.tables.js';

export type NewConcernRow = Omit<
  ConcernsTable,
  | 'dismiss_reason'
  | 'geo_cell'
  | 'reporter_device_id'
  | 'open311_service_request'
  | 'thanks_message'
  | 'thanked_at'
  | 'status_changed_at'
  | 'place_key'
> & {
  place_key: string;
  reporter_device_id?: string | null;
  open311_service_request?: boolean;
};

// The hot path's SQL is fixed text with positional parameters, built once at load, so filing a
// concern costs no query building.
const CONCERN_COLUMNS = `tenant_id, id, received_at, observed_at, category, description, place_text, latitude, longitude, area_id,
  outside_area, channel, reporter_kind, reporter_account_id, reporter_partner_id, anonymous, callback_contact, priority,
  reporter_device_id, open311_service_request, person_id, place_key, status`;
const CONCERN_PARAMS = `${Array.from({ length: 22 }, (_, i) => `$${i + 1}`).join(', ')}, 'received'`;
const INSERT_CONCERN = `INSERT INTO concerns (${CONCERN_COLUMNS}) VALUES (${CONCERN_PARAMS})`;
const INSERT_CONCERN_IDEMPOTENT = `
  WITH k AS (
    INSERT INTO idempotency_keys (tenant_id, principal, key, request_hash, response, created_at)
    VALUES ($1, $23, $24, $25, $26, $3)
    ON CONFLICT DO NOTHING RETURNING 1
  ), c AS (
    INSERT INTO concerns (${CONCERN_COLUMNS}) SELECT ${CONCERN_PARAMS} WHERE EXISTS (SELECT 1 FROM k) RETURNING id
  )
  SELECT count(*)::int AS inserted FROM c`;

/**
 * Inserts a concern in one statement (one round trip, atomic). With an idempotency key, the
 * key row is claimed in the same statement: when the key already exists nothing is inserted
 * and the result is false.
 */
export async function insertConcern(
  db: DB,
  row: NewConcernRow,
  idem: { principal: string; key: string; requestHash: string; response: unknown } | null,
): Promise<boolean> {
  const params: unknown[] = [
    row.tenant_id,
    row.id,
    row.received_at,
    row.observed_at,
    row.category,
    row.description,
    row.place_text,
    row.latitude,
    row.longitude,
    row.area_id,
    row.outside_area,
    row.channel,
    row.reporter_kind,
    row.reporter_account_id,
    row.reporter_partner_id,
    row.anonymous,
    row.callback_contact,
    row.priority,
    row.reporter_device_id ?? null,
    row.open311_service_request ?? false,
    row.person_id ?? null,
    row.place_key,
  ];
  if (!idem) {
    await db.executeQuery(CompiledQuery.raw(INSERT_CONCERN, params));
    return true;
  }
  params.push(idem.principal, idem.key, idem.requestHash, JSON.stringify(idem.response));
  const { rows } = await db.executeQuery<{ inserted: number }>(CompiledQuery.raw(INSERT_CONCERN_IDEMPOTENT, params));
  return rows[0]!.inserted > 0;
}

export async function findIdempotent(db: DB, tenantId: string, principal: string, key: string) {
  return db
    .selectFrom('idempotency_keys')
    .select(['request_hash', 'response'])
    .where('tenant_id', '=', tenantId)
    .where('principal', '=', principal)
    .where('key', '=', key)
    .executeTakeFirst();
}

const QUEUE_COLUMNS = [
  'c.id',
  'c.category',
  'c.priority',
  'c.description',
  'c.place_text',
  'c.latitude',
  'c.longitude',
  'c.area_id',
  'c.outside_area',
  'c.observed_at',
  'c.received_at',
  'c.channel',
  'c.reporter_kind',
  'c.anonymous',
  'c.person_id',
] as const;

/** Degrees of latitude per metre; longitude is scaled by cos(latitude) at the call site. */
export const DEG_PER_M = 1 / 111_320;
/** Grid cells are 0.002 deg (see migration 0001, concerns.geo_cell); a radius up to one cell needs the 3x3 block. */
export const CELL_DEG = 0.002;
const NEIGHBOUR_OFFSETS = [-1_000_001, -1_000_000, -999_999, -1, 0, 1, 999_999, 1_000_000, 1_000_001];

/** The cells within radius of a cell, as offsets of the generated geo_cell encoding. */
function neighbourCells(cellSql: ReturnType<typeof sql>) {
  return sql`ARRAY[${sql.join(NEIGHBOUR_OFFSETS.map((o) => sql`${cellSql} + ${o}::bigint`))}]`;
}

/** Duplicate radius is capped at one grid cell's size, which the 3x3 lookup covers. */
export function effectiveRadius(radiusM: number): number {
  return Math.min(radiusM, (CELL_DEG / DEG_PER_M) * Math.cos((46 * Math.PI) / 180));
}

/**
 * The untriaged queue: most urgent-looking, then oldest. Served by the partial index
 * concerns_queue, so it costs the same with a million triaged concerns stored; the duplicate
 * count per item reads the concerns_cell index for its 3x3 grid block, concerns_place_key and
 * concerns_person, each for the recent window only.
 */
export async function triageQueue(db: DB, tenantId: string, limit: number, since: Date, radiusM: number) {
  const dLat = effectiveRadius(radiusM) * DEG_PER_M;
  return (
    db
      .selectFrom('concerns as c')
      .leftJoin('areas as a', (j) => j.onRef('a.tenant_id', '=', 'c.tenant_id').onRef('a.id', '=', 'c.area_id'))
      .leftJoin('partners as pt', (j) => j.onRef('pt.tenant_id', '=', 'c.tenant_id').onRef('pt.id', '=', 'c.reporter_partner_id'))
      .select(QUEUE_COLUMNS)
      .select(['a.name as area_name', 'pt.name as partner_name'])
      // One index-served branch per kind of match (grid cell, place key, person), united so a
      // concern matching twice counts once.
      .select(
        sql<number>`(SELECT count(*)::int FROM (
        SELECT d.id FROM concerns d
          WHERE d.tenant_id = c.tenant_id AND d.geo_cell = ANY(${neighbourCells(sql`c.geo_cell`)})
            AND d.latitude BETWEEN c.latitude - ${dLat} AND c.latitude + ${dLat}
            AND d.longitude BETWEEN c.longitude - ${dLat} / cos(radians(c.latitude)) AND c.longitude + ${dLat} / cos(radians(c.latitude))
            AND d.received_at >= ${since} AND d.status <> 'dismissed' AND d.id <> c.id
        UNION
        SELECT d.id FROM concerns d
          WHERE d.tenant_id = c.tenant_id AND length(c.place_key) >= ${MIN_PLACE_KEY} AND d.place_key = c.place_key
            AND d.received_at >= ${since} AND d.status <> 'dismissed' AND d.id <> c.id
        UNION
        SELECT d.id FROM concerns d
          WHERE d.tenant_id = c.tenant_id AND d.person_id = c.person_id
            AND d.received_at >= ${since} AND d.status <> 'dismissed' AND d.id <> c.id
      ) u)`.as('possible_duplicates'),
      )
      .where('c.tenant_id', '=', tenantId)
      .where('c.status', '=', 'received')
      .orderBy('c.priority')
      .orderBy('c.received_at')
      .limit(limit)
      .execute()
  );
}

export async function findConcern(db: DB, tenantId: string, id: string) {
  return db
    .selectFrom('concerns as c')
    .leftJoin('areas as a', (j) => j.onRef('a.tenant_id', '=', 'c.tenant_id').onRef('a.id', '=', 'c.area_id'))
    .leftJoin('accounts as r', (j) => j.onRef('r.tenant_id', '=', 'c.tenant_id').onRef('r.id', '=', 'c.reporter_account_id'))
    .leftJoin('partners as pt', (j) => j.onRef('pt.tenant_id', '=', 'c.tenant_id').onRef('pt.id', '=', 'c.reporter_partner_id'))
    .selectAll('c')
    .select(['a.name as area_name', 'r.display_name as reporter_name', 'pt.name as partner_name'])
    .where('c.tenant_id', '=', tenantId)
    .where('c.id', '=', id)
    .executeTakeFirst();
}

/** Place keys shorter than this ("1", "12") say too little to call two reports the same place. */
export const MIN_PLACE_KEY = 3;

/**
 * Recent concerns that may be about the same thing: near the point, with the same place key,
 * about the same person or someone of the same household. Each row says which of these hold.
 */
export async function duplicateCandidates(
  db: DB,
  c: {
    tenant_id: string;
    id: string;
    latitude: number | null;
    longitude: number | null;
    place_key: string;
    person_id: string | null;
    household_id: string | null;
  },
  since: Date,
  radiusM: number,
) {
  const dLat = effectiveRadius(radiusM) * DEG_PER_M;
  const key = c.place_key.length >= MIN_PLACE_KEY ? c.place_key : null;
  const hasPoint = c.latitude !== null && c.longitude !== null;
  const t = c.tenant_id;
  // Candidates: one index-served look-up per kind of match, united.
  const branches = [];
  if (hasPoint) {
    const lat = c.latitude!;
    const lon = c.longitude!;
    const dLon = dLat / Math.cos((lat * Math.PI) / 180);
    const cell = Math.floor(lat * 500) * 1_000_000 + Math.floor(lon * 500);
    branches.push(sql`SELECT id FROM concerns WHERE tenant_id = ${t} AND geo_cell = ANY(${neighbourCells(sql`${cell}::bigint`)})
      AND latitude BETWEEN ${lat - dLat} AND ${lat + dLat} AND longitude BETWEEN ${lon - dLon} AND ${lon + dLon} AND received_at >= ${since}`);
  }
  if (key) branches.push(sql`SELECT id FROM concerns WHERE tenant_id = ${t} AND place_key = ${key} AND received_at >= ${since}`);
  if (c.person_id)
    branches.push(sql`SELECT id FROM concerns WHERE tenant_id = ${t} AND person_id = ${c.person_id} AND received_at >= ${since}`);
  if (c.household_id) {
    branches.push(sql`SELECT x.id FROM people p JOIN concerns x ON x.tenant_id = p.tenant_id AND x.person_id = p.id
      WHERE p.tenant_id = ${t} AND p.household_id = ${c.household_id} AND x.received_at >= ${since}`);
    branches.push(sql`SELECT x.id FROM cases h JOIN concerns x ON x.tenant_id = h.tenant_id AND x.case_id = h.id
      WHERE h.tenant_id = ${t} AND h.household_id = ${c.household_id} AND x.received_at >= ${since}`);
  }
  if (!branches.length) return [];
  return db
    .selectFrom('concerns as d')
    .leftJoin('cases as k', (j) => j.onRef('k.tenant_id', '=', 'd.tenant_id').onRef('k.id', '=', 'd.case_id'))
    .leftJoin('people as pd', (j) => j.onRef('pd.tenant_id', '=', 'd.tenant_id').onRef('pd.id', '=', 'd.person_id'))
    .select([
      'd.id',
      'd.category',
      'd.place_text',
      'd.latitude',
      'd.longitude',
      'd.received_at',
      'd.status',
      'd.case_id',
      'k.case_number',
      'k.status as case_status',
    ])
    .select(
      !hasPoint
        ? sql<number | null>`NULL::float8`.as('distance_m')
        : sql<number | null>`CASE WHEN d.latitude IS NULL THEN NULL ELSE
            111320 * sqrt(power(d.latitude - ${c.latitude}, 2) + power((d.longitude - ${c.longitude}) * cos(radians(${c.latitude})), 2)) END`.as(
            'distance_m',
          ),
    )
    .select([
      (key ? sql<boolean>`d.place_key = ${key}` : sql<boolean>`false`).as('same_place'),
      (c.person_id ? sql<boolean>`coalesce(d.person_id = ${c.person_id}, false)` : sql<boolean>`false`).as('same_person'),
      (c.household_id
        ? sql<boolean>`coalesce((pd.household_id = ${c.household_id} AND d.person_id IS DISTINCT FROM ${c.person_id}) OR k.household_id = ${c.household_id}, false)`
        : sql<boolean>`false`
      ).as('same_household'),
    ])
    .where('d.tenant_id', '=', c.tenant_id)
    .where('d.id', '<>', c.id)
    .where('d.received_at', '>=', since)
    .where('d.status', '<>', 'dismissed')
    .where(sql<boolean>`d.id IN (${sql.join(branches, sql` UNION `)})`)
    .orderBy('d.received_at', 'desc')
    .limit(20)
    .execute();
}

/** The household a concern is about: its person's, else its case's (read-only looks at people and cases), or null. */
export async function householdOfConcern(db: DB, tenantId: string, personId: string | null, caseId: string | null): Promise<string | null> {
  if (personId) {
    const row = await db
      .selectFrom('people')
      .select('household_id')
      .where('tenant_id', '=', tenantId)
      .where('id', '=', personId)
      .executeTakeFirst();
    if (row?.household_id) return row.household_id;
  }
  if (!caseId) return null;
  const k = await db
    .selectFrom('cases')
    .select('household_id')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', caseId)
    .executeTakeFirst();
  return k?.household_id ?? null;
}

/**
 * Cases still open with a concern within radiusM of a point (not the given concern's own case):
 * what else the hub is working on next door. Each case once, at its nearest concern.
 */
export async function openCasesNear(db: DB, tenantId: string, lat: number, lon: number, radiusM: number, exceptCaseId: string | null) {
  const dLat = radiusM * DEG_PER_M;
  const dLon = dLat / Math.cos((lat * Math.PI) / 180);
  const rows = await db
    .selectFrom('cases as k')
    .innerJoin('concerns as d', (j) => j.onRef('d.tenant_id', '=', 'k.tenant_id').onRef('d.case_id', '=', 'k.id'))
    .select(['k.id', 'k.case_number', 'k.status', 'k.urgency', 'd.latitude', 'd.longitude', 'd.category'])
    .select(
      sql<number>`111320 * sqrt(power(d.latitude - ${lat}, 2) + power((d.longitude - ${lon}) * cos(radians(${lat})), 2))`.as('distance_m'),
    )
    .where('k.tenant_id', '=', tenantId)
    .where('k.status', '<>', 'closed')
    .$if(exceptCaseId !== null, (q) => q.where('k.id', '<>', exceptCaseId!))
    .where('d.latitude', '>=', lat - dLat)
    .where('d.latitude', '<=', lat + dLat)
    .where('d.longitude', '>=', lon - dLon)
    .where('d.longitude', '<=', lon + dLon)
    .orderBy('distance_m')
    .limit(200)
    .execute();
  const seen = new Set<string>();
  return rows.filter((r) => r.distance_m <= radiusM && !seen.has(r.id) && seen.add(r.id)).slice(0, 20);
}

export async function myConcerns(db: DB, tenantId: string, accountId: string, limit: number) {
  return db
    .selectFrom('concerns as c')
    .leftJoin('cases as k', (j) => j.onRef('k.tenant_id', '=', 'c.tenant_id').onRef('k.id', '=', 'c.case_id'))
    .select([
      'c.id',
      'c.category',
      'c.place_text',
      'c.received_at',
      'c.status',
      'k.status as case_status',
      'c.thanks_message',
      'c.status_changed_at',
    ])
    .where('c.tenant_id', '=', tenantId)
    .where('c.reporter_account_id', '=', accountId)
    .orderBy('c.received_at', 'desc')
    .limit(limit)
    .execute();
}

/** A concern locked for a triage decision. */
export async function lockConcern(db: DB, tenantId: string, id: string) {
  return db.selectFrom('concerns').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function updateConcernRow(db: DB, tenantId: string, id: string, set: Updateable<ConcernsTable>): Promise<void> {
  await db.updateTable('concerns').set(set).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

/** Moves the status clock of every concern of a case; returns their reporters (to tell their apps). */
export async function touchConcernsOfCase(db: DB, tenantId: string, caseId: string, now: Date) {
  return db
    .updateTable('concerns')
    .set({ status_changed_at: now })
    .where('tenant_id', '=', tenantId)
    .where('case_id', '=', caseId)
    .returning(['id', 'reporter_account_id'])
    .execute();
}

export async function setThanks(db: DB, tenantId: string, id: string, message: string, now: Date) {
  return db
    .updateTable('concerns')
    .set({ thanks_message: message, thanked_at: now })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .returning(['reporter_account_id'])
    .executeTakeFirst();
}

/** Idempotency keys are kept 7 days for client retries; the housekeeping loop deletes older ones. */
export async function deleteIdempotencyKeysBefore(db: DB, before: Date): Promise<void> {
  await sql`DELETE FROM idempotency_keys WHERE created_at < ${before}`.execute(db);
}

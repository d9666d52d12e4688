/** SQL of the telemetry hot path (readings and device state, see telemetry.ingest.ts) and its monthly partitions. */
import { sql } from 'kysely';
import type { DB } from '../../db/database.js';

/** One reading to store: times as epoch milliseconds (cheaper than ISO strings both ways). */
export interface ReadingRow {
  tenantId: string;
  deviceId: string;
  kind: string;
  ts: number;
  value: number;
}

/** What the rules remember about a device after a batch (device_state), times as epoch milliseconds. */
export interface StateRow {
  tenantId: string;
  deviceId: string;
  seen: number;
  act: number | null;
  /** The inactivity deadline the last activity arms (quiet hours counted out). */
  inact: number | null;
  battery: number | null;
  watts: number | null;
  /** 0 no power reading, 1 above standby, 2 a standby run continues, 3 a run starts in this batch. */
  powerMode: number;
  standbySince: number | null;
  standbyHours: number;
  silence: number;
}

/** The readings as one array literal per column. Every element is a uuid, a known kind or a finite
 * number, so none needs quoting: several times cheaper than the driver's generic array encoding. */
function readingArrays(rows: ReadingRow[]) {
  const n = rows.length;
  const t = new Array<string>(n),
    d = new Array<string>(n),
    k = new Array<string>(n),
    ms = new Array<number>(n),
    v = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const r = rows[i]!;
    t[i] = r.tenantId;
    d[i] = r.deviceId;
    k[i] = r.kind;
    ms[i] = r.ts;
    v[i] = r.value;
  }
  // Times travel as epoch ms and become timestamptz in SQL: cheaper than ISO strings both ways.
  return sql`unnest(${`{${t.join(',')}}`}::uuid[], ${`{${d.join(',')}}`}::uuid[], ${`{${k.join(',')}}`}::text[], ${`{${ms.join(',')}}`}::float8[], ${`{${v.join(',')}}`}::float8[])`;
}

/**
 * The fast path: one statement stores every reading (failing with a unique violation, and
 * changing nothing, if any was stored before) and updates the state rows that need it, waiting
 * at most `lockMs` for a state row another transaction holds. Returns true when some state row
 * was missing (then written by the caller).
 */
export async function insertReadingsFast(db: DB, rows: ReadingRow[], stale: StateRow[], now: Date, lockMs: number): Promise<boolean> {
  const insert = sql`
    INSERT INTO telemetry (tenant_id, device_id, kind, ts, value, received_at)
    SELECT t, d, k, to_timestamp(ms / 1000), v, ${now}::timestamptz FROM ${readingArrays(rows)} AS u(t, d, k, ms, v)`;
  if (stale.length === 0) {
    await insert.execute(db);
    return false;
  }
  const { rows: out } = await sql<{ n: number }>`
    WITH ins AS (${insert}), upd AS (${stateUpdate(stale, now, lockMs)} RETURNING 1)
    SELECT count(*)::int AS n FROM upd`.execute(db);
  return out[0]!.n < stale.length;
}

/** The careful path: stores what is new and returns the positions (0-based) of exactly those readings. */
export async function insertReadingsCareful(trx: DB, rows: ReadingRow[], now: Date): Promise<number[]> {
  const n = rows.length;
  const { rows: out } = await sql<{ n: number; fresh: number[] | null }>`
    WITH u AS (SELECT * FROM ${readingArrays(rows)} WITH ORDINALITY AS u(t, d, k, ms, v, i)),
    ins AS (
      INSERT INTO telemetry (tenant_id, device_id, kind, ts, value, received_at)
      SELECT t, d, k, to_timestamp(ms / 1000), v, ${now}::timestamptz FROM u ORDER BY d, k, ms
      ON CONFLICT DO NOTHING
      RETURNING device_id, kind, ts
    ), c AS (SELECT count(*)::int AS n FROM ins)
    SELECT c.n, CASE WHEN c.n < ${n}::int THEN (
      SELECT array_agg(u.i::int) FROM ins JOIN u ON u.d = ins.device_id AND u.k = ins.kind AND to_timestamp(u.ms / 1000) = ins.ts
    ) END AS fresh FROM c`.execute(trx);
  const row = out[0]!;
  if (row.n === n) return rows.map((_, i) => i);
  return (row.fresh ?? []).map((i) => i - 1);
}

/** A PostgreSQL array literal of numbers or nulls (no quoting needed). */
const numLit = (a: (number | null)[]) => `{${a.map((x) => (x === null ? 'NULL' : x)).join(',')}}`;

/** The state rows' new values, one array per column. */
function stateValues(rows: StateRow[]) {
  const t: string[] = [],
    d: string[] = [],
    seen: number[] = [],
    act: (number | null)[] = [],
    inact: (number | null)[] = [],
    bat: (number | null)[] = [],
    pw: (number | null)[] = [],
    pmode: number[] = [],
    since: (number | null)[] = [],
    sh: number[] = [],
    silence: number[] = [];
  for (const r of rows) {
    t.push(r.tenantId);
    d.push(r.deviceId);
    seen.push(r.seen);
    act.push(r.act);
    inact.push(r.inact);
    bat.push(r.battery);
    pw.push(r.watts);
    pmode.push(r.powerMode);
    since.push(r.standbySince);
    sh.push(r.standbyHours);
    silence.push(r.silence);
  }
  return sql`
    SELECT t, d, to_timestamp(seen / 1000) AS seen, to_timestamp(act / 1000) AS act, to_timestamp(inact / 1000) AS inact, bat, pw, pmode,
      to_timestamp(since / 1000) AS since, sh, to_timestamp(silence / 1000) AS silence
    FROM unnest(${`{${t.join(',')}}`}::uuid[], ${`{${d.join(',')}}`}::uuid[], ${numLit(seen)}::float8[], ${numLit(act)}::float8[], ${numLit(inact)}::float8[],
      ${numLit(bat)}::float8[], ${numLit(pw)}::float8[], ${numLit(pmode)}::int[], ${numLit(since)}::float8[], ${numLit(sh)}::float8[], ${numLit(silence)}::float8[])
      AS u(t, d, seen, act, inact, bat, pw, pmode, since, sh, silence)`;
}

/**
 * UPDATE of the state rows (registration creates them); applying it twice gives the same rows.
 * A state row held by another transaction (a stuck session, a long sweep) must not hold the
 * batch forever: the join filter sets this transaction's lock_timeout, and PostgreSQL evaluates
 * a row's filters before it locks the row, so every wait is bounded, with no extra round trip
 * (a BEGIN / SET LOCAL / COMMIT around the fast path's single statement cost a third of the
 * throughput of small requests). It ends with the statement, or with the caller's transaction.
 */
function stateUpdate(rows: StateRow[], now: Date, lockMs: number) {
  return sql`
    UPDATE device_state s SET
      last_seen_at = GREATEST(s.last_seen_at, u.seen),
      last_activity_at = GREATEST(s.last_activity_at, u.act),
      -- Deadlines are indexed: moving them on every reading would make every update write index
      -- entries (no HOT update). They are only armed here; the sweeper re-checks the last activity
      -- or reading when an old deadline comes up and moves it forward then (once per period).
      inactivity_due_at = CASE WHEN u.act IS NOT NULL AND s.inactivity_due_at IS NULL THEN u.inact ELSE s.inactivity_due_at END,
      battery = COALESCE(u.bat, s.battery),
      last_power_w = COALESCE(u.pw, s.last_power_w),
      standby_since = CASE u.pmode WHEN 0 THEN s.standby_since WHEN 1 THEN NULL WHEN 2 THEN COALESCE(s.standby_since, u.since) ELSE u.since END,
      standby_due_at = CASE u.pmode WHEN 0 THEN s.standby_due_at WHEN 1 THEN NULL
        WHEN 2 THEN CASE WHEN s.standby_since IS NULL THEN u.since + u.sh * interval '1 hour' ELSE s.standby_due_at END
        ELSE u.since + u.sh * interval '1 hour' END,
      silence_due_at = COALESCE(s.silence_due_at, u.silence),
      updated_at = ${now}::timestamptz
    FROM (${stateValues(rows)}) u
    WHERE s.tenant_id = u.t AND s.device_id = u.d AND set_config('lock_timeout', ${`${Math.round(lockMs)}ms`}, true) IS NOT NULL`;
}

/** The state update inside a transaction, creating any state row that is missing first. */
export async function writeState(trx: DB, rows: StateRow[], now: Date, lockMs: number): Promise<void> {
  const res = await stateUpdate(rows, now, lockMs).execute(trx);
  if (Number(res.numAffectedRows ?? 0) === rows.length) return;
  // Some row is missing (a device stored by another path): insert it, then the same update again.
  await sql`
    INSERT INTO device_state (tenant_id, device_id, updated_at)
    SELECT t, d, ${now}::timestamptz FROM (${stateValues(rows)}) u
    ON CONFLICT DO NOTHING`.execute(trx);
  await stateUpdate(rows, now, lockMs).execute(trx);
}

/**
 * Monthly telemetry partitions for this month and the next two. A month whose rows already sit in
 * the DEFAULT partition (clock skew, a late migration) has them moved into the new partition in
 * the same transaction, since PostgreSQL refuses to create a partition the default overlaps.
 * The app's role may not create tables: the work is done by tsunagari_ensure_telemetry_partition,
 * a SECURITY DEFINER function of the schema's owner (migration 0008).
 */
export async function ensureTelemetryPartitions(db: DB, now: Date, months = 3): Promise<string[]> {
  const created: string[] = [];
  for (let i = 0; i < months; i++) {
    const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + i, 1));
    const name = `telemetry_y${from.getUTCFullYear()}m${String(from.getUTCMonth() + 1).padStart(2, '0')}`;
    const exists = await sql`SELECT 1 FROM pg_class WHERE relname = ${name} AND relkind IN ('r', 'p')`.execute(db);
    if (exists.rows.length) continue;
    const { rows } = await sql<{ made: string | null }>`
      SELECT tsunagari_ensure_telemetry_partition(${from.toISOString().slice(0, 10)}::date) AS made`.execute(db);
    if (rows[0]?.made) created.push(rows[0].made);
  }
  return created;
}

/** Ingest transactions wait at most this long for a row lock (a state row held by another transaction). */
export async function setLockTimeout(trx: DB, ms: number): Promise<void> {
  await sql`SELECT set_config('lock_timeout', ${`${Math.round(ms)}ms`}, true)`.execute(trx);
}

/** A reading set aside because it could not be processed (telemetry_quarantine). */
export interface QuarantineRow {
  tenantId: string;
  id: string;
  deviceId: string | null;
  deviceKey: string | null;
  kind: string | null;
  ts: number | null;
  value: number | null;
  raw: string | null;
  reason: string;
  source: 'http' | 'mqtt';
}

export async function insertQuarantine(db: DB, rows: QuarantineRow[], now: Date): Promise<void> {
  if (rows.length === 0) return;
  // One JSON document for the rows: the text in it was checked when the readings were validated.
  await sql`
    INSERT INTO telemetry_quarantine (tenant_id, id, device_id, device_key, kind, ts, value, raw, reason, source, received_at)
    SELECT * FROM jsonb_to_recordset(${JSON.stringify(
      rows.map((r) => ({
        tenant_id: r.tenantId,
        id: r.id,
        device_id: r.deviceId,
        device_key: r.deviceKey,
        kind: r.kind,
        ts: r.ts === null ? null : new Date(r.ts).toISOString(),
        value: r.value,
        raw: r.raw,
        reason: r.reason,
        source: r.source,
        received_at: now.toISOString(),
      })),
    )}::jsonb) AS q(tenant_id uuid, id uuid, device_id uuid, device_key text, kind text, ts timestamptz, value float8, raw text,
      reason text, source text, received_at timestamptz)`.execute(db);
}

export interface QuarantineListRow {
  id: string;
  device_id: string | null;
  device_key: string | null;
  kind: string | null;
  ts: Date | null;
  value: number | null;
  raw: string | null;
  reason: string;
  source: string;
  received_at: Date;
}

/** A tenant's quarantined readings, newest first; `beforeId` (the previous page's last item) pages by (received_at, id). */
export async function listQuarantineRows(db: DB, tenantId: string, limit: number, beforeId: string | null): Promise<QuarantineListRow[]> {
  const after = beforeId
    ? sql`AND (received_at, id) < (SELECT received_at, id FROM telemetry_quarantine WHERE tenant_id = ${tenantId} AND id = ${beforeId})`
    : sql``;
  const { rows } = await sql<QuarantineListRow>`
    SELECT id, device_id, device_key, kind, ts, value, raw, reason, source, received_at FROM telemetry_quarantine
    WHERE tenant_id = ${tenantId} ${after}
    ORDER BY received_at DESC, id DESC LIMIT ${limit}`.execute(db);
  return rows;
}

/** Quarantined readings older than the cutoff (housekeeping). */
export async function purgeQuarantineBefore(db: DB, before: Date): Promise<void> {
  await sql`DELETE FROM telemetry_quarantine WHERE received_at < ${before}`.execute(db);
}

/** What one app copy admitted for a rate-limit subject since it last shared. */
export interface RateCountRow {
  tenantId: string;
  subject: 'device' | 'press' | 'credential';
  id: string;
  count: number;
}

/**
 * Adds each subject's count to the window's shared total and returns the totals of all copies,
 * keyed `${subject}:${id}`: one statement per sync, whatever the number of subjects.
 */
export async function syncRateCounts(db: DB, windowStart: Date, rows: RateCountRow[]): Promise<Map<string, number>> {
  const { rows: out } = await sql<{ subject: string; subject_id: string; count: number }>`
    INSERT INTO telemetry_rate_counts AS c (tenant_id, subject, subject_id, window_start, count)
    SELECT t, s, i, ${windowStart}::timestamptz, n
    FROM unnest(${`{${rows.map((r) => r.tenantId).join(',')}}`}::uuid[], ${`{${rows.map((r) => r.subject).join(',')}}`}::text[],
      ${`{${rows.map((r) => r.id).join(',')}}`}::uuid[], ${`{${rows.map((r) => r.count).join(',')}}`}::int[]) AS u(t, s, i, n)
    ON CONFLICT (tenant_id, subject_id, subject, window_start) DO UPDATE SET count = c.count + EXCLUDED.count
    RETURNING subject, subject_id, count`.execute(db);
  return new Map(out.map((r) => [`${r.subject}:${r.subject_id}`, r.count]));
}

export async function purgeRateCountsBefore(db: DB, before: Date): Promise<void> {
  await sql`DELETE FROM telemetry_rate_counts WHERE window_start < ${before}`.execute(db);
}

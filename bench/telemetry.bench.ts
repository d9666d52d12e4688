/**
 * Telemetry benchmark (issue #4 §5): ingestion end to end with the rules evaluated, for 100,000
 * simulated devices, on production settings (durable embedded PostgreSQL, the real server in a
 * child process, its MQTT consumer on a private Mosquitto).
 *   1. copy_baseline, then http_ingest: a raw binary COPY (timestamps as integers, as the server
 *      sends epoch milliseconds) of exactly the rows the HTTP phase will send, into a fresh table
 *      of telemetry's shape and size (same columns, primary key and monthly partitions, holding
 *      the warm-up's rows), measured first; then POST /api/v1/telemetry through a gateway's
 *      ingestion credential, batches of 500 readings, N connections, after a warm-up of one
 *      reading per device (reported on its own line). Every reading sent must be stored exactly
 *      once (accepted == stored, no duplicates). The gateway figure is a ratio to that COPY.
 *   2. baseline_healthz_devices, then http_device_tokens: the path real devices use — each
 *      request from one device with its own token (5 readings), 32 connections round-robin over
 *      all devices; its baseline is GET /healthz from the same client at the same concurrency.
 *   3. mqtt_ingest: QoS 1 publishes to per-device topics with each device's own token, paced
 *      above the target (60,000/s), fixed time; readings/s stored, readings lost (expect 0).
 *   4. emergency_latency: ~10,000 readings/s over HTTP while 50 buttons are pressed over 10 s;
 *      time from each POST to its `alert.raised` on a hub staff's SSE stream.
 *   5. silence_idle_cpu: 100,000 devices all fresh (nothing due), no ingest: CPU of the server
 *      process (and of PostgreSQL) over an idle window with its loops at their defaults, against
 *      the same window with the sweeper intervals at their maximum; EXPLAIN of the due query.
 * Targets (2 cores): >= 100,000 readings/s over HTTP, >= 30,000/s over MQTT, emergency p99 <= 1 s
 * at 10,000 readings/s, silence detection < 1% of a core.
 * BENCH_ONLY=http,devices,mqtt,emergency,silence runs a subset (the warm-up and COPY baseline always run).
 */

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import mqtt from 'mqtt';
import pg from 'pg';
import { uuidv7 } from 'uuidv7';
import { createTenant, TEST_PASSWORD } from '../test/helpers/factories.js';
import {
  type Broker,
  clusterPids,
  copyFrom,
  cpuDelta,
  cpuSeconds,
  cpuSnapshot,
  emit,
  login,
  note,
  openEventStream,
  pct,
  round,
  type ServerProcess,
  startBenchDatabase,
  startMosquitto,
  startServer,
} from './harness.js';

const BENCH = 'telemetry';
const DEVICES = Number(process.env.BENCH_DEVICES ?? 100_000);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 12);
const HTTP_CONNECTIONS = Number(process.env.BENCH_HTTP_CONNECTIONS ?? 8);
const BATCH = 500;
/** Readings the gateway phase sends (and the COPY baseline copies): about 12 s at the target. */
const HTTP_READINGS = Number(process.env.BENCH_HTTP_READINGS ?? 1_200_000);
/** The per-device-token phase: requests, readings per request, connections. */
const DEVICE_REQUESTS = Number(process.env.BENCH_DEVICE_REQUESTS ?? 40_000);
const DEVICE_BATCH = Number(process.env.BENCH_DEVICE_BATCH ?? 5);
const DEVICE_CONNECTIONS = Number(process.env.BENCH_DEVICE_CONNECTIONS ?? 32);
// Offered above the target, so the figure shows what the consumer sustains rather than the offer.
const MQTT_RATE = Number(process.env.BENCH_MQTT_RATE ?? 60_000); // readings/s offered
const MQTT_PER_MESSAGE = 20;
const MQTT_WINDOW = 1000; // unacknowledged QoS 1 publishes in flight
const EMERGENCY_BACKGROUND_RATE = 10_000;
const PRESSES = 50;
const PRESS_SPAN_S = 10;
const IDLE_WINDOW_S = Number(process.env.BENCH_IDLE_S ?? 15);
const DEFAULT_SWEEP_MS = 15_000;
const FAST_SWEEP_MS = 250;
/** BENCH_ONLY=http,devices,mqtt,emergency,silence runs a subset (the warm-up and the COPY baseline always run). */
const ONLY = new Set((process.env.BENCH_ONLY ?? 'http,devices,mqtt,emergency,silence').split(',').map((x) => x.trim()));
const TARGET_HTTP = 100_000;
const TARGET_MQTT = 30_000;
const TARGET_EMERGENCY_P99_MS = 1000;
const TARGET_SILENCE_CORE_PCT = 1;
const INGEST_TOKEN = 'bench-ingest-credential-token-0001';
/** Device n's own token (tokens shorter than 20 characters are refused by the server). */
const deviceToken = (n: number) => `tok-${n}-bench-device-token`;

/** Five devices per person: a home with a motion sensor, a door sensor, a smart meter, a light bulb and a button. */
const TYPES = ['motion', 'door', 'power', 'light', 'emergency_button'] as const;
const KINDS = ['motion', 'door', 'power_w', 'light_on', 'battery'] as const;

function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : NaN;
  } catch {
    return NaN;
  }
}

/** Where the CPU went during a phase: the server process, PostgreSQL, this load generator (% of one core). */
function cpuMeter(serverPid: number, pgDir: string) {
  const s0 = cpuSeconds(serverPid);
  const p0 = cpuSnapshot(clusterPids(pgDir));
  const b0 = process.cpuUsage();
  const t0 = performance.now();
  return () => {
    const secs = (performance.now() - t0) / 1000;
    const b = process.cpuUsage(b0);
    // Backends the pool opened inside the window count whole; ones that exited inside it are missed.
    const pgCpu = () => {
      const p1 = cpuSnapshot(clusterPids(pgDir));
      let extra = 0;
      for (const [pid, c] of p1) if (!p0.has(pid)) extra += c;
      return cpuDelta(p0, p1) + extra;
    };
    return {
      server_cpu_core_pct: Math.round(((cpuSeconds(serverPid) - s0) / secs) * 100),
      pg_cpu_core_pct: Math.round((pgCpu() / secs) * 100),
      bench_cpu_core_pct: Math.round(((b.user + b.system) / 1e6 / secs) * 100),
    };
  };
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('base64url');

/**
 * Readings are numbered; reading r of a band is for device r % DEVICES at band start +
 * floor(r / DEVICES) s (+ a per-device offset), so (device, kind, ts) is unique within a band and
 * bands never overlap: each scenario counts its own rows by ts range.
 */
const BAND_MS = 90_000;
const T0 = Date.now() - 10 * 60_000; // all timestamps within the last ten minutes
const band = (i: number) => T0 + i * BAND_MS;
const BANDS = { httpWarmup: 0, http: 1, devices: 2, mqtt: 3, emergency: 4 } as const;

function kindOf(n: number): string {
  return KINDS[n % 5]!;
}
function readingValue(n: number, step: number): number {
  switch (n % 5) {
    case 2:
      return 80 + ((n * 7 + step * 13) % 400); // watts, above standby
    case 4:
      return 90 - (step % 5); // battery %
    default:
      return 1; // motion, door opened, light on
  }
}
function tsOf(bandStart: number, n: number, step: number): number {
  return bandStart + step * 1000 + (n % 997);
}

function readingJson(bandStart: number, r: number, withDevice = true): string {
  const n = r % DEVICES;
  const step = Math.floor(r / DEVICES);
  const dev = withDevice ? `"device_id":"dev-${n}",` : '';
  return `{${dev}"ts":"${new Date(tsOf(bandStart, n, step)).toISOString()}","kind":"${kindOf(n)}","value":${readingValue(n, step)}}`;
}

function httpBody(bandStart: number, first: number, count: number): string {
  const parts: string[] = new Array(count);
  for (let k = 0; k < count; k++) parts[k] = readingJson(bandStart, first + k);
  return `{"readings":[${parts.join(',')}]}`;
}

/** Request k of the per-device phase: device k % DEVICES posts DEVICE_BATCH readings of its own (no device_id). */
function deviceBody(bandStart: number, k: number): string {
  const n = k % DEVICES;
  const parts: string[] = new Array(DEVICE_BATCH);
  for (let j = 0; j < DEVICE_BATCH; j++) {
    const step = Math.floor(k / DEVICES) * DEVICE_BATCH + j;
    parts[j] = `{"ts":"${new Date(tsOf(bandStart, n, step)).toISOString()}","kind":"${kindOf(n)}","value":${readingValue(n, step)}}`;
  }
  return `{"readings":[${parts.join(',')}]}`;
}

// ---- HTTP client -------------------------------------------------------------------------------

interface Reply {
  status: number;
  body: string;
  ms: number;
}

function makePoster(baseUrl: string, connections: number) {
  const u = new URL(baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const request = (method: 'GET' | 'POST', p: string, body: string, headers: Record<string, string>): Promise<Reply> =>
    new Promise((resolve, reject) => {
      const t0 = performance.now();
      const req = http.request(
        {
          host: u.hostname,
          port: u.port,
          path: p,
          method,
          agent,
          headers:
            method === 'POST' ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers } : headers,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString(), ms: performance.now() - t0 }));
          res.on('error', reject);
        },
      );
      req.setTimeout(30_000, () => req.destroy(new Error('timeout')));
      req.on('error', reject);
      req.end(method === 'POST' ? body : undefined);
    });
  return {
    post: (p: string, body: string, headers: Record<string, string>) => request('POST', p, body, headers),
    get: (p: string, headers: Record<string, string> = {}) => request('GET', p, '', headers),
    close: () => agent.destroy(),
  };
}

interface IngestAnswer {
  accepted: number;
  duplicates: number;
  rejected: unknown[];
}

interface HttpTally {
  requests: number;
  sent: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  non2xx: number;
  errors: number;
  latencies: number[];
  firstProblem: string | null;
}

function newTally(): HttpTally {
  return { requests: 0, sent: 0, accepted: 0, duplicates: 0, rejected: 0, non2xx: 0, errors: 0, latencies: [], firstProblem: null };
}

async function postBatch(
  poster: ReturnType<typeof makePoster>,
  tally: HttpTally,
  body: string,
  count: number,
  token = INGEST_TOKEN,
): Promise<void> {
  tally.requests++;
  tally.sent += count;
  try {
    const r = await poster.post('/api/v1/telemetry', body, { authorization: `Bearer ${token}` });
    tally.latencies.push(r.ms);
    if (r.status < 200 || r.status > 299) {
      tally.non2xx++;
      tally.firstProblem ??= `${r.status} ${r.body.slice(0, 300)}`;
      return;
    }
    const a = JSON.parse(r.body) as IngestAnswer;
    tally.accepted += a.accepted;
    tally.duplicates += a.duplicates;
    tally.rejected += a.rejected.length;
    if (a.rejected.length) tally.firstProblem ??= `rejected: ${JSON.stringify(a.rejected.slice(0, 2))}`;
  } catch (err) {
    tally.errors++;
    tally.firstProblem ??= String(err);
  }
}

/** `connections` closed loops posting consecutive batches of the band for `seconds`. */
async function httpLoad(
  poster: ReturnType<typeof makePoster>,
  bandStart: number,
  connections: number,
  seconds: number,
  limit = Infinity,
  bodies: string[] = [],
) {
  const tally = newTally();
  let next = 0;
  const t0 = performance.now();
  const deadline = t0 + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < deadline && next < limit) {
        const first = next;
        const count = Math.min(BATCH, limit - first);
        next += count;
        const pre = count === BATCH ? bodies[first / BATCH] : undefined;
        await postBatch(poster, tally, pre ?? httpBody(bandStart, first, count), count);
      }
    }),
  );
  return { tally, elapsedS: (performance.now() - t0) / 1000, readingsNumbered: next };
}

// ---- database helpers --------------------------------------------------------------------------

type Db = Awaited<ReturnType<typeof startBenchDatabase>>['db'];

async function bandCount(db: Db, tenantId: string, i: number): Promise<{ n: number; last: Date | null }> {
  const { rows } = await sql<{ n: number; last: Date | null }>`
    SELECT count(*)::int AS n, max(received_at) AS last FROM telemetry
    WHERE tenant_id = ${tenantId} AND ts >= ${new Date(band(i))} AND ts < ${new Date(band(i + 1))}`.execute(db);
  return rows[0]!;
}

/** Polls the band's row count until it has not grown for `quietMs` (bounded by `maxMs`). */
async function settle(db: Db, tenantId: string, i: number, quietMs = 1500, maxMs = 60_000) {
  const t0 = performance.now();
  let last = await bandCount(db, tenantId, i);
  let lastChange = performance.now();
  while (performance.now() - t0 < maxMs) {
    await new Promise((r) => setTimeout(r, 250));
    const c = await bandCount(db, tenantId, i);
    if (c.n !== last.n) lastChange = performance.now();
    last = c;
    if (performance.now() - lastChange >= quietMs) break;
  }
  return last;
}

async function seedDevices(db: Db, tenantId: string): Promise<void> {
  const persons = Math.ceil(DEVICES / TYPES.length);
  await sql`
    INSERT INTO people (tenant_id, id, name, kana, living_alone, created_at, updated_at)
    SELECT ${tenantId}::uuid, gen_random_uuid(), 'ベンチ利用者 ' || p, 'べんち' || p, true, now(), now()
    FROM generate_series(0, ${persons - 1}::int) AS p`.execute(db);
  // Device n belongs to person n / 5 (in insertion order) and has type TYPES[n % 5] and token deviceToken(n).
  await sql`
    WITH ps AS (SELECT id, row_number() OVER (ORDER BY ctid) - 1 AS p FROM people WHERE tenant_id = ${tenantId}::uuid)
    INSERT INTO watch_devices (tenant_id, id, device_key, person_id, type, vendor, location_in_home, status, token_hash, token_rotated_at, created_at, updated_at)
    SELECT ${tenantId}::uuid, gen_random_uuid(), 'dev-' || n, ps.id,
      (ARRAY['motion','door','power','light','emergency_button'])[n % 5 + 1], 'bench', 'living room', 'active',
      translate(rtrim(encode(sha256(convert_to('tok-' || n || '-bench-device-token', 'UTF8')), 'base64'), '='), '+/', '-_'), now(), now(), now()
    FROM generate_series(0, ${DEVICES - 1}::int) AS n JOIN ps ON ps.p = n / 5`.execute(db);
  // Registration (POST /persons/{id}/devices) creates each device's state row with its silence
  // deadline armed; seeded devices get the same.
  await sql`
    INSERT INTO device_state (tenant_id, device_id, silence_due_at, updated_at)
    SELECT tenant_id, id, now() + interval '24 hours', now() FROM watch_devices WHERE tenant_id = ${tenantId}::uuid`.execute(db);
  await db
    .insertInto('ingest_credentials')
    .values({
      tenant_id: tenantId,
      id: uuidv7(),
      label: 'bench gateway',
      token_hash: sha256(INGEST_TOKEN),
      // A vendor gateway carrying a whole city: its own rate limit, far above the default.
      readings_per_minute: 1_000_000_000,
      created_at: new Date(),
      revoked_at: null,
    })
    .execute();
  const probe = await db
    .selectFrom('watch_devices')
    .select('token_hash')
    .where('tenant_id', '=', tenantId)
    .where('device_key', '=', 'dev-7')
    .executeTakeFirst();
  if (probe?.token_hash !== sha256(deviceToken(7)))
    throw new Error('seeded token hashes do not match the server hashing (sha256 base64url)');
  await sql`ANALYZE people`.execute(db);
  await sql`ANALYZE watch_devices`.execute(db);
  await sql`ANALYZE device_state`.execute(db);
}

async function deviceIds(db: Db, tenantId: string): Promise<string[]> {
  const { rows } = await sql<{ n: number; id: string }>`
    SELECT substr(device_key, 5)::int AS n, id FROM watch_devices WHERE tenant_id = ${tenantId}`.execute(db);
  const ids = new Array<string>(DEVICES);
  for (const r of rows) ids[r.n] = r.id;
  return ids;
}

/** PostgreSQL's epoch (2000-01-01) in Unix milliseconds: binary timestamps count microseconds from it. */
const PG_EPOCH_MS = 946_684_800_000;

/**
 * COPY … (FORMAT binary) of readings r = 0 … count − 1 of a band, the rows the HTTP phase sends:
 * timestamps travel as integers (as the server's epoch milliseconds do), values as float8, ids as
 * 16 bytes, so PostgreSQL parses no text at all. Built in full before the clock starts.
 */
function copyBinary(tenantId: string, ids: string[], bandStart: number, count: number): Buffer[] {
  const uuid = (s: string) => Buffer.from(s.replace(/-/g, ''), 'hex');
  const tenant = uuid(tenantId);
  const devices = ids.map(uuid);
  const kinds = KINDS.map((k) => Buffer.from(k));
  const putTs = (b: Buffer, at: number, ms: number) => {
    const us = (ms - PG_EPOCH_MS) * 1000; // < 2^53 until the year 2255: exact in a double
    const hi = Math.floor(us / 4_294_967_296);
    b.writeInt32BE(hi, at);
    b.writeUInt32BE(us - hi * 4_294_967_296, at + 4);
  };
  const received = Date.now();
  const chunks: Buffer[] = [Buffer.concat([Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), Buffer.alloc(8)])];
  const ROWS = 2000;
  for (let first = 0; first < count; first += ROWS) {
    const n0 = Math.min(ROWS, count - first);
    const b = Buffer.alloc(n0 * (2 + 6 * 4 + 16 + 16 + 8 + 8 + 8 + 8) + (first + n0 >= count ? 2 : 0));
    let o = 0;
    for (let r = first; r < first + n0; r++) {
      const n = r % DEVICES;
      const step = Math.floor(r / DEVICES);
      const kind = kinds[n % 5]!;
      o = b.writeInt16BE(6, o);
      o = b.writeInt32BE(16, o);
      o += tenant.copy(b, o);
      o = b.writeInt32BE(16, o);
      o += devices[n]!.copy(b, o);
      o = b.writeInt32BE(kind.length, o);
      o += kind.copy(b, o);
      o = b.writeInt32BE(8, o);
      putTs(b, o, tsOf(bandStart, n, step));
      o += 8;
      o = b.writeInt32BE(8, o);
      o = b.writeDoubleBE(readingValue(n, step), o);
      o = b.writeInt32BE(8, o);
      putTs(b, o, received);
      o += 8;
    }
    if (first + n0 >= count) o = b.writeInt16BE(-1, o);
    chunks.push(b.subarray(0, o));
  }
  return chunks;
}

/**
 * A fresh table of telemetry's shape and size for the COPY baseline: the same columns, primary
 * key and partitions (each month and the default, same bounds), holding the rows telemetry holds
 * now (the warm-up's), so COPY and HTTP write into equally sized indexes.
 */
async function freshCopyTable(db: Db): Promise<number> {
  await sql`DROP TABLE IF EXISTS copy_baseline`.execute(db);
  await sql`CREATE TABLE copy_baseline (LIKE telemetry INCLUDING ALL) PARTITION BY RANGE (ts)`.execute(db);
  const { rows: parts } = await sql<{ name: string; bound: string }>`
    SELECT c.relname AS name, pg_get_expr(c.relpartbound, c.oid) AS bound
    FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'telemetry'::regclass`.execute(db);
  for (const p of parts)
    await sql.raw(`CREATE TABLE copy_baseline_${p.name.replace(/^telemetry_/, '')} PARTITION OF copy_baseline ${p.bound}`).execute(db);
  const { numAffectedRows } = await sql`INSERT INTO copy_baseline SELECT * FROM telemetry`.execute(db);
  await sql`VACUUM ANALYZE copy_baseline`.execute(db);
  await sql`VACUUM ANALYZE telemetry`.execute(db);
  return Number(numAffectedRows ?? 0);
}

/** `connections` closed loops running `n` requests in all (request k gets index k). */
async function closedLoops(n: number, connections: number, fn: (k: number) => Promise<void>): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (next < n) await fn(next++);
    }),
  );
  return (performance.now() - t0) / 1000;
}

// ---- scenarios -----------------------------------------------------------------------------------

export async function run(): Promise<boolean> {
  const startedAt = performance.now();
  const load0 = os.loadavg();
  note(`machine: ${os.cpus().length} cores, load average ${load0.map((l) => l.toFixed(2)).join(' ')}`);
  const bench = await startBenchDatabase('tsunagari_bench_telemetry', 54351);
  let broker: Broker | null = null;
  let server: ServerProcess | null = null;
  let pass = true;
  const summary: string[] = [];
  try {
    const { db } = bench;
    const tenant = await createTenant(db, 'bench');
    const t1 = performance.now();
    await seedDevices(db, tenant.id);
    note(
      `seeded ${DEVICES.toLocaleString('en')} devices (${Math.ceil(DEVICES / 5).toLocaleString('en')} people) in ${Math.round(performance.now() - t1)} ms`,
    );
    const ids = await deviceIds(db, tenant.id);

    broker = await startMosquitto();
    const group = `bench-${process.pid}-${Date.now()}`;
    const serverEnv = { MQTT_URL: broker.url, MQTT_SHARED_GROUP: group };
    // BENCH_CPU_PROF=<dir>: a V8 CPU profile of the server that takes the load, written when it stops.
    const prof = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(process.env.BENCH_CPU_PROF)}`] : [];
    server = await startServer(bench, serverEnv, prof);
    note(`server at ${server.url} (pid ${server.child.pid}), MQTT consumer on private broker ${broker.url} group ${group}`);
    // The server creates this month's telemetry partition at boot; ingest racing that creation
    // fails (reported to the lead), so let it finish first.
    const part = `telemetry_y${new Date(T0).getUTCFullYear()}m${String(new Date(T0).getUTCMonth() + 1).padStart(2, '0')}`;
    for (let i = 0; i < 100; i++) {
      const { rows } = await sql`SELECT 1 FROM pg_class WHERE relname = ${part}`.execute(db);
      if (rows.length) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const poster = makePoster(server.url, HTTP_CONNECTIONS + 4);

    const pgDir = path.join(bench.dir, 'pg');
    const met = (b: boolean) => (b ? 'MET' : 'NOT MET');

    // ---- 1. HTTP ------------------------------------------------------------------------------
    // Warm-up, in its own band and checked like the rest: one reading from every device, so the
    // measured window is a running server's steady state (JIT, pools, device and settings caches,
    // each device's state row written once by this copy), not a cold start. Its rate is reported.
    const warm = await httpLoad(poster, band(BANDS.httpWarmup), HTTP_CONNECTIONS, 120, DEVICES);
    if (warm.tally.non2xx || warm.tally.errors) throw new Error(`warm-up failed: ${warm.tally.firstProblem}`);
    emit({
      bench: BENCH,
      scenario: 'http_warmup_first_reading_per_device',
      readings: warm.tally.accepted,
      seconds: round(warm.elapsedS),
      readings_per_s: Math.round(warm.tally.accepted / warm.elapsedS),
    });
    // ---- 1a. COPY baseline: the HTTP phase's rows, into a fresh table of telemetry's shape and size --
    const tableRows = await freshCopyTable(db);
    const copyChunks = copyBinary(tenant.id, ids, band(BANDS.http), HTTP_READINGS);
    await sql`CHECKPOINT`.execute(db);
    const client = new pg.Client({ connectionString: bench.url });
    await client.connect();
    const tc = performance.now();
    const copied = await copyFrom(
      client,
      'COPY copy_baseline (tenant_id, device_id, kind, ts, value, received_at) FROM STDIN (FORMAT binary)',
      copyChunks,
    );
    const copyS = (performance.now() - tc) / 1000;
    await client.end();
    copyChunks.length = 0;
    const copyRate = copied / copyS;
    emit({
      bench: BENCH,
      scenario: 'copy_baseline',
      rows: copied,
      rows_already_in_table: tableRows,
      format: 'binary',
      seconds: round(copyS),
      rows_per_s: Math.round(copyRate),
    });
    if (copied !== HTTP_READINGS) pass = false;
    await sql`DROP TABLE copy_baseline`.execute(db);
    await sql`CHECKPOINT`.execute(db);

    // ---- 1b. HTTP through a gateway's credential: the same rows, batches of 500 ------------------
    if (ONLY.has('http')) {
      // The load generator shares the two cores with the server and PostgreSQL: its request bodies
      // are built before the clock starts, not while it measures.
      const bodies = Array.from({ length: Math.ceil(HTTP_READINGS / BATCH) }, (_, i) =>
        httpBody(band(BANDS.http), i * BATCH, Math.min(BATCH, HTTP_READINGS - i * BATCH)),
      );
      const httpCpu = cpuMeter(server.child.pid!, pgDir);
      const http1 = await httpLoad(poster, band(BANDS.http), HTTP_CONNECTIONS, 600, HTTP_READINGS, bodies);
      const httpCpuLine = httpCpu();
      bodies.length = 0;
      const stored = await settle(db, tenant.id, BANDS.http, 500, 20_000);
      const t = http1.tally;
      t.latencies.sort((a, b) => a - b);
      const httpRate = t.accepted / http1.elapsedS;
      const httpOk =
        t.non2xx === 0 && t.errors === 0 && t.duplicates === 0 && t.rejected === 0 && stored.n === t.accepted && t.accepted === t.sent;
      emit({
        bench: BENCH,
        scenario: 'http_ingest',
        devices: DEVICES,
        batch: BATCH,
        connections: HTTP_CONNECTIONS,
        duration_s: round(http1.elapsedS),
        requests: t.requests,
        readings_sent: t.sent,
        accepted: t.accepted,
        duplicates: t.duplicates,
        rejected: t.rejected,
        non2xx: t.non2xx,
        errors: t.errors,
        db_rows: stored.n,
        db_rows_equal_accepted: stored.n === t.accepted,
        readings_per_s: Math.round(httpRate),
        requests_per_s: round(t.requests / http1.elapsedS),
        p50_ms: round(pct(t.latencies, 50)),
        p99_ms: round(pct(t.latencies, 99)),
        max_ms: round(t.latencies[t.latencies.length - 1] ?? NaN),
        ...httpCpuLine,
        load_avg_1m: round(os.loadavg()[0]!),
        first_problem: t.firstProblem,
        baseline: 'copy_baseline (same rows, binary COPY, fresh table of the same shape and size)',
        baseline_copy_rows_per_s: Math.round(copyRate),
        ratio_to_baseline: round(httpRate / copyRate, 3),
      });
      if (!httpOk) pass = false;
      summary.push(
        `telemetry: HTTP gateway ${Math.round(httpRate).toLocaleString('en')} readings/s (p50 ${round(pct(t.latencies, 50))} ms p99 ${round(pct(t.latencies, 99))} ms per 500; target >= ${TARGET_HTTP.toLocaleString('en')}: ${met(httpRate >= TARGET_HTTP)}; ${round(httpRate / copyRate, 3)}x of binary COPY ${Math.round(copyRate).toLocaleString('en')} rows/s of the same ${HTTP_READINGS.toLocaleString('en')} rows); stored == accepted: ${stored.n === t.accepted ? 'yes' : 'NO'}`,
      );
    }

    // ---- 1c. HTTP from the devices themselves: own token, small requests ------------------------
    if (ONLY.has('devices')) {
      const devicePoster = makePoster(server.url, DEVICE_CONNECTIONS);
      // Baseline: GET /healthz from the same client, at the same concurrency, as many requests.
      const hz = newTally();
      const hzS = await closedLoops(DEVICE_REQUESTS, DEVICE_CONNECTIONS, async () => {
        try {
          const r = await devicePoster.get('/healthz');
          hz.latencies.push(r.ms);
          if (r.status !== 200) hz.non2xx++;
        } catch {
          hz.errors++;
        }
      });
      const hzRate = DEVICE_REQUESTS / hzS;
      hz.latencies.sort((a, b) => a - b);
      emit({
        bench: BENCH,
        scenario: 'baseline_healthz_devices',
        connections: DEVICE_CONNECTIONS,
        requests: DEVICE_REQUESTS,
        requests_per_s: Math.round(hzRate),
        p50_ms: round(pct(hz.latencies, 50)),
        p99_ms: round(pct(hz.latencies, 99)),
        non2xx: hz.non2xx,
        errors: hz.errors,
      });
      const bodies = Array.from({ length: DEVICE_REQUESTS }, (_, k) => deviceBody(band(BANDS.devices), k));
      const dvCpu = cpuMeter(server.child.pid!, pgDir);
      const dv = newTally();
      const dvS = await closedLoops(DEVICE_REQUESTS, DEVICE_CONNECTIONS, (k) =>
        postBatch(devicePoster, dv, bodies[k]!, DEVICE_BATCH, deviceToken(k % DEVICES)),
      );
      const dvCpuLine = dvCpu();
      devicePoster.close();
      const stored = await settle(db, tenant.id, BANDS.devices, 500, 20_000);
      dv.latencies.sort((a, b) => a - b);
      const reqRate = dv.requests / dvS;
      const readRate = dv.accepted / dvS;
      const dvOk =
        dv.non2xx === 0 &&
        dv.errors === 0 &&
        dv.duplicates === 0 &&
        dv.rejected === 0 &&
        stored.n === dv.accepted &&
        dv.accepted === dv.sent;
      emit({
        bench: BENCH,
        scenario: 'http_device_tokens',
        devices: DEVICES,
        readings_per_request: DEVICE_BATCH,
        connections: DEVICE_CONNECTIONS,
        duration_s: round(dvS),
        requests: dv.requests,
        readings_sent: dv.sent,
        accepted: dv.accepted,
        duplicates: dv.duplicates,
        rejected: dv.rejected,
        non2xx: dv.non2xx,
        errors: dv.errors,
        db_rows: stored.n,
        db_rows_equal_accepted: stored.n === dv.accepted,
        requests_per_s: Math.round(reqRate),
        readings_per_s: Math.round(readRate),
        p50_ms: round(pct(dv.latencies, 50)),
        p99_ms: round(pct(dv.latencies, 99)),
        max_ms: round(dv.latencies[dv.latencies.length - 1] ?? NaN),
        ...dvCpuLine,
        load_avg_1m: round(os.loadavg()[0]!),
        first_problem: dv.firstProblem,
        baseline: 'baseline_healthz_devices (GET /healthz, same client and connections)',
        baseline_requests_per_s: Math.round(hzRate),
        ratio_to_baseline: round(reqRate / hzRate, 3),
        readings_ratio_to_copy: round(readRate / copyRate, 3),
      });
      if (!dvOk) pass = false;
      summary.push(
        `HTTP device tokens ${Math.round(reqRate).toLocaleString('en')} requests/s = ${Math.round(readRate).toLocaleString('en')} readings/s (${DEVICE_BATCH} a request, ${DEVICE_CONNECTIONS} conn., p99 ${round(pct(dv.latencies, 99))} ms; ${round(reqRate / hzRate, 3)}x of GET /healthz ${Math.round(hzRate).toLocaleString('en')}/s; readings ${round(readRate / copyRate, 3)}x of COPY); stored == accepted: ${stored.n === dv.accepted ? 'yes' : 'NO'}`,
      );
    }

    const staff = await login(server.url, tenant.accounts.hub_staff.email, TEST_PASSWORD);
    // ---- 3. MQTT ------------------------------------------------------------------------------
    if (ONLY.has('mqtt')) {
      const mqttStats = async () => {
        const r = await fetch(`${server!.url}/api/v1/telemetry/stats`, { headers: { cookie: staff.cookie } });
        return r.status === 200 ? ((await r.json()) as { mqtt: Record<string, number | boolean> }).mqtt : {};
      };
      const stats0 = await mqttStats();
      const rss0 = rssMb(server.child.pid!);
      const mqCpu = cpuMeter(server.child.pid!, pgDir);
      const mq = await mqttLoad(broker.url, tenant.slug, band(BANDS.mqtt), MQTT_RATE, DURATION_S);
      // The consumer acknowledges on receipt and buffers in memory: how far behind is it now?
      const atEnd = await bandCount(db, tenant.id, BANDS.mqtt);
      const statsEnd = await mqttStats();
      const rssEnd = rssMb(server.child.pid!);
      const mqStored = await settle(db, tenant.id, BANDS.mqtt, 2000, 90_000);
      const mqCpuLine = mqCpu(); // publish + drain
      const stats1 = await mqttStats();
      const delta = (k: string, a = stats1) => Number(a[k] ?? 0) - Number(stats0[k] ?? 0);
      const mqSpanS = mqStored.last ? (mqStored.last.getTime() - mq.startedAtMs) / 1000 : NaN;
      const mqRate = mqStored.n / Math.max(mqSpanS, mq.elapsedS);
      const lost = mq.readingsAcked - mqStored.n;
      const mqttOk = lost === 0 && mq.errors === 0;
      emit({
        bench: BENCH,
        scenario: 'mqtt_ingest',
        devices: DEVICES,
        qos: 1,
        readings_per_message: MQTT_PER_MESSAGE,
        offered_readings_per_s: MQTT_RATE,
        duration_s: round(mq.elapsedS),
        messages_published: mq.messagesAcked,
        readings_published: mq.readingsAcked,
        publish_errors: mq.errors,
        db_rows: mqStored.n,
        readings_lost: lost,
        messages_lost_approx: round(lost / MQTT_PER_MESSAGE, 1),
        last_row_after_s: round(mqSpanS),
        readings_per_s: Math.round(mqRate),
        consumer_messages: delta('messages'),
        consumer_malformed: delta('malformed'),
        consumer_unauthorized: delta('unauthorized'),
        consumer_flush_errors: delta('flush_errors'),
        consumer_rejected: delta('rejected'),
        consumer_rate_limited: delta('rate_limited'),
        consumer_quarantined: delta('quarantined'),
        consumer_dropped: delta('dropped'),
        consumer_readings_received_at_publish_end: delta('readings_buffered', statsEnd),
        db_rows_at_publish_end: atEnd.n,
        consumer_backlog_at_publish_end: delta('readings_buffered', statsEnd) - atEnd.n,
        server_rss_mb_before: rss0,
        server_rss_mb_at_publish_end: rssEnd,
        ...mqCpuLine,
        load_avg_1m: round(os.loadavg()[0]!),
        baseline_copy_rows_per_s: Math.round(copyRate),
        ratio_to_baseline: round(mqRate / copyRate, 3),
      });
      if (!mqttOk) pass = false;
      summary.push(
        `MQTT ${Math.round(mqRate).toLocaleString('en')} readings/s at ${MQTT_RATE.toLocaleString('en')}/s offered (target >= ${TARGET_MQTT.toLocaleString('en')}: ${met(mqRate >= TARGET_MQTT && lost === 0)}; ${round(mqRate / copyRate, 3)}x of COPY), lost ${lost}`,
      );
    }

    // ---- 4. Emergency button latency under ~10,000 readings/s ------------------------------------
    if (ONLY.has('emergency')) {
      const em = await emergency(db, tenant, server.url, poster, ids, staff.cookie);
      emit({ bench: BENCH, scenario: 'emergency_latency', ...em.line });
      if (!em.ok) pass = false;
      summary.push(
        `emergency p50 ${em.line.p50_ms} ms p99 ${em.line.p99_ms} ms at ${em.line.background_readings_per_s}/s (target p99 <= ${TARGET_EMERGENCY_P99_MS} ms: ${met(em.line.p99_ms <= TARGET_EMERGENCY_P99_MS && em.line.alerts_missing === 0)})`,
      );
    }

    // ---- 5. Silence detection with everything fresh ---------------------------------------------
    poster.close();
    if (ONLY.has('silence')) {
      const idle = await silence(db, tenant.id, bench, server, serverEnv);
      server = idle.server;
      emit({ bench: BENCH, scenario: 'silence_idle_cpu', ...idle.line });
      summary.push(
        `silence detection (all deadline sweeps, app + PostgreSQL) ${idle.line.sweeper_core_pct_at_default_interval}% of a core at the default 15 s interval (${idle.line.per_tick_server_ms} + ${idle.line.per_tick_pg_ms} ms CPU per tick; server idle ${idle.line.server_idle_default_core_pct}% vs ${idle.line.server_idle_no_sweep_core_pct}% without sweeps; target < ${TARGET_SILENCE_CORE_PCT}%: ${met(idle.line.sweeper_core_pct_at_default_interval < TARGET_SILENCE_CORE_PCT)})`,
      );
    }
    summary.push(
      `load average at start ${load0.map((l) => l.toFixed(2)).join(' ')}, at end ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}; run took ${Math.round((performance.now() - startedAt) / 1000)} s`,
    );
    console.log(summary.join(' | '));
    return pass;
  } finally {
    await server?.stop().catch(() => {});
    await broker?.stop().catch(() => {});
    await bench.cleanup();
  }
}

/** Paced QoS 1 publishes, one device per message with its own token, `perMessage` readings each. */
async function mqttLoad(url: string, tenantSlug: string, bandStart: number, rate: number, seconds: number) {
  const client = await mqtt.connectAsync(url, { clientId: `bench-pub-${process.pid}`, clean: true, protocolVersion: 4 });
  const msgRate = rate / MQTT_PER_MESSAGE;
  let messagesAcked = 0;
  let errors = 0;
  let inflight = 0;
  let m = 0;
  const startedAtMs = Date.now();
  const t0 = performance.now();
  const deadline = t0 + seconds * 1000;
  let wake: (() => void) | null = null;
  while (performance.now() < deadline) {
    // Pace: no more than rate × elapsed messages so far.
    const due = Math.floor(((performance.now() - t0) / 1000) * msgRate) + 1;
    if (m >= due || inflight >= MQTT_WINDOW) {
      await new Promise<void>((r) => {
        wake = r;
        setTimeout(r, 2);
      });
      wake = null;
      continue;
    }
    const n = m % DEVICES;
    const round_ = Math.floor(m / DEVICES);
    const readings: string[] = [];
    for (let j = 0; j < MQTT_PER_MESSAGE; j++) {
      const step = round_ * MQTT_PER_MESSAGE + j;
      readings.push(`{"ts":"${new Date(tsOf(bandStart, n, step)).toISOString()}","kind":"${kindOf(n)}","value":${readingValue(n, step)}}`);
    }
    m++;
    inflight++;
    client.publish(
      `tsunagari/${tenantSlug}/devices/dev-${n}/telemetry`,
      `{"token":"${deviceToken(n)}","readings":[${readings.join(',')}]}`,
      { qos: 1 },
      (err) => {
        inflight--;
        if (err) errors++;
        else messagesAcked++;
        wake?.();
      },
    );
  }
  for (let i = 0; i < 3000 && inflight > 0; i++) await new Promise((r) => setTimeout(r, 10));
  const elapsedS = (performance.now() - t0) / 1000;
  await client.endAsync();
  return { messagesAcked, readingsAcked: messagesAcked * MQTT_PER_MESSAGE, errors: errors + inflight, elapsedS, startedAtMs };
}

async function emergency(
  db: Db,
  tenant: Awaited<ReturnType<typeof createTenant>>,
  baseUrl: string,
  poster: ReturnType<typeof makePoster>,
  ids: string[],
  cookie: string,
) {
  const arrivals = new Map<string, number>(); // alert id -> arrival (performance.now())
  const stream = await openEventStream(`${baseUrl}/api/v1/events`, { cookie }, (event, data, at) => {
    if (event === 'alert.raised' && data && typeof data === 'object' && 'id' in data) {
      const id = String((data as { id: unknown }).id);
      if (!arrivals.has(id)) arrivals.set(id, at);
    }
  });
  // Background: 20 batches of 500 per second, spread over 4 connections.
  const bg = newTally();
  const bandStart = band(BANDS.emergency);
  let next = 0;
  let stop = false;
  const interval = (BATCH / EMERGENCY_BACKGROUND_RATE) * 1000;
  const tb = performance.now();
  const background = Promise.all(
    Array.from({ length: 4 }, async (_, w) => {
      for (let k = w; !stop; k += 4) {
        const at = tb + k * interval;
        const wait = at - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        if (stop) break;
        const first = next;
        next += BATCH;
        await postBatch(poster, bg, httpBody(bandStart, first, BATCH), BATCH);
      }
    }),
  );
  await new Promise((r) => setTimeout(r, 1000)); // let the background reach its rate
  // Presses: PRESSES different buttons (devices n % 5 == 4), one every PRESS_SPAN_S / PRESSES s.
  const sent = new Map<string, { at: number; postMs: number; status: number }>(); // device uuid -> send time
  const presses: Promise<void>[] = [];
  const tp = performance.now();
  for (let i = 0; i < PRESSES; i++) {
    const wait = tp + (i * PRESS_SPAN_S * 1000) / PRESSES - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const n = 4 + 5 * Math.floor((i * (DEVICES / 5)) / PRESSES);
    const body = JSON.stringify({ readings: [{ device_id: `dev-${n}`, ts: new Date().toISOString(), kind: 'press', value: 1 }] });
    const at = performance.now();
    presses.push(
      poster
        .post('/api/v1/telemetry', body, { authorization: `Bearer ${INGEST_TOKEN}` })
        .then((r) => void sent.set(ids[n]!, { at, postMs: r.ms, status: r.status }))
        .catch(() => void sent.set(ids[n]!, { at, postMs: NaN, status: 0 })),
    );
  }
  await Promise.all(presses);
  // Wait (bounded) for the last events.
  for (let i = 0; i < 50 && arrivals.size < PRESSES; i++) await new Promise((r) => setTimeout(r, 100));
  const bgSeconds = (performance.now() - tb) / 1000;
  stop = true;
  await background;
  stream.close();
  const { rows } = await sql<{ id: string; device_id: string }>`
    SELECT id, device_id FROM alerts WHERE tenant_id = ${tenant.id} AND type = 'emergency_button' AND device_id = ANY(${[...sent.keys()]}::uuid[])`.execute(
    db,
  );
  const latencies: number[] = [];
  for (const r of rows) {
    const s = sent.get(r.device_id);
    const a = arrivals.get(r.id);
    if (s && a !== undefined) latencies.push(a - s.at);
  }
  latencies.sort((a, b) => a - b);
  const postTimes = [...sent.values()].map((s) => s.postMs).sort((a, b) => a - b);
  const pressNon2xx = [...sent.values()].filter((s) => s.status < 200 || s.status > 299).length;
  const line = {
    presses: PRESSES,
    over_s: PRESS_SPAN_S,
    press_non2xx: pressNon2xx,
    alerts_in_db: rows.length,
    events_received: latencies.length,
    alerts_missing: PRESSES - latencies.length,
    p50_ms: round(pct(latencies, 50)),
    p99_ms: round(pct(latencies, 99)),
    max_ms: round(latencies[latencies.length - 1] ?? NaN),
    press_post_p50_ms: round(pct(postTimes, 50)),
    press_post_p99_ms: round(pct(postTimes, 99)),
    background_readings_per_s: Math.round(bg.accepted / bgSeconds),
    background_non2xx: bg.non2xx,
    background_errors: bg.errors,
    background_first_problem: bg.firstProblem,
  };
  const { n: bgStored } = await bandCount(db, tenant.id, BANDS.emergency);
  const ok = pressNon2xx === 0 && bg.non2xx === 0 && bg.errors === 0 && bgStored === bg.accepted && rows.length === PRESSES;
  return { line: { ...line, background_db_rows_equal_accepted: bgStored === bg.accepted }, ok };
}

async function silence(
  db: Db,
  tenantId: string,
  bench: Awaited<ReturnType<typeof startBenchDatabase>>,
  server: ServerProcess,
  env: Record<string, string>,
) {
  // Every device fresh: seen just now, nothing due for a day (as if each had just reported).
  await sql`
    INSERT INTO device_state (tenant_id, device_id, last_seen_at, last_activity_at, battery, updated_at)
    SELECT tenant_id, id, now(), now(), 90, now() FROM watch_devices WHERE tenant_id = ${tenantId}
    ON CONFLICT (tenant_id, device_id) DO NOTHING`.execute(db);
  await sql`
    UPDATE device_state SET last_seen_at = now(), silence_due_at = now() + interval '24 hours',
      inactivity_due_at = CASE WHEN last_activity_at IS NULL THEN NULL ELSE now() + interval '12 hours' END,
      standby_due_at = NULL, standby_since = NULL
    WHERE tenant_id = ${tenantId}`.execute(db);
  await sql`VACUUM (ANALYZE) device_state`.execute(db); // as autovacuum would have, long ago
  const {
    rows: [counts],
  } = await sql<{ total: number; silence_armed: number; inactivity_armed: number; due: number }>`
    SELECT count(*)::int AS total, count(silence_due_at)::int AS silence_armed, count(inactivity_due_at)::int AS inactivity_armed,
      count(*) FILTER (WHERE silence_due_at <= now() OR inactivity_due_at <= now() OR standby_due_at <= now())::int AS due
    FROM device_state WHERE tenant_id = ${tenantId}`.execute(db);
  // The sweeper's claim (devices.sweeper.ts), verbatim, for the silence deadline.
  const explain = await db.transaction().execute((trx) =>
    sql<{ 'QUERY PLAN': string }>`
    EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
    SELECT s.tenant_id, s.device_id, d.person_id, d.status, d.device_key, s.last_seen_at, s.last_activity_at, s.last_power_w, s.standby_since
    FROM device_state s JOIN watch_devices d ON d.tenant_id = s.tenant_id AND d.id = s.device_id
    WHERE s.silence_due_at <= ${new Date()}
    ORDER BY s.silence_due_at
    LIMIT 500
    FOR UPDATE OF s SKIP LOCKED`.execute(trx),
  );
  const pgDir = path.join(bench.dir, 'pg');
  const probes = async () =>
    (
      await sql<{ n: number }>`
    SELECT coalesce(sum(idx_scan), 0)::int AS n FROM pg_stat_user_indexes WHERE indexrelname = 'device_state_silence_due'`.execute(db)
    ).rows[0]!.n;

  const measure = async (s: ServerProcess, settleMs: number) => {
    await new Promise((r) => setTimeout(r, settleMs)); // past start-up (or ingest) work
    const pids = clusterPids(pgDir);
    const c0 = cpuSeconds(s.child.pid!);
    const p0 = cpuSnapshot(pids);
    const i0 = await probes();
    const t0 = performance.now();
    await new Promise((r) => setTimeout(r, IDLE_WINDOW_S * 1000));
    const secs = (performance.now() - t0) / 1000;
    // pg_stat counters are flushed by backends at most once a second: give them a moment.
    await new Promise((r) => setTimeout(r, 1500));
    const ticks = (await probes()) - i0;
    return { server: ((cpuSeconds(s.child.pid!) - c0) / secs) * 100, pg: (cpuDelta(p0, cpuSnapshot(pids)) / secs) * 100, ticks };
  };
  // A fresh server each time (the one that took the load is still collecting its garbage):
  // B: sweeps every hour (none in the window) first, so that PostgreSQL's own after-load work
  // (autovacuum, checkpoint) weighs against the reference, not against the sweeps;
  // A: loops at their defaults (SWEEP_INTERVAL_MS 15 s); C: sweeps every 250 ms, to price a tick.
  await server.stop();
  let s = await startServer(bench, { ...env, SWEEP_INTERVAL_MS: '3600000' });
  const none = await measure(s, 4000);
  await s.stop();
  s = await startServer(bench, env);
  const atDefault = await measure(s, 4000);
  await s.stop();
  s = await startServer(bench, { ...env, SWEEP_INTERVAL_MS: String(FAST_SWEEP_MS) });
  const fast = await measure(s, 4000);
  const perTickServerMs = fast.ticks > 0 ? (((fast.server - none.server) / 100) * IDLE_WINDOW_S * 1000) / fast.ticks : NaN;
  const perTickPgMs = fast.ticks > 0 ? (((fast.pg - none.pg) / 100) * IDLE_WINDOW_S * 1000) / fast.ticks : NaN;
  // At the default interval: one tick (all deadline sweeps) per 15 s.
  const atDefaultServerPct = (perTickServerMs / DEFAULT_SWEEP_MS) * 100;
  const atDefaultPgPct = (perTickPgMs / DEFAULT_SWEEP_MS) * 100;
  return {
    server: s,
    line: {
      devices: counts!.total,
      silence_armed: counts!.silence_armed,
      inactivity_armed: counts!.inactivity_armed,
      due_now: counts!.due,
      window_s: IDLE_WINDOW_S,
      server_idle_default_core_pct: round(atDefault.server, 3),
      server_idle_no_sweep_core_pct: round(none.server, 3),
      server_idle_sweep_250ms_core_pct: round(fast.server, 3),
      pg_idle_default_core_pct: round(atDefault.pg, 3),
      pg_idle_no_sweep_core_pct: round(none.pg, 3),
      pg_idle_sweep_250ms_core_pct: round(fast.pg, 3),
      sweep_ticks: { default: atDefault.ticks, none: none.ticks, every_250ms: fast.ticks },
      per_tick_server_ms: round(perTickServerMs, 3),
      per_tick_pg_ms: round(perTickPgMs, 3),
      sweeper_core_pct_at_default_interval: round(atDefaultServerPct + atDefaultPgPct, 4),
      sweeper_server_core_pct_at_default_interval: round(atDefaultServerPct, 4),
      sweeper_pg_core_pct_at_default_interval: round(atDefaultPgPct, 4),
      explain_claim_silence_due: explain.rows.map((r) => r['QUERY PLAN']),
    },
  };
}

/**
 * Crash safety (DESIGN.md §5: "Nothing acknowledged is lost, even if the process is killed").
 * The real server runs as a child process and is killed with SIGKILL while concerns and device
 * readings are in flight; it is started again on the same data, and every acknowledged concern
 * and reading must be there.
 *
 * Embedded PostgreSQL: the database dies too, the way a power cut would take it: the app and
 * every process of the cluster (postmaster and backends, found through postmaster.pid and /proc)
 * are killed at the same instant, so nothing PostgreSQL still held in memory survives. That alone
 * would not catch a server with fsync off (what was written reaches the kernel's page cache, which
 * a killed process does not take with it), so durability is also asserted independently of the
 * app's own boot check: the settings are on (SHOW, from this test), and the WAL was really flushed
 * to disk during the load (the WAL fsync counter grew). Then: kill -9 of the app alone leaves the
 * postmaster running as an orphan, which the next start stops and restarts (no stale lock).
 * When TEST_DATABASE_URL is set the same load runs against that server, where only the app dies.
 * The test reads the database directly as its superuser (adminUrl or the embedded `postgres`),
 * apart from the app and its roles.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import {
  alive,
  children,
  clusterPids,
  freePort,
  isPostgres,
  loginAs,
  postmasterPid,
  powerCut,
  type Res,
  removeDataDir,
  request,
  type ServerProcess,
  startServer,
  stopServer,
  until,
  withClient,
} from './helpers/server-process.js';

const ACKS_BEFORE_KILL = 300;
const IN_FLIGHT = 8;
const TELEMETRY_WORKERS = 2;
const READINGS_PER_BATCH = 50;
const DEMO_DEVICE = { key: 'demo-button-1', token: 'demo-device-token' };
/** WAL fsyncs that must be counted during the load before the kill (one commit flushes at least once). */
const MIN_WAL_FSYNCS = 20;

// Everything this file starts, so afterAll can clean up even when a test fails half-way.
const dataDirs = new Set<string>();
const databasesToDrop: { adminUrl: string; name: string }[] = [];

function concernBody(i: number): string {
  return JSON.stringify({
    category: 'mail_piling_up',
    description: `新聞が3日分たまっている (crash test ${i})`,
    place_text: `クラッシュ荘${(i % 40) + 101}号室`,
    latitude: 35.6339 + (i % 50) * 0.00001,
    longitude: 139.698 + (i % 50) * 0.00001,
  });
}

/** The durability settings as the server reports them (SHOW), independent of the app's boot check. */
async function durabilitySettings(url: string): Promise<Record<string, string>> {
  return withClient(url, async (c) => {
    const out: Record<string, string> = {};
    for (const name of ['fsync', 'full_page_writes', 'synchronous_commit', 'wal_sync_method']) {
      out[name] = (await c.query(`SHOW ${name}`)).rows[0][name];
    }
    return out;
  });
}

/**
 * How many times the server has fsynced its WAL: pg_stat_io's 'wal' rows on PostgreSQL 18 and
 * later, pg_stat_wal.wal_sync on 15–17. Counted only with fsync on (and a wal_sync_method that
 * syncs with a call: fdatasync, fsync, fsync_writethrough).
 */
async function walFsyncs(c: pg.Client): Promise<number> {
  const v = Number((await c.query('SHOW server_version_num')).rows[0].server_version_num);
  await c.query('SELECT pg_stat_force_next_flush()');
  const sql =
    v >= 180000
      ? `SELECT coalesce(sum(fsyncs), 0)::float8 AS n FROM pg_stat_io WHERE object = 'wal'`
      : 'SELECT wal_sync::float8 AS n FROM pg_stat_wal';
  return Number((await c.query(sql)).rows[0].n);
}

// ---------------------------------------------------------------------------------------------

interface Scenario {
  label: string;
  env: Record<string, string>;
  dataDir: string;
  /** How the test reads the database directly, as its superuser (for embedded, only while a server runs). */
  dbUrl: string;
  embedded: boolean;
  acked: Map<string, string>; // idempotency key -> concern id
  inFlight: Map<string, string>; // idempotency key -> body, requests unanswered at the kill
  before: number;
  accountId: string;
  /** Timestamps of heartbeat readings acknowledged (200) for the demo button. */
  readingsAcked: string[];
  /** Batches of readings sent but unanswered at the kill. */
  readingsInFlight: { ts: string; kind: string; value: number }[][];
}

async function newScenario(label: string, external?: { adminUrl: string }): Promise<Scenario> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsunagari-crash-'));
  // Under root postgres runs as the `postgres` user: let it in (a 0700 DATA_DIR is test/embedded.test.ts's case).
  fs.chmodSync(dataDir, 0o755);
  dataDirs.add(dataDir);
  const env: Record<string, string> = {
    DATA_DIR: dataDir,
    PORT: String(await freePort()),
    // One demo button sends every reading of the load: far above a real device's per-minute limit.
    TELEMETRY_DEVICE_READINGS_PER_MINUTE: '10000000',
  };
  let dbUrl: string;
  if (external) {
    // As in production: the app connects as the application role, migrations run as the owner.
    const roles = inject('dbRoles');
    const name = `${inject('runPrefix')}_crash_${randomBytes(5).toString('hex')}`;
    await withClient(external.adminUrl, (c) => c.query(`CREATE DATABASE ${name} OWNER ${pg.escapeIdentifier(roles.owner)}`));
    databasesToDrop.push({ adminUrl: external.adminUrl, name });
    const as = (role: string) => {
      const u = new URL(external.adminUrl);
      u.pathname = `/${name}`;
      u.username = role;
      u.password = roles.password;
      return u.toString();
    };
    env.DATABASE_URL = as(roles.app);
    env.DATABASE_OWNER_URL = as(roles.owner);
    const u = new URL(external.adminUrl);
    u.pathname = `/${name}`;
    dbUrl = u.toString();
  } else {
    env.EMBEDDED_PG_PORT = String(await freePort());
    dbUrl = `postgres://postgres:postgres@127.0.0.1:${env.EMBEDDED_PG_PORT}/tsunagari`;
  }
  return {
    label,
    env,
    dataDir,
    dbUrl,
    embedded: !external,
    acked: new Map(),
    inFlight: new Map(),
    before: 0,
    accountId: '',
    readingsAcked: [],
    readingsInFlight: [],
  };
}

/**
 * Concurrent POST /concerns and device readings; once enough are acknowledged and the WAL fsync
 * counter has grown, SIGKILL of the app — and, embedded, of every process of its cluster — while
 * requests are in flight.
 */
async function loadAndKill(s: Scenario): Promise<void> {
  const server = await startServer(s.env);
  const partner = await loginAs(server, 'partner@demo.example');
  s.accountId = partner.accountId;
  s.before = await withClient(
    s.dbUrl,
    async (c) =>
      (await c.query<{ n: number }>('SELECT count(*)::int AS n FROM concerns WHERE reporter_account_id = $1', [s.accountId])).rows[0]!.n,
  );
  // Durability as the server reports it, not as the app's boot check saw it.
  const settings = await durabilitySettings(s.dbUrl);
  expect(settings, 'durability settings of the server under test').toMatchObject({ fsync: 'on', full_page_writes: 'on' });
  expect(settings.synchronous_commit, 'synchronous_commit').not.toBe('off');
  expect(['fdatasync', 'fsync', 'fsync_writethrough'], 'a wal_sync_method whose fsyncs are counted').toContain(settings.wal_sync_method);
  const stats = new pg.Client({ connectionString: s.dbUrl });
  stats.on('error', () => {}); // its backend dies in the power cut
  await stats.connect();
  const fsyncsBefore = await walFsyncs(stats);
  let fsyncsDuringLoad = 0;

  const pendingBodies = new Map<string, string>();
  let killed = false;
  let seq = 0;
  let postmaster: number | null = null;
  let cut: number[] = [];
  const kill = () => {
    if (killed) return;
    killed = true;
    if (s.embedded) postmaster = postmasterPid(s.dataDir);
    for (const [k, b] of pendingBodies) s.inFlight.set(k, b); // snapshot: sent, not yet answered
    process.kill(server.child.pid!, 'SIGKILL');
    // The power cut: the database dies with the app, every process of the cluster at once.
    if (postmaster !== null) cut = powerCut(postmaster);
  };
  const ready = () => s.acked.size >= ACKS_BEFORE_KILL && fsyncsDuringLoad >= MIN_WAL_FSYNCS;
  const worker = async () => {
    while (!killed) {
      const i = seq++;
      const key = randomUUID();
      const body = concernBody(i);
      pendingBodies.set(key, body);
      const sent = request(server.agent, server.base, 'POST', '/api/v1/concerns', { ...partner.headers, 'idempotency-key': key }, body);
      // Kill right after this request went out (setImmediate runs after its bytes are written, before
      // any answer can be read): it is surely in flight, whatever the others' answers were doing.
      if (ready()) setImmediate(kill);
      let res: Res;
      try {
        res = await sent;
      } catch (err) {
        if (killed) return; // the connection died with the server: this one stays "in flight"
        throw err;
      }
      if (killed) {
        // Answered at the very moment of the kill: still counts if it was a 201.
        if (res.status === 201) s.acked.set(key, (JSON.parse(res.body) as { id: string }).id);
        s.inFlight.delete(key);
        return;
      }
      pendingBodies.delete(key);
      if (res.status !== 201) throw new Error(`POST /concerns: ${res.status} ${res.body}\n--- server output ---\n${server.output()}`);
      s.acked.set(key, (JSON.parse(res.body) as { id: string }).id);
    }
  };
  // Device readings at the same time (the telemetry fast path: one INSERT per batch), each
  // reading with its own timestamp in the recent past.
  const base = Date.now() - 10 * 60_000;
  let batchSeq = 0;
  const telemetryWorker = async () => {
    while (!killed) {
      const b = batchSeq++;
      const readings = Array.from({ length: READINGS_PER_BATCH }, (_, j) => ({
        ts: new Date(base + b * 100 + j).toISOString(),
        kind: 'heartbeat',
        value: b,
      }));
      let res: Res;
      try {
        res = await request(
          server.agent,
          server.base,
          'POST',
          '/api/v1/telemetry',
          { authorization: `Bearer ${DEMO_DEVICE.token}` },
          JSON.stringify({ readings }),
        );
      } catch (err) {
        if (killed) {
          s.readingsInFlight.push(readings);
          return;
        }
        throw err;
      }
      if (res.status !== 200) throw new Error(`POST /telemetry: ${res.status} ${res.body}\n--- server output ---\n${server.output()}`);
      expect(JSON.parse(res.body)).toMatchObject({ accepted: READINGS_PER_BATCH, duplicates: 0, rejected: [] });
      for (const r of readings) s.readingsAcked.push(r.ts);
    }
  };
  // The WAL fsync counter while the load runs (backends report their I/O statistics about once a
  // second). Bounded: with fsync off it never grows, and the kill happens anyway after 30 s.
  const fsyncWatch = async () => {
    const end = Date.now() + 30_000;
    while (!killed && fsyncsDuringLoad < MIN_WAL_FSYNCS && Date.now() < end) {
      await new Promise((r) => setTimeout(r, 200));
      fsyncsDuringLoad = (await walFsyncs(stats)) - fsyncsBefore;
    }
    await stats.end().catch(() => {});
    if (Date.now() >= end) kill();
  };
  try {
    await Promise.all([
      fsyncWatch(),
      ...Array.from({ length: IN_FLIGHT }, worker),
      ...Array.from({ length: TELEMETRY_WORKERS }, telemetryWorker),
    ]);
  } finally {
    kill();
    server.agent.destroy();
  }
  const exit = await server.exited;
  expect(exit.signal).toBe('SIGKILL');
  expect(fsyncsDuringLoad, 'WAL fsyncs counted during the load (fsync off, or no flush at commit?)').toBeGreaterThanOrEqual(MIN_WAL_FSYNCS);
  expect(s.acked.size).toBeGreaterThanOrEqual(ACKS_BEFORE_KILL);
  expect(s.readingsAcked.length, 'readings acknowledged before the kill').toBeGreaterThan(0);
  if (s.embedded) {
    // The premise of the recovery: the whole cluster died at once and left its pid file behind.
    expect(postmaster, 'postmaster.pid while the app ran').not.toBeNull();
    expect(cut.length, 'postmaster and its backends and workers killed').toBeGreaterThan(3);
    await until('every process of the cluster to be gone', () => cut.every((pid) => !alive(pid)), 10_000);
    expect(postmasterPid(s.dataDir), 'postmaster.pid left by the power cut').toBe(postmaster);
  }
}

/** Starts again on the same data, checks every acknowledged concern, retries one in-flight request, stops. */
async function restartAndVerify(s: Scenario): Promise<void> {
  const server = await startServer(s.env);
  try {
    const ackedIds = [...s.acked.values()];
    const { found, total } = await withClient(s.dbUrl, async (c) => ({
      found: (await c.query<{ n: number }>('SELECT count(*)::int AS n FROM concerns WHERE id = ANY($1::uuid[])', [ackedIds])).rows[0]!.n,
      total:
        (await c.query<{ n: number }>('SELECT count(*)::int AS n FROM concerns WHERE reporter_account_id = $1', [s.accountId])).rows[0]!.n -
        s.before,
    }));
    expect(found, 'acknowledged concerns present after the crash').toBe(ackedIds.length);
    // Nothing beyond what was acknowledged or still in flight was written.
    expect(total).toBeGreaterThanOrEqual(ackedIds.length);
    expect(total).toBeLessThanOrEqual(ackedIds.length + s.inFlight.size);

    // Every acknowledged reading is stored, once.
    const storedReadings = (ts: string[]) =>
      withClient(
        s.dbUrl,
        async (c) =>
          (
            await c.query<{ n: number }>(
              `SELECT count(*)::int AS n FROM telemetry t JOIN watch_devices d ON d.tenant_id = t.tenant_id AND d.id = t.device_id
       WHERE d.device_key = $1 AND t.kind = 'heartbeat' AND t.ts = ANY($2::timestamptz[])`,
              [DEMO_DEVICE.key, ts],
            )
          ).rows[0]!.n,
      );
    expect(await storedReadings(s.readingsAcked), 'acknowledged readings present after the crash').toBe(s.readingsAcked.length);
    // A device re-sending a batch that was in flight at the kill: stored exactly once either way.
    for (const batch of s.readingsInFlight) {
      const res = await request(
        server.agent,
        server.base,
        'POST',
        '/api/v1/telemetry',
        { authorization: `Bearer ${DEMO_DEVICE.token}` },
        JSON.stringify({ readings: batch }),
      );
      expect(res.status, res.body).toBe(200);
      const r = JSON.parse(res.body) as { accepted: number; duplicates: number };
      expect(r.accepted + r.duplicates).toBe(batch.length);
      expect(await storedReadings(batch.map((x) => x.ts))).toBe(batch.length);
    }

    // Through the API as well, as hub staff would see them.
    const staff = await loginAs(server, 'hub_staff@demo.example');
    for (const id of ackedIds.slice(0, 3).concat(ackedIds.slice(-3))) {
      const res = await request(server.agent, server.base, 'GET', `/api/v1/concerns/${id}`, staff.headers);
      expect(res.status, `GET /concerns/${id}`).toBe(200);
    }

    // A phone retrying a request that was in flight at the kill gets exactly one concern.
    expect(s.inFlight.size, 'requests in flight at the kill').toBeGreaterThan(0);
    const [key, body] = [...s.inFlight][0]!;
    const partner = await loginAs(server, 'partner@demo.example');
    const first = await request(
      server.agent,
      server.base,
      'POST',
      '/api/v1/concerns',
      { ...partner.headers, 'idempotency-key': key },
      body,
    );
    expect(first.status, first.body).toBe(201);
    const again = await request(
      server.agent,
      server.base,
      'POST',
      '/api/v1/concerns',
      { ...partner.headers, 'idempotency-key': key },
      body,
    );
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const id = (JSON.parse(first.body) as { id: string }).id;
    expect((JSON.parse(again.body) as { id: string }).id).toBe(id);
    const rows = await withClient(s.dbUrl, async (c) => ({
      keys: (
        await c.query<{ n: number }>('SELECT count(*)::int AS n FROM idempotency_keys WHERE principal = $1 AND key = $2', [
          s.accountId,
          key,
        ])
      ).rows[0]!.n,
      concerns: (await c.query<{ n: number }>('SELECT count(*)::int AS n FROM concerns WHERE id = $1', [id])).rows[0]!.n,
    }));
    expect(rows).toEqual({ keys: 1, concerns: 1 });
  } finally {
    await stopAndCheck(s, server);
  }
}

/** Graceful stop (SIGTERM): exit status 0, and the app stops its embedded postgres; nothing is left running. */
async function stopAndCheck(s: Scenario, server: ServerProcess): Promise<void> {
  const pgPid = s.embedded ? postmasterPid(s.dataDir) : null;
  const exit = await stopServer(server);
  expect(exit, 'server stopped within 30 s of SIGTERM').not.toBeNull();
  expect(exit!.code, `exit status after SIGTERM; server output:\n${server.output()}`).toBe(0);
  if (pgPid !== null) {
    await until('embedded postgres to exit', () => !alive(pgPid), 10_000);
    expect(fs.existsSync(path.join(s.dataDir, 'pg', 'postmaster.pid'))).toBe(false);
  }
}

/**
 * kill -9 of the app alone: its postmaster survives as an orphan holding postmaster.pid; the next
 * start stops it (fast shutdown) and starts afresh on the same data, and nothing committed is lost.
 */
async function orphanRecovery(s: Scenario): Promise<void> {
  let server = await startServer(s.env);
  const partner = await loginAs(server, 'partner@demo.example');
  const res = await request(server.agent, server.base, 'POST', '/api/v1/concerns', partner.headers, concernBody(-1));
  expect(res.status, res.body).toBe(201);
  const id = (JSON.parse(res.body) as { id: string }).id;
  const orphan = postmasterPid(s.dataDir)!;
  process.kill(server.child.pid!, 'SIGKILL');
  server.agent.destroy();
  expect((await server.exited).signal).toBe('SIGKILL');
  expect(alive(orphan) && isPostgres(orphan), 'the postmaster outlived the app').toBe(true);
  expect(clusterPids(orphan).length, 'and still has its workers').toBeGreaterThan(1);

  server = await startServer(s.env);
  expect(alive(orphan), 'the orphan was stopped').toBe(false);
  expect(postmasterPid(s.dataDir)).not.toBe(orphan);
  const staff = await loginAs(server, 'hub_staff@demo.example');
  const again = await request(server.agent, server.base, 'GET', `/api/v1/concerns/${id}`, staff.headers);
  expect(again.status, again.body).toBe(200);
  await stopAndCheck(s, server);
  await removeDataDir(s.dataDir);
  dataDirs.delete(s.dataDir);
  expect(fs.existsSync(s.dataDir)).toBe(false);
}

afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  // An embedded postmaster orphaned (or frozen) by a failed test is stopped, then its data removed.
  for (const dir of dataDirs) await removeDataDir(dir);
  for (const { adminUrl, name } of databasesToDrop) {
    await withClient(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`)).catch(() => {});
  }
}, 60_000);

const TIMEOUT = 240_000;

describe('crash safety: embedded PostgreSQL (app and postgres on one machine)', () => {
  let s: Scenario;
  it(
    'a power cut mid-load (the app and every postgres process killed at once) loses no acknowledged concern or reading',
    async () => {
      s = await newScenario('embedded');
      await loadAndKill(s);
    },
    TIMEOUT,
  );
  it(
    'a start after the power cut recovers from the WAL: no stale lock, every acknowledged write there',
    async () => {
      expect(s?.acked.size, 'the kill test ran').toBeGreaterThan(0);
      await restartAndVerify(s);
    },
    TIMEOUT,
  );
  it(
    'kill -9 of the app alone: the next start stops the orphaned postmaster and starts afresh, nothing committed lost',
    async () => {
      expect(s, 'the kill test ran').toBeDefined();
      await orphanRecovery(s);
    },
    TIMEOUT,
  );
});

describe.runIf(!!process.env.TEST_DATABASE_URL)('crash safety: external PostgreSQL (TEST_DATABASE_URL; only the app dies)', () => {
  let s: Scenario;
  it(
    'kill -9 of the server mid-load loses no acknowledged concern',
    async () => {
      s = await newScenario('external', { adminUrl: process.env.TEST_DATABASE_URL! });
      await loadAndKill(s);
    },
    TIMEOUT,
  );
  it(
    'a start after the crash recovers: nothing committed lost',
    async () => {
      expect(s?.acked.size, 'the kill test ran').toBeGreaterThan(0);
      await restartAndVerify(s);
    },
    TIMEOUT,
  );
});

/**
 * Crash safety (DESIGN.md §5: "Nothing acknowledged is lost, even if the process is killed").
 * The real server runs as a child process; it is killed with SIGKILL while concerns and device
 * readings are in flight, started again on the same data, and every acknowledged concern and
 * reading must be there.
 * With the embedded PostgreSQL the postmaster survives its parent's SIGKILL as an orphan, so the
 * restart also proves that server/db/embedded.ts recovers it (no stale lock, nothing lost).
 * When TEST_DATABASE_URL is set the same scenario also runs against that server, where only
 * the app dies.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ACKS_BEFORE_KILL = 300;
const IN_FLIGHT = 8;
const TELEMETRY_WORKERS = 2;
const READINGS_PER_BATCH = 50;
const DEMO_DEVICE = { key: 'demo-button-1', token: 'demo-device-token' };
const START_TIMEOUT_MS = 120_000;

// Everything this file starts, so afterAll can clean up even when a test fails half-way.
const children = new Set<ChildProcess>();
const dataDirs = new Set<string>();
const databasesToDrop: { adminUrl: string; name: string }[] = [];

// ---------------------------------------------------------------------------------------------
// Small HTTP client with its own agent: the agent is thrown away with the server it talked to,
// so no dead keep-alive socket of a killed server is reused.

interface Res {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function request(
  agent: http.Agent,
  base: string,
  method: string,
  url: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<Res> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${base}${url}`,
      {
        method,
        agent,
        headers: { ...headers, ...(body ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error(`${method} ${url} timed out`)));
    req.on('error', reject);
    req.end(body);
  });
}

async function freePort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const s = net.createServer();
      s.on('error', reject);
      s.listen(0, '127.0.0.1', () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    if (![5432, 54329, 54339].includes(port)) return port;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Bounded wait for a condition, checking every `everyMs`. */
async function until(what: string, fn: () => boolean | Promise<boolean>, timeoutMs: number, everyMs = 100): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await fn()) return;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

function postmasterPid(dataDir: string): number | null {
  const file = path.join(dataDir, 'pg', 'postmaster.pid');
  if (!fs.existsSync(file)) return null;
  const pid = Number(fs.readFileSync(file, 'utf8').split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

function isPostgres(pid: number): boolean {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('postgres');
  } catch {
    return alive(pid); // not Linux: trust the pid file
  }
}

// ---------------------------------------------------------------------------------------------

interface Server {
  child: ChildProcess;
  base: string;
  agent: http.Agent;
  output: () => string;
  demoPassword: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

async function startServer(env: Record<string, string>): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'server/main.ts')], {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', SEED_DEMO: 'true', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let out = '';
  const append = (b: Buffer) => {
    out = (out + b.toString()).slice(-20_000);
  };
  child.stdout!.on('data', append);
  child.stderr!.on('data', append);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      children.delete(child);
      resolve({ code, signal });
    }),
  );
  let early: string | null = null;
  void exited.then(({ code, signal }) => {
    early = `server exited (code ${code}, signal ${signal}) before it was ready`;
  });
  await until(
    '"Tsunagari is running at" on stdout',
    () => {
      if (early) throw new Error(`${early}:\n${out}`);
      return out.includes('Tsunagari is running at');
    },
    START_TIMEOUT_MS,
  ).catch((err: Error) => {
    throw new Error(`${err.message}\n--- server output ---\n${out}`);
  });
  const base = `http://127.0.0.1:${env.PORT}`;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
  await until(
    'GET /healthz = 200',
    async () => (await request(agent, base, 'GET', '/healthz').catch(() => ({ status: 0 }))).status === 200,
    10_000,
  );
  const demoPassword = /Demo logins \(password: ([^)]+)\)/.exec(out)?.[1] ?? 'tsunagari-demo';
  return { child, base, agent, output: () => out, demoPassword, exited };
}

async function loginAs(server: Server, email: string): Promise<{ headers: Record<string, string>; accountId: string }> {
  const res = await request(
    server.agent,
    server.base,
    'POST',
    '/api/v1/auth/login',
    {},
    JSON.stringify({ email, password: server.demoPassword }),
  );
  if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${res.body}`);
  const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('tsunagari_session='));
  const body = JSON.parse(res.body) as { csrf_token: string; account_id: string };
  return { headers: { cookie: cookie!.split(';')[0]!, 'x-csrf-token': body.csrf_token }, accountId: body.account_id };
}

function concernBody(i: number): string {
  return JSON.stringify({
    category: 'mail_piling_up',
    description: `新聞が3日分たまっている (crash test ${i})`,
    place_text: `クラッシュ荘${(i % 40) + 101}号室`,
    latitude: 35.6339 + (i % 50) * 0.00001,
    longitude: 139.698 + (i % 50) * 0.00001,
  });
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

// ---------------------------------------------------------------------------------------------

interface Scenario {
  label: string;
  env: Record<string, string>;
  dataDir: string;
  /** How the test reads the database directly (only while a server is running, for embedded). */
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
  // The embedded package runs postgres as the `postgres` system user when we are root.
  fs.chmodSync(dataDir, 0o755);
  dataDirs.add(dataDir);
  const env: Record<string, string> = { DATA_DIR: dataDir, PORT: String(await freePort()) };
  let dbUrl: string;
  if (external) {
    const name = `${inject('runPrefix')}_crash_${randomBytes(5).toString('hex')}`;
    await withClient(external.adminUrl, (c) => c.query(`CREATE DATABASE ${name}`));
    databasesToDrop.push({ adminUrl: external.adminUrl, name });
    const u = new URL(external.adminUrl);
    u.pathname = `/${name}`;
    dbUrl = env.DATABASE_URL = u.toString();
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

/** Concurrent POST /concerns, then SIGKILL of the app while requests are in flight. */
async function loadAndKill(s: Scenario): Promise<void> {
  const server = await startServer(s.env);
  const partner = await loginAs(server, 'partner@demo.example');
  s.accountId = partner.accountId;
  s.before = await withClient(
    s.dbUrl,
    async (c) =>
      (await c.query<{ n: number }>('SELECT count(*)::int AS n FROM concerns WHERE reporter_account_id = $1', [s.accountId])).rows[0]!.n,
  );
  const pendingBodies = new Map<string, string>();
  let killed = false;
  let seq = 0;
  let orphan: number | null = null;
  const kill = () => {
    if (killed) return;
    killed = true;
    if (s.embedded) orphan = postmasterPid(s.dataDir);
    for (const [k, b] of pendingBodies) s.inFlight.set(k, b); // snapshot: sent, not yet answered
    process.kill(server.child.pid!, 'SIGKILL');
  };
  const worker = async () => {
    while (!killed) {
      const i = seq++;
      const key = randomUUID();
      const body = concernBody(i);
      pendingBodies.set(key, body);
      let res: Res;
      try {
        res = await request(server.agent, server.base, 'POST', '/api/v1/concerns', { ...partner.headers, 'idempotency-key': key }, body);
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
      if (res.status !== 201) throw new Error(`POST /concerns: ${res.status} ${res.body}`);
      s.acked.set(key, (JSON.parse(res.body) as { id: string }).id);
      if (s.acked.size >= ACKS_BEFORE_KILL) kill();
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
      if (res.status !== 200) throw new Error(`POST /telemetry: ${res.status} ${res.body}`);
      expect(JSON.parse(res.body)).toMatchObject({ accepted: READINGS_PER_BATCH, duplicates: 0, rejected: [] });
      for (const r of readings) s.readingsAcked.push(r.ts);
    }
  };
  try {
    await Promise.all([...Array.from({ length: IN_FLIGHT }, worker), ...Array.from({ length: TELEMETRY_WORKERS }, telemetryWorker)]);
  } finally {
    kill();
    server.agent.destroy();
  }
  const exit = await server.exited;
  expect(exit.signal).toBe('SIGKILL');
  expect(s.acked.size).toBeGreaterThanOrEqual(ACKS_BEFORE_KILL);
  expect(s.readingsAcked.length, 'readings acknowledged before the kill').toBeGreaterThan(0);
  if (s.embedded) {
    // The premise of the recovery: postgres outlived the app and still holds its pid file.
    expect(orphan, 'postmaster.pid while the app ran').not.toBeNull();
    expect(alive(orphan!) && isPostgres(orphan!), 'orphaned postmaster still running').toBe(true);
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
    // Graceful stop: the app stops its embedded postgres; nothing may be left running.
    const pgPid = s.embedded ? postmasterPid(s.dataDir) : null;
    server.agent.destroy();
    server.child.kill('SIGTERM');
    const exit = await Promise.race([server.exited, new Promise<null>((r) => setTimeout(() => r(null), 30_000))]);
    expect(exit, 'server stopped within 30 s of SIGTERM').not.toBeNull();
    expect(exit!.code, `exit status after SIGTERM; server output:\n${server.output()}`).toBe(0);
    if (pgPid !== null) {
      await until('embedded postgres to exit', () => !alive(pgPid), 10_000);
      expect(fs.existsSync(path.join(s.dataDir, 'pg', 'postmaster.pid'))).toBe(false);
    }
    fs.rmSync(s.dataDir, { recursive: true, force: true });
    dataDirs.delete(s.dataDir);
    expect(fs.existsSync(s.dataDir)).toBe(false);
  }
}

afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  for (const dir of dataDirs) {
    // An embedded postmaster orphaned by a failed test: ask it to stop (fast shutdown).
    const pid = postmasterPid(dir);
    if (pid !== null && alive(pid) && isPostgres(pid)) {
      process.kill(pid, 'SIGINT');
      await until('orphaned postgres to stop', () => !alive(pid), 15_000).catch(() => process.kill(pid, 'SIGKILL'));
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
  for (const { adminUrl, name } of databasesToDrop) {
    await withClient(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`)).catch(() => {});
  }
}, 60_000);

const TIMEOUT = 240_000;

describe('crash safety: embedded PostgreSQL (app and postgres on one machine)', () => {
  let s: Scenario;
  it(
    'kill -9 of the server mid-load loses no acknowledged concern',
    async () => {
      s = await newScenario('embedded');
      await loadAndKill(s);
    },
    TIMEOUT,
  );
  it(
    'a start after the crash recovers the orphaned postmaster: no stale lock, nothing committed lost',
    async () => {
      expect(s?.acked.size, 'the kill test ran').toBeGreaterThan(0);
      await restartAndVerify(s);
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

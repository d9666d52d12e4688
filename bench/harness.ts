/**
 * What every benchmark needs: a durable embedded PostgreSQL in a temp dir, a migrated database,
 * the real server as a child process (so the load generator never shares its event loop),
 * autocannon runs and one JSON line per scenario. Figures are compared with a baseline
 * (GET /healthz) measured in the same run, because the machine is shared and noisy.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { createDb, createPool, type DB, withDatabase } from '../server/db/database.js';
import { type EmbeddedHandle, startEmbedded } from '../server/db/embedded.js';
import { migrateAndGrant } from '../server/db/open.js';
import { ensureRoles } from '../server/db/privileges.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** One line of output; `bench` and `scenario` first so lines sort and grep well. */
export type BenchLine = { bench: string; scenario: string } & Record<string, unknown>;

export function emit(line: BenchLine): void {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

/** Progress goes to stderr so stdout stays machine-readable JSON lines (plus summary lines). */
export function note(msg: string): void {
  process.stderr.write(`[bench] ${msg}\n`);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

async function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

/** Roles of the bench's own throw-away cluster. */
const BENCH_ROLES = { owner: 'tsunagari_owner', app: 'tsunagari_app' };
const BENCH_ROLE_PASSWORD = 'tsunagari-bench';

export interface BenchDatabase {
  dir: string;
  adminUrl: string;
  /** The bench's own handle (superuser: seeding, COPY, checks). */
  url: string;
  /** What the server gets, as in production: the application role and the owner (migrations, grants). */
  appUrl: string;
  ownerUrl: string;
  db: DB;
  /** Closes the pool, stops the cluster and removes the temp dir. Safe to call twice. */
  cleanup(): Promise<void>;
}

/**
 * A fresh embedded cluster with production settings (fsync on), in a temp dir, and a migrated
 * database `name` on it.
 */
export async function startBenchDatabase(name: string, preferredPort = 54349): Promise<BenchDatabase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsunagari-bench-'));
  // The embedded package runs postgres as the `postgres` system user when we are root.
  fs.chmodSync(dir, 0o755);
  const port = (await portFree(preferredPort)) ? preferredPort : await freePort();
  let embedded: EmbeddedHandle | null = null;
  let db: DB | null = null;
  let done = false;
  const cleanup = async () => {
    if (done) return;
    done = true;
    await db?.destroy().catch(() => {});
    await embedded?.stop().catch((err) => note(`stopping the bench cluster failed: ${String(err)}`));
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    const t0 = performance.now();
    embedded = await startEmbedded({ dir: path.join(dir, 'pg'), port, durable: true });
    // The server refuses to run as a superuser: an owner role migrates and grants, the app role serves.
    const roleUrl = (role: string) => {
      const u = new URL(withDatabase(embedded!.url, name));
      u.username = role;
      u.password = BENCH_ROLE_PASSWORD;
      return u.toString();
    };
    const admin = new pg.Client({ connectionString: embedded.url });
    await admin.connect();
    await ensureRoles(admin, [
      { name: BENCH_ROLES.owner, password: BENCH_ROLE_PASSWORD },
      { name: BENCH_ROLES.app, password: BENCH_ROLE_PASSWORD },
    ]);
    await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)} OWNER ${BENCH_ROLES.owner}`);
    await admin.end();
    await migrateAndGrant(roleUrl(BENCH_ROLES.owner), BENCH_ROLES.app);
    const url = withDatabase(embedded.url, name);
    // Bulk loads and VACUUM of a million rows run longer than the app's statement timeout.
    const pool = createPool(url, { max: 4, statementTimeoutMs: 0, idleInTransactionTimeoutMs: 0 });
    // An idle connection cut by the cluster's shutdown must not crash the bench.
    pool.on('error', () => {});
    db = createDb(pool);
    note(`embedded PostgreSQL (durable) on 127.0.0.1:${port}, database ${name} migrated in ${Math.round(performance.now() - t0)} ms`);
    return { dir, adminUrl: embedded.url, url, appUrl: roleUrl(BENCH_ROLES.app), ownerUrl: roleUrl(BENCH_ROLES.owner), db, cleanup };
  } catch (err) {
    await cleanup();
    throw err;
  }
}

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts `server/main.ts` as a child process against the bench database (DATABASE_URL the app
 * role, DATABASE_OWNER_URL the owner) and waits for its "Tsunagari is running at" line
 * (bounded). nodeArgs go to node itself (e.g. --cpu-prof).
 */
export async function startServer(
  database: Pick<BenchDatabase, 'appUrl' | 'ownerUrl'>,
  extraEnv: Record<string, string> = {},
  nodeArgs: string[] = [],
): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', path.join(ROOT, 'server/main.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: database.appUrl,
      DATABASE_OWNER_URL: database.ownerUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start within 60 s:\n${output}`)), 60_000);
    const onData = (buf: Buffer) => {
      output += buf.toString();
      if (output.includes('Tsunagari is running at')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (buf: Buffer) => {
      output += buf.toString();
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with code ${code} before it was ready:\n${output}`));
    });
  });
  // Keep draining the pipes so a chatty server never blocks on a full pipe.
  // BENCH_SERVER_LOG=1 shows the server's log (stdout) too, for debugging a failed run.
  child.stdout!.on('data', process.env.BENCH_SERVER_LOG ? (b: Buffer) => process.stderr.write(`[server] ${b}`) : () => {});
  child.stderr!.on('data', (b: Buffer) => process.stderr.write(`[server] ${b}`));
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timeout = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timeout);
    },
  };
}

export interface Session {
  cookie: string;
  csrf: string;
}

export async function login(baseUrl: string, email: string, password: string): Promise<Session> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('tsunagari_session='));
  if (!cookie) throw new Error(`login ${email}: no session cookie`);
  const body = (await res.json()) as { csrf_token: string };
  return { cookie: cookie.split(';')[0]!, csrf: body.csrf_token };
}

export interface LoadResult {
  requests_per_s: number;
  p50_ms: number;
  p99_ms: number;
  ok2xx: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

/** Runs autocannon and reduces its result to the figures we report. */
export async function load(opts: autocannon.Options): Promise<LoadResult> {
  const r = await autocannon({ ...opts, timeout: 10 });
  return {
    requests_per_s: round(r.requests.average),
    p50_ms: round(r.latency.p50),
    p99_ms: round(r.latency.p99),
    ok2xx: r['2xx'],
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
  };
}

/** Sequential requests (one at a time, keep-alive): latency without queueing. */
export async function sequential(
  n: number,
  fn: () => Promise<Response>,
): Promise<{ p50_ms: number; p99_ms: number; max_ms: number; non2xx: number }> {
  const times: number[] = [];
  let non2xx = 0;
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const res = await fn();
    await res.arrayBuffer();
    times.push(performance.now() - t0);
    if (res.status < 200 || res.status > 299) non2xx++;
  }
  times.sort((a, b) => a - b);
  return { p50_ms: round(pct(times, 50)), p99_ms: round(pct(times, 99)), max_ms: round(times[times.length - 1]!), non2xx };
}

export function pct(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export function round(n: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

// ---- Helpers for the telemetry bench (COPY, CPU time from /proc, a private broker, SSE) ------

/**
 * `COPY … FROM STDIN` through pg's client protocol (no extra package): a submittable query that
 * streams `chunks` (text-format COPY data) with backpressure and resolves with the row count
 * PostgreSQL reports.
 */
export function copyFrom(client: import('pg').Client, copySql: string, chunks: Iterable<string | Buffer>): Promise<number> {
  return new Promise((resolve, reject) => {
    let rows = 0;
    let error: Error | null = null;
    const submittable = {
      submit(connection: any) {
        connection.query(copySql);
      },
      async handleCopyInResponse(connection: any) {
        try {
          for (const chunk of chunks) {
            connection.sendCopyFromChunk(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
            if (connection.stream.writableNeedDrain) await new Promise((r) => connection.stream.once('drain', r));
          }
          connection.endCopyFrom();
        } catch (err) {
          connection.sendCopyFail(String(err));
        }
      },
      handleCommandComplete(msg: { text: string }) {
        const m = /^COPY (\d+)/.exec(msg.text);
        if (m) rows = Number(m[1]);
      },
      // pg's client forgets the active query when an error arrives (no ReadyForQuery follows for
      // it), so settle here; it then waits for ReadyForQuery itself before the next query.
      handleError(err: Error) {
        error = err;
        reject(err);
      },
      handleReadyForQuery() {
        if (!error) resolve(rows);
      },
      handleCopyData() {},
      handleRowDescription() {},
      handleDataRow() {},
      handleEmptyQuery() {},
      handlePortalSuspended() {},
    };
    void client.query(submittable as any);
  });
}

const CLK_TCK = 100; // getconf CLK_TCK on Linux

/** User + system CPU seconds a process has used so far (Linux /proc), or NaN when it is gone. */
export function cpuSeconds(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces: count fields after its closing parenthesis.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / CLK_TCK; // fields 14 and 15: utime, stime
  } catch {
    return NaN;
  }
}

/** The postmaster of a cluster (from its data dir) and all its current children. */
export function clusterPids(pgDataDir: string): number[] {
  const postmaster = Number(fs.readFileSync(path.join(pgDataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const pids = [postmaster];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === postmaster) pids.push(Number(entry));
    } catch {
      /* exited meanwhile */
    }
  }
  return pids;
}

/** CPU seconds per process, to diff with cpuDelta(): processes gone at the end are left out. */
export function cpuSnapshot(pids: number[]): Map<number, number> {
  const m = new Map<number, number>();
  for (const pid of pids) {
    const c = cpuSeconds(pid);
    if (!Number.isNaN(c)) m.set(pid, c);
  }
  return m;
}

/**
 * CPU seconds used between two snapshots by processes alive at both; backends that come and go
 * inside the window are missed, so use it for idle periods with a stable pool.
 */
export function cpuDelta(before: Map<number, number>, after: Map<number, number>): number {
  let s = 0;
  for (const [pid, c0] of before) {
    const c1 = after.get(pid);
    if (c1 !== undefined && c1 >= c0) s += c1 - c0;
  }
  return s;
}

export interface Broker {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/**
 * A private Mosquitto on a free port (the machine's broker config, without persistence), so the
 * bench neither floods the consumers of other test runs on the shared broker (every shared
 * subscription group gets a copy of every message) nor gets their traffic.
 */
export async function startMosquitto(): Promise<Broker> {
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsunagari-bench-mqtt-'));
  const conf = path.join(dir, 'mosquitto.conf');
  // A broker for telemetry must queue bursts for slower subscribers rather than drop QoS 1
  // messages: Mosquitto's default per-client queue is 1,000 messages (docs/DEVICES.md).
  fs.writeFileSync(
    conf,
    `listener ${port} 127.0.0.1\nallow_anonymous true\npersistence false\nmax_queued_messages 100000\nlog_dest stderr\nlog_type error\nlog_type warning\n`,
  );
  const child = spawn('mosquitto', ['-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (b: Buffer) => {
    err += b.toString();
    if (err.length > 100_000) err = err.slice(-50_000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`mosquitto exited: ${err}`);
    const up = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => {
        s.destroy();
        resolve(true);
      });
      s.on('error', () => resolve(false));
    });
    if (up) break;
    if (i > 100) throw new Error(`mosquitto did not listen on ${port}: ${err}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url: `mqtt://127.0.0.1:${port}`,
    pid: child.pid!,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
      if (/drop/i.test(err)) note(`mosquitto: ${err.trim().split('\n').slice(-3).join(' | ')}`);
    },
  };
}

export interface EventStream {
  close(): void;
}

/**
 * Reads a Server-Sent Events stream (GET url with the given headers) and calls onEvent with each
 * event's name, parsed data and arrival time (performance.now()). Resolves once the stream is open.
 */
export async function openEventStream(
  url: string,
  headers: Record<string, string>,
  onEvent: (event: string, data: unknown, at: number) => void,
): Promise<EventStream> {
  const ac = new AbortController();
  const res = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: ac.signal });
  if (res.status !== 200 || !res.body) throw new Error(`GET ${url}: ${res.status} ${await res.text()}`);
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  void (async () => {
    let buf = '';
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        const at = performance.now();
        buf += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, end);
          buf = buf.slice(end + 2);
          let event = 'message';
          let data = '';
          for (const line of block.split('\n')) {
            if (line.startsWith('event: ')) event = line.slice(7);
            else if (line.startsWith('data: ')) data += line.slice(6);
          }
          if (!data) continue;
          try {
            onEvent(event, JSON.parse(data), at);
          } catch {
            onEvent(event, data, at);
          }
        }
      }
    } catch {
      /* aborted */
    }
  })();
  return { close: () => ac.abort() };
}

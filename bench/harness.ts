/**
 * What every benchmark needs: a durable embedded PostgreSQL in a temp dir, a migrated database,
 * the real server as a child process (so the load generator never shares its event loop),
 * autocannon runs and one JSON line per scenario. Figures are compared with a baseline
 * (GET /healthz) measured in the same run, because the machine is shared and noisy.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { createDb, createPool, ensureDatabase, withDatabase, type DB } from '../server/db/database.js';
import { startEmbedded, type EmbeddedHandle } from '../server/db/embedded.js';
import { migrateToLatest } from '../server/db/migrate.js';

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

export interface BenchDatabase {
  dir: string;
  adminUrl: string;
  url: string;
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
    await ensureDatabase(embedded.url, name);
    const url = withDatabase(embedded.url, name);
    const pool = createPool(url, 4);
    // An idle connection cut by the cluster's shutdown must not crash the bench.
    pool.on('error', () => {});
    db = createDb(pool);
    await migrateToLatest(db);
    note(`embedded PostgreSQL (durable) on 127.0.0.1:${port}, database ${name} migrated in ${Math.round(performance.now() - t0)} ms`);
    return { dir, adminUrl: embedded.url, url, db, cleanup };
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
 * Starts `server/main.ts` as a child process against DATABASE_URL and waits for its
 * "Tsunagari is running at" line (bounded).
 */
export async function startServer(databaseUrl: string, extraEnv: Record<string, string> = {}): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'server/main.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
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
  child.stdout!.on('data', () => {});
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
export async function sequential(n: number, fn: () => Promise<Response>): Promise<{ p50_ms: number; p99_ms: number; max_ms: number; non2xx: number }> {
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

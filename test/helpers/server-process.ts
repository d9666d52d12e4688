/**
 * The real server as a child process (`node --import tsx server/main.ts`), for tests that kill
 * it or its embedded PostgreSQL: a small HTTP client, bounded waits, and the embedded cluster's
 * processes found through its pid file and /proc.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const START_TIMEOUT_MS = 120_000;

// ---------------------------------------------------------------------------------------------
// Small HTTP client with its own agent: the agent is thrown away with the server it talked to,
// so no dead keep-alive socket of a killed server is reused.

export interface Res {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export function request(
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

/** A free TCP port on 127.0.0.1 (never one a developer's PostgreSQL or Tsunagari may hold). */
export async function freePort(): Promise<number> {
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

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Bounded wait for a condition, checking every `everyMs`. */
export async function until(what: string, fn: () => boolean | Promise<boolean>, timeoutMs: number, everyMs = 100): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await fn()) return;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

// ---------------------------------------------------------------------------------------------
// The embedded cluster of a DATA_DIR (DATA_DIR/pg may be a link to where the cluster really is).

export function postmasterPid(dataDir: string): number | null {
  const file = path.join(dataDir, 'pg', 'postmaster.pid');
  if (!fs.existsSync(file)) return null;
  const pid = Number(fs.readFileSync(file, 'utf8').split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

export function isPostgres(pid: number): boolean {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('postgres');
  } catch {
    return alive(pid); // not Linux: trust the pid file
  }
}

/** Parent pid from /proc/<pid>/stat (the command name may contain spaces and parentheses). */
export function parentPid(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

/** The postmaster and every process it started (backends, WAL writer, checkpointer, …). */
export function clusterPids(postmaster: number): number[] {
  const children = fs
    .readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map(Number)
    .filter((pid) => parentPid(pid) === postmaster);
  return [postmaster, ...children];
}

/**
 * What a power cut does to the database: every process of the cluster dies at the same instant,
 * so nothing still in PostgreSQL's memory reaches the kernel. The postmaster is frozen first
 * (SIGSTOP: it can start no new process while we list its children), then all are killed.
 * Returns the pids killed.
 */
export function powerCut(postmaster: number): number[] {
  process.kill(postmaster, 'SIGSTOP');
  const pids = clusterPids(postmaster);
  for (const pid of pids) process.kill(pid, 'SIGKILL');
  return pids;
}

// ---------------------------------------------------------------------------------------------

export interface ServerProcess {
  child: ChildProcess;
  base: string;
  agent: http.Agent;
  output: () => string;
  demoPassword: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Everything started here, so a test file's afterAll can kill what a failed test left running. */
export const children = new Set<ChildProcess>();

export interface SpawnOptions {
  /** Run as this user (uid, gid) instead of ours. */
  user?: { uid: number; gid: number };
}

/** Starts server/main.ts with env; returns at once (see waitUntilRunning and exitOf). */
export function spawnServer(env: Record<string, string>, opts: SpawnOptions = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'server/main.ts')], {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', SEED_DEMO: 'true', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(opts.user ?? {}),
  });
  children.add(child);
  let out = '';
  const append = (b: Buffer) => {
    out = (out + b.toString()).slice(-40_000);
  };
  child.stdout!.on('data', append);
  child.stderr!.on('data', append);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      children.delete(child);
      resolve({ code, signal });
    }),
  );
  return { child, exited, output: () => out };
}

/** Starts the server and waits for "Tsunagari is running at" and GET /healthz = 200 (bounded). */
export async function startServer(env: Record<string, string>, opts: SpawnOptions = {}): Promise<ServerProcess> {
  const { child, exited, output } = spawnServer(env, opts);
  let early: string | null = null;
  void exited.then(({ code, signal }) => {
    early = `server exited (code ${code}, signal ${signal}) before it was ready`;
  });
  await until(
    '"Tsunagari is running at" on stdout',
    () => {
      if (early) throw new Error(`${early}:\n${output()}`);
      return output().includes('Tsunagari is running at');
    },
    START_TIMEOUT_MS,
  ).catch((err: Error) => {
    throw new Error(`${err.message}\n--- server output ---\n${output()}`);
  });
  const base = `http://127.0.0.1:${env.PORT}`;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
  await until(
    'GET /healthz = 200',
    async () => (await request(agent, base, 'GET', '/healthz').catch(() => ({ status: 0 }))).status === 200,
    10_000,
  );
  const demoPassword = /Demo logins \(password: ([^)]+)\)/.exec(output())?.[1] ?? 'tsunagari-demo';
  return { child, base, agent, output, demoPassword, exited };
}

/** Graceful stop (SIGTERM); resolves with the exit, or null if it took longer than 30 s. */
export async function stopServer(server: { child: ChildProcess; exited: ServerProcess['exited']; agent?: http.Agent }) {
  server.agent?.destroy();
  server.child.kill('SIGTERM');
  return Promise.race([server.exited, new Promise<null>((r) => setTimeout(() => r(null), 30_000))]);
}

export async function loginAs(server: ServerProcess, email: string): Promise<{ headers: Record<string, string>; accountId: string }> {
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

export async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/**
 * Stops an embedded postmaster a failed test left behind (fast shutdown, then SIGKILL) and
 * removes DATA_DIR, including a cluster kept elsewhere behind a DATA_DIR/pg link.
 */
export async function removeDataDir(dir: string): Promise<void> {
  const pid = postmasterPid(dir);
  if (pid !== null && alive(pid) && isPostgres(pid)) {
    process.kill(pid, 'SIGCONT');
    process.kill(pid, 'SIGINT');
    await until('orphaned postgres to stop', () => !alive(pid), 15_000).catch(() => process.kill(pid, 'SIGKILL'));
  }
  const link = path.join(dir, 'pg');
  try {
    if (fs.lstatSync(link).isSymbolicLink()) fs.rmSync(path.dirname(fs.readlinkSync(link)), { recursive: true, force: true });
  } catch {
    /* no link */
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

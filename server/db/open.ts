/**
 * Opens the database the config names and hands back a pool that connects as the application
 * role (never a superuser, never the owner):
 * - external: DATABASE_URL is the application role, DATABASE_OWNER_URL the owner;
 * - embedded: the server under DATA_DIR/pg, with the roles tsunagari_owner and tsunagari_app
 *   created at first start (random passwords kept in DATA_DIR/pg-roles.json, mode 0600) and a
 *   `tsunagari` database owned by the owner. Data directories of earlier versions, where the
 *   superuser owned everything, are handed over to the owner on their first start.
 * Then, as the owner: migrate and grant (server/db/privileges.ts). Then, as the application role:
 * check it holds no more than granted, and that the server is durable (server/db/durability.ts).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { Config } from '../config.js';
import { createDb, createPool, type DB, poolOptions, withDatabase } from './database.js';
import { assertDurable } from './durability.js';
import { type EmbeddedHandle, startEmbedded } from './embedded.js';
import { migrateToLatest } from './migrate.js';
import { adoptObjects, applyGrants, assertLeastPrivilege, ensureRoles, PrivilegeError } from './privileges.js';
import { StartupError } from './startup-error.js';

export { StartupError } from './startup-error.js';

export interface OpenDatabase {
  /** The application role's URL (the pool's; also the event bus's LISTEN connection). */
  url: string;
  /** The owner's URL, for admin tools (scripts/seed-demo.ts); the app never uses it after boot. */
  ownerUrl: string;
  db: DB;
  pool: pg.Pool;
  embedded: EmbeddedHandle | null;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Debugging detail (PostgreSQL's own log). */
  log?: (line: string) => void;
  /** Lines for the person running the app: where the data is, warnings, a restarted server. */
  notice?: (line: string) => void;
  /** The embedded server died and could not be restarted: the app should exit. */
  onFatal?: (err: StartupError) => void;
}

const EMBEDDED_DB = 'tsunagari';
export const EMBEDDED_ROLES = { owner: 'tsunagari_owner', app: 'tsunagari_app' } as const;

interface Credentials {
  owner: { user: string; password: string };
  app: { user: string; password: string };
}

/** The embedded roles' passwords: made once, kept in DATA_DIR with mode 0600, reused afterwards. */
export function embeddedCredentials(dataDir: string, notice: (line: string) => void): Credentials {
  const file = path.join(dataDir, 'pg-roles.json');
  const fresh = (): Credentials => ({
    owner: { user: EMBEDDED_ROLES.owner, password: randomBytes(24).toString('base64url') },
    app: { user: EMBEDDED_ROLES.app, password: randomBytes(24).toString('base64url') },
  });
  try {
    const c = JSON.parse(fs.readFileSync(file, 'utf8')) as Credentials;
    if (c.owner?.password && c.app?.password && c.owner.user === EMBEDDED_ROLES.owner && c.app.user === EMBEDDED_ROLES.app) {
      if ((fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
      return c;
    }
    notice(`${file} is not what Tsunagari wrote; new role passwords are set.`);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
      notice(`${file} could not be read (${(err as Error).message}); new role passwords are set.`);
  }
  const c = fresh();
  // Written before the roles get these passwords: a crash in between only means new ones next time.
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(c, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(tmp, file);
  return c;
}

function urlAs(url: string, user: string, password: string, database: string): string {
  const u = new URL(withDatabase(url, database));
  u.username = encodeURIComponent(user);
  u.password = encodeURIComponent(password);
  return u.toString();
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url, application_name: 'tsunagari-setup' });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** Roles, database and ownership on the embedded server (as its superuser); returns the two URLs. */
async function prepareEmbedded(superUrl: string, creds: Credentials, log: (line: string) => void): Promise<{ app: string; owner: string }> {
  await withClient(superUrl, async (c) => {
    await ensureRoles(c, [
      { name: creds.owner.user, password: creds.owner.password },
      { name: creds.app.user, password: creds.app.password },
    ]);
    const { rows } = await c.query<{ owner: string }>('SELECT pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = $1', [
      EMBEDDED_DB,
    ]);
    if (!rows.length) await c.query(`CREATE DATABASE ${EMBEDDED_DB} OWNER ${pg.escapeIdentifier(creds.owner.user)}`);
    else if (rows[0]!.owner !== creds.owner.user) {
      await c.query(`ALTER DATABASE ${EMBEDDED_DB} OWNER TO ${pg.escapeIdentifier(creds.owner.user)}`);
    }
  });
  // A database made by an earlier version: the superuser owned its tables.
  const moved = await withClient(withDatabase(superUrl, EMBEDDED_DB), (c) => adoptObjects(c, creds.owner.user));
  if (moved) log(`embedded PostgreSQL: ${moved} objects handed to ${creds.owner.user}`);
  return {
    app: urlAs(superUrl, creds.app.user, creds.app.password, EMBEDDED_DB),
    owner: urlAs(superUrl, creds.owner.user, creds.owner.password, EMBEDDED_DB),
  };
}

/** As the owner: migrate, then grant the application role its privileges. Returns the owner's role name. */
export async function migrateAndGrant(ownerUrl: string, appRole: string): Promise<string> {
  const ownerPool = createPool(ownerUrl, 2);
  const ownerDb = createDb(ownerPool);
  try {
    await migrateToLatest(ownerDb);
  } finally {
    await ownerDb.destroy();
  }
  return withClient(ownerUrl, async (c) => {
    const { rows } = await c.query<{ role: string }>('SELECT current_user AS role');
    await applyGrants(c, appRole);
    return rows[0]!.role;
  });
}

/** Opens, migrates and checks the database; the returned pool connects as the application role. */
export async function openDatabase(config: Config, opts: OpenOptions = {}): Promise<OpenDatabase> {
  const log = opts.log ?? (() => {});
  const notice = opts.notice ?? ((line: string) => console.error(line));
  let embedded: EmbeddedHandle | null = null;
  let appUrl: string;
  let ownerUrl: string;
  let where: string;
  if (config.databaseUrl) {
    appUrl = config.databaseUrl;
    ownerUrl = config.databaseOwnerUrl!;
    where = 'The PostgreSQL server at DATABASE_URL';
  } else {
    embedded = await startEmbedded({
      dir: path.join(config.dataDir, 'pg'),
      port: config.embeddedPgPort,
      durable: true,
      log,
      notice,
      onFatal: opts.onFatal,
    });
    where = `The embedded PostgreSQL (data in ${embedded.dir})`;
    try {
      ({ app: appUrl, owner: ownerUrl } = await prepareEmbedded(embedded.url, embeddedCredentials(config.dataDir, notice), log));
    } catch (err) {
      await embedded.stop();
      throw err;
    }
  }
  let pool: pg.Pool | null = null;
  try {
    const appRole = await withClient(appUrl, async (c) => {
      const { rows } = await c.query<{ role: string; db: string }>('SELECT current_user AS role, current_database() AS db');
      const ownerSide = await withClient(ownerUrl, (o) =>
        o.query<{ role: string; db: string }>('SELECT current_user AS role, current_database() AS db'),
      );
      const owner = ownerSide.rows[0]!;
      if (owner.db !== rows[0]!.db) {
        throw new PrivilegeError(
          `DATABASE_URL and DATABASE_OWNER_URL name different databases ("${rows[0]!.db}" and "${owner.db}"). Both must point at the same database.`,
        );
      }
      // Before anything is migrated: a superuser or the owner itself is refused outright.
      await assertLeastPrivilege(c, owner.role, { attributesOnly: true });
      return rows[0]!.role;
    });
    const ownerRole = await migrateAndGrant(ownerUrl, appRole);
    pool = createPool(appUrl, poolOptions(config));
    await assertLeastPrivilege(pool, ownerRole);
    const off = await assertDurable(pool, config.allowNonDurableDatabase, where);
    if (off.length) notice(`WARNING: ${where} is not durable (${off.join(', ')}); allowed by ALLOW_NON_DURABLE_DATABASE (tests only).`);
  } catch (err) {
    await pool?.end().catch(() => {});
    await embedded?.stop();
    throw err instanceof StartupError || !(err instanceof Error) ? err : explainConnectionError(err, embedded !== null);
  }
  const db = createDb(pool);
  return {
    url: appUrl,
    ownerUrl,
    db,
    pool,
    embedded,
    async close() {
      await db.destroy();
      await embedded?.stop();
    },
  };
}

/** Connection failures at boot, said with the variable to check. */
function explainConnectionError(err: Error, embedded: boolean): Error {
  const code = (err as { code?: string }).code;
  if (embedded) return err;
  if (code === '28P01' || code === '28000') {
    return new StartupError(
      `Could not log in to PostgreSQL: ${err.message}. Check the user and password in DATABASE_URL and DATABASE_OWNER_URL.`,
    );
  }
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'ETIMEDOUT' || code === '3D000') {
    return new StartupError(
      `Could not reach the database of DATABASE_URL / DATABASE_OWNER_URL: ${err.message}. Is PostgreSQL running there, and does the database exist?`,
    );
  }
  return err;
}

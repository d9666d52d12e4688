/**
 * Opening the database at boot (server/db/open.ts):
 * - external (DATABASE_URL = application role, DATABASE_OWNER_URL = owner): the pool is the
 *   application role; a superuser or the owner as DATABASE_URL is refused; a missing
 *   DATABASE_OWNER_URL is a configuration error that says what to do;
 * - durability is asserted: a server with synchronous_commit (or fsync, full_page_writes) off is
 *   refused unless ALLOW_NON_DURABLE_DATABASE=true (this suite's own cluster runs with fsync off
 *   for speed, so every test here that opens it opts out, except the one proving the refusal);
 * - embedded: a data directory made by an earlier version (everything owned by the superuser, no
 *   roles) upgrades cleanly: the owner takes the objects, the app connects as tsunagari_app, the
 *   passwords are made once (0600) and reused.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { type Kysely, Migrator, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { adminUrl, createTestDb, type TestDb } from '../../test/helpers/db.js';
import { ConfigError, loadConfig } from '../config.js';
import { createDb, createPool } from './database.js';
import { DurabilityError, nonDurableSettings } from './durability.js';
import { startEmbedded } from './embedded.js';
import { migrations } from './migrations/index.js';
import { EMBEDDED_ROLES, openDatabase } from './open.js';
import { PrivilegeError } from './privileges.js';

let t: TestDb;
const roles = inject('dbRoles');
const quiet = { notice: () => {} };

beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t?.drop());

function external(app: string, extra: Record<string, string> = {}) {
  return loadConfig({
    DATABASE_URL: app,
    DATABASE_OWNER_URL: t.ownerUrl,
    ALLOW_NON_DURABLE_DATABASE: 'true',
    LOG_LEVEL: 'silent',
    ...extra,
  });
}

describe('external PostgreSQL', () => {
  it('migrates and grants as DATABASE_OWNER_URL, and the pool connects as DATABASE_URL, the application role', async () => {
    const opened = await openDatabase(external(t.url), quiet);
    try {
      const { rows } = await sql<{ user: string }>`SELECT current_user AS user`.execute(opened.db);
      expect(rows[0]!.user).toBe(roles.app);
      expect(opened.embedded).toBeNull();
    } finally {
      await opened.close();
    }
  });

  it('refuses a superuser as DATABASE_URL, and the owner itself, with a message saying what to do', async () => {
    const superuser = openDatabase(external(adminUrl(t.name)), quiet);
    await expect(superuser).rejects.toBeInstanceOf(PrivilegeError);
    await expect(superuser).rejects.toThrow(/DATABASE_URL connects as ".+", a superuser.*DATABASE_OWNER_URL/);
    await expect(openDatabase(external(t.ownerUrl), quiet)).rejects.toThrow(/is the owner role/);
  });

  it('without DATABASE_OWNER_URL the configuration is refused, naming the variable and the docs', () => {
    expect(() => loadConfig({ DATABASE_URL: t.url })).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_URL: t.url })).toThrow(/DATABASE_OWNER_URL must be set with DATABASE_URL.*OPERATIONS\.md/);
    expect(() => loadConfig({ DATABASE_OWNER_URL: t.ownerUrl })).toThrow(/only with DATABASE_URL/);
  });
});

describe('durability is asserted at boot', () => {
  it('refuses a database whose synchronous_commit is off, unless ALLOW_NON_DURABLE_DATABASE=true', async () => {
    const other = await createTestDb();
    try {
      const admin = new pg.Client({ connectionString: adminUrl() });
      await admin.connect();
      await admin.query(`ALTER DATABASE ${other.name} SET synchronous_commit = off`);
      await admin.end();
      const app = other.url;
      const config = (allow: string) =>
        loadConfig({ DATABASE_URL: app, DATABASE_OWNER_URL: other.ownerUrl, ALLOW_NON_DURABLE_DATABASE: allow, LOG_LEVEL: 'silent' });
      const refused = openDatabase(config('false'), quiet);
      await expect(refused).rejects.toBeInstanceOf(DurabilityError);
      await expect(refused).rejects.toThrow(/not durable: .*synchronous_commit=off.*ALLOW_NON_DURABLE_DATABASE=true .*never in production/);
      const warnings: string[] = [];
      const opened = await openDatabase(config('true'), { notice: (l) => warnings.push(l) });
      await opened.close();
      expect(warnings.join('\n')).toMatch(/WARNING: .*not durable \(.*synchronous_commit=off\)/);
    } finally {
      await other.drop();
    }
  });

  it('sees fsync and full_page_writes when they are off (this suite’s embedded cluster)', async () => {
    const pool = createPool(t.url, 1);
    try {
      const off = await nonDurableSettings(pool);
      const { rows } = await pool.query<{ fsync: string }>('SHOW fsync');
      if (rows[0]!.fsync === 'off') expect(off).toEqual(expect.arrayContaining(['fsync=off', 'full_page_writes=off']));
      else expect(off).toEqual([]);
      if (rows[0]!.fsync === 'off')
        await expect(openDatabase(external(t.url, { ALLOW_NON_DURABLE_DATABASE: 'false' }), quiet)).rejects.toThrow(/fsync=off/);
    } finally {
      await pool.end();
    }
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

describe('embedded PostgreSQL', () => {
  it('a data directory made by an earlier version (superuser-owned, no roles) upgrades cleanly and keeps its data', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsunagari-upgrade-'));
    fs.chmodSync(dataDir, 0o755); // under root, postgres runs as the postgres user
    const port = await freePort();
    try {
      // What an earlier version left: the `tsunagari` database made and migrated by the superuser,
      // with rows and a telemetry partition.
      const old = await startEmbedded({ dir: path.join(dataDir, 'pg'), port, durable: false, notice: () => {} });
      const admin = new pg.Client({ connectionString: old.url });
      await admin.connect();
      await admin.query('CREATE DATABASE tsunagari');
      await admin.end();
      const superDb = createDb(createPool(`postgres://postgres:postgres@127.0.0.1:${port}/tsunagari`, 2));
      const earlier = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < '0008'));
      const { error } = await new Migrator({
        db: superDb as Kysely<unknown>,
        provider: { getMigrations: async () => earlier },
      }).migrateToLatest();
      expect(error).toBeUndefined();
      await sql`INSERT INTO tenants (id, slug, name, settings, created_at) VALUES (gen_random_uuid(), 'old', 'Old town', '{}', now())`.execute(
        superDb,
      );
      await sql`CREATE TABLE telemetry_y2026m01 PARTITION OF telemetry FOR VALUES FROM ('2026-01-01') TO ('2026-02-01')`.execute(superDb);
      await superDb.destroy();
      await old.stop();

      const config = loadConfig({ DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(port), LOG_LEVEL: 'silent' });
      const opened = await openDatabase(config, quiet);
      try {
        const { rows } = await sql<{ user: string; slug: string }>`SELECT current_user AS user, slug FROM tenants`.execute(opened.db);
        expect(rows).toEqual([{ user: EMBEDDED_ROLES.app, slug: 'old' }]);
        const check = new pg.Client({ connectionString: `postgres://postgres:postgres@127.0.0.1:${port}/tsunagari` });
        await check.connect();
        const owners = await check.query<{ owner: string }>(
          `SELECT DISTINCT pg_get_userbyid(c.relowner) AS owner FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')`,
        );
        const db = await check.query<{ owner: string }>(
          `SELECT pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = 'tsunagari'`,
        );
        await check.end();
        expect(owners.rows).toEqual([{ owner: EMBEDDED_ROLES.owner }]);
        expect(db.rows).toEqual([{ owner: EMBEDDED_ROLES.owner }]);
        await expect(sql`DELETE FROM audit_log`.execute(opened.db)).rejects.toThrow(/permission denied/);
        await expect(sql`INSERT INTO telemetry_y2026m01 SELECT * FROM telemetry LIMIT 0`.execute(opened.db)).resolves.toBeDefined();
      } finally {
        await opened.close();
      }
      const file = path.join(dataDir, 'pg-roles.json');
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      const first = fs.readFileSync(file, 'utf8');
      const again = await openDatabase(config, quiet);
      await again.close();
      expect(fs.readFileSync(file, 'utf8'), 'the passwords are made once and reused').toBe(first);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});

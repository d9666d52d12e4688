/**
 * Least privilege down to the database (issue #8 §2). The test database is used exactly as the
 * app uses its own: through the application role (test/helpers/db.ts). These tests try, as that
 * role, what an attacker inside the app would try against the audit log, and check that the
 * owner's grants converge whatever state they start from.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { adminUrl, asOwner, createTestDb, type TestDb } from '../../test/helpers/db.js';
import { applyGrants, assertLeastPrivilege, ensureRoles, PrivilegeError } from './privileges.js';

let t: TestDb;
const roles = inject('dbRoles');

beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t?.drop());

async function asClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

const auditRow = () => sql`
  INSERT INTO audit_log (tenant_id, id, at, account_id, role, action, entity_type, entity_id, ip, user_agent, detail)
  VALUES (gen_random_uuid(), gen_random_uuid(), now(), NULL, 'system', 'read', 'person', NULL, NULL, NULL, '{}')`;

describe('the application role', () => {
  it('is the role the app connects as, and no superuser, role creator or member of the owner', async () => {
    const { rows } = await sql<{ user: string; rolsuper: boolean; rolcreaterole: boolean; rolbypassrls: boolean; owner: boolean }>`
      SELECT current_user AS user, rolsuper, rolcreaterole, rolbypassrls, pg_has_role(current_user, ${roles.owner}, 'MEMBER') AS owner
      FROM pg_roles WHERE rolname = current_user`.execute(t.db);
    expect(rows[0]).toEqual({ user: roles.app, rolsuper: false, rolcreaterole: false, rolbypassrls: false, owner: false });
  });

  it('may INSERT into and SELECT from the audit log', async () => {
    await auditRow().execute(t.db);
    expect((await t.db.selectFrom('audit_log').select('id').execute()).length).toBeGreaterThan(0);
  });

  it('may not UPDATE, DELETE or TRUNCATE the audit log', async () => {
    await auditRow().execute(t.db);
    const denied = /permission denied for table audit_log/;
    await expect(sql`UPDATE audit_log SET action = 'tampered'`.execute(t.db)).rejects.toThrow(denied);
    await expect(sql`DELETE FROM audit_log`.execute(t.db)).rejects.toThrow(denied);
    await expect(sql`TRUNCATE audit_log`.execute(t.db)).rejects.toThrow(denied);
  });

  it('may not switch off the audit trigger, by ALTER TABLE or by session_replication_role', async () => {
    await expect(sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`.execute(t.db)).rejects.toThrow(/must be owner/);
    await expect(sql`ALTER TABLE audit_log DISABLE TRIGGER ALL`.execute(t.db)).rejects.toThrow(/must be owner/);
    await expect(sql`SET session_replication_role = replica`.execute(t.db)).rejects.toThrow(/permission denied to set parameter/);
    await expect(sql`SET ROLE ${sql.id(roles.owner)}`.execute(t.db)).rejects.toThrow(/permission denied to set role/);
  });

  it('may not create tables, functions or other objects in the schema, nor drop or alter the tables', async () => {
    await expect(sql`CREATE TABLE audit_log_copy (id uuid)`.execute(t.db)).rejects.toThrow(/permission denied for schema/);
    await expect(sql`CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1'`.execute(t.db)).rejects.toThrow(
      /permission denied for schema/,
    );
    await expect(
      sql`CREATE TABLE telemetry_y2030m01 PARTITION OF telemetry FOR VALUES FROM ('2030-01-01') TO ('2030-02-01')`.execute(t.db),
    ).rejects.toThrow(/permission denied|must be owner/);
    await expect(sql`DROP TABLE audit_log`.execute(t.db)).rejects.toThrow(/must be owner/);
    await expect(sql`ALTER TABLE concerns ADD COLUMN x int`.execute(t.db)).rejects.toThrow(/must be owner/);
    await expect(t.db.transaction().execute((trx) => sql`LOCK TABLE audit_log IN ACCESS EXCLUSIVE MODE`.execute(trx))).rejects.toThrow(
      /permission denied/,
    );
  });

  it('may use the app tables (SELECT, INSERT, UPDATE, DELETE) and nothing of the migrator', async () => {
    const { rows } = await sql<{ ok: boolean; migrator: boolean }>`
      SELECT bool_and(has_table_privilege(current_user, c.oid, 'SELECT') AND has_table_privilege(current_user, c.oid, 'INSERT')
               AND has_table_privilege(current_user, c.oid, 'UPDATE') AND has_table_privilege(current_user, c.oid, 'DELETE')) FILTER (WHERE c.relname NOT IN ('audit_log', 'kysely_migration', 'kysely_migration_lock')) AS ok,
             bool_or(has_table_privilege(current_user, c.oid, 'SELECT, INSERT, UPDATE, DELETE, TRUNCATE')) FILTER (WHERE c.relname LIKE 'kysely_migration%') AS migrator
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')`.execute(t.db);
    expect(rows[0]).toEqual({ ok: true, migrator: false });
    const { rows: any } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
        AND has_table_privilege(current_user, c.oid, 'TRUNCATE, TRIGGER, REFERENCES')`.execute(t.db);
    expect(any[0]!.n, 'tables the app may TRUNCATE, put triggers on or reference').toBe(0);
  });

  it('passes the boot check; a superuser and the owner itself do not', async () => {
    await expect(assertLeastPrivilege(await poolOf(t.url), roles.owner)).resolves.toBeUndefined();
    await expect(asClient(adminUrl(t.name), (c) => assertLeastPrivilege(c, roles.owner))).rejects.toThrow(/superuser/);
    await expect(asClient(adminUrl(t.name), (c) => assertLeastPrivilege(c, roles.owner))).rejects.toBeInstanceOf(PrivilegeError);
    await expect(asClient(t.ownerUrl, (c) => assertLeastPrivilege(c, roles.owner))).rejects.toThrow(/is the owner role/);
  });
});

const pools: pg.Pool[] = [];
async function poolOf(url: string): Promise<pg.Pool> {
  const p = new pg.Pool({ connectionString: url, max: 1 });
  pools.push(p);
  return p;
}
afterAll(async () => {
  for (const p of pools) await p.end();
});

describe('the owner’s grants', () => {
  it('converge from any state: rights taken back from the audit log, tables added later granted, idempotent', async () => {
    // A database set up by the old instructions (the app had UPDATE and DELETE everywhere), and a
    // table a later migration adds.
    await asOwner(t, async (owner) => {
      await sql`GRANT UPDATE, DELETE, TRUNCATE ON audit_log TO ${sql.id(roles.app)}`.execute(owner);
      await sql`CREATE TABLE later_table (id int PRIMARY KEY)`.execute(owner);
      await sql`REVOKE ALL ON later_table FROM ${sql.id(roles.app)}`.execute(owner);
    });
    await expect(asClient(t.url, (c) => assertLeastPrivilege(c, roles.owner))).rejects.toThrow(/audit_log UPDATE/);

    await asClient(t.ownerUrl, (c) => applyGrants(c, roles.app));
    await asClient(t.ownerUrl, (c) => applyGrants(c, roles.app)); // again: nothing to change, no error
    await expect(sql`DELETE FROM audit_log`.execute(t.db)).rejects.toThrow(/permission denied/);
    await sql`INSERT INTO later_table VALUES (1)`.execute(t.db);
    await sql`UPDATE later_table SET id = 2`.execute(t.db);
    await expect(asClient(t.url, (c) => assertLeastPrivilege(c, roles.owner))).resolves.toBeUndefined();
  });

  it('reach a table the owner creates at run time without another grant (the monthly partitions)', async () => {
    await asOwner(t, (owner) => sql`CREATE TABLE made_at_run_time (id int)`.execute(owner));
    await sql`INSERT INTO made_at_run_time VALUES (1)`.execute(t.db);
    expect((await sql<{ id: number }>`SELECT id FROM made_at_run_time`.execute(t.db)).rows).toEqual([{ id: 1 }]);
  });

  it('let the app call only the listed SECURITY DEFINER functions', async () => {
    await asOwner(t, (owner) => sql`CREATE FUNCTION owner_only() RETURNS int LANGUAGE sql SECURITY DEFINER AS 'SELECT 1'`.execute(owner));
    await asClient(t.ownerUrl, (c) => applyGrants(c, roles.app));
    await expect(sql`SELECT owner_only()`.execute(t.db)).rejects.toThrow(/permission denied for function/);
    await expect(sql`SELECT tsunagari_ensure_telemetry_partition('2031-05-01')`.execute(t.db)).resolves.toBeDefined();
    await expect(sql`SELECT tsunagari_ensure_telemetry_partition('2031-05-02')`.execute(t.db)).rejects.toThrow(/first day of a month/);
  });
});

describe('ensureRoles', () => {
  it('is idempotent and safe when two processes create the same roles at once', async () => {
    const name = `tsunagari_test_tmp_${randomBytes(4).toString('hex')}`;
    const clients = [new pg.Client({ connectionString: adminUrl() }), new pg.Client({ connectionString: adminUrl() })];
    try {
      for (const c of clients) await c.connect();
      const spec = [{ name: `${name}_a` }, { name: `${name}_b`, password: 'x' }];
      await Promise.all(clients.map((c) => ensureRoles(c, spec)));
      await ensureRoles(clients[0]!, spec);
      const { rows } = await clients[0]!.query('SELECT rolname, rolsuper, rolcanlogin FROM pg_roles WHERE rolname LIKE $1 ORDER BY 1', [
        `${name}%`,
      ]);
      expect(rows).toEqual([
        { rolname: `${name}_a`, rolsuper: false, rolcanlogin: true },
        { rolname: `${name}_b`, rolsuper: false, rolcanlogin: true },
      ]);
    } finally {
      await clients[0]!.query(`DROP ROLE IF EXISTS ${name}_a, ${name}_b`).catch(() => {});
      for (const c of clients) await c.end().catch(() => {});
    }
  });
});

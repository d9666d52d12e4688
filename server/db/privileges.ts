/**
 * Least privilege down to the database (DESIGN.md §4, issue #8 §2). Two roles:
 * - the owner runs the migrations and owns every table and function of the schema;
 * - the application role, which the app's pool uses, may SELECT, INSERT, UPDATE and DELETE the
 *   app's tables and use their sequences, but only INSERT and SELECT the append-only tables
 *   (audit_log): no UPDATE, DELETE, TRUNCATE or ownership, so neither `ALTER TABLE audit_log
 *   DISABLE TRIGGER` nor `SET session_replication_role` is open to it. It creates nothing in the
 *   schema; what it needs beyond that goes through a narrow SECURITY DEFINER function of the owner.
 * Grants are applied by the owner after every migration run (role names differ per deployment,
 * so migrations hold none), idempotently, and then checked from the application role's side.
 */
import pg from 'pg';
import { StartupError } from './startup-error.js';

/** Anything that runs a query: a pg.Client or a pool. */
export interface Queryable {
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
}

/** Tables the application role may only INSERT into and SELECT from. */
export const APPEND_ONLY_TABLES: readonly string[] = ['audit_log'];
/** SECURITY DEFINER functions of the owner that the application role may call. */
export const APP_FUNCTIONS: readonly string[] = ['tsunagari_ensure_telemetry_partition(date)'];
/** Bookkeeping of the migrator: the application role has no business there. */
const MIGRATOR_TABLES = ['kysely_migration', 'kysely_migration_lock'];

const DML = ['SELECT', 'INSERT', 'UPDATE', 'DELETE'];
const TABLE_PRIVILEGES = [...DML, 'TRUNCATE', 'REFERENCES', 'TRIGGER'];
const id = (name: string) => pg.escapeIdentifier(name);

/** A database set-up the app refuses to run with; the message says what to change. */
export class PrivilegeError extends StartupError {}

export interface RoleSpec {
  name: string;
  /** Set (or reset) the role's password; omitted for roles that authenticate otherwise. */
  password?: string;
}

async function inTransaction<T>(client: pg.ClientBase, fn: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    const out = await fn();
    await client.query('COMMIT');
    return out;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  }
}

/**
 * Creates the owner and application roles if missing, and makes sure neither is a superuser or may
 * create roles (run as a superuser). Roles are cluster-wide and two processes may do this at once
 * on one server (two test runs): an advisory lock serialises them, and a lost race is retried.
 */
export async function ensureRoles(admin: pg.ClientBase, roles: RoleSpec[]): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await inTransaction(admin, async () => {
        await admin.query(`SELECT pg_advisory_xact_lock(hashtext('tsunagari:roles'))`);
        for (const r of roles) {
          const { rowCount } = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [r.name]);
          const attrs = `LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS${r.password === undefined ? '' : ` PASSWORD ${pg.escapeLiteral(r.password)}`}`;
          await admin.query(`${rowCount ? 'ALTER' : 'CREATE'} ROLE ${id(r.name)} ${attrs}`);
        }
      });
      return;
    } catch (err) {
      // Another server process created the role between our look and our CREATE (the lock is per
      // database, so a process connected to another database is not held off by it).
      const code = (err as { code?: string }).code;
      if (attempt < 3 && (code === '42710' || code === '23505' || code === 'XX000')) continue;
      throw err;
    }
  }
}

/**
 * Hands every object of the current schema to `owner` (run as a superuser, in the app's database).
 * Databases made by earlier versions were owned by the `postgres` superuser, which owned the tables.
 * Returns how many objects changed owner.
 */
export async function adoptObjects(admin: pg.ClientBase, owner: string): Promise<number> {
  const kinds: Record<string, string> = { r: 'TABLE', p: 'TABLE', v: 'VIEW', m: 'MATERIALIZED VIEW', f: 'FOREIGN TABLE', S: 'SEQUENCE' };
  const { rows } = await admin.query<{ stmt: string; name: string }>(
    `SELECT CASE c.relkind ${Object.entries(kinds)
      .map(([k, v]) => `WHEN '${k}' THEN 'ALTER ${v} '`)
      .join(' ')} END || c.oid::regclass::text AS stmt, c.relname AS name
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
       AND c.relowner <> (SELECT oid FROM pg_roles WHERE rolname = $1)
       -- a sequence owned by a column follows its table
       AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i')))
     UNION ALL
     SELECT CASE p.prokind WHEN 'p' THEN 'ALTER PROCEDURE ' WHEN 'a' THEN 'ALTER AGGREGATE ' ELSE 'ALTER FUNCTION ' END
              || p.oid::regprocedure::text, p.proname
     FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
     WHERE n.nspname = current_schema() AND p.proowner <> (SELECT oid FROM pg_roles WHERE rolname = $1)
     UNION ALL
     SELECT CASE t.typtype WHEN 'd' THEN 'ALTER DOMAIN ' ELSE 'ALTER TYPE ' END || t.oid::regtype::text, t.typname
     FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
     WHERE n.nspname = current_schema() AND t.typowner <> (SELECT oid FROM pg_roles WHERE rolname = $1)
       AND t.typtype IN ('e', 'd', 'r', 'm', 'c') AND (t.typrelid = 0 OR (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c')`,
    [owner],
  );
  if (rows.length === 0) return 0;
  await inTransaction(admin, async () => {
    for (const r of rows) await admin.query(`${r.stmt} OWNER TO ${id(owner)}`);
  });
  return rows.length;
}

interface TableAcl {
  name: string;
  root: string;
  has: string[];
  public_has: string[];
}

/**
 * Gives the application role exactly its privileges on the current schema and takes away the
 * rest (run as the owner, after migrating; idempotent, cheap when nothing changed). Default
 * privileges cover tables the owner creates later at run time (the monthly telemetry partitions
 * made by the SECURITY DEFINER function).
 */
export async function applyGrants(owner: pg.ClientBase, app: string): Promise<void> {
  const { rows: v } = await owner.query<{ n: number }>(`SELECT current_setting('server_version_num')::int AS n`);
  // MAINTAIN (VACUUM, ANALYZE, REINDEX, LOCK TABLE …) exists from PostgreSQL 17.
  const all = v[0]!.n >= 170000 ? [...TABLE_PRIVILEGES, 'MAINTAIN'] : TABLE_PRIVILEGES;
  await inTransaction(owner, async () => {
    // Two app copies starting at once would otherwise update the same catalog rows concurrently.
    await owner.query(`SELECT pg_advisory_xact_lock(hashtext('tsunagari:grants'))`);
    const { rows: s } = await owner.query<{ schema: string }>('SELECT current_schema() AS schema');
    const schema = id(s[0]!.schema);
    const statements: string[] = [
      `ALTER DEFAULT PRIVILEGES IN SCHEMA ${schema} GRANT ${DML.join(', ')} ON TABLES TO ${id(app)}`,
      `ALTER DEFAULT PRIVILEGES IN SCHEMA ${schema} GRANT USAGE ON SEQUENCES TO ${id(app)}`,
    ];
    const { rows: schemaAcl } = await owner.query<{ usage: boolean; create: boolean }>(
      `SELECT has_schema_privilege($1, current_schema(), 'USAGE') AS usage, has_schema_privilege($1, current_schema(), 'CREATE') AS create`,
      [app],
    );
    if (!schemaAcl[0]!.usage) statements.push(`GRANT USAGE ON SCHEMA ${schema} TO ${id(app)}`);
    if (schemaAcl[0]!.create) statements.push(`REVOKE CREATE ON SCHEMA ${schema} FROM PUBLIC, ${id(app)}`);

    const { rows: tables } = await owner.query<TableAcl>(
      `SELECT c.oid::regclass::text AS name, coalesce(r.relname, c.relname) AS root,
         array(SELECT p FROM unnest($2::text[]) p WHERE has_table_privilege($1, c.oid, p)) AS has,
         array(SELECT p FROM unnest($2::text[]) p WHERE has_table_privilege('public', c.oid, p)) AS public_has
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       LEFT JOIN pg_class r ON r.oid = pg_partition_root(c.oid)
       WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
       ORDER BY 1`,
      [app, all],
    );
    for (const t of tables) {
      const wanted = MIGRATOR_TABLES.includes(t.root) ? [] : APPEND_ONLY_TABLES.includes(t.root) ? ['SELECT', 'INSERT'] : DML;
      const missing = wanted.filter((p) => !t.has.includes(p));
      const extra = t.has.filter((p) => !wanted.includes(p));
      if (missing.length) statements.push(`GRANT ${missing.join(', ')} ON TABLE ${t.name} TO ${id(app)}`);
      if (extra.length) {
        const fromPublic = extra.some((p) => t.public_has.includes(p));
        statements.push(`REVOKE ${extra.join(', ')} ON TABLE ${t.name} FROM ${fromPublic ? 'PUBLIC, ' : ''}${id(app)}`);
      }
    }

    const { rows: seqs } = await owner.query<{ name: string; usage: boolean; more: boolean }>(
      `SELECT c.oid::regclass::text AS name, has_sequence_privilege($1, c.oid, 'USAGE') AS usage,
         has_sequence_privilege($1, c.oid, 'SELECT') OR has_sequence_privilege($1, c.oid, 'UPDATE') AS more
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = current_schema() AND c.relkind = 'S'`,
      [app],
    );
    for (const q of seqs) {
      if (!q.usage) statements.push(`GRANT USAGE ON SEQUENCE ${q.name} TO ${id(app)}`);
      if (q.more) statements.push(`REVOKE SELECT, UPDATE ON SEQUENCE ${q.name} FROM PUBLIC, ${id(app)}`);
    }

    // SECURITY DEFINER functions run with the owner's rights: only the listed ones are callable.
    const { rows: fns } = await owner.query<{ name: string; signature: string; can: boolean }>(
      `SELECT p.oid::regprocedure::text AS name, p.proname || '(' || oidvectortypes(p.proargtypes) || ')' AS signature,
         has_function_privilege($1, p.oid, 'EXECUTE') AS can
       FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
       WHERE n.nspname = current_schema() AND p.prosecdef`,
      [app],
    );
    for (const f of fns) {
      const wanted = APP_FUNCTIONS.includes(f.signature);
      if (wanted && !f.can) statements.push(`GRANT EXECUTE ON FUNCTION ${f.name} TO ${id(app)}`);
      if (!wanted && f.can) statements.push(`REVOKE EXECUTE ON FUNCTION ${f.name} FROM PUBLIC, ${id(app)}`);
    }
    for (const stmt of statements) await owner.query(stmt);
  });
}

/**
 * Checks, from the application role's own connection, that it holds no more than it should: not a
 * superuser, cannot create roles or bypass row security, is not a member of the owner, owns nothing,
 * cannot create in the schema, cannot change or empty the append-only tables, and cannot set
 * session_replication_role. Throws PrivilegeError naming what is wrong and what to do.
 * `attributesOnly` checks only what grants cannot fix (superuser, CREATEROLE, membership), before migrating.
 */
export async function assertLeastPrivilege(
  app: Queryable,
  owner: string,
  opts: { variable?: string; attributesOnly?: boolean } = {},
): Promise<void> {
  const { rows } = await app.query<{
    role: string;
    rolsuper: boolean;
    rolcreaterole: boolean;
    rolbypassrls: boolean;
    member_of_owner: boolean;
    owns: string[];
    create_in_schema: boolean;
    append_only_writable: string[];
    replication_role: boolean;
  }>(
    `SELECT current_user AS role, r.rolsuper, r.rolcreaterole, r.rolbypassrls,
       pg_has_role(current_user, $1, 'MEMBER') AS member_of_owner,
       array(SELECT c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = current_schema() AND pg_has_role(current_user, c.relowner, 'USAGE') LIMIT 5) AS owns,
       has_schema_privilege(current_user, current_schema(), 'CREATE') AS create_in_schema,
       array(SELECT t || ' ' || p FROM unnest($2::text[]) t, unnest(array['UPDATE', 'DELETE', 'TRUNCATE']) p
             WHERE to_regclass(t) IS NOT NULL AND has_table_privilege(current_user, to_regclass(t), p)) AS append_only_writable,
       has_parameter_privilege(current_user, 'session_replication_role', 'SET') AS replication_role
     FROM pg_roles r WHERE r.rolname = current_user`,
    [owner, APPEND_ONLY_TABLES],
  );
  const r = rows[0]!;
  const role = `${opts.variable ?? 'DATABASE_URL'} connects as "${r.role}"`;
  const fix = 'See docs/OPERATIONS.md (Database roles) for the roles and grants to set up.';
  if (r.rolsuper) {
    throw new PrivilegeError(
      `${role}, a superuser. Tsunagari refuses to run as a superuser: a superuser can switch off the audit log's protection. ` +
        `Connect the app as its application role (DML only) and give the owner role in DATABASE_OWNER_URL. ${fix}`,
    );
  }
  if (r.rolcreaterole || r.rolbypassrls) {
    throw new PrivilegeError(
      `${role}, which has ${r.rolcreaterole ? 'CREATEROLE' : 'BYPASSRLS'}. Remove it: ALTER ROLE ${id(r.role)} NOCREATEROLE NOBYPASSRLS. ${fix}`,
    );
  }
  if (r.role === owner || r.member_of_owner) {
    throw new PrivilegeError(
      `${role}, which ${r.role === owner ? 'is' : 'is a member of'} the owner role "${owner}" (DATABASE_OWNER_URL). The application role must be a separate role without the owner's rights. ${fix}`,
    );
  }
  if (opts.attributesOnly) return;
  if (r.owns.length) {
    throw new PrivilegeError(
      `${role}, which owns ${r.owns.join(', ')}. Give them to the owner: ALTER TABLE … OWNER TO ${id(owner)}. ${fix}`,
    );
  }
  if (r.create_in_schema) {
    throw new PrivilegeError(
      `${role}, which may CREATE in the schema. Revoke it: REVOKE CREATE ON SCHEMA public FROM PUBLIC, ${id(r.role)}. ${fix}`,
    );
  }
  if (r.append_only_writable.length) {
    throw new PrivilegeError(
      `${role}, which still has ${r.append_only_writable.join(', ')} on the append-only audit log (granted through another role?). ${fix}`,
    );
  }
  if (r.replication_role) {
    throw new PrivilegeError(
      `${role}, which may SET session_replication_role (it would switch off triggers). REVOKE SET ON PARAMETER session_replication_role FROM ${id(r.role)}.`,
    );
  }
}

/**
 * Checksums of table contents, to prove that a request changed nothing: every row of every
 * table (or every row of one tenant), not just row counts, so an UPDATE shows as well as an
 * INSERT or DELETE. One round trip per snapshot. They read as the schema's owner: the app's
 * role may not read every table (the migrations' own), and a snapshot must see them all.
 */
import { sql } from 'kysely';
import { createDb, createPool, type DB } from '../../server/db/database.js';
import type { TestDb } from './db.js';

/** A handle as the schema's owner for snapshots; destroy it before the test database is dropped. */
export function snapshotDb(testDb: TestDb): DB {
  return createDb(createPool(testDb.ownerUrl, 2));
}

let tablesCache: Promise<{ name: string; tenantScoped: boolean }[]> | null = null;

/** Ordinary and partitioned tables of the public schema (partitions are read through their parent). */
function tables(db: DB) {
  tablesCache ??= sql<{ name: string; tenant_scoped: boolean }>`
    SELECT c.relname AS name,
           EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped) AS tenant_scoped
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
    ORDER BY c.relname`
    .execute(db)
    .then((r) => r.rows.map((x) => ({ name: x.name, tenantScoped: x.tenant_scoped })));
  return tablesCache;
}

async function digest(db: DB, parts: { name: string; where: ReturnType<typeof sql> }[]): Promise<Record<string, string>> {
  if (!parts.length) return {};
  const selects = parts.map(
    (p) =>
      sql`SELECT ${p.name}::text AS name, md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS sum FROM ${sql.table(p.name)} x ${p.where}`,
  );
  const { rows } = await sql<{ name: string; sum: string }>`${sql.join(selects, sql` UNION ALL `)}`.execute(db);
  return Object.fromEntries(rows.map((r) => [r.name, r.sum]));
}

/** Every row that belongs to the tenant: its tenant-scoped tables and its own tenants row. */
export async function tenantSnapshot(db: DB, tenantId: string): Promise<Record<string, string>> {
  const scoped = (await tables(db)).filter((t) => t.tenantScoped);
  return digest(db, [
    ...scoped.map((t) => ({ name: t.name, where: sql`WHERE x.tenant_id = ${tenantId}` })),
    { name: 'tenants', where: sql`WHERE x.id = ${tenantId}` },
  ]);
}

/** Every table of the database except those named (which reads or logins may change). */
export async function databaseSnapshot(db: DB, except: string[] = []): Promise<Record<string, string>> {
  const all = (await tables(db)).filter((t) => !except.includes(t.name));
  return digest(
    db,
    all.map((t) => ({ name: t.name, where: sql`` })),
  );
}

/**
 * The one database handle: Kysely on `pg` (PostgresDialect), against the embedded server or
 * an external PostgreSQL >= 15 (DATABASE_URL).
 */

import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';

// int8 (counts, sums) arrive as strings by default; our counts fit in a JS number.
pg.types.setTypeParser(20, (v) => Number(v));
// numeric (averages, ratios) likewise.
pg.types.setTypeParser(1700, (v) => Number(v));

export type DB = Kysely<Database>;

export function createPool(connectionString: string, max: number, onError: (err: Error) => void = () => {}): pg.Pool {
  const pool = new pg.Pool({ connectionString, max, application_name: 'tsunagari' });
  // An idle connection closed by the server (restart, failover, admin) must not crash the app;
  // the pool replaces it on next use.
  pool.on('error', onError);
  return pool;
}

export function createDb(pool: pg.Pool): DB {
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/** Creates the named database if it does not exist (for first start and tests). */
export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

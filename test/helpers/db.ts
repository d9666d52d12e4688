/**
 * A fresh database per test file, cloned from the migrated template. The app's handle (`db`,
 * `url`) connects as the application role, as in production: no superuser, no ownership, only
 * INSERT and SELECT on the audit log. A test that needs more says so: `asOwner` (the schema's
 * owner, e.g. to switch the audit trigger off) or `adminUrl()` (the superuser).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { createDb, createPool, type DB, withDatabase } from '../../server/db/database.js';

export interface TestDb {
  /** As the application role. */
  db: DB;
  /** The application role's URL. */
  url: string;
  /** The owner role's URL (migrations, grants, DDL): only for tests that say why they need it. */
  ownerUrl: string;
  name: string;
  drop(): Promise<void>;
}

/** The superuser's URL for the test server (database `name`, or its admin database). */
export function adminUrl(name?: string): string {
  return name ? withDatabase(inject('adminUrl'), name) : inject('adminUrl');
}

/** database `name` on the test server as one of the test roles. */
export function roleUrl(role: 'owner' | 'app', name: string): string {
  const roles = inject('dbRoles');
  const u = new URL(withDatabase(inject('adminUrl'), name));
  u.username = roles[role];
  u.password = roles.password;
  return u.toString();
}

async function adminQuery(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: inject('adminUrl') });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

export async function createTestDb(): Promise<TestDb> {
  const name = `${inject('runPrefix')}_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name} TEMPLATE ${inject('templateDb')} OWNER ${pg.escapeIdentifier(inject('dbRoles').owner)}`);
  const url = roleUrl('app', name);
  const pool = createPool(url, 10);
  const db = createDb(pool);
  return {
    db,
    url,
    ownerUrl: roleUrl('owner', name),
    name,
    async drop() {
      await db.destroy();
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/** Runs fn with a Kysely handle as the schema's owner (for tests that need more than the app may do). */
export async function asOwner<T>(testDb: TestDb, fn: (db: DB) => Promise<T>): Promise<T> {
  const db = createDb(createPool(testDb.ownerUrl, 2));
  try {
    return await fn(db);
  } finally {
    await db.destroy();
  }
}

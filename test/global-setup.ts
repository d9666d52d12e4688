/**
 * Starts the database server the tests use — a fresh embedded PostgreSQL of this run (fast
 * settings, in a temporary directory, on a free port) or TEST_DATABASE_URL's server — and builds
 * a migrated template database that every test file clones in milliseconds. Runs never share an
 * embedded server, so two runs on one machine cannot stop each other's.
 *
 * Tests run as the app does in production: as an application role that is not a superuser and may
 * only INSERT and SELECT the audit log (server/db/privileges.ts), so any code path that needs more
 * fails a test. The template is migrated and granted by an owner role; the superuser (adminUrl)
 * only creates and drops databases. Roles are cluster-wide and two runs may share a server, so
 * they are created idempotently, under a lock, with fixed names and a fixed test password.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { withDatabase } from '../server/db/database.js';
import { type EmbeddedHandle, startEmbedded } from '../server/db/embedded.js';
import { migrateAndGrant } from '../server/db/open.js';
import { ensureRoles } from '../server/db/privileges.js';

/**
 * Each run has its own prefix (start time + random), so several runs can share a server (a
 * developer's run beside CI's) without dropping each other's databases. Leftovers of runs that
 * started over six hours ago are cleaned up.
 */
const RUN = `tsunagari_test_${Math.floor(Date.now() / 1000)}_${Math.random().toString(36).slice(2, 8)}`;
export const TEMPLATE_DB = `${RUN}_template`;
const STALE_S = 6 * 3600;
/** The test server's owner and application roles (test-only; never used outside test servers). */
export const TEST_ROLES = { owner: 'tsunagari_test_owner', app: 'tsunagari_test_app', password: 'tsunagari-test-role' } as const;

declare module 'vitest' {
  export interface ProvidedContext {
    /** The superuser: CREATE/DROP DATABASE only; a test that needs it says so. */
    adminUrl: string;
    templateDb: string;
    runPrefix: string;
    dbRoles: { owner: string; app: string; password: string };
  }
}

let embedded: EmbeddedHandle | null = null;
let embeddedDir: string | null = null;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** adminUrl's server and database `name`, as one of the test roles. */
function roleUrl(adminUrl: string, role: string, name: string): string {
  const u = new URL(withDatabase(adminUrl, name));
  u.username = role;
  u.password = TEST_ROLES.password;
  return u.toString();
}

export default async function setup(project: TestProject) {
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    embeddedDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsunagari-test-pg-'));
    embedded = await startEmbedded({ dir: embeddedDir, port: await freePort(), durable: false });
    adminUrl = embedded.url;
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  // Leftovers of interrupted runs, then a fresh template from the current migrations.
  const { rows } = await admin.query(`SELECT datname FROM pg_database WHERE datname LIKE 'tsunagari_test_%'`);
  const now = Math.floor(Date.now() / 1000);
  for (const { datname } of rows) {
    const started = Number(/^tsunagari_test_(\d+)_/.exec(datname)?.[1] ?? 0);
    if (now - started > STALE_S) await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(datname)} WITH (FORCE)`);
  }
  await ensureRoles(admin, [
    { name: TEST_ROLES.owner, password: TEST_ROLES.password },
    { name: TEST_ROLES.app, password: TEST_ROLES.password },
  ]);
  await admin.query(`CREATE DATABASE ${TEMPLATE_DB} OWNER ${TEST_ROLES.owner}`);
  await admin.end();
  await migrateAndGrant(roleUrl(adminUrl, TEST_ROLES.owner, TEMPLATE_DB), TEST_ROLES.app);
  project.provide('adminUrl', adminUrl);
  project.provide('templateDb', TEMPLATE_DB);
  project.provide('runPrefix', RUN);
  project.provide('dbRoles', { ...TEST_ROLES });
  return async () => {
    const a = new pg.Client({ connectionString: adminUrl });
    await a.connect();
    const { rows: left } = await a.query(`SELECT datname FROM pg_database WHERE starts_with(datname, $1)`, [RUN]);
    for (const { datname } of left) await a.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(datname)} WITH (FORCE)`);
    await a.end();
    await embedded?.stop();
    if (embeddedDir) fs.rmSync(embeddedDir, { recursive: true, force: true });
  };
}

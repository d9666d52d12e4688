/**
 * Starts the database server the tests use — the embedded PostgreSQL (fast settings, under
 * ./data/test-pg) or TEST_DATABASE_URL's server — and builds a migrated template database that
 * every test file clones in milliseconds.
 */
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createDb, createPool } from '../server/db/database.js';
import { startEmbedded, type EmbeddedHandle } from '../server/db/embedded.js';
import { migrateToLatest } from '../server/db/migrate.js';

export const TEMPLATE_DB = 'tsunagari_test_template';

declare module 'vitest' {
  export interface ProvidedContext {
    adminUrl: string;
    templateDb: string;
  }
}

let embedded: EmbeddedHandle | null = null;

export default async function setup(project: TestProject) {
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    embedded = await startEmbedded({ dir: path.resolve('data/test-pg'), port: Number(process.env.TEST_EMBEDDED_PG_PORT ?? 54339), durable: false });
    adminUrl = embedded.url;
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  // Leftovers of an interrupted run, then a fresh template from the current migrations.
  const { rows } = await admin.query(`SELECT datname FROM pg_database WHERE datname LIKE 'tsunagari_test_%'`);
  for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(datname)} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  const u = new URL(adminUrl);
  u.pathname = `/${TEMPLATE_DB}`;
  const pool = createPool(u.toString(), 2);
  const db = createDb(pool);
  await migrateToLatest(db);
  await db.destroy();
  await admin.end();
  project.provide('adminUrl', adminUrl);
  project.provide('templateDb', TEMPLATE_DB);
  return async () => {
    const a = new pg.Client({ connectionString: adminUrl });
    await a.connect();
    const { rows: left } = await a.query(`SELECT datname FROM pg_database WHERE datname LIKE 'tsunagari_test_%'`);
    for (const { datname } of left) await a.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(datname)} WITH (FORCE)`);
    await a.end();
    await embedded?.stop();
  };
}

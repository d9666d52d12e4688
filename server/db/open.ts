/**
 * Opens the database the config names: DATABASE_URL, or the embedded server under
 * DATA_DIR/pg with a `tsunagari` database. Creates the database and migrates it.
 */
import path from 'node:path';
import type pg from 'pg';
import type { Config } from '../config.js';
import { createDb, createPool, type DB, ensureDatabase, withDatabase } from './database.js';
import { type EmbeddedHandle, startEmbedded } from './embedded.js';
import { migrateToLatest } from './migrate.js';

export interface OpenDatabase {
  url: string;
  db: DB;
  pool: pg.Pool;
  embedded: EmbeddedHandle | null;
  close(): Promise<void>;
}

export async function openDatabase(config: Config, log: (line: string) => void): Promise<OpenDatabase> {
  let embedded: EmbeddedHandle | null = null;
  let url: string;
  if (config.databaseUrl) {
    url = config.databaseUrl;
  } else {
    embedded = await startEmbedded({ dir: path.join(config.dataDir, 'pg'), port: config.embeddedPgPort, durable: true, log });
    await ensureDatabase(embedded.url, 'tsunagari');
    url = withDatabase(embedded.url, 'tsunagari');
  }
  const pool = createPool(url, config.dbPoolSize);
  const db = createDb(pool);
  await migrateToLatest(db);
  return {
    url,
    db,
    pool,
    embedded,
    async close() {
      await db.destroy();
      await embedded?.stop();
    },
  };
}

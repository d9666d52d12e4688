/** Runs Kysely's Migrator over the static migration list (server/db/migrations/index.ts). */
import { type Kysely, Migrator } from 'kysely';
import { migrations } from './migrations/index.js';
import { withoutStatementTimeout } from './timeouts.js';

// biome-ignore lint/suspicious/noExplicitAny: migrations run on an untyped Kysely (they must not depend on today's table types)
export async function migrateToLatest(db: Kysely<any>): Promise<void> {
  // A migration may rebuild an index on a big table: it runs without the sessions' statement timeout.
  const { error, results } = await withoutStatementTimeout(db, (conn) =>
    new Migrator({ db: conn, provider: { getMigrations: async () => migrations } }).migrateToLatest(),
  );
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${String((error as Error)?.message ?? error)}`);
  }
}

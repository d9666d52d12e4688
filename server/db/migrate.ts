/** Runs Kysely's Migrator over the static migration list (server/db/migrations/index.ts). */
import { type Kysely, Migrator } from 'kysely';
import { migrations } from './migrations/index.js';

// biome-ignore lint/suspicious/noExplicitAny: migrations run on an untyped Kysely (they must not depend on today's table types)
export async function migrateToLatest(db: Kysely<any>): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${String((error as Error)?.message ?? error)}`);
  }
}

/**
 * Room for work that may take longer than the statement timeout every session has (default
 * 15 s): maintenance such as creating telemetry partitions, which may wait for a lock or move
 * rows. The longer limit holds for one transaction only (SET LOCAL), and the client-side timer
 * of its statements follows it.
 */
import { sql } from 'kysely';
import { CLIENT_GRACE_MS, type DB } from './database.js';
import { queryScope } from './query-scope.js';

/** Runs fn in a transaction whose statements may each take up to `ms` (0: no limit). */
export function withStatementTimeout<T>(db: DB, ms: number, fn: (trx: DB) => Promise<T>): Promise<T> {
  const scope = { ...queryScope.getStore(), queryTimeoutMs: ms > 0 ? ms + CLIENT_GRACE_MS : 0 };
  return queryScope.run(scope, () =>
    db.transaction().execute(async (trx) => {
      await sql`SELECT set_config('statement_timeout', ${String(ms)}, true)`.execute(trx);
      return fn(trx);
    }),
  );
}

/** Runs fn on one reserved connection with no statement timeout at all (migrations: DDL on big tables), restoring it after. */
export function withoutStatementTimeout<T>(db: DB, fn: (conn: DB) => Promise<T>): Promise<T> {
  return queryScope.run({ ...queryScope.getStore(), queryTimeoutMs: 0 }, () =>
    db.connection().execute(async (conn) => {
      await sql`SET statement_timeout = 0`.execute(conn);
      try {
        return await fn(conn);
      } finally {
        await sql`RESET statement_timeout`.execute(conn);
      }
    }),
  );
}

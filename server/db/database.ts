/**
 * The one database handle: Kysely on `pg` (PostgresDialect), against the embedded server or
 * an external PostgreSQL >= 15 (DATABASE_URL).
 */

import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Config } from '../config.js';
import { mayWrite, queryScope, statementKind } from './query-scope.js';
import type { Database } from './schema.js';

// int8 (counts, sums) arrive as strings by default; our counts fit in a JS number.
pg.types.setTypeParser(20, (v) => Number(v));
// numeric (averages, ratios) likewise.
pg.types.setTypeParser(1700, (v) => Number(v));

export type DB = Kysely<Database>;

export interface PoolOptions {
  max: number;
  /** Longest wait for a connection, new or free in the pool (0: no limit). Default 5000. */
  connectTimeoutMs?: number;
  /** Server-side statement_timeout of every session (0: the server's default). Default 15000. */
  statementTimeoutMs?: number;
  /** Server-side idle_in_transaction_session_timeout (0: the server's default). Default 30000. */
  idleInTransactionTimeoutMs?: number;
  /**
   * Client-side: a statement with no answer after this fails and its connection is destroyed (a
   * frozen server cannot enforce its own statement_timeout). Default statementTimeoutMs + 1000; 0: none.
   */
  queryTimeoutMs?: number;
}

/** The pool settings the configuration asks for (DB_POOL_SIZE and the DB_*_TIMEOUT_MS variables). */
export function poolOptions(config: Config): PoolOptions {
  return {
    max: config.dbPoolSize,
    connectTimeoutMs: config.dbConnectTimeoutMs,
    statementTimeoutMs: config.dbStatementTimeoutMs,
    idleInTransactionTimeoutMs: config.dbIdleInTransactionTimeoutMs,
  };
}

/** Between the server's statement_timeout and the client's own: the server's error normally arrives first. */
export const CLIENT_GRACE_MS = 1000;

export function createPool(connectionString: string, options: number | PoolOptions, onError: (err: Error) => void = () => {}): pg.Pool {
  const o: PoolOptions = typeof options === 'number' ? { max: options } : options;
  const statementTimeoutMs = o.statementTimeoutMs ?? 15_000;
  const queryTimeoutMs = o.queryTimeoutMs ?? (statementTimeoutMs > 0 ? statementTimeoutMs + CLIENT_GRACE_MS : 0);
  const pool = new pg.Pool({
    connectionString,
    max: o.max,
    application_name: 'tsunagari',
    connectionTimeoutMillis: o.connectTimeoutMs ?? 5000,
    // Sent at connection start-up, so every session has them (pg omits a 0).
    statement_timeout: statementTimeoutMs,
    idle_in_transaction_session_timeout: o.idleInTransactionTimeoutMs ?? 30_000,
  });
  // An idle connection closed by the server (restart, failover, admin) must not crash the app;
  // the pool replaces it on next use.
  pool.on('error', onError);
  pool.on('connect', (client) => guardClient(client, queryTimeoutMs));
  return pool;
}

export class QueryTimeoutError extends Error {
  constructor(ms: number) {
    super(`Query read timeout (no answer from the database within ${ms} ms)`);
  }
}

/**
 * Wraps a new pooled connection's query() with the client-side timeout and the request deadline
 * (query-scope.ts). pg's own query_timeout fails the query but leaves the connection waiting for
 * the lost answer, and Kysely then hands it back to the pool as if healthy; here the connection is
 * ended instead, so the pool drops it (pg-pool removes a client that is ending) and the server
 * sees the session go (rolling back its transaction).
 */
function guardClient(client: pg.PoolClient, defaultTimeoutMs: number): void {
  // A connection that breaks while checked out has no pool listener: without one its 'error'
  // event would crash the process. The statement it was running fails anyway.
  client.on('error', () => {});
  const query = client.query.bind(client) as (...args: unknown[]) => Promise<pg.QueryResult> | undefined;
  let dirty = false;
  const guarded = (config: unknown, values: unknown): Promise<pg.QueryResult> => {
    const scope = queryScope.getStore();
    const text = typeof config === 'string' ? config : String((config as { text?: unknown }).text ?? '');
    const status = client.getTransactionStatus();
    const kind = statementKind(text, status, dirty);
    let settle: ((ok: boolean) => void) | null;
    try {
      settle = scope?.deadline?.admit(kind) ?? null;
    } catch (err) {
      return Promise.reject(err);
    }
    if (status === 'I' || kind === 'commit' || kind === 'rollback') dirty = false;
    if ((status === 'T' || status === 'E') && mayWrite(text)) dirty = true;
    const timeoutMs = scope?.queryTimeoutMs ?? defaultTimeoutMs;
    const running = query(config, values) as Promise<pg.QueryResult>;
    const result =
      timeoutMs > 0
        ? new Promise<pg.QueryResult>((resolve, reject) => {
            const timer = setTimeout(() => {
              reject(new QueryTimeoutError(timeoutMs));
              // With a statement in flight, end() destroys the socket at once (no goodbye to a frozen server).
              void client.end().catch(() => {});
            }, timeoutMs);
            running.then(
              (r) => {
                clearTimeout(timer);
                resolve(r);
              },
              (e) => {
                clearTimeout(timer);
                reject(e);
              },
            );
          })
        : running;
    if (settle) {
      const done = settle;
      result.then(
        () => done(true),
        () => done(false),
      );
    }
    return result;
  };
  client.query = ((config: unknown, values?: unknown, callback?: unknown) => {
    // Cursors, streams and COPY bring their own flow control: untouched.
    if (config && typeof (config as { submit?: unknown }).submit === 'function') return query(config, values, callback);
    if (typeof values === 'function') {
      callback = values;
      values = undefined;
    }
    const result = guarded(config, values);
    if (typeof callback !== 'function') return result;
    result.then(
      (r) => (callback as (e: unknown, r?: pg.QueryResult) => void)(null, r),
      (e) => (callback as (e: unknown) => void)(e),
    );
    return undefined;
  }) as typeof client.query;
}

/** Readiness: true when `SELECT 1` is answered within `timeoutMs` (a frozen server's connection is then destroyed). */
export async function pingDatabase(db: DB, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const ping = queryScope
    .run({ queryTimeoutMs: timeoutMs }, () => sql`SELECT 1`.execute(db))
    .then(
      () => true,
      () => false,
    );
  try {
    return await Promise.race([ping, late]);
  } finally {
    clearTimeout(timer);
  }
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

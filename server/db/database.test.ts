import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { adminUrl, createTestDb, roleUrl, type TestDb } from '../../test/helpers/db.js';
import { startTcpProxy, type TcpProxy } from '../../test/helpers/tcp-proxy.js';
import { isDatabaseUnavailable } from '../errors.js';
import { createDb, createPool, type DB } from './database.js';
import { migrateToLatest } from './migrate.js';
import { withStatementTimeout } from './timeouts.js';

let testDb: TestDb;
let proxy: TcpProxy;
const opened: DB[] = [];
beforeAll(async () => {
  testDb = await createTestDb();
  const u = new URL(testDb.url);
  proxy = await startTcpProxy({ host: u.hostname, port: Number(u.port) });
});
afterEach(async () => {
  proxy.resume();
  for (const db of opened.splice(0)) await db.destroy().catch(() => {});
});
afterAll(async () => {
  await proxy?.close();
  await testDb?.drop();
});

function open(pool: ReturnType<typeof createPool>): DB {
  const db = createDb(pool);
  opened.push(db);
  return db;
}

/** Settles with the promise, or fails when it takes longer than `ms` (proves "no hang", not a speed). */
async function within<T>(ms: number, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still waiting after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([p, bound]);
  } finally {
    clearTimeout(timer);
  }
}

async function until(check: () => Promise<boolean>, what: string, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const pid = async (db: DB) => (await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(db)).rows[0]!.pid;

describe('database timeouts', () => {
  it('sets statement_timeout and idle_in_transaction_session_timeout on every connection (defaults 15 s and 30 s)', async () => {
    const db = open(createPool(testDb.url, 1));
    const show = async (name: string) => (await sql.raw<Record<string, string>>(`SHOW ${name}`).execute(db)).rows[0]![name];
    expect(await show('statement_timeout')).toBe('15s');
    expect(await show('idle_in_transaction_session_timeout')).toBe('30s');
    const custom = open(createPool(testDb.url, { max: 1, statementTimeoutMs: 2500, idleInTransactionTimeoutMs: 4000 }));
    expect((await sql<{ s: string }>`SELECT current_setting('statement_timeout') AS s`.execute(custom)).rows[0]!.s).toBe('2500ms');
  });

  it('the server cancels a statement past statement_timeout; the connection stays usable', async () => {
    const db = open(createPool(testDb.url, { max: 1, statementTimeoutMs: 200 }));
    const before = await pid(db);
    const err = await within(10_000, sql`SELECT pg_sleep(5)`.execute(db)).catch((e) => e);
    expect((err as { code?: string }).code).toBe('57014');
    expect(isDatabaseUnavailable(err)).toBe(true);
    expect(await pid(db)).toBe(before);
  });

  it('a statement a frozen server never answers fails at the client-side timeout; its connection is destroyed, not handed out again', async () => {
    // The server-side timeout is long: only the client-side one can end the wait.
    const db = open(createPool(proxy.url(testDb.url), { max: 1, statementTimeoutMs: 60_000, queryTimeoutMs: 400, connectTimeoutMs: 2000 }));
    const before = await pid(db);
    proxy.freeze();
    const err = await within(10_000, sql`SELECT 1`.execute(db)).catch((e) => e);
    expect(isDatabaseUnavailable(err)).toBe(true);
    proxy.resume();
    // The same pool serves again, on a new connection (the old one would still carry the lost answer).
    expect(await within(10_000, pid(db))).not.toBe(before);
    // And the server sees the old session end (its transaction, if any, rolls back).
    await until(
      async () => (await sql`SELECT 1 FROM pg_stat_activity WHERE pid = ${before}`.execute(testDb.db)).rows.length === 0,
      'the abandoned backend to end',
    );
  });

  it('a transaction whose statement timed out client-side rolls back, and the pool serves the next one', async () => {
    // As the schema's owner: the application role may not create tables.
    const owner = open(createPool(testDb.ownerUrl, 1));
    await sql`CREATE TABLE IF NOT EXISTS timeout_probe (n int)`.execute(owner);
    const db = open(
      createPool(proxy.url(testDb.ownerUrl), { max: 1, statementTimeoutMs: 60_000, queryTimeoutMs: 400, connectTimeoutMs: 2000 }),
    );
    const err = await within(
      10_000,
      db.transaction().execute(async (trx) => {
        await sql`INSERT INTO timeout_probe VALUES (1)`.execute(trx);
        proxy.freeze();
        await sql`INSERT INTO timeout_probe VALUES (2)`.execute(trx);
      }),
    ).catch((e) => e);
    expect(isDatabaseUnavailable(err)).toBe(true);
    proxy.resume();
    await within(
      10_000,
      db.transaction().execute((trx) => sql`INSERT INTO timeout_probe VALUES (3)`.execute(trx)),
    );
    await until(
      async () =>
        (
          await sql`SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'`.execute(
            testDb.db,
          )
        ).rows.length === 0,
      'no transaction left open',
    );
    const rows = (await sql<{ n: number }>`SELECT n FROM timeout_probe ORDER BY n`.execute(owner)).rows;
    expect(rows.map((r) => r.n)).toEqual([3]);
  });

  it('connecting to a frozen server gives up after connectTimeoutMs', async () => {
    const db = open(createPool(proxy.url(testDb.url), { max: 1, connectTimeoutMs: 300 }));
    proxy.freeze();
    const err = await within(10_000, sql`SELECT 1`.execute(db)).catch((e) => e);
    expect(isDatabaseUnavailable(err)).toBe(true);
    proxy.resume();
    expect(await within(10_000, pid(db))).toBeGreaterThan(0);
  });

  it('a connection cut while in use fails its statement as "unavailable" without crashing the process', async () => {
    const db = open(createPool(testDb.url, 2));
    const err = await db
      .transaction()
      .execute(async (trx) => {
        const mine = await pid(trx);
        await sql`SELECT pg_terminate_backend(${mine})`.execute(testDb.db);
        await sql`SELECT 1`.execute(trx);
      })
      .catch((e) => e);
    expect(isDatabaseUnavailable(err)).toBe(true);
    expect(await pid(db)).toBeGreaterThan(0);
  });

  it('maintenance may run longer than the statement timeout inside withStatementTimeout', async () => {
    const db = open(createPool(testDb.url, { max: 1, statementTimeoutMs: 100, queryTimeoutMs: 200 }));
    await expect(sql`SELECT pg_sleep(0.4)`.execute(db)).rejects.toMatchObject({ code: '57014' });
    const rows = await withStatementTimeout(db, 5000, (trx) => sql<{ ok: number }>`SELECT 1 AS ok FROM pg_sleep(0.4)`.execute(trx));
    expect(rows.rows).toEqual([{ ok: 1 }]);
    // The longer limit does not outlive its transaction.
    await expect(sql`SELECT pg_sleep(0.4)`.execute(db)).rejects.toMatchObject({ code: '57014' });
  });

  it('migrations run without the statement timeout: a fresh database migrates on a pool whose timeout is 10 ms', async () => {
    const name = `${testDb.name}_fresh`;
    const admin = new pg.Client({ connectionString: adminUrl() });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${name} OWNER ${pg.escapeIdentifier(new URL(testDb.ownerUrl).username)}`);
      const db = open(createPool(roleUrl('owner', name), { max: 2, statementTimeoutMs: 10 }));
      await expect(sql`SELECT pg_sleep(0.05)`.execute(db)).rejects.toMatchObject({ code: '57014' });
      await migrateToLatest(db);
      expect((await sql<{ n: number }>`SELECT count(*)::int AS n FROM kysely_migration`.execute(db)).rows[0]!.n).toBeGreaterThan(5);
      // The pool's sessions keep their timeout afterwards.
      await expect(sql`SELECT pg_sleep(0.05)`.execute(db)).rejects.toMatchObject({ code: '57014' });
      await db.destroy();
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });
});

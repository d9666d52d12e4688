/**
 * The app against a database that goes away, freezes or answers too late, through a TCP proxy
 * in the test process between the app's pool and PostgreSQL (test/helpers/tcp-proxy.ts). What a
 * caller sees: 503 with Retry-After within the configured timeouts (never a 500, a hang or a 2xx
 * for what was not saved), /readyz failing while /healthz holds, and the same pool serving again
 * once the database answers (docs/OPERATIONS.md "Health, readiness and timeouts").
 */
import { Writable } from 'node:stream';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../server/app.js';
import { ManualClock } from '../server/clock.js';
import type { AppContext } from '../server/context.js';
import { createDb, createPool, poolOptions } from '../server/db/database.js';
import { PgEventBus } from '../server/events/event-bus.js';
import { type Actor, createTestApp, loginAs, T0, testConfig } from './helpers/app.js';
import { createTestDb } from './helpers/db.js';
import { createTenant } from './helpers/factories.js';
import { startTcpProxy } from './helpers/tcp-proxy.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => {});
});

/** An app whose pool reaches PostgreSQL only through the proxy; its log lines are kept. */
async function appBehindProxy(config: Record<string, string>) {
  const testDb = await createTestDb();
  cleanups.push(() => testDb.drop());
  const u = new URL(testDb.url);
  const proxy = await startTcpProxy({ host: u.hostname, port: Number(u.port) });
  cleanups.push(() => proxy.close());
  const cfg = testConfig(config);
  const db = createDb(createPool(proxy.url(testDb.url), poolOptions(cfg)));
  cleanups.push(() => db.destroy());
  const events = new PgEventBus(testDb.url);
  await events.start();
  cleanups.push(() => events.close());
  const ctx: AppContext = { db, clock: new ManualClock(T0), config: cfg, events };
  const logs: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const app = await buildApp(ctx, { serveWeb: false, logger: { level: 'warn', stream } });
  await app.ready();
  cleanups.push(() => app.close());
  const tenant = await createTenant(testDb.db, 'alpha', T0);
  const as = (role: 'hub_staff' | 'partner') => loginAs(app, tenant.accounts[role].email);
  return { app, proxy, testDb, tenant, as, logs };
}

/** Settles with the promise, or fails when it takes longer than `ms` (proves "no hang", not a speed). */
async function within<T>(ms: number, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([p, bound]);
  } finally {
    clearTimeout(timer);
  }
}

async function until<T>(check: () => T | Promise<T>, what: string, ms = 20_000): Promise<NonNullable<T>> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v as NonNullable<T>;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

function expect503(res: { statusCode: number; headers: Record<string, unknown>; json(): any }, code: string) {
  expect(res.statusCode, JSON.stringify(res.json())).toBe(503);
  expect(res.json().error.code).toBe(code);
  expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
}

const concern = (actor: Actor, key: string) =>
  actor.post(
    '/api/v1/concerns',
    { category: 'not_seen', description: '郵便受けがいっぱい', place_text: 'ハイツ南' },
    { 'idempotency-key': key },
  );

describe('database down (connections refused and reset)', () => {
  it('answers 503 database_unavailable with Retry-After; /readyz fails while /healthz holds; both recover by themselves', async () => {
    const { app, proxy, as } = await appBehindProxy({ DB_CONNECT_TIMEOUT_MS: '1000', DB_STATEMENT_TIMEOUT_MS: '2000' });
    const staff = await as('hub_staff');
    const partner = await as('partner');
    expect((await app.inject({ url: '/readyz' })).json()).toEqual({ status: 'ready', checks: { database: 'ok', mqtt: 'not_configured' } });

    proxy.down();
    const write = await within(15_000, concern(partner, 'down-1'));
    expect503(write, 'database_unavailable');
    expect(write.json().error.message).toMatch(/データベース/);
    expect503(await within(15_000, staff.get('/api/v1/triage')), 'database_unavailable');
    const ready = await within(15_000, app.inject({ url: '/readyz' }));
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toEqual({ status: 'not_ready', checks: { database: 'unavailable', mqtt: 'not_configured' } });
    expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);

    proxy.resume();
    await until(async () => (await app.inject({ url: '/readyz' })).statusCode === 200, '/readyz to recover');
    expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);
    const again = await concern(partner, 'down-1');
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBeUndefined();
    expect((await staff.get('/api/v1/triage')).statusCode).toBe(200);
  });

  it('/readyz also fails while MQTT_URL is set and the consumer is not connected', async () => {
    const t = await createTestApp({ config: { MQTT_URL: 'mqtt://127.0.0.1:1' } });
    cleanups.push(() => t.close());
    const res = await t.app.inject({ url: '/readyz' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ status: 'not_ready', checks: { database: 'ok', mqtt: 'not_connected' } });
    // Like /healthz, not part of the API description.
    expect(JSON.stringify((await t.app.inject({ url: '/openapi.json' })).json().paths)).not.toContain('readyz');
  });
});

describe('frozen database (nothing answers, nothing closes)', () => {
  const config = { DB_CONNECT_TIMEOUT_MS: '1000', DB_STATEMENT_TIMEOUT_MS: '1000', REQUEST_TIMEOUT_MS: '60000' };

  it('a write frozen before its COMMIT answers 503, nothing of it is stored, and the same pool serves again once the database answers', async () => {
    const { proxy, testDb, as } = await appBehindProxy(config);
    const staff = await as('hub_staff');
    const count = async (table: 'people' | 'audit_log') =>
      (
        await testDb.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n;
    const before = { people: await count('people'), audit: await count('audit_log') };

    // The server has the person in an open transaction; its audit row and the COMMIT never come.
    proxy.freezeAt('insert into "audit_log"');
    const res = await within(15_000, staff.post('/api/v1/people', { name: '見守 花子', kana: 'ミマモリ ハナコ' }));
    expect503(res, 'database_unavailable');
    proxy.resume();
    await until(
      async () =>
        (
          await sql`SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'tsunagari' AND state <> 'idle' AND pid <> pg_backend_pid()`.execute(
            testDb.db,
          )
        ).rows.length === 0,
      'the abandoned transaction to end',
    );
    expect({ people: await count('people'), audit: await count('audit_log') }).toEqual(before);

    // Healed by itself: the same app and pool.
    expect((await within(15_000, staff.post('/api/v1/people', { name: '見守 花子', kana: 'ミマモリ ハナコ' }))).statusCode).toBe(201);
    expect(await count('people')).toBe(before.people + 1);
  });

  it('a frozen autocommit write answers 503 and is not stored; a retry with its Idempotency-Key stores it once', async () => {
    const { proxy, testDb, as } = await appBehindProxy(config);
    const partner = await as('partner');
    proxy.freeze();
    expect503(await within(15_000, concern(partner, 'frozen-1')), 'database_unavailable');
    proxy.resume();
    const res = await within(15_000, concern(partner, 'frozen-1'));
    expect(res.statusCode).toBe(201);
    expect(res.headers['idempotent-replayed']).toBeUndefined();
    expect((await testDb.db.selectFrom('concerns').select('id').execute()).map((r) => r.id)).toEqual([res.json().id]);
  });

  it('a write the server committed but whose answer was lost: 503, and the retry with the same Idempotency-Key returns the stored acknowledgement', async () => {
    const { proxy, testDb, as } = await appBehindProxy(config);
    const partner = await as('partner');
    proxy.freezeAfter('INSERT INTO idempotency_keys');
    expect503(await within(15_000, concern(partner, 'lost-answer')), 'database_unavailable');
    proxy.resume();
    const retry = await within(15_000, concern(partner, 'lost-answer'));
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect((await testDb.db.selectFrom('concerns').select('id').execute()).map((r) => r.id)).toEqual([retry.json().id]);
  });
});

describe('request deadline (REQUEST_TIMEOUT_MS)', () => {
  // The deadline well before the database timeouts (9 s client-side), and long enough for a login on a busy machine.
  const config = { DB_CONNECT_TIMEOUT_MS: '8000', DB_STATEMENT_TIMEOUT_MS: '8000', REQUEST_TIMEOUT_MS: '1500' };

  it('a request still waiting at the deadline answers 503 request_timeout with Retry-After', async () => {
    const { proxy, as } = await appBehindProxy(config);
    const staff = await as('hub_staff');
    proxy.freeze();
    const res = await within(15_000, staff.get('/api/v1/triage', { 'accept-language': 'en' }));
    expect503(res, 'request_timeout');
    expect(res.json().error.message).toMatch(/too long/);
    proxy.resume();
    expect((await within(15_000, staff.get('/api/v1/triage'))).statusCode).toBe(200);
  });

  it('a transaction still open at the deadline rolls back: nothing is committed after the 503', async () => {
    const { proxy, testDb, as } = await appBehindProxy(config);
    const staff = await as('hub_staff');
    const people = async () =>
      (
        await testDb.db
          .selectFrom('people')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n;
    const before = await people();
    proxy.freezeAt('insert into "people"');
    expect503(await within(15_000, staff.post('/api/v1/people', { name: '遅延 太郎' })), 'request_timeout');
    // The insert now reaches the server and succeeds, but the handler may not commit any more.
    proxy.resume();
    await until(
      async () =>
        (
          await sql`SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'tsunagari' AND state <> 'idle' AND pid <> pg_backend_pid()`.execute(
            testDb.db,
          )
        ).rows.length === 0,
      'the handler to finish',
    );
    expect(await people()).toBe(before);
    expect((await within(15_000, staff.post('/api/v1/people', { name: '遅延 太郎' }))).statusCode).toBe(201);
  });

  it('a write whose commit is in flight at the deadline answers what happened (201), not 503', async () => {
    const { proxy, testDb, as, logs } = await appBehindProxy(config);
    const partner = await as('partner');
    proxy.freezeAfter('INSERT INTO idempotency_keys');
    const pending = concern(partner, 'in-flight');
    await until(() => logs.some((l) => l.includes('commit in flight')), 'the deadline to pass during the commit');
    proxy.resume();
    const res = await within(15_000, pending);
    expect(res.statusCode).toBe(201);
    expect((await testDb.db.selectFrom('concerns').select('id').execute()).map((r) => r.id)).toEqual([res.json().id]);
  });
});

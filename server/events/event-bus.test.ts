import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../test/helpers/db.js';
import { startTcpProxy, type TcpProxy } from '../../test/helpers/tcp-proxy.js';
import { type HubEvent, PgEventBus } from './event-bus.js';

let testDb: TestDb;
let proxy: TcpProxy;
beforeAll(async () => {
  testDb = await createTestDb();
  const u = new URL(testDb.url);
  proxy = await startTcpProxy({ host: u.hostname, port: Number(u.port) });
});
afterEach(() => proxy.resume());
afterAll(async () => {
  await proxy?.close();
  await testDb?.drop();
});

/** Polls `check` until it holds; fails after `ms` (a bound that proves "no hang", not a speed). */
async function until(check: () => boolean | Promise<boolean>, ms = 20_000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('PgEventBus (LISTEN/NOTIFY) heals by itself', () => {
  it('keeps reconnecting with doubling, jittered, capped delays while the database is unreachable, then tells every subscriber to resync', async () => {
    const logs: string[] = [];
    const delays: number[] = [];
    // The delays are recorded, not waited: the attempts run back to back against a refusing proxy.
    const bus = new PgEventBus(proxy.url(testDb.url), (m) => logs.push(m), {
      setTimer: (fn, ms) => {
        delays.push(ms);
        return setTimeout(fn, 0);
      },
    });
    await bus.start();
    const got: { a: HubEvent[]; b: HubEvent[] } = { a: [], b: [] };
    bus.subscribe('tenant-a', (e) => got.a.push(e));
    bus.subscribe('tenant-b', (e) => got.b.push(e));

    proxy.down();
    await until(() => delays.length >= 10, 20_000, 'ten reconnect attempts');
    // Publishing while down must not throw.
    expect(() => bus.publish([{ tenantId: 'tenant-a', type: 'case.updated', id: 'while-down' }])).not.toThrow();
    proxy.resume();
    await until(() => got.a.some((e) => e.type === 'resync') && got.b.some((e) => e.type === 'resync'), 20_000, 'resync');

    const attempts = delays.slice(0, 10);
    attempts.forEach((d, i) => {
      const base = Math.min(30_000, 500 * 2 ** i);
      expect(d, `delay ${i}`).toBeGreaterThanOrEqual(base / 2);
      expect(d, `delay ${i}`).toBeLessThanOrEqual(base);
    });
    expect(Math.max(...delays)).toBeLessThanOrEqual(30_000);
    expect(logs.filter((l) => /lost/.test(l))).toHaveLength(1);
    expect(logs.filter((l) => /reconnected/.test(l))).toHaveLength(1);
    expect(logs.join('\n')).not.toContain(testDb.url);
    expect(logs.join('\n')).not.toMatch(/postgres:\/\//);
    expect(got.a.filter((e) => e.type === 'resync')).toHaveLength(1);

    // Events published after the recovery arrive; a later loss starts again from the first delay.
    bus.publish([{ tenantId: 'tenant-a', type: 'concern.received', id: 'after' }]);
    await until(() => got.a.some((e) => e.id === 'after'), 20_000, 'event after recovery');
    const before = delays.length;
    proxy.down();
    await until(() => delays.length > before, 20_000, 'a new attempt');
    expect(delays[before]).toBeLessThanOrEqual(500);
    proxy.resume();
    await until(() => got.b.filter((e) => e.type === 'resync').length === 2, 20_000, 'second resync');
    await bus.close();
  });

  it('notices a frozen database (a silent connection) through its heartbeat and reconnects once it answers again', async () => {
    const logs: string[] = [];
    const bus = new PgEventBus(proxy.url(testDb.url), (m) => logs.push(m), {
      heartbeatMs: 100,
      heartbeatTimeoutMs: 300,
      connectTimeoutMs: 300,
      setTimer: (fn) => setTimeout(fn, 10),
    });
    await bus.start();
    const got: HubEvent[] = [];
    bus.subscribe('tenant-a', (e) => got.push(e));
    proxy.freeze();
    await until(() => logs.some((l) => /lost/.test(l)), 20_000, 'the loss to be noticed');
    proxy.resume();
    await until(() => got.some((e) => e.type === 'resync'), 20_000, 'resync');
    bus.publish([{ tenantId: 'tenant-a', type: 'alert.raised', id: 'x' }]);
    await until(() => got.some((e) => e.id === 'x'), 20_000, 'event after recovery');
    await bus.close();
  });
});

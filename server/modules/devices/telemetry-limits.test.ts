/**
 * Telemetry rate limits (issue #8 §2) with two app copies on one database (each its own pool
 * and counters, as two processes would have): a flooding device is limited on both together;
 * other devices, its own emergency presses and people's reports are not.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { buildApp } from '../../app.js';
import type { AppContext } from '../../context.js';
import { createDb, createPool } from '../../db/database.js';
import { quantum, syncTelemetryLimits } from './telemetry-limits.js';

const DEVICE_LIMIT = 40;
const PRESS_LIMIT = 3;
const CREDENTIAL_LIMIT = 100;

let t: TestApp;
let second: AppContext;
let app2: FastifyInstance;
let copies: { app: FastifyInstance; ctx: AppContext }[];

beforeAll(async () => {
  t = await createTestApp({
    config: {
      TELEMETRY_DEVICE_READINGS_PER_MINUTE: String(DEVICE_LIMIT),
      TELEMETRY_PRESSES_PER_MINUTE: String(PRESS_LIMIT),
      TELEMETRY_CREDENTIAL_READINGS_PER_MINUTE: String(CREDENTIAL_LIMIT),
    },
  });
  // The second copy: its own pool, so its own token/device caches and rate counters; same clock.
  second = { ...t.ctx, db: createDb(createPool(t.testDb.url, 4)) };
  app2 = await buildApp(second, { serveWeb: false });
  await app2.ready();
  copies = [
    { app: t.app, ctx: t.ctx },
    { app: app2, ctx: second },
  ];
});
afterAll(async () => {
  await app2?.close();
  await second?.db.destroy();
  await t?.close();
});

let tick = 0;
/** A fresh timestamp each time, within the last minute (readings must not repeat). */
const ts = () => new Date(t.clock.now().getTime() - 59_000 + ++tick).toISOString();
const readings = (n: number, kind = 'heartbeat', device_id?: string) =>
  Array.from({ length: n }, () => ({ device_id, ts: ts(), kind, value: 1 }));

function post(app: FastifyInstance, token: string, body: unknown[]) {
  return app.inject({
    method: 'POST',
    url: '/api/v1/telemetry',
    headers: { authorization: `Bearer ${token}` },
    payload: { readings: body },
  });
}

async function device(type = 'motion') {
  const staff = await t.as('hub_staff');
  const pid = (await staff.post('/api/v1/people', { name: '見守 三郎' })).json().id;
  return (await staff.post(`/api/v1/people/${pid}/devices`, { type })).json() as { id: string; device_key: string; token: string };
}

/** Both copies share what they admitted (the 1 s loop of each copy, run here by hand). */
const syncBoth = () => Promise.all(copies.map((c) => syncTelemetryLimits(c.ctx)));

/** A new one-minute window, so each test starts with fresh budgets. */
async function nextWindow() {
  t.clock.set(new Date(Math.ceil((t.clock.now().getTime() + 1) / 60_000) * 60_000 + 1000));
}

describe('per-device limit across two app copies', () => {
  it('limits a flooding device on both copies together, with Retry-After, while others go through', async () => {
    await nextWindow();
    const flood = await device();
    const calm = await device('door');
    let accepted = 0;
    let last: { status: number; retryAfter: string | undefined }[] = [];
    for (let round = 0; round < 8; round++) {
      last = [];
      for (const c of copies) {
        const r = await post(c.app, flood.token, readings(5));
        last.push({ status: r.statusCode, retryAfter: r.headers['retry-after'] as string | undefined });
        if (r.statusCode === 200) accepted += r.json().accepted;
        else expect(r.json().error.code).toBe('rate_limited');
      }
      await syncBoth();
    }
    // Limit 40, two copies sharing every round (5 readings a round each): at most 40 + (2 − 1) × (q − 1 + 5).
    expect(accepted).toBeGreaterThanOrEqual(DEVICE_LIMIT);
    expect(accepted).toBeLessThanOrEqual(DEVICE_LIMIT + (quantum(DEVICE_LIMIT) - 1 + 5));
    const stored = await t.ctx.db.selectFrom('telemetry').select('ts').where('device_id', '=', flood.id).execute();
    expect(stored).toHaveLength(accepted);
    // Both copies now refuse the device's own requests, until the window ends.
    expect(last.map((l) => l.status)).toEqual([429, 429]);
    expect(Number(last[0]!.retryAfter)).toBeGreaterThan(0);
    expect(Number(last[0]!.retryAfter)).toBeLessThanOrEqual(60);

    // Another device, on either copy, is not affected.
    for (const c of copies)
      expect((await post(c.app, calm.token, readings(3, 'door'))).json()).toMatchObject({ accepted: 3, rejected: [] });
    // A gateway's batch: the flooding device's readings are refused one by one, the rest kept.
    const gateway = (await (await t.as('coordinator')).post('/api/v1/ingest-credentials', { label: 'gw' })).json().token;
    const mixed = await post(app2, gateway, [...readings(2, 'heartbeat', flood.device_key), ...readings(2, 'door', calm.device_key)]);
    expect(mixed.statusCode).toBe(200);
    expect(mixed.json().accepted).toBe(2);
    expect(mixed.json().rejected.map((x: { index: number; code: string }) => [x.index, x.code])).toEqual([
      [0, 'rate_limited'],
      [1, 'rate_limited'],
    ]);
    // A person's report is not a device's reading.
    const partner = await t.as('partner');
    expect((await partner.post('/api/v1/concerns', { category: 'not_seen', latitude: 35.625, longitude: 139.685 })).statusCode).toBe(201);

    // The next window, the device is heard again.
    await nextWindow();
    expect((await post(t.app, flood.token, readings(5))).json()).toMatchObject({ accepted: 5 });
  });

  it('without sharing, each copy would admit the whole limit: the shared count is what holds it', async () => {
    await nextWindow();
    const flood = await device();
    let accepted = 0;
    for (let round = 0; round < 10; round++) {
      for (const c of copies) {
        const r = await post(c.app, flood.token, readings(5));
        if (r.statusCode === 200) accepted += r.json().accepted;
      }
    }
    // Never synced: each copy counted exactly its own 40.
    expect(accepted).toBe(2 * DEVICE_LIMIT);
  });

  it('a device flooding heartbeats still raises its emergency press, on a budget of its own', async () => {
    await nextWindow();
    const button = await device('emergency_button');
    for (let i = 0; i < 10 && (await post(t.app, button.token, readings(10))).statusCode === 200; i++);
    expect((await post(t.app, button.token, readings(1))).statusCode).toBe(429);
    // Heartbeats refused, and the press beside them goes through.
    const r = await post(t.app, button.token, [...readings(2), { ts: ts(), kind: 'press', value: 1 }]);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ accepted: 1 });
    expect(r.json().rejected.map((x: { code: string }) => x.code)).toEqual(['rate_limited', 'rate_limited']);
    const alerts = await t.ctx.db.selectFrom('alerts').select(['type', 'occurrences']).where('device_id', '=', button.id).execute();
    expect(alerts).toEqual([{ type: 'emergency_button', occurrences: 1 }]);
    // The press budget is a limit too (3 a minute), shared by the copies like the others: with a
    // share after each press, at most 3 + (2 − 1) × (q − 1 + 1) = 4 across both copies.
    let presses = 1;
    let last: number[] = [];
    for (let round = 0; round < 4; round++) {
      last = [];
      for (const c of [copies[1]!, copies[0]!]) {
        await syncBoth();
        const r = await post(c.app, button.token, [{ ts: ts(), kind: 'press', value: 1 }]);
        last.push(r.statusCode);
        if (r.statusCode === 200) presses++;
        else expect(r.headers['retry-after']).toBeDefined();
      }
    }
    expect(presses).toBeGreaterThanOrEqual(PRESS_LIMIT);
    expect(presses).toBeLessThanOrEqual(PRESS_LIMIT + quantum(PRESS_LIMIT));
    expect(last).toEqual([429, 429]);
  });
});

describe('per-credential limit', () => {
  it('is set per credential (a city-wide gateway gets more), holds across copies, and can be changed', async () => {
    await nextWindow();
    const coord = await t.as('coordinator');
    const small = (await coord.post('/api/v1/ingest-credentials', { label: 'small gateway', readings_per_minute: 20 })).json();
    expect(small.readings_per_minute).toBe(20);
    const city = (await coord.post('/api/v1/ingest-credentials', { label: 'city gateway', readings_per_minute: 100_000 })).json();
    const devices = await Promise.all(Array.from({ length: 6 }, () => device()));
    const spread = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ device_id: devices[i % 6]!.device_key, ts: ts(), kind: 'heartbeat', value: 1 }));
    let accepted = 0;
    let statuses: number[] = [];
    for (let round = 0; round < 5; round++) {
      statuses = [];
      for (const c of copies) {
        const r = await post(c.app, small.token, spread(4));
        statuses.push(r.statusCode);
        if (r.statusCode === 200) accepted += r.json().accepted;
      }
      await syncBoth();
    }
    expect(accepted).toBeGreaterThanOrEqual(20);
    expect(accepted).toBeLessThanOrEqual(20 + (quantum(20) - 1 + 4));
    expect(statuses).toEqual([429, 429]);
    // The city's gateway, and a gateway on the default limit (100), are not held back by it.
    expect((await post(t.app, city.token, spread(150))).json()).toMatchObject({ accepted: 150, rejected: [] });
    // Raising the small gateway's limit takes effect at once on the copy that changed it.
    const patched = await coord.patch(`/api/v1/ingest-credentials/${small.id}`, { readings_per_minute: 1000 });
    expect(patched.json()).toMatchObject({ id: small.id, readings_per_minute: 1000 });
    expect((await post(t.app, small.token, spread(6))).json()).toMatchObject({ accepted: 6, rejected: [] });
  });
});

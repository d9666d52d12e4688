/**
 * One bad record never stops the stream (issue #8 §1): a poisoned watch setting, a device whose
 * state row another transaction holds, text PostgreSQL cannot store, an unavailable database.
 */
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, loginAs, type TestApp } from '../../../test/helpers/app.js';
import { createTenant, type TestTenant } from '../../../test/helpers/factories.js';
import { buildApp } from '../../app.js';
import type { AppContext } from '../../context.js';
import { ingestReadings } from './telemetry.ingest.js';
import { inactivityDueAt, resolveSettings } from './watch-settings.js';

let t: TestApp;
let beta: TestTenant;
let gateway: string;
const LOCK_TIMEOUT_MS = 200;

beforeAll(async () => {
  t = await createTestApp({ config: { TELEMETRY_LOCK_TIMEOUT_MS: String(LOCK_TIMEOUT_MS) } });
  beta = await createTenant(t.ctx.db, 'beta', t.clock.now());
  gateway = (await (await t.as('coordinator')).post('/api/v1/ingest-credentials', { label: 'vendor gateway' })).json().token;
});
afterAll(async () => t?.close());

const at = (offsetMs = 0) => new Date(t.clock.now().getTime() + offsetMs).toISOString();

async function person(settings?: Record<string, unknown>) {
  const id = (await (await t.as('hub_staff')).post('/api/v1/people', { name: '見守 一郎' })).json().id as string;
  if (settings) {
    // Written directly, as an old version or a hand edit would: the API refuses such values.
    await t.ctx.db
      .insertInto('watch_settings')
      .values({ tenant_id: t.tenant.id, person_id: id, settings: JSON.stringify(settings), updated_at: t.clock.now() })
      .execute();
  }
  return id;
}

async function device(personId: string, type: string) {
  const r = await (await t.as('hub_staff')).post(`/api/v1/people/${personId}/devices`, { type });
  expect(r.statusCode, r.body).toBe(201);
  return r.json() as { id: string; device_key: string; token: string };
}

function post(token: string, readings: unknown[], app = t.app) {
  return app.inject({
    method: 'POST',
    url: '/api/v1/telemetry',
    headers: { authorization: `Bearer ${token}`, 'accept-language': 'en', 'content-type': 'application/json' },
    payload: JSON.stringify({ readings }),
  });
}

const stored = (deviceId: string) => t.ctx.db.selectFrom('telemetry').select(['kind', 'value']).where('device_id', '=', deviceId).execute();
const alertsOf = (deviceId: string) => t.ctx.db.selectFrom('alerts').selectAll().where('device_id', '=', deviceId).execute();
const quarantined = async (deviceId: string) =>
  (
    await sql<{
      kind: string;
      reason: string;
      source: string;
    }>`SELECT kind, reason, source FROM telemetry_quarantine WHERE device_id = ${deviceId} ORDER BY kind`.execute(t.ctx.db)
  ).rows;

/** Holds a device's state row in another transaction (a stuck maintenance session, say) until released. */
async function holdStateRow(deviceId: string) {
  const c = new pg.Client({ connectionString: t.testDb.url });
  await c.connect();
  await c.query('BEGIN');
  await c.query('SELECT 1 FROM device_state WHERE device_id = $1 FOR UPDATE', [deviceId]);
  return async () => {
    await c.query('ROLLBACK');
    await c.end();
  };
}

describe('a poisoned watch setting', () => {
  it('is read as its default: the gateway batch with that person and another person’s press is stored in full', async () => {
    const poisoned = await person({ quietHours: 'never', inactivityHours: 'twelve', standbyWatts: -5 });
    const motion = await device(poisoned, 'motion');
    const meter = await device(poisoned, 'power');
    const button = await device(await person(), 'emergency_button');
    const r = await post(gateway, [
      { device_id: motion.device_key, ts: at(-60_000), kind: 'motion', value: 1 },
      { device_id: meter.device_key, ts: at(-60_000), kind: 'power_w', value: 12 },
      { device_id: button.device_key, ts: at(), kind: 'press', value: 1 },
    ]);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual({ accepted: 3, duplicates: 0, rejected: [] });
    expect(await alertsOf(button.id)).toEqual([expect.objectContaining({ type: 'emergency_button', status: 'active' })]);
    expect(await stored(motion.id)).toEqual([{ kind: 'motion', value: 1 }]);
    // The rules ran with the defaults (quiet hours 22:00–07:00, 12 h, 30 W standby).
    const state = await t.ctx.db
      .selectFrom('device_state')
      .select(['device_id', 'inactivity_due_at', 'standby_since'])
      .where('device_id', 'in', [motion.id, meter.id])
      .execute();
    const due = inactivityDueAt(new Date(Date.parse(at(-60_000))), resolveSettings(null));
    expect(state.find((s) => s.device_id === motion.id)?.inactivity_due_at).toEqual(due);
    expect(state.find((s) => s.device_id === meter.id)?.standby_since).toEqual(new Date(at(-60_000)));
    expect(await quarantined(motion.id)).toEqual([]);
  });
});

describe('a device whose state row another transaction holds', () => {
  it('is set aside alone: the rest of the gateway batch is stored, another person’s press raises its alert, the held readings are quarantined and listed', async () => {
    const stuck = await device(await person(), 'motion');
    const otherPerson = await person();
    const button = await device(otherPerson, 'emergency_button');
    const door = await device(otherPerson, 'door');
    const release = await holdStateRow(stuck.id);
    let r: Awaited<ReturnType<typeof post>>;
    try {
      r = await post(gateway, [
        { device_id: stuck.device_key, ts: at(-2000), kind: 'motion', value: 1 },
        { device_id: door.device_key, ts: at(-2000), kind: 'door', value: 1 },
        { device_id: stuck.device_key, ts: at(-1000), kind: 'heartbeat', value: 1 },
        { device_id: button.device_key, ts: at(), kind: 'press', value: 1 },
      ]);
    } finally {
      await release();
    }
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    expect(body.accepted).toBe(2);
    expect(body.rejected.map((x: { index: number; code: string }) => [x.index, x.code])).toEqual([
      [0, 'processing_failed'],
      [2, 'processing_failed'],
    ]);
    expect(body.rejected[0].message).toMatch(/could not be processed/);
    expect(await alertsOf(button.id)).toEqual([expect.objectContaining({ type: 'emergency_button' })]);
    expect(await stored(door.id)).toEqual([{ kind: 'door', value: 1 }]);
    expect(await stored(stuck.id)).toEqual([]);
    const q = await quarantined(stuck.id);
    expect(q.map((x) => [x.kind, x.source])).toEqual([
      ['heartbeat', 'http'],
      ['motion', 'http'],
    ]);
    expect(q[0]!.reason).toMatch(/^55P03/);

    // Coordinators see them, newest first, with device ids and the reading only.
    const list = await (await t.as('coordinator')).get('/api/v1/telemetry/quarantine');
    expect(list.statusCode).toBe(200);
    const items = list.json().items as Record<string, unknown>[];
    const mine = items.filter((i) => i.device_id === stuck.id);
    expect(mine).toHaveLength(2);
    expect(mine[0]).toEqual({
      id: expect.any(String),
      device_id: stuck.id,
      device_key: stuck.device_key,
      kind: expect.any(String),
      ts: expect.any(String),
      value: 1,
      raw: expect.stringContaining(stuck.device_key),
      reason: expect.stringMatching(/^55P03/),
      source: 'http',
      received_at: at(),
    });
    expect(JSON.stringify(items)).not.toContain('見守');
    // Another tenant sees none of them; a role without device:read is refused.
    const betaCoord = await loginAs(t.app, beta.accounts.coordinator.email);
    expect((await betaCoord.get('/api/v1/telemetry/quarantine')).json().items).toEqual([]);
    expect((await (await t.as('analyst')).get('/api/v1/telemetry/quarantine')).statusCode).toBe(403);

    // Once the lock is gone the same readings, sent again, are stored.
    const again = await post(gateway, [{ device_id: stuck.device_key, ts: at(-2000), kind: 'motion', value: 1 }]);
    expect(again.json()).toMatchObject({ accepted: 1, rejected: [] });
  });

  it('does not hold back an emergency press: the press is stored and alerted before the rest of its batch is tried', async () => {
    // A copy that would wait for the held row as long as it takes (30 s).
    const patient: AppContext = { ...t.ctx, config: { ...t.ctx.config, telemetryLockTimeoutMs: 30_000 } };
    const stuck = await device(await person(), 'motion');
    const button = await device(await person(), 'emergency_button');
    const auth = {
      tenantId: t.tenant.id,
      deviceId: null,
      deviceKey: null,
      credentialId: null,
      readingsPerMinute: null,
      kind: 'credential' as const,
    };
    const release = await holdStateRow(stuck.id);
    let released = false;
    try {
      const pending = ingestReadings(patient, [
        {
          auth,
          readings: [
            { device_id: stuck.device_key, ts: at(-1000), kind: 'motion', value: 1 },
            { device_id: button.device_key, ts: at(), kind: 'press', value: 1 },
          ],
        },
      ]);
      // The batch is still waiting for the held row, and the press's alert is already there.
      await vi.waitFor(async () => expect(await alertsOf(button.id)).toHaveLength(1), { timeout: 10_000, interval: 20 });
      expect(await stored(stuck.id)).toEqual([]);
      await release();
      released = true;
      expect(await pending).toMatchObject({ accepted: 2, rejected: [] });
    } finally {
      if (!released) await release();
    }
  });

  it('a press from the held device itself still raises its alert (stored without the device state)', async () => {
    const button = await device(await person(), 'emergency_button');
    const release = await holdStateRow(button.id);
    try {
      const r = await post(button.token, [
        { ts: at(-1000), kind: 'battery', value: 80 },
        { ts: at(), kind: 'press', value: 1 },
      ]);
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json().rejected.map((x: { index: number; code: string }) => [x.index, x.code])).toEqual([[0, 'processing_failed']]);
    } finally {
      await release();
    }
    expect(await alertsOf(button.id)).toEqual([expect.objectContaining({ type: 'emergency_button', severity: 'critical' })]);
    expect(await stored(button.id)).toEqual([{ kind: 'press', value: 1 }]);
  });
});

describe('text PostgreSQL cannot store', () => {
  it('a NUL or a lone surrogate makes that reading invalid; the rest of the batch is kept', async () => {
    const d = await device(await person(), 'motion');
    const r = await post(gateway, [
      { device_id: `${d.device_key}\u0000`, ts: at(-3000), kind: 'motion', value: 1 },
      { device_id: d.device_key, ts: at(-3000), kind: 'motion\u0000', value: 1 },
      { device_id: `${d.device_key}\ud800`, ts: at(-3000), kind: 'motion', value: 1 },
      { device_id: d.device_key, ts: `${at(-3000)}\u0000`, kind: 'motion', value: 1 },
      { device_id: d.device_key, ts: at(-2000), kind: 'motion', value: 1 },
      { device_id: `\udc00${d.device_key}`, ts: at(-1000), kind: 'door', value: 1 },
    ]);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().accepted).toBe(1);
    expect(r.json().rejected.map((x: { index: number; code: string }) => [x.index, x.code])).toEqual([
      [0, 'invalid_reading'],
      [1, 'invalid_reading'],
      [2, 'invalid_reading'],
      [3, 'invalid_reading'],
      [5, 'invalid_reading'],
    ]);
    expect(await stored(d.id)).toEqual([{ kind: 'motion', value: 1 }]);
  });
});

describe('an unavailable database', () => {
  it('fails the request (503), stores and quarantines nothing, and takes the readings once it is back', async () => {
    // A copy whose database goes away after it has warmed its caches.
    let down = false;
    const refused = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const db = new Proxy(t.ctx.db, {
      get(target, prop) {
        if (down && (prop === 'transaction' || prop === 'getExecutor' || prop === 'executeQuery' || prop === 'connection'))
          return () => {
            throw refused();
          };
        const v = Reflect.get(target, prop, target);
        return typeof v === 'function' ? v.bind(target) : v;
      },
    });
    const app = await buildApp({ ...t.ctx, db }, { serveWeb: false });
    await app.ready();
    try {
      const d = await device(await person(), 'door');
      const button = await device(await person(), 'emergency_button');
      const readings = [
        { device_id: d.device_key, ts: at(-2000), kind: 'door', value: 1 },
        { device_id: button.device_key, ts: at(), kind: 'press', value: 1 },
      ];
      expect((await post(gateway, [{ device_id: d.device_key, ts: at(-5000), kind: 'door', value: 0 }], app)).statusCode).toBe(200);
      expect((await post(gateway, [{ device_id: button.device_key, ts: at(-5000), kind: 'heartbeat', value: 1 }], app)).statusCode).toBe(
        200,
      );
      down = true;
      const r = await post(gateway, readings, app);
      expect(r.statusCode).toBe(503);
      down = false;
      expect(await stored(d.id)).toEqual([{ kind: 'door', value: 0 }]);
      expect(await alertsOf(button.id)).toEqual([]);
      expect(await quarantined(d.id)).toEqual([]);
      expect(await quarantined(button.id)).toEqual([]);
      // The sender retries: everything is taken.
      expect((await post(gateway, readings, app)).json()).toMatchObject({ accepted: 2, rejected: [] });
      expect(await alertsOf(button.id)).toHaveLength(1);
    } finally {
      down = false;
      await app.close();
    }
  });
});

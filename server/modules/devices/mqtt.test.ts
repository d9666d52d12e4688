/**
 * MQTT end to end through the machine's Mosquitto (127.0.0.1:1883): a unique topic root and
 * shared-subscription group per run, so concurrent runs never see each other's messages.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import mqtt, { type MqttClient } from 'mqtt';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, loginAs, type TestApp } from '../../../test/helpers/app.js';
import { createTenant } from '../../../test/helpers/factories.js';
import { TelemetryMqttConsumer } from './mqtt-consumer.js';

const LOCK_TIMEOUT_MS = 200;

const URL = process.env.TEST_MQTT_URL ?? 'mqtt://127.0.0.1:1883';
const root = `t${randomBytes(5).toString('hex')}`;
const group = `g${randomBytes(5).toString('hex')}`;
let t: TestApp;
let one: TelemetryMqttConsumer;
let two: TelemetryMqttConsumer | null = null;
let pub: MqttClient;
let dev: { id: string; device_key: string; token: string };
let other: { id: string; device_key: string; token: string };

const topicOf = (key: string, slug = 'alpha') => `${root}/${slug}/devices/${key}/telemetry`;
const waitFor = <T>(fn: () => Promise<T>) => vi.waitFor(fn, { timeout: 10_000, interval: 25 });

beforeAll(async () => {
  t = await createTestApp({ config: { TELEMETRY_LOCK_TIMEOUT_MS: String(LOCK_TIMEOUT_MS) } });
  const staff = await t.as('hub_staff');
  const pid = (await staff.post('/api/v1/people', { name: '見守 次郎' })).json().id;
  dev = (await staff.post(`/api/v1/people/${pid}/devices`, { type: 'emergency_button' })).json();
  other = (await staff.post(`/api/v1/people/${pid}/devices`, { type: 'motion' })).json();
  one = new TelemetryMqttConsumer(t.ctx, {
    url: URL,
    group,
    topicRoot: root,
    flushMs: 20,
    clientIdPrefix: `${group}-one`,
    persistentSession: false,
  });
  await one.start();
  pub = await mqtt.connectAsync(URL, { clientId: `pub-${root}` });
});
afterAll(async () => {
  await pub?.endAsync();
  await one?.stop();
  await two?.stop();
  await t?.close();
});

async function rows(deviceId: string) {
  return t.ctx.db.selectFrom('telemetry').selectAll().where('device_id', '=', deviceId).execute();
}

describe('MQTT ingestion', () => {
  it('an emergency press over MQTT raises the alert', async () => {
    await pub.publishAsync(
      topicOf(dev.device_key),
      JSON.stringify({ token: dev.token, readings: [{ ts: t.clock.now().toISOString(), kind: 'press', value: 1 }] }),
      { qos: 1 },
    );
    await waitFor(async () => {
      const a = await t.ctx.db.selectFrom('alerts').selectAll().where('device_id', '=', dev.id).execute();
      expect(a).toEqual([expect.objectContaining({ type: 'emergency_button', severity: 'critical' })]);
    });
  });

  it("drops (and counts) a message whose token is not that device's, or for another tenant's topic", async () => {
    const before = one.counters.unauthorized;
    const ts = t.clock.now().toISOString();
    await pub.publishAsync(topicOf(other.device_key), JSON.stringify({ token: dev.token, ts, kind: 'motion', value: 1 }), { qos: 1 });
    await pub.publishAsync(
      topicOf(other.device_key, 'no-such-tenant'),
      JSON.stringify({ token: other.token, ts, kind: 'motion', value: 1 }),
      { qos: 1 },
    );
    await waitFor(async () => expect(one.counters.unauthorized).toBe(before + 2));
    expect(await rows(other.id)).toHaveLength(0);
  });

  it('counts a malformed message and keeps consuming', async () => {
    const before = one.counters.malformed;
    await pub.publishAsync(topicOf(other.device_key), 'not json {', { qos: 1 });
    await pub.publishAsync(topicOf(other.device_key), JSON.stringify({ token: other.token, readings: 'nope' }), { qos: 1 });
    await pub.publishAsync(
      topicOf(other.device_key),
      JSON.stringify({ token: other.token, ts: t.clock.now().toISOString(), kind: 'motion', value: 1 }),
      { qos: 1 },
    );
    await waitFor(async () => expect(await rows(other.id)).toHaveLength(1));
    expect(one.counters.malformed).toBe(before + 2);
  });

  it('a re-sent message is stored once, and new readings beside replayed ones are kept', async () => {
    const staff = await t.as('hub_staff');
    const stats = async () => (await staff.get('/api/v1/telemetry/stats')).json().tenant as { accepted: number; duplicates: number };
    const before = await stats();
    const at = (s: number) => new Date(t.clock.now().getTime() - 7_200_000 + s * 1000).toISOString();
    const msg = (secs: number[]) =>
      JSON.stringify({ token: other.token, readings: secs.map((s) => ({ ts: at(s), kind: 'door', value: 1 })) });
    await pub.publishAsync(topicOf(other.device_key), msg([1, 2]), { qos: 1 });
    await waitFor(async () => expect((await rows(other.id)).filter((r) => r.kind === 'door')).toHaveLength(2));
    await pub.publishAsync(topicOf(other.device_key), msg([1, 2]), { qos: 1 }); // a redelivery
    await pub.publishAsync(topicOf(other.device_key), msg([2, 3]), { qos: 1 });
    await waitFor(async () => expect(await stats()).toMatchObject({ accepted: before.accepted + 3, duplicates: before.duplicates + 3 }));
    const doors = (await rows(other.id))
      .filter((r) => r.kind === 'door')
      .map((r) => r.ts.toISOString())
      .sort();
    expect(doors).toEqual([at(1), at(2), at(3)]);
  });

  it('two consumers in one shared group split the stream without duplicates', async () => {
    two = new TelemetryMqttConsumer(t.ctx, {
      url: URL,
      group,
      topicRoot: root,
      flushMs: 20,
      clientIdPrefix: `${group}-two`,
      persistentSession: false,
    });
    await two.start();
    const base = t.clock.now().getTime() - 3_600_000;
    const m1 = one.counters.messages;
    const m2 = two.counters.messages;
    const N = 200;
    await Promise.all(
      Array.from({ length: N }, (_, i) =>
        pub.publishAsync(
          topicOf(other.device_key),
          JSON.stringify({ token: other.token, readings: [{ ts: new Date(base + i * 1000).toISOString(), kind: 'heartbeat', value: 1 }] }),
          { qos: 1 },
        ),
      ),
    );
    await waitFor(async () => expect((await rows(other.id)).filter((r) => r.kind === 'heartbeat')).toHaveLength(N));
    const got1 = one.counters.messages - m1;
    const got2 = two.counters.messages - m2;
    expect(got1 + got2).toBe(N);
    expect(got1).toBeGreaterThan(0);
    expect(got2).toBeGreaterThan(0);
    const stats = (await (await t.as('hub_staff')).get('/api/v1/telemetry/stats')).json();
    expect(stats.tenant.mqtt_messages).toBeGreaterThanOrEqual(N);
  });
});

describe('one bad record over MQTT', () => {
  const staffDevice = async (type: string) => {
    const staff = await t.as('hub_staff');
    const pid = (await staff.post('/api/v1/people', { name: '見守 四郎' })).json().id;
    return (await staff.post(`/api/v1/people/${pid}/devices`, { type })).json() as { id: string; device_key: string; token: string };
  };
  const send = (d: { device_key: string; token: string }, readings: unknown[]) =>
    pub.publishAsync(topicOf(d.device_key), JSON.stringify({ token: d.token, readings }), { qos: 1 });
  const ago = (ms: number) => new Date(t.clock.now().getTime() - ms).toISOString();
  const quarantined = async (deviceId: string) =>
    (
      await sql<{
        kind: string;
        source: string;
        reason: string;
      }>`SELECT kind, source, reason FROM telemetry_quarantine WHERE device_id = ${deviceId}`.execute(t.ctx.db)
    ).rows;

  it('a device whose state row is held elsewhere is quarantined, the message acknowledged once, and presses and other devices go on', async () => {
    const stuck = await staffDevice('motion');
    const button = await staffDevice('emergency_button');
    const door = await staffDevice('door');
    const c = new pg.Client({ connectionString: t.testDb.url });
    await c.connect();
    await c.query('BEGIN');
    await c.query('SELECT 1 FROM device_state WHERE device_id = $1 FOR UPDATE', [stuck.id]);
    const before = { ...one.counters };
    try {
      await send(stuck, [{ ts: ago(3000), kind: 'motion', value: 1 }]);
      await send(button, [{ ts: ago(0), kind: 'press', value: 1 }]);
      await send(door, [{ ts: ago(3000), kind: 'door', value: 1 }]);
      await waitFor(async () => {
        expect(await quarantined(stuck.id)).toEqual([{ kind: 'motion', source: 'mqtt', reason: expect.stringMatching(/^55P03/) }]);
        expect(await rows(door.id)).toHaveLength(1);
        expect(await t.ctx.db.selectFrom('alerts').select('type').where('device_id', '=', button.id).execute()).toEqual([
          { type: 'emergency_button' },
        ]);
      });
    } finally {
      await c.query('ROLLBACK');
      await c.end();
    }
    expect(one.counters.quarantined - before.quarantined).toBe(1);
    expect(one.counters.flush_errors).toBe(before.flush_errors);
    // The stream goes on, and nothing is redelivered or tried again: the quarantine holds one row.
    await send(door, [{ ts: ago(2000), kind: 'door', value: 0 }]);
    await waitFor(async () => expect(await rows(door.id)).toHaveLength(2));
    expect(await quarantined(stuck.id)).toHaveLength(1);
    expect(one.counters.dropped).toBe(0);
  });

  it('text PostgreSQL cannot store makes those readings invalid; the rest of the message is stored', async () => {
    const d = await staffDevice('motion');
    const before = one.counters.rejected;
    await send(d, [
      { ts: ago(3000), kind: 'motion\u0000', value: 1 },
      { ts: `${ago(3000)}\u0000`, kind: 'motion', value: 1 },
      { ts: `${ago(2000)}\ud800`, kind: 'motion', value: 1 },
      { ts: ago(1000), kind: 'motion', value: 1 },
    ]);
    await waitFor(async () => expect(await rows(d.id)).toHaveLength(1));
    await waitFor(async () => expect(one.counters.rejected - before).toBe(3));
  });

  it('a flooding device is limited (readings dropped and counted), and its emergency press still goes through', async () => {
    const d = await staffDevice('emergency_button');
    const before = one.counters.rate_limited;
    // 650 heartbeats in one message: the default limit is 600 a minute per device.
    await send(
      d,
      Array.from({ length: 650 }, (_, i) => ({ ts: ago(60_000 - i * 10), kind: 'heartbeat', value: 1 })),
    );
    await waitFor(async () => expect(one.counters.rate_limited - before).toBe(50));
    expect(await rows(d.id)).toHaveLength(600);
    await send(d, [{ ts: ago(0), kind: 'press', value: 1 }]);
    await waitFor(async () =>
      expect(await t.ctx.db.selectFrom('alerts').select('type').where('device_id', '=', d.id).execute()).toEqual([
        { type: 'emergency_button' },
      ]),
    );
  });
});

describe('broker auth hooks', () => {
  const call = (url: string, payload: object) => t.app.inject({ method: 'POST', url, payload });
  it('authenticates a device by its key and token', async () => {
    expect((await call('/api/v1/mqtt/auth', { username: dev.device_key, password: dev.token })).json()).toEqual({
      result: 'allow',
      ok: true,
    });
    expect((await call('/api/v1/mqtt/auth', { username: `alpha/${dev.device_key}`, password: dev.token })).statusCode).toBe(200);
    expect((await call('/api/v1/mqtt/auth', { username: other.device_key, password: dev.token })).statusCode).toBe(403);
    expect((await call('/api/v1/mqtt/auth', { username: dev.device_key, password: 'wrong-token-wrong-token' })).json()).toEqual({
      result: 'deny',
      ok: false,
    });
  });
  it("refuses a bare device key another tenant also uses (it could be either tenant's device); the tenant-qualified name works", async () => {
    const beta = await createTenant(t.ctx.db, `b${randomBytes(3).toString('hex')}`, t.clock.now());
    const betaStaff = await loginAs(t.app, beta.accounts.hub_staff.email);
    const betaPerson = (await betaStaff.post('/api/v1/people', { name: '見守 五郎' })).json().id;
    const twin = (await betaStaff.post(`/api/v1/people/${betaPerson}/devices`, { type: 'motion', device_key: other.device_key })).json();
    const alphaTopic = `tsunagari/alpha/devices/${other.device_key}/telemetry`;
    const betaTopic = `tsunagari/${beta.slug}/devices/${other.device_key}/telemetry`;
    // The bare key is now ambiguous: refused at both hooks, for both tenants' devices.
    expect((await call('/api/v1/mqtt/auth', { username: other.device_key, password: twin.token })).statusCode).toBe(403);
    expect((await call('/api/v1/mqtt/auth', { username: other.device_key, password: other.token })).statusCode).toBe(403);
    expect((await call('/api/v1/mqtt/acl', { username: other.device_key, topic: alphaTopic, action: 'publish' })).statusCode).toBe(403);
    // Qualified: each device reaches its own tenant's topic only.
    const qualified = `${beta.slug}/${other.device_key}`;
    expect((await call('/api/v1/mqtt/auth', { username: qualified, password: twin.token })).statusCode).toBe(200);
    expect((await call('/api/v1/mqtt/acl', { username: qualified, topic: betaTopic, action: 'publish' })).statusCode).toBe(200);
    expect((await call('/api/v1/mqtt/acl', { username: qualified, topic: alphaTopic, action: 'publish' })).statusCode).toBe(403);
    expect((await call('/api/v1/mqtt/auth', { username: `alpha/${other.device_key}`, password: other.token })).statusCode).toBe(200);
    expect((await call('/api/v1/mqtt/auth', { username: `alpha/${other.device_key}`, password: twin.token })).statusCode).toBe(403);
  });

  it('lets a device publish only to its own topic', async () => {
    const own = `tsunagari/alpha/devices/${dev.device_key}/telemetry`;
    expect((await call('/api/v1/mqtt/acl', { username: dev.device_key, topic: own, action: 'publish' })).statusCode).toBe(200);
    expect((await call('/api/v1/mqtt/acl', { username: dev.device_key, topic: own, acc: 2 })).statusCode).toBe(200);
    expect((await call('/api/v1/mqtt/acl', { username: dev.device_key, topic: own, action: 'subscribe' })).statusCode).toBe(403);
    expect(
      (
        await call('/api/v1/mqtt/acl', {
          username: dev.device_key,
          topic: `tsunagari/alpha/devices/${other.device_key}/telemetry`,
          action: 'publish',
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await call('/api/v1/mqtt/acl', {
          username: dev.device_key,
          topic: `tsunagari/other/devices/${dev.device_key}/telemetry`,
          action: 'publish',
        })
      ).statusCode,
    ).toBe(403);
  });
});

describe('MQTT delivery guarantees', () => {
  it('acknowledges a message only once it is stored: a copy that cannot store it loses nothing', async () => {
    const root2 = `t${randomBytes(5).toString('hex')}`;
    const group2 = `g${randomBytes(5).toString('hex')}`;
    const prefix = `${group2}-copy`;
    // A copy whose database rejects every write (its disk is full, say).
    // A copy whose database goes away (connections refused) once it has warmed its caches.
    let down = false;
    const broken = {
      ...t.ctx,
      db: new Proxy(t.ctx.db, {
        get(target, prop) {
          if (down && (prop === 'transaction' || prop === 'getExecutor' || prop === 'executeQuery' || prop === 'connection'))
            return () => {
              throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
            };
          const v = Reflect.get(target, prop, target);
          return typeof v === 'function' ? v.bind(target) : v;
        },
      }),
    };
    const failing = new TelemetryMqttConsumer(broken as typeof t.ctx, {
      url: URL,
      group: group2,
      topicRoot: root2,
      flushMs: 5,
      connections: 1,
      clientIdPrefix: prefix,
    });
    await failing.start();
    const topic = `${root2}/alpha/devices/${other.device_key}/telemetry`;
    const warm = new Date(t.clock.now().getTime() - 61_000).toISOString();
    await pub.publishAsync(topic, JSON.stringify({ token: other.token, ts: warm, kind: 'motion', value: 1 }), { qos: 1 });
    await waitFor(async () => expect(failing.counters.flushes).toBe(1));
    down = true;
    const ts = new Date(t.clock.now().getTime() - 60_000).toISOString();
    await pub.publishAsync(topic, JSON.stringify({ token: other.token, ts, kind: 'motion', value: 1 }), { qos: 1 });
    await waitFor(async () => expect(failing.counters.flush_errors).toBeGreaterThan(0));
    await failing.stop(); // gives up with the message unacknowledged
    // Neither set aside nor given up: the database was the problem, not the reading.
    expect(failing.counters).toMatchObject({ quarantined: 0, dropped: 0 });
    const q = await sql<{ n: number }>`SELECT count(*)::int AS n FROM telemetry_quarantine WHERE device_id = ${other.id}`.execute(t.ctx.db);
    expect(q.rows[0]!.n).toBe(0);
    // The same copy comes back healthy (same client id): the broker redelivers the message.
    const healthy = new TelemetryMqttConsumer(t.ctx, {
      url: URL,
      group: group2,
      topicRoot: root2,
      flushMs: 5,
      connections: 1,
      clientIdPrefix: prefix,
    });
    await healthy.start();
    try {
      await waitFor(async () => expect((await rows(other.id)).filter((r) => r.ts.toISOString() === ts)).toHaveLength(1));
    } finally {
      await healthy.stop();
    }
  });
});

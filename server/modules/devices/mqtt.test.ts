/**
 * MQTT end to end through the machine's Mosquitto (127.0.0.1:1883): a unique topic root and
 * shared-subscription group per run, so concurrent runs never see each other's messages.
 */
import { randomBytes } from 'node:crypto';
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { TelemetryMqttConsumer } from './mqtt-consumer.js';

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
  t = await createTestApp();
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
    const broken = {
      ...t.ctx,
      db: new Proxy(t.ctx.db, {
        get: (target, prop) =>
          prop === 'transaction' || prop === 'executeQuery'
            ? () => {
                throw new Error('database unavailable');
              }
            : Reflect.get(target, prop),
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
    const ts = new Date(t.clock.now().getTime() - 60_000).toISOString();
    await pub.publishAsync(
      `${root2}/alpha/devices/${other.device_key}/telemetry`,
      JSON.stringify({ token: other.token, ts, kind: 'motion', value: 1 }),
      { qos: 1 },
    );
    await waitFor(async () => expect(failing.counters.flush_errors).toBeGreaterThan(0));
    await failing.stop(); // gives up with the message unacknowledged
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

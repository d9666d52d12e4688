import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, type TestApp } from '../../../test/helpers/app.js';
import { createTenant, type TestTenant } from '../../../test/helpers/factories.js';
import { ensureTelemetryPartitions } from './telemetry.queries.js';

let t: TestApp;
let beta: TestTenant;
const MIN = 60_000;

async function person(tenantRole = t.as('hub_staff')) {
  const staff = await tenantRole;
  const r = await staff.post('/api/v1/people', { name: '見守 花子', kana: 'ミマモリ ハナコ', birth_year: 1938 });
  expect(r.statusCode).toBe(201);
  return r.json().id as string;
}

async function device(personId: string, body: Record<string, unknown> = { type: 'emergency_button' }, staffP = t.as('hub_staff')) {
  const staff = await staffP;
  const r = await staff.post(`/api/v1/people/${personId}/devices`, body);
  expect(r.statusCode, r.body).toBe(201);
  return r.json() as { id: string; device_key: string; token: string; status: string };
}

function post(token: string | null, readings: unknown[]) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/telemetry',
    payload: { readings },
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
}

const at = (offsetMs = 0) => new Date(t.clock.now().getTime() + offsetMs).toISOString();

beforeAll(async () => {
  t = await createTestApp();
  beta = await createTenant(t.ctx.db, 'beta', t.clock.now());
});
afterAll(async () => t?.close());

describe('device registry', () => {
  it('registers a device with a generated key and a token shown once, and lists it with its state', async () => {
    const pid = await person();
    const d = await device(pid, { type: 'motion', location_in_home: '居間', vendor: 'acme' });
    expect(d.device_key).toMatch(/^dev-/);
    expect(d.token.length).toBeGreaterThan(30);
    const ok = await post(d.token, [{ device_id: d.device_key, ts: at(), kind: 'motion', value: 1 }]);
    expect(ok.json()).toMatchObject({ accepted: 1, duplicates: 0, rejected: [] });
    const list = (await (await t.as('outreach')).get(`/api/v1/people/${pid}/devices`)).json();
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).not.toHaveProperty('token');
    expect(list.items[0].state.last_seen_at).toBe(at());
    expect(list.items[0].state.last_activity_at).toBe(at());
    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'entity_type']).where('entity_id', '=', d.id).execute();
    expect(audit).toContainEqual({ action: 'create', entity_type: 'device' });
  });

  it('refuses a device key already used in the tenant, and unknown people', async () => {
    const pid = await person();
    await device(pid, { type: 'door', device_key: 'door-dup' });
    const staff = await t.as('hub_staff');
    expect((await staff.post(`/api/v1/people/${pid}/devices`, { type: 'door', device_key: 'door-dup' })).json().error.code).toBe(
      'device_key_taken',
    );
    expect((await staff.post(`/api/v1/people/${crypto.randomUUID()}/devices`, { type: 'door' })).statusCode).toBe(404);
  });

  it('a rotated token replaces the old one; a revoked token and a retired device get 401', async () => {
    const pid = await person();
    const d = await device(pid);
    const staff = await t.as('coordinator');
    const rotated = (await staff.post(`/api/v1/devices/watch/${d.id}/rotate-token`)).json();
    expect(rotated.token).not.toBe(d.token);
    expect((await post(d.token, [])).json().error.code).toBe('device_token_invalid');
    expect((await post(rotated.token, [])).statusCode).toBe(200);
    expect((await staff.post(`/api/v1/devices/watch/${d.id}/revoke-token`)).json().has_token).toBe(false);
    expect((await post(rotated.token, [])).statusCode).toBe(401);
    const again = (await staff.post(`/api/v1/devices/watch/${d.id}/rotate-token`)).json();
    expect((await post(again.token, [])).statusCode).toBe(200);
    expect((await staff.patch(`/api/v1/devices/watch/${d.id}`, { status: 'retired' })).json().status).toBe('retired');
    expect((await post(again.token, [])).statusCode).toBe(401);
    expect((await post(null, [])).statusCode).toBe(401);
    expect((await post('x'.repeat(43), [])).statusCode).toBe(401);
  });

  it('an ingestion credential posts for any device of its tenant until revoked', async () => {
    const pid = await person();
    const a = await device(pid, { type: 'motion' });
    const b = await device(pid, { type: 'door' });
    const coord = await t.as('coordinator');
    const cred = (await coord.post('/api/v1/ingest-credentials', { label: 'vendor gateway' })).json();
    const r = await post(cred.token, [
      { device_id: a.device_key, ts: at(), kind: 'motion', value: 1 },
      { device_id: b.device_key, ts: at(), kind: 'door', value: 0 },
    ]);
    expect(r.json()).toMatchObject({ accepted: 2, rejected: [] });
    const list = (await coord.get('/api/v1/ingest-credentials')).json();
    expect(list.items.map((c: { id: string }) => c.id)).toContain(cred.id);
    expect(list.items[0]).not.toHaveProperty('token');
    expect((await coord.post(`/api/v1/ingest-credentials/${cred.id}/revoke`)).json().revoked_at).toBe(at());
    expect((await post(cred.token, [])).statusCode).toBe(401);
  });
});

describe('HTTP ingestion', () => {
  it('stores duplicate and replayed readings once', async () => {
    const d = await device(await person(), { type: 'power' });
    const readings = [
      { device_id: d.device_key, ts: at(-30 * MIN), kind: 'power_w', value: 120 },
      { device_id: d.device_key, ts: at(-30 * MIN), kind: 'power_w', value: 120 },
      { device_id: d.device_key, ts: at(), kind: 'power_w', value: 90 },
    ];
    expect((await post(d.token, readings)).json()).toMatchObject({ accepted: 2, duplicates: 1 });
    expect((await post(d.token, readings)).json()).toMatchObject({ accepted: 0, duplicates: 3 });
    const rows = await t.ctx.db.selectFrom('telemetry').selectAll().where('device_id', '=', d.id).execute();
    expect(rows).toHaveLength(2);
  });

  it('a batch mixing replayed and new readings stores and applies only the new ones', async () => {
    const pid = await person();
    const d = await device(pid, { type: 'power' });
    const first = [
      { ts: at(-20 * MIN), kind: 'power_w', value: 120 },
      { ts: at(-19 * MIN), kind: 'battery', value: 80 },
    ];
    expect((await post(d.token, first)).json()).toMatchObject({ accepted: 2, duplicates: 0 });
    // The replayed battery reading carries another value: the stored one stays, and it is not applied.
    const mixed = [{ ts: at(-19 * MIN), kind: 'battery', value: 5 }, { ts: at(-10 * MIN), kind: 'power_w', value: 10 }, first[0]];
    expect((await post(d.token, mixed)).json()).toMatchObject({ accepted: 1, duplicates: 2 });
    const list = (await (await t.as('hub_staff')).get(`/api/v1/people/${pid}/devices`)).json();
    const state = list.items.find((x: { id: string }) => x.id === d.id).state;
    expect(state).toMatchObject({ battery: 80, last_power_w: 10, standby_since: at(-10 * MIN) });
    const stored = await t.ctx.db.selectFrom('telemetry').select(['kind', 'value']).where('device_id', '=', d.id).orderBy('ts').execute();
    expect(stored).toEqual([
      { kind: 'power_w', value: 120 },
      { kind: 'battery', value: 80 },
      { kind: 'power_w', value: 10 },
    ]);
    expect(await t.ctx.db.selectFrom('alerts').select('id').where('device_id', '=', d.id).execute()).toEqual([]);
    // And a new batch right after a duplicate is stored in full.
    expect((await post(d.token, [{ ts: at(-5 * MIN), kind: 'power_w', value: 11 }])).json()).toMatchObject({ accepted: 1, duplicates: 0 });
  });

  it('a standby run and a low battery reach the state row at once; last seen within a minute', async () => {
    const pid = await person();
    const d = await device(pid, { type: 'power' });
    const staff = await t.as('hub_staff');
    const state = async () =>
      (await staff.get(`/api/v1/people/${pid}/devices`)).json().items.find((x: { id: string }) => x.id === d.id).state;
    await post(d.token, [
      { ts: at(-60_000), kind: 'power_w', value: 200 },
      { ts: at(-60_000), kind: 'battery', value: 90 },
    ]);
    expect(await state()).toMatchObject({ last_seen_at: at(-60_000), standby_since: null, battery: 90 });
    await post(d.token, [{ ts: at(-50_000), kind: 'power_w', value: 5 }]);
    expect(await state()).toMatchObject({ standby_since: at(-50_000), last_power_w: 5 });
    await post(d.token, [{ ts: at(-40_000), kind: 'power_w', value: 300 }]);
    expect(await state()).toMatchObject({ standby_since: null, last_power_w: 300 });
    await post(d.token, [{ ts: at(-30_000), kind: 'battery', value: 10 }]);
    expect(await state()).toMatchObject({ battery: 10 });
    // Nothing else changed: last seen may lag, by less than a minute.
    await post(d.token, [{ ts: at(0), kind: 'power_w', value: 310 }]);
    const lag = t.clock.now().getTime() - Date.parse((await state()).last_seen_at);
    expect(lag).toBeGreaterThanOrEqual(0);
    expect(lag).toBeLessThan(60_000);
  });

  it('a device changed on another app copy is refused here at once, not when the cache expires', async () => {
    const { createDb, createPool } = await import('../../db/database.js');
    const { ingestReadings } = await import('./telemetry.ingest.js');
    const { resolveIngestToken } = await import('../../access/authenticators/ingest-token.js');
    // This copy: its own pool (and so its own caches) on the same database and event bus.
    const here = { ...t.ctx, db: createDb(createPool(t.testDb.url, 2)) };
    try {
      const d = await device(await person(), { type: 'motion' });
      const auth = (await resolveIngestToken(here, d.token))!;
      const send = (offset: number) => ingestReadings(here, [{ auth, readings: [{ ts: at(offset), kind: 'motion', value: 1 }] }], 'en');
      expect(await send(-2000)).toMatchObject({ accepted: 1 });
      const heard = new Promise<void>((resolve) => {
        const off = t.ctx.events.subscribe(auth.tenantId, (e) => {
          if (e.type === 'device.changed' && e.id === d.id) {
            off();
            resolve();
          }
        });
      });
      // Retired through the other copy (the app under test), which announces it on the event bus.
      expect((await (await t.as('hub_staff')).patch(`/api/v1/devices/watch/${d.id}`, { status: 'retired' })).statusCode).toBe(200);
      await heard;
      expect(await send(-1000)).toMatchObject({ accepted: 0, rejected: [{ index: 0, code: 'unknown_device' }] });
    } finally {
      await here.db.destroy();
    }
  });

  it('rejects stale, future, unknown and invalid readings one by one and keeps the rest', async () => {
    const d = await device(await person(), { type: 'motion' });
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/telemetry',
      headers: { authorization: `Bearer ${d.token}`, 'accept-language': 'en' },
      payload: {
        readings: [
          { device_id: d.device_key, ts: at(), kind: 'motion', value: 1 },
          { device_id: d.device_key, ts: at(10 * MIN), kind: 'motion', value: 1 },
          { device_id: d.device_key, ts: at(-8 * 24 * 60 * MIN), kind: 'motion', value: 1 },
          { device_id: 'no-such-device', ts: at(), kind: 'motion', value: 1 },
          { device_id: d.device_key, ts: at(), kind: 'smoke', value: 1 },
          { device_id: d.device_key, ts: 'yesterday', kind: 'motion', value: 1 },
          { device_id: d.device_key, ts: at(-MIN), kind: 'battery', value: 140 },
          { device_id: d.device_key, ts: at(4 * MIN), kind: 'heartbeat', value: 1 },
        ],
      },
    });
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.accepted).toBe(2);
    expect(body.rejected.map((x: { index: number; code: string }) => [x.index, x.code])).toEqual([
      [1, 'future_timestamp'],
      [2, 'stale_timestamp'],
      [3, 'unknown_device'],
      [4, 'invalid_reading'],
      [5, 'invalid_reading'],
      [6, 'invalid_reading'],
    ]);
    expect(body.rejected[0].message).toMatch(/future/);
  });

  it('a device token posts only for its own device; the body limit allows 5,000 readings and refuses more', async () => {
    const pid = await person();
    const a = await device(pid, { type: 'motion' });
    const b = await device(pid, { type: 'motion' });
    const r = (
      await post(a.token, [
        { device_id: b.device_key, ts: at(), kind: 'motion', value: 1 },
        { ts: at(), kind: 'motion', value: 1 },
      ])
    ).json();
    expect(r.accepted).toBe(1); // the second names no device: the token's own
    expect(r.rejected).toEqual([expect.objectContaining({ index: 0, code: 'unknown_device' })]);
    // A gateway's full batch: 5,000 readings over ten devices (each within its own rate limit, 600 a minute).
    const gateway = (await (await t.as('coordinator')).post('/api/v1/ingest-credentials', { label: 'big batch' })).json();
    const ten = [a, b, ...(await Promise.all(Array.from({ length: 8 }, () => device(pid, { type: 'motion' }))))];
    const many = Array.from({ length: 5000 }, (_, i) => ({
      device_id: ten[i % 10]!.device_key,
      ts: at(-Math.floor(i / 10) * 1000),
      kind: 'heartbeat',
      value: 1,
    }));
    expect((await post(gateway.token, many)).json()).toMatchObject({ accepted: 5000, duplicates: 0, rejected: [] });
    expect((await post(gateway.token, [...many, many[0]])).statusCode).toBe(400);
  });

  it('a device of tenant A cannot post for tenant B, by device token or by ingestion credential', async () => {
    const mine = await device(await person());
    const betaStaff = await loginAs(t.app, beta.accounts.hub_staff.email);
    const betaPerson = await person(Promise.resolve(betaStaff));
    const theirs = await device(betaPerson, { type: 'motion', device_key: 'shared-key-1' }, Promise.resolve(betaStaff));
    // Same key in tenant A too: a credential of A reaches A's device, never B's.
    const alphaSame = await device(await person(), { type: 'motion', device_key: 'shared-key-1' });
    const cred = (await (await t.as('coordinator')).post('/api/v1/ingest-credentials', { label: 'A gateway' })).json();
    const viaToken = (await post(mine.token, [{ device_id: theirs.device_key, ts: at(), kind: 'motion', value: 1 }])).json();
    expect(viaToken.rejected[0].code).toBe('unknown_device');
    const viaCred = (await post(cred.token, [{ device_id: 'shared-key-1', ts: at(), kind: 'motion', value: 1 }])).json();
    expect(viaCred.accepted).toBe(1);
    const theirRows = await t.ctx.db.selectFrom('telemetry').select('device_id').where('device_id', '=', theirs.id).execute();
    expect(theirRows).toHaveLength(0);
    const ourRows = await t.ctx.db.selectFrom('telemetry').select('device_id').where('device_id', '=', alphaSame.id).execute();
    expect(ourRows).toHaveLength(1);
    // And tenant B's staff cannot see or touch A's devices.
    expect((await betaStaff.post(`/api/v1/devices/watch/${mine.id}/rotate-token`)).statusCode).toBe(404);
  });

  it('counts what it took in /telemetry/stats', async () => {
    const stats = (await (await t.as('outreach')).get('/api/v1/telemetry/stats')).json();
    expect(stats.tenant.accepted).toBeGreaterThan(0);
    expect(stats.tenant.rejected).toBeGreaterThan(0);
    expect(stats.mqtt.enabled).toBe(false);
  });
});

describe('emergency button', () => {
  it('raises one critical alert at once; a repeat press counts on the open alert', async () => {
    const d = await device(await person());
    await post(d.token, [{ ts: at(), kind: 'press', value: 1 }]);
    let alerts = await t.ctx.db.selectFrom('alerts').selectAll().where('device_id', '=', d.id).execute();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      type: 'emergency_button',
      severity: 'critical',
      status: 'active',
      occurrences: 1,
      category: 'welfare',
    });
    await post(d.token, [{ ts: at(), kind: 'press', value: 1 }]); // replay: nothing new
    t.clock.advance(MIN);
    await post(d.token, [{ ts: at(), kind: 'press', value: 1 }]);
    alerts = await t.ctx.db.selectFrom('alerts').selectAll().where('device_id', '=', d.id).execute();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.occurrences).toBe(2);
  });

  it('low battery raises a technical alert', async () => {
    const d = await device(await person(), { type: 'door' });
    await post(d.token, [{ ts: at(), kind: 'battery', value: 50 }]);
    expect(await t.ctx.db.selectFrom('alerts').selectAll().where('device_id', '=', d.id).execute()).toHaveLength(0);
    await post(d.token, [{ ts: at(1000), kind: 'battery', value: 12 }]);
    const alerts = await t.ctx.db.selectFrom('alerts').selectAll().where('device_id', '=', d.id).execute();
    expect(alerts).toEqual([expect.objectContaining({ type: 'battery_low', category: 'technical' })]);
  });
});

describe('monthly partitions', () => {
  it('creates this month and the next two, moving rows the default partition already holds', async () => {
    const d = await device(await person(), { type: 'motion' });
    await post(d.token, [{ ts: at(), kind: 'motion', value: 1 }]); // lands in the default partition
    const created = await ensureTelemetryPartitions(t.ctx.db, t.clock.now());
    expect(created).toEqual(['telemetry_y2026m11', 'telemetry_y2026m12', 'telemetry_y2027m01']);
    expect(await ensureTelemetryPartitions(t.ctx.db, t.clock.now())).toEqual([]);
    const { rows } = await import('kysely').then(({ sql }) =>
      sql<{ n: number }>`SELECT count(*)::int AS n FROM telemetry_y2026m11`.execute(t.ctx.db),
    );
    expect(rows[0]!.n).toBeGreaterThan(0);
    const again = await post(d.token, [{ ts: at(), kind: 'motion', value: 1 }]);
    expect(again.json().duplicates).toBe(1);
  });
});

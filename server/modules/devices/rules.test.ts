import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, type TestApp } from '../../../test/helpers/app.js';
import { sweepDailyProfiles, sweepInactivity, sweepSilence, sweepStandby } from './devices.sweeper.js';
import { inactivityDueAt, resolveSettings } from './watch-settings.js';

let t: TestApp;
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
/** A Tokyo wall-clock time as an instant (JST = UTC+9, no DST). */
const jst = (s: string) => new Date(`${s}+09:00`);

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

async function person(settings?: Record<string, unknown>) {
  // A fresh login: the clock jumps by days here, past the session's idle timeout.
  const staff = await loginAs(t.app, t.tenant.accounts.hub_staff.email);
  const id = (await staff.post('/api/v1/people', { name: '見守 太郎' })).json().id as string;
  if (settings) {
    await t.ctx.db
      .insertInto('watch_settings')
      .values({ tenant_id: t.tenant.id, person_id: id, settings: JSON.stringify(settings), updated_at: t.clock.now() })
      .execute();
  }
  return id;
}

async function device(personId: string, type: string) {
  const r = await (await loginAs(t.app, t.tenant.accounts.hub_staff.email)).post(`/api/v1/people/${personId}/devices`, { type });
  expect(r.statusCode).toBe(201);
  return r.json() as { id: string; device_key: string; token: string };
}

async function send(d: { token: string }, readings: { ts: Date; kind: string; value: number }[]) {
  const r = await t.app.inject({
    method: 'POST',
    url: '/api/v1/telemetry',
    headers: { authorization: `Bearer ${d.token}` },
    payload: { readings: readings.map((x) => ({ ...x, ts: x.ts.toISOString() })) },
  });
  expect(r.json().rejected).toEqual([]);
}

async function alertsOf(deviceId: string, type?: string) {
  return t.ctx.db
    .selectFrom('alerts')
    .selectAll()
    .where('device_id', '=', deviceId)
    .$if(!!type, (q) => q.where('type', '=', type as never))
    .execute();
}

async function sweepAllAt(at: Date) {
  t.clock.set(at);
  while ((await sweepInactivity(t.ctx)) > 0);
  while ((await sweepStandby(t.ctx)) > 0);
  while ((await sweepSilence(t.ctx)) > 0);
}

describe('inactivity deadline with quiet hours', () => {
  const s = resolveSettings(null);
  it('does not count quiet hours (22:00–07:00 JST)', () => {
    // 20:00 → 2 h until 22:00, then 10 h from 07:00.
    expect(inactivityDueAt(jst('2026-11-02T20:00:00'), s)).toEqual(jst('2026-11-03T17:00:00'));
    // Activity inside the window: the clock starts at 07:00.
    expect(inactivityDueAt(jst('2026-11-03T03:00:00'), s)).toEqual(jst('2026-11-03T19:00:00'));
    // 09:00 → 12 h later is 21:00, before the window.
    expect(inactivityDueAt(jst('2026-11-03T09:00:00'), s)).toEqual(jst('2026-11-03T21:00:00'));
    expect(inactivityDueAt(jst('2026-11-03T09:00:00'), resolveSettings({ quietHours: null, inactivityHours: 20 }))).toEqual(
      jst('2026-11-04T05:00:00'),
    );
  });
});

describe('inactivity (per person)', () => {
  it('stays silent at 3 am after a normal evening and through a late morning, fires after a whole waking day without activity', async () => {
    const pid = await person();
    const motion = await device(pid, 'motion');
    t.clock.set(jst('2026-11-02T20:00:00'));
    await send(motion, [{ ts: t.clock.now(), kind: 'motion', value: 1 }]);
    await sweepAllAt(jst('2026-11-03T03:00:00'));
    await sweepAllAt(jst('2026-11-03T10:29:00'));
    expect(await alertsOf(motion.id, 'inactivity')).toHaveLength(0);
    t.clock.set(jst('2026-11-03T10:30:00'));
    await send(motion, [{ ts: t.clock.now(), kind: 'motion', value: 1 }]); // a normal late morning
    await sweepAllAt(jst('2026-11-03T21:59:00'));
    await sweepAllAt(jst('2026-11-04T07:29:00'));
    expect(await alertsOf(motion.id, 'inactivity')).toHaveLength(0);
    await sweepAllAt(jst('2026-11-04T07:31:00')); // 10:30 + 11.5 h to 22:00 + 0.5 h after 07:00
    const alerts = await alertsOf(motion.id, 'inactivity');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ severity: 'high', category: 'welfare', status: 'active' });
    await sweepAllAt(jst('2026-11-04T12:00:00'));
    expect((await alertsOf(motion.id, 'inactivity'))[0]!.occurrences).toBe(1);
  });

  it("counts activity on any of the person's devices and raises once, on the device last active", async () => {
    const pid = await person({ quietHours: null, inactivityHours: 6 });
    const motion = await device(pid, 'motion');
    const kettle = await device(pid, 'plug');
    t.clock.set(jst('2026-11-05T08:00:00'));
    await send(motion, [{ ts: t.clock.now(), kind: 'motion', value: 1 }]);
    t.clock.set(jst('2026-11-05T10:00:00'));
    await send(kettle, [{ ts: t.clock.now(), kind: 'plug_on', value: 1 }]);
    await sweepAllAt(jst('2026-11-05T14:30:00')); // the motion sensor's own deadline passed: the kettle says all is well
    expect([...(await alertsOf(motion.id, 'inactivity')), ...(await alertsOf(kettle.id, 'inactivity'))]).toHaveLength(0);
    await sweepAllAt(jst('2026-11-05T16:01:00'));
    expect(await alertsOf(motion.id, 'inactivity')).toHaveLength(0);
    expect(await alertsOf(kettle.id, 'inactivity')).toHaveLength(1);
  });

  it('is paused while the person is away (holiday), and resumes when they are back', async () => {
    const pid = await person({ quietHours: null, inactivityHours: 6, awayUntil: jst('2026-11-09T12:00:00').toISOString() });
    const door = await device(pid, 'door');
    t.clock.set(jst('2026-11-07T09:00:00'));
    await send(door, [{ ts: t.clock.now(), kind: 'door', value: 1 }]);
    await sweepAllAt(jst('2026-11-08T09:00:00'));
    await sweepAllAt(jst('2026-11-09T17:59:00'));
    expect(await alertsOf(door.id, 'inactivity')).toHaveLength(0);
    await sweepAllAt(jst('2026-11-09T18:01:00')); // back at 12:00 + 6 h
    expect(await alertsOf(door.id, 'inactivity')).toHaveLength(1);
  });
});

describe('watch settings changed while a deadline is armed', () => {
  it('lowering inactivityHours moves the armed deadline earlier at once: the alert comes at the new time, not the old', async () => {
    const pid = await person({ quietHours: null });
    const motion = await device(pid, 'motion');
    t.clock.set(jst('2026-11-06T08:00:00'));
    await send(motion, [{ ts: t.clock.now(), kind: 'motion', value: 1 }]);
    const due = async () =>
      (await t.ctx.db.selectFrom('device_state').select('inactivity_due_at').where('device_id', '=', motion.id).executeTakeFirstOrThrow())
        .inactivity_due_at;
    expect(await due()).toEqual(jst('2026-11-06T20:00:00'));
    t.clock.set(jst('2026-11-06T09:00:00'));
    const staff = await loginAs(t.app, t.tenant.accounts.hub_staff.email);
    const put = await staff.inject({ method: 'PUT', url: `/api/v1/people/${pid}/watch-settings`, payload: { inactivityHours: 4 } });
    expect(put.statusCode, put.body).toBe(200);
    expect(await due()).toEqual(jst('2026-11-06T12:00:00'));
    await sweepAllAt(jst('2026-11-06T11:59:00'));
    expect(await alertsOf(motion.id, 'inactivity')).toHaveLength(0);
    await sweepAllAt(jst('2026-11-06T12:01:00'));
    const alerts = await alertsOf(motion.id, 'inactivity');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.detail).toMatchObject({ inactivity_hours: 4 });
  });
});

describe('standby power', () => {
  const series = (from: Date, n: number, watts: (i: number) => number) =>
    Array.from({ length: n }, (_, i) => ({ ts: new Date(from.getTime() + i * 30 * MIN), kind: 'power_w', value: watts(i) }));

  it('fires after standbyHours at or below the baseline', async () => {
    const meter = await device(await person(), 'power');
    const start = jst('2026-11-10T09:00:00');
    t.clock.set(new Date(start.getTime() + 8 * HOUR));
    await send(
      meter,
      series(start, 17, () => 12),
    ); // 09:00 … 17:00
    await sweepAllAt(new Date(start.getTime() + 8 * HOUR - MIN));
    expect(await alertsOf(meter.id, 'standby_power')).toHaveLength(0);
    await sweepAllAt(new Date(start.getTime() + 8 * HOUR + MIN));
    const a = await alertsOf(meter.id, 'standby_power');
    expect(a).toHaveLength(1);
    expect(a[0]!.detail).toMatchObject({ standby_since: start.toISOString() });
  });

  it('stays silent when use recovers before the threshold', async () => {
    const meter = await device(await person(), 'power');
    const start = jst('2026-11-11T09:00:00');
    t.clock.set(new Date(start.getTime() + 6 * HOUR));
    await send(
      meter,
      series(start, 13, () => 15),
    );
    t.clock.set(new Date(start.getTime() + 7 * HOUR));
    await send(meter, [{ ts: t.clock.now(), kind: 'power_w', value: 350 }]); // the kettle and TV are on
    await sweepAllAt(new Date(start.getTime() + 9 * HOUR));
    expect(await alertsOf(meter.id, 'standby_power')).toHaveLength(0);
  });
});

describe('technical alerts', () => {
  it('a device silent for silenceHours raises device_silent once (technical)', async () => {
    t.clock.set(jst('2026-11-12T09:00:00'));
    const d = await device(await person(), 'motion');
    await send(d, [{ ts: t.clock.now(), kind: 'heartbeat', value: 1 }]);
    await sweepAllAt(jst('2026-11-13T08:59:00'));
    expect(await alertsOf(d.id, 'device_silent')).toHaveLength(0);
    await sweepAllAt(jst('2026-11-13T09:01:00'));
    await sweepAllAt(jst('2026-11-13T12:00:00'));
    const a = await alertsOf(d.id, 'device_silent');
    expect(a).toHaveLength(1);
    expect(a[0]).toMatchObject({ category: 'technical', occurrences: 1, next_step_at: null });
  });
});

describe('technical alerts resolve themselves when the device recovers', () => {
  const events = (alertId: string) =>
    t.ctx.db
      .selectFrom('alert_events')
      .select(['kind', 'data', 'actor_id'])
      .where('alert_id', '=', alertId)
      .orderBy('at')
      .orderBy('id')
      .execute();

  it('a silent device that reports again resolves its device_silent alert; its welfare alert stays open', async () => {
    t.clock.set(jst('2026-11-16T09:00:00'));
    const d = await device(await person({ quietHours: null, inactivityHours: 6 }), 'motion');
    await send(d, [{ ts: t.clock.now(), kind: 'motion', value: 1 }]);
    await sweepAllAt(jst('2026-11-17T09:01:00'));
    const [silent] = await alertsOf(d.id, 'device_silent');
    const [inactive] = await alertsOf(d.id, 'inactivity');
    expect(silent).toMatchObject({ status: 'active', category: 'technical' });
    expect(inactive).toMatchObject({ status: 'active', category: 'welfare' });

    t.clock.set(jst('2026-11-17T10:00:00'));
    await send(d, [{ ts: t.clock.now(), kind: 'heartbeat', value: 1 }]);
    expect((await alertsOf(d.id, 'device_silent'))[0]).toMatchObject({
      id: silent!.id,
      status: 'resolved',
      outcome: 'technical_fixed',
      resolved_via: 'device',
      resolved_at: t.clock.now(),
      resolved_by: null,
    });
    expect((await events(silent!.id)).at(-1)).toEqual({
      kind: 'resolved',
      actor_id: null,
      data: { outcome: 'technical_fixed', via: 'device', reported_at: t.clock.now().toISOString() },
    });
    // A welfare alert is never resolved by a device: someone has to confirm the person is well.
    expect((await alertsOf(d.id, 'inactivity'))[0]).toMatchObject({ id: inactive!.id, status: 'active', resolved_at: null });
    // The silence deadline is armed again: a second silence is a new alert.
    await sweepAllAt(jst('2026-11-18T10:01:00'));
    const again = await alertsOf(d.id, 'device_silent');
    expect(again.map((a) => a.status).sort()).toEqual(['active', 'resolved']);
  });

  it('a battery back at or above the threshold resolves battery_low; the next low battery is a new alert at once', async () => {
    t.clock.set(jst('2026-11-19T09:00:00'));
    const d = await device(await person({ batteryLowPercent: 20 }), 'door');
    await send(d, [{ ts: t.clock.now(), kind: 'battery', value: 12 }]);
    const [low] = await alertsOf(d.id, 'battery_low');
    expect(low).toMatchObject({ status: 'active', category: 'technical' });
    t.clock.advance(HOUR);
    await send(d, [{ ts: t.clock.now(), kind: 'battery', value: 19 }]); // still low
    expect((await alertsOf(d.id, 'battery_low'))[0]!.status).toBe('active');
    t.clock.advance(HOUR);
    await send(d, [{ ts: t.clock.now(), kind: 'battery', value: 20 }]); // batteries changed
    expect((await alertsOf(d.id, 'battery_low'))[0]).toMatchObject({
      status: 'resolved',
      outcome: 'technical_fixed',
      resolved_via: 'device',
    });
    expect((await events(low!.id)).at(-1)?.data).toMatchObject({ outcome: 'technical_fixed', via: 'device', battery: 20 });
    t.clock.advance(HOUR);
    await send(d, [{ ts: t.clock.now(), kind: 'battery', value: 9 }]); // a bad set of batteries: low again within 6 h
    const all = await alertsOf(d.id, 'battery_low');
    expect(all.map((a) => a.status).sort()).toEqual(['active', 'resolved']);
  });
});

describe('deadlines armed once, re-checked by the sweeper', () => {
  it('a device that keeps reporting never goes "silent", though ingestion does not move its deadline', async () => {
    t.clock.set(jst('2026-11-14T09:00:00'));
    const d = await device(await person(), 'motion');
    await send(d, [{ ts: t.clock.now(), kind: 'heartbeat', value: 1 }]);
    const armed = await t.ctx.db
      .selectFrom('device_state')
      .select('silence_due_at')
      .where('device_id', '=', d.id)
      .executeTakeFirstOrThrow();
    // Readings every 6 hours for two days: the old deadline comes up, is pushed forward, no alert.
    for (let h = 6; h <= 48; h += 6) {
      t.clock.set(new Date(jst('2026-11-14T09:00:00').getTime() + h * HOUR));
      await send(d, [{ ts: t.clock.now(), kind: 'heartbeat', value: 1 }]);
      await sweepAllAt(t.clock.now());
    }
    expect(await alertsOf(d.id, 'device_silent')).toHaveLength(0);
    const later = await t.ctx.db
      .selectFrom('device_state')
      .select('silence_due_at')
      .where('device_id', '=', d.id)
      .executeTakeFirstOrThrow();
    expect(later.silence_due_at!.getTime()).toBeGreaterThan(armed.silence_due_at!.getTime());
    // Then it stops: the alert comes silenceHours after the last reading.
    await sweepAllAt(new Date(t.clock.now().getTime() + 23 * HOUR));
    expect(await alertsOf(d.id, 'device_silent')).toHaveLength(0);
    await sweepAllAt(new Date(t.clock.now().getTime() + 25 * HOUR));
    expect(await alertsOf(d.id, 'device_silent')).toHaveLength(1);
  });
});

describe('daily power profile', () => {
  /** A household's half-hourly power: busy mornings, a lighter evening, low nights. */
  function dayReadings(deviceId: string, day: string, scale: (h: number) => number, seed: number) {
    const out = [];
    for (let i = 0; i < 48; i++) {
      const ts = new Date(jst(`${day}T00:00:00`).getTime() + i * 30 * MIN);
      const h = i / 2;
      const base = h >= 5 && h < 11 ? 220 : h >= 17 && h < 22 ? 160 : 45;
      const noise = 1 + 0.06 * Math.sin(seed * 7.3 + i * 1.7);
      out.push({ tenant_id: t.tenant.id, device_id: deviceId, kind: 'power_w', ts, value: base * noise * scale(h), received_at: ts });
    }
    return out;
  }

  it("fires on a day far from the person's own 21-day profile, stays silent on a normal day, once per tenant and day", async () => {
    const odd = await device(await person(), 'power');
    const usual = await device(await person(), 'power');
    const day = '2026-12-01';
    const rows = [];
    for (let k = 21; k >= 1; k--) {
      const d = new Date(jst(`${day}T00:00:00`).getTime() - k * DAY + 9 * HOUR).toISOString().slice(0, 10);
      rows.push(...dayReadings(odd.id, d, () => 1, k), ...dayReadings(usual.id, d, () => 1, k + 100));
    }
    // The anomalous day: no morning routine at all (nobody got up), standby-level all day.
    rows.push(...dayReadings(odd.id, day, (h) => (h >= 5 && h < 11 ? 0.15 : 0.6), 0));
    rows.push(...dayReadings(usual.id, day, () => 1.03, 0));
    for (let i = 0; i < rows.length; i += 1000)
      await t.ctx.db
        .insertInto('telemetry')
        .values(rows.slice(i, i + 1000))
        .execute();

    t.clock.set(jst('2026-12-02T00:30:00'));
    expect(await sweepDailyProfiles(t.ctx)).toBe(0); // not before 01:00: late readings still arrive
    t.clock.set(jst('2026-12-02T01:30:00'));
    await sweepDailyProfiles(t.ctx);
    const a = await alertsOf(odd.id, 'power_profile');
    expect(a).toHaveLength(1);
    expect(a[0]).toMatchObject({ severity: 'medium', category: 'welfare' });
    expect(a[0]!.detail).toMatchObject({ day, history_days: 21 });
    expect(await alertsOf(usual.id, 'power_profile')).toHaveLength(0);
    // Idempotent per tenant and day, even from another copy with a cold memory.
    await sweepDailyProfiles({ ...t.ctx, db: t.ctx.db.withoutPlugins() });
    expect((await alertsOf(odd.id, 'power_profile'))[0]!.occurrences).toBe(1);
  });

  it('does nothing without 14 days of history', async () => {
    const fresh = await device(await person(), 'power');
    const rows = [];
    for (let k = 5; k >= 0; k--)
      rows.push(
        ...dayReadings(
          fresh.id,
          new Date(jst('2026-12-02T09:00:00').getTime() - k * DAY).toISOString().slice(0, 10),
          () => (k === 0 ? 0.1 : 1),
          k,
        ),
      );
    await t.ctx.db.insertInto('telemetry').values(rows).execute();
    t.clock.set(jst('2026-12-03T02:00:00'));
    await sweepDailyProfiles(t.ctx);
    expect(await alertsOf(fresh.id, 'power_profile')).toHaveLength(0);
  });
});

import { uuidv7 } from 'uuidv7';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, SMTP_CONFIGURED, type TestApp } from '../../../test/helpers/app.js';
import { insertWatchedPerson, raiseAlertNow } from '../../../test/helpers/watch.js';
import { ManualClock } from '../../clock.js';
import type { AppContext } from '../../context.js';
import { createDb, createPool } from '../../db/database.js';
import { LineMessenger, SmsStubMessenger } from '../notifications/messengers.js';
import { dispatchOutbox } from '../notifications/outbox.js';
import type { AlertSeverity, AlertType } from './alerts.tables.js';
import { sweepAlerts } from './ladder.sweeper.js';

let t: TestApp;
let second: AppContext;
const MIN = 60_000;
const P = '/api/v1';

beforeAll(async () => {
  t = await createTestApp({ config: SMTP_CONFIGURED });
  second = { db: createDb(createPool(t.testDb.url, 5)), clock: new ManualClock(t.clock.now()), config: t.ctx.config, events: t.ctx.events };
});
// Each test follows its own alerts through the ladder: settle what a test left open.
afterEach(async () => {
  await t.ctx.db
    .updateTable('alerts')
    .set({ status: 'resolved', outcome: 'false_alarm', resolved_at: t.clock.now(), next_step_at: null })
    .where('status', '<>', 'resolved')
    .execute();
});
afterAll(async () => {
  await second?.db.destroy();
  await t?.close();
});

let n = 0;
/** A person in area A1 (the test hub's) with one device of the given type. */
async function person(deviceType: 'motion' | 'emergency_button' = 'motion') {
  n++;
  return insertWatchedPerson(t, { name: `見守 ${n}郎`, deviceType, deviceKey: `dev-${n}` });
}

const raise = (personId: string, deviceId: string, type: AlertType, severity: AlertSeverity) =>
  raiseAlertNow(t, personId, deviceId, type, severity);

async function addWatcher(personId: string, body: Record<string, unknown>) {
  const res = await (await t.as('hub_staff')).post(`${P}/people/${personId}/watchers`, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string };
}

const alertRow = (id: string) => t.ctx.db.selectFrom('alerts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const tokenOf = async (alertId: string) => {
  const mail = await t.ctx.db
    .selectFrom('outbox')
    .select('payload')
    .where('dedupe_key', 'like', `watch:${alertId}:%`)
    .where('kind', '=', 'email')
    .executeTakeFirstOrThrow();
  return /\/confirm\/([A-Za-z0-9_-]+)/.exec((mail.payload as { text: string }).text)![1]!;
};

describe('alert lifecycle', () => {
  it('lists open alerts newest first, with names only for roles that read people; coordinators see technical alerts only', async () => {
    const p = await person();
    const a = await raise(p.personId, p.deviceId, 'inactivity', 'high');
    const again = await raise(p.personId, p.deviceId, 'inactivity', 'high');
    expect(again).toEqual({ id: a.id, created: false }); // one open alert per device and type
    t.clock.advance(MIN);
    const tech = await raise(p.personId, p.deviceId, 'battery_low', 'low');
    const staff = await t.as('hub_staff');
    const list = (await staff.get(`${P}/alerts?status=open`)).json().items;
    expect(list.slice(0, 2).map((x: { id: string }) => x.id)).toEqual([tech.id, a.id]);
    expect(list[1]).toMatchObject({
      type: 'inactivity',
      category: 'welfare',
      severity: 'high',
      status: 'active',
      occurrences: 2,
      person_name: expect.stringContaining('見守'),
      device_type: 'motion',
      location_in_home: '居間',
    });
    const coord = (await (await t.as('coordinator')).get(`${P}/alerts?status=open`)).json().items;
    expect(coord.map((x: { id: string }) => x.id)).toContain(tech.id);
    expect(coord.every((x: { category: string; person_name: unknown }) => x.category === 'technical' && x.person_name === null)).toBe(true);
    expect((await (await t.as('coordinator')).get(`${P}/alerts/${a.id}`)).statusCode).toBe(404);
    expect((await (await t.as('partner')).get(`${P}/alerts`)).statusCode).toBe(403);
  });

  it('acknowledge records who and when; resolve needs an outcome; invalid transitions are 409', async () => {
    const p = await person();
    const a = await raise(p.personId, p.deviceId, 'inactivity', 'high');
    const staff = await t.as('hub_staff');
    t.clock.advance(5 * MIN);
    const ack = await staff.post(`${P}/alerts/${a.id}/acknowledge`);
    expect(ack.statusCode, ack.body).toBe(200);
    expect(ack.json()).toMatchObject({
      status: 'acknowledged',
      acknowledged_at: t.clock.now().toISOString(),
      acknowledged_by_name: `hub_staff ${t.tenant.slug}`,
    });
    expect((await staff.post(`${P}/alerts/${a.id}/acknowledge`)).statusCode).toBe(409);
    const missing = await staff.post(`${P}/alerts/${a.id}/resolve`, {});
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.code).toBe('invalid_input');
    const res = await staff.post(`${P}/alerts/${a.id}/resolve`, { outcome: 'needs_support', note: '電話で確認、訪問予定' });
    expect(res.json()).toMatchObject({
      status: 'resolved',
      outcome: 'needs_support',
      resolved_via: 'staff',
      ladder: { next_step_at: null },
    });
    expect((await staff.post(`${P}/alerts/${a.id}/resolve`, { outcome: 'safe' })).json().error.code).toBe('invalid_alert_transition');
    expect((await staff.post(`${P}/alerts/${a.id}/acknowledge`)).statusCode).toBe(409);
    const detail = (await staff.get(`${P}/alerts/${a.id}`)).json();
    expect(detail.timeline.map((e: { kind: string }) => e.kind)).toEqual(['raised', 'acknowledged', 'resolved']);
    expect(detail.timeline[2]).toMatchObject({
      by: `hub_staff ${t.tenant.slug}`,
      data: { outcome: 'needs_support', note: '電話で確認、訪問予定' },
    });
    const audited = await t.ctx.db
      .selectFrom('audit_log')
      .select('detail')
      .where('entity_id', '=', p.personId)
      .where('action', '=', 'read')
      .execute();
    expect(audited.some((r) => (r.detail as { alert_id?: string }).alert_id === a.id)).toBe(true);
  });

  it('resolving an active alert records an implicit acknowledgement', async () => {
    const p = await person();
    const a = await raise(p.personId, p.deviceId, 'standby_power', 'medium');
    const out = await (await t.as('outreach')).post(`${P}/alerts/${a.id}/resolve`, { outcome: 'safe' });
    expect(out.json()).toMatchObject({
      status: 'resolved',
      acknowledged_at: t.clock.now().toISOString(),
      acknowledged_by_name: `outreach ${t.tenant.slug}`,
    });
    const events = (await (await t.as('hub_lead')).get(`${P}/alerts/${a.id}`)).json().timeline;
    expect(events.map((e: { kind: string; data: { implicit?: boolean } }) => [e.kind, e.data.implicit ?? false])).toEqual([
      ['raised', false],
      ['acknowledged', true],
      ['resolved', false],
    ]);
  });
});

describe('watchers and watch settings', () => {
  it('manages watchers with address checks; coordinators may, outreach and analysts may not', async () => {
    const p = await person();
    const staff = await t.as('hub_staff');
    expect(
      (await staff.post(`${P}/people/${p.personId}/watchers`, { name: '長女', channel: 'email', address: 'not-an-email' })).json().error
        .code,
    ).toBe('invalid_watcher_address');
    expect((await staff.post(`${P}/people/${p.personId}/watchers`, { name: '長女', channel: 'line', address: 'someone' })).statusCode).toBe(
      400,
    );
    const w = await addWatcher(p.personId, {
      name: '長女',
      relation: '娘',
      channel: 'email',
      address: 'daughter@example.test',
      priority: 1,
    });
    const coord = await (await t.as('coordinator')).post(`${P}/people/${p.personId}/watchers`, {
      name: '隣人',
      channel: 'sms',
      address: '090-1234-5678',
      priority: 2,
    });
    expect(coord.statusCode).toBe(201);
    expect(
      (await (await t.as('outreach')).post(`${P}/people/${p.personId}/watchers`, { name: 'x', channel: 'sms', address: '0901234567' }))
        .statusCode,
    ).toBe(403);
    expect((await (await t.as('analyst')).get(`${P}/people/${p.personId}/watchers`)).statusCode).toBe(403);
    const patched = await staff.patch(`${P}/watchers/${w.id}`, { active: false, address: 'd2@example.test' });
    expect(patched.json()).toMatchObject({ active: false, address: 'd2@example.test', channel: 'email' });
    const del = await staff.inject({ method: 'DELETE', url: `${P}/watchers/${coord.json().id}` });
    expect(del.statusCode).toBe(204);
    const list = (await (await t.as('outreach')).get(`${P}/people/${p.personId}/watchers`)).json().items;
    expect(list.map((x: { name: string }) => x.name)).toEqual(['長女']);
    expect((await staff.get(`${P}/people/${uuidv7()}/watchers`)).statusCode).toBe(404);
  });

  it("merges ladder timings into the settings and keeps the device rules' keys", async () => {
    const p = await person();
    await t.ctx.db
      .insertInto('watch_settings')
      .values({
        tenant_id: t.tenant.id,
        person_id: p.personId,
        settings: JSON.stringify({ inactivityHours: 12 }),
        updated_at: t.clock.now(),
      })
      .execute();
    const staff = await t.as('hub_staff');
    const res = await staff.inject({
      method: 'PUT',
      url: `${P}/people/${p.personId}/watch-settings`,
      payload: { watcherConfirmMinutes: 10, hubEscalateMinutes: 30 },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      person_id: p.personId,
      settings: { inactivityHours: 12, watcherConfirmMinutes: 10, hubEscalateMinutes: 30 },
      effective: { watcherConfirmMinutes: 10, hubEscalateMinutes: 30 },
    });
    const cleared = await staff.inject({
      method: 'PUT',
      url: `${P}/people/${p.personId}/watch-settings`,
      payload: { hubEscalateMinutes: null },
    });
    expect(cleared.json().settings).toEqual({ inactivityHours: 12, watcherConfirmMinutes: 10 });
    expect(cleared.json().effective.hubEscalateMinutes).toBe(60);
    expect(
      (await staff.inject({ method: 'PUT', url: `${P}/people/${p.personId}/watch-settings`, payload: { watcherConfirmMinutes: 0 } }))
        .statusCode,
    ).toBe(400);
  });
  it('refuses an invalid value or an unknown key with 400 naming it, and stores nothing', async () => {
    const p = await person();
    const staff = await t.as('hub_staff');
    const put = (payload: Record<string, unknown>) =>
      staff.inject({ method: 'PUT', url: `${P}/people/${p.personId}/watch-settings`, payload, headers: { 'accept-language': 'en' } });
    const never = await put({ quietHours: 'never' });
    expect(never.statusCode).toBe(400);
    expect(never.json().error.code).toBe('invalid_input');
    expect(never.json().error.message).toContain('quietHours');
    const badTime = await put({ quietHours: { from: '25:00', to: '07:00' } });
    expect(badTime.statusCode).toBe(400);
    expect(badTime.json().error.message).toContain('quietHours');
    const unknown = await put({ inactivityHours: 6, sleepyHours: 3 });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('invalid_input');
    const stored = await t.ctx.db.selectFrom('watch_settings').select('settings').where('person_id', '=', p.personId).execute();
    expect(stored).toEqual([]);
    expect((await staff.get(`${P}/people/${p.personId}/watch-settings`)).json().settings).toEqual({});
  });
});

describe('escalation ladder', () => {
  it('notifies watchers first, the hub after watcherConfirmMinutes, and opens a case with a visit due after hubEscalateMinutes', async () => {
    const p = await person();
    await addWatcher(p.personId, { name: '長男', channel: 'email', address: 'son@example.test' });
    await addWatcher(p.personId, { name: '次女', channel: 'line', address: `U${'a'.repeat(32)}`, priority: 2 });
    await addWatcher(p.personId, { name: '隣人', channel: 'sms', address: '09012345678', priority: 3 });
    const t0 = t.clock.now();
    const a = await raise(p.personId, p.deviceId, 'inactivity', 'high');

    expect(await sweepAlerts(t.ctx)).toBe(1);
    let row = await alertRow(a.id);
    expect(row.watchers_notified_at).toEqual(t0);
    expect(row.hub_alerted_at).toBeNull();
    expect(row.next_step_at).toEqual(new Date(t0.getTime() + 15 * MIN));
    const out = await t.ctx.db
      .selectFrom('outbox')
      .select(['kind', 'payload'])
      .where('dedupe_key', 'like', `watch:${a.id}:%`)
      .orderBy('kind')
      .execute();
    expect(out.map((o) => o.kind)).toEqual(['email', 'line', 'sms']);
    const mail = out[0]!.payload as { to: string; text: string };
    expect(mail.to).toBe('son@example.test');
    expect(mail.text).toContain(`${t.ctx.config.publicUrl}/confirm/`);
    expect(mail.text).not.toContain('見守 '); // no name in the message
    expect(await sweepAlerts(t.ctx)).toBe(0);

    t.clock.advance(15 * MIN - 1000);
    expect(await sweepAlerts(t.ctx)).toBe(0);
    expect((await alertRow(a.id)).hub_alerted_at).toBeNull();
    t.clock.advance(1000);
    expect(await sweepAlerts(t.ctx)).toBe(1);
    row = await alertRow(a.id);
    expect(row.hub_alerted_at).toEqual(t.clock.now());
    const notes = await t.ctx.db
      .selectFrom('notifications')
      .select(['account_id', 'kind', 'data'])
      .where('kind', '=', 'watch_alert')
      .execute();
    const mine = notes.filter((x) => (x.data as { alert_id: string }).alert_id === a.id);
    expect(mine.map((x) => x.account_id).sort()).toEqual([t.tenant.accounts.hub_staff.id, t.tenant.accounts.hub_lead.id].sort());
    const inbox = (await (await t.as('hub_staff')).get(`${P}/notifications`)).json();
    expect(
      inbox.items.some((x: { kind: string; data: { alert_id: string } }) => x.kind === 'watch_alert' && x.data.alert_id === a.id),
    ).toBe(true);

    t.clock.advance(60 * MIN - 1000);
    expect(await sweepAlerts(t.ctx)).toBe(0);
    t.clock.advance(1000);
    expect(await sweepAlerts(t.ctx)).toBe(1);
    row = await alertRow(a.id);
    expect(row.case_opened_at).toEqual(t.clock.now());
    expect(row.next_step_at).toBeNull();
    const kase = (await (await t.as('hub_staff')).get(`${P}/cases/${row.case_id}`)).json();
    expect(kase).toMatchObject({ urgency: 'high', person_id: p.personId, status: 'open' });
    expect(kase.first_contact_due_at).toBe(new Date(t.clock.now().getTime() + 24 * 3_600_000).toISOString());
    expect(kase.timeline.some((e: { kind: string; data: { kind?: string } }) => e.kind === 'event' && e.data.kind === 'visit_due')).toBe(
      true,
    );
    const concern = await t.ctx.db.selectFrom('concerns').selectAll().where('case_id', '=', row.case_id).executeTakeFirstOrThrow();
    expect(concern).toMatchObject({ status: 'triaged', urgency: 'high', person_id: p.personId, reporter_kind: 'staff' });
    t.clock.advance(2 * 60 * MIN);
    expect(await sweepAlerts(t.ctx)).toBe(0);
    const detail = (await (await t.as('hub_lead')).get(`${P}/alerts/${a.id}`)).json();
    expect(detail.timeline.map((e: { kind: string }) => e.kind)).toEqual(['raised', 'watchers_notified', 'hub_alerted', 'case_opened']);
    expect(detail.ladder).toMatchObject({ case_id: row.case_id, case_opened_at: row.case_opened_at!.toISOString() });

    // LINE and SMS go through the adapters; with no credentials they fail at once, visibly.
    const sent = await dispatchOutbox(t.ctx, { line: new LineMessenger(undefined), sms: new SmsStubMessenger() });
    expect(sent).toBe(0);
    const failed = await t.ctx.db
      .selectFrom('outbox')
      .select(['kind', 'failed_at', 'last_error'])
      .where('dedupe_key', 'like', `watch:${a.id}:%`)
      .where('kind', '<>', 'email')
      .orderBy('kind')
      .execute();
    expect(failed.map((f) => [f.kind, f.failed_at !== null, f.last_error])).toEqual([
      ['line', true, 'LINE not configured: no channel access token'],
      ['sms', true, 'SMS not configured: no SMS provider is set up'],
    ]);
  });

  it('alerts the hub together with the watchers for an emergency button, reuses an open case, and reminds the hub every 30 minutes', async () => {
    const p = await person('emergency_button');
    await addWatcher(p.personId, { name: '長男', channel: 'email', address: 'son2@example.test' });
    const staff = await t.as('hub_staff');
    const partner = await t.as('partner');
    const c = (await partner.post(`${P}/concerns`, { category: 'not_seen', latitude: 35.625, longitude: 139.685 })).json();
    const existing = (await staff.post(`${P}/concerns/${c.id}/triage`, { urgency: 'normal', person_id: p.personId })).json();
    const a = await raise(p.personId, p.deviceId, 'emergency_button', 'critical');
    expect(await sweepAlerts(t.ctx)).toBe(1);
    let row = await alertRow(a.id);
    expect(row.watchers_notified_at).toEqual(t.clock.now());
    expect(row.hub_alerted_at).toEqual(t.clock.now());
    await staff.post(`${P}/alerts/${a.id}/acknowledge`);
    t.clock.advance(60 * MIN);
    expect(await sweepAlerts(t.ctx)).toBe(1);
    row = await alertRow(a.id);
    expect(row.case_id).toBe(existing.id);
    const kase = (await staff.get(`${P}/cases/${existing.id}`)).json();
    expect(kase.urgency).toBe('emergency'); // tightened from normal: nobody answered an emergency button
    t.clock.advance(30 * MIN);
    expect(await sweepAlerts(t.ctx)).toBe(1);
    const reminders = await t.ctx.db.selectFrom('notifications').select('data').where('kind', '=', 'watch_alert_reminder').execute();
    expect(reminders.filter((r) => (r.data as { alert_id: string }).alert_id === a.id)).toHaveLength(2);
    await staff.post(`${P}/alerts/${a.id}/resolve`, { outcome: 'emergency_services' });
    t.clock.advance(30 * MIN);
    expect(await sweepAlerts(t.ctx)).toBe(0);
  });

  it('goes straight to the hub when the person has no active watcher', async () => {
    const p = await person();
    const a = await raise(p.personId, p.deviceId, 'power_profile', 'medium');
    expect(await sweepAlerts(t.ctx)).toBe(2);
    const row = await alertRow(a.id);
    expect([row.watchers_notified_at, row.hub_alerted_at]).toEqual([t.clock.now(), t.clock.now()]);
  });

  it('goes on to the hub at once when the only watcher is on LINE and no LINE token is configured', async () => {
    expect(t.ctx.config.lineChannelAccessToken).toBeUndefined();
    const p = await person();
    await addWatcher(p.personId, { name: '長女', channel: 'line', address: `U${'b'.repeat(32)}` });
    const a = await raise(p.personId, p.deviceId, 'inactivity', 'high');
    expect(await sweepAlerts(t.ctx)).toBe(2);
    const row = await alertRow(a.id);
    expect([row.watchers_notified_at, row.hub_alerted_at]).toEqual([t.clock.now(), t.clock.now()]);
    const events = await t.ctx.db.selectFrom('alert_events').select(['kind', 'data']).where('alert_id', '=', a.id).orderBy('at').execute();
    expect(events.find((e) => e.kind === 'watchers_notified')?.data).toMatchObject({ watchers: 1, deliverable: 0 });
    // The LINE message is still queued, so its failure shows on the outbox row.
    const queued = await t.ctx.db.selectFrom('outbox').select('kind').where('dedupe_key', 'like', `watch:${a.id}:%`).execute();
    expect(queued.map((q) => q.kind)).toEqual(['line']);
  });

  it('does each step exactly once with two app copies sweeping at the same time', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const p = await person();
      await addWatcher(p.personId, { name: '家族', channel: 'email', address: `fam${i}@example.test` });
      await addWatcher(p.personId, { name: '友人', channel: 'email', address: `friend${i}@example.test` });
      ids.push((await raise(p.personId, p.deviceId, 'inactivity', 'high')).id);
    }
    const both = async () => {
      (second.clock as ManualClock).set(t.clock.now());
      const runs = await Promise.all([sweepAlerts(t.ctx), sweepAlerts(second), sweepAlerts(t.ctx), sweepAlerts(second)]);
      return runs.reduce((x, y) => x + y, 0);
    };
    expect(await both()).toBe(4);
    t.clock.advance(15 * MIN);
    expect(await both()).toBe(4);
    t.clock.advance(60 * MIN);
    expect(await both()).toBe(4);
    expect(await both()).toBe(0);
    for (const id of ids) {
      const mails = await t.ctx.db.selectFrom('outbox').select('id').where('dedupe_key', 'like', `watch:${id}:%`).execute();
      expect(mails).toHaveLength(2);
      const notes = (await t.ctx.db.selectFrom('notifications').select('data').where('kind', '=', 'watch_alert').execute()).filter(
        (x) => (x.data as { alert_id: string }).alert_id === id,
      );
      expect(notes).toHaveLength(2); // hub_staff and hub_lead, once each
      const events = await t.ctx.db.selectFrom('alert_events').select('kind').where('alert_id', '=', id).orderBy('at').execute();
      expect(events.map((e) => e.kind)).toEqual(['raised', 'watchers_notified', 'hub_alerted', 'case_opened']);
      const row = await alertRow(id);
      expect(row.case_id).not.toBeNull();
    }
    const cases = await t.ctx.db.selectFrom('alerts').select('case_id').where('id', 'in', ids).execute();
    expect(new Set(cases.map((c) => c.case_id)).size).toBe(4);
  });
});

describe('confirming safety from the link, without an account', () => {
  async function notified() {
    const p = await person();
    await addWatcher(p.personId, { name: '長女', channel: 'email', address: `d${n}@example.test` });
    const a = await raise(p.personId, p.deviceId, 'inactivity', 'high');
    await sweepAlerts(t.ctx);
    return { ...p, alertId: a.id, token: await tokenOf(a.id) };
  }

  it('shows no personal data, resolves as safe and stops the ladder', async () => {
    const x = await notified();
    const anon = t.anonymous();
    const view = await anon.get(`${P}/public/confirm/${x.token}`);
    expect(view.statusCode).toBe(200);
    expect(Object.keys(view.json()).sort()).toEqual(['confirmed', 'expires_at', 'raised_at', 'status', 'type']);
    expect(view.json()).toMatchObject({ type: 'inactivity', status: 'active', confirmed: false });
    const res = await anon.post(`${P}/public/confirm/${x.token}`, { outcome: 'safe' });
    expect(res.json()).toMatchObject({ status: 'resolved', confirmed: true });
    const row = await alertRow(x.alertId);
    expect(row).toMatchObject({ status: 'resolved', outcome: 'safe', resolved_via: 'watcher_link', next_step_at: null });
    expect(row.acknowledged_at).toEqual(t.clock.now());
    expect((await anon.post(`${P}/public/confirm/${x.token}`, { outcome: 'safe' })).statusCode).toBe(200); // a second tap
    expect((await anon.post(`${P}/public/confirm/${x.token}`, { outcome: 'needs_help' })).statusCode).toBe(409);
    t.clock.advance(3 * 60 * MIN);
    await sweepAlerts(t.ctx);
    expect((await alertRow(x.alertId)).hub_alerted_at).toBeNull();
  });

  it('"needs help" alerts the hub at once', async () => {
    const x = await notified();
    t.clock.advance(MIN);
    const res = await t.anonymous().post(`${P}/public/confirm/${x.token}`, { outcome: 'needs_help' });
    expect(res.json()).toMatchObject({ status: 'active', confirmed: false });
    const row = await alertRow(x.alertId);
    expect(row.hub_alerted_at).toEqual(t.clock.now());
    expect(row.next_step_at).toEqual(new Date(t.clock.now().getTime() + 60 * MIN));
    expect(row.detail).toMatchObject({ watcher_response: 'needs_help' });
  });

  it('serves an accessible page with a form that needs no script', async () => {
    const x = await notified();
    const page = await t.app.inject({ method: 'GET', url: `/confirm/${x.token}`, headers: { 'accept-language': 'en' } });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('<html lang="en">');
    expect(page.body).toContain('They are safe');
    expect(page.body).not.toContain('<script');
    expect(page.body).not.toContain('見守 ');
    const post = await t.app.inject({
      method: 'POST',
      url: `/confirm/${x.token}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'outcome=safe',
    });
    expect(post.statusCode).toBe(200);
    expect(post.body).toContain('無事の確認を受け付けました');
    expect((await alertRow(x.alertId)).status).toBe('resolved');
    const gone = await t.app.inject({ method: 'GET', url: '/confirm/unknown-token-value' });
    expect(gone.statusCode).toBe(404);
    expect(gone.body).toContain('有効期限');
  });

  it('answers 404 for an unknown or expired link (sessions idle out here: keep this last but one)', async () => {
    const anon = t.anonymous();
    expect((await anon.get(`${P}/public/confirm/not-a-real-token-0123456789`)).json().error.code).toBe('confirm_link_not_found');
    const x = await notified();
    t.clock.advance(7 * 24 * 60 * MIN + MIN);
    expect((await anon.get(`${P}/public/confirm/${x.token}`)).statusCode).toBe(404);
    expect((await anon.post(`${P}/public/confirm/${x.token}`, { outcome: 'safe' })).statusCode).toBe(404);
  });

  it('rate-limits per client address', async () => {
    const anon = t.anonymous();
    let status = 0;
    for (let i = 0; i < 62 && status !== 429; i++) status = (await anon.get(`${P}/public/confirm/none-${i}-xxxxxxxxxxxxxxxx`)).statusCode;
    expect(status).toBe(429);
    t.clock.advance(60 * MIN);
  });
});

describe('outbox', () => {
  it('leaves LINE/SMS rows alone when dispatching email only', async () => {
    const sent: string[] = [];
    await dispatchOutbox(t.ctx, { email: { send: async (m) => void sent.push(m.to) } });
    const others = await t.ctx.db.selectFrom('outbox').select('last_error').where('kind', 'in', ['line', 'sms']).execute();
    expect(others.every((o) => !o.last_error?.includes('unknown outbox kind'))).toBe(true);
  });
});

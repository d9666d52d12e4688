import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, type TestApp } from '../../../test/helpers/app.js';
import { insertWatchedPerson, raiseAlertNow } from '../../../test/helpers/watch.js';
import { createCheckinChannels } from '../checkins/checkins.channels.js';
import { sweepCheckins } from '../checkins/checkins.sweeper.js';
import type { AlertSeverity, AlertType } from './alerts.tables.js';
import { sweepAlerts } from './ladder.sweeper.js';

let t: TestApp;
const MIN = 60_000;
const P = '/api/v1';

beforeAll(async () => {
  t = await createTestApp();
  await t.ctx.db.updateTable('hubs').set({ phone: '03-1234-5678' }).where('id', '=', t.tenant.hubId).execute();
});
afterAll(async () => t?.close());
// Each test follows its own alerts: settle what a test left open, so the next sweep is its own.
afterEach(async () => {
  await t.ctx.db.updateTable('alerts').set({ status: 'resolved', next_step_at: null }).where('status', '<>', 'resolved').execute();
});

let n = 0;
async function person(deviceType: 'motion' | 'emergency_button' = 'motion') {
  n++;
  return insertWatchedPerson(t, {
    name: `信号 ${n}子`,
    address: '目黒本町一丁目2-3 さくら荘103',
    note: '持病あり',
    birthYear: 1938,
    deviceType,
    deviceKey: `sig-${n}`,
    room: '寝室',
  });
}

const raise = (personId: string, deviceId: string, type: AlertType, severity: AlertSeverity) =>
  raiseAlertNow(t, personId, deviceId, type, severity);

async function addWatcher(personId: string, body: Record<string, unknown>) {
  const res = await (await t.as('hub_staff')).post(`${P}/people/${personId}/watchers`, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

describe('the watcher step says what happened', () => {
  it('with no watcher, the step is skipped (with the reason), not done', async () => {
    const p = await person();
    const a = await raise(p.personId, p.deviceId, 'inactivity', 'high');
    await sweepAlerts(t.ctx);
    const detail = (await (await t.as('hub_staff')).get(`${P}/alerts/${a.id}`)).json();
    expect(detail.ladder.watchers).toEqual({ state: 'skipped', reason: 'no_watchers', delivered: 0, messages: [] });
    expect(detail.timeline.map((e: { kind: string }) => e.kind)).toContain('watchers_skipped');
    expect(detail.timeline.map((e: { kind: string }) => e.kind)).not.toContain('watchers_notified');
    expect(detail.ladder.hub_alerted_at).not.toBeNull(); // the ladder went on to the hub
  });

  it('LINE and SMS watchers while those channels are off: each message "not delivered", none counted', async () => {
    const p = await person();
    await addWatcher(p.personId, { name: '長女', channel: 'line', address: `U${'c'.repeat(32)}` });
    await addWatcher(p.personId, { name: '隣人', channel: 'sms', address: '09012345678', priority: 2 });
    const a = await raise(p.personId, p.deviceId, 'inactivity', 'high');
    await sweepAlerts(t.ctx, 1);
    const staff = await t.as('hub_staff');
    const detail = (await staff.get(`${P}/alerts/${a.id}`)).json();
    expect(detail.ladder.watchers.state).toBe('not_delivered');
    expect(detail.ladder.watchers.delivered).toBe(0);
    expect(detail.ladder.watchers.messages).toEqual([
      {
        watcher_id: expect.any(String),
        watcher_name: '長女',
        watcher_relation: null,
        channel: 'line',
        status: 'not_delivered',
        problem: 'line_not_configured',
      },
      {
        watcher_id: expect.any(String),
        watcher_name: '隣人',
        watcher_relation: null,
        channel: 'sms',
        status: 'not_delivered',
        problem: 'sms_not_configured',
      },
    ]);
    // The list says the same.
    const listed = (await staff.get(`${P}/alerts?status=open`)).json().items.find((x: { id: string }) => x.id === a.id);
    expect(listed.ladder.watchers.state).toBe('not_delivered');
  });

  it('email watchers without SMTP: the message is "not delivered" and the hub is told at once, not after the wait', async () => {
    const p = await person();
    await (await t.as('hub_staff')).inject({
      method: 'PUT',
      url: `${P}/people/${p.personId}/watch-settings`,
      payload: { watcherConfirmMinutes: 30 },
    });
    await addWatcher(p.personId, { name: '長男', channel: 'email', address: 'son-nosmtp@example.test' });
    const a = await raise(p.personId, p.deviceId, 'inactivity', 'high');
    while ((await sweepAlerts(t.ctx)) > 0); // the clock does not move: whatever is due now
    const detail = (await (await t.as('hub_staff')).get(`${P}/alerts/${a.id}`)).json();
    expect(detail.ladder.watchers).toMatchObject({
      state: 'not_delivered',
      delivered: 0,
      messages: [{ watcher_name: '長男', channel: 'email', status: 'not_delivered', problem: 'email_not_configured' }],
    });
    // Nobody can confirm a message nobody received: the hub is alerted in the same sweep, with why.
    expect(detail.ladder.hub_alerted_at).toBe(t.clock.now().toISOString());
    const told = (await t.ctx.db.selectFrom('notifications').select('data').where('kind', '=', 'watch_alert').execute()).filter(
      (x) => (x.data as { alert_id?: string }).alert_id === a.id,
    );
    expect(told.length).toBeGreaterThan(0);
    expect(told.every((x) => (x.data as { reason?: string }).reason === 'watchers_unreachable')).toBe(true);
  });

  it('warns when a watcher is added on a channel that cannot deliver now', async () => {
    const p = await person();
    expect((await addWatcher(p.personId, { name: '長女', channel: 'line', address: `U${'d'.repeat(32)}` })).delivery_problem).toBe(
      'line_not_configured',
    );
    expect((await addWatcher(p.personId, { name: '隣人', channel: 'sms', address: '09012345678' })).delivery_problem).toBe(
      'sms_not_configured',
    );
    // The test config has no SMTP: email would go to files only, and the form says so too.
    expect((await addWatcher(p.personId, { name: '長男', channel: 'email', address: 'son@example.test' })).delivery_problem).toBe(
      'email_not_configured',
    );
    const list = (await (await t.as('hub_staff')).get(`${P}/people/${p.personId}/watchers`)).json().items;
    expect(list.map((w: { delivery_problem: string }) => w.delivery_problem).sort()).toEqual([
      'email_not_configured',
      'line_not_configured',
      'sms_not_configured',
    ]);
  });

  it("names the person only by the watcher's label and gives the hub's phone, never the name or address", async () => {
    const p = await person();
    const w = await addWatcher(p.personId, { name: '長男', channel: 'email', address: 'son3@example.test', person_label: '母' });
    expect(w.person_label).toBe('母');
    await addWatcher(p.personId, { name: '友人', channel: 'email', address: 'friend3@example.test', priority: 2 });
    const a = await raise(p.personId, p.deviceId, 'inactivity', 'high');
    await sweepAlerts(t.ctx, 1);
    const mails = await t.ctx.db
      .selectFrom('outbox')
      .select(['payload'])
      .where('dedupe_key', 'like', `watch:${a.id}:%`)
      .orderBy('created_at')
      .execute();
    const texts = mails.map((m) => m.payload as { to: string; text: string; subject: string });
    const son = texts.find((m) => m.to === 'son3@example.test')!;
    const friend = texts.find((m) => m.to === 'friend3@example.test')!;
    expect(son.text).toContain('「母」');
    expect(friend.text).toContain('あなたが見守っている方');
    expect(friend.text).not.toContain('「母」');
    for (const m of [son, friend]) {
      expect(m.text).toContain('03-1234-5678');
      expect(m.text).toContain(`${t.tenant.slug} ハブ`);
      expect(`${m.subject}${m.text}`).not.toContain('信号');
      expect(m.text).not.toContain('さくら荘');
      expect(m.text).not.toContain('持病');
    }
  });

  it('rejects a label that is too long, and changes nothing', async () => {
    const p = await person();
    const res = await (await t.as('hub_staff')).post(`${P}/people/${p.personId}/watchers`, {
      name: '長男',
      channel: 'email',
      address: 'x@example.test',
      person_label: 'あ'.repeat(21),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid_input');
    expect(await t.ctx.db.selectFrom('watchers').select('id').where('person_id', '=', p.personId).execute()).toEqual([]);
  });
});

describe('an unanswered emergency button', () => {
  it('opens an emergency case due in one hour, not a 24-hour one', async () => {
    const p = await person('emergency_button');
    const a = await raise(p.personId, p.deviceId, 'emergency_button', 'critical');
    expect(await sweepAlerts(t.ctx, 1)).toBe(1); // watchers (none) and the hub at once
    t.clock.advance(60 * MIN);
    expect(await sweepAlerts(t.ctx, 1)).toBe(1); // the case
    const row = await t.ctx.db.selectFrom('alerts').selectAll().where('id', '=', a.id).executeTakeFirstOrThrow();
    const kase = (await (await t.as('hub_staff')).get(`${P}/cases/${row.case_id}`)).json();
    expect(kase.urgency).toBe('emergency');
    expect(kase.first_contact_due_at).toBe(new Date(t.clock.now().getTime() + 3_600_000).toISOString());
    await t.ctx.db.updateTable('alerts').set({ status: 'resolved', next_step_at: null }).where('id', '=', a.id).execute();
  });
});

describe('coordinators and device faults', () => {
  it('acknowledge and resolve a technical alert, see where the device is, and never see the name or welfare alerts', async () => {
    const p = await person();
    const tech = await raise(p.personId, p.deviceId, 'device_silent', 'medium');
    const welfare = await raise(p.personId, p.deviceId, 'inactivity', 'high');
    const coord = await t.as('coordinator');
    const list = (await coord.get(`${P}/alerts?status=open`)).json().items;
    const mine = list.find((x: { id: string }) => x.id === tech.id);
    expect(mine).toMatchObject({
      person_name: null,
      person_visible: false,
      device_place: { address: '目黒本町一丁目2-3 さくら荘103', area_name: expect.any(String), location_in_home: '寝室' },
      actions: { acknowledge: true, resolve: true },
    });
    expect(JSON.stringify(list)).not.toContain('信号');
    expect(JSON.stringify(list)).not.toContain('持病');
    expect(list.some((x: { id: string }) => x.id === welfare.id)).toBe(false);

    const ack = await coord.post(`${P}/alerts/${tech.id}/acknowledge`);
    expect(ack.statusCode, ack.body).toBe(200);
    expect(ack.json()).toMatchObject({ status: 'acknowledged', actions: { acknowledge: false, resolve: true } });
    const res = await coord.post(`${P}/alerts/${tech.id}/resolve`, { outcome: 'technical_fixed', note: '電池交換' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'resolved', outcome: 'technical_fixed', actions: { acknowledge: false, resolve: false } });

    // A welfare alert does not exist for them, and nothing changes.
    expect((await coord.post(`${P}/alerts/${welfare.id}/acknowledge`)).statusCode).toBe(404);
    expect((await coord.post(`${P}/alerts/${welfare.id}/resolve`, { outcome: 'safe' })).statusCode).toBe(404);
    const w = await t.ctx.db.selectFrom('alerts').select('status').where('id', '=', welfare.id).executeTakeFirstOrThrow();
    expect(w.status).toBe('active');
    // Staff see the same alert with the name and the welfare buttons.
    const staffView = (await (await t.as('hub_staff')).get(`${P}/alerts/${welfare.id}`)).json();
    expect(staffView).toMatchObject({ person_visible: true, actions: { acknowledge: true, resolve: true } });
    await t.ctx.db.updateTable('alerts').set({ status: 'resolved', next_step_at: null }).where('id', '=', welfare.id).execute();
  });
});

// Last in the file: it moves the clock by days.
describe('check-ins by email without SMTP', () => {
  it("email check-ins without SMTP say they cannot be delivered, fail clearly, and are never the person's miss", async () => {
    const p = await person();
    const staff = await t.as('hub_staff');
    const created = await staff.post(`${P}/people/${p.personId}/checkin-plans`, {
      frequency: 'daily',
      local_time: '09:00',
      channel: 'email',
      address: 'checkin-nosmtp@example.test',
      missed_threshold: 1,
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ deliverable: false, delivery_problem: 'email_not_configured' });
    const channels = createCheckinChannels(t.ctx.config);
    for (let i = 0; i < 3; i++) {
      const plan = await t.ctx.db
        .selectFrom('checkin_plans')
        .select('next_due_at')
        .where('id', '=', created.json().id)
        .executeTakeFirstOrThrow();
      t.clock.set(new Date(plan.next_due_at!.getTime() + 1000));
      while ((await sweepCheckins(t.ctx, channels)) > 0);
    }
    // Days have passed: a fresh login (a cached session would have gone idle).
    const rows = (await (await loginAs(t.app, t.tenant.accounts.hub_staff.email)).get(`${P}/people/${p.personId}/checkins`)).json().items;
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row).toMatchObject({ status: 'undelivered', delivery_status: 'failed' });
      expect(row.delivery_error).toMatch(/^email_not_configured/);
    }
    const missed = await t.ctx.db.selectFrom('alerts').select('id').where('checkin_plan_id', '=', created.json().id).execute();
    expect(missed).toEqual([]);
    // Nothing was queued for a mailbox nobody reads.
    const queued = await t.ctx.db.selectFrom('outbox').select('id').where('dedupe_key', 'like', 'checkin:%').execute();
    expect(queued).toEqual([]);
  });
});

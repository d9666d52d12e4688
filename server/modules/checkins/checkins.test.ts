import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import webpush from 'web-push';
import { createTestApp, loginAs, SMTP_CONFIGURED, type TestApp } from '../../../test/helpers/app.js';
import { createTenant } from '../../../test/helpers/factories.js';
import { ManualClock } from '../../clock.js';
import { ConfigError, loadConfig } from '../../config.js';
import type { AppContext } from '../../context.js';
import { createDb, createPool } from '../../db/database.js';
import { dispatchOutbox, type MailTransport } from '../notifications/outbox.js';
import { type CheckinChannels, createCheckinChannels, type PushSender } from './checkins.channels.js';
import { sweepCheckins } from './checkins.sweeper.js';

let t: TestApp;
let second: AppContext;
let channels: CheckinChannels;
const HOUR = 3_600_000;
const P = '/api/v1';
const vapidKeys = webpush.generateVAPIDKeys();
const vapid = { publicKey: vapidKeys.publicKey, privateKey: vapidKeys.privateKey, subject: 'mailto:hub@example.test' };

beforeAll(async () => {
  t = await createTestApp({ config: SMTP_CONFIGURED });
  second = { db: createDb(createPool(t.testDb.url, 5)), clock: new ManualClock(t.clock.now()), config: t.ctx.config, events: t.ctx.events };
  channels = createCheckinChannels(t.ctx.config); // SMTP set; no VAPID keys and no LINE token
});
afterAll(async () => {
  await second?.db.destroy();
  await t?.close();
});

/** A fresh login: tests move the clock by days, past the idle timeout of a cached session. */
const staffLogin = () => loginAs(t.app, t.tenant.accounts.hub_staff.email);

/** What the stand-in mail server took (server/modules/notifications/outbox.test.ts uses a real one). */
const mailbox: string[] = [];
const mailServer: MailTransport = {
  async send(m) {
    mailbox.push(m.to);
  },
};

/** Runs the sweeper and the mail dispatcher until they find no more work (as the worker loops do). */
async function sweep(ch: CheckinChannels = channels) {
  let n = 0;
  do {
    n = await sweepCheckins(t.ctx, ch);
    await dispatchOutbox(t.ctx, { email: mailServer });
  } while (n > 0);
  return n;
}

async function person(name = '見守 花子') {
  const staff = await staffLogin();
  const r = await staff.post(`${P}/people`, { name, address: '北一丁目1-1 メゾン北101' });
  expect(r.statusCode).toBe(201);
  return r.json().id as string;
}

async function plan(personId: string, body: Record<string, unknown>) {
  const r = await (await staffLogin()).post(`${P}/people/${personId}/checkin-plans`, body);
  expect(r.statusCode, r.body).toBe(201);
  return r.json() as { id: string; next_due_at: string; deliverable: boolean; delivery_problem: string | null };
}

const planRow = (id: string) => t.ctx.db.selectFrom('checkin_plans').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const checkinsOf = (planId: string) =>
  t.ctx.db.selectFrom('checkins').selectAll().where('plan_id', '=', planId).orderBy('due_at').execute();
const alertsOf = (planId: string) => t.ctx.db.selectFrom('alerts').selectAll().where('checkin_plan_id', '=', planId).execute();

/** The answer token from the check-in's email in the outbox. */
async function tokenFromEmail(checkinId: string) {
  const row = await t.ctx.db.selectFrom('outbox').selectAll().where('dedupe_key', '=', `checkin:${checkinId}`).executeTakeFirstOrThrow();
  const text = (row.payload as unknown as { text: string }).text;
  return /\/c\/([A-Za-z0-9_-]{43})\?answer=fine/.exec(text)![1]!;
}

/** Moves both app copies' clocks to the plan's next due time (plus a second). */
async function toNextDue(planId: string) {
  const p = await planRow(planId);
  t.clock.set(new Date(p.next_due_at!.getTime() + 1000));
  (second.clock as ManualClock).set(t.clock.now());
}

describe('plans API', () => {
  it('records an opt-in with the next due time in Tokyo, validates, and changes the schedule', async () => {
    const id = await person();
    const staff = await staffLogin();
    // T0 is Monday 2026-11-02 09:00 in Tokyo.
    const p = await plan(id, { frequency: 'daily', local_time: '10:00', channel: 'email', address: 'hanako@example.test' });
    expect(p).toMatchObject({ next_due_at: '2026-11-02T01:00:00.000Z', deliverable: true, delivery_problem: null });
    expect(
      (
        await staff.post(`${P}/people/${id}/checkin-plans`, {
          frequency: 'weekly',
          local_time: '10:00',
          channel: 'email',
          address: 'a@b.test',
        })
      ).json().error.code,
    ).toBe('checkin_weekday_required');
    expect(
      (await staff.post(`${P}/people/${id}/checkin-plans`, { frequency: 'daily', local_time: '10:00', channel: 'email' })).json().error
        .code,
    ).toBe('checkin_address_required');
    expect(
      (
        await staff.post(`${P}/people/${id}/checkin-plans`, {
          frequency: 'daily',
          local_time: '10:00',
          channel: 'email',
          address: 'not-mail',
        })
      ).json().error.code,
    ).toBe('checkin_address_invalid');
    expect(
      (
        await staff.post(`${P}/people/${id}/checkin-plans`, {
          frequency: 'daily',
          local_time: '24:00',
          channel: 'email',
          address: 'a@b.test',
        })
      ).json().error.code,
    ).toBe('invalid_input');
    const patched = await staff.patch(`${P}/checkin-plans/${p.id}`, { frequency: 'weekly', weekday: 3, local_time: '18:45' });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ frequency: 'weekly', weekday: 3, local_time: '18:45', next_due_at: '2026-11-04T09:45:00.000Z' });
    expect((await staff.patch(`${P}/checkin-plans/${p.id}`, { active: false })).json()).toMatchObject({ active: false, next_due_at: null });
    const list = (await staff.get(`${P}/people/${id}/checkin-plans`)).json();
    expect(list.items).toHaveLength(1);
    // Another tenant's staff cannot see or change it.
    const beta = await createTenant(t.testDb.db, 'beta-checkins');
    const betaStaff = await t.as('hub_staff', beta);
    expect((await betaStaff.get(`${P}/people/${id}/checkin-plans`)).statusCode).toBe(404);
    expect((await betaStaff.patch(`${P}/checkin-plans/${p.id}`, { active: true })).statusCode).toBe(404);
    // Outreach reads, but does not record opt-ins.
    const outreach = await t.as('outreach');
    expect((await outreach.get(`${P}/people/${id}/checkins`)).statusCode).toBe(200);
    expect((await outreach.patch(`${P}/checkin-plans/${p.id}`, { active: true })).statusCode).toBe(403);
  });

  it('reports a push plan as not deliverable while VAPID keys are not configured', async () => {
    const p = await plan(await person(), { frequency: 'daily', local_time: '10:00', channel: 'push' });
    expect(p).toMatchObject({ deliverable: false, delivery_problem: 'push_not_configured' });
  });
});

describe('sending', () => {
  it('sends each due check-in exactly once with two app copies, by email with two links', async () => {
    const p = await plan(await person(), { frequency: 'daily', local_time: '10:30', channel: 'email', address: 'once@example.test' });
    await toNextDue(p.id);
    const runs = await Promise.all([
      sweepCheckins(t.ctx, channels),
      sweepCheckins(second, channels),
      sweepCheckins(t.ctx, channels),
      sweepCheckins(second, channels),
    ]);
    expect(runs.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    await sweep();
    const rows = await checkinsOf(p.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ due_at: new Date('2026-11-02T01:30:00Z'), delivery_status: 'queued', channel: 'email' });
    expect(rows[0]!.expires_at.toISOString()).toBe('2026-11-03T01:30:00.000Z');
    const mail = await t.ctx.db.selectFrom('outbox').selectAll().where('dedupe_key', '=', `checkin:${rows[0]!.id}`).execute();
    expect(mail).toHaveLength(1);
    const payload = mail[0]!.payload as unknown as { to: string; subject: string; text: string };
    expect(payload.to).toBe('once@example.test');
    expect(payload.subject).toBe('お元気ですか？');
    const token = await tokenFromEmail(rows[0]!.id);
    expect(payload.text).toContain(`${t.ctx.config.publicUrl}/c/${token}?answer=fine`);
    expect(payload.text).toContain(`${t.ctx.config.publicUrl}/c/${token}?answer=talk`);
    // The token is stored hashed only.
    expect(JSON.stringify(rows[0])).not.toContain(token);
    expect((await planRow(p.id)).next_due_at!.toISOString()).toBe('2026-11-03T01:30:00.000Z');
    // Nothing more until the next due time.
    await sweep();
    expect(await checkinsOf(p.id)).toHaveLength(1);
  });
});

describe('answering without an account', () => {
  it('"元気です" from the page resets the run of misses; a second tap is told it was recorded; unknown and expired links are friendly', async () => {
    const id = await person();
    const p = await plan(id, { frequency: 'daily', local_time: '11:00', channel: 'email', address: 'fine@example.test' });
    await toNextDue(p.id);
    await sweep();
    await toNextDue(p.id); // the first one is missed, the second one is sent
    await sweep();
    expect((await planRow(p.id)).consecutive_missed).toBe(1);
    const [first, current] = await checkinsOf(p.id);
    const expiredToken = await tokenFromEmail(first!.id);
    const token = await tokenFromEmail(current!.id);
    const anon = t.anonymous();

    const page = await anon.get(`/c/${token}?answer=fine`);
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('<html lang="ja">');
    expect(page.body).toContain('元気です');
    expect(page.body).toContain('話したい');
    expect(page.body).toContain(`<form method="post" action="/c/${token}">`);
    expect(page.body).not.toContain('<script');
    expect((await anon.get(`/c/${token}`, { 'accept-language': 'en-US,en;q=0.9' })).body).toContain('I&#39;m fine');
    // Opening the link answered nothing.
    expect((await checkinsOf(p.id))[1]!.answered_at).toBeNull();

    const post = await anon.inject({
      method: 'POST',
      url: `/c/${token}`,
      payload: 'answer=fine',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(post.statusCode).toBe(200);
    expect(post.body).toContain('ありがとうございます');
    const answered = (await checkinsOf(p.id))[1]!;
    expect(answered).toMatchObject({ answer: 'fine', answered_at: t.clock.now() });
    expect((await planRow(p.id)).consecutive_missed).toBe(0);
    const again = await anon.post(`${P}/public/checkins/${token}`, { answer: 'talk' });
    expect(again.json()).toMatchObject({ status: 'already_answered', answer: 'fine' });

    const unknown = await anon.get(`/c/${'x'.repeat(43)}`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('ページが見つかりません');
    const expired = await anon.get(`/c/${expiredToken}`);
    expect(expired.statusCode).toBe(410);
    expect(expired.body).toContain('回答期限を過ぎています');
    expect((await anon.post(`${P}/public/checkins/${expiredToken}`, { answer: 'fine' })).json().error.code).toBe('checkin_expired');

    const history = (await (await staffLogin()).get(`${P}/people/${id}/checkins`)).json().items;
    expect(history.map((c: { status: string }) => c.status)).toEqual(['answered', 'missed']);
  });

  it('"話したい" files a concern that appears in the hub\'s triage queue, linked to the person', async () => {
    const id = await person('相談 一郎');
    const p = await plan(id, { frequency: 'daily', local_time: '12:00', channel: 'email', address: 'talk@example.test' });
    await toNextDue(p.id);
    await sweep();
    const [c] = await checkinsOf(p.id);
    const token = await tokenFromEmail(c!.id);
    const r = await t.anonymous().post(`${P}/public/checkins/${token}`, { answer: 'talk' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ status: 'recorded', answer: 'talk' });
    const row = (await checkinsOf(p.id))[0]!;
    expect(row.concern_id).not.toBeNull();
    const queue = (await (await staffLogin()).get(`${P}/triage`)).json();
    const items = Array.isArray(queue) ? queue : queue.items;
    const item = items.find((x: { id: string }) => x.id === row.concern_id);
    expect(item).toMatchObject({ category: 'other', reporter_kind: 'resident' });
    expect(item.description).toContain('話したい');
    expect(item.description).toContain('相談 一郎');
    const concern = await t.ctx.db.selectFrom('concerns').select(['person_id']).where('id', '=', row.concern_id!).executeTakeFirstOrThrow();
    expect(concern.person_id).toBe(id);
  });

  it('limits answer-page requests per client address', async () => {
    const anon = t.anonymous();
    let last = 0;
    for (let i = 0; i < 61; i++)
      last = (await anon.inject({ method: 'GET', url: `/c/${'y'.repeat(43)}`, remoteAddress: '10.9.9.9' })).statusCode;
    expect(last).toBe(429);
    expect((await anon.inject({ method: 'GET', url: `/c/${'y'.repeat(43)}`, remoteAddress: '10.9.9.10' })).statusCode).toBe(404);
  });
});

describe('missed check-ins', () => {
  it('raises exactly one checkin_missed alert at the threshold; a further miss repeats it; an answer resets the count and is recorded on it', async () => {
    const p = await plan(await person(), { frequency: 'daily', local_time: '13:00', channel: 'email', address: 'miss@example.test' });
    await toNextDue(p.id);
    await sweep(); // #1 sent
    await toNextDue(p.id);
    await sweep(); // #1 missed, #2 sent
    expect((await planRow(p.id)).consecutive_missed).toBe(1);
    expect(await alertsOf(p.id)).toHaveLength(0);
    await toNextDue(p.id);
    await Promise.all([sweepCheckins(t.ctx, channels), sweepCheckins(second, channels)]);
    await sweep(); // #2 missed (two in a row), #3 sent
    let alerts = await alertsOf(p.id);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ type: 'checkin_missed', severity: 'high', category: 'welfare', status: 'active', occurrences: 1 });
    expect(alerts[0]!.next_step_at).not.toBeNull(); // on the escalation ladder
    await toNextDue(p.id);
    await sweep(); // #3 missed: the same alert repeats
    alerts = await alertsOf(p.id);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.occurrences).toBe(2);
    expect((await planRow(p.id)).consecutive_missed).toBe(3);
    const open = (await checkinsOf(p.id))[3]!;
    expect((await t.anonymous().post(`${P}/public/checkins/${await tokenFromEmail(open.id)}`, { answer: 'fine' })).statusCode).toBe(200);
    expect((await planRow(p.id)).consecutive_missed).toBe(0);
    const events = await t.ctx.db.selectFrom('alert_events').selectAll().where('alert_id', '=', alerts[0]!.id).orderBy('at').execute();
    expect(events.map((e) => e.kind)).toEqual(['raised', 'repeated', 'checkin_answered']);
    expect(events[2]!.data).toMatchObject({ answer: 'fine', checkin_id: open.id });
  });

  it('an answer between two misses resets the run, so no alert', async () => {
    const p = await plan(await person(), {
      frequency: 'weekly',
      weekday: 2,
      local_time: '07:00',
      channel: 'email',
      address: 'between@example.test',
    });
    const firstDue = new Date(p.next_due_at);
    expect([firstDue.getUTCDay(), firstDue.getUTCHours(), firstDue.getUTCMinutes()]).toEqual([1, 22, 0]); // Tuesday 07:00 in Tokyo
    await toNextDue(p.id);
    await sweep(); // #1 sent
    t.clock.advance(25 * HOUR);
    await sweep(); // #1 missed after 24 h
    expect((await planRow(p.id)).consecutive_missed).toBe(1);
    await toNextDue(p.id);
    await sweep(); // #2 sent a week later
    const two = (await checkinsOf(p.id))[1]!;
    expect(two.due_at.getTime()).toBe(firstDue.getTime() + 7 * 24 * HOUR);
    await t.anonymous().post(`${P}/public/checkins/${await tokenFromEmail(two.id)}`, { answer: 'fine' });
    await toNextDue(p.id);
    await sweep();
    t.clock.advance(25 * HOUR);
    await sweep(); // #3 missed
    expect((await planRow(p.id)).consecutive_missed).toBe(1);
    expect(await alertsOf(p.id)).toHaveLength(0);
  });
});

describe('web push and LINE', () => {
  it('registers the phone through a single-use link and sends through the push adapter with the subscription', async () => {
    const id = await person();
    const p = await plan(id, { frequency: 'daily', local_time: '14:00', channel: 'push' });
    const link = await (await staffLogin()).post(`${P}/checkin-plans/${p.id}/subscribe-link`);
    expect(link.statusCode, link.body).toBe(201);
    const subToken = /\/c\/subscribe\/([A-Za-z0-9_-]{43})$/.exec(link.json().url)![1]!;
    const anon = t.anonymous();
    expect((await anon.get(`/c/subscribe/${subToken}`)).statusCode).toBe(200);
    const subscription = { endpoint: 'https://push.example.test/send/abc', keys: { p256dh: 'BPk-key', auth: 'auth-secret' } };
    expect((await anon.post(`${P}/public/checkin-subscriptions/${subToken}`, subscription)).statusCode).toBe(200);
    expect((await anon.post(`${P}/public/checkin-subscriptions/${subToken}`, subscription)).statusCode).toBe(404);
    expect((await anon.get(`/c/subscribe/${subToken}`)).statusCode).toBe(404);

    const calls: { sub: unknown; payload: any; options: any }[] = [];
    let failNext = true;
    const sender: PushSender = async (sub, payload, options) => {
      if (failNext) {
        failNext = false;
        throw Object.assign(new Error('push service unavailable'), { statusCode: 503 });
      }
      calls.push({ sub, payload: JSON.parse(payload), options });
      return { statusCode: 201 };
    };
    const withPush = createCheckinChannels({ smtpUrl: undefined, vapid, lineChannelAccessToken: undefined }, { pushSender: sender });
    await toNextDue(p.id);
    await sweep(withPush);
    let row = (await checkinsOf(p.id))[0]!;
    expect(row).toMatchObject({ delivery_status: 'pending', delivery_attempts: 1 });
    expect(row.delivery_error).toContain('503');
    t.clock.advance(31_000);
    await sweep(withPush);
    row = (await checkinsOf(p.id))[0]!;
    expect(row).toMatchObject({ delivery_status: 'sent', delivery_attempts: 2, delivery_error: null });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.sub).toEqual(subscription);
    expect(calls[0]!.payload).toMatchObject({
      title: 'お元気ですか？',
      actions: [
        { action: 'fine', title: '元気です' },
        { action: 'talk', title: '話したい' },
      ],
    });
    expect(calls[0]!.options.vapidDetails).toEqual(vapid);
    expect(calls[0]!.options.TTL).toBeLessThanOrEqual(86_400);
    // The notification's action answers through the JSON API.
    const answerUrl: string = calls[0]!.payload.answer_url;
    expect(answerUrl.startsWith(`${t.ctx.config.publicUrl}/api/v1/public/checkins/`)).toBe(true);
    const r = await anon.post(new URL(answerUrl).pathname, { answer: 'fine' });
    expect(r.json()).toMatchObject({ status: 'recorded', answer: 'fine' });
  });

  it("an email the mail server never took before the window closed is not the person's miss", async () => {
    const id = await person();
    const p = await plan(id, {
      frequency: 'daily',
      local_time: '14:30',
      channel: 'email',
      address: 'smtp-down@example.test',
      missed_threshold: 1,
    });
    for (let i = 0; i < 3; i++) {
      await toNextDue(p.id);
      while ((await sweepCheckins(t.ctx, channels)) > 0); // SMTP is down: nothing is dispatched
    }
    expect(mailbox).not.toContain('smtp-down@example.test');
    expect((await planRow(p.id)).consecutive_missed).toBe(0);
    expect(await alertsOf(p.id)).toHaveLength(0);
    const items = (await (await staffLogin()).get(`${P}/people/${id}/checkins`)).json().items;
    const closed = items.filter((c: { status: string }) => c.status !== 'open');
    expect(closed.length).toBeGreaterThanOrEqual(2);
    for (const c of closed) {
      expect(c).toMatchObject({ status: 'undelivered', delivery_status: 'failed' });
      expect(c.delivery_error).toMatch(/^email_not_sent/);
    }
    // Once the mail server takes them again, a miss is the person's again.
    await sweep();
    await toNextDue(p.id);
    await sweep();
    await toNextDue(p.id);
    await sweep();
    expect(mailbox).toContain('smtp-down@example.test');
    expect((await planRow(p.id)).consecutive_missed).toBeGreaterThan(0);
  });

  it("without VAPID keys a push check-in fails with a clear error, and does not count as the person's miss", async () => {
    const id = await person();
    const p = await plan(id, { frequency: 'daily', local_time: '15:00', channel: 'push' });
    await t.ctx.db
      .updateTable('checkin_plans')
      .set({ push_subscription: JSON.stringify({ endpoint: 'https://push.example.test/x', keys: { p256dh: 'k', auth: 'a' } }) })
      .where('id', '=', p.id)
      .execute();
    await toNextDue(p.id);
    await sweep();
    const [row] = await checkinsOf(p.id);
    expect(row).toMatchObject({ delivery_status: 'failed', sent_at: null });
    expect(row!.delivery_error).toMatch(/^push_not_configured: .*VAPID_PUBLIC_KEY/);
    await toNextDue(p.id);
    await sweep();
    await toNextDue(p.id);
    await sweep();
    expect((await planRow(p.id)).consecutive_missed).toBe(0);
    expect(await alertsOf(p.id)).toHaveLength(0);
    const items = (await (await staffLogin()).get(`${P}/people/${id}/checkins`)).json().items;
    expect(items[0]).toMatchObject({ status: 'undelivered', delivery_status: 'failed' });
    expect(items[0].delivery_error).toContain('push_not_configured');
  });

  it('LINE: not configured is a clear failure; configured, it pushes a buttons message with both links', async () => {
    const lineUser = `U${'a'.repeat(32)}`;
    const p = await plan(await person(), { frequency: 'daily', local_time: '16:00', channel: 'line', address: lineUser });
    expect(p).toMatchObject({ deliverable: false, delivery_problem: 'line_not_configured' });
    await toNextDue(p.id);
    await sweep();
    expect((await checkinsOf(p.id))[0]!.delivery_error).toMatch(/^line_not_configured/);
    const requests: { url: string; init: RequestInit }[] = [];
    const fakeFetch = (async (url: string, init: RequestInit) => {
      requests.push({ url, init });
      return new Response('{}', { status: 200 });
    }) as unknown as typeof fetch;
    const withLine = createCheckinChannels(
      { smtpUrl: undefined, vapid: undefined, lineChannelAccessToken: 'line-token' },
      { fetch: fakeFetch },
    );
    await toNextDue(p.id);
    await sweep(withLine);
    expect((await checkinsOf(p.id))[1]).toMatchObject({ delivery_status: 'sent' });
    expect(requests).toHaveLength(1);
    expect(requests[0]!.url).toBe('https://api.line.me/v2/bot/message/push');
    const body = JSON.parse(String(requests[0]!.init.body));
    expect(body.to).toBe(lineUser);
    expect(body.messages[0].template.actions.map((a: { label: string }) => a.label)).toEqual(['元気です', '話したい']);
    expect((requests[0]!.init.headers as Record<string, string>)['x-line-retry-key']).toBe((await checkinsOf(p.id))[1]!.id);
  });

  it('config: VAPID keys are validated at boot, all three or none', () => {
    expect(() => loadConfig({ VAPID_PUBLIC_KEY: vapid.publicKey })).toThrow(/VAPID_PRIVATE_KEY/);
    expect(() => loadConfig({ VAPID_PUBLIC_KEY: 'short', VAPID_PRIVATE_KEY: vapid.privateKey, VAPID_SUBJECT: vapid.subject })).toThrow(
      ConfigError,
    );
    expect(() =>
      loadConfig({ ...{ VAPID_PUBLIC_KEY: vapid.publicKey, VAPID_PRIVATE_KEY: vapid.privateKey }, VAPID_SUBJECT: 'hub' }),
    ).toThrow(/VAPID_SUBJECT/);
    expect(
      loadConfig({ VAPID_PUBLIC_KEY: vapid.publicKey, VAPID_PRIVATE_KEY: vapid.privateKey, VAPID_SUBJECT: vapid.subject }).vapid,
    ).toEqual(vapid);
    expect(loadConfig({}).vapid).toBeUndefined();
  });
});

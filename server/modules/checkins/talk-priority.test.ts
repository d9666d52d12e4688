/** A "話したい" answer is a request for contact: the triage queue does not rank it last. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, SMTP_CONFIGURED, type TestApp } from '../../../test/helpers/app.js';
import { createCheckinChannels } from './checkins.channels.js';
import { sweepCheckins } from './checkins.sweeper.js';

let t: TestApp;
const P = '/api/v1';
beforeAll(async () => {
  t = await createTestApp({ config: SMTP_CONFIGURED });
});
afterAll(async () => t?.close());

describe('triage queue order', () => {
  it('puts a wish to talk ahead of older routine reports ("other", "lights")', async () => {
    const staff = await loginAs(t.app, t.tenant.accounts.hub_staff.email);
    const partner = await t.as('partner');
    const other = (await partner.post(`${P}/concerns`, { category: 'other', latitude: 35.625, longitude: 139.685 })).json();
    const lights = (await partner.post(`${P}/concerns`, { category: 'lights', latitude: 35.626, longitude: 139.686 })).json();
    const person = (await staff.post(`${P}/people`, { name: '相談 二郎', address: '北一丁目1-1' })).json();
    const plan = (
      await staff.post(`${P}/people/${person.id}/checkin-plans`, {
        frequency: 'daily',
        local_time: '12:00',
        channel: 'email',
        address: 'jiro@example.test',
      })
    ).json();
    t.clock.set(new Date(new Date(plan.next_due_at).getTime() + 1000));
    const channels = createCheckinChannels(t.ctx.config);
    while ((await sweepCheckins(t.ctx, channels)) > 0);
    const mail = await t.ctx.db.selectFrom('outbox').select('payload').where('dedupe_key', 'like', 'checkin:%').executeTakeFirstOrThrow();
    const token = /\/c\/([A-Za-z0-9_-]{43})\?answer=fine/.exec((mail.payload as { text: string }).text)![1]!;
    expect((await t.anonymous().post(`${P}/public/checkins/${token}`, { answer: 'talk' })).statusCode).toBe(200);

    const queue = (await (await loginAs(t.app, t.tenant.accounts.hub_staff.email)).get(`${P}/triage`)).json();
    const items: { id: string; description: string }[] = Array.isArray(queue) ? queue : queue.items;
    const order = items.map((x) => x.id);
    const talk = items.find((x) => x.description.includes('話したい'))!;
    expect(talk).toBeDefined();
    expect(order.indexOf(talk.id)).toBeLessThan(order.indexOf(other.id));
    expect(order.indexOf(talk.id)).toBeLessThan(order.indexOf(lights.id));
  });
});

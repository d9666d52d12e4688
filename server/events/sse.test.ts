import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/helpers/app.js';
import { createTenant } from '../../test/helpers/factories.js';

let t: TestApp;
let base: string;
beforeAll(async () => {
  t = await createTestApp();
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => t?.close());

/** Reads SSE frames from a live stream until `want` matching events arrived. */
async function collect(cookie: string, want: (events: { event: string; data: any }[]) => boolean, trigger: () => Promise<void>) {
  const ac = new AbortController();
  const res = await fetch(`${base}/api/v1/events`, { headers: { cookie }, signal: ac.signal });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const events: { event: string; data: any }[] = [];
  let buf = '';
  let triggered = false;
  try {
    while (!want(events)) {
      const { value, done } = await reader.read();
      if (done) break;
      buf += decoder.decode(value, { stream: true });
      let i: number;
      while ((i = buf.indexOf('\n\n')) >= 0) {
        const frame = buf.slice(0, i);
        buf = buf.slice(i + 2);
        const ev = /^event: (.+)$/m.exec(frame)?.[1];
        const data = /^data: (.+)$/m.exec(frame)?.[1];
        if (ev && data) events.push({ event: ev, data: JSON.parse(data) });
      }
      // Trigger once the stream is open (the first frame has arrived), so nothing is missed.
      if (!triggered) {
        triggered = true;
        await trigger();
      }
    }
  } finally {
    ac.abort();
  }
  return events;
}

describe('GET /api/v1/events (Server-Sent Events)', () => {
  it('pushes a new concern to the hub console of the same tenant only, without personal data', async () => {
    const staff = await t.as('hub_staff');
    const beta = await createTenant(t.testDb.db, 'beta');
    const betaStaff = await t.as('hub_staff', beta);
    const partner = await t.as('partner');
    const betaPartner = await t.as('partner', beta);
    let alphaId = '';
    const events = await collect(
      staff.cookie,
      (e) => e.some((x) => x.data.id === alphaId),
      async () => {
        await betaPartner.post('/api/v1/concerns', { category: 'other' });
        alphaId = (await partner.post('/api/v1/concerns', { category: 'not_seen', description: '山田さんを見ない' })).json().id;
      },
    );
    expect(events).toEqual([{ event: 'concern.received', data: { type: 'concern.received', id: alphaId } }]);
    expect(betaStaff.role).toBe('hub_staff');
  });

  it("keeps the copies' cache events (device.changed) off the console stream", async () => {
    const staff = await t.as('hub_staff');
    const partner = await t.as('partner');
    const person = (await staff.post('/api/v1/people', { name: '見守 一郎', kana: 'ミマモリ イチロウ' })).json();
    const device = (await staff.post(`/api/v1/people/${person.id}/devices`, { type: 'motion' })).json();
    let concernId = '';
    const events = await collect(
      staff.cookie,
      (e) => e.some((x) => x.data.id === concernId),
      async () => {
        expect((await staff.patch(`/api/v1/devices/watch/${device.id}`, { location_in_home: '台所' })).statusCode).toBe(200);
        concernId = (await partner.post('/api/v1/concerns', { category: 'other' })).json().id;
      },
    );
    expect(events.map((e) => e.event)).toEqual(['concern.received']);
  });

  it('is not open to partners', async () => {
    const partner = await t.as('partner');
    const res = await fetch(`${base}/api/v1/events`, { headers: { cookie: partner.cookie } });
    expect(res.status).toBe(403);
  });
});

import { sql } from 'kysely';
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

/** An open event stream read in the background: what arrived so far, and a way to wait for more. */
async function openStream(cookie: string, path = '/api/v1/events') {
  const ac = new AbortController();
  const res = await fetch(`${base}${path}`, { headers: { cookie }, signal: ac.signal });
  const events: { event: string; data: any }[] = [];
  if (res.ok) {
    void (async () => {
      const reader = res.body!.getReader();
      const decoder = new TextDecoder();
      let buf = '';
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          buf += decoder.decode(value, { stream: true });
          let i: number;
          while ((i = buf.indexOf('\n\n')) >= 0) {
            const frame = buf.slice(0, i);
            buf = buf.slice(i + 2);
            const ev = /^event: (.+)$/m.exec(frame)?.[1];
            const data = /^data: (.+)$/m.exec(frame)?.[1];
            if (ev && data) events.push({ event: ev, data: JSON.parse(data) });
          }
        }
      } catch {
        // aborted
      }
    })();
  }
  return { res, events, close: () => ac.abort() };
}

/** Polls `check` until it holds; fails after `ms` (a bound that proves "no hang", not a speed). */
async function until<T>(check: () => T | Promise<T>, what: string, ms = 20_000): Promise<NonNullable<T>> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v as NonNullable<T>;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('GET /api/v1/events (Server-Sent Events)', () => {
  it('tells consoles and phones to refetch (resync) after the event connection was cut, again and again, and keeps delivering', async () => {
    const staff = await t.as('hub_staff');
    const partner = await t.as('partner');
    const consoleStream = await openStream(staff.cookie);
    const phoneStream = await openStream(partner.cookie, '/api/v1/concerns/mine/events');
    expect(consoleStream.res.status).toBe(200);
    expect(phoneStream.res.status).toBe(200);
    const listener = async () =>
      (
        await sql<{ pid: number }>`SELECT pid FROM pg_stat_activity
          WHERE application_name = 'tsunagari-listen' AND datname = current_database()`.execute(t.testDb.db)
      ).rows[0]?.pid;
    try {
      let last = 0;
      for (let i = 0; i < 3; i++) {
        const pid = await until(
          async () => {
            const p = await listener();
            return p && p !== last ? p : undefined;
          },
          `listener ${i + 1}`,
        );
        await sql`SELECT pg_terminate_backend(${pid})`.execute(t.testDb.db);
        last = pid;
      }
      await until(async () => {
        const p = await listener();
        return p && p !== last;
      }, 'the last reconnect');
      await until(() => consoleStream.events.some((e) => e.event === 'resync'), 'resync on the console');
      await until(() => phoneStream.events.some((e) => e.event === 'resync'), 'resync on the phone');
      expect(consoleStream.events.find((e) => e.event === 'resync')!.data).toEqual({ type: 'resync' });

      const id = (await partner.post('/api/v1/concerns', { category: 'other' })).json().id;
      await until(() => consoleStream.events.some((e) => e.data.id === id), 'an event after the recovery');
    } finally {
      consoleStream.close();
      phoneStream.close();
    }
  });

  it('caps the open streams per account (429 too_many_streams with Retry-After); closing one frees a slot', async () => {
    const lead = await t.as('hub_lead');
    const other = await t.as('outreach');
    const streams = [];
    try {
      for (let i = 0; i < 5; i++) {
        const s = await openStream(lead.cookie);
        streams.push(s);
        expect(s.res.status).toBe(200);
      }
      const refused = await fetch(`${base}/api/v1/events`, { headers: { cookie: lead.cookie, 'accept-language': 'en' } });
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await refused.json()).error.code).toBe('too_many_streams');
      // Another account is not affected.
      const theirs = await openStream(other.cookie);
      streams.push(theirs);
      expect(theirs.res.status).toBe(200);

      streams[0]!.close();
      const again = await until(async () => {
        const s = await openStream(lead.cookie);
        if (s.res.status === 200) return s;
        await s.res.body?.cancel();
        return undefined;
      }, 'a freed slot');
      streams.push(again);
    } finally {
      for (const s of streams) s.close();
    }
  });

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

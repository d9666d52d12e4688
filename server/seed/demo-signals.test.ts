/** The demo shows honest signals as staff would meet them (npm start without any channel set). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, type TestApp } from '../../test/helpers/app.js';
import { DEMO_PASSWORD, ensureDemoData } from './demo.js';

describe('demo: honest signals', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ now: new Date('2026-11-20T03:00:00Z') });
    await ensureDemoData(t.ctx.db, t.clock);
  });
  afterAll(() => t?.close());

  it('has a skipped family step, undelivered LINE/SMS messages, a silent device, the bell, and thanked reports', async () => {
    const lead = await loginAs(t.app, 'hub_lead@demo.example', DEMO_PASSWORD);
    const open = (await lead.get('/api/v1/alerts?status=open')).json().items as {
      type: string;
      ladder: { watchers: { state: string; messages: { status: string }[] } };
    }[];
    expect(open.some((a) => a.ladder.watchers.state === 'skipped')).toBe(true);
    const undelivered = open.find((a) => a.ladder.watchers.state === 'not_delivered');
    expect(undelivered?.ladder.watchers.messages.map((m) => m.status)).toEqual(['not_delivered', 'not_delivered']);
    expect(open.some((a) => a.type === 'device_silent')).toBe(true);
    const bell = (await lead.get('/api/v1/notifications')).json().items as { kind: string; target: { type: string } | null }[];
    expect(bell.some((n) => n.kind === 'watch_alert' && n.target?.type === 'alert')).toBe(true);
    const partner = await loginAs(t.app, 'partner@demo.example', DEMO_PASSWORD);
    const mine = (await partner.get('/api/v1/concerns/mine')).json();
    const items = (Array.isArray(mine) ? mine : mine.items) as { thanks_message: string | null }[];
    expect(items.some((c) => c.thanks_message)).toBe(true);
  });
});

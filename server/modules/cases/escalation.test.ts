import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, testConfig } from '../../../test/helpers/app.js';
import { ManualClock } from '../../clock.js';
import type { AppContext } from '../../context.js';
import { createDb, createPool } from '../../db/database.js';
import { createMailTransport, dispatchOutbox, type MailTransport } from '../notifications/outbox.js';
import { sweepEscalations } from './escalation.sweeper.js';

let t: TestApp;
let second: AppContext;
const HOUR = 3_600_000;

beforeAll(async () => {
  t = await createTestApp();
  // A second app copy: its own pool and clock on the same database.
  second = { db: createDb(createPool(t.testDb.url, 5)), clock: new ManualClock(t.clock.now()), config: t.ctx.config, events: t.ctx.events };
});
afterAll(async () => {
  await second?.db.destroy();
  await t?.close();
});

async function openCase(urgency: 'emergency' | 'high') {
  const partner = await t.as('partner');
  const staff = await t.as('hub_staff');
  const c = (await partner.post('/api/v1/concerns', { category: 'not_seen', latitude: 35.625, longitude: 139.685 })).json();
  return (await staff.post(`/api/v1/concerns/${c.id}/triage`, { urgency })).json() as { id: string; case_number: number };
}

describe('first-contact deadline escalation', () => {
  it('does nothing before the deadline', async () => {
    await openCase('emergency');
    expect(await sweepEscalations(t.ctx)).toBe(0);
  });

  it('escalates each breach exactly once with two app copies sweeping at the same time', async () => {
    const k = await openCase('emergency');
    t.clock.advance(HOUR + 1000);
    (second.clock as ManualClock).set(t.clock.now());
    const runs = await Promise.all([sweepEscalations(t.ctx), sweepEscalations(second), sweepEscalations(t.ctx), sweepEscalations(second)]);
    expect(runs.reduce((a, b) => a + b, 0)).toBe(2); // both emergency cases, each once
    expect(await sweepEscalations(t.ctx)).toBe(0);
    const notes = await t.ctx.db.selectFrom('notifications').selectAll().where('case_id', '=', k.id).execute();
    expect(notes).toHaveLength(1);
    expect(notes[0]!.account_id).toBe(t.tenant.accounts.hub_lead.id);
    const mail = await t.ctx.db.selectFrom('outbox').selectAll().where('dedupe_key', 'like', `escalation:${k.id}:%`).execute();
    expect(mail).toHaveLength(1);
    const payload = mail[0]!.payload as { to: string; subject: string; text: string };
    expect(payload.to).toBe(t.tenant.accounts.hub_lead.email);
    expect(payload.subject).toContain(`#${k.case_number}`);
    // The lead sees it in the console, and the case shows it.
    const lead = await t.as('hub_lead');
    const inbox = (await lead.get('/api/v1/notifications')).json();
    expect(inbox.unread).toBeGreaterThanOrEqual(1);
    expect(inbox.items.some((n: { case_id: string }) => n.case_id === k.id)).toBe(true);
    const kase = (await lead.get(`/api/v1/cases/${k.id}`)).json();
    expect(kase.overdue).toBe(true);
    expect(kase.escalated_at).toBe(t.clock.now().toISOString());
    expect(kase.timeline.some((e: { kind: string; data: { kind?: string } }) => e.kind === 'event' && e.data.kind === 'escalated')).toBe(
      true,
    );
    // Overdue cases come first in the case list.
    const list = (await lead.get('/api/v1/cases?overdue=true')).json();
    expect(list.items.map((c: { id: string }) => c.id)).toContain(k.id);
  });

  it('does not escalate a case whose first contact was recorded in time', async () => {
    const k = await openCase('high');
    t.clock.advance(HOUR);
    await (await t.as('hub_staff')).post(`/api/v1/cases/${k.id}/contacts`, {
      method: 'phone',
      reached: true,
      occurred_at: t.clock.now().toISOString(),
      note: '',
    });
    t.clock.advance(30 * HOUR);
    await sweepEscalations(t.ctx);
    const row = await t.ctx.db.selectFrom('cases').select('escalated_at').where('id', '=', k.id).executeTakeFirstOrThrow();
    expect(row.escalated_at).toBeNull();
  });
});

describe('outbox dispatcher', () => {
  it('retries a failed send with backoff and sends once', async () => {
    const sent: string[] = [];
    let fail = true;
    const flaky: MailTransport = {
      async send(m) {
        if (fail) throw new Error('smtp down');
        sent.push(m.to);
      },
    };
    const pending = await t.ctx.db.selectFrom('outbox').select('id').where('sent_at', 'is', null).execute();
    expect(pending.length).toBeGreaterThan(0);
    expect(await dispatchOutbox(t.ctx, { email: flaky })).toBe(0);
    const failed = await t.ctx.db.selectFrom('outbox').selectAll().where('id', '=', pending[0]!.id).executeTakeFirstOrThrow();
    expect(failed.attempts).toBe(1);
    expect(failed.last_error).toBe('smtp down');
    fail = false;
    expect(await dispatchOutbox(t.ctx, { email: flaky })).toBe(0); // backoff: not yet due
    t.clock.advance(31_000);
    expect(
      await Promise.all([dispatchOutbox(t.ctx, { email: flaky }), dispatchOutbox(t.ctx, { email: flaky })]).then((r) => r[0] + r[1]),
    ).toBe(pending.length);
    expect(sent).toHaveLength(pending.length);
  });

  it('writes .eml files when no SMTP server is configured, with no personal data', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tsunagari-mail-'));
    const transport = createMailTransport(undefined, dir);
    await transport.send({
      from: testConfig().mailFrom,
      to: 'lead@example.test',
      subject: '件名',
      text: '本文',
      messageId: '<x@tsunagari>',
    });
    const files = await fs.readdir(path.join(dir, 'mail'));
    expect(files).toHaveLength(1);
    const eml = await fs.readFile(path.join(dir, 'mail', files[0]!), 'utf8');
    expect(eml).toContain('To: lead@example.test');
    await fs.rm(dir, { recursive: true });
  });
});

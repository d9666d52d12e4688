/**
 * No raw codes in the bell: every kind of notification the server can create has a label in
 * both console languages, and a list answer links each one to what it is about.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { withTransaction } from '../../db/transaction.js';
import { channelStates, channelsOffLine } from './channels.service.js';
import { NOTIFICATION_KINDS, notifyAccounts } from './notifications.service.js';

type Tree = { [k: string]: string | Tree };
function consoleLocale(lang: 'ja' | 'en'): Tree {
  const dir = path.resolve('web/src/locales');
  const files = [path.join(dir, `${lang}.json`), ...fs.readdirSync(path.join(dir, lang)).map((f) => path.join(dir, lang, f))];
  const merge = (a: Tree, b: Tree): Tree => {
    const out: Tree = { ...a };
    for (const [k, v] of Object.entries(b)) out[k] = typeof v === 'object' && typeof out[k] === 'object' ? merge(out[k] as Tree, v) : v;
    return out;
  };
  return files.filter((f) => f.endsWith('.json')).reduce((acc, f) => merge(acc, JSON.parse(fs.readFileSync(f, 'utf8'))), {} as Tree);
}

describe('notification kinds', () => {
  it.each(['ja', 'en'] as const)('every kind has a %s label in the console', (lang) => {
    const kinds = (consoleLocale(lang).notifications as Tree).kinds as Tree;
    const missing = NOTIFICATION_KINDS.filter((k) => typeof kinds[k] !== 'string' || !(kinds[k] as string).trim());
    expect(missing).toEqual([]);
  });

  it('every kind the server creates is a declared kind', () => {
    const src = path.resolve('server/modules');
    const used = new Set<string>();
    for (const f of fs
      .readdirSync(src, { recursive: true, encoding: 'utf8' })
      .filter((x) => x.endsWith('.ts') && !x.endsWith('.test.ts'))) {
      const text = fs.readFileSync(path.join(src, f), 'utf8');
      for (const m of text.matchAll(/notify(?:Accounts|Hub)\([^)]*?kind: '([a-z_]+)'/gs)) used.add(m[1]!);
      for (const m of text.matchAll(/notifyHub\([^)]*?, '([a-z_]+)'/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(0);
    for (const k of used) expect(NOTIFICATION_KINDS as readonly string[]).toContain(k);
  });
});

describe('the bell answer', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  it('links an alert notification to the alert and a deadline notification to the case, with no personal data', async () => {
    const lead = t.tenant.accounts.hub_lead.id;
    const alertId = '0190f3a0-0000-7000-8000-000000000001';
    const caseId = '0190f3a0-0000-7000-8000-000000000002';
    await withTransaction(t.ctx, async (trx, emit) => {
      await notifyAccounts(trx, emit, {
        tenantId: t.tenant.id,
        accountIds: [lead],
        kind: 'watch_alert',
        caseId: null,
        eventId: alertId,
        now: t.clock.now(),
        data: { alert_id: alertId, type: 'emergency_button', reason: 'critical' },
      });
      await notifyAccounts(trx, emit, {
        tenantId: t.tenant.id,
        accountIds: [lead],
        kind: 'first_contact_overdue',
        caseId: null,
        eventId: caseId,
        now: t.clock.now(),
        data: { case_number: 7 },
      });
    });
    const items = (await (await t.as('hub_lead')).get('/api/v1/notifications')).json().items;
    expect(items.find((x: { kind: string }) => x.kind === 'watch_alert').target).toEqual({ type: 'alert', id: alertId });
    // A notification without a case or alert has nothing to link to, and says so with null.
    expect(items.find((x: { kind: string }) => x.kind === 'first_contact_overdue').target).toBeNull();
  });

  it('lists the channels that are off for admins, hub leads and coordinators, never their values', async () => {
    for (const role of ['admin', 'hub_lead', 'coordinator'] as const) {
      const res = await (await t.as(role)).get('/api/v1/settings/channels');
      expect(res.statusCode, role).toBe(200);
      expect(res.json().items.map((c: { channel: string; configured: boolean }) => [c.channel, c.configured])).toEqual([
        ['email', false],
        ['line', false],
        ['sms', false],
        ['web_push', false],
        ['mqtt', false],
      ]);
    }
    expect((await (await t.as('hub_staff')).get('/api/v1/settings/channels')).statusCode).toBe(403);
    const on = {
      smtpUrl: 'smtp://user:secret@mail.example.test:587',
      lineChannelAccessToken: 'tok-secret',
      vapid: undefined,
      mqttUrl: undefined,
    };
    expect(
      channelStates(on)
        .filter((c) => c.configured)
        .map((c) => c.channel),
    ).toEqual(['email', 'line']);
    const line = channelsOffLine(on)!;
    expect(line).toContain('sms');
    expect(line).toContain('web_push');
    expect(line).not.toContain('secret');
    expect(line).not.toMatch(/\bemail\b.*not sent/);
  });
});

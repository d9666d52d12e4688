/**
 * The console heals with the server: when an app copy's event connection to PostgreSQL is cut
 * (here its backend is killed), notifications sent meanwhile by other copies are lost; once the
 * copy has reconnected it sends `resync`, and the hub console refetches, so the triage queue
 * shows what arrived in the gap without a reload.
 */
import { sql } from 'kysely';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { EventBus } from '../../server/events/event-bus.js';
import { fileConcern } from '../../server/modules/concerns/concerns.service.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { launchBrowser } from '../helpers/browser.js';
import { TEST_PASSWORD } from '../helpers/factories.js';

let t: TestApp;
let browser: Browser;
let base: string;

beforeAll(async () => {
  t = await createTestApp({ serveWeb: true, now: new Date() });
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function until(check: () => boolean | Promise<boolean>, what: string, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('live updates across a lost event connection', () => {
  it('the triage queue shows a concern whose notification was lost, once the server resyncs', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId: 'Asia/Tokyo', locale: 'ja-JP' });
    const staff = await context.newPage();
    await staff.goto(`${base}/login`);
    await staff.getByLabel('メールアドレス').fill(t.tenant.accounts.hub_staff.email);
    await staff.getByLabel('パスワード').fill(TEST_PASSWORD);
    await staff.getByRole('button', { name: 'ログインする' }).click();
    await staff.waitForURL((u) => !u.pathname.startsWith('/login'));
    await staff.goto(`${base}/triage`);
    await staff.getByRole('heading', { name: 'トリアージ待ち' }).waitFor();
    await until(() => t.app.sseStreams.size > 0, "the console's event stream");

    // Filed through another copy whose notification never reached this one: no event here.
    const silent: EventBus = { publish: () => {}, subscribe: () => () => {}, close: async () => {} };
    const a = t.tenant.accounts.partner;
    await fileConcern(
      { ...t.ctx, events: silent },
      {
        tenantId: t.tenant.id,
        reporterKind: 'partner',
        channel: 'web',
        reporterAccountId: a.id,
        reporterPartnerId: t.tenant.partnerId,
        reporterDeviceId: null,
        anonymous: false,
        callbackContact: null,
        idempotencyPrincipal: a.id,
      },
      { category: 'not_seen', place_text: '北一丁目 三番の角' },
      undefined,
    );

    await sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
      WHERE application_name = 'tsunagari-listen' AND datname = current_database()`.execute(t.testDb.db);
    await staff.getByRole('cell', { name: /北一丁目 三番の角/ }).waitFor({ timeout: 20_000 });
    await context.close();
  });
});

/**
 * The core loop in a real browser (Debian chromium via playwright-core): a partner files a
 * concern, hub staff see it arrive live, triage it into a new case, record first contact and
 * see the KPI move. Every page visited is checked with axe (no serious or critical issues).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { checkA11y, launchBrowser, screenshot } from '../helpers/browser.js';
import { TEST_PASSWORD } from '../helpers/factories.js';

let t: TestApp;
let browser: Browser;
let base: string;

beforeAll(async () => {
  // The browser works in real time; the server clock starts at now and is moved by hand.
  t = await createTestApp({ serveWeb: true, now: new Date() });
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function login(email: string, width = 1280): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, timezoneId: 'Asia/Tokyo', locale: 'ja-JP' });
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  expect(await checkA11y(page)).toEqual([]);
  await page.getByLabel('メールアドレス').fill(email);
  await page.getByLabel('パスワード').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'ログインする' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  return page;
}

async function kpiCount(page: Page): Promise<string> {
  await page.goto(`${base}/kpis`);
  // The headline section: the safety-check section below has its own count.
  const stat = page.locator('section[aria-labelledby="kpi-headline"] li.stat', { hasText: '件数' }).locator('.stat__value');
  await stat.waitFor();
  return (await stat.textContent())!.trim();
}

describe('hub console: from a concern to first contact', () => {
  it('files, triages, records first contact and moves the KPI', async () => {
    const staff = await login(t.tenant.accounts.hub_staff.email);
    await staff.getByRole('heading', { name: 'トリアージ待ち' }).waitFor();
    expect(await checkA11y(staff)).toEqual([]);
    expect(await kpiCount(staff)).toBe('0');
    expect(await checkA11y(staff)).toEqual([]);
    await staff.goto(`${base}/triage`);
    await staff.getByRole('heading', { name: 'トリアージ待ち' }).waitFor();

    // A partner on a tablet files a concern; the staff queue announces it without a reload.
    const partner = await login(t.tenant.accounts.partner.email, 768);
    await partner.goto(`${base}/concerns/new`);
    expect(await checkA11y(partner)).toEqual([]);
    await partner.getByRole('radio', { name: 'しばらく姿を見ない' }).check({ force: true });
    await partner.getByLabel('内容').fill('1週間ほど姿を見かけない。雨戸が閉まったまま。');
    await partner.getByLabel('場所', { exact: true }).fill('さくら荘101号室');
    await partner.getByRole('button', { name: '登録する' }).click();
    await partner.getByText('受付番号').waitFor();
    await screenshot(partner, 'e2e-partner-ack');
    await staff.getByText('新しい気づきが届きました').waitFor();
    await staff.getByRole('row', { name: /さくら荘101号室/ }).waitFor();
    await screenshot(staff, 'e2e-triage-queue');

    // Triage into a new case for a new person.
    await staff
      .getByRole('row', { name: /さくら荘101号室/ })
      .getByRole('link')
      .click();
    await staff.getByRole('radio', { name: /^高/ }).waitFor();
    expect(await checkA11y(staff)).toEqual([]);
    await staff.getByRole('radio', { name: /^高/ }).check({ force: true });
    await staff.getByRole('radio', { name: '新しい対象者を登録する' }).check({ force: true });
    await staff.getByLabel('氏名').fill('試験 花子');
    await staff.getByRole('button', { name: 'トリアージしてケースへ' }).click();
    await staff.waitForURL(/\/cases\//);
    await staff.getByRole('heading', { name: /ケース #/ }).waitFor();
    expect(await checkA11y(staff)).toEqual([]);

    // Record the first contact.
    await staff.getByRole('checkbox', { name: /本人に会えた/ }).check({ force: true });
    await staff.getByLabel('接触の内容').fill('訪問し本人と面談。体調は安定。');
    await staff.getByRole('button', { name: '接触を記録' }).click();
    // The success note can be replaced at once by the live refresh of the case, so wait for what
    // stays: the contact in the timeline, marked as the first contact.
    await staff.locator('li', { hasText: '訪問し本人と面談。体調は安定。' }).getByText('初回接触', { exact: true }).waitFor();
    await screenshot(staff, 'e2e-case-first-contact');
    const caseId = staff.url().split('/cases/')[1]!;
    const row = await t.ctx.db
      .selectFrom('cases')
      .select(['first_contact_at', 'status'])
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect(row.first_contact_at).not.toBeNull();
    expect(row.status).toBe('supporting');

    // The KPI now counts it.
    expect(await kpiCount(staff)).toBe('1');
    // No watch alert in the period: the safety-check month table says so instead of showing no rows.
    await staff.getByText('月別（安否確認）: この期間のデータはありません。').waitFor();
    await screenshot(staff, 'e2e-kpis');

    // The other pages pass axe too: cases, people, person, my reports.
    const person = await t.ctx.db.selectFrom('cases').select('person_id').where('id', '=', caseId).executeTakeFirstOrThrow();
    for (const path of ['/cases', '/people', `/people/${person.person_id}`, `/cases?overdue=true`]) {
      await staff.goto(`${base}${path}`);
      await staff.getByRole('heading', { level: 1 }).waitFor();
      expect({ path, violations: await checkA11y(staff) }).toEqual({ path, violations: [] });
    }
    // The reporter sees a coarse status only.
    await partner.goto(`${base}/reports`);
    await partner
      .getByRole('row', { name: /さくら荘101号室/ })
      .getByText('対応中')
      .waitFor();
    expect(await checkA11y(partner)).toEqual([]);
    // Long: ten pages with axe each, on a shared two-core machine.
  }, 150_000);

  it('switches to English and stays accessible', async () => {
    const lead = await login(t.tenant.accounts.hub_lead.email);
    await lead.getByRole('button', { name: 'English' }).click();
    await lead.goto(`${base}/cases`);
    await lead.getByRole('heading', { level: 1 }).waitFor();
    expect(await lead.locator('html').getAttribute('lang')).toBe('en');
    expect(await checkA11y(lead)).toEqual([]);
    await screenshot(lead, 'e2e-cases-en');
  });
});

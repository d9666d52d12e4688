/**
 * Honest signals in a real browser (issue #9): the alert ladder shows a family step with nobody
 * to tell as skipped (why, and a link to add a watcher); a LINE watcher is warned about when added
 * and its message shows as not delivered; the hub lead's bell reads in words and links to the
 * alert; a coordinator resolves a silent device seeing where it is but no name or welfare data;
 * the partner's desktop reports show the hub's thank-you; the field app's report screen has the
 * 119/110 line before the form. axe on every page; screenshots in /work/shots/signals.
 */
import fs from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepAlerts } from '../../server/modules/alerts/ladder.sweeper.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { checkA11y, launchBrowser } from '../helpers/browser.js';
import { TEST_PASSWORD } from '../helpers/factories.js';
import { insertWatchedPerson, raiseAlertNow } from '../helpers/watch.js';

let t: TestApp;
let browser: Browser;
let base: string;
const SHOTS = '/work/shots/signals';

beforeAll(async () => {
  t = await createTestApp({ serveWeb: true, now: new Date() });
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchBrowser();
  await fs.mkdir(SHOTS, { recursive: true }).catch(() => {});
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function shot(page: Page, name: string) {
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true }).catch(() => {});
}

async function a11y(page: Page, name: string) {
  expect({ name, violations: await checkA11y(page) }).toEqual({ name, violations: [] });
}

async function login(email: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId: 'Asia/Tokyo', locale: 'ja-JP' });
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.getByLabel('メールアドレス').fill(email);
  await page.getByLabel('パスワード').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'ログインする' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  return page;
}

/** A person in the test hub's area with one device, as the devices module registers them. */
function person(name: string, deviceType: 'motion' | 'door' = 'motion', room = '居間') {
  return insertWatchedPerson(t, { name, address: '北一丁目4-5 ひかり荘202', note: '糖尿病で通院中', birthYear: 1936, deviceType, room });
}

const raise = (p: { personId: string; deviceId: string }, type: 'inactivity' | 'device_silent', severity: 'high' | 'medium') =>
  raiseAlertNow(t, p.personId, p.deviceId, type, severity);

describe('honest signals', () => {
  it('shows a skipped family step with why and a link to add a watcher', async () => {
    const p = await person('信号 一子');
    const a = await raise(p, 'inactivity', 'high');
    await sweepAlerts(t.ctx);
    const staff = await login(t.tenant.accounts.hub_staff.email);
    await staff.goto(`${base}/alerts/${a.id}`);
    const ladder = staff.getByRole('list', { name: 'エスカレーションの進み具合' });
    await ladder.getByText('家族・見守り者へ通知').waitFor();
    await ladder.getByText('（スキップ）').waitFor();
    await ladder.getByText('見守り者が登録されていないため、通知していません。').waitFor();
    expect(await ladder.getByText(/人に通知/).count()).toBe(0);
    await a11y(staff, 'ladder-skipped');
    await shot(staff, 'ladder-skipped');
    await ladder.getByRole('link', { name: '見守り者を登録する' }).click();
    await staff.waitForURL((u) => u.pathname === `/people/${p.personId}`);
    // The link lands on the watchers section, not the top of the person page.
    const watchers = staff.getByRole('heading', { name: '見守り連絡先（家族・近隣）' });
    await expect.poll(() => watchers.evaluate((el) => el === document.activeElement)).toBe(true);
    await expect(watchers.isVisible()).resolves.toBe(true);
    expect(await watchers.evaluate((el) => el.getBoundingClientRect().top)).toBeLessThan(200);
  });

  it('warns when a LINE watcher is added, and shows the message as not delivered', async () => {
    const p = await person('信号 二子');
    const staff = await login(t.tenant.accounts.hub_staff.email);
    await staff.goto(`${base}/people/${p.personId}`);
    await staff.getByRole('heading', { name: '見守り連絡先（家族・近隣）' }).waitFor();
    const form = staff.getByRole('form', { name: '見守り連絡先を追加' });
    await form.getByLabel('氏名').fill('信号 美香');
    await form.getByLabel('見守り者から見た呼び方').fill('母');
    await form.getByRole('button', { name: /通知方法/ }).click();
    await staff.getByRole('option', { name: 'LINE' }).click();
    await form.getByRole('textbox', { name: /^連絡先/ }).fill(`U${'e'.repeat(32)}`);
    await form.getByRole('button', { name: '追加する' }).click();
    await staff.getByRole('status').filter({ hasText: 'この方法では今は届きません: LINEが設定されていません' }).waitFor();
    await staff.getByText('呼び方「母」', { exact: false }).waitFor();
    await a11y(staff, 'watcher-warning');
    await shot(staff, 'watcher-line-warning');

    const a = await raise(p, 'inactivity', 'high');
    await sweepAlerts(t.ctx);
    await staff.goto(`${base}/alerts/${a.id}`);
    const ladder = staff.getByRole('list', { name: 'エスカレーションの進み具合' });
    await ladder.getByText('（届いていません）').waitFor();
    const messages = ladder.getByRole('list', { name: '見守り者へのメッセージ' });
    await messages.getByText(/信号 美香 · LINE: 届いていません — LINEが設定されていません/).waitFor();
    // The timeline says how many could arrive, not "1人に通知".
    await staff.getByText('通知 1件のうち、届く見込み 0件').waitFor();
    await staff.getByText('見守り者へのメッセージが届かないためハブへ通知').waitFor();
    expect(await staff.getByText(/人に通知/).count()).toBe(0);
    await a11y(staff, 'ladder-not-delivered');
    await shot(staff, 'ladder-not-delivered');
  });

  it("the hub lead's bell reads in words and links to the alert", async () => {
    const lead = await login(t.tenant.accounts.hub_lead.email);
    await lead.goto(`${base}/alerts`);
    await lead.getByRole('button', { name: /お知らせ（未読 [1-9]\d*件）/ }).click();
    const dialog = lead.getByRole('dialog', { name: 'お知らせ' });
    await dialog.getByText('見守りアラート「生活反応なし」— 見守り者が登録されていないためハブへ通知').first().waitFor();
    await dialog.getByText('見守りアラート「生活反応なし」— 見守り者へのメッセージが届かないためハブへ通知').first().waitFor();
    expect(await dialog.getByText('watch_alert').count()).toBe(0);
    await a11y(lead, 'bell');
    await shot(lead, 'bell');
    await dialog.getByRole('link', { name: 'アラートを開く' }).first().click();
    await lead.waitForURL((u) => u.pathname.startsWith('/alerts/'));
    await lead.getByRole('heading', { level: 1, name: /生活反応なし — 信号/ }).waitFor();
  });

  it('a coordinator resolves a silent device, sees where it is, and no name or welfare data', async () => {
    const p = await person('信号 三子', 'door', '玄関');
    await raise(p, 'device_silent', 'medium');
    const coord = await login(t.tenant.accounts.coordinator.email);
    await coord.goto(`${base}/alerts`);
    const card = coord.getByRole('article', { name: /機器から応答なし — 氏名は非表示/ }).first();
    await card.waitFor();
    await card.getByText(/北一丁目4-5 ひかり荘202/).waitFor();
    await card.getByText(/部屋: 玄関/).waitFor();
    await card.getByText(/地区: 北一丁目/).waitFor();
    // No name, no health note, no welfare alert (the other people's alerts above are welfare ones).
    const body = (await coord.locator('.alert-list').textContent()) ?? '';
    for (const s of ['信号', '糖尿病', '生活反応なし', '（氏名未登録）']) expect(body).not.toContain(s);
    expect(await card.getByRole('link', { name: '氏名は非表示', exact: true }).count()).toBe(0); // no dead-end link to a person page
    await a11y(coord, 'coordinator-alerts');
    await shot(coord, 'coordinator-silent-device');
    await card.getByRole('button', { name: /対応を開始する: 機器から応答なし/ }).click();
    await card.getByText('対応中', { exact: true }).waitFor();
    await card.getByRole('button', { name: /解決として記録: 機器から応答なし/ }).click();
    const dialog = coord.getByRole('dialog');
    expect(await dialog.getByRole('radio', { name: /無事を確認/ }).count()).toBe(0);
    await dialog.getByRole('radio', { name: /機器を修理・交換/ }).check({ force: true });
    await dialog.getByLabel('メモ（任意）').fill('電池を交換');
    await a11y(coord, 'coordinator-resolve');
    await dialog.getByRole('button', { name: '記録する' }).click();
    await dialog.waitFor({ state: 'detached' });
    const row = await t.ctx.db.selectFrom('alerts').selectAll().where('person_id', '=', p.personId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'resolved', outcome: 'technical_fixed', resolved_by: t.tenant.accounts.coordinator.id });

    // The channels that are off, for the coordinator too.
    await coord.getByRole('link', { name: '通知チャネル' }).click();
    await coord.getByRole('heading', { level: 1, name: '通知チャネル' }).waitFor();
    await coord.getByText('LINEの見守り者・定期安否確認には届きません。').waitFor();
    await a11y(coord, 'channels');
    await shot(coord, 'channels');
  });

  it("the partner's desktop reports show the hub's thank-you", async () => {
    const partnerApi = await t.as('partner');
    const c = (await partnerApi.post('/api/v1/concerns', { category: 'mail_piling_up', place_text: 'ひかり荘202' })).json();
    const staffApi = await t.as('hub_staff');
    expect(
      (await staffApi.post(`/api/v1/concerns/${c.id}/thanks`, { message: 'いつもありがとうございます。訪問しました。' })).statusCode,
    ).toBe(200);
    const partner = await login(t.tenant.accounts.partner.email);
    await partner.goto(`${base}/reports`);
    const table = partner.getByRole('table', { name: 'わたしの報告' });
    await table.getByRole('columnheader', { name: 'ハブからのお礼' }).waitFor();
    await table.getByRole('cell', { name: 'いつもありがとうございます。訪問しました。' }).waitFor();
    await a11y(partner, 'my-reports');
    await shot(partner, 'partner-my-reports-thanks');
  });

  it('the field app shows the 119/110 line before the report form', async () => {
    const coordinator = await t.as('coordinator');
    const res = await coordinator.post(`/api/v1/partners/${t.tenant.partnerId}/enrollments`, { label: '配達車9号' });
    expect(res.statusCode, res.body).toBe(201);
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      locale: 'ja-JP',
      timezoneId: 'Asia/Tokyo',
    });
    await context.route(/cyberjapandata\.gsi\.go\.jp/, (r) => r.abort());
    const page = await context.newPage();
    await page.goto(`${base}/field/enroll?code=${encodeURIComponent(res.json().code)}`);
    await page.getByRole('heading', { name: '気づいたことを報告' }).waitFor();
    const line = page.getByRole('complementary', { name: '緊急のとき' });
    await line.getByText('命にかかわるときは、すぐに119（救急）か110（警察）に電話してください。').waitFor();
    expect(await line.getByRole('link', { name: /119/ }).getAttribute('href')).toBe('tel:119');
    expect(await line.getByRole('link', { name: /110/ }).getAttribute('href')).toBe('tel:110');
    // Before the form: the line comes first in reading order (once the form is on the page).
    await page.locator('form').first().waitFor();
    const first = await page.evaluate(() => {
      const line = document.querySelector('.emergency-line');
      const form = document.querySelector('form');
      return !!line && !!form && !!(line.compareDocumentPosition(form) & Node.DOCUMENT_POSITION_FOLLOWING);
    });
    expect(first).toBe(true);
    await a11y(page, 'field-report');
    await shot(page, 'field-report-119');
    await context.close();
  });
});

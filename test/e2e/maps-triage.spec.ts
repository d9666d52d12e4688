/**
 * Places on maps and triage that catches what people would catch (issue #9), in a real browser
 * with the map tile server unreachable (as in many city-hall networks): a GPS-only concern shows
 * on the queue map and on its page with its 町丁目; clicking a marker selects its row; the queue
 * order is explained and sortable; "さくら荘103" and "さくら荘103号室" are suggested as duplicates
 * with the reason; staff intake without any place is refused with the message, and a place is set
 * by area search, a tap on the map or the device's location. Every page is checked with axe.
 */
import fs from 'node:fs/promises';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Actor, createTestApp, type TestApp } from '../helpers/app.js';
import { checkA11y, launchBrowser } from '../helpers/browser.js';
import { TEST_PASSWORD } from '../helpers/factories.js';

let t: TestApp;
let browser: Browser;
let base: string;
let partner: Actor;
let staffApi: Actor;
const SHOTS = '/work/shots/maps';

beforeAll(async () => {
  t = await createTestApp({ serveWeb: true, now: new Date() });
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchBrowser();
  partner = await t.as('partner');
  staffApi = await t.as('hub_staff');
  await fs.mkdir(SHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function shot(page: Page, name: string) {
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

async function login(email: string, opts: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1400, height: 900 },
    timezoneId: 'Asia/Tokyo',
    locale: 'ja-JP',
    ...opts,
  });
  // No tile server: every tile request fails, as with no internet.
  await context.route(/cyberjapandata|tile/, (r) => r.abort('internetdisconnected'));
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.getByLabel('メールアドレス').fill(email);
  await page.getByLabel('パスワード').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'ログインする' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  return page;
}

async function file(actor: Actor, body: Record<string, unknown>): Promise<string> {
  const res = await actor.post('/api/v1/concerns', body);
  expect(res.statusCode, res.body).toBe(201);
  t.clock.advance(1000); // receipt times apart, so "oldest first" has an order
  return res.json().id;
}

describe('places on maps', () => {
  let gpsOnly: string;
  let sakura: string;
  let sakuraRoom: string;

  it('shows a GPS-only concern on the queue map with tiles unreachable; a marker selects its row', async () => {
    // The field app sends a point and nothing else.
    gpsOnly = await file(partner, { category: 'not_seen', latitude: 35.6251, longitude: 139.6852 });
    sakura = await file(partner, { category: 'mail_piling_up', place_text: 'さくら荘103' });
    sakuraRoom = await file(staffApi, { category: 'lights', place_text: 'さくら荘103号室', channel: 'phone' });
    await file(partner, { category: 'abuse_neglect', place_text: '北一丁目の公園', latitude: 35.6256, longitude: 139.6858 });

    const staff = await login(t.tenant.accounts.hub_staff.email);
    await staff.getByRole('heading', { name: 'トリアージ待ち' }).waitFor();
    // The order is explained in words.
    await staff.getByText('並び順: 緊急度の目安（気づきの種類ごとの設定）が高い順、同じなら受付の古い順。').waitFor();
    const marker = staff.getByRole('button', { name: /^しばらく姿を見ない、北一丁目、/ });
    await marker.waitFor();
    expect(await marker.isVisible()).toBe(true);
    // Without tiles the map says so and still draws the areas.
    await staff.getByText('地図の背景（タイル）を読み込めません。町丁目の境界と地点だけを表示しています。').waitFor({ timeout: 15_000 });
    expect(await staff.locator('.leaflet-overlay-pane path').count()).toBeGreaterThanOrEqual(2);
    // A concern with neither point nor place text nor person is flagged.
    await file(partner, { category: 'other', description: '場所は分からない' });
    await staff.getByRole('row', { name: /場所不明/ }).waitFor(); // arrives live

    await marker.click();
    const row = staff.getByRole('row', { name: /しばらく姿を見ない/ });
    expect(await row.getAttribute('aria-current')).toBe('true');
    expect(await row.getByRole('link').evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await marker.getAttribute('aria-pressed')).toBe('true');
    // Focusing another row (keyboard path) highlights its marker instead.
    await staff
      .getByRole('row', { name: /虐待・ネグレクトの疑い/ })
      .getByRole('link')
      .focus();
    expect(await staff.getByRole('button', { name: /^虐待・ネグレクトの疑い、北一丁目の公園、/ }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    expect(await marker.getAttribute('aria-pressed')).toBe('false');
    await shot(staff, 'triage-queue-map');
    expect(await checkA11y(staff)).toEqual([]);

    // Sortable by keyboard: the header button sorts and says how.
    const ageHeader = staff.getByRole('columnheader', { name: /受付/ });
    await ageHeader.getByRole('button').focus();
    await staff.keyboard.press('Enter');
    expect(await ageHeader.getAttribute('aria-sort')).toBe('ascending');
    await staff.getByText('並び順: 受付の古い順。').waitFor();
    const firstRow = staff.getByRole('row').nth(1);
    expect(await firstRow.textContent()).toContain('しばらく姿を見ない'); // filed first
    await staff.keyboard.press('Enter');
    expect(await ageHeader.getAttribute('aria-sort')).toBe('descending');
    expect(await staff.getByRole('row').nth(1).textContent()).toContain('場所不明'); // filed last
    expect(await checkA11y(staff)).toEqual([]);

    // On a narrow screen the map goes under the list.
    await staff.setViewportSize({ width: 800, height: 900 });
    const tableBox = (await staff.getByRole('table').boundingBox())!;
    const mapBox = (await staff.getByRole('region', { name: 'トリアージ待ちの気づきの地図' }).boundingBox())!;
    expect(mapBox.y).toBeGreaterThan(tableBox.y + tableBox.height - 1);
    await shot(staff, 'triage-queue-narrow');
    await staff.close();
  });

  it('shows the GPS-only concern on its page with its 町丁目, and suggests さくら荘103 with the reason', async () => {
    const staff = await login(t.tenant.accounts.hub_staff.email);
    await staff.goto(`${base}/concerns/${gpsOnly}`);
    await staff.getByText('地点は 北一丁目 の中です。').waitFor();
    await staff.getByRole('button', { name: /^この気づき: しばらく姿を見ない、北一丁目/ }).waitFor();
    await staff.getByRole('region', { name: 'この気づきの地点と周辺の地図' }).waitFor();
    // The nearby concern shows as a duplicate by distance, with its reason in words.
    await staff
      .getByText(/近い地点（約\d+m）/)
      .first()
      .waitFor();
    await shot(staff, 'concern-gps-only');
    expect(await checkA11y(staff)).toEqual([]);

    await staff.goto(`${base}/concerns/${sakuraRoom}`);
    const dup = staff.getByRole('listitem').filter({ has: staff.getByRole('link', { name: /さくら荘103$/ }) });
    await dup.waitFor();
    await dup.getByText('場所の表記が同じ').waitFor();
    await staff.getByText('地点情報はありません。').waitFor();
    await shot(staff, 'concern-duplicates');
    expect(await checkA11y(staff)).toEqual([]);
    await staff.getByRole('link', { name: /さくら荘103$/ }).click();
    await staff.waitForURL(`**/concerns/${sakura}`);
    await staff
      .getByRole('listitem')
      .filter({ has: staff.getByRole('link', { name: /さくら荘103号室/ }) })
      .getByText('場所の表記が同じ')
      .waitFor();
    await staff.close();
  });

  it('refuses a staff phone report without any place, then takes the place from area search and a tap', async () => {
    const staff = await login(t.tenant.accounts.hub_staff.email);
    await staff.goto(`${base}/concerns/new`);
    await staff.getByRole('radio', { name: 'しばらく姿を見ない' }).check({ force: true });
    await staff.getByLabel('内容').fill('近所の方から電話。最近見かけないとのこと。');
    await staff.getByRole('button', { name: '登録する' }).click();
    await staff
      .getByRole('alert')
      .filter({ hasText: '電話・窓口の受付では、場所（地図の地点か場所の説明）か、対象者のどちらかを入力してください。' })
      .waitFor();
    expect(await checkA11y(staff)).toEqual([]);

    // Area search by what the caller says; the map goes there and the place is written.
    await staff.getByLabel('町丁目・住所で探す').fill('北1-2-3');
    await staff.getByRole('button', { name: '北一丁目' }).click();
    expect(await staff.getByLabel('場所', { exact: true }).inputValue()).toBe('北一丁目');
    // Tap the map to place the point.
    const map = staff.getByRole('region', { name: '地点を選ぶ地図' });
    const box = (await map.boundingBox())!;
    await map.click({ position: { x: box.width / 2 + 10, y: box.height / 2 + 10 } });
    await staff.getByText('地点を置きました（北一丁目）。').waitFor();
    await shot(staff, 'intake-place');
    expect(await checkA11y(staff)).toEqual([]);
    await staff.getByRole('button', { name: '登録する' }).click();
    await staff.getByText('受付番号').waitFor();
    const row = await t.ctx.db
      .selectFrom('concerns')
      .select(['place_text', 'latitude', 'area_id'])
      .where('description', '=', '近所の方から電話。最近見かけないとのこと。')
      .executeTakeFirstOrThrow();
    expect(row.place_text).toBe('北一丁目');
    expect(row.area_id).toBe(t.tenant.areaIds[0]);
    await staff.close();
  });

  it('uses the device location where allowed, and says so when it is refused', async () => {
    const allowed = await login(t.tenant.accounts.partner.email, {
      permissions: ['geolocation'],
      geolocation: { latitude: 35.6255, longitude: 139.6855 },
    });
    await allowed.goto(`${base}/concerns/new`);
    await allowed.getByRole('button', { name: '現在地を使う' }).click();
    await allowed.getByText('地点を置きました（北一丁目）。').waitFor();
    expect(await checkA11y(allowed)).toEqual([]);
    await allowed.close();

    const denied = await login(t.tenant.accounts.partner.email, { permissions: [] });
    await denied.goto(`${base}/concerns/new`);
    await denied.getByRole('button', { name: '現在地を使う' }).click();
    await denied.getByRole('alert').filter({ hasText: '位置情報の利用が許可されていません' }).waitFor();
    await shot(denied, 'intake-location-denied');
    await denied.close();
  });

  it('shows the case and the person on small maps', async () => {
    const kase = (
      await staffApi.post(`/api/v1/concerns/${gpsOnly}/triage`, {
        urgency: 'normal',
        new_person: { name: '地図 花子', address: '北一丁目1-2', latitude: 35.6252, longitude: 139.6853 },
      })
    ).json();
    const staff = await login(t.tenant.accounts.hub_staff.email);
    await staff.goto(`${base}/cases/${kase.id}`);
    await staff.getByRole('region', { name: 'このケースの場所の地図' }).waitFor();
    await staff.getByRole('button', { name: /^報告された場所: 地図上の地点のみ/ }).waitFor();
    await shot(staff, 'case-map');
    expect(await checkA11y(staff)).toEqual([]);
    await staff.goto(`${base}/people/${kase.person_id}`);
    await staff.getByRole('region', { name: '住まいの場所の地図' }).waitFor();
    await staff.getByRole('button', { name: '住まい: 北一丁目1-2' }).waitFor();
    await shot(staff, 'person-map');
    expect(await checkA11y(staff)).toEqual([]);
    await staff.close();
  });

  it('lands the hub lead on overdue cases and open alerts first, hub staff on the triage queue', async () => {
    const urgent = await file(partner, { category: 'smell_noise', place_text: 'コーポ南105' });
    const kase = (await staffApi.post(`/api/v1/concerns/${urgent}/triage`, { urgency: 'emergency' })).json();
    t.clock.advance(2 * 3_600_000); // past the 1-hour target
    const lead = await login(t.tenant.accounts.hub_lead.email);
    await lead.waitForURL((u) => u.pathname === '/today');
    await lead.getByRole('heading', { name: '今日の確認', level: 1 }).waitFor();
    const overdue = lead.getByRole('region', { name: /初回接触の期限を過ぎたケース/ });
    await overdue.getByRole('link', { name: `ケース #${kase.case_number}` }).waitFor();
    await lead
      .getByRole('region', { name: /未対応の見守りアラート/ })
      .getByText('未対応のアラートはありません。')
      .waitFor();
    await shot(lead, 'lead-home');
    expect(await checkA11y(lead)).toEqual([]);
    await lead.close();
    const staff = await login(t.tenant.accounts.hub_staff.email);
    await staff.waitForURL((u) => u.pathname === '/triage');
    await staff.close();
  });
});

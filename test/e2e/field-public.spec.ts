/**
 * The public resident pages (/t/{slug}/…) on a phone: an anonymous report with a point tapped on
 * the map (no tiles reachable: the areas GeoJSON is drawn), a report with a callback contact and
 * a partner's sticker ref, the "what happens next" page, and the rate limit answered kindly.
 * axe on every page in Japanese and in other languages.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { checkA11y, launchBrowser, screenshot } from '../helpers/browser.js';

let t: TestApp;
let browser: Browser;
let base: string;
const LIMIT = 3;

beforeAll(async () => {
  t = await createTestApp({ serveWeb: true, now: new Date(), config: { PUBLIC_REPORTS_PER_HOUR: String(LIMIT) } });
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  await t.ctx.db.updateTable('hubs').set({ phone: '03-1234-5678' }).where('tenant_id', '=', t.tenant.id).execute();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function phone(locale = 'ja-JP'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale,
    timezoneId: 'Asia/Tokyo',
  });
  await context.route(/cyberjapandata\.gsi\.go\.jp/, (r) => r.abort());
  return { context, page: await context.newPage() };
}

async function a11y(page: Page, name: string) {
  expect({ name, violations: await checkA11y(page) }).toEqual({ name, violations: [] });
}

const slug = () => t.tenant.slug;

describe('public resident pages', () => {
  it('takes an anonymous report with a point tapped on the map, then explains what happens next', async () => {
    const { context, page } = await phone();
    await page.goto(`${base}/t/${slug()}/report`);
    await page.getByRole('heading', { name: 'ご近所の気になる様子を知らせる' }).waitFor();
    await page.getByText('119').first().waitFor();
    await a11y(page, 'public-report-ja');
    await screenshot(page, 'public-report-ja');

    await page.getByRole('radio', { name: 'しばらく姿を見ない' }).check({ force: true });
    await page.getByRole('button', { name: '地図で選ぶ' }).click();
    // Tiles are blocked: the municipality's areas still draw from GeoJSON, and a tap picks a point.
    await page.locator('.map path').first().waitFor();
    await page.locator('.map').click({ position: { x: 180, y: 150 } });
    await page.getByText('地図で場所を選びました').waitFor();
    await a11y(page, 'public-report-map');
    await screenshot(page, 'public-report-map');
    await page.getByLabel('建物名・部屋番号など').fill('ひまわり荘3号室');
    await page.getByLabel(/^気づいたこと/).fill('雨戸が1週間閉まったまま。');
    await page.getByRole('button', { name: '送る' }).click();
    await page.getByRole('heading', { name: '受け付けました' }).waitFor();
    const reference = (await page.locator('.ref').textContent())!.trim();
    expect(reference).toMatch(/\w{4}-\w{4}/);
    await page.getByText('知らせた人の名前が、相手に伝わることはありません。').waitFor();
    await a11y(page, 'public-sent');
    await screenshot(page, 'public-sent');

    const row = await t.ctx.db.selectFrom('concerns').selectAll().where('place_text', '=', 'ひまわり荘3号室').executeTakeFirstOrThrow();
    expect(row.anonymous).toBe(true);
    expect(row.callback_contact).toBeNull();
    expect(row.latitude).not.toBeNull();
    expect(row.longitude).not.toBeNull();

    await page.getByRole('link', { name: 'このあとどうなるか' }).click();
    await page.getByRole('heading', { name: '知らせたあと、どうなるの？' }).waitFor();
    await page.getByRole('link', { name: /03-1234-5678/ }).waitFor();
    expect(await page.getByRole('link', { name: /119/ }).getAttribute('href')).toBe('tel:119');
    expect(await page.getByRole('link', { name: /110/ }).getAttribute('href')).toBe('tel:110');
    await a11y(page, 'about-ja');
    await screenshot(page, 'public-about-ja');
    await context.close();
  });

  it('takes a report with a callback contact and a sticker ref', async () => {
    const { context, page } = await phone();
    await page.goto(`${base}/t/${slug()}/report?ref=STK-0001`);
    await page.getByText(/ステッカーから開きました/).waitFor();
    await page.getByRole('radio', { name: '異臭・物音' }).check({ force: true });
    await page.getByLabel('建物名・部屋番号など').fill('つばき荘102号室');
    await page.getByRole('radio', { name: /連絡先を伝える/ }).check({ force: true });
    await page.getByLabel('お名前').fill('近所 花子');
    await page.getByLabel('電話番号').fill('090-1111-2222');
    await a11y(page, 'public-contact');
    await page.getByRole('button', { name: '送る' }).click();
    await page.getByRole('heading', { name: '受け付けました' }).waitFor();
    const row = await t.ctx.db.selectFrom('concerns').selectAll().where('place_text', '=', 'つばき荘102号室').executeTakeFirstOrThrow();
    expect(row.anonymous).toBe(false);
    expect(row.callback_contact).toContain('090-1111-2222');
    expect(row.callback_contact).toContain('近所 花子');
    await context.close();
  });

  it('answers the rate limit kindly, with the phone numbers', async () => {
    const { context, page } = await phone();
    await page.goto(`${base}/t/${slug()}/report`);
    // Two reports went in above from this address; one more is allowed, then 429.
    for (let i = 0; i < LIMIT; i++) {
      const res = await page.request.post(`${base}/api/v1/public/tenants/${slug()}/concerns`, {
        data: { category: 'other', anonymous: true, place_text: `filler ${i}` },
        headers: { 'Idempotency-Key': `filler-${i}-${Date.now()}` },
      });
      if (res.status() === 429) break;
    }
    await page.getByRole('radio', { name: 'その他' }).check({ force: true });
    await page.getByRole('button', { name: '送る' }).click();
    const alert = page.getByRole('alert');
    await alert.getByText(/短い時間にたくさん送られたため/).waitFor();
    await alert.getByRole('link', { name: /03-1234-5678/ }).waitFor();
    await a11y(page, 'public-rate-limited');
    await screenshot(page, 'public-rate-limited');
    await context.close();
  });

  it('is accessible in other languages', async () => {
    const { context, page } = await phone('en-US');
    await page.goto(`${base}/t/${slug()}/report`);
    await page.getByRole('heading', { name: 'Worried about a neighbour?' }).waitFor();
    await a11y(page, 'public-report-en');
    await screenshot(page, 'public-report-en');
    for (const [lang, about] of [
      ['en', 'What happens after you tell us?'],
      ['ja-easy', 'しらせた あと、どうなるの？'],
      ['zh-Hans', '告诉我们之后会怎样？'],
      ['ne', 'भनेपछि के हुन्छ?'],
    ] as const) {
      await page.goto(`${base}/t/${slug()}/about`);
      await page.locator('#lang-select').selectOption(lang);
      await page.getByRole('heading', { name: about }).waitFor();
      await a11y(page, `about-${lang}`);
      await screenshot(page, `public-about-${lang}`);
    }
    // An unknown municipality gets a clear message, not a blank page.
    await page.locator('#lang-select').selectOption('ja');
    await page.goto(`${base}/t/no-such-town/report`);
    await page.getByText('このページは見つかりません').waitFor();
    await a11y(page, 'public-not-found');
    await context.close();
  });
});

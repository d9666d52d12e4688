/**
 * The field app (PWA) on a phone: enroll by the QR link, file a report offline with a photo,
 * reload offline (the service worker serves the shell, the outbox keeps the report), come back
 * online and see it sent exactly once; then watch "my reports" change live when the hub triages
 * it and thanks the reporter. axe on every screen, in Japanese and in English.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { checkA11y, launchBrowser, screenshot } from '../helpers/browser.js';

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

async function phone(locale = 'ja-JP'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale,
    timezoneId: 'Asia/Tokyo',
    serviceWorkers: 'allow',
  });
  // No map tiles from the internet in tests: the map must work from the areas GeoJSON alone.
  await context.route(/cyberjapandata\.gsi\.go\.jp/, (r) => r.abort());
  return { context, page: await context.newPage() };
}

async function enrollmentLink(label: string): Promise<string> {
  const coordinator = await t.as('coordinator');
  const res = await coordinator.post(`/api/v1/partners/${t.tenant.partnerId}/enrollments`, { label });
  expect(res.statusCode, res.body).toBe(201);
  return `${base}/field/enroll?code=${encodeURIComponent(res.json().code)}`;
}

async function a11y(page: Page, name: string) {
  expect({ name, violations: await checkA11y(page) }).toEqual({ name, violations: [] });
}

describe('field app on a phone', () => {
  it('enrolls by QR link, reports offline with a photo, survives a reload, sends exactly once, and shows status live', async () => {
    const { context, page } = await phone();
    await page.goto(await enrollmentLink('配達車2号'));
    await page.getByRole('heading', { name: '気づいたことを報告' }).waitFor();
    expect(page.url()).toBe(`${base}/field/report`);
    // "Who am I": the partner's phone says whom it reports for.
    await page.getByText(/として報告/).waitFor();
    await a11y(page, 'report-ja');
    await screenshot(page, 'field-report-ja');

    // The service worker controls the page and has the shell cached before we go offline.
    await page.waitForFunction(async () => {
      const reg = await navigator.serviceWorker.ready;
      return !!reg.active && !!navigator.serviceWorker.controller;
    });

    await context.setOffline(true);
    await page.getByText('オフラインです').waitFor();
    const note = `新聞が3日分たまっている。e2e-${Date.now()}`;
    await page.getByRole('radio', { name: '新聞・郵便物がたまっている' }).check({ force: true });
    await page.getByLabel('建物名・部屋番号など').fill('さくらハイツ201号室');
    await page.getByRole('radio', { name: 'きのう' }).check({ force: true });
    await page.getByLabel(/^気づいたこと/).fill(note);
    const jpeg = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#7fa3c8' } })
      .jpeg()
      .toBuffer();
    await page.locator('input[type=file]').setInputFiles({ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: jpeg });
    await page.getByRole('img', { name: '送る写真' }).waitFor();
    await screenshot(page, 'field-report-filled-offline');
    await page.getByRole('button', { name: '送る' }).click();
    await page.getByText('電波がないため、この端末に保存しました').waitFor();
    await a11y(page, 'queued');

    await page.getByRole('link', { name: /送信待ち/ }).click();
    await page.getByRole('heading', { name: '送信待ち', level: 1 }).waitFor();
    const card = page.locator('li.card', { hasText: 'さくらハイツ201号室' });
    await card.getByText('送信待ち').waitFor();
    await card.getByText('写真あり').waitFor();
    await a11y(page, 'outbox');
    await screenshot(page, 'field-outbox-offline');

    // Reload while still offline: the shell comes from the service worker, the report from IndexedDB.
    const reloaded = await page.reload();
    expect(reloaded?.fromServiceWorker()).toBe(true);
    await page.getByRole('heading', { name: '送信待ち', level: 1 }).waitFor();
    await page.locator('li.card', { hasText: 'さくらハイツ201号室' }).getByText('送信待ち').waitFor();
    expect(await page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
    expect(await t.ctx.db.selectFrom('concerns').select('id').where('description', '=', note).execute()).toHaveLength(0);

    // Back online: sent once, with its reference.
    await context.setOffline(false);
    const sent = page.locator('li.card', { hasText: 'さくらハイツ201号室' });
    await sent.getByText('送信済み').waitFor({ timeout: 20_000 });
    await sent.getByText(/受付番号/).waitFor();
    await screenshot(page, 'field-outbox-sent');

    const rows = await t.ctx.db.selectFrom('concerns').select(['id', 'place_text', 'channel']).where('description', '=', note).execute();
    expect(rows).toHaveLength(1);
    const concernId = rows[0]!.id;
    const photos = await t.ctx.db.selectFrom('concern_photos').select('id').where('concern_id', '=', concernId).execute();
    expect(photos).toHaveLength(1);
    const staff = await t.as('hub_staff');
    const queue = (await staff.get('/api/v1/triage')).json().items as { id: string; description: string }[];
    expect(queue.filter((i) => i.description === note)).toHaveLength(1);

    // More triggers (app start, send now) must not send it again.
    await page.reload();
    await page.getByRole('heading', { name: '送信待ち', level: 1 }).waitFor();
    await page.evaluate(() => new Promise((r) => setTimeout(r, 500)));
    expect(await t.ctx.db.selectFrom('concerns').select('id').where('description', '=', note).execute()).toHaveLength(1);

    // My reports: received, then live to "being handled" and the hub's thanks, without a reload.
    await page.getByRole('link', { name: 'わたしの報告' }).click();
    const mine = page.locator('li.card', { hasText: 'さくらハイツ201号室' });
    await mine.getByText('受付済み').waitFor();
    await a11y(page, 'mine');
    await page.waitForTimeout(300); // let the event stream connect before the change
    const triage = await staff.post(`/api/v1/concerns/${concernId}/triage`, { urgency: 'normal', new_person: { name: '試験 太郎' } });
    expect(triage.statusCode, triage.body).toBeLessThan(300);
    await mine.getByText('対応中').waitFor({ timeout: 15_000 });
    const thanks = await staff.post(`/api/v1/concerns/${concernId}/thanks`, { message: 'お知らせありがとうございました。訪問しました。' });
    expect(thanks.statusCode, thanks.body).toBe(200);
    await mine.getByText('お知らせありがとうございました。訪問しました。').waitFor({ timeout: 15_000 });
    expect(await mine.textContent()).not.toContain('試験 太郎');
    await a11y(page, 'mine-updated');
    await screenshot(page, 'field-mine-live');
    await context.close();
  });

  it('works in English and other languages, and the language picker names each language in itself', async () => {
    const { context, page } = await phone('en-US');
    await page.goto(await enrollmentLink('Van 3'));
    await page.getByRole('heading', { name: 'Report what you noticed' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await a11y(page, 'report-en');
    await screenshot(page, 'field-report-en');
    const options = await page.getByLabel('Language').locator('option').allTextContents();
    expect(options).toEqual([
      '日本語',
      'やさしい にほんご',
      'English',
      '简体中文',
      '한국어',
      'Tiếng Việt',
      'Português (Brasil)',
      'Tagalog',
      'नेपाली',
    ]);

    // Sending without a category says so, kindly and accessibly.
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByRole('alert').getByText('Please choose one thing you noticed.').waitFor();

    await page.getByLabel('Language').selectOption('vi');
    await page.getByRole('heading', { name: 'Báo điều bạn nhận thấy' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('vi');
    await page.getByLabel('Ngôn ngữ Language').selectOption('ja-easy');
    await page.getByRole('heading', { name: 'きが ついた ことを しらせる' }).waitFor();
    await a11y(page, 'report-ja-easy');
    await screenshot(page, 'field-report-ja-easy');

    await page.getByRole('link', { name: 'まだ おくって いない' }).click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    await a11y(page, 'outbox-ja-easy');
    await page.getByRole('link', { name: 'わたしの ほうこく' }).click();
    await page.getByText('まだ ほうこくは ありません。').waitFor();
    await a11y(page, 'mine-ja-easy');
    await context.close();
  });

  it('shows the enroll screen, with a kind message for a used code', async () => {
    const { context, page } = await phone();
    const link = await enrollmentLink('使い捨て');
    await page.goto(link);
    await page.getByRole('heading', { name: '気づいたことを報告' }).waitFor();
    const other = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'ja-JP' });
    const p2 = await other.newPage();
    await p2.goto(link);
    await p2
      .getByRole('alert')
      .getByText(/このコードは使えません/)
      .waitFor();
    await p2.getByRole('heading', { name: 'この端末を登録する' }).waitFor();
    await a11y(p2, 'enroll-ja');
    await screenshot(p2, 'field-enroll-used');
    await other.close();
    await context.close();
  });
});

/**
 * Watch devices and alerts in a real browser: hub staff register an emergency button on a person's
 * page (the token is shown once), the button is pressed (a `press` reading through
 * POST /api/v1/telemetry with that token), the alerts page announces the critical alert live,
 * and staff acknowledge it and resolve it as safe. Both pages pass axe.
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
  t = await createTestApp({ serveWeb: true, now: new Date() });
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

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

describe('hub console: watch devices and alerts', () => {
  it('registers a button, shows its press live, acknowledges and resolves it as safe', async () => {
    const api = await t.as('hub_staff');
    const person = (await api.post('/api/v1/people', { name: '見守 花子', living_alone: true, birth_year: 1938 })).json();
    expect(person.id).toBeTruthy();
    await api.post(`/api/v1/people/${person.id}/watchers`, {
      name: '見守 美香',
      relation: '長女',
      channel: 'email',
      address: 'mika@example.jp',
    });

    const staff = await login(t.tenant.accounts.hub_staff.email);
    await staff.goto(`${base}/people/${person.id}`);
    await staff.getByRole('heading', { name: '見守り機器' }).waitFor();

    // Register the button through the UI: the token is shown once with the MQTT topic.
    await staff.getByRole('button', { name: /機器の種類/ }).click();
    await staff.getByRole('option', { name: '緊急ボタン' }).click();
    await staff.getByLabel('設置場所').fill('寝室');
    await staff.getByRole('button', { name: '登録してトークンを発行' }).click();
    const tokenField = staff.getByLabel('機器トークン');
    await tokenField.waitFor();
    const token = await tokenField.inputValue();
    expect(token.length).toBeGreaterThan(20);
    await staff
      .getByText(/tsunagari\/alpha\/devices\/.+\/telemetry/)
      .first()
      .waitFor();
    expect(await checkA11y(staff)).toEqual([]);
    await screenshot(staff, 'e2e-person-devices');
    const device = (await api.get(`/api/v1/people/${person.id}/devices`)).json().items[0];

    await staff.goto(`${base}/alerts`);
    await staff.getByRole('heading', { level: 1, name: '見守りアラート' }).waitFor();
    await staff.getByText('該当するアラートはありません。').waitFor();
    expect(await checkA11y(staff)).toEqual([]);

    // The button is pressed: the alerts page shows it without a reload.
    const press = await t.app.inject({
      method: 'POST',
      url: '/api/v1/telemetry',
      headers: { authorization: `Bearer ${token}` },
      payload: { readings: [{ device_id: device.device_key, ts: new Date().toISOString(), kind: 'press', value: 1 }] },
    });
    expect(press.statusCode).toBeLessThan(300);
    await staff.getByText(/緊急: 緊急ボタン（見守 花子）/).waitFor();
    const card = staff.getByRole('article', { name: /緊急ボタン — 見守 花子/ });
    await card.waitFor();
    await card.locator('.severity--critical', { hasText: '緊急' }).waitFor();
    expect(await checkA11y(staff)).toEqual([]);
    await screenshot(staff, 'e2e-alerts-live');

    await card.getByRole('button', { name: '対応を開始する: 緊急ボタン — 見守 花子' }).click();
    await card.getByText('対応中', { exact: true }).waitFor();
    await card.getByRole('button', { name: '解決として記録: 緊急ボタン — 見守 花子' }).click();
    const dialog = staff.getByRole('dialog');
    await dialog.getByRole('radio', { name: /無事を確認/ }).check({ force: true });
    await dialog.getByLabel('メモ（任意）').fill('長女が電話で無事を確認。押し間違い。');
    expect(await checkA11y(staff)).toEqual([]);
    await dialog.getByRole('button', { name: '記録する' }).click();
    await staff.getByText('該当するアラートはありません。').waitFor();

    const row = await t.ctx.db.selectFrom('alerts').selectAll().where('person_id', '=', person.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'resolved', outcome: 'safe', type: 'emergency_button' });
    expect(row.acknowledged_by).toBe(t.tenant.accounts.hub_staff.id);

    // The detail page shows the timeline.
    await staff.goto(`${base}/alerts/${row.id}`);
    await staff.getByRole('heading', { name: '経過' }).waitFor();
    await staff.getByText('長女が電話で無事を確認。押し間違い。').waitFor();
    expect(await checkA11y(staff)).toEqual([]);
    await screenshot(staff, 'e2e-alert-detail');
  });
});

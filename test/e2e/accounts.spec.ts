/**
 * Accounts in a real browser (issue #8): a new municipality's first admin logs in with the
 * one-time password from `npm run tenant`, lands on the change-password page (nothing else
 * opens until then), is told in words when a password is refused, and continues; anyone can
 * change their password from the header; the municipality field appears only when the server
 * asks for it; refused requests show up in the audit log in Japanese and English. Every page is
 * checked with axe.
 */
import type { Browser, Page } from 'playwright-core';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTenantCommand } from '../../scripts/tenant.js';
import { hashPassword } from '../../server/access/passwords.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { checkA11y, launchBrowser, screenshot } from '../helpers/browser.js';
import { createTenant } from '../helpers/factories.js';

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

async function openLogin(locale = 'ja-JP'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId: 'Asia/Tokyo', locale });
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  return page;
}

async function submitLogin(page: Page, email: string, password: string) {
  await page.getByLabel('メールアドレス').fill(email);
  await page.getByLabel('パスワード').fill(password);
  await page.getByRole('button', { name: 'ログインする' }).click();
}

describe('first login with a one-time password', () => {
  it('goes to the change-password page, explains refusals, then opens the console', async () => {
    const created = await runTenantCommand(t.ctx.db, t.clock, ['create', '--slug', 'kawa', '--name', '川町'], () => {});
    const page = await openLogin();
    await submitLogin(page, created!.adminEmail, created!.password);
    await page.waitForURL((u) => u.pathname === '/password');
    await page.getByRole('heading', { name: 'パスワードの変更' }).waitFor();
    await page.getByText('仮のパスワードでログインしました').waitFor();
    expect(await checkA11y(page)).toEqual([]);
    const file = await screenshot(page, 'e2e-change-password');
    expect(file).toMatch(/e2e-change-password\.png$/);

    // Another page is not reachable yet.
    await page.goto(`${base}/kpis`);
    await page.waitForURL((u) => u.pathname === '/password');

    // A common password: the server's reason, announced as an alert.
    await page.getByLabel('現在のパスワード').fill(created!.password);
    await page.getByLabel(/^新しいパスワード\s*\*?$/).fill('password123456');
    await page.getByLabel('新しいパスワード（確認）').fill('password123456');
    await page.getByRole('button', { name: 'パスワードを変更する' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('流出');
    expect(await checkA11y(page)).toEqual([]);
    await screenshot(page, 'e2e-change-password-refused');

    // Typed differently twice: said before anything is sent.
    await page.getByLabel(/^新しいパスワード\s*\*?$/).fill('kawa-no-nagare-wa-shizuka-88');
    await page.getByLabel('新しいパスワード（確認）').fill('kawa-no-nagare-wa-shizuka-89');
    await page.getByRole('button', { name: 'パスワードを変更する' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('一致しません');

    await page.getByLabel('新しいパスワード（確認）').fill('kawa-no-nagare-wa-shizuka-88');
    await page.getByRole('button', { name: 'パスワードを変更する' }).click();
    await page.getByRole('status').filter({ hasText: 'パスワードを変更しました' }).waitFor();
    await page.getByRole('link', { name: '続ける' }).click();
    await page.waitForURL((u) => u.pathname === '/kpis');
    await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '監査ログ' }).waitFor();
  });
});

describe('change my password from the header', () => {
  it('is offered to everyone and can be cancelled', async () => {
    const page = await openLogin();
    await submitLogin(page, t.tenant.accounts.hub_staff.email, 'test-password');
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await page.getByRole('link', { name: 'パスワードの変更' }).click();
    await page.getByRole('heading', { name: 'パスワードの変更' }).waitFor();
    await page.getByText('ほかの端末でのログインは終了します').waitFor();
    expect(await checkA11y(page)).toEqual([]);
    await page.getByRole('link', { name: 'キャンセル' }).click();
    await page.waitForURL((u) => u.pathname === '/triage');
  });
});

describe('an email in two municipalities', () => {
  it('asks for the municipality only after the server does', async () => {
    const beta = await createTenant(t.ctx.db, 'beta', t.clock.now());
    const hash = await hashPassword('futatsu-no-machi-de-77');
    for (const tenant of [t.tenant, beta]) {
      await t.ctx.db
        .insertInto('accounts')
        .values({
          tenant_id: tenant.id,
          id: uuidv7(),
          email: 'both@example.test',
          display_name: `両方 ${tenant.slug}`,
          role: 'analyst',
          password_hash: hash,
          hub_id: null,
          partner_id: null,
          locale: 'ja',
          created_at: t.clock.now(),
        })
        .execute();
    }
    const page = await openLogin();
    expect(await page.getByLabel('自治体 ID').count()).toBe(0);
    await submitLogin(page, 'both@example.test', 'futatsu-no-machi-de-77');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('複数の自治体');
    await page.getByLabel('自治体 ID').fill('beta');
    expect(await checkA11y(page)).toEqual([]);
    await screenshot(page, 'e2e-login-municipality');
    await page.getByRole('button', { name: 'ログインする' }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await page.getByText('beta 市').waitFor();
  });
});

describe('refused requests in the audit log', () => {
  it('are listed for the admin in Japanese and English', async () => {
    // A partner tries to list cases (403): a `denied` row.
    const partner = await t.as('partner');
    expect((await partner.get('/api/v1/cases')).statusCode).toBe(403);
    const page = await openLogin();
    await submitLogin(page, t.tenant.accounts.admin.email, 'test-password');
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await page.goto(`${base}/audit`);
    await page.getByRole('heading', { name: '監査ログ' }).waitFor();
    const row = page.getByRole('row', { name: /拒否された操作/ }).first();
    await row.waitFor();
    expect(await row.textContent()).toContain('GET /api/v1/cases');
    expect(await row.textContent()).toContain('権限なし');
    expect(await checkA11y(page)).toEqual([]);
    await screenshot(page, 'e2e-audit-denied');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Audit log' }).waitFor();
    await page
      .getByRole('row', { name: /Refused request/ })
      .first()
      .waitFor();
  });
});

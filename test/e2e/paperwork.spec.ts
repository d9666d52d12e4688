/**
 * Paperwork in and out (issue #9), in a real browser as the people who do it: the admin creates
 * an account, resets a password and disables one, edits urgency targets, filters the audit log
 * and exports it; hub staff export the case list (a real .xlsx read back with exceljs: a formula
 * cell seeded through the API stays text), as CSV (BOM) and Shift_JIS; a case prints (PDF from
 * Chromium) with the person and the timeline and no navigation; the 和暦 toggle shows 令和 dates.
 * Every page is checked with axe.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, type TestApp } from '../helpers/app.js';
import { checkA11y, launchBrowser } from '../helpers/browser.js';
import { TEST_PASSWORD } from '../helpers/factories.js';
import { pdfPages } from '../helpers/pdf.js';

let t: TestApp;
let browser: Browser;
let base: string;
let caseId: string;
const FORMULA = '=HYPERLINK("http://evil.example/","開く")';
const SHOTS = '/work/shots/paper';

async function shot(page: Page, name: string) {
  await fs.mkdir(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

beforeAll(async () => {
  t = await createTestApp({ serveWeb: true, now: new Date() });
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchBrowser();
  // A case whose person's name looks like a formula, with a contact, a note and a referral.
  const staff = await loginAs(t.app, t.tenant.accounts.hub_staff.email);
  const ok = async (p: Promise<{ statusCode: number; json: () => any; body: string }>, status = 200) => {
    const r = await p;
    expect(r.statusCode, r.body).toBe(status);
    return r.json();
  };
  const concern = await ok(
    staff.post('/api/v1/concerns', { category: 'not_seen', description: '郵便受けがいっぱい', place_text: '目黒区中町二丁目 さくら荘103' }),
    201,
  );
  const kase = await ok(
    staff.post(`/api/v1/concerns/${concern.id}/triage`, { urgency: 'high', new_person: { name: FORMULA, kana: 'ケイサン' } }),
  );
  caseId = kase.id;
  await ok(
    staff.post(`/api/v1/cases/${caseId}/contacts`, {
      method: 'visit',
      reached: true,
      occurred_at: new Date().toISOString(),
      note: '訪問して本人と会えた。食事はとれている。',
    }),
    201,
  );
  await ok(staff.post(`/api/v1/cases/${caseId}/notes`, { body: '長女に連絡済み。' }), 201);
  const consent = await ok(
    staff.post(`/api/v1/people/${kase.person_id}/consents`, { agency_ids: [t.tenant.agencyId], scope_items: ['basic'], method: 'written' }),
    201,
  );
  await ok(
    staff.post(`/api/v1/cases/${caseId}/referrals`, {
      agency_id: t.tenant.agencyId,
      reason: '健康相談につなぐ',
      legal_basis: 'consent',
      consent_id: consent.id,
    }),
    201,
  );
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function login(email: string, password = TEST_PASSWORD): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId: 'Asia/Tokyo', locale: 'ja-JP' });
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.getByLabel('メールアドレス').fill(email);
  await page.getByLabel('パスワード').fill(password);
  await page.getByRole('button', { name: 'ログインする' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  return page;
}

async function download(page: Page, group: string, link: string): Promise<Buffer> {
  const [dl] = (await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('group', { name: group }).getByRole('link', { name: link, exact: true }).click(),
  ])) as [Download, unknown];
  return fs.readFile((await dl.path())!);
}

async function readXlsx(body: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  return wb.worksheets[0]!;
}

async function choose(page: Page, label: string, option: string) {
  await page.getByRole('button', { name: new RegExp(`(^|\\s)${label}$`) }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

describe('the admin', () => {
  it('creates an account, resets a password and disables an account', async () => {
    const admin = await login(t.tenant.accounts.admin.email);
    const nav = admin.getByRole('navigation', { name: /メイン|ナビ|メニュー/ });
    await nav.getByRole('link', { name: 'アカウント管理' }).click();
    await admin.getByRole('heading', { name: 'アカウント管理', level: 1 }).waitFor();
    expect(await checkA11y(admin)).toEqual([]);

    await admin.getByLabel('氏名').fill('新任 職員');
    await admin.getByLabel('メールアドレス').fill('shinnin@alpha.test');
    await admin.getByRole('button', { name: '作成する' }).click();
    const otpBox = admin.getByRole('status').filter({ hasText: '仮パスワード' });
    await otpBox.waitFor();
    const otp = ((await otpBox.locator('.otp').textContent()) ?? '').replace(/^.*:\s*/, '').trim();
    expect(otp).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
    await admin.getByRole('row', { name: /新任 職員/ }).waitFor();
    await shot(admin, 'admin-accounts-created');

    await admin.getByRole('button', { name: `${t.tenant.accounts.outreach.email.split('@')[0]} alpha さんのパスワードをリセット` }).click();
    await admin.getByText('outreach alpha さんの仮パスワード').waitFor();
    // Change the new account's role to outreach, in place.
    await admin.getByRole('button', { name: '新任 職員 さんの役割・ハブを変更' }).click();
    const edit = admin.getByRole('form', { name: '新任 職員 さんの役割・ハブを変更' });
    await edit.getByRole('button', { name: /役割$/ }).click();
    await admin.getByRole('option', { name: 'アウトリーチ', exact: true }).click();
    expect(await checkA11y(admin)).toEqual([]);
    await shot(admin, 'admin-accounts-edit');
    await edit.getByRole('button', { name: '保存する' }).click();
    await admin.getByRole('row', { name: /新任 職員.*アウトリーチ/ }).waitFor();
    await admin.getByRole('button', { name: '新任 職員 さんのアカウントを無効にする' }).click();
    await admin.getByText('新任 職員 さんのアカウントを無効にしました').waitFor();
    await admin.getByRole('row', { name: /新任 職員.*無効/ }).waitFor();
    // The admin's own row offers no way to disable themself.
    await expect(admin.getByRole('button', { name: 'admin alpha さんのアカウントを無効にする' }).count()).resolves.toBe(0);
    expect(await checkA11y(admin)).toEqual([]);
    await shot(admin, 'admin-accounts');

    // The disabled account cannot sign in; a reset account must change its password first.
    const r = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'shinnin@alpha.test', password: otp } });
    expect(r.statusCode).toBe(401);
    const reset = await t.ctx.db
      .selectFrom('accounts')
      .select('password_change_required')
      .where('id', '=', t.tenant.accounts.outreach.id)
      .executeTakeFirstOrThrow();
    expect(reset.password_change_required).toBe(true);
    await admin.context().close();
  });

  it('edits the urgency targets; a wrong order is refused with the reason', async () => {
    const admin = await login(t.tenant.accounts.admin.email);
    await admin.getByRole('link', { name: '自治体の設定' }).click();
    await admin.getByRole('heading', { name: '自治体の設定', level: 1 }).waitFor();
    expect(await checkA11y(admin)).toEqual([]);
    await admin.getByLabel('高（時間）').fill('12');
    await admin.getByRole('button', { name: '目標時間を保存' }).click();
    await admin.getByRole('form', { name: '初回接触の目標時間' }).getByText('保存しました。').waitFor();
    await admin.getByLabel('緊急（時間）').fill('48');
    await admin.getByRole('button', { name: '目標時間を保存' }).click();
    await admin.getByRole('alert').filter({ hasText: '緊急度の高いものほど目標時間を短く' }).waitFor();
    const settings = (await (await loginAs(t.app, t.tenant.accounts.hub_staff.email)).get('/api/v1/settings')).json();
    expect(settings.urgency_targets_hours).toMatchObject({ emergency: 1, high: 12 });
    await shot(admin, 'admin-settings');
    await admin.context().close();
  });

  it('filters the audit log and exports it', async () => {
    // A settings change to find (the test above makes one through the page as well).
    await (await loginAs(t.app, t.tenant.accounts.admin.email)).patch('/api/v1/settings', { urgency_targets_hours: { low: 168 } });
    const admin = await login(t.tenant.accounts.admin.email);
    await admin.getByRole('link', { name: '監査ログ' }).click();
    await admin.getByRole('heading', { name: '監査ログ', level: 1 }).waitFor();
    await choose(admin, '操作', '更新');
    await choose(admin, '対象', '設定');
    const rows = admin.getByRole('table', { name: '監査ログ' }).locator('tbody tr');
    // The table refetches after each filter, so rows can be swapped while being read: poll the
    // whole set until it is the filtered one (non-empty, every row an update of a setting).
    await expect
      .poll(async () => {
        const texts = await rows.allTextContents();
        return texts.length > 0 && texts.every((text) => /更新[\s\S]*設定/.test(text));
      })
      .toBe(true);
    await admin.getByLabel('開始日').fill('2000-01-01');
    expect(await checkA11y(admin)).toEqual([]);
    await shot(admin, 'admin-audit');
    const ws = await readXlsx(await download(admin, '監査ログの出力', 'Excel（.xlsx）'));
    const text = JSON.stringify(ws.getSheetValues());
    expect(text).toContain('更新');
    expect(text).toContain('設定');
    expect(text).not.toContain('ログイン');
    await admin.context().close();
  });
});

describe('the coordinator', () => {
  it('exports partner report counts from the partners page', async () => {
    const coordinator = await login(t.tenant.accounts.coordinator.email);
    await coordinator.getByRole('link', { name: '協力事業者' }).first().click();
    await coordinator.getByRole('heading', { name: '見守り協力事業者', level: 1 }).waitFor();
    expect(await checkA11y(coordinator)).toEqual([]);
    await shot(coordinator, 'partners-export');
    const ws = await readXlsx(await download(coordinator, '通報の出力', 'Excel（.xlsx）'));
    const values = JSON.stringify(ws.getSheetValues());
    expect(values).toContain('協力事業者の通報件数');
    expect(values).toContain('alpha 新聞店');
    expect(values).toContain('合計');
    await coordinator.context().close();
  });
});

describe('hub staff', () => {
  it('export the case list as a real .xlsx with the formula cell neutralised, as CSV with a BOM and as Shift_JIS', async () => {
    const staff = await login(t.tenant.accounts.hub_staff.email);
    await staff.getByRole('link', { name: 'ケース' }).first().click();
    await staff.getByRole('heading', { name: 'ケース一覧', level: 1 }).waitFor();
    expect(await checkA11y(staff)).toEqual([]);
    await shot(staff, 'case-list-export');
    const ws = await readXlsx(await download(staff, 'ケース一覧の出力', 'Excel（.xlsx）'));
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header).toContain('対象者');
    const cell = ws.getRow(2).getCell(header.indexOf('対象者') + 1);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe(`'${FORMULA}`);
    const csv = await download(staff, 'ケース一覧の出力', 'CSV');
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.subarray(3).toString('utf8')).toMatch(/^ケース番号,/);
    const sjis = iconv.decode(await download(staff, 'ケース一覧の出力', 'CSV（Shift_JIS）'), 'Shift_JIS');
    expect(sjis).toMatch(/^ケース番号,状態,緊急度,対象者/);
    expect(sjis).toContain('令和'); // the 和暦 column beside each date (the option is on by default in Japanese)
    await staff.context().close();
  });

  it('print a case: the person and the timeline, no navigation, as a PDF', async () => {
    const staff = await login(t.tenant.accounts.hub_staff.email);
    await staff.goto(`${base}/cases/${caseId}`);
    await staff.getByRole('link', { name: '印刷' }).click();
    await staff.waitForURL(/\/cases\/.+\/print$/);
    await staff.getByRole('heading', { name: /ケース記録/, level: 1 }).waitFor();
    expect(await checkA11y(staff)).toEqual([]);
    await staff.emulateMedia({ media: 'print' });
    await expect(staff.getByRole('navigation').count()).resolves.toBe(0);
    await expect(staff.getByRole('button').filter({ visible: true }).count()).resolves.toBe(0);
    await expect(staff.getByRole('link').filter({ visible: true }).count()).resolves.toBe(0);
    const printed = await staff.locator('main').textContent();
    expect(printed).toContain(FORMULA); // the person
    expect(printed).toContain('訪問して本人と会えた'); // the timeline
    expect(printed).toContain('長女に連絡済み。');
    expect(printed).toContain('健康相談につなぐ'); // the referral
    expect(printed).toContain('alpha 市'); // the municipality
    expect(printed).toMatch(/印刷日時/);
    await shot(staff, 'case-print');
    const pdf = await staff.pdf({ format: 'A4', printBackground: true });
    await fs.writeFile(path.join(SHOTS, 'case-print.pdf'), pdf);
    // What is on the paper, read back from the PDF itself.
    const pages = await pdfPages(pdf);
    const paper = pages.join('\n');
    expect(paper).toContain('ケース記録');
    expect(paper).toContain('alpha 市'); // the municipality
    expect(paper).toContain(FORMULA); // the person
    expect(paper).toContain('訪問して本人と会えた'); // the timeline
    expect(paper).toContain('に連絡済み。'); // (長 comes out as the radical ⻑, which NFKC keeps)
    expect(paper).toContain('健康相談につなぐ'); // the referral
    expect(paper).toMatch(/印刷日時/);
    expect(paper).toContain('令和'); // the 和暦 beside the dates
    for (const [i, page] of pages.entries()) expect(page).toContain(`${i + 1} / ${pages.length}`); // page numbers
    // No navigation, no buttons, no empty forms on paper.
    for (const chrome of ['メインメニュー', 'トリアージ', 'ログアウト', '本文へスキップ', '印刷', '保存', '記録する']) {
      expect(paper.replaceAll('印刷日時', '')).not.toContain(chrome);
    }
    await staff.context().close();
  });

  it('print the KPI report without the console around it', async () => {
    const staff = await login(t.tenant.accounts.hub_staff.email);
    await staff.goto(`${base}/kpis`);
    await staff.getByRole('heading', { name: '初回接触までの時間', level: 1 }).waitFor();
    await staff.getByRole('button', { name: '印刷' }).waitFor();
    expect(await checkA11y(staff)).toEqual([]);
    await shot(staff, 'kpi-page');
    await staff.emulateMedia({ media: 'print' });
    expect(await staff.locator('nav').first().isVisible()).toBe(false);
    expect(await staff.getByRole('button', { name: '印刷' }).isVisible()).toBe(false);
    expect(await staff.locator('.print-header').isVisible()).toBe(true);
    expect(await staff.locator('.print-header').textContent()).toContain('alpha 市');
    const pages = await pdfPages(await staff.pdf({ format: 'A4' }));
    const paper = pages.join('\n');
    expect(paper).toContain('初回接触までの時間');
    expect(paper).toContain('alpha 市');
    expect(paper).toMatch(/印刷日時/);
    for (const [i, page] of pages.entries()) expect(page).toContain(`${i + 1} / ${pages.length}`);
    for (const chrome of ['メインメニュー', 'トリアージ', 'ログアウト', '表示言語']) expect(paper).not.toContain(chrome);
    await shot(staff, 'kpi-print');
    await staff.context().close();
  });

  it('the 和暦 option shows 令和 beside Western dates, and can be turned off', async () => {
    const staff = await login(t.tenant.accounts.hub_staff.email);
    await staff.goto(`${base}/cases`);
    const table = staff.getByRole('table', { name: 'ケース一覧' });
    await table.waitFor();
    const toggle = staff.getByRole('button', { name: '和暦を併記' });
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => table.textContent()).toMatch(/\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}（令和\d+年\d+月\d+日）/);
    await toggle.click();
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    await expect.poll(() => table.textContent()).not.toContain('令和');
    await staff.reload();
    await table.waitFor();
    expect(await table.textContent()).not.toContain('令和'); // the choice is kept
    await staff.getByRole('button', { name: '和暦を併記' }).click();
    await expect.poll(() => table.textContent()).toContain('令和');
    expect(await checkA11y(staff)).toEqual([]);
    await shot(staff, 'wareki-on');
    await staff.context().close();
  });
});

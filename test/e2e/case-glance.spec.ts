/**
 * The case at a glance (issue #9), as a hub worker uses it in a real browser: the person box says
 * what is needed before calling; a change of urgency moves the deadline (from receipt) and shows
 * in the timeline; a referral to an agency outside the person's consent is stopped with the
 * reason, and recording consent from the referral form lets it proceed; a note being typed
 * survives an expired session. Every state is checked with axe.
 */
import type { Browser, Page } from 'playwright-core';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, type TestApp } from '../helpers/app.js';
import { checkA11y, launchBrowser, screenshot } from '../helpers/browser.js';
import { TEST_PASSWORD } from '../helpers/factories.js';

let t: TestApp;
let browser: Browser;
let base: string;
let caseId: string;
let personId: string;
let policeId: string;
const P = '/api/v1';

beforeAll(async () => {
  // Real time (the browser's countdown runs on it); no session cache, so an expiry is seen at once.
  t = await createTestApp({ serveWeb: true, now: new Date(), config: { SESSION_CACHE_MS: '0' } });
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchBrowser();
  // A concern triaged into a case for a new person, whose record the hub has filled in; consent
  // on file covers the health centre only. A police agency is the one outside it.
  const partner = await loginAs(t.app, t.tenant.accounts.partner.email);
  const staff = await loginAs(t.app, t.tenant.accounts.hub_staff.email);
  const concern = (await partner.post(`${P}/concerns`, { category: 'not_seen', latitude: 35.625, longitude: 139.685 })).json();
  const k = (await staff.post(`${P}/concerns/${concern.id}/triage`, { urgency: 'normal', new_person: { name: '目黒 ハナ' } })).json();
  caseId = k.id;
  personId = k.person_id;
  const year = new Date(Date.now() + 9 * 3_600_000).getUTCFullYear() - 82;
  const patched = await staff.patch(`${P}/people/${personId}`, {
    birth_date: `${year}-01-01`,
    phone: '03-3715-0000',
    living_alone: true,
    address: '目黒区中町二丁目1-1 さくら荘103',
    emergency_contacts: [{ name: '目黒 一郎', relation: '長男', phone: '090-1111-2222' }],
  });
  expect(patched.statusCode).toBe(200);
  await staff.post(`${P}/people/${personId}/consents`, { agency_ids: [t.tenant.agencyId], scope_items: ['basic'], method: 'written' });
  policeId = uuidv7();
  await t.ctx.db
    .insertInto('agencies')
    .values({ tenant_id: t.tenant.id, id: policeId, name: '目黒警察署 生活安全課', kind: 'police', phone: null })
    .execute();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function logIn(page: Page, email: string) {
  await page.getByLabel('メールアドレス').fill(email);
  await page.getByLabel('パスワード').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'ログインする' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

async function staffPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId: 'Asia/Tokyo', locale: 'ja-JP' });
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await logIn(page, t.tenant.accounts.hub_staff.email);
  return page;
}

async function a11y(page: Page, what: string) {
  expect({ what, violations: await checkA11y(page) }).toEqual({ what, violations: [] });
}

describe('the case at a glance', { timeout: 150_000 }, () => {
  it('the person box shows age, phone, living alone and the emergency contact', async () => {
    const page = await staffPage();
    await page.goto(`${base}/cases/${caseId}`);
    const box = page.getByRole('region', { name: '対象者（電話の前に）' });
    await box.getByText('82歳').waitFor();
    const call = box.getByRole('link', { name: /電話する 03-3715-0000/ });
    expect(await call.getAttribute('href')).toBe('tel:0337150000');
    const size = await call.boundingBox();
    expect(size!.height).toBeGreaterThanOrEqual(48);
    await box.getByText('ひとり暮らし', { exact: true }).first().waitFor();
    await box.getByText('目黒 一郎（長男）').waitFor();
    expect(await box.getByRole('link', { name: '090-1111-2222' }).getAttribute('href')).toBe('tel:09011112222');
    await box.getByText(`${t.tenant.slug} 保健センター`).waitFor();
    await a11y(page, 'case page');
    await screenshot(page, 'case-glance-person-box');
    // The person page carries the same box.
    await page.goto(`${base}/people/${personId}`);
    await page.getByRole('region', { name: '対象者（電話の前に）' }).getByText('82歳').waitFor();
    await a11y(page, 'person page');
    await screenshot(page, 'case-glance-person-page');
    await page.context().close();
  });

  it('raising the urgency recomputes the deadline from receipt and says so in the timeline', async () => {
    const page = await staffPage();
    await page.goto(`${base}/cases/${caseId}`);
    const summary = page.getByRole('region', { name: 'ケースの概要' });
    const due = summary.locator('time').nth(1);
    await due.waitFor();
    const before = await due.getAttribute('datetime');
    await page.getByRole('tab', { name: '緊急度' }).click();
    await page.getByRole('radio', { name: /^高/ }).check({ force: true });
    // The new deadline is shown before saving.
    await page.getByText(/計算し直して/).waitFor();
    await page.getByLabel('変更の理由').fill('長男から、本人が転倒したと連絡');
    await a11y(page, 'urgency form');
    await page.getByRole('button', { name: '緊急度を変更' }).click();
    await page.getByText('緊急度を 中→高 に変更：長男から、本人が転倒したと連絡').waitFor();
    await expect.poll(() => due.getAttribute('datetime')).not.toBe(before);
    const row = await t.ctx.db
      .selectFrom('cases')
      .select(['received_at', 'first_contact_due_at'])
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect(row.first_contact_due_at.getTime() - row.received_at.getTime()).toBe(24 * 3_600_000);
    expect(Date.parse((await due.getAttribute('datetime'))!)).toBe(row.first_contact_due_at.getTime());
    await summary.getByText('高', { exact: true }).waitFor();
    await screenshot(page, 'case-glance-urgency');
    await page.context().close();
  });

  it('a referral outside the consent is stopped with the reason; consent recorded from the form lets it proceed', async () => {
    const page = await staffPage();
    await page.goto(`${base}/cases/${caseId}?tab=referral`);
    await page.getByRole('button', { name: /つなぎ先の関係機関/ }).click();
    await page.getByRole('option', { name: '目黒警察署 生活安全課' }).click();
    await page.getByText('このままではつなぎできません。').waitFor();
    await page.getByText('記録されている同意に 目黒警察署 生活安全課 が含まれていません。').waitFor();
    await page.getByLabel('理由').fill('消費者被害の疑い。警察の生活安全課と連携したい。');
    expect(await page.getByRole('button', { name: 'つなぎを記録' }).isDisabled()).toBe(true);
    await a11y(page, 'referral stopped');
    await screenshot(page, 'case-glance-referral-stopped');

    // Record the consent here, without leaving the case.
    await page.getByRole('button', { name: 'この機関への同意をここで記録する' }).click();
    const dialog = page.getByRole('region', { name: '同意を記録（ケースを離れずに）' });
    expect(await dialog.getByRole('checkbox', { name: '目黒警察署 生活安全課' }).isChecked()).toBe(true);
    await dialog.getByRole('radio', { name: '書面' }).check({ force: true });
    await a11y(page, 'consent dialog');
    await screenshot(page, 'case-glance-consent-dialog');
    await dialog.getByRole('button', { name: '同意を記録' }).click();
    await page.getByText('目黒警察署 生活安全課 への共有は本人の同意があるため、つなぎできます。').waitFor();
    expect(await page.getByLabel('理由').inputValue()).toBe('消費者被害の疑い。警察の生活安全課と連携したい。');
    await page.getByRole('button', { name: 'つなぎを記録' }).click();
    await page.locator('.timeline').getByText('目黒警察署 生活安全課').first().waitFor();
    const ref = await t.ctx.db
      .selectFrom('referrals')
      .select(['consent_id', 'legal_basis'])
      .where('case_id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect(ref.legal_basis).toBe('consent');
    expect(ref.consent_id).not.toBeNull();
    await screenshot(page, 'case-glance-referral-done');
    await page.context().close();
  });

  it('a note being typed survives an expired session: log in again, the text is back', async () => {
    const page = await staffPage();
    await page.goto(`${base}/cases/${caseId}?tab=note`);
    const text = '長男と電話。来週、一緒に訪問する予定。';
    await page.getByLabel('メモの内容').fill(text);
    // The session ends on the server (idle timeout) while the worker is typing.
    await t.ctx.db.deleteFrom('sessions').where('account_id', '=', t.tenant.accounts.hub_staff.id).execute();
    // Saving answers 401 — unless a background request (the live event stream, the bell) meets
    // the ended session first: either way the console goes to the login page.
    await page
      .getByRole('button', { name: 'メモを追加' })
      .click({ timeout: 2000 })
      .catch(() => {});
    await page.waitForURL(/\/login/);
    await logIn(page, t.tenant.accounts.hub_staff.email);
    await page.waitForURL(new RegExp(`/cases/${caseId}\\?tab=note`));
    expect(await page.getByLabel('メモの内容').inputValue()).toBe(text);
    await page.getByText('保存されていなかった入力を復元しました').waitFor();
    await a11y(page, 'restored draft');
    await screenshot(page, 'case-glance-draft-restored');
    await page.getByRole('button', { name: 'メモを追加' }).click();
    await page.locator('.timeline').getByText(text).waitFor();
    expect(await page.getByLabel('メモの内容').inputValue()).toBe('');
    // Saved: the draft is gone from the browser, and no other account ever sees it.
    const left = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('tsunagari.draft')));
    expect(left).toEqual([]);
    await page.context().close();
  });
});

/**
 * The admin pages' server side (issue #9): password reset to a one-time password, the last admin
 * kept, settings changes audited with what changed, and the audit log filtered by who, action,
 * object type and date range, and exported.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, type TestApp } from '../../../test/helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('password reset', () => {
  it('gives a one-time password once, ends the sessions, and the person must change it at login', async () => {
    const admin = await t.as('admin');
    const outreach = await loginAs(t.app, t.tenant.accounts.outreach.email);
    const res = await admin.post(`/api/v1/accounts/${t.tenant.accounts.outreach.id}/reset-password`);
    expect(res.statusCode).toBe(200);
    const { one_time_password: otp, account } = res.json();
    expect(otp).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
    expect(account).toMatchObject({ id: t.tenant.accounts.outreach.id, password_change_required: true, disabled: false });
    expect((await outreach.get('/api/v1/auth/me')).statusCode).toBe(401); // old session gone
    const again = await loginAs(t.app, t.tenant.accounts.outreach.email, otp);
    expect(again.body.password_change_required).toBe(true);
    expect((await again.get('/api/v1/cases')).statusCode).toBe(403); // only the password page until changed
    const changed = await again.post('/api/v1/auth/password', { current_password: otp, new_password: 'kuri-no-ki-shita-de-2026' });
    expect(changed.statusCode).toBe(204);
    const row = await t.ctx.db
      .selectFrom('audit_log')
      .select(['detail', 'account_id'])
      .where('entity_id', '=', t.tenant.accounts.outreach.id)
      .where('action', '=', 'update')
      .executeTakeFirstOrThrow();
    expect(row.account_id).toBe(t.tenant.accounts.admin.id);
    expect(row.detail).toMatchObject({ reset: true, fields: ['password'] });
    expect(JSON.stringify(row.detail)).not.toContain(otp);
  });

  it('is for admins only, refuses unknown and other tenants’ accounts, and supporters (no password)', async () => {
    const admin = await t.as('admin');
    expect((await (await t.as('hub_lead')).post(`/api/v1/accounts/${t.tenant.accounts.hub_staff.id}/reset-password`)).statusCode).toBe(403);
    const unknown = await admin.post('/api/v1/accounts/0190a5c8-0000-7000-8000-000000000000/reset-password', undefined, {
      'accept-language': 'ja',
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('account_not_found');
    expect((await admin.post('/api/v1/accounts/not-a-uuid/reset-password')).statusCode).toBe(400);
    const sup = await admin.post(`/api/v1/accounts/${t.tenant.accounts.supporter.id}/reset-password`, undefined, {
      'accept-language': 'ja',
    });
    expect(sup.statusCode).toBe(409);
    expect(sup.json().error.code).toBe('password_not_used');
    expect(sup.json().error.message).toContain('パスワードを使いません');
  });
});

describe('create without a password', () => {
  it('makes a one-time password, returned once, that must be replaced at first login', async () => {
    const admin = await t.as('admin');
    const res = await admin.post('/api/v1/accounts', {
      email: 'otp@alpha.test',
      display_name: '新任 太郎',
      role: 'hub_staff',
      hub_id: t.tenant.hubId,
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ role: 'hub_staff', hub_id: t.tenant.hubId, password_change_required: true });
    expect(body.one_time_password).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
    const first = await loginAs(t.app, 'otp@alpha.test', body.one_time_password);
    expect(first.body.password_change_required).toBe(true);
    expect((await admin.get('/api/v1/accounts')).body).not.toContain(body.one_time_password);
  });
});

describe('the last admin', () => {
  it('cannot be disabled or demoted; with a second admin it can, and a disabled one cannot sign in', async () => {
    const admin = await t.as('admin');
    const self = await admin.patch(`/api/v1/accounts/${t.tenant.accounts.admin.id}`, { disabled: true });
    expect(self.json().error.code).toBe('cannot_demote_self');
    const second = (
      await admin.post('/api/v1/accounts', {
        email: 'admin2@alpha.test',
        display_name: '第二 管理者',
        role: 'admin',
        password: 'mado-no-soto-ni-sakura-2026',
      })
    ).json();
    const admin2 = await loginAs(t.app, 'admin2@alpha.test', 'mado-no-soto-ni-sakura-2026');
    // admin2 takes the first admin's role away; then nobody can remove admin2, the last one.
    expect((await admin2.patch(`/api/v1/accounts/${t.tenant.accounts.admin.id}`, { role: 'analyst' })).statusCode).toBe(200);
    const before = await t.ctx.db
      .selectFrom('accounts')
      .select(['role', 'disabled_at'])
      .where('id', '=', second.id)
      .executeTakeFirstOrThrow();
    // A session opened before the change would be gone; the database refuses the last admin's removal too.
    const { updateAccount } = await import('./accounts.service.js');
    const p = {
      tenantId: t.tenant.id,
      accountId: t.tenant.accounts.admin.id,
      role: 'admin' as const,
      hubId: null,
      displayName: 'x',
      locale: 'ja',
    };
    await expect(updateAccount(t.ctx, p as never, { ip: null, userAgent: null }, second.id, { disabled: true })).rejects.toMatchObject({
      code: 'last_admin',
      status: 409,
    });
    const after = await t.ctx.db
      .selectFrom('accounts')
      .select(['role', 'disabled_at'])
      .where('id', '=', second.id)
      .executeTakeFirstOrThrow();
    expect(after).toEqual(before);
    // Put things back for the other tests.
    expect((await admin2.patch(`/api/v1/accounts/${t.tenant.accounts.admin.id}`, { role: 'admin' })).statusCode).toBe(200);
  });
});

describe('settings', () => {
  it('a change of urgency targets is validated and audited with the new values', async () => {
    const admin = await loginAs(t.app, t.tenant.accounts.admin.email);
    const bad = await admin.patch('/api/v1/settings', { urgency_targets_hours: { emergency: 48, high: 24 } }, { 'accept-language': 'ja' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('invalid_settings');
    expect(bad.json().error.message).toContain('緊急度の高いものほど目標時間を短く');
    const ok = await admin.patch('/api/v1/settings', { urgency_targets_hours: { high: 12 } });
    expect(ok.json().urgency_targets_hours).toMatchObject({ emergency: 1, high: 12, normal: 72 });
    const audits = (await admin.get('/api/v1/audit?entity_type=settings')).json().items;
    expect(audits).toHaveLength(1);
    expect(audits[0].detail).toEqual({ settings: { urgency_targets_hours: { high: 12 } } });
  });
});

describe('audit log viewer', () => {
  it('filters by who, action, object type and date range (a bare `to` day counts whole)', async () => {
    t.clock.advance(2 * 86_400_000); // 2026-11-04
    const admin = await loginAs(t.app, t.tenant.accounts.admin.email);
    const lead = await loginAs(t.app, t.tenant.accounts.hub_lead.email);
    await lead.get('/api/v1/accounts');
    const leadId = t.tenant.accounts.hub_lead.id;
    const byLead = (await admin.get(`/api/v1/audit?account_id=${leadId}&action=login`)).json().items;
    expect(byLead.length).toBeGreaterThan(0);
    expect(byLead.every((e: { account_id: string; action: string }) => e.account_id === leadId && e.action === 'login')).toBe(true);
    const day = (await admin.get('/api/v1/audit?from=2026-11-04&to=2026-11-04&action=login')).json().items;
    expect(day.map((e: { account_id: string }) => e.account_id).sort()).toEqual([leadId, t.tenant.accounts.admin.id].sort());
    const earlier = (await admin.get('/api/v1/audit?to=2026-11-03&action=login')).json().items as { at: string }[];
    expect(earlier.length).toBeGreaterThan(0);
    expect(earlier.every((e) => e.at < '2026-11-03T15:00:00.000Z')).toBe(true); // the end of 11月3日 in Tokyo
    const accountsOnly = (await admin.get('/api/v1/audit?entity_type=account')).json().items;
    expect(accountsOnly.every((e: { entity_type: string }) => e.entity_type === 'account')).toBe(true);
    const reversed = await admin.get('/api/v1/audit?from=2026-11-05&to=2026-11-01', { 'accept-language': 'ja' });
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().error.code).toBe('invalid_period');
    expect((await admin.get('/api/v1/audit?from=yesterday')).statusCode).toBe(400);
  });

  it('exports the filtered log as .xlsx and CSV; the export is itself in the log', async () => {
    const admin = await loginAs(t.app, t.tenant.accounts.admin.email);
    const xlsx = await admin.get('/api/v1/audit/export?action=login&from=2026-11-04');
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('監査ログ');
    expect((ws.getRow(2).values as unknown[]).slice(1)).toEqual([
      '日時',
      '操作者',
      '役割',
      '操作',
      '対象の種類',
      '対象ID',
      'IPアドレス',
      '詳細',
    ]);
    expect(ws.getRow(3).getCell(4).value).toBe('ログイン');
    t.clock.advance(1000);
    const csv = await admin.get('/api/v1/audit/export?format=csv&encoding=shift_jis&action=login');
    expect(csv.headers['content-type']).toBe('text/csv; charset=Shift_JIS');
    const exp = (await admin.get('/api/v1/audit?action=export&entity_type=audit_log')).json().items;
    expect(exp).toHaveLength(2);
    expect(exp[0].detail).toMatchObject({ format: 'csv', encoding: 'shift_jis', filters: { action: 'login' } });
    expect((await (await loginAs(t.app, t.tenant.accounts.hub_staff.email)).get('/api/v1/audit/export')).statusCode).toBe(403);
    expect((await (await loginAs(t.app, t.tenant.accounts.hub_lead.email)).get('/api/v1/audit/export?format=csv')).statusCode).toBe(200);
    expect((await admin.get('/api/v1/audit/export?limit=5')).statusCode).toBe(400);
  });
});

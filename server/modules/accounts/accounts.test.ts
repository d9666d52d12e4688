import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, type TestApp } from '../../../test/helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('accounts administration', () => {
  it('lets the admin create an account that can then log in', async () => {
    const admin = await t.as('admin');
    const res = await admin.post('/api/v1/accounts', {
      email: 'New.Staff@alpha.test',
      display_name: '新任 職員',
      role: 'hub_staff',
      password: 'a-long-password-1',
      hub_id: t.tenant.hubId,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ email: 'new.staff@alpha.test', role: 'hub_staff', disabled: false });
    expect(JSON.stringify(res.json())).not.toMatch(/a-long-password-1|hash|argon2/);
    expect(res.json().password_change_required).toBe(false);
    const staff = await loginAs(t.app, 'new.staff@alpha.test', 'a-long-password-1');
    expect(staff.body.role).toBe('hub_staff');
    const dup = await admin.post('/api/v1/accounts', {
      email: 'new.staff@alpha.test',
      display_name: 'x',
      role: 'hub_staff',
      password: 'a-long-password-1',
    });
    expect(dup.json().error.code).toBe('email_taken');
  });

  it('disabling an account ends its sessions at once', async () => {
    const admin = await t.as('admin');
    const created = (
      await admin.post('/api/v1/accounts', {
        email: 'temp@alpha.test',
        display_name: '臨時',
        role: 'outreach',
        password: 'a-long-password-2',
      })
    ).json();
    const temp = await loginAs(t.app, 'temp@alpha.test', 'a-long-password-2');
    expect((await temp.get('/api/v1/auth/me')).statusCode).toBe(200);
    expect((await admin.patch(`/api/v1/accounts/${created.id}`, { disabled: true })).json().disabled).toBe(true);
    expect((await temp.get('/api/v1/auth/me')).statusCode).toBe(401);
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'temp@alpha.test', password: 'a-long-password-2' },
    });
    expect(again.statusCode).toBe(401);
  });

  it('rejects weak passwords and unknown hubs without writing', async () => {
    const admin = await t.as('admin');
    expect(
      (await admin.post('/api/v1/accounts', { email: 'w@alpha.test', display_name: 'w', role: 'hub_staff', password: 'short' })).statusCode,
    ).toBe(400);
    const res = await admin.post('/api/v1/accounts', {
      email: 'w@alpha.test',
      display_name: 'w',
      role: 'hub_staff',
      password: 'a-long-password-3',
      hub_id: crypto.randomUUID(),
    });
    expect(res.json().error.code).toBe('hub_not_found');
    const n = await t.ctx.db.selectFrom('accounts').select('id').where('email', '=', 'w@alpha.test').execute();
    expect(n).toHaveLength(0);
  });

  it('the admin cannot lock themselves out', async () => {
    const admin = await t.as('admin');
    const res = await admin.patch(`/api/v1/accounts/${t.tenant.accounts.admin.id}`, { disabled: true });
    expect(res.json().error.code).toBe('cannot_demote_self');
  });

  it('shows the audit log to the admin, newest first', async () => {
    const admin = await t.as('admin');
    const res = await admin.get('/api/v1/audit?entity_type=account&limit=5');
    expect(res.statusCode).toBe(200);
    const items = res.json().items;
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i: { entity_type: string }) => i.entity_type === 'account')).toBe(true);
  });
});

describe('tenant settings', () => {
  it('changes urgency targets, which set the deadline of new cases', async () => {
    const admin = await t.as('admin');
    const res = await admin.patch('/api/v1/settings', { urgency_targets_hours: { high: 12 } });
    expect(res.statusCode).toBe(200);
    expect(res.json().urgency_targets_hours).toEqual({ emergency: 1, high: 12, normal: 72, low: 168 });
    const c = (await (await t.as('partner')).post('/api/v1/concerns', { category: 'not_seen' })).json();
    const k = (await (await t.as('hub_staff')).post(`/api/v1/concerns/${c.id}/triage`, { urgency: 'high' })).json();
    expect(Date.parse(k.first_contact_due_at) - Date.parse(c.received_at)).toBe(12 * 3_600_000);
  });

  it('refuses targets out of order and removing a category in use', async () => {
    const admin = await t.as('admin');
    expect((await admin.patch('/api/v1/settings', { urgency_targets_hours: { emergency: 48 } })).json().error.code).toBe(
      'invalid_settings',
    );
    const res = await admin.patch('/api/v1/settings', { categories: [{ code: 'other', priority: 3, labels: { ja: 'その他' } }] });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('category_in_use');
    expect((await admin.get('/api/v1/settings')).json().urgency_targets_hours.emergency).toBe(1);
  });

  it('adds a category that reporters can then use', async () => {
    const admin = await t.as('admin');
    const current = (await admin.get('/api/v1/settings')).json().categories;
    const res = await admin.patch('/api/v1/settings', {
      categories: [...current, { code: 'heatstroke', priority: 0, labels: { ja: '熱中症の心配', en: 'Heatstroke risk' } }],
    });
    expect(res.statusCode).toBe(200);
    const cats = (await (await t.as('partner')).get('/api/v1/concern-categories', { 'accept-language': 'en' })).json().items;
    expect(cats.find((c: { code: string }) => c.code === 'heatstroke').label).toBe('Heatstroke risk');
    expect((await (await t.as('partner')).post('/api/v1/concerns', { category: 'heatstroke' })).statusCode).toBe(201);
  });
});

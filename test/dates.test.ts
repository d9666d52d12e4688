/**
 * Absurd dates people type are refused with a clear 400, the same way on every channel
 * (issue #8 §3): an observation before 1900 is a typo, not a fact, whether it comes from staff,
 * a partner's phone, the public form or an Open311 client.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addKey, form, sample } from '../server/modules/open311/open311.helpers.test-support.js';
import { createTestApp, type TestApp } from './helpers/app.js';

const P = '/api/v1';
const OLD = '1899-12-31T23:59:59Z';
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

function expectOutOfRange(res: { statusCode: number; body: string; json(): any }, field: string) {
  expect(res.statusCode, res.body).toBe(400);
  const body = res.json();
  if (Array.isArray(body)) {
    expect(body[0].description).toContain(field);
    return;
  }
  expect(body.error.code).toBe('date_out_of_range');
  expect(body.error.message).toContain(field);
}

describe('observed_at before 1900 is refused on every channel', () => {
  it('staff and partners (session)', async () => {
    for (const role of ['hub_staff', 'partner'] as const) {
      const a = await t.as(role);
      expectOutOfRange(await a.post(`${P}/concerns`, { category: 'not_seen', observed_at: OLD }), 'observed_at');
      expectOutOfRange(await a.post(`${P}/concerns`, { category: 'not_seen', observed_at: '0001-01-01T00:00:00Z' }), 'observed_at');
    }
    // 1900 itself is fine (an old date, but a possible one to type).
    expect(
      (await (await t.as('partner')).post(`${P}/concerns`, { category: 'not_seen', observed_at: '1900-01-01T00:00:00Z' })).statusCode,
    ).toBe(201);
  });

  it('the public report form', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `${P}/public/tenants/alpha/concerns`,
      payload: { category: 'not_seen', anonymous: true, observed_at: OLD },
      remoteAddress: '192.0.2.90',
    });
    expectOutOfRange(res, 'observed_at');
  });

  it('Open311 attribute[observed_at]', async () => {
    const key = await addKey(t);
    const res = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      payload: form(sample(key, { 'attribute[observed_at]': '1850-05-01T08:30:00+09:00' })),
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    });
    expectOutOfRange(res, 'observed_at');
  });
});

describe('other dates people type', () => {
  it('a partner agreement signed before 1900 or renewing after 2200 is refused', async () => {
    const coord = await t.as('coordinator');
    const pid = t.tenant.partnerId;
    const old = await coord.post(`${P}/partners/${pid}/agreements`, { scope: '見守り協定', signed_on: '0000-01-01' });
    expectOutOfRange(old, 'signed_on');
    const far = await coord.post(`${P}/partners/${pid}/agreements`, {
      scope: '見守り協定',
      signed_on: '2026-04-01',
      renewal_due: '9999-12-31',
    });
    expectOutOfRange(far, 'renewal_due');
    const ok = await coord.post(`${P}/partners/${pid}/agreements`, {
      scope: '見守り協定',
      signed_on: '2026-04-01',
      renewal_due: '2029-03-31',
    });
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it('a contact before 1900 is refused (it is before the concern was received)', async () => {
    const c = (await (await t.as('partner')).post(`${P}/concerns`, { category: 'not_seen' })).json();
    const staff = await t.as('hub_staff');
    const k = (await staff.post(`${P}/concerns/${c.id}/triage`, { urgency: 'normal' })).json();
    const r = await staff.post(`${P}/cases/${k.id}/contacts`, { method: 'visit', reached: true, occurred_at: OLD, note: '' });
    expect(r.statusCode, r.body).toBe(400);
    expect(r.json().error.code).toBe('occurred_before_receipt');
  });
});

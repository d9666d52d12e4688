import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Actor, createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { createTenant, type TestTenant } from '../../../test/helpers/factories.js';
import { hashPhoneToken } from '../../access/authenticators/phone-token.js';
import { ENROLL_MAX_ATTEMPTS, hashEnrollmentCode } from './enrollment.service.js';

let t: TestApp;
let coord: Actor;
let beta: TestTenant;
let partnerId: string;
beforeAll(async () => {
  t = await createTestApp();
  coord = await t.as('coordinator');
  beta = await createTenant(t.testDb.db, 'beta', t.clock.now());
  partnerId = (await coord.post(`${P}/partners`, { name: '東ヤクルト販売', kind: 'delivery' })).json().id;
});
afterAll(async () => t?.close());

const P = '/api/v1';
let ipSeq = 0;
/** Each test enrolls from its own address, so the per-client throttle is tested on purpose only. */
const newIp = () => `10.0.${Math.floor(++ipSeq / 250)}.${ipSeq % 250}`;
const enroll = (code: string, ip: string, label?: string) =>
  t.app.inject({
    method: 'POST',
    url: `${P}/enroll`,
    payload: { code, ...(label ? { label } : {}) },
    remoteAddress: ip,
    headers: { 'user-agent': 'TestPhone/1.0' },
  });
const asDevice = (token: string) => ({
  get: (url: string) => t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } }),
  post: (url: string, payload: object) => t.app.inject({ method: 'POST', url, payload, headers: { authorization: `Bearer ${token}` } }),
});

async function code(pid = partnerId, body: object = {}) {
  const res = await coord.post(`${P}/partners/${pid}/enrollments`, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; code: string; url: string; qr_svg: string; expires_at: string };
}

describe('enrolling a partner phone', () => {
  it('shows the code once as link and QR code, stores only its hash, and turns it into a device token', async () => {
    const c = await code(partnerId, { label: '配達員A', expires_in_days: 3 });
    expect(c.url).toBe(`${t.ctx.config.publicUrl}/field/enroll?code=${c.code}`);
    expect(c.qr_svg).toContain('<svg');
    expect(c.expires_at).toBe(new Date(t.clock.now().getTime() + 3 * 86_400_000).toISOString());
    const row = await t.testDb.db.selectFrom('enrollment_codes').selectAll().where('id', '=', c.id).executeTakeFirstOrThrow();
    expect(row.code_hash).toBe(hashEnrollmentCode(c.code));
    expect(JSON.stringify(row)).not.toContain(c.code);

    const res = await enroll(c.code, newIp());
    expect(res.statusCode, res.body).toBe(200);
    const e = res.json();
    expect(e).toMatchObject({
      kind: 'partner',
      partner_name: '東ヤクルト販売',
      display_name: '配達員A',
      tenant_slug: 'alpha',
      tenant_name: 'alpha 市',
    });
    expect(e.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const dev = await t.testDb.db.selectFrom('device_tokens').selectAll().where('id', '=', e.device_id).executeTakeFirstOrThrow();
    expect(dev).toMatchObject({
      token_hash: hashPhoneToken(e.token),
      kind: 'partner',
      partner_id: partnerId,
      label: '配達員A',
      user_agent: 'TestPhone/1.0',
    });

    const me = await asDevice(e.token).get(`${P}/device/me`);
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      device_id: e.device_id,
      kind: 'partner',
      partner_id: partnerId,
      partner_name: '東ヤクルト販売',
      tenant_slug: 'alpha',
    });
    const list = (await (await t.as('hub_lead')).get(`${P}/partners/${partnerId}/devices`)).json().items;
    expect(list.find((d: { id: string }) => d.id === e.device_id)).toMatchObject({ label: '配達員A', revoked_at: null, kind: 'partner' });
    expect((await coord.get(`${P}/partners/${partnerId}`)).json().active_devices).toBeGreaterThan(0);
  });

  it('files concerns that carry the partner and the device', async () => {
    const { token, device_id } = (await enroll((await code()).code, newIp())).json();
    const res = await asDevice(token).post(`${P}/concerns`, {
      category: 'mail_piling_up',
      place_text: 'コーポ北201号室',
      latitude: 35.625,
      longitude: 139.685,
    });
    expect(res.statusCode, res.body).toBe(201);
    const row = await t.testDb.db.selectFrom('concerns').selectAll().where('id', '=', res.json().id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      reporter_partner_id: partnerId,
      reporter_device_id: device_id,
      reporter_kind: 'partner',
      channel: 'field',
    });
    // The partner's counts see it.
    expect((await coord.get(`${P}/partners/${partnerId}`)).json().reports).toBeGreaterThan(0);
    // And the phone reads nothing else.
    expect((await asDevice(token).get(`${P}/partners`)).statusCode).toBe(403);
    expect((await asDevice(token).get(`${P}/triage`)).statusCode).toBe(403);
  });

  it('uses a code once, even under 10 parallel attempts', async () => {
    const c = await code();
    const results = await Promise.all(Array.from({ length: 10 }, () => enroll(c.code, newIp())));
    const ok = results.filter((r) => r.statusCode === 200);
    expect(ok).toHaveLength(1);
    for (const r of results.filter((x) => x.statusCode !== 200)) {
      expect(r.statusCode).toBe(410);
      expect(r.json().error.code).toBe('enrollment_code_used');
    }
    const devices = await t.testDb.db
      .selectFrom('enrollment_codes as c')
      .innerJoin('device_tokens as d', 'd.id', 'c.device_id')
      .select('d.id')
      .where('c.id', '=', c.id)
      .execute();
    expect(devices).toHaveLength(1);
    const again = await enroll(c.code, newIp());
    expect(again.statusCode).toBe(410);
    expect(again.json().error.code).toBe('enrollment_code_used');
  });

  it('throttles guessing per client address, parallel bursts included', async () => {
    const ip = newIp();
    const burst = await Promise.all(Array.from({ length: ENROLL_MAX_ATTEMPTS + 10 }, (_, i) => enroll(`guess-${i}-xxxxxxxxxxxx`, ip)));
    expect(burst.filter((r) => r.statusCode === 404)).toHaveLength(ENROLL_MAX_ATTEMPTS);
    expect(burst.filter((r) => r.statusCode === 429)).toHaveLength(10);
    // Even a good code waits for the window to pass; another address is not affected.
    const c = await code();
    expect((await enroll(c.code, ip)).json().error.code).toBe('enroll_throttled');
    expect((await enroll(c.code, newIp())).statusCode).toBe(200);
    t.clock.advance(16 * 60_000);
    expect((await enroll('another-guess-xxxxxxxx', ip)).statusCode).toBe(404);
  });

  it('revoked devices and suspended partners get 401 device_token_invalid', async () => {
    const a = (await enroll((await code()).code, newIp())).json();
    const b = (await enroll((await code()).code, newIp())).json();
    expect((await asDevice(a.token).get(`${P}/device/me`)).statusCode).toBe(200); // cached now
    expect((await (await t.as('hub_lead')).post(`${P}/devices/${a.device_id}/revoke`)).statusCode).toBe(403);
    const rev = await coord.post(`${P}/devices/${a.device_id}/revoke`);
    expect(rev.statusCode).toBe(200);
    expect(rev.json().revoked_at).toBe(t.clock.now().toISOString());
    const after = await asDevice(a.token).post(`${P}/concerns`, { category: 'mail_piling_up' });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('device_token_invalid');
    expect((await asDevice(b.token).get(`${P}/device/me`)).statusCode).toBe(200);

    expect((await coord.patch(`${P}/partners/${partnerId}`, { status: 'suspended' })).statusCode).toBe(200);
    const suspended = await asDevice(b.token).get(`${P}/device/me`);
    expect(suspended.statusCode).toBe(401);
    expect(suspended.json().error.code).toBe('device_token_invalid');
    // No new codes for a suspended partner, and an outstanding one does not enroll.
    expect((await coord.post(`${P}/partners/${partnerId}/enrollments`, {})).json().error.code).toBe('partner_not_active');
    expect((await coord.patch(`${P}/partners/${partnerId}`, { status: 'active' })).statusCode).toBe(200);
    const pending = await code();
    await coord.patch(`${P}/partners/${partnerId}`, { status: 'suspended' });
    const refused = await enroll(pending.code, newIp());
    expect(refused.statusCode).toBe(409);
    await coord.patch(`${P}/partners/${partnerId}`, { status: 'active' });
    expect((await enroll(pending.code, newIp())).statusCode).toBe(200); // the refusal did not use it up
    expect((await asDevice(b.token).get(`${P}/device/me`)).statusCode).toBe(200);
  });

  it('keeps devices to their tenant', async () => {
    const a = (await enroll((await code()).code, newIp())).json();
    const other = await t.as('coordinator', beta);
    expect((await other.post(`${P}/devices/${a.device_id}/revoke`)).statusCode).toBe(404);
    expect((await other.get(`${P}/devices`)).json().items.map((d: { id: string }) => d.id)).not.toContain(a.device_id);
    expect((await asDevice(a.token).get(`${P}/device/me`)).statusCode).toBe(200);
  });
});

describe('supporter invitations', () => {
  it('creates a supporter account without a usable password and enrolls its phone', async () => {
    const res = await coord.post(`${P}/supporters/invitations`, { display_name: '民生 花子', email: 'hanako@example.jp' });
    expect(res.statusCode, res.body).toBe(201);
    const inv = res.json();
    expect(inv).toMatchObject({ display_name: '民生 花子' });
    expect(inv.url).toContain('/field/enroll?code=');
    const acc = await t.testDb.db.selectFrom('accounts').selectAll().where('id', '=', inv.account_id).executeTakeFirstOrThrow();
    expect(acc.role).toBe('supporter');
    const login = await t.app.inject({
      method: 'POST',
      url: `${P}/auth/login`,
      payload: { email: 'hanako@example.jp', password: acc.password_hash },
    });
    expect(login.statusCode).toBe(401);
    const e = (await enroll(inv.code, newIp())).json();
    expect(e).toMatchObject({ kind: 'supporter', partner_name: null, display_name: '民生 花子', tenant_slug: 'alpha' });
    const me = (await asDevice(e.token).get(`${P}/device/me`)).json();
    expect(me).toMatchObject({ kind: 'supporter', display_name: '民生 花子', partner_id: null });
    const filed = await asDevice(e.token).post(`${P}/concerns`, { category: 'not_seen' });
    expect(filed.statusCode).toBe(201);
    const row = await t.testDb.db.selectFrom('concerns').selectAll().where('id', '=', filed.json().id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      reporter_kind: 'supporter',
      reporter_account_id: inv.account_id,
      reporter_device_id: e.device_id,
      reporter_partner_id: null,
    });
    const list = (await coord.get(`${P}/devices?kind=supporter`)).json().items;
    expect(list.map((d: { id: string }) => d.id)).toContain(e.device_id);
    expect(list.every((d: { kind: string }) => d.kind === 'supporter')).toBe(true);
    // Without an email the account gets a placeholder; a taken email is a conflict and writes nothing.
    expect((await coord.post(`${P}/supporters/invitations`, { display_name: '無記名' })).statusCode).toBe(201);
    const accounts = await t.testDb.db.selectFrom('accounts').select('id').execute();
    const dup = await coord.post(`${P}/supporters/invitations`, { display_name: '二重', email: 'HANAKO@example.jp' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('email_taken');
    expect((await coord.post(`${P}/supporters/invitations`, { display_name: '' })).statusCode).toBe(400);
    expect(await t.testDb.db.selectFrom('accounts').select('id').execute()).toHaveLength(accounts.length);
  });

  it('answers /device/me for logins with 404 (not a device)', async () => {
    const res = await (await t.as('hub_staff')).get(`${P}/device/me`);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('device_not_found');
  });
});

// Last: moving the clock a day ends the test sessions too.
describe('expiry', () => {
  it('rejects expired and unknown codes', async () => {
    const c = await code(partnerId, { expires_in_days: 1 });
    t.clock.advance(86_400_000 + 1000);
    const res = await enroll(c.code, newIp());
    expect(res.statusCode).toBe(410);
    expect(res.json().error.code).toBe('enrollment_code_expired');
    const unknown = await enroll('AAAAAAAAAAAAAAAAAAAAAA', newIp());
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('enrollment_code_not_found');
    expect((await t.app.inject({ method: 'POST', url: `${P}/enroll`, payload: { code: 'short' } })).statusCode).toBe(400);
  });
});

/**
 * Passwords (issue #8 §2): whoever sets one gets a common or guessable one refused with a
 * helpful message; an account flagged to change its password (a one-time password) can do
 * nothing else until it has; anyone can change their own.
 */
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPhoneToken } from '../server/access/authenticators/phone-token.js';
import { newSecret } from '../server/access/secrets.js';
import { createTestApp, loginAs, type TestApp } from './helpers/app.js';
import { TEST_PASSWORD } from './helpers/factories.js';

const P = '/api/v1';
const GOOD = 'hoshizora-no-shita-de-2041';
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

async function newAccount(email: string, extra: Record<string, unknown> = {}) {
  const admin = await t.as('admin');
  const res = await admin.post(`${P}/accounts`, {
    email,
    display_name: '山田 花子',
    role: 'hub_staff',
    password: 'mori-no-naka-no-ie-0815',
    hub_id: t.tenant.hubId,
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

describe('weak and common passwords are refused wherever a password is set', () => {
  it.each([
    ['password123456', 'password_too_common'],
    ['qwertyuiop1234', 'password_too_common'],
    ['iloveyou12345', 'password_too_common'],
    ['aaaaaaaaaaaaaaaa', 'password_too_weak'],
    ['short1', 'password_too_weak'],
    ['hanako.yamada@alpha.test', 'password_too_weak'],
  ])('an admin creating an account with %s gets 400 %s', async (password, code) => {
    const admin = await t.as('admin');
    const res = await admin.post(`${P}/accounts`, {
      email: 'hanako.yamada@alpha.test',
      display_name: '山田 花子',
      role: 'hub_staff',
      password,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe(code);
    expect(res.json().error.message).not.toMatch(/^errors\./);
  });

  it('the messages are translated and say what to do', async () => {
    const admin = await t.as('admin');
    const body = { email: 'msg@alpha.test', display_name: 'm', role: 'hub_staff', password: 'password123456' };
    expect((await admin.post(`${P}/accounts`, body)).json().error.message).toContain('流出');
    expect((await admin.post(`${P}/accounts`, body, { 'accept-language': 'en' })).json().error.message).toContain('leaked');
    const weak = await admin.post(`${P}/accounts`, { ...body, password: 'abcabcabcabc' }, { 'accept-language': 'en' });
    expect(weak.json().error.message).toContain('12 characters');
  });

  it('an admin changing a password is held to the same rule', async () => {
    const acc = await newAccount('change.me@alpha.test');
    const admin = await t.as('admin');
    const res = await admin.patch(`${P}/accounts/${acc.id}`, { password: 'password123456' });
    expect(res.json().error.code).toBe('password_too_common');
    expect((await admin.patch(`${P}/accounts/${acc.id}`, { password: GOOD })).statusCode).toBe(200);
  });
});

describe('first login with a one-time password', () => {
  it('login says so, every other call is 403 password_change_required until the password is changed', async () => {
    await newAccount('first.login@alpha.test', { password_change_required: true });
    const a = await loginAs(t.app, 'first.login@alpha.test', 'mori-no-naka-no-ie-0815');
    expect(a.body.password_change_required).toBe(true);
    const me = await a.get(`${P}/auth/me`);
    expect(me.statusCode).toBe(200);
    expect(me.json().password_change_required).toBe(true);
    for (const url of [`${P}/cases`, `${P}/triage`, `${P}/concern-categories`]) {
      const r = await a.get(url);
      expect(r.statusCode, url).toBe(403);
      expect(r.json().error.code).toBe('password_change_required');
    }
    expect((await a.post(`${P}/concerns`, { category: 'other' })).json().error.code).toBe('password_change_required');
    const en = await a.get(`${P}/cases`, { 'accept-language': 'en' });
    expect(en.json().error.message).toBe('Please change your password before you continue.');
    // The new password is judged too; the current one must be right.
    const common = await a.post(`${P}/auth/password`, { current_password: 'mori-no-naka-no-ie-0815', new_password: 'password123456' });
    expect(common.json().error.code).toBe('password_too_common');
    const wrong = await a.post(`${P}/auth/password`, { current_password: 'not-the-current-one', new_password: GOOD });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.code).toBe('current_password_incorrect');
    const same = await a.post(`${P}/auth/password`, {
      current_password: 'mori-no-naka-no-ie-0815',
      new_password: 'mori-no-naka-no-ie-0815',
    });
    expect(same.json().error.code).toBe('password_unchanged');
    const ok = await a.post(`${P}/auth/password`, { current_password: 'mori-no-naka-no-ie-0815', new_password: GOOD });
    expect(ok.statusCode, ok.body).toBe(204);
    // The same session now works, and says so.
    expect((await a.get(`${P}/cases`)).statusCode).toBe(200);
    expect((await a.get(`${P}/auth/me`)).json().password_change_required).toBe(false);
    // The old password is gone, the new one works.
    const old = await t.app.inject({
      method: 'POST',
      url: `${P}/auth/login`,
      payload: { email: 'first.login@alpha.test', password: 'mori-no-naka-no-ie-0815' },
      remoteAddress: '192.0.2.70',
    });
    expect(old.statusCode).toBe(401);
    expect((await loginAs(t.app, 'first.login@alpha.test', GOOD)).body.password_change_required).toBe(false);
  });
});

describe('changing my own password', () => {
  it('ends my other sessions, keeps this one, and is audited', async () => {
    const email = t.tenant.accounts.hub_lead.email;
    const here = await loginAs(t.app, email);
    const elsewhere = await loginAs(t.app, email);
    const res = await here.post(`${P}/auth/password`, { current_password: TEST_PASSWORD, new_password: GOOD });
    expect(res.statusCode, res.body).toBe(204);
    expect((await here.get(`${P}/auth/me`)).statusCode).toBe(200);
    expect((await elsewhere.get(`${P}/auth/me`)).statusCode).toBe(401);
    const rows = await t.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'password_change')
      .where('account_id', '=', t.tenant.accounts.hub_lead.id)
      .execute();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows[0]!.detail)).not.toContain(GOOD);
  });

  it('needs the CSRF token, and wrong current passwords are throttled', async () => {
    const a = await loginAs(t.app, t.tenant.accounts.coordinator.email);
    const noCsrf = await t.app.inject({
      method: 'POST',
      url: `${P}/auth/password`,
      payload: { current_password: TEST_PASSWORD, new_password: GOOD },
      headers: { cookie: a.cookie },
    });
    expect(noCsrf.json().error.code).toBe('csrf_invalid');
    const codes = [];
    for (let i = 0; i < 7; i++) {
      codes.push((await a.post(`${P}/auth/password`, { current_password: `guess-${i}`, new_password: GOOD })).statusCode);
    }
    expect(codes.slice(0, 5)).toEqual([400, 400, 400, 400, 400]);
    expect(codes.slice(5)).toEqual([429, 429]);
  });

  it('an enrolled phone has no password to change', async () => {
    const token = await phone('partner');
    const r = await t.app.inject({
      method: 'POST',
      url: `${P}/auth/password`,
      payload: { current_password: 'x', new_password: GOOD },
      headers: { authorization: `Bearer ${token}` },
    });
    expect(r.statusCode).toBe(403);
  });
});

/** An enrolled phone's bearer token (as partners/enrollment would issue it). */
async function phone(kind: 'partner' | 'supporter'): Promise<string> {
  const token = newSecret();
  await t.ctx.db
    .insertInto('device_tokens')
    .values({
      tenant_id: t.tenant.id,
      id: uuidv7(),
      token_hash: hashPhoneToken(token),
      kind,
      partner_id: kind === 'partner' ? t.tenant.partnerId : null,
      account_id: kind === 'supporter' ? t.tenant.accounts.supporter.id : null,
      label: `${kind} phone`,
      user_agent: null,
      created_at: t.clock.now(),
      last_used_at: null,
      revoked_at: null,
      revoked_by: null,
    })
    .execute();
  return token;
}

describe('GET /auth/me with an enrolled phone', () => {
  it.each(['partner', 'supporter'] as const)("a %s's phone gets its own identity, not a 500", async (kind) => {
    const token = await phone(kind);
    const r = await t.app.inject({ method: 'GET', url: `${P}/auth/me`, headers: { authorization: `Bearer ${token}` } });
    expect(r.statusCode, r.body).toBe(200);
    const me = r.json();
    expect(me).toMatchObject({ tenant_id: t.tenant.id, tenant_slug: 'alpha', role: kind, csrf_token: '', password_change_required: false });
    expect(me.device_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(me.email).toBe(kind === 'supporter' ? t.tenant.accounts.supporter.email : null);
    expect(me.permissions).toContain('concern:create');
  });
});

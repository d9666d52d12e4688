/**
 * Login, sessions and CSRF as a caller sees them. Time moves only through the test clock.
 * Each test that fails logins on purpose uses its own client address and account, because
 * throttling counts per (email, address) and per address.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, type TestApp } from './helpers/app.js';
import { TEST_PASSWORD } from './helpers/factories.js';

const P = '/api/v1';
const MIN = 60_000;
let t: TestApp;
let short: TestApp; // SESSION_IDLE_MINUTES=30, SESSION_ABSOLUTE_HOURS=12

beforeAll(async () => {
  [t, short] = await Promise.all([
    createTestApp(),
    createTestApp({ config: { SESSION_IDLE_MINUTES: '30', SESSION_ABSOLUTE_HOURS: '12' } }),
  ]);
});
afterAll(async () => {
  await Promise.all([t?.close(), short?.close()]);
});

function login(
  app: TestApp,
  email: string,
  password: string,
  ip = '127.0.0.1',
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  return app.app.inject({ method: 'POST', url: `${P}/auth/login`, payload: { email, password }, remoteAddress: ip, headers });
}
const me = (app: TestApp, cookie: string, headers: Record<string, string> = {}) =>
  app.app.inject({ method: 'GET', url: `${P}/auth/me`, headers: { cookie, ...headers } });
const sessionCookie = (res: LightMyRequestResponse) => res.cookies.find((c) => c.name === 'tsunagari_session');

describe('login', () => {
  it('returns the account, its permissions and a CSRF token, and sets an httpOnly SameSite=Lax cookie', async () => {
    const res = await login(t, t.tenant.accounts.hub_staff.email.toUpperCase(), TEST_PASSWORD, '192.0.2.1');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      account_id: t.tenant.accounts.hub_staff.id,
      tenant_id: t.tenant.id,
      tenant_slug: 'alpha',
      role: 'hub_staff',
      email: t.tenant.accounts.hub_staff.email,
    });
    expect(body.csrf_token).toMatch(/^[A-Za-z0-9_-]{32,}$/);
    expect(body.permissions).toContain('triage:write');
    expect(body.expires_at).toBe(new Date(t.clock.now().getTime() + 720 * 3_600_000).toISOString());
    expect(res.body).not.toContain(TEST_PASSWORD);
    expect(res.body).not.toMatch(/hash|argon2/i);
    expect(body.password_change_required).toBe(false);
    const c = sessionCookie(res)!;
    expect(c).toBeDefined();
    expect(c.value.length).toBeGreaterThanOrEqual(32);
    expect(c.value).not.toBe(body.csrf_token);
    expect(c.httpOnly).toBe(true);
    expect(c.sameSite).toBe('Lax');
    expect(c.path).toBe('/');
    const raw = String(res.headers['set-cookie']);
    expect(raw).toMatch(/HttpOnly/);
    expect(raw).toMatch(/SameSite=Lax/);
    // The cookie works, and only the token's hash is stored.
    expect((await me(t, `tsunagari_session=${c.value}`)).json().csrf_token).toBe(body.csrf_token);
    const stored = await t.ctx.db.selectFrom('sessions').select('token_hash').execute();
    expect(stored.map((s) => s.token_hash)).not.toContain(c.value);
  });

  it('wrong password and unknown email get the same 401 invalid_credentials (no account enumeration)', async () => {
    const wrong = await login(t, t.tenant.accounts.helper.email, 'not-the-password', '192.0.2.2');
    const unknown = await login(t, 'nobody@alpha.test', 'not-the-password', '192.0.2.2');
    for (const r of [wrong, unknown]) {
      expect(r.statusCode).toBe(401);
      expect(r.json().error.code).toBe('invalid_credentials');
      expect(sessionCookie(r)).toBeUndefined();
    }
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json().error.message).toBe('メールアドレスまたはパスワードが正しくありません。');
    const en = await login(t, 'nobody@alpha.test', 'x', '192.0.2.2', { 'accept-language': 'en' });
    expect(en.json().error.message).toBe('Email or password is incorrect.');
  });

  it('rejects malformed bodies with 400 invalid_input', async () => {
    const r = await t.app.inject({
      method: 'POST',
      url: `${P}/auth/login`,
      payload: { email: 'not-an-email', password: '' },
      remoteAddress: '192.0.2.3',
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.code).toBe('invalid_input');
  });
});

describe('login throttling', () => {
  it('locks after 5 failures, even with the right password, and lifts after LOGIN_LOCK_MINUTES', async () => {
    const email = t.tenant.accounts.coordinator.email;
    const ip = '198.51.100.10';
    for (let i = 1; i <= 5; i++) {
      const r = await login(t, email, `wrong-${i}`, ip);
      expect(r.statusCode, `failure ${i}`).toBe(401);
      expect(r.json().error.code).toBe('invalid_credentials');
    }
    const locked = await login(t, email, TEST_PASSWORD, ip);
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('login_throttled');
    expect(locked.json().error.message).toContain('15');
    expect(sessionCookie(locked)).toBeUndefined();
    // Per (email, client): the account still works from another address, and another account
    // from this address (the per-client allowance is larger: login-throttle.test.ts).
    expect((await login(t, email, TEST_PASSWORD, '198.51.100.11')).statusCode).toBe(200);
    expect((await login(t, t.tenant.accounts.counselor.email, TEST_PASSWORD, ip)).statusCode).toBe(200);
    t.clock.advance(14 * MIN);
    expect((await login(t, email, TEST_PASSWORD, ip)).statusCode).toBe(429);
    t.clock.advance(1 * MIN + 1000);
    const ok = await login(t, email, TEST_PASSWORD, ip);
    expect(ok.statusCode, ok.body).toBe(200);
    // A success clears the count: four new failures do not lock.
    for (let i = 0; i < 4; i++) expect((await login(t, email, 'wrong', ip)).statusCode).toBe(401);
    expect((await login(t, email, TEST_PASSWORD, ip)).statusCode).toBe(200);
  });

  it('failures older than the window do not add up', async () => {
    const email = t.tenant.accounts.supporter.email;
    const ip = '198.51.100.20';
    for (let i = 0; i < 4; i++) expect((await login(t, email, 'wrong', ip)).statusCode).toBe(401);
    t.clock.advance(16 * MIN);
    expect((await login(t, email, 'wrong', ip)).statusCode).toBe(401);
    expect((await login(t, email, TEST_PASSWORD, ip)).statusCode).toBe(200);
  });
});

describe('sessions', () => {
  it('logout ends the session: the next call is 401', async () => {
    const a = await loginAs(t.app, t.tenant.accounts.outreach.email);
    expect((await a.get(`${P}/auth/me`)).statusCode).toBe(200);
    const out = await a.post(`${P}/auth/logout`);
    expect(out.statusCode).toBe(204);
    const cleared = sessionCookie(out);
    expect(cleared?.value ?? '').toBe('');
    const after = await a.get(`${P}/auth/me`);
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('unauthenticated');
    expect((await a.get(`${P}/cases`)).statusCode).toBe(401);
  });

  it('logout needs the CSRF token, and without it the session lives on', async () => {
    const a = await loginAs(t.app, t.tenant.accounts.outreach.email);
    const r = await t.app.inject({ method: 'POST', url: `${P}/auth/logout`, headers: { cookie: a.cookie } });
    expect(r.statusCode).toBe(403);
    expect(r.json().error.code).toBe('csrf_invalid');
    expect((await a.get(`${P}/auth/me`)).statusCode).toBe(200);
  });

  it('an unknown or tampered cookie is 401', async () => {
    const r = await me(t, 'tsunagari_session=forged-token');
    expect(r.statusCode).toBe(401);
    expect(r.json().error.code).toBe('unauthenticated');
  });

  it('expires after SESSION_IDLE_MINUTES without use, sliding while used', async () => {
    const a = await loginAs(short.app, short.tenant.accounts.hub_staff.email);
    short.clock.advance(29 * MIN);
    expect((await a.get(`${P}/auth/me`)).statusCode).toBe(200);
    short.clock.advance(29 * MIN); // 58 min after login, 29 after last use
    expect((await a.get(`${P}/auth/me`)).statusCode).toBe(200);
    short.clock.advance(30 * MIN);
    const r = await a.get(`${P}/auth/me`);
    expect(r.statusCode).toBe(401);
    expect(r.json().error.code).toBe('unauthenticated');
    // Moving the clock back does not revive it.
    short.clock.advance(-30 * MIN);
    expect((await a.get(`${P}/auth/me`)).statusCode).toBe(401);
  });

  it('expires SESSION_ABSOLUTE_HOURS after login however busy it is', async () => {
    const a = await loginAs(short.app, short.tenant.accounts.hub_lead.email);
    expect(a.body.expires_at).toBe(new Date(short.clock.now().getTime() + 12 * 3_600_000).toISOString());
    let elapsed = 0;
    while (elapsed + 29 * MIN < 12 * 60 * MIN) {
      short.clock.advance(29 * MIN);
      elapsed += 29 * MIN;
      expect((await a.get(`${P}/auth/me`)).statusCode, `after ${elapsed / MIN} min`).toBe(200);
    }
    short.clock.advance(12 * 60 * MIN - elapsed); // exactly 12 h
    const r = await a.get(`${P}/auth/me`);
    expect(r.statusCode).toBe(401);
    expect(r.json().error.code).toBe('unauthenticated');
  });

  it('a disabled account cannot log in and its live session stops working', async () => {
    const acc = t.tenant.accounts.helper;
    const a = await loginAs(t.app, acc.email);
    expect((await a.get(`${P}/auth/me`)).statusCode).toBe(200);
    // Disabled behind this app copy's back (as another copy would): honoured within SESSION_CACHE_MS.
    // (Through the admin API on the same copy it is immediate: accounts.test.ts.)
    await t.ctx.db.updateTable('accounts').set({ disabled_at: t.clock.now() }).where('id', '=', acc.id).execute();
    t.clock.advance(t.ctx.config.sessionCacheMs + 1);
    const live = await a.get(`${P}/auth/me`);
    expect(live.statusCode).toBe(401);
    expect(live.json().error.code).toBe('unauthenticated');
    expect((await a.post(`${P}/concerns`, { category: 'mail_piling_up' })).statusCode).toBe(401);
    const again = await login(t, acc.email, TEST_PASSWORD, '192.0.2.50');
    expect(again.statusCode).toBe(401);
    // Same answer as a wrong password: a disabled account is not revealed either.
    expect(again.json()).toEqual((await login(t, 'nobody@alpha.test', TEST_PASSWORD, '192.0.2.50')).json());
  });
});

describe('CSRF', () => {
  const body = { category: 'mail_piling_up', place_text: 'CSRF荘' };
  const count = async () =>
    Number(
      (
        await t.ctx.db
          .selectFrom('concerns')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it.each([
    ['missing', undefined],
    ['wrong', 'wrong-token'],
    ['empty', ''],
  ])('a write with a %s x-csrf-token is 403 csrf_invalid and writes nothing', async (_n, token) => {
    const a = await t.as('partner');
    const before = await count();
    const r = await t.app.inject({
      method: 'POST',
      url: `${P}/concerns`,
      payload: body,
      headers: { cookie: a.cookie, ...(token !== undefined ? { 'x-csrf-token': token } : {}) },
    });
    expect(r.statusCode).toBe(403);
    expect(r.json().error.code).toBe('csrf_invalid');
    expect(await count()).toBe(before);
  });

  it("another session's token does not do", async () => {
    const a = await t.as('hub_staff');
    const other = await loginAs(t.app, t.tenant.accounts.hub_staff.email);
    const r = await t.app.inject({
      method: 'PATCH',
      url: `${P}/people/${crypto.randomUUID()}`,
      payload: { note: 'x' },
      headers: { cookie: a.cookie, 'x-csrf-token': other.csrf },
    });
    expect(r.statusCode).toBe(403);
    expect(r.json().error.code).toBe('csrf_invalid');
  });

  it('the right token lets the write through', async () => {
    const a = await t.as('partner');
    expect((await a.post(`${P}/concerns`, body)).statusCode).toBe(201);
  });

  it('GETs need no token', async () => {
    const a = await t.as('hub_staff');
    for (const url of [`${P}/auth/me`, `${P}/cases`, `${P}/triage`]) {
      const r = await t.app.inject({ method: 'GET', url, headers: { cookie: a.cookie } });
      expect(r.statusCode, url).toBe(200);
    }
  });
});

describe('error messages follow Accept-Language', () => {
  it.each([
    [undefined, 'ログインが必要です。'],
    ['ja', 'ログインが必要です。'],
    ['en', 'Please log in.'],
    ['en-US,en;q=0.9,ja;q=0.5', 'Please log in.'],
    ['fr', 'ログインが必要です。'],
  ])('401 with Accept-Language %s', async (lang, message) => {
    const r = await t.app.inject({ method: 'GET', url: `${P}/cases`, headers: lang ? { 'accept-language': lang } : {} });
    expect(r.statusCode).toBe(401);
    expect(r.json().error).toEqual({ code: 'unauthenticated', message });
  });

  it('403 forbidden and csrf_invalid in both languages', async () => {
    const partner = await t.as('partner');
    const ja = await partner.get(`${P}/cases`);
    expect(ja.json().error).toEqual({ code: 'forbidden', message: 'この操作を行う権限がありません。' });
    const en = await partner.get(`${P}/cases`, { 'accept-language': 'en' });
    expect(en.json().error).toEqual({ code: 'forbidden', message: 'You do not have permission to do this.' });
    const csrf = await t.app.inject({
      method: 'POST',
      url: `${P}/concerns`,
      payload: { category: 'other' },
      headers: { cookie: partner.cookie, 'accept-language': 'en' },
    });
    expect(csrf.json().error).toEqual({ code: 'csrf_invalid', message: 'The security token is not valid. Please reload the page.' });
  });

  it('429 login_throttled in English names the minutes', async () => {
    const email = t.tenant.accounts.analyst.email;
    const ip = '198.51.100.30';
    for (let i = 0; i < 5; i++) await login(t, email, 'wrong', ip);
    const r = await login(t, email, TEST_PASSWORD, ip, { 'accept-language': 'en' });
    expect(r.statusCode).toBe(429);
    expect(r.json().error).toEqual({ code: 'login_throttled', message: 'Too many failed logins. Try again in 15 minutes.' });
  });
});

describe('login throttling under concurrency', () => {
  it('parallel guesses cannot exceed LOGIN_MAX_FAILURES password checks', async () => {
    const email = t.tenant.accounts.admin.email;
    const ip = '198.51.100.40';
    // An attacker does not wait for answers: 20 guesses at once.
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => login(t, email, `guess-${i}`, ip)));
    const evaluated = results.filter((r) => r.statusCode === 401).length;
    const throttled = results.filter((r) => r.statusCode === 429).length;
    expect(evaluated + throttled).toBe(20);
    expect(evaluated, 'password checks performed for one account within the lock window').toBeLessThanOrEqual(5);
  });
});

/**
 * Login throttling must stop guessing without becoming a lockout weapon (issue #8 §2): it counts
 * per (email, client address) and per client address, in PostgreSQL, with a lock that grows with
 * each further lock. Each test uses its own addresses and accounts; time moves only by the clock.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientOf, loginKeys } from '../server/access/authenticators/login-throttle.js';
import { createTestApp, type TestApp } from './helpers/app.js';
import { TEST_PASSWORD } from './helpers/factories.js';

const MIN = 60_000;
let t: TestApp;
/** LOGIN_CLIENT_MAX_FAILURES=8, so the per-client allowance is quick to reach. */
let small: TestApp;

beforeAll(async () => {
  [t, small] = await Promise.all([createTestApp(), createTestApp({ config: { LOGIN_CLIENT_MAX_FAILURES: '8' } })]);
});
afterAll(async () => {
  await Promise.all([t?.close(), small?.close()]);
});

function login(app: TestApp, email: string, password: string, ip: string, lang?: string): Promise<LightMyRequestResponse> {
  return app.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password },
    remoteAddress: ip,
    headers: lang ? { 'accept-language': lang } : {},
  });
}

describe('an attacker cannot lock a person out', () => {
  it("guessing a victim's password from one address does not lock the victim out from theirs", async () => {
    const victim = t.tenant.accounts.hub_lead.email;
    const attacker = '198.51.100.101';
    const results = [];
    for (let i = 0; i < 12; i++) results.push((await login(t, victim, `guess-${i}`, attacker)).statusCode);
    expect(results.filter((s) => s === 401)).toHaveLength(5);
    expect(results.slice(5).every((s) => s === 429)).toBe(true);
    // The right password from the attacker's address is refused too: the lock is for that client.
    expect((await login(t, victim, TEST_PASSWORD, attacker)).statusCode).toBe(429);
    // The victim, from their own address, logs in while the attacker is still locked.
    const ok = await login(t, victim, TEST_PASSWORD, '192.0.2.101');
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('invented emails from one address lock that address, not a different one', async () => {
    const noisy = '198.51.100.102';
    for (let i = 0; i < 8; i++) expect((await login(small, `nobody-${i}@nowhere.test`, 'x', noisy)).statusCode).toBe(401);
    const refused = await login(small, small.tenant.accounts.hub_staff.email, TEST_PASSWORD, noisy);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('login_throttled');
    // Someone else, at another address, is not affected.
    expect((await login(small, small.tenant.accounts.hub_staff.email, TEST_PASSWORD, '192.0.2.102')).statusCode).toBe(200);
  });

  it('the per-client allowance is larger than the per-account one: an office behind one address keeps working', async () => {
    const office = '198.51.100.103';
    // Four colleagues each mistype four times (16 failures from one address, over the per-account 5).
    for (const role of ['outreach', 'coordinator', 'counselor', 'helper'] as const) {
      for (let i = 0; i < 4; i++) expect((await login(t, t.tenant.accounts[role].email, 'typo', office)).statusCode).toBe(401);
    }
    for (const role of ['outreach', 'coordinator', 'counselor', 'helper'] as const) {
      expect((await login(t, t.tenant.accounts[role].email, TEST_PASSWORD, office)).statusCode).toBe(200);
    }
  });
});

describe('a lock says when to try again, and each further lock lasts longer', () => {
  it('429 carries Retry-After in seconds and names the minutes in the message; backoff doubles', async () => {
    const email = t.tenant.accounts.analyst.email;
    const ip = '198.51.100.104';
    for (let i = 0; i < 5; i++) expect((await login(t, email, 'wrong', ip)).statusCode).toBe(401);
    const first = await login(t, email, TEST_PASSWORD, ip, 'en');
    expect(first.statusCode).toBe(429);
    expect(first.headers['retry-after']).toBe('900');
    expect(first.json().error).toEqual({ code: 'login_throttled', message: 'Too many failed logins. Try again in 15 minutes.' });
    const ja = await login(t, email, TEST_PASSWORD, ip);
    expect(ja.json().error.message).toContain('15分後');
    t.clock.advance(15 * MIN + 1000);
    // The lock is over; five more failures lock again, now for 30 minutes.
    for (let i = 0; i < 5; i++) expect((await login(t, email, 'wrong', ip)).statusCode).toBe(401);
    const second = await login(t, email, TEST_PASSWORD, ip);
    expect(second.statusCode).toBe(429);
    expect(second.headers['retry-after']).toBe('1800');
    t.clock.advance(30 * MIN + 1000);
    for (let i = 0; i < 5; i++) expect((await login(t, email, 'wrong', ip)).statusCode).toBe(401);
    expect((await login(t, email, TEST_PASSWORD, ip)).headers['retry-after']).toBe('3600');
    t.clock.advance(60 * MIN + 1000);
    // A success ends the backoff for this account and client.
    expect((await login(t, email, TEST_PASSWORD, ip)).statusCode).toBe(200);
    for (let i = 0; i < 5; i++) expect((await login(t, email, 'wrong', ip)).statusCode).toBe(401);
    expect((await login(t, email, TEST_PASSWORD, ip)).headers['retry-after']).toBe('900');
  });

  it('the backoff is capped at a day', async () => {
    const email = t.tenant.accounts.supporter.email;
    const ip = '198.51.100.105';
    let retry = 0;
    for (let lock = 0; lock < 9; lock++) {
      for (let i = 0; i < 5; i++) expect((await login(t, email, 'wrong', ip)).statusCode).toBe(401);
      const r = await login(t, email, 'wrong', ip);
      expect(r.statusCode).toBe(429);
      retry = Number(r.headers['retry-after']);
      expect(retry).toBeLessThanOrEqual(24 * 3600);
      t.clock.advance(retry * 1000 + 1000);
    }
    expect(retry).toBe(24 * 3600);
  });

  it('the per-client lock also carries Retry-After', async () => {
    const ip = '198.51.100.106';
    for (let i = 0; i < 8; i++) await login(small, `made-up-${i}@nowhere.test`, 'x', ip);
    const r = await login(small, 'made-up-x@nowhere.test', 'x', ip);
    expect(r.statusCode).toBe(429);
    expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
  });
});

describe('parallel bursts stay bounded', () => {
  it('20 guesses at once on one account from one address get at most LOGIN_MAX_FAILURES password checks', async () => {
    const email = t.tenant.accounts.admin.email;
    const ip = '198.51.100.107';
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => login(t, email, `guess-${i}`, ip)));
    expect(results.filter((r) => r.statusCode === 401).length).toBeLessThanOrEqual(5);
    expect(results.filter((r) => r.statusCode === 401 || r.statusCode === 429)).toHaveLength(20);
  });

  it('30 guesses at once with invented emails from one address get at most LOGIN_CLIENT_MAX_FAILURES checks', async () => {
    const ip = '198.51.100.108';
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => login(small, `burst-${i}@nowhere.test`, 'x', ip)));
    expect(results.filter((r) => r.statusCode === 401).length).toBeLessThanOrEqual(8);
    expect(results.filter((r) => r.statusCode === 429).length).toBeGreaterThanOrEqual(22);
  });
});

describe('what counts as one client', () => {
  it('an IPv6 attacker rotating addresses inside one /64 is one client', async () => {
    const email = t.tenant.accounts.hub_staff.email;
    const codes = [];
    for (let i = 1; i <= 7; i++) codes.push((await login(t, email, `guess-${i}`, `2001:db8:42:7::${i.toString(16)}`)).statusCode);
    expect(codes).toEqual([401, 401, 401, 401, 401, 429, 429]);
    expect((await login(t, email, TEST_PASSWORD, '2001:db8:42:8::1')).statusCode).toBe(200); // the next /64
  });

  it('keys hold no email in clear; IPv4-mapped addresses count as IPv4', () => {
    expect(clientOf('::ffff:192.0.2.9')).toBe('192.0.2.9');
    expect(clientOf('2001:db8:1:2:3:4:5:6')).toBe('2001:db8:1:2::/64');
    expect(clientOf('2001:db8::1')).toBe('2001:db8:0:0::/64');
    const keys = loginKeys('Someone@Example.test', '192.0.2.9');
    expect(JSON.stringify(keys)).not.toMatch(/someone|example/i);
    expect(loginKeys('someone@example.test', '192.0.2.9')).toEqual(keys);
  });
});

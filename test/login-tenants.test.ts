/**
 * An email is unique within a municipality, not across them (issue #8 §2): creating an account
 * never reveals another municipality's accounts, and login still works by email and password,
 * asking for the municipality only when the password fits accounts in several.
 */
import type { LightMyRequestResponse } from 'fastify';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../server/access/passwords.js';
import { createTestApp, type TestApp } from './helpers/app.js';
import { createTenant, type TestTenant } from './helpers/factories.js';

const P = '/api/v1';
const SHARED = 'shared.person@example.test';
let t: TestApp;
let beta: TestTenant;
let gamma: TestTenant;

async function addAccount(tenant: TestTenant, email: string, password: string, role = 'hub_staff') {
  const id = uuidv7();
  await t.ctx.db
    .insertInto('accounts')
    .values({
      tenant_id: tenant.id,
      id,
      email,
      display_name: `${tenant.slug} ${email}`,
      role: role as 'hub_staff',
      password_hash: await hashPassword(password),
      hub_id: null,
      partner_id: null,
      locale: 'ja',
      created_at: t.clock.now(),
    })
    .execute();
  return id;
}

function login(body: Record<string, string>, ip = '192.0.2.60'): Promise<LightMyRequestResponse> {
  return t.app.inject({ method: 'POST', url: `${P}/auth/login`, payload: body, remoteAddress: ip });
}

beforeAll(async () => {
  t = await createTestApp();
  beta = await createTenant(t.ctx.db, 'beta', t.clock.now());
  gamma = await createTenant(t.ctx.db, 'gamma', t.clock.now());
});
afterAll(async () => t?.close());

describe('creating an account does not reveal other municipalities', () => {
  it('an email used in another municipality can be used here; one used here cannot', async () => {
    await addAccount(beta, 'taken.elsewhere@example.test', 'beta-only-Secret-9417');
    const admin = await t.as('admin');
    const body = {
      email: 'Taken.Elsewhere@example.test',
      display_name: '別自治体と同じ',
      role: 'hub_staff',
      password: 'kawabe-no-sakura-1987-yoru',
    };
    const res = await admin.post(`${P}/accounts`, body);
    expect(res.statusCode, res.body).toBe(201);
    const dup = await admin.post(`${P}/accounts`, { ...body, display_name: '二人目' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('email_taken');
  });
});

describe('login when an email exists in several municipalities', () => {
  it('the password decides: each logs into its own municipality', async () => {
    const a = await addAccount(t.tenant, 'two.places@example.test', 'alpha-Secret-door-5521');
    const b = await addAccount(beta, 'two.places@example.test', 'beta-Secret-window-8830');
    const inA = await login({ email: 'two.places@example.test', password: 'alpha-Secret-door-5521' });
    expect(inA.statusCode, inA.body).toBe(200);
    expect(inA.json()).toMatchObject({ account_id: a, tenant_slug: 'alpha' });
    const inB = await login({ email: 'TWO.places@example.test', password: 'beta-Secret-window-8830' });
    expect(inB.json()).toMatchObject({ account_id: b, tenant_slug: 'beta' });
    const wrong = await login({ email: 'two.places@example.test', password: 'neither-of-them' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toEqual((await login({ email: 'nobody.at.all@example.test', password: 'neither-of-them' })).json());
  });

  it('the same password in several asks for the municipality without naming any, and the slug picks one', async () => {
    await addAccount(t.tenant, SHARED, 'same-Secret-everywhere-42');
    const g = await addAccount(gamma, SHARED, 'same-Secret-everywhere-42');
    await addAccount(beta, SHARED, 'a-different-Secret-77');
    const ask = await login({ email: SHARED, password: 'same-Secret-everywhere-42' });
    expect(ask.statusCode).toBe(409);
    expect(ask.json().error.code).toBe('tenant_required');
    expect(ask.body).not.toMatch(/alpha|beta|gamma/);
    expect(ask.cookies.find((c) => c.name === 'tsunagari_session')).toBeUndefined();
    const ok = await login({ email: SHARED, password: 'same-Secret-everywhere-42', tenant: 'gamma' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ account_id: g, tenant_slug: 'gamma' });
    // A slug that does not fit (or does not exist) is the same 401 as a wrong password.
    const other = await login({ email: SHARED, password: 'same-Secret-everywhere-42', tenant: 'beta' });
    const unknown = await login({ email: SHARED, password: 'same-Secret-everywhere-42', tenant: 'no-such-town' });
    for (const r of [other, unknown]) {
      expect(r.statusCode).toBe(401);
      expect(r.json().error.code).toBe('invalid_credentials');
    }
  });

  it('a wrong password against an email in several municipalities is audited in each, as login_failed', async () => {
    const before = await t.ctx.db.selectFrom('audit_log').select('tenant_id').where('action', '=', 'login_failed').execute();
    await login({ email: SHARED, password: 'not-it-at-all' }, '192.0.2.61');
    const after = await t.ctx.db.selectFrom('audit_log').select('tenant_id').where('action', '=', 'login_failed').execute();
    const added = after.slice(before.length).map((r) => r.tenant_id);
    expect(new Set(added)).toEqual(new Set([t.tenant.id, beta.id, gamma.id]));
  });
});

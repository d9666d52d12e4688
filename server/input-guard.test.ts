/**
 * Text PostgreSQL cannot store (NUL) or that would be stored changed (lone UTF-16 surrogates
 * become U+FFFD in text and are refused by jsonb) is refused with 400 invalid_input naming the
 * field, in any JSON or form body, query string or path parameter, before any handler runs.
 */
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/helpers/app.js';
import { registerErrorHandler } from './errors.js';
import { findUnstorable, registerInputGuard } from './input-guard.js';
import { addKey, form, sample } from './modules/open311/open311.helpers.test-support.js';

const P = '/api/v1';
let t: TestApp;
let caseId: string;
let apiKey: string;

beforeAll(async () => {
  t = await createTestApp();
  const partner = await t.as('partner');
  const c = (await partner.post(`${P}/concerns`, { category: 'not_seen' })).json();
  caseId = (await (await t.as('hub_staff')).post(`${P}/concerns/${c.id}/triage`, { urgency: 'normal' })).json().id;
  apiKey = await addKey(t);
});
afterAll(async () => t?.close());

function expectRefused(res: { statusCode: number; json(): any; body: string }, field: string) {
  expect(res.statusCode, res.body).toBe(400);
  const body = res.json();
  if (Array.isArray(body)) {
    // Open311 answers errors in its own shape: [{ code, description }].
    expect(body[0]).toMatchObject({ code: 400 });
    expect(body[0].description).toContain(field);
    return;
  }
  expect(body.error.code).toBe('invalid_input');
  expect(body.error.message).toContain(field);
}

const publicReport = (description: string, ip: string) =>
  t.app.inject({
    method: 'POST',
    url: `${P}/public/tenants/alpha/concerns`,
    payload: { category: 'not_seen', anonymous: true, description },
    remoteAddress: ip,
  });

describe('NUL is refused everywhere, naming the field', () => {
  it('the public report form (JSON body)', async () => {
    const before = await t.ctx.db.selectFrom('concerns').select('id').execute();
    expectRefused(await publicReport('新聞が\u0000たまっている', '192.0.2.80'), 'description');
    expect(await t.ctx.db.selectFrom('concerns').select('id').execute()).toHaveLength(before.length);
  });

  it('Open311 POST (form-encoded)', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      payload: form(sample(apiKey, { description: 'bad\u0000text' })),
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    });
    expectRefused(res, 'description');
  });

  it('people search (query string)', async () => {
    const staff = await t.as('hub_staff');
    expectRefused(await staff.get(`${P}/people?q=${encodeURIComponent('山\u0000田')}`), 'q');
  });

  it('case notes (JSON body, nested fields too)', async () => {
    const staff = await t.as('hub_staff');
    expectRefused(await staff.post(`${P}/cases/${caseId}/notes`, { body: 'メモ\u0000' }), 'body');
  });

  it('a path parameter', async () => {
    expectRefused(await t.app.inject({ method: 'GET', url: `/c/abc%00def` }), 'token');
    const r = await t.app.inject({ method: 'GET', url: `/open311/v2/requests/abc%00.json?api_key=${apiKey}` });
    expectRefused(r, 'id');
  });
});

describe('lone UTF-16 surrogates are refused too (PostgreSQL would store U+FFFD or refuse jsonb)', () => {
  it('in a JSON body, written as an escape', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `${P}/public/tenants/alpha/concerns`,
      payload: '{"category":"not_seen","anonymous":true,"place_text":"\\ud800荘"}',
      headers: { 'content-type': 'application/json' },
      remoteAddress: '192.0.2.81',
    });
    expectRefused(res, 'place_text');
  });

  it('a proper surrogate pair (an emoji) is fine', async () => {
    const res = await publicReport('玄関に🐈がずっといる', '192.0.2.82');
    expect(res.statusCode, res.body).toBe(201);
  });
});

describe('routes that check their items themselves', () => {
  it('keep their body (perItemValidation), but not their query string', async () => {
    const app = Fastify();
    registerErrorHandler(app);
    registerInputGuard(app);
    app.post('/batch', { config: { perItemValidation: true } }, async (req) => ({ got: (req.body as { items: string[] }).items.length }));
    const ok = await app.inject({ method: 'POST', url: '/batch', payload: { items: ['a\u0000', 'b'] } });
    expect(ok.json()).toEqual({ got: 2 });
    const q = await app.inject({ method: 'POST', url: '/batch?x=%00', payload: { items: [] } });
    expect(q.statusCode).toBe(400);
    await app.close();
  });

  it('findUnstorable names nested fields and keys', () => {
    expect(findUnstorable({ a: [{ b: 'ok' }, { c: 'x\u0000' }] })).toEqual(['a', '1', 'c']);
    expect(findUnstorable({ 'k\u0000': 1 })).toEqual(['k\u0000']);
    expect(findUnstorable({ s: '\udc00' })).toEqual(['s']);
    expect(findUnstorable({ s: '😀', n: 1, z: null })).toBeNull();
  });
});

/**
 * Bad input gets a clear error and changes nothing (DESIGN.md §5). Every write route of the API
 * is in BODIES below: aimed at real rows of the caller's tenant (real ids, real link tokens) and
 * sent by a role that may call it, so the request passes path validation and access control and
 * is refused by the body schema — 400 invalid_input or invalid_json with a translated message —
 * and no table changes. Routes without a JSON body say why instead. A write route missing from
 * the table fails this file. Then field-level cases: the message names the field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declaredRoutes, type RouteAccess } from '../server/access/access.plugin.js';
import { can, type Role } from '../server/access/roles.js';
import { createTestApp, type TestApp } from './helpers/app.js';
import { FIELD_CASES } from './helpers/field-cases.js';
import { databaseSnapshot, snapshotDb } from './helpers/snapshot.js';
import { buildWorld, type World } from './helpers/world.js';

const P = '/api/v1';
const t: TestApp = await createTestApp(); // top-level: the routes must be known when tests are collected
const owner = snapshotDb(t.testDb);
afterAll(async () => {
  await owner.destroy();
  await t?.close();
});
let w: World;
beforeAll(async () => {
  w = await buildWorld(t, t.tenant, '入力');
});

/** Where to send a body: a URL with real ids; who sends it (default: a role the route allows). */
interface Target {
  url: (w: World) => string;
  as?: Role | 'anonymous';
  headers?: (w: World) => Record<string, string>;
}
const at = (url: (w: World) => string, more: Omit<Target, 'url'> = {}): Target => ({ url, ...more });
const fixed = (url: string, more: Omit<Target, 'url'> = {}) => at(() => url, more);
const NO_ID = 'takes no body: the id in the path is the whole request';

const BODIES: Record<string, Target | string> = {
  [`POST ${P}/auth/login`]: fixed(`${P}/auth/login`, { as: 'anonymous' }),
  [`POST ${P}/auth/logout`]: 'takes no body: it ends the session of the cookie',
  [`POST ${P}/auth/password`]: fixed(`${P}/auth/password`),
  [`POST ${P}/accounts`]: fixed(`${P}/accounts`),
  [`PATCH ${P}/accounts/:id`]: at((w) => `${P}/accounts/${w.tenant.accounts.outreach.id}`),
  [`POST ${P}/accounts/:id/reset-password`]: NO_ID,
  [`PATCH ${P}/settings`]: fixed(`${P}/settings`),
  [`POST ${P}/concerns`]: fixed(`${P}/concerns`, { as: 'partner' }),
  [`POST ${P}/concerns/:id/thanks`]: at((w) => `${P}/concerns/${w.triagedConcernId}/thanks`),
  [`POST ${P}/concerns/:id/dismiss`]: at((w) => `${P}/concerns/${w.spareConcernId}/dismiss`),
  [`POST ${P}/concerns/:id/triage`]: at((w) => `${P}/concerns/${w.spareConcernId}/triage`),
  [`POST ${P}/concerns/:id/photos`]: 'takes raw image bytes, not JSON; their checks are photos.test.ts',
  [`PATCH ${P}/cases/:id`]: at((w) => `${P}/cases/${w.caseId}`),
  [`POST ${P}/cases/:id/contacts`]: at((w) => `${P}/cases/${w.caseId}/contacts`),
  [`POST ${P}/cases/:id/notes`]: at((w) => `${P}/cases/${w.caseId}/notes`),
  [`POST ${P}/cases/:id/referrals`]: at((w) => `${P}/cases/${w.caseId}/referrals`),
  [`PATCH ${P}/referrals/:id`]: at((w) => `${P}/referrals/${w.referralId}`),
  [`POST ${P}/people`]: fixed(`${P}/people`),
  [`PATCH ${P}/people/:id`]: at((w) => `${P}/people/${w.personId}`),
  [`POST ${P}/people/:id/consents`]: at((w) => `${P}/people/${w.personId}/consents`),
  [`POST ${P}/consents/:id/withdraw`]: at((w) => `${P}/consents/${w.spareConsentId}/withdraw`),
  [`POST ${P}/households`]: fixed(`${P}/households`),
  [`POST ${P}/notifications/:id/read`]: NO_ID,
  [`POST ${P}/partners`]: fixed(`${P}/partners`),
  [`PATCH ${P}/partners/:id`]: at((w) => `${P}/partners/${w.partnerId}`),
  [`POST ${P}/partners/:id/agreements`]: at((w) => `${P}/partners/${w.partnerId}/agreements`),
  [`PATCH ${P}/agreements/:id`]: at((w) => `${P}/agreements/${w.agreementId}`),
  [`POST ${P}/agreements/:id/enrollment-sticker.pdf`]: at((w) => `${P}/agreements/${w.agreementId}/enrollment-sticker.pdf`),
  [`POST ${P}/partners/:id/enrollments`]: at((w) => `${P}/partners/${w.partnerId}/enrollments`),
  [`POST ${P}/partners/:id/api-keys`]: at((w) => `${P}/partners/${w.partnerId}/api-keys`),
  [`POST ${P}/api-keys/:id/revoke`]: NO_ID,
  [`POST ${P}/enroll`]: fixed(`${P}/enroll`, { as: 'anonymous' }),
  [`POST ${P}/devices/:id/revoke`]: NO_ID,
  [`POST ${P}/supporters/invitations`]: fixed(`${P}/supporters/invitations`),
  [`POST ${P}/people/:id/devices`]: at((w) => `${P}/people/${w.personId}/devices`),
  [`PATCH ${P}/devices/watch/:id`]: at((w) => `${P}/devices/watch/${w.watchDeviceId}`),
  [`POST ${P}/devices/watch/:id/rotate-token`]: NO_ID,
  [`POST ${P}/devices/watch/:id/revoke-token`]: NO_ID,
  [`POST ${P}/ingest-credentials`]: fixed(`${P}/ingest-credentials`),
  [`PATCH ${P}/ingest-credentials/:id`]: at((w) => `${P}/ingest-credentials/${w.credentialId}`),
  [`POST ${P}/ingest-credentials/:id/revoke`]: NO_ID,
  [`PUT ${P}/people/:id/watch-settings`]: at((w) => `${P}/people/${w.personId}/watch-settings`),
  [`POST ${P}/telemetry`]: fixed(`${P}/telemetry`, { as: 'anonymous', headers: (w) => ({ authorization: `Bearer ${w.credentialToken}` }) }),
  [`POST ${P}/mqtt/auth`]: fixed(`${P}/mqtt/auth`, { as: 'anonymous' }),
  [`POST ${P}/mqtt/acl`]: fixed(`${P}/mqtt/acl`, { as: 'anonymous' }),
  [`POST ${P}/public/tenants/:slug/concerns`]: at((w) => `${P}/public/tenants/${w.slug}/concerns`, { as: 'anonymous' }),
  [`POST ${P}/people/:id/checkin-plans`]: at((w) => `${P}/people/${w.personId}/checkin-plans`),
  [`PATCH ${P}/checkin-plans/:id`]: at((w) => `${P}/checkin-plans/${w.planId}`),
  [`POST ${P}/checkin-plans/:id/subscribe-link`]: at((w) => `${P}/checkin-plans/${w.planId}/subscribe-link`), // {} or nothing
  [`POST ${P}/public/checkins/:token`]: at((w) => `${P}/public/checkins/${w.checkinToken}`, { as: 'anonymous' }),
  [`POST ${P}/public/checkin-subscriptions/:token`]: at((w) => `${P}/public/checkin-subscriptions/${w.subscribeToken}`, {
    as: 'anonymous',
  }),
  [`POST ${P}/alerts/:id/acknowledge`]: NO_ID,
  [`POST ${P}/alerts/:id/resolve`]: at((w) => `${P}/alerts/${w.alertId}/resolve`),
  [`POST ${P}/people/:id/watchers`]: at((w) => `${P}/people/${w.personId}/watchers`),
  [`PATCH ${P}/watchers/:id`]: at((w) => `${P}/watchers/${w.watcherId}`),
  [`DELETE ${P}/watchers/:id`]: NO_ID,
  [`POST ${P}/public/confirm/:token`]: at((w) => `${P}/public/confirm/${w.confirmToken}`, { as: 'anonymous' }),
};

const key = (r: { method: string; url: string }) => `${r.method} ${r.url}`;
const writes = declaredRoutes.filter((r) => ['POST', 'PATCH', 'PUT', 'DELETE'].includes(r.method));
// Reads may touch a session's last-seen time; nothing else may change.
const snapshot = () => databaseSnapshot(owner, ['sessions']);

function roleFor(permission: RouteAccess, target: Target): Role | 'anonymous' {
  if (target.as) return target.as;
  if (permission === 'public') return 'anonymous';
  if (permission === 'authenticated') return 'hub_lead';
  return (['admin', 'hub_lead', 'hub_staff', 'coordinator', 'partner'] as Role[]).find((r) => can(r, permission))!;
}
const actor = async (who: Role | 'anonymous') => (who === 'anonymous' ? t.anonymous() : t.as(who));

const BAD_BODIES: [string, unknown, string][] = [
  ['an unknown field', { surely_not_a_field: 1 }, 'invalid_input'],
  ['an array', [1, 2], 'invalid_input'],
  ['malformed JSON', '{"category": ', 'invalid_json'],
];
const MESSAGES: Record<string, Record<string, RegExp>> = {
  ja: { invalid_input: /^入力内容に誤りがあります（.+）$/, invalid_json: /JSON/ },
  en: { invalid_input: /^Some input is not valid \(.+\)\.$/, invalid_json: /not valid JSON/ },
};

describe('route inventory', () => {
  it('found the write routes', () => expect(writes.length).toBeGreaterThan(50));
  it.each(writes.map((r) => [key(r)]))('%s is in BODIES', (k) => {
    expect(BODIES[k], `add ${k} to BODIES in test/invalid-input.test.ts (where to send a body, or why it takes none)`).toBeDefined();
  });
  it('BODIES names no route that does not exist', () => {
    expect(Object.keys(BODIES).filter((k) => !writes.some((r) => key(r) === k))).toEqual([]);
  });
  it('a route said to take no body has no body schema, and every other one has one (OpenAPI)', () => {
    const spec = t.app.swagger() as { paths: Record<string, Record<string, { requestBody?: unknown }>> };
    for (const r of writes) {
      const op = spec.paths[r.url.replace(/:([A-Za-z_]+)/g, '{$1}')]?.[r.method.toLowerCase()];
      if (!op) continue; // hidden from the document
      expect({ route: key(r), body: !!op.requestBody }).toEqual({ route: key(r), body: typeof BODIES[key(r)] !== 'string' });
    }
  });
});

describe.each(writes.map((r) => [key(r), r] as const))('%s', (k, route) => {
  const target = BODIES[k];
  if (target === undefined) {
    it('is in BODIES', () => expect.fail(`add ${k} to BODIES in test/invalid-input.test.ts`));
    return;
  }
  if (typeof target === 'string') {
    it(`takes no JSON body: ${target}`, () => expect(target.length).toBeGreaterThan(20));
    return;
  }
  const cases = ['ja', 'en'].flatMap((locale) => BAD_BODIES.map(([label, body, code]) => [label, locale, body, code] as const));
  it.each(cases)('given %s (%s): 400, a translated message, nothing written', async (_label, locale, body, code) => {
    const who = roleFor(route.permission, target);
    const a = await actor(who);
    const before = await snapshot();
    const res = await a.inject({
      method: route.method as 'POST',
      url: target.url(w),
      payload: body as string,
      headers: { 'content-type': 'application/json', 'accept-language': locale, ...(target.headers?.(w) ?? {}) },
    });
    expect({ status: res.statusCode, code: res.json().error?.code }, res.body).toEqual({ status: 400, code });
    expect(res.json().error.message).toMatch(MESSAGES[locale]![code]!);
    // Path and access passed: the body is what was refused (Fastify checks params before the body,
    // and a refused param would be reported as /id or params).
    if (code === 'invalid_input') expect(res.json().error.details[0].path, res.body).toBe('body');
    expect(await snapshot()).toEqual(before);
  });
});

describe.each(FIELD_CASES.map((g) => [g.route, g] as const))('%s: field-level errors name the field and write nothing', (_route, g) => {
  it.each(g.cases)('%s', async (_label, body, want) => {
    const before = await snapshot();
    const method = g.route.split(' ')[0] as 'POST';
    const res = await (await actor(g.as)).inject({ method, url: g.url(w), payload: body as object });
    const code = typeof want === 'string' ? 'invalid_input' : want.code;
    expect({ status: res.statusCode, code: res.json().error?.code }, res.body).toEqual({ status: 400, code });
    expect(typeof res.json().error.message).toBe('string');
    if (typeof want === 'string' && want) expect(res.json().error.message, 'the message names the field').toContain(`（${want}）`);
    expect(await snapshot()).toEqual(before);
  });
});

describe('a partial update changes only what it names', () => {
  it('PATCH /checkin-plans/:id without missed_threshold keeps it (the create default must not fill the patch)', async () => {
    const staff = await t.as('hub_staff');
    const created = await staff.post(`${P}/people/${w.personId}/checkin-plans`, {
      frequency: 'daily',
      local_time: '09:00',
      channel: 'email',
      address: 'a@example.test',
      missed_threshold: 5,
    });
    expect(created.statusCode, created.body).toBe(201);
    const res = await staff.patch(`${P}/checkin-plans/${created.json().id}`, { local_time: '10:00' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ local_time: '10:00', missed_threshold: 5 });
  });
});

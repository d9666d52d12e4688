/**
 * Bad input gets a clear error and changes nothing: every write route, given invalid bodies,
 * answers 400 with a stable code and a translated message, and no table changes.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declaredRoutes } from '../server/access/access.plugin.js';
import type { Role } from '../server/access/roles.js';
import { can } from '../server/access/roles.js';
import { createTestApp, type TestApp } from './helpers/app.js';

let t: TestApp;
let ids: { concern: string; caseId: string; person: string; referral: string; consent: string; notification: string; account: string };

beforeAll(async () => {
  t = await createTestApp();
  const partner = await t.as('partner');
  const staff = await t.as('hub_staff');
  const c = (await partner.post('/api/v1/concerns', { category: 'not_seen', latitude: 35.625, longitude: 139.685 })).json();
  const c2 = (await partner.post('/api/v1/concerns', { category: 'lights' })).json();
  const k = (await staff.post(`/api/v1/concerns/${c.id}/triage`, { urgency: 'high', new_person: { name: '検証 太郎' } })).json();
  const consent = (await staff.post(`/api/v1/people/${k.person_id}/consents`, { shared_with: '保健センター', scope: '支援' })).json();
  const referral = (
    await staff.post(`/api/v1/cases/${k.id}/referrals`, {
      agency_id: t.tenant.agencyId,
      reason: 'x',
      legal_basis: 'consent',
      consent_id: consent.id,
    })
  ).json();
  ids = {
    concern: c2.id,
    caseId: k.id,
    person: k.person_id,
    referral: referral.id,
    consent: consent.id,
    notification: crypto.randomUUID(),
    account: t.tenant.accounts.outreach.id,
  };
});
afterAll(async () => t?.close());

/** Row counts of every table except the audit log and sessions (reads may add to those). */
async function snapshot(): Promise<Record<string, number>> {
  const { rows } = await sql<{
    relname: string;
  }>`SELECT relname FROM pg_stat_user_tables WHERE schemaname = 'public' AND relname NOT IN ('audit_log', 'sessions', 'kysely_migration', 'kysely_migration_lock')`.execute(
    t.ctx.db,
  );
  const out: Record<string, number> = {};
  for (const { relname } of rows) {
    const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(relname)}`.execute(t.ctx.db);
    out[relname] = r.rows[0]!.n;
  }
  return out;
}

function urlFor(template: string): string {
  return template
    .replace('/concerns/:id', `/concerns/${ids.concern}`)
    .replace('/cases/:id', `/cases/${ids.caseId}`)
    .replace('/people/:id', `/people/${ids.person}`)
    .replace('/referrals/:id', `/referrals/${ids.referral}`)
    .replace('/consents/:id', `/consents/${ids.consent}`)
    .replace('/notifications/:id', `/notifications/${ids.notification}`)
    .replace('/accounts/:id', `/accounts/${ids.account}`)
    .replace('/households/:id', `/households/${crypto.randomUUID()}`);
}

// Routes without a JSON body; photos take raw image bytes and have their own tests (photos.test.ts).
const NO_BODY = new Set([
  '/api/v1/auth/logout',
  '/api/v1/consents/:id/withdraw',
  '/api/v1/notifications/:id/read',
  '/api/v1/concerns/:id/photos',
]);
const BAD_BODIES: [string, unknown, string, RegExp][] = [
  ['an unknown field', { surely_not_a_field: 1 }, 'invalid_input', /入力内容に誤りがあります/],
  ['an array', [1, 2], 'invalid_input', /入力内容に誤りがあります/],
  ['malformed JSON', '{"category": ', 'invalid_json', /JSON/],
];

describe('every write route rejects invalid bodies and writes nothing', () => {
  const writes = () =>
    declaredRoutes.filter((r) => (r.method === 'POST' || r.method === 'PATCH') && !NO_BODY.has(r.url) && r.url !== '/api/v1/auth/login');
  it('covers the write routes', () => {
    expect(writes().length).toBeGreaterThanOrEqual(15);
  });

  it.each(BAD_BODIES)('given %s', async (_label, body, code, message) => {
    for (const route of writes()) {
      const role: Role =
        route.permission === 'public' || route.permission === 'authenticated'
          ? 'hub_lead'
          : (['admin', 'hub_lead', 'hub_staff', 'partner', 'coordinator'] as Role[]).find((r) => can(r, route.permission as never))!;
      const actor = await t.as(role);
      const before = await snapshot();
      const res = await actor.inject({
        method: route.method as 'POST',
        url: urlFor(route.url),
        payload: body as object,
        headers: { 'content-type': 'application/json' },
      });
      expect({ route: `${route.method} ${route.url}`, status: res.statusCode }).toEqual({
        route: `${route.method} ${route.url}`,
        status: 400,
      });
      expect(res.json().error.code).toBe(code);
      expect(res.json().error.message).toMatch(message);
      expect(await snapshot()).toEqual(before);
    }
  });
});

describe('field-level errors on the core writes', () => {
  const cases: [string, Role, () => string, Record<string, unknown>, string][] = [
    ['triage: unknown urgency', 'hub_staff', () => `/api/v1/concerns/${ids.concern}/triage`, { urgency: 'asap' }, 'invalid_input'],
    [
      'triage: person_id not a uuid',
      'hub_staff',
      () => `/api/v1/concerns/${ids.concern}/triage`,
      { urgency: 'high', person_id: '12' },
      'invalid_input',
    ],
    [
      'triage: birth year out of range',
      'hub_staff',
      () => `/api/v1/concerns/${ids.concern}/triage`,
      { urgency: 'high', new_person: { birth_year: 1800 } },
      'invalid_input',
    ],
    [
      'contact: method',
      'hub_staff',
      () => `/api/v1/cases/${ids.caseId}/contacts`,
      { method: 'letter', reached: true, occurred_at: '2026-11-02T00:00:00Z', note: '' },
      'invalid_input',
    ],
    [
      'contact: reached missing',
      'hub_staff',
      () => `/api/v1/cases/${ids.caseId}/contacts`,
      { method: 'visit', occurred_at: '2026-11-02T00:00:00Z', note: '' },
      'invalid_input',
    ],
    [
      'contact: occurred_at not a time',
      'hub_staff',
      () => `/api/v1/cases/${ids.caseId}/contacts`,
      { method: 'visit', reached: true, occurred_at: 'today', note: '' },
      'invalid_input',
    ],
    ['case: unknown outcome', 'hub_lead', () => `/api/v1/cases/${ids.caseId}`, { status: 'closed', outcome: 'gone' }, 'invalid_input'],
    ['case: empty patch', 'hub_lead', () => `/api/v1/cases/${ids.caseId}`, {}, 'invalid_input'],
    ['person: too long name', 'hub_staff', () => `/api/v1/people/${ids.person}`, { name: 'あ'.repeat(101) }, 'invalid_input'],
    [
      'person: emergency contact without name',
      'hub_staff',
      () => `/api/v1/people/${ids.person}`,
      { emergency_contacts: [{ relation: '長男', phone: '090' }] },
      'invalid_input',
    ],
    [
      'person: removing longitude but not latitude',
      'hub_staff',
      () => `/api/v1/people/${ids.person}`,
      { longitude: null },
      'coordinates_incomplete',
    ],
    [
      'referral: unknown basis',
      'hub_lead',
      () => `/api/v1/cases/${ids.caseId}/referrals`,
      { agency_id: crypto.randomUUID(), reason: 'x', legal_basis: 'because' },
      'invalid_input',
    ],
    [
      'referral: unknown agency',
      'hub_lead',
      () => `/api/v1/cases/${ids.caseId}/referrals`,
      { agency_id: crypto.randomUUID(), reason: 'x', legal_basis: 'vital_interest' },
      'agency_not_found',
    ],
    ['settings: zero hours', 'admin', () => '/api/v1/settings', { urgency_targets_hours: { high: 0 } }, 'invalid_input'],
    [
      'account: bad email',
      'admin',
      () => '/api/v1/accounts',
      { email: 'not-an-email', display_name: 'x', role: 'hub_staff', password: 'a-long-password-9' },
      'invalid_input',
    ],
    [
      'account: unknown role',
      'admin',
      () => '/api/v1/accounts',
      { email: 'z@alpha.test', display_name: 'x', role: 'superuser', password: 'a-long-password-9' },
      'invalid_input',
    ],
  ];
  it.each(cases)('%s', async (_label, role, url, body, code) => {
    const actor = await t.as(role);
    const before = await snapshot();
    const u = url();
    const res =
      (u.includes('/cases/') && !u.includes('/contacts') && !u.includes('/referrals')) || u.includes('/people/') || u.endsWith('/settings')
        ? await actor.patch(u, body)
        : await actor.post(u, body);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe(code);
    expect(typeof res.json().error.message).toBe('string');
    expect(await snapshot()).toEqual(before);
  });
});

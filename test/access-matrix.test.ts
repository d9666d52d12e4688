/**
 * The whole permission matrix: every declared /api route × every role, plus anonymous callers.
 * A role without the route's permission gets 403 forbidden; a role with it gets past access
 * control (never 401/403) with a valid request. Routes come from `declaredRoutes`, so a new
 * route without a sample request below fails this file until someone thinks about it.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declaredRoutes, type RouteAccess } from '../server/access/access.plugin.js';
import { can, PERMISSIONS, type Permission, ROLE_PERMISSIONS, ROLES, type Role } from '../server/access/roles.js';
import { type Actor, createTestApp, loginAs, type TestApp } from './helpers/app.js';
import { TEST_PASSWORD } from './helpers/factories.js';

// Top-level await: the routes must be known when the tests are collected, so each role×route
// shows up in the report as its own test.
const t: TestApp = await createTestApp();
afterAll(async () => t?.close());
const routes = [...declaredRoutes].filter((r) => r.url.startsWith('/api/v1/'));

const rnd = () => crypto.randomUUID();
let made = 0;

/** Rows the samples point at, made through the API in beforeAll. */
interface Seed {
  caseId: string;
  personId: string;
  concernId: string;
  triageConcernId: string;
  dismissConcernId: string;
  consentId: string;
  withdrawConsentId: string;
  referralId: string;
  deviceKey: string;
  deviceToken: string;
  ingestToken: string;
}
let seed: Seed;

interface Sample {
  url?: (s: Seed) => string; // defaults to the route url with :params replaced by random UUIDs
  body?: (s: Seed, role: Role | 'anonymous') => unknown;
  stream?: boolean; // Server-Sent Events: read headers only
  freshSession?: boolean; // the call ends the session (logout), so use a new one
  headers?: (s: Seed) => Record<string, string>;
}

const key = (method: string, url: string) => `${method} ${url}`;
const P = '/api/v1';
const SAMPLES: Record<string, Sample> = {
  [key('POST', `${P}/auth/login`)]: {
    body: (_s, role) => ({ email: role === 'anonymous' ? 'nobody@alpha.test' : t.tenant.accounts[role].email, password: TEST_PASSWORD }),
  },
  [key('POST', `${P}/auth/logout`)]: { freshSession: true },
  [key('GET', `${P}/auth/me`)]: {},
  [key('GET', `${P}/public/tenants/:slug`)]: { url: () => `${P}/public/tenants/alpha` },
  [key('GET', `${P}/public/tenants/:slug/areas.geojson`)]: { url: () => `${P}/public/tenants/alpha/areas.geojson` },
  [key('POST', `${P}/public/tenants/:slug/concerns`)]: {
    url: () => `${P}/public/tenants/alpha/concerns`,
    body: () => ({ category: 'other', anonymous: true }),
  },
  [key('POST', `${P}/concerns/:id/photos`)]: { url: (s) => `${P}/concerns/${s.concernId}/photos`, body: () => ({ not: 'an image' }) }, // JSON body: 415 for allowed roles
  [key('GET', `${P}/concerns/:id/photos/:photoId`)]: { url: (s) => `${P}/concerns/${s.concernId}/photos/${crypto.randomUUID()}` },
  [key('POST', `${P}/concerns/:id/thanks`)]: {
    url: (s) => `${P}/concerns/${s.concernId}/thanks`,
    body: () => ({ message: 'ありがとうございました' }),
  },
  [key('GET', `${P}/partners`)]: {},
  [key('POST', `${P}/partners`)]: { body: () => ({ name: `協力事業者${++made}`, kind: 'retail' }) },
  [key('GET', `${P}/partners/report-stats`)]: {},
  [key('GET', `${P}/partners/:id`)]: { url: () => `${P}/partners/${t.tenant.partnerId}` },
  [key('PATCH', `${P}/partners/:id`)]: { url: () => `${P}/partners/${t.tenant.partnerId}`, body: () => ({ note: 'メモ' }) },
  [key('GET', `${P}/partners/:id/agreements`)]: { url: () => `${P}/partners/${t.tenant.partnerId}/agreements` },
  [key('POST', `${P}/partners/:id/agreements`)]: {
    url: () => `${P}/partners/${t.tenant.partnerId}/agreements`,
    body: () => ({ signed_on: '2026-04-01', scope: '配達時の見守り' }),
  },
  [key('PATCH', `${P}/agreements/:id`)]: { body: () => ({ scope: '見守り' }) }, // random id: 404 for allowed roles
  [key('GET', `${P}/agreements/:id/sticker.pdf`)]: {}, // random id: 404 for allowed roles
  [key('POST', `${P}/agreements/:id/enrollment-sticker.pdf`)]: { body: () => ({}) }, // random id: 404 for allowed roles
  [key('POST', `${P}/partners/:id/enrollments`)]: {
    url: () => `${P}/partners/${t.tenant.partnerId}/enrollments`,
    body: () => ({ label: '配達員' }),
  },
  [key('GET', `${P}/partners/:id/api-keys`)]: { url: () => `${P}/partners/${t.tenant.partnerId}/api-keys` },
  [key('POST', `${P}/partners/:id/api-keys`)]: {
    url: () => `${P}/partners/${t.tenant.partnerId}/api-keys`,
    body: () => ({ label: 'Open311' }),
  },
  [key('POST', `${P}/api-keys/:id/revoke`)]: {}, // random id: 404 for allowed roles
  [key('POST', `${P}/enroll`)]: { body: () => ({ code: 'not-a-real-enrollment-code' }) }, // public: 404 for everyone
  [key('GET', `${P}/device/me`)]: {}, // a login is not a device: 404 for roles that may file concerns
  [key('GET', `${P}/partners/:id/devices`)]: { url: () => `${P}/partners/${t.tenant.partnerId}/devices` },
  [key('GET', `${P}/devices`)]: {},
  [key('POST', `${P}/devices/:id/revoke`)]: {}, // random id: 404 for allowed roles
  [key('POST', `${P}/supporters/invitations`)]: { body: () => ({ display_name: 'サポーター' }) },
  [key('GET', `${P}/accounts`)]: {},
  [key('POST', `${P}/accounts`)]: {
    body: () => ({
      email: `new-${++made}@alpha.test`,
      display_name: '新規 職員',
      role: 'hub_staff',
      password: 'a-long-password-123',
      hub_id: t.tenant.hubId,
    }),
  },
  [key('PATCH', `${P}/accounts/:id`)]: { body: () => ({ display_name: '改名' }) }, // random id: 404 for allowed roles
  [key('GET', `${P}/audit`)]: {},
  [key('PATCH', `${P}/settings`)]: { body: () => ({ urgency_targets_hours: { low: 168 } }) }, // the default: changes nothing
  [key('POST', `${P}/households`)]: { body: () => ({ address: '北一丁目1-1' }) },
  [key('GET', `${P}/households/:id`)]: {}, // random id: 404 for allowed roles
  [key('GET', `${P}/concern-categories`)]: {},
  [key('GET', `${P}/settings`)]: {},
  [key('GET', `${P}/areas`)]: {},
  [key('GET', `${P}/areas.geojson`)]: {},
  [key('GET', `${P}/hubs`)]: {},
  [key('POST', `${P}/concerns`)]: {
    body: () => ({ category: 'mail_piling_up', description: '新聞がたまっている', place_text: 'メゾン北101号室' }),
  },
  [key('GET', `${P}/concerns/mine`)]: {},
  [key('GET', `${P}/concerns/:id`)]: { url: (s) => `${P}/concerns/${s.concernId}` },
  [key('GET', `${P}/triage`)]: {},
  [key('GET', `${P}/events`)]: { stream: true },
  [key('GET', `${P}/concerns/mine/events`)]: { stream: true },
  [key('POST', `${P}/concerns/:id/triage`)]: {
    url: (s) => `${P}/concerns/${s.triageConcernId}/triage`,
    body: () => ({ urgency: 'normal' }),
  },
  [key('POST', `${P}/concerns/:id/dismiss`)]: {
    url: (s) => `${P}/concerns/${s.dismissConcernId}/dismiss`,
    body: () => ({ reason: '福祉的な対応は不要' }),
  },
  [key('GET', `${P}/cases`)]: {},
  [key('GET', `${P}/cases/:id`)]: { url: (s) => `${P}/cases/${s.caseId}` },
  [key('PATCH', `${P}/cases/:id`)]: { url: (s) => `${P}/cases/${s.caseId}`, body: () => ({ status: 'supporting' }) },
  [key('POST', `${P}/cases/:id/contacts`)]: {
    url: (s) => `${P}/cases/${s.caseId}/contacts`,
    body: () => ({ method: 'phone', reached: false, occurred_at: t.clock.now().toISOString(), note: '不在' }),
  },
  [key('POST', `${P}/cases/:id/notes`)]: { url: (s) => `${P}/cases/${s.caseId}/notes`, body: () => ({ body: 'メモ' }) },
  [key('POST', `${P}/cases/:id/referrals`)]: {
    url: (s) => `${P}/cases/${s.caseId}/referrals`,
    body: (s) => ({ agency_id: t.tenant.agencyId, reason: '健康相談', legal_basis: 'consent', consent_id: s.consentId }),
  },
  [key('PATCH', `${P}/referrals/:id`)]: { url: (s) => `${P}/referrals/${s.referralId}`, body: () => ({ status: 'accepted' }) },
  [key('GET', `${P}/agencies`)]: {},
  [key('GET', `${P}/people`)]: { url: () => `${P}/people?q=${encodeURIComponent('山田')}` },
  [key('GET', `${P}/people/:id`)]: { url: (s) => `${P}/people/${s.personId}` },
  [key('POST', `${P}/people`)]: { body: () => ({ name: '佐藤 花子', kana: 'サトウ ハナコ', birth_year: 1940 }) },
  [key('PATCH', `${P}/people/:id`)]: { url: (s) => `${P}/people/${s.personId}`, body: () => ({ living_alone: true }) },
  [key('POST', `${P}/people/:id/consents`)]: {
    url: (s) => `${P}/people/${s.personId}/consents`,
    body: () => ({ shared_with: '保健センター', scope: '健康相談' }),
  },
  [key('POST', `${P}/consents/:id/withdraw`)]: { url: (s) => `${P}/consents/${s.withdrawConsentId}/withdraw` },
  [key('GET', `${P}/kpis/first-contact`)]: {},
  [key('GET', `${P}/notifications`)]: {},
  [key('POST', `${P}/notifications/:id/read`)]: {}, // random id: 404 for allowed roles
  // Watch alerts, watchers and the watchers' confirm link (issue #4)
  [key('GET', `${P}/alerts`)]: { url: () => `${P}/alerts?status=open` },
  [key('GET', `${P}/alerts/:id`)]: {}, // random id: 404 for allowed roles
  [key('POST', `${P}/alerts/:id/acknowledge`)]: {}, // random id: 404 for allowed roles
  [key('POST', `${P}/alerts/:id/resolve`)]: { body: () => ({ outcome: 'safe' }) }, // random id: 404 for allowed roles
  [key('GET', `${P}/people/:id/watchers`)]: { url: (s) => `${P}/people/${s.personId}/watchers` },
  [key('POST', `${P}/people/:id/watchers`)]: {
    url: (s) => `${P}/people/${s.personId}/watchers`,
    body: () => ({ name: '長女', channel: 'email', address: `w${++made}@example.test` }),
  },
  [key('PATCH', `${P}/watchers/:id`)]: { body: () => ({ active: false }) }, // random id: 404 for allowed roles
  [key('DELETE', `${P}/watchers/:id`)]: {}, // random id: 404 for allowed roles
  [key('GET', `${P}/people/:id/watch-settings`)]: { url: (s) => `${P}/people/${s.personId}/watch-settings` },
  [key('PUT', `${P}/people/:id/watch-settings`)]: {
    url: (s) => `${P}/people/${s.personId}/watch-settings`,
    body: () => ({ watcherConfirmMinutes: 15 }),
  },
  [key('GET', `${P}/public/confirm/:token`)]: { url: () => `${P}/public/confirm/${'z'.repeat(43)}` }, // public: 404 for everyone
  [key('POST', `${P}/public/confirm/:token`)]: { url: () => `${P}/public/confirm/${'z'.repeat(43)}`, body: () => ({ outcome: 'safe' }) }, // public: 404 for everyone
  [key('GET', `${P}/kpis/safety-checks`)]: {},
  // Watch devices and telemetry (issue #4)
  [key('GET', `${P}/people/:id/devices`)]: { url: (s) => `${P}/people/${s.personId}/devices` },
  [key('POST', `${P}/people/:id/devices`)]: {
    url: (s) => `${P}/people/${s.personId}/devices`,
    body: () => ({ type: 'motion', location_in_home: '居間' }),
  },
  [key('PATCH', `${P}/devices/watch/:id`)]: { body: () => ({ location_in_home: '寝室' }) }, // random id: 404 for allowed roles
  [key('POST', `${P}/devices/watch/:id/rotate-token`)]: {}, // random id: 404 for allowed roles
  [key('POST', `${P}/devices/watch/:id/revoke-token`)]: {}, // random id: 404 for allowed roles
  [key('GET', `${P}/ingest-credentials`)]: {},
  [key('POST', `${P}/ingest-credentials`)]: { body: () => ({ label: 'ゲートウェイ' }) },
  [key('POST', `${P}/ingest-credentials/:id/revoke`)]: {}, // random id: 404 for allowed roles
  [key('POST', `${P}/telemetry`)]: {
    // public: the device's own bearer token, not the session
    headers: (s) => ({ authorization: `Bearer ${s.ingestToken}` }),
    body: (s) => ({ readings: [{ device_id: s.deviceKey, ts: t.clock.now().toISOString(), kind: 'heartbeat', value: 1 }] }),
  },
  [key('GET', `${P}/telemetry/stats`)]: {},
  [key('POST', `${P}/mqtt/auth`)]: { body: (s) => ({ username: s.deviceKey, password: s.deviceToken }) }, // the broker's hook
  [key('POST', `${P}/mqtt/acl`)]: {
    body: (s) => ({ username: s.deviceKey, topic: `tsunagari/alpha/devices/${s.deviceKey}/telemetry`, action: 'publish' }),
  },
  // Check-ins (定期安否確認)
  [key('GET', `${P}/people/:id/checkin-plans`)]: { url: (s) => `${P}/people/${s.personId}/checkin-plans` },
  [key('POST', `${P}/people/:id/checkin-plans`)]: {
    url: (s) => `${P}/people/${s.personId}/checkin-plans`,
    body: () => ({ frequency: 'daily', local_time: '09:00', channel: 'email', address: 'watch@example.test' }),
  },
  [key('PATCH', `${P}/checkin-plans/:id`)]: { body: () => ({ local_time: '10:00' }) }, // random id: 404 for allowed roles
  [key('POST', `${P}/checkin-plans/:id/subscribe-link`)]: {}, // random id: 404 for allowed roles
  [key('GET', `${P}/people/:id/checkins`)]: { url: (s) => `${P}/people/${s.personId}/checkins` },
  [key('POST', `${P}/public/checkins/:token`)]: { url: () => `${P}/public/checkins/${'z'.repeat(43)}`, body: () => ({ answer: 'fine' }) }, // public: 404 for everyone
  [key('POST', `${P}/public/checkin-subscriptions/:token`)]: {
    url: () => `${P}/public/checkin-subscriptions/${'z'.repeat(43)}`,
    body: () => ({ endpoint: 'https://push.example.test/x', keys: { p256dh: 'k', auth: 'a' } }),
  }, // public: 404 for everyone
};

function urlOf(route: { url: string }, sample: Sample): string {
  return sample.url ? sample.url(seed) : route.url.replace(/:[a-z_]+/g, () => rnd());
}

async function call(
  a: Pick<Actor, 'inject'>,
  route: { method: string; url: string },
  role: Role | 'anonymous',
): Promise<{ status: number; body: any }> {
  const sample = SAMPLES[key(route.method, route.url)]!;
  const opts = {
    method: route.method as 'GET',
    url: urlOf(route, sample),
    ...(route.method === 'GET' ? {} : { payload: (sample.body?.(seed, role) ?? {}) as object }),
    ...(sample.headers ? { headers: sample.headers(seed) } : {}),
  };
  if (sample.stream) {
    const controller = new AbortController();
    const res = (await a.inject({ ...opts, payloadAsStream: true, signal: controller.signal } as never)) as LightMyRequestResponse;
    if (res.statusCode === 200) {
      controller.abort();
      return { status: 200, body: null };
    }
    const chunks: Buffer[] = [];
    for await (const c of res.stream()) chunks.push(Buffer.from(c));
    return { status: res.statusCode, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) };
  }
  const res = await a.inject(opts);
  let body: any = null;
  try {
    body = res.body ? res.json() : null;
  } catch {
    body = res.body;
  }
  return { status: res.statusCode, body };
}

function allowed(role: Role, permission: RouteAccess): boolean {
  return permission === 'public' || permission === 'authenticated' || can(role, permission);
}

/** A watch device and a tenant ingestion credential, for the telemetry and broker-hook samples. */
async function watchDevice(personId: string) {
  const staff = await t.as('hub_staff');
  const d = await staff.post(`${P}/people/${personId}/devices`, { type: 'emergency_button' });
  expect(d.statusCode).toBe(201);
  const cred = await staff.post(`${P}/ingest-credentials`, { label: 'gateway' });
  expect(cred.statusCode).toBe(201);
  return { deviceKey: d.json().device_key as string, deviceToken: d.json().token as string, ingestToken: cred.json().token as string };
}

beforeAll(async () => {
  const partner = await t.as('partner');
  const staff = await t.as('hub_staff');
  const file = async (place: string) => {
    const r = await partner.post(`${P}/concerns`, { category: 'mail_piling_up', place_text: place, latitude: 35.625, longitude: 139.685 });
    expect(r.statusCode).toBe(201);
    return r.json().id as string;
  };
  const concernId = await file('コーポ南203号室');
  const triaged = await staff.post(`${P}/concerns/${concernId}/triage`, {
    urgency: 'high',
    new_person: { name: '山田 太郎', kana: 'ヤマダ タロウ' },
  });
  expect(triaged.statusCode).toBe(200);
  const c = triaged.json();
  const consent = await staff.post(`${P}/people/${c.person_id}/consents`, { shared_with: '保健センター', scope: '健康相談' });
  const withdraw = await staff.post(`${P}/people/${c.person_id}/consents`, { shared_with: '社協', scope: '見守り' });
  const referral = await staff.post(`${P}/cases/${c.id}/referrals`, {
    agency_id: t.tenant.agencyId,
    reason: '健康相談',
    legal_basis: 'consent',
    consent_id: consent.json().id,
  });
  expect(referral.statusCode).toBe(201);
  seed = {
    caseId: c.id,
    personId: c.person_id,
    concernId,
    triageConcernId: await file('ハイツ東1号室'),
    dismissConcernId: await file('ハイツ西2号室'),
    consentId: consent.json().id,
    withdrawConsentId: withdraw.json().id,
    referralId: referral.json().id,
    ...(await watchDevice(c.person_id)),
  };
  t.clock.advance(60_000);
});

describe('route inventory', () => {
  it('found the API routes', () => {
    expect(routes.length).toBeGreaterThan(20);
  });
  it.each(routes.map((r) => [key(r.method, r.url)]))('%s has a sample request in this file', (k) => {
    expect(SAMPLES[k], `add a sample request for ${k} to test/access-matrix.test.ts`).toBeDefined();
  });
  it('declares only known permissions', () => {
    for (const r of routes) expect(['public', 'authenticated', ...PERMISSIONS]).toContain(r.permission);
  });
  it('has only the login and the public report page as public routes, and only session routes open to any role', () => {
    const PUBLIC = [
      key('POST', `${P}/auth/login`),
      key('GET', `${P}/public/tenants/:slug`),
      key('GET', `${P}/public/tenants/:slug/areas.geojson`),
      key('POST', `${P}/public/tenants/:slug/concerns`),
    ];
    // One-tap check-in answers and the push opt-in: the token in the link is the capability, throttled per client.
    PUBLIC.push(key('POST', `${P}/public/checkins/:token`), key('POST', `${P}/public/checkin-subscriptions/:token`));
    // A watcher's one-tap safety confirmation: the token in the link is the capability, throttled per client.
    PUBLIC.push(key('GET', `${P}/public/confirm/:token`), key('POST', `${P}/public/confirm/:token`));
    // Devices and vendor gateways authenticate with their own bearer tokens; the broker calls its auth hooks.
    PUBLIC.push(key('POST', `${P}/telemetry`), key('POST', `${P}/mqtt/auth`), key('POST', `${P}/mqtt/acl`));
    expect(
      routes
        .filter((r) => r.permission === 'public')
        .map((r) => key(r.method, r.url))
        .filter((k) => !k.endsWith('/enroll'))
        .sort(),
    ).toEqual(PUBLIC.sort());
    // Enrollment redeems a one-time code: public by nature, throttled per client.
    expect(routes.filter((r) => r.permission === 'public' && r.url.endsWith('/enroll')).map((r) => key(r.method, r.url))).toEqual([
      key('POST', `${P}/enroll`),
    ]);
    expect(
      routes
        .filter((r) => r.permission === 'authenticated')
        .map((r) => key(r.method, r.url))
        .sort(),
    ).toEqual([key('GET', `${P}/auth/me`), key('POST', `${P}/auth/logout`)].sort());
  });
});

describe.each(routes.map((r) => [key(r.method, r.url), r] as const))('%s', (_name, route) => {
  it.each([...ROLES])(`as %s (${route.permission})`, async (role) => {
    if (!SAMPLES[key(route.method, route.url)]) throw new Error(`no sample request for ${key(route.method, route.url)}`);
    const sample = SAMPLES[key(route.method, route.url)]!;
    const a = sample.freshSession ? await loginAs(t.app, t.tenant.accounts[role].email) : await t.as(role);
    const { status, body } = await call(a, route, role);
    if (allowed(role, route.permission)) {
      expect(status, JSON.stringify(body)).not.toBe(401);
      expect(status, JSON.stringify(body)).not.toBe(403);
      expect(status, JSON.stringify(body)).toBeLessThan(500);
      // The sample must pass validation, or the test proves nothing about the handler.
      if (status === 400) expect(body?.error?.code, JSON.stringify(body)).not.toBe('invalid_input');
    } else {
      expect(status, JSON.stringify(body)).toBe(403);
      expect(body.error.code).toBe('forbidden');
    }
  });

  if (route.permission !== 'public') {
    it('anonymous gets 401 unauthenticated', async () => {
      const { status, body } = await call(t.anonymous(), route, 'anonymous');
      expect(status).toBe(401);
      expect(body.error.code).toBe('unauthenticated');
    });
  }
});

describe('the matrix follows DESIGN.md §1 and §5', () => {
  const perms = (r: Role) => [...ROLE_PERMISSIONS[r]].sort();
  const holders = (p: Permission) => ROLES.filter((r) => can(r, p)).sort();
  const PERSONAL: Permission[] = [
    'concern:read',
    'triage:read',
    'case:read',
    'person:read',
    'person:write',
    'case:write',
    'contact:write',
    'referral:write',
    'triage:write',
  ];

  it('partner files concerns and reads its own acknowledgements, nothing more', () => {
    expect(perms('partner')).toEqual(['concern:create', 'concern:read_own', 'directory:read']);
  });
  it('supporter has no personal-data reads (until assignment-scoped reads exist)', () => {
    expect(perms('supporter')).toEqual(['concern:create', 'concern:read_own', 'directory:read']);
  });
  it('analyst sees aggregates only: no person, case or concern read', () => {
    expect(perms('analyst')).toEqual(['directory:read', 'kpi:read']);
  });
  it.each(['coordinator', 'counselor', 'helper', 'admin', 'partner', 'supporter', 'analyst'] as Role[])(
    '%s holds no personal-data permission',
    (role) => {
      for (const p of PERSONAL) expect(can(role, p), `${role} must not have ${p}`).toBe(false);
    },
  );
  it('check-ins: hub, outreach and coordinator read plans and answers; hub and coordinator record opt-ins', () => {
    expect(holders('checkin:read')).toEqual(['coordinator', 'hub_lead', 'hub_staff', 'outreach']);
    expect(holders('checkin:write')).toEqual(['coordinator', 'hub_lead', 'hub_staff']);
  });
  it('watch devices: hub, outreach and coordinator see them; hub and coordinator register them and manage tokens', () => {
    expect(holders('device:read')).toEqual(['coordinator', 'hub_lead', 'hub_staff', 'outreach']);
    expect(holders('device:write')).toEqual(['coordinator', 'hub_lead', 'hub_staff']);
  });
  it('alerts: hub, outreach and coordinator (technical alerts only) read; hub and outreach act; hub and coordinator manage watchers', () => {
    expect(holders('alert:read')).toEqual(['coordinator', 'hub_lead', 'hub_staff', 'outreach']);
    expect(holders('alert:write')).toEqual(['hub_lead', 'hub_staff', 'outreach']);
    expect(holders('watcher:write')).toEqual(['coordinator', 'hub_lead', 'hub_staff']);
  });
  it('only hub_lead may share without consent (referral:override)', () => {
    expect(holders('referral:override')).toEqual(['hub_lead']);
  });
  it('only hub_lead assigns cases to others', () => {
    expect(holders('case:assign')).toEqual(['hub_lead']);
  });
  it('only admin manages accounts and tenant settings; audit is read by admin and hub_lead', () => {
    expect(holders('account:write')).toEqual(['admin']);
    expect(holders('settings:write' as Permission)).toEqual(['admin']);
    expect(holders('audit:read')).toEqual(['admin', 'hub_lead']);
  });
  it('personal data is read only by hub and outreach roles', () => {
    expect(holders('person:read')).toEqual(['hub_lead', 'hub_staff', 'outreach']);
    expect(holders('case:read')).toEqual(['hub_lead', 'hub_staff', 'outreach']);
    expect(holders('concern:read')).toEqual(['hub_lead', 'hub_staff']);
    expect(holders('triage:read')).toEqual(['hub_lead', 'hub_staff']);
    expect(holders('triage:write')).toEqual(['hub_lead', 'hub_staff']);
    expect(holders('person:write')).toEqual(['hub_lead', 'hub_staff']);
    expect(holders('referral:write')).toEqual(['hub_lead', 'hub_staff']);
  });
  it('outreach logs contacts but does not triage, write people or refer', () => {
    expect(perms('outreach')).toEqual([
      'alert:read',
      'alert:write',
      'case:read',
      'checkin:read',
      'concern:create',
      'contact:write',
      'device:read',
      'directory:read',
      'notification:read',
      'person:read',
    ]);
  });
  it('hub_lead is hub_staff plus lead duties', () => {
    const extra = perms('hub_lead').filter((p) => !ROLE_PERMISSIONS.hub_staff.has(p));
    expect(extra.sort()).toEqual(['account:read', 'audit:read', 'case:assign', 'partner:read', 'referral:override']);
    for (const p of ROLE_PERMISSIONS.hub_staff) expect(can('hub_lead', p)).toBe(true);
  });
  it('every permission is held by some role, and every role by the ROLES list', () => {
    for (const p of PERMISSIONS) expect(holders(p).length, p).toBeGreaterThan(0);
    expect(Object.keys(ROLE_PERMISSIONS).sort()).toEqual([...ROLES].sort());
  });
});

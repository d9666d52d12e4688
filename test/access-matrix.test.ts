/**
 * The whole permission matrix: every declared /api route × every role, plus anonymous callers,
 * against WHO_MAY below — a table written here, not read from roles.ts or the route. Two checks:
 * (a) live: a role the table allows gets past access control with a valid request (never
 * 401/403), any other role gets 403 forbidden, anonymous callers 401; (b) declared: the route's
 * permission grants exactly the table's roles. So a route whose permission changes, or a role
 * granted a permission in roles.ts, fails here until the table says so too. A route missing
 * from the table (or without a sample request, test/helpers/access-samples.ts) fails.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declaredRoutes } from '../server/access/access.plugin.js';
import { can, PERMISSIONS, type Permission, ROLE_PERMISSIONS, ROLES, type Role } from '../server/access/roles.js';
import { accessSamples, type Sample } from './helpers/access-samples.js';
import { type Actor, createTestApp, loginAs, type TestApp } from './helpers/app.js';
import { buildWorld, type World } from './helpers/world.js';

// Top-level await: the routes must be known when the tests are collected, so each role×route
// shows up in the report as its own test.
const t: TestApp = await createTestApp();
afterAll(async () => t?.close());
const routes = declaredRoutes.filter((r) => r.url.startsWith('/api/v1/'));
const key = (r: { method: string; url: string }) => `${r.method} ${r.url}`;
const SAMPLES = accessSamples(t);
let w: World;
beforeAll(async () => {
  w = await buildWorld(t, t.tenant, '検証');
  t.clock.advance(60_000);
});

// Who may call each route (DESIGN.md §1, §5), in words a reviewer can check against the design.
// 'public': anyone, logged in or not; 'any': any logged-in role.
type Who = 'public' | 'any' | readonly Role[];
const HUB: Role[] = ['hub_staff', 'hub_lead']; // triage, cases, people, referrals: personal data
const HUB_OUT: Role[] = [...HUB, 'outreach']; // field work: read cases and people, log contacts
const WATCHERS: Role[] = [...HUB_OUT, 'coordinator']; // read watch devices, alerts, check-ins
const WATCH_ADMIN: Role[] = [...HUB, 'coordinator']; // register devices, manage watchers and check-in plans
const FILERS: Role[] = [...HUB_OUT, 'partner', 'supporter', 'coordinator', 'counselor', 'helper']; // file a concern
const REPORTERS: Role[] = ['partner', 'supporter']; // their own reports only
const EVERYONE: Role[] = [
  'hub_staff',
  'hub_lead',
  'outreach',
  'partner',
  'supporter',
  'coordinator',
  'counselor',
  'helper',
  'analyst',
  'admin',
];
const KPI: Role[] = [...HUB, 'coordinator', 'analyst', 'admin'];
const PARTNER_READ: Role[] = ['hub_lead', 'coordinator'];
const COORDINATOR: Role[] = ['coordinator'];
const ACCOUNT_READ: Role[] = ['hub_lead', 'coordinator', 'admin'];
const ADMIN: Role[] = ['admin'];
const AUDIT: Role[] = ['hub_lead', 'admin'];
const CHANNELS: Role[] = ['hub_lead', 'coordinator', 'admin']; // which delivery channels are off (no secrets)

const P = '/api/v1';
const WHO_MAY: Record<string, Who> = {
  [`POST ${P}/auth/login`]: 'public',
  [`POST ${P}/auth/logout`]: 'any',
  [`POST ${P}/auth/password`]: 'any', // one's own password only
  [`GET ${P}/auth/me`]: 'any',
  [`GET ${P}/accounts`]: ACCOUNT_READ,
  [`POST ${P}/accounts`]: ADMIN,
  [`PATCH ${P}/accounts/:id`]: ADMIN,
  [`POST ${P}/accounts/:id/reset-password`]: ADMIN,
  [`GET ${P}/audit`]: AUDIT,
  [`GET ${P}/audit/export`]: AUDIT,
  [`GET ${P}/cases/export`]: HUB_OUT,
  [`GET ${P}/kpis/export`]: KPI,
  [`GET ${P}/partners/report-stats/export`]: PARTNER_READ,
  [`GET ${P}/concern-categories`]: EVERYONE,
  [`GET ${P}/settings`]: EVERYONE,
  [`PATCH ${P}/settings`]: ADMIN,
  [`GET ${P}/areas`]: EVERYONE,
  [`GET ${P}/areas.geojson`]: EVERYONE,
  [`GET ${P}/hubs`]: EVERYONE,
  [`GET ${P}/agencies`]: EVERYONE,
  [`POST ${P}/concerns`]: FILERS,
  [`GET ${P}/concerns/mine`]: REPORTERS,
  [`GET ${P}/concerns/mine/events`]: REPORTERS,
  [`GET ${P}/concerns/:id`]: HUB,
  [`POST ${P}/concerns/:id/thanks`]: HUB,
  [`GET ${P}/triage`]: HUB,
  [`POST ${P}/concerns/:id/triage`]: HUB,
  [`POST ${P}/concerns/:id/dismiss`]: HUB,
  [`POST ${P}/concerns/:id/photos`]: FILERS,
  [`GET ${P}/concerns/:id/photos/:photoId`]: HUB,
  [`GET ${P}/events`]: HUB_OUT,
  [`GET ${P}/cases`]: HUB_OUT,
  [`GET ${P}/cases/:id`]: HUB_OUT,
  [`PATCH ${P}/cases/:id`]: HUB,
  [`POST ${P}/cases/:id/contacts`]: HUB_OUT,
  [`POST ${P}/cases/:id/notes`]: HUB,
  [`POST ${P}/cases/:id/referrals`]: HUB,
  [`GET ${P}/cases/:id/referral-check`]: HUB,
  [`PATCH ${P}/referrals/:id`]: HUB,
  [`GET ${P}/people`]: HUB_OUT,
  [`GET ${P}/people/:id`]: HUB_OUT,
  [`POST ${P}/people`]: HUB,
  [`PATCH ${P}/people/:id`]: HUB,
  [`POST ${P}/people/:id/consents`]: HUB,
  [`POST ${P}/consents/:id/withdraw`]: HUB,
  [`POST ${P}/households`]: HUB,
  [`GET ${P}/households/:id`]: HUB_OUT,
  [`GET ${P}/kpis/first-contact`]: KPI,
  [`GET ${P}/kpis/safety-checks`]: KPI,
  [`GET ${P}/notifications`]: HUB_OUT,
  [`GET ${P}/settings/channels`]: CHANNELS,
  [`GET ${P}/concerns/:id/resident-updates`]: HUB,
  [`POST ${P}/notifications/:id/read`]: HUB_OUT,
  [`GET ${P}/partners`]: PARTNER_READ,
  [`POST ${P}/partners`]: COORDINATOR,
  [`GET ${P}/partners/report-stats`]: PARTNER_READ,
  [`GET ${P}/partners/:id`]: PARTNER_READ,
  [`PATCH ${P}/partners/:id`]: COORDINATOR,
  [`GET ${P}/partners/:id/agreements`]: PARTNER_READ,
  [`POST ${P}/partners/:id/agreements`]: COORDINATOR,
  [`PATCH ${P}/agreements/:id`]: COORDINATOR,
  [`GET ${P}/agreements/:id/sticker.pdf`]: PARTNER_READ,
  [`POST ${P}/agreements/:id/enrollment-sticker.pdf`]: COORDINATOR,
  [`POST ${P}/partners/:id/enrollments`]: COORDINATOR,
  [`GET ${P}/partners/:id/api-keys`]: PARTNER_READ,
  [`POST ${P}/partners/:id/api-keys`]: COORDINATOR,
  [`POST ${P}/api-keys/:id/revoke`]: COORDINATOR,
  [`POST ${P}/enroll`]: 'public', // redeems a one-time code: the code is the capability, throttled per client
  [`GET ${P}/device/me`]: FILERS, // meant for enrolled phones (partner, supporter); a login gets 404
  [`GET ${P}/partners/:id/devices`]: PARTNER_READ,
  [`GET ${P}/devices`]: PARTNER_READ,
  [`POST ${P}/devices/:id/revoke`]: COORDINATOR,
  [`POST ${P}/supporters/invitations`]: COORDINATOR,
  [`GET ${P}/people/:id/devices`]: WATCHERS,
  [`POST ${P}/people/:id/devices`]: WATCH_ADMIN,
  [`PATCH ${P}/devices/watch/:id`]: WATCH_ADMIN,
  [`POST ${P}/devices/watch/:id/rotate-token`]: WATCH_ADMIN,
  [`POST ${P}/devices/watch/:id/revoke-token`]: WATCH_ADMIN,
  [`GET ${P}/ingest-credentials`]: WATCH_ADMIN,
  [`POST ${P}/ingest-credentials`]: WATCH_ADMIN,
  [`PATCH ${P}/ingest-credentials/:id`]: WATCH_ADMIN,
  [`POST ${P}/ingest-credentials/:id/revoke`]: WATCH_ADMIN,
  [`GET ${P}/people/:id/watch-settings`]: WATCHERS,
  [`PUT ${P}/people/:id/watch-settings`]: WATCH_ADMIN,
  [`POST ${P}/telemetry`]: 'public', // devices and gateways: their own bearer tokens, checked by the route
  [`GET ${P}/telemetry/stats`]: WATCHERS,
  [`GET ${P}/telemetry/quarantine`]: WATCHERS,
  [`POST ${P}/mqtt/auth`]: 'public', // the broker's hooks
  [`POST ${P}/mqtt/acl`]: 'public',
  [`GET ${P}/public/tenants/:slug`]: 'public', // the resident report page
  [`GET ${P}/public/tenants/:slug/areas.geojson`]: 'public',
  [`POST ${P}/public/tenants/:slug/concerns`]: 'public',
  [`GET ${P}/people/:id/checkin-plans`]: WATCHERS,
  [`POST ${P}/people/:id/checkin-plans`]: WATCH_ADMIN,
  [`PATCH ${P}/checkin-plans/:id`]: WATCH_ADMIN,
  [`POST ${P}/checkin-plans/:id/subscribe-link`]: WATCH_ADMIN,
  [`GET ${P}/people/:id/checkins`]: WATCHERS,
  [`POST ${P}/public/checkins/:token`]: 'public', // one-tap answers: the link's token is the capability
  [`POST ${P}/public/checkin-subscriptions/:token`]: 'public',
  [`GET ${P}/alerts`]: WATCHERS,
  [`GET ${P}/alerts/:id`]: WATCHERS,
  // Coordinators fix device faults: technical alerts only (policies.ts mayHandleAlert; a welfare alert is 404 to them).
  [`POST ${P}/alerts/:id/acknowledge`]: WATCHERS,
  [`POST ${P}/alerts/:id/resolve`]: WATCHERS,
  [`GET ${P}/people/:id/watchers`]: WATCHERS,
  [`POST ${P}/people/:id/watchers`]: WATCH_ADMIN,
  [`PATCH ${P}/watchers/:id`]: WATCH_ADMIN,
  [`DELETE ${P}/watchers/:id`]: WATCH_ADMIN,
  [`GET ${P}/public/confirm/:token`]: 'public', // a watcher's one-tap confirmation: the token is the capability
  [`POST ${P}/public/confirm/:token`]: 'public',
};

const mayCall = (who: Who, role: Role) => who === 'public' || who === 'any' || who.includes(role);

async function call(a: Pick<Actor, 'inject'>, route: { method: string; url: string }, role: Role | 'anonymous') {
  const sample: Sample = SAMPLES[key(route)]!;
  const opts = {
    method: route.method as 'GET',
    url: sample.url ? sample.url(w) : route.url.replace(/:[A-Za-z_]+/g, () => crypto.randomUUID()),
    ...(route.method === 'GET' ? {} : { payload: (sample.body?.(w, role) ?? {}) as object }),
    ...(sample.headers ? { headers: sample.headers(w) } : {}),
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
  return { status: res.statusCode as number, body };
}

describe('route inventory', () => {
  it('found the API routes', () => expect(routes.length).toBeGreaterThan(90));
  it.each(routes.map((r) => [key(r)]))('%s is in WHO_MAY and has a sample request', (k) => {
    expect(WHO_MAY[k], `add ${k} to WHO_MAY in test/access-matrix.test.ts: who may call it?`).toBeDefined();
    expect(SAMPLES[k], `add a sample request for ${k} to test/helpers/access-samples.ts`).toBeDefined();
  });
  it('the tables name no route that does not exist', () => {
    const known = new Set(routes.map(key));
    expect(Object.keys(WHO_MAY).filter((k) => !known.has(k))).toEqual([]);
    expect(Object.keys(SAMPLES).filter((k) => !known.has(k))).toEqual([]);
  });
  it('declares only known permissions', () => {
    for (const r of routes) expect(['public', 'authenticated', ...PERMISSIONS]).toContain(r.permission);
  });
});

describe.each(routes.map((r) => [key(r), r] as const))('%s', (k, route) => {
  const who = WHO_MAY[k];
  it('declares a permission that grants exactly the roles in WHO_MAY', () => {
    expect(who, `add ${k} to WHO_MAY in test/access-matrix.test.ts`).toBeDefined();
    if (who === 'public' || who === 'any') {
      expect(route.permission).toBe(who === 'public' ? 'public' : 'authenticated');
      return;
    }
    expect(['public', 'authenticated']).not.toContain(route.permission);
    const granted = ROLES.filter((r) => can(r, route.permission as Permission));
    expect(granted.sort(), `${k} declares ${route.permission}`).toEqual([...who].sort());
  });

  it.each([...ROLES])('as %s: allowed or refused as WHO_MAY says', async (role) => {
    if (!who || !SAMPLES[k]) throw new Error(`${k} needs a WHO_MAY entry and a sample request`);
    const a = SAMPLES[k]!.freshSession ? await loginAs(t.app, t.tenant.accounts[role].email) : await t.as(role);
    const { status, body } = await call(a, route, role);
    if (mayCall(who, role)) {
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

  if (who !== 'public') {
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

  it('the roles are the ones DESIGN.md §1 names', () => {
    expect([...ROLES].sort()).toEqual([...EVERYONE].sort());
  });
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
  it('only hub_lead may share without consent (referral:override)', () => {
    expect(holders('referral:override')).toEqual(['hub_lead']);
  });
  it('only hub_lead assigns cases to others', () => {
    expect(holders('case:assign')).toEqual(['hub_lead']);
  });
  it('hub_lead is hub_staff plus lead duties', () => {
    const extra = perms('hub_lead').filter((p) => !ROLE_PERMISSIONS.hub_staff.has(p));
    expect(extra.sort()).toEqual(['account:read', 'audit:read', 'case:assign', 'channel:read', 'partner:read', 'referral:override']);
    for (const p of ROLE_PERMISSIONS.hub_staff) expect(can('hub_lead', p)).toBe(true);
  });
  it('every permission is held by some role, and every role by the ROLES list', () => {
    for (const p of PERMISSIONS) expect(holders(p).length, p).toBeGreaterThan(0);
    expect(Object.keys(ROLE_PERMISSIONS).sort()).toEqual([...ROLES].sort());
  });
});

/**
 * Tenant isolation (DESIGN.md §4): two municipalities in one database, each with a row of every
 * kind. Every declared /api route is called by tenant B's users against tenant A's rows, from
 * the table in test/helpers/isolation-routes.ts: B gets what a random id gets, sees no marker
 * of A, and changes none of A's rows; lists, searches, counts and exports show B only B. A
 * route without an entry fails this file. The tenant comes only from the session: a forged
 * tenant_id in a body is refused and changes nothing.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declaredRoutes, type RouteAccess } from '../server/access/access.plugin.js';
import { can, ROLES, type Role } from '../server/access/roles.js';
import { withTransaction } from '../server/db/transaction.js';
import { raiseAlert } from '../server/modules/alerts/alerts.service.js';
import { type Actor, createTestApp, type TestApp } from './helpers/app.js';
import { createTenant, type TestTenant } from './helpers/factories.js';
import { isolationRoutes, type Probe, type Req } from './helpers/isolation-routes.js';
import { snapshotDb, tenantSnapshot } from './helpers/snapshot.js';
import { buildWorld, markersOf, randomWorld, type World } from './helpers/world.js';

const P = '/api/v1';
// Top-level await: the routes must be known when the tests are collected.
const t: TestApp = await createTestApp();
const owner = snapshotDb(t.testDb);
afterAll(async () => {
  await owner.destroy();
  await t?.close();
});
const routes = declaredRoutes.filter((r) => r.url.startsWith(`${P}/`));
const key = (r: { method: string; url: string }) => `${r.method} ${r.url}`;
const TABLE = isolationRoutes(t);

let A: TestTenant;
let B: TestTenant;
let a: World;
let b: World;
let rnd: World;

beforeAll(async () => {
  A = t.tenant;
  B = await createTenant(t.testDb.db, 'beta', t.clock.now());
  a = await buildWorld(t, A, 'アルファ');
  b = await buildWorld(t, B, 'ベータ');
  rnd = randomWorld(a);
  // A has more than B (a case without first contact, a second welfare alert), so B's counts
  // differ from what they would be with A's rows mixed in.
  const partnerA = await t.as('partner', A);
  const extra = ok(await partnerA.post(`${P}/concerns`, { category: 'mail_piling_up', place_text: 'アルファ別荘' }), 201).id;
  ok(await (await t.as('hub_staff', A)).post(`${P}/concerns/${extra}/triage`, { urgency: 'normal' }));
  await withTransaction(t.ctx, (trx, emit) =>
    raiseAlert(
      trx,
      { tenantId: A.id, personId: a.personId, deviceId: a.watchDeviceId, type: 'inactivity', severity: 'high', at: t.clock.now() },
      emit,
    ),
  );
  t.clock.advance(60_000);
});

const as = (role: Role, tenant: TestTenant) => t.as(role, tenant);
function ok(r: LightMyRequestResponse, status = 200) {
  expect(r.statusCode, r.body).toBe(status);
  return r.json();
}

/** Fails if the text holds any marker of A that the request itself did not carry. */
function expectNoA(text: string, request = '') {
  for (const m of markersOf(a)) if (!request.includes(m)) expect(text, `the answer leaks tenant A's ${m}`).not.toContain(m);
}

function rolesFor(permission: RouteAccess, probe: Probe): (Role | 'anonymous')[] {
  if (probe.roles) return probe.roles;
  if (permission === 'public') return ['anonymous'];
  return ROLES.filter((r) => permission === 'authenticated' || can(r, permission));
}

async function send(who: Role | 'anonymous', r: Req) {
  const actor = who === 'anonymous' ? t.anonymous() : await as(who, B);
  const res = await actor.inject({ method: r.method, url: r.url, payload: (r.raw ?? r.body) as string, headers: r.headers });
  let json: any = null;
  try {
    json = JSON.parse(res.body);
  } catch {}
  return { status: res.statusCode, body: res.body, json, code: json?.error?.code as string | undefined };
}
/** The answer with the request's own ids and texts written as their names, to compare two answers. */
function normalized(body: string, x: World): string {
  let out = body;
  for (const [k, v] of Object.entries(x)) if (typeof v === 'string' && v.length > 3) out = out.split(v).join(`<${k}>`);
  return out;
}
const requestText = (r: Req) => decodeURIComponent(r.url) + JSON.stringify(r.body ?? null) + JSON.stringify(r.headers ?? null);
// Answers that mean the request never reached the tenant's rows, so it would prove nothing.
const VACUOUS = ['invalid_input', 'invalid_json', 'route_not_found', 'unauthenticated', 'csrf_invalid', 'device_token_invalid'];

describe('route inventory', () => {
  it('found the API routes', () => expect(routes.length).toBeGreaterThan(90));
  it.each(routes.map((r) => [key(r)]))('%s has an entry in the isolation table', (k) => {
    expect(
      TABLE[k],
      `add an entry for ${k} to test/helpers/isolation-routes.ts (a probe, or the reason isolation does not apply)`,
    ).toBeDefined();
  });
  it('the table names no route that does not exist', () => {
    expect(Object.keys(TABLE).filter((k) => !routes.some((r) => key(r) === k))).toEqual([]);
  });
});

// First, on the worlds as built: the probes below add rows of their own to B.
describe('tenant B counts only its own rows', () => {
  it("first-contact KPIs of B count B's one case, though A has two", async () => {
    const k = ok(await (await as('hub_lead', B)).get(`${P}/kpis/first-contact`));
    expect([k.cases, k.count]).toEqual([1, 1]);
    const kA = ok(await (await as('hub_lead', A)).get(`${P}/kpis/first-contact`));
    expect([kA.cases, kA.count]).toEqual([2, 1]);
  });

  it("safety-check KPIs of B count B's one welfare alert, though A has two", async () => {
    const k = ok(await (await as('hub_lead', B)).get(`${P}/kpis/safety-checks`));
    const kA = ok(await (await as('hub_lead', A)).get(`${P}/kpis/safety-checks`));
    expect([k.alerts, kA.alerts]).toEqual([1, 2]);
  });

  it.each(['first-contact', 'safety-checks'])("analysts of B (completed months only) count nothing of A's in %s", async (kpi) => {
    const r = await (await as('analyst', B)).get(`${P}/kpis/${kpi}`);
    const k = ok(r);
    expect([0, null]).toContain(k.cases ?? k.alerts);
    expectNoA(r.body);
  });

  it("case number search finds only B's case with that number, though A has one too", async () => {
    const number = ok(await (await as('hub_staff', A)).get(`${P}/cases/${a.caseId}`)).case_number;
    const r = ok(await (await as('hub_staff', B)).get(`${P}/cases?q=${number}`));
    expect(r.items.map((c: { id: string }) => c.id)).toEqual([b.caseId]);
    expectNoA(JSON.stringify(r));
  });

  it("duplicate suggestions at the same place never point to A's concerns", async () => {
    // B files at A's very place text and point: that text is shared, not A's secret.
    const place = 'コーポ中央201号室';
    const fileAt = async (tenant: TestTenant) =>
      ok(
        await (await as('partner', tenant)).post(`${P}/concerns`, {
          category: 'mail_piling_up',
          place_text: place,
          latitude: 35.625,
          longitude: 139.685,
        }),
        201,
      ).id as string;
    const [a1, a2, b1] = [await fileAt(A), await fileAt(A), await fileAt(B)];
    const detail = ok(await (await as('hub_lead', B)).get(`${P}/concerns/${b1}`));
    expect(detail.duplicates.map((d: { id: string }) => d.id)).not.toContain(a1);
    expectNoA(JSON.stringify(detail));
    // A's own view does see its duplicates: the check above is not vacuous.
    const aDetail = ok(await (await as('hub_lead', A)).get(`${P}/concerns/${a2}`));
    expect(aDetail.duplicates.map((d: { id: string }) => d.id)).toContain(a1);
  });

  it("a resident report on B's page carrying A's sticker code is credited to no partner", async () => {
    const r = ok(
      await t.anonymous().post(`${P}/public/tenants/${B.slug}/concerns`, { category: 'other', anonymous: true, ref: a.stickerCode }),
      201,
    );
    const row = await t.ctx.db
      .selectFrom('concerns')
      .select(['tenant_id', 'reporter_partner_id'])
      .where('id', '=', r.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ tenant_id: B.id, reporter_partner_id: null });
  });
});

describe.each(routes.map((r) => [key(r), r] as const))('%s', (k, route) => {
  const entry = TABLE[k];
  if (entry === undefined) {
    it('has an isolation entry', () => expect.fail(`add an entry for ${k} to test/helpers/isolation-routes.ts`));
    return;
  }
  if (typeof entry === 'string') {
    it(`isolation does not apply: ${entry}`, () => expect(entry.length).toBeGreaterThan(20));
    return;
  }
  [entry].flat().forEach((probe, i) => {
    const roles = rolesFor(route.permission, probe);
    const write = route.method !== 'GET';
    if (probe.mode === 'own') {
      it(`#${i + 1}: B's own link reaches only B's rows`, async () => {
        const r = probe.req(b, b);
        const before = await tenantSnapshot(owner, A.id);
        const res = await send(roles[0]!, r);
        expect(res.status, res.body).toBeLessThan(300);
        expectNoA(res.body, requestText(r));
        expect(await tenantSnapshot(owner, A.id)).toEqual(before);
      });
      return;
    }
    it.each(roles)(`#${i + 1} as %s of B: A's ids answer like random ids${write ? ', and A is unchanged' : ''}`, async (who) => {
      const real = probe.req(a, b);
      const before = write ? await tenantSnapshot(owner, A.id) : null;
      const ra = await send(who, real);
      const rr = await send(who, probe.req(rnd, b));
      if (before) expect(await tenantSnapshot(owner, A.id), "B's request changed A's rows").toEqual(before);
      expect(ra.status, ra.body).not.toBe(401);
      expect(VACUOUS, `the probe never reached the data: ${ra.body}`).not.toContain(ra.code);
      expect({ status: ra.status, code: ra.code }, `A's ids: ${ra.body.slice(0, 300)}\nrandom ids: ${rr.body.slice(0, 300)}`).toEqual({
        status: rr.status,
        code: rr.code,
      });
      // Both answered: then with the same content (a read of A's row must not differ from an empty one).
      if (probe.view && ra.status < 300) expect(probe.view(ra.json)).toEqual(probe.view(rr.json));
      else if (!write && ra.status < 300) expect(normalized(ra.body, a)).toEqual(normalized(rr.body, rnd));
      expectNoA(ra.body, requestText(real));
    });
    if (probe.shows) {
      const shows = probe.shows;
      it(`#${i + 1}: aimed at B's own rows, the same request answers them (the check is not vacuous)`, async () => {
        const who = roles.includes('hub_lead') ? 'hub_lead' : roles[0]!;
        const res = await send(who, probe.req(b, b));
        expect(res.status, res.body).toBeLessThan(300);
        expect(res.body).toContain(shows(b));
      });
    }
  });
});

describe("the broker's hooks keep a device in its own tenant", () => {
  // Device keys are unique per tenant only, so B may register a device under A's key. The
  // consumer drops a message whose token is not of the topic's tenant; the broker must not even
  // let B's device publish there (mqtt-auth.ts: "a device may publish only to its own topic").
  it("B's device with the same key as A's may not publish on A's topic", async () => {
    const twin = ok(
      await (await as('hub_staff', B)).post(`${P}/people/${b.personId}/devices`, { type: 'motion', device_key: a.watchDeviceKey }),
      201,
    );
    const anon = t.anonymous();
    const topic = `tsunagari/${A.slug}/devices/${a.watchDeviceKey}/telemetry`;
    const decisions = [];
    for (const username of [a.watchDeviceKey, `${B.slug}/${a.watchDeviceKey}`]) {
      const auth = await anon.post(`${P}/mqtt/auth`, { username, password: twin.token });
      const acl = await anon.post(`${P}/mqtt/acl`, { username, topic, action: 'publish' });
      decisions.push({ username, connects: auth.statusCode === 200, publishesOnA: acl.statusCode === 200 });
    }
    for (const d of decisions) expect(d.connects && d.publishesOnA, JSON.stringify(decisions)).toBe(false);
  });
});

describe('live events stay in their tenant', () => {
  async function open(actor: Actor, url = `${P}/events`) {
    const controller = new AbortController();
    const res = (await actor.inject({
      method: 'GET',
      url,
      payloadAsStream: true,
      signal: controller.signal,
    } as never)) as LightMyRequestResponse;
    expect(res.statusCode).toBe(200);
    let text = '';
    const waiters: (() => void)[] = [];
    res
      .stream()
      .on('data', (c: Buffer) => {
        text += c.toString('utf8');
        for (const w of waiters.splice(0)) w();
      })
      .on('error', () => {});
    return {
      text: () => text,
      async waitFor(s: string) {
        const deadline = Date.now() + 5000;
        while (!text.includes(s)) {
          if (Date.now() > deadline) throw new Error(`no event ${s} in ${text}`);
          await new Promise<void>((r) => {
            waiters.push(r);
            setTimeout(r, 50);
          });
        }
      },
      close: () => controller.abort(),
    };
  }

  async function expectNoneOfA(text: string) {
    const ids = [...text.matchAll(/"id":"([0-9a-f-]{36})"/g)].map((m) => m[1]!);
    if (!ids.length) return;
    const ofA = await t.ctx.db
      .selectFrom('concerns')
      .select('id')
      .where('tenant_id', '=', A.id)
      .where('id', 'in', ids)
      .union(t.ctx.db.selectFrom('cases').select('id').where('tenant_id', '=', A.id).where('id', 'in', ids))
      .union(t.ctx.db.selectFrom('alerts').select('id').where('tenant_id', '=', A.id).where('id', 'in', ids))
      .execute();
    expect(ofA).toEqual([]);
  }

  it("B's console does not hear A's events", async () => {
    const streamA = await open(await as('hub_lead', A));
    const streamB = await open(await as('hub_lead', B));
    try {
      const id = ok(await (await as('partner', A)).post(`${P}/concerns`, { category: 'mail_piling_up' }), 201).id;
      await streamA.waitFor(id); // both subscribers are served in the same dispatch
      expect(streamB.text()).not.toContain(id);
      // B's stream may carry B's own late events (published after commit, in batches); none may be A's.
      await expectNoneOfA(streamB.text());
    } finally {
      streamA.close();
      streamB.close();
    }
  });

  it("B's partner app does not hear the status of A's reports", async () => {
    const streamA = await open(await as('partner', A), `${P}/concerns/mine/events`);
    const streamB = await open(await as('partner', B), `${P}/concerns/mine/events`);
    try {
      ok(await (await as('hub_staff', A)).post(`${P}/concerns/${a.concernId}/thanks`, { message: 'ありがとう' }));
      await streamA.waitFor(a.concernId);
      expect(streamB.text()).not.toContain(a.concernId);
      await expectNoneOfA(streamB.text());
    } finally {
      streamA.close();
      streamB.close();
    }
  });
});

describe('the tenant comes from the session, never from the request', () => {
  const forged: [string, (x: Actor) => Promise<LightMyRequestResponse>][] = [
    ['POST /concerns', (x) => x.post(`${P}/concerns`, { category: 'mail_piling_up', tenant_id: B.id })],
    ['POST /people', (x) => x.post(`${P}/people`, { name: '偽装', tenant_id: B.id })],
    ['PATCH /people/:id', (x) => x.patch(`${P}/people/${a.personId}`, { name: '偽装', tenant_id: B.id })],
    ['PATCH /cases/:id', (x) => x.patch(`${P}/cases/${a.caseId}`, { status: 'closed', outcome: 'resolved', tenant_id: B.id })],
    ['POST /concerns/:id/triage', (x) => x.post(`${P}/concerns/${a.spareConcernId}/triage`, { urgency: 'low', tenant_id: B.id })],
    [
      'POST /concerns/:id/triage (new_person.tenant_id)',
      (x) => x.post(`${P}/concerns/${a.spareConcernId}/triage`, { urgency: 'low', new_person: { name: 'x', tenant_id: B.id } }),
    ],
    [
      'POST /cases/:id/contacts',
      (x) =>
        x.post(`${P}/cases/${a.caseId}/contacts`, {
          method: 'phone',
          reached: true,
          occurred_at: t.clock.now().toISOString(),
          note: 'x',
          tenant_id: B.id,
        }),
    ],
    ['POST /cases/:id/notes', (x) => x.post(`${P}/cases/${a.caseId}/notes`, { body: 'x', tenant_id: B.id })],
    [
      'POST /cases/:id/referrals',
      (x) =>
        x.post(`${P}/cases/${a.caseId}/referrals`, {
          agency_id: A.agencyId,
          reason: 'x',
          legal_basis: 'consent',
          consent_id: a.consentId,
          tenant_id: B.id,
        }),
    ],
    ['PATCH /referrals/:id', (x) => x.patch(`${P}/referrals/${a.referralId}`, { status: 'declined', tenant_id: B.id })],
    ['POST /people/:id/consents', (x) => x.post(`${P}/people/${a.personId}/consents`, { shared_with: 'x', scope: 'x', tenant_id: B.id })],
    [
      'POST /people/:id/watchers',
      (x) => x.post(`${P}/people/${a.personId}/watchers`, { name: 'x', channel: 'email', address: 'x@example.test', tenant_id: B.id }),
    ],
    [
      'PUT /people/:id/watch-settings',
      (x) => x.inject({ method: 'PUT', url: `${P}/people/${a.personId}/watch-settings`, payload: { tenant_id: B.id } }),
    ],
    ['POST /people/:id/devices', (x) => x.post(`${P}/people/${a.personId}/devices`, { type: 'motion', tenant_id: B.id })],
  ];
  it.each(forged)("%s with a tenant_id field is 400 invalid_input and changes nothing (A's lead)", async (_name, send) => {
    const lead = await as('hub_lead', A);
    const [beforeA, beforeB] = [await tenantSnapshot(owner, A.id), await tenantSnapshot(owner, B.id)];
    const r = await send(lead);
    expect(r.statusCode, r.body).toBe(400);
    expect(r.json().error.code).toBe('invalid_input');
    expect(await tenantSnapshot(owner, B.id)).toEqual(beforeB);
    // A's lead's own session row may be touched by the request; everything else of A stays.
    const { sessions: _a, ...afterA } = await tenantSnapshot(owner, A.id);
    const { sessions: _b, ...restA } = beforeA;
    expect(afterA).toEqual(restA);
  });

  it('login with a tenant_id field is 400', async () => {
    const r = await t.anonymous().post(`${P}/auth/login`, { email: A.accounts.hub_staff.email, password: 'x', tenant_id: B.id });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.code).toBe('invalid_input');
  });

  const queries: [Role, string][] = [
    ['hub_lead', `${P}/cases?tenant_id=`],
    ['hub_lead', `${P}/people?q=${encodeURIComponent('ベータ')}&tenant_id=`],
    ['hub_lead', `${P}/triage?tenant_id=`],
    ['hub_lead', `${P}/kpis/first-contact?tenant_id=`],
    ['hub_lead', `${P}/notifications?tenant_id=`],
    ['hub_lead', `${P}/alerts?tenant_id=`],
    ['partner', `${P}/concerns/mine?tenant_id=`],
  ];
  it.each(queries)("%s of A: GET %s<B> never returns B's rows", async (role, url) => {
    const r = await (await as(role, A)).get(url + B.id);
    expect([200, 400]).toContain(r.statusCode);
    if (r.statusCode === 200)
      for (const m of [b.caseId, b.concernId, b.personId, b.alertId, 'ベータ', B.id]) expect(r.body).not.toContain(m);
  });
});

/**
 * Tenant isolation (DESIGN.md §4): two municipalities in one database. Tenant B's staff can
 * neither read, list, count nor change tenant A's rows, and cannot even learn that an id exists
 * (the answer for A's id is the answer for a random id). The tenant comes only from the session:
 * a forged tenant_id in a body is refused and changes nothing.
 */
import type { LightMyRequestResponse } from 'fastify';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../server/access/roles.js';
import { type Actor, createTestApp, type TestApp } from './helpers/app.js';
import { createTenant, type TestTenant } from './helpers/factories.js';

const P = '/api/v1';
let t: TestApp;
let A: TestTenant;
let B: TestTenant;

/** Tenant A's rows, all made through the API as A's users. */
const a = {} as {
  concernId: string;
  untriagedConcernId: string;
  caseId: string;
  caseNumber: number;
  secondCaseId: string;
  personId: string;
  consentId: string;
  referralId: string;
  notificationId: string;
  contactId: string;
};
const b = {} as { concernId: string; caseId: string; consentId: string; personId: string };
const A_NAME = '山田 アルファ太郎';
// B files at the very same place text and point: that text is shared, not A's secret.
const A_PLACE = 'コーポ中央201号室';
const A_SECRET = 'アルファ市の秘密メモ';

const as = (role: Role, tenant: TestTenant) => t.as(role, tenant);
const ok = (r: LightMyRequestResponse, status = 200) => {
  expect(r.statusCode, r.body).toBe(status);
  return r.json();
};

/** Every identifying string of tenant A that must never appear in a response to tenant B. */
const aMarkers = () => [
  A_NAME,
  A_SECRET,
  a.concernId,
  a.untriagedConcernId,
  a.caseId,
  a.secondCaseId,
  a.personId,
  a.consentId,
  a.referralId,
  a.notificationId,
  a.contactId,
  A.id,
  A.agencyId,
  A.hubId,
  ...A.areaIds,
  A.accounts.hub_staff.id,
  '@alpha.test',
];
function expectNoA(body: string) {
  for (const m of aMarkers()) expect(body, `response leaks tenant A's ${m}`).not.toContain(m);
}

beforeAll(async () => {
  t = await createTestApp();
  A = t.tenant;
  B = await createTenant(t.testDb.db, 'beta', t.clock.now());

  // Tenant A: a partner files, staff triage into a case for a new person, contact, consent, referral.
  const partnerA = await as('partner', A);
  const staffA = await as('hub_staff', A);
  a.concernId = ok(
    await partnerA.post(`${P}/concerns`, {
      category: 'mail_piling_up',
      description: A_SECRET,
      place_text: A_PLACE,
      latitude: 35.625,
      longitude: 139.685,
    }),
    201,
  ).id;
  t.clock.advance(60_000);
  const kase = ok(
    await staffA.post(`${P}/concerns/${a.concernId}/triage`, {
      urgency: 'high',
      new_person: { name: A_NAME, kana: 'ヤマダ アルファ' },
      note: A_SECRET,
    }),
  );
  a.caseId = kase.id;
  a.caseNumber = kase.case_number;
  a.personId = kase.person_id;
  a.contactId = ok(
    await staffA.post(`${P}/cases/${a.caseId}/contacts`, {
      method: 'visit',
      reached: true,
      occurred_at: t.clock.now().toISOString(),
      note: A_SECRET,
    }),
    201,
  ).id;
  a.consentId = ok(await staffA.post(`${P}/people/${a.personId}/consents`, { shared_with: '保健センター', scope: '健康相談' }), 201).id;
  a.referralId = ok(
    await staffA.post(`${P}/cases/${a.caseId}/referrals`, {
      agency_id: A.agencyId,
      reason: A_SECRET,
      legal_basis: 'consent',
      consent_id: a.consentId,
    }),
    201,
  ).id;
  const second = ok(await partnerA.post(`${P}/concerns`, { category: 'mail_piling_up', place_text: 'アルファ荘3号室' }), 201).id;
  a.secondCaseId = ok(await staffA.post(`${P}/concerns/${second}/triage`, { urgency: 'normal' })).id;
  a.untriagedConcernId = ok(
    await partnerA.post(`${P}/concerns`, {
      category: 'mail_piling_up',
      description: A_SECRET,
      place_text: A_PLACE,
      latitude: 35.625,
      longitude: 139.685,
    }),
    201,
  ).id;
  // In-app alerts come from the sweeper; one row for A's lead is enough here.
  a.notificationId = uuidv7();
  await t.ctx.db
    .insertInto('notifications')
    .values({
      tenant_id: A.id,
      id: a.notificationId,
      account_id: A.accounts.hub_lead.id,
      kind: 'first_contact_overdue',
      case_id: a.caseId,
      created_at: t.clock.now(),
      read_at: null,
      data: JSON.stringify({ case_number: a.caseNumber }),
    })
    .execute();

  // Tenant B: one concern at the very same place, triaged into one case.
  const partnerB = await as('partner', B);
  const staffB = await as('hub_staff', B);
  b.concernId = ok(
    await partnerB.post(`${P}/concerns`, { category: 'mail_piling_up', place_text: A_PLACE, latitude: 35.625, longitude: 139.685 }),
    201,
  ).id;
  const kb = ok(await staffB.post(`${P}/concerns/${b.concernId}/triage`, { urgency: 'high', new_person: { name: 'ベータ 花子' } }));
  b.caseId = kb.id;
  b.personId = kb.person_id;
  b.consentId = ok(await staffB.post(`${P}/people/${b.personId}/consents`, { shared_with: '保健センター', scope: '健康相談' }), 201).id;
  t.clock.advance(60_000);
});
afterAll(async () => t?.close());

/** A's rows as they are in the database, to prove that B's attempts changed nothing. */
async function aSnapshot() {
  const db = t.ctx.db;
  const count = async (table: 'case_contacts' | 'case_notes' | 'referrals' | 'case_events', caseId: string) =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .where('tenant_id', '=', A.id)
          .where('case_id', '=', caseId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    concerns: await db
      .selectFrom('concerns')
      .select(['id', 'status', 'case_id', 'urgency'])
      .where('tenant_id', '=', A.id)
      .orderBy('id')
      .execute(),
    cases: await db
      .selectFrom('cases')
      .select(['id', 'status', 'assignee_id', 'urgency', 'updated_at'])
      .where('tenant_id', '=', A.id)
      .orderBy('id')
      .execute(),
    person: await db.selectFrom('people').selectAll().where('tenant_id', '=', A.id).where('id', '=', a.personId).executeTakeFirst(),
    consent: await db.selectFrom('consents').selectAll().where('id', '=', a.consentId).executeTakeFirst(),
    referral: await db.selectFrom('referrals').selectAll().where('id', '=', a.referralId).executeTakeFirst(),
    notification: await db.selectFrom('notifications').selectAll().where('id', '=', a.notificationId).executeTakeFirst(),
    contacts: await count('case_contacts', a.caseId),
    notes: await count('case_notes', a.caseId),
    referrals: await count('referrals', a.caseId),
    events: await count('case_events', a.caseId),
    peopleInB: Number(
      (
        await db
          .selectFrom('people')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('tenant_id', '=', B.id)
          .executeTakeFirstOrThrow()
      ).n,
    ),
  };
}

const READERS: Role[] = ['hub_staff', 'hub_lead', 'analyst'];

describe("tenant B cannot reach tenant A's rows by id", () => {
  const reads: [string, (x: typeof a | Record<string, string>) => string][] = [
    ['concern', (x) => `${P}/concerns/${x.concernId}`],
    ['case', (x) => `${P}/cases/${x.caseId}`],
    ['person', (x) => `${P}/people/${x.personId}`],
  ];
  const cases = READERS.flatMap((role) => reads.map(([what, url]) => [role, what, url] as const));
  it.each(cases)("%s of B reading A's %s gets what a random id gets", async (role, _what, url) => {
    const actor = await as(role, B);
    const random = { concernId: crypto.randomUUID(), caseId: crypto.randomUUID(), personId: crypto.randomUUID() };
    const real = await actor.get(url(a));
    const fake = await actor.get(url(random));
    expect(real.statusCode).toBe(fake.statusCode);
    expect(real.json().error.code).toBe(fake.json().error.code);
    expect([403, 404]).toContain(real.statusCode); // 403 only where the role lacks the permission anyway
    if (role !== 'analyst') expect(real.statusCode).toBe(404);
    expectNoA(real.body);
  });

  it("B's staff cannot read A's household by id", async () => {
    const household = ok(await (await as('hub_staff', A)).post(`${P}/households`, { address: A_SECRET }), 201).id;
    for (const role of ['hub_staff', 'hub_lead'] as Role[]) {
      const actor = await as(role, B);
      const real = await actor.get(`${P}/households/${household}`);
      const fake = await actor.get(`${P}/households/${crypto.randomUUID()}`);
      expect(real.statusCode).toBe(404);
      expect(real.json()).toEqual(fake.json());
      expect(real.body).not.toContain(A_SECRET);
    }
    // B cannot put its person into A's household either.
    const r = await (await as('hub_staff', B)).patch(`${P}/people/${b.personId}`, { household_id: household });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.code).toBe('household_not_found');
  });

  it("B's lead cannot mark A's notification read, and it stays unread", async () => {
    const before = await aSnapshot();
    const r = await (await as('hub_lead', B)).post(`${P}/notifications/${a.notificationId}/read`);
    expect(r.statusCode).toBe(404);
    expect(r.json().error.code).toBe('notification_not_found');
    expectNoA(r.body);
    expect((await aSnapshot()).notification).toEqual(before.notification);
  });
});

describe('tenant B lists, searches and counts only its own rows', () => {
  const lists: [Role, string][] = [
    ['hub_staff', `${P}/triage`],
    ['hub_staff', `${P}/cases`],
    ['hub_staff', `${P}/cases?status=supporting`],
    ['hub_staff', `${P}/cases?status=open`],
    ['hub_staff', `${P}/cases?q=${encodeURIComponent('山田')}`],
    ['hub_staff', `${P}/people?q=${encodeURIComponent('山田')}`],
    ['hub_staff', `${P}/people?q=${encodeURIComponent('アルファ')}`],
    ['hub_lead', `${P}/people?q=${encodeURIComponent('コーポ中央')}`],
    ['hub_lead', `${P}/people?q=${encodeURIComponent('ヤマダ')}`],
    ['partner', `${P}/concerns/mine`],
    ['hub_lead', `${P}/notifications`],
    ['hub_staff', `${P}/agencies`],
    ['analyst', `${P}/agencies`],
    ['hub_staff', `${P}/areas`],
    ['analyst', `${P}/areas`],
    ['analyst', `${P}/areas.geojson`],
    ['hub_staff', `${P}/hubs`],
    ['hub_lead', `${P}/accounts`],
    ['admin', `${P}/accounts`],
    ['hub_lead', `${P}/audit`],
    ['admin', `${P}/audit?limit=500`],
  ];
  it.each(lists)('%s of B: GET %s shows nothing of A', async (role, url) => {
    const r = await (await as(role, B)).get(url);
    expect(r.statusCode, r.body).toBe(200);
    expectNoA(r.body);
  });

  it('lists do show B its own rows (so the checks above are not vacuous)', async () => {
    const staff = await as('hub_staff', B);
    expect(ok(await staff.get(`${P}/cases`)).items.map((c: { id: string }) => c.id)).toEqual([b.caseId]);
    expect(ok(await staff.get(`${P}/people?q=${encodeURIComponent('ベータ')}`)).items.map((p: { id: string }) => p.id)).toEqual([
      b.personId,
    ]);
    expect(ok(await staff.get(`${P}/agencies`)).items.map((x: { id: string }) => x.id)).toEqual([B.agencyId]);
    expect(
      ok(await staff.get(`${P}/areas`))
        .items.map((x: { id: string }) => x.id)
        .sort(),
    ).toEqual([...B.areaIds].sort());
    expect(ok(await (await as('partner', B)).get(`${P}/concerns/mine`)).items.map((x: { id: string }) => x.id)).toEqual([b.concernId]);
    const accounts = ok(await (await as('hub_lead', B)).get(`${P}/accounts`)).items;
    expect(accounts.length).toBe(10);
    expect(accounts.every((x: { email: string }) => x.email.endsWith('@beta.test'))).toBe(true);
  });

  it("B's audit log filtered on A's person or account is empty", async () => {
    const admin = await as('admin', B);
    expect(ok(await admin.get(`${P}/audit?entity_id=${a.personId}`)).items).toEqual([]);
    expect(ok(await admin.get(`${P}/audit?account_id=${A.accounts.hub_staff.id}`)).items).toEqual([]);
    // A's own admin does see them.
    expect(ok(await (await as('admin', A)).get(`${P}/audit?entity_id=${a.personId}`)).items.length).toBeGreaterThan(0);
  });

  it("case number search finds only B's case with that number, though A has one too", async () => {
    const r = ok(await (await as('hub_staff', B)).get(`${P}/cases?q=${a.caseNumber}`));
    expect(r.items.every((c: { id: string }) => c.id === b.caseId)).toBe(true);
    expectNoA(JSON.stringify(r));
  });

  it("duplicate suggestions at the same place never point to A's concerns", async () => {
    const staff = await as('hub_lead', B);
    const detail = ok(await staff.get(`${P}/concerns/${b.concernId}`));
    expect(detail.duplicates).toEqual([]);
    expect(detail.possible_duplicates).toBe(0);
    expectNoA(JSON.stringify(detail));
    // A's own view does see its duplicates: the check above is not vacuous.
    const aDetail = ok(await (await as('hub_lead', A)).get(`${P}/concerns/${a.untriagedConcernId}`));
    expect(aDetail.duplicates.map((d: { id: string }) => d.id)).toContain(a.concernId);
  });

  it.each(['hub_lead', 'analyst', 'hub_staff'] as Role[])("KPIs for %s of B count only B's cases", async (role) => {
    const k = ok(await (await as(role, B)).get(`${P}/kpis/first-contact`));
    if (role === 'analyst') {
      // Analysts see aggregates only, and B's single case is a small cell: suppressed entirely.
      expect([k.cases, k.count, k.median_hours, k.suppressed]).toEqual([null, null, null, true]);
    } else {
      expect(k.cases).toBe(1);
      expect(k.count).toBe(0); // A's case has a first contact; B's has none
    }
    const kA = ok(await (await as('hub_lead', A)).get(`${P}/kpis/first-contact`));
    expect(kA.cases).toBe(2);
    expect(kA.count).toBe(1);
  });
});

describe("tenant B cannot change tenant A's rows", () => {
  const now = () => t.clock.now().toISOString();
  const writes: [string, Role, (x: Actor) => Promise<LightMyRequestResponse>, string][] = [
    [
      "triage A's concern",
      'hub_staff',
      (x) => x.post(`${P}/concerns/${a.untriagedConcernId}/triage`, { urgency: 'emergency' }),
      'concern_not_found',
    ],
    [
      "triage A's concern (lead)",
      'hub_lead',
      (x) => x.post(`${P}/concerns/${a.untriagedConcernId}/triage`, { urgency: 'low', new_person: { name: 'x' } }),
      'concern_not_found',
    ],
    [
      "dismiss A's concern",
      'hub_staff',
      (x) => x.post(`${P}/concerns/${a.untriagedConcernId}/dismiss`, { reason: 'x' }),
      'concern_not_found',
    ],
    [
      "add a contact to A's case",
      'hub_staff',
      (x) => x.post(`${P}/cases/${a.caseId}/contacts`, { method: 'phone', reached: true, occurred_at: now(), note: 'x' }),
      'case_not_found',
    ],
    ["add a note to A's case", 'hub_lead', (x) => x.post(`${P}/cases/${a.caseId}/notes`, { body: 'x' }), 'case_not_found'],
    [
      "refer A's case (consent)",
      'hub_staff',
      (x) =>
        x.post(`${P}/cases/${a.caseId}/referrals`, { agency_id: B.agencyId, reason: 'x', legal_basis: 'consent', consent_id: b.consentId }),
      'case_not_found',
    ],
    [
      "refer A's case (vital interest)",
      'hub_lead',
      (x) => x.post(`${P}/cases/${a.caseId}/referrals`, { agency_id: A.agencyId, reason: 'x', legal_basis: 'vital_interest' }),
      'case_not_found',
    ],
    ["close A's case", 'hub_lead', (x) => x.patch(`${P}/cases/${a.caseId}`, { status: 'closed', outcome: 'resolved' }), 'case_not_found'],
    ["take A's case", 'hub_staff', (x) => x.patch(`${P}/cases/${a.caseId}`, { assignee_id: B.accounts.hub_staff.id }), 'case_not_found'],
    ["edit A's person", 'hub_staff', (x) => x.patch(`${P}/people/${a.personId}`, { name: '改ざん' }), 'person_not_found'],
    [
      "add consent to A's person",
      'hub_lead',
      (x) => x.post(`${P}/people/${a.personId}/consents`, { shared_with: 'x', scope: 'x' }),
      'person_not_found',
    ],
    ["withdraw A's consent", 'hub_staff', (x) => x.post(`${P}/consents/${a.consentId}/withdraw`), 'consent_not_found'],
    [
      "update A's referral",
      'hub_lead',
      (x) => x.patch(`${P}/referrals/${a.referralId}`, { status: 'declined', outcome: 'x' }),
      'referral_not_found',
    ],
  ];
  it.each(writes)('%s (as %s of B) is 404 and changes nothing', async (_name, role, send, code) => {
    const before = await aSnapshot();
    const r = await send(await as(role, B));
    expect(r.statusCode, r.body).toBe(404);
    expect(r.json().error.code).toBe(code);
    expectNoA(r.body);
    expect(await aSnapshot()).toEqual(before);
  });

  const refs: [string, Role, (x: Actor) => Promise<LightMyRequestResponse>, number, string][] = [
    [
      "assign B's case to A's staff",
      'hub_lead',
      (x) => x.patch(`${P}/cases/${b.caseId}`, { assignee_id: A.accounts.hub_staff.id }),
      400,
      'assignee_not_found',
    ],
    [
      "refer B's case to A's agency",
      'hub_staff',
      (x) =>
        x.post(`${P}/cases/${b.caseId}/referrals`, { agency_id: A.agencyId, reason: 'x', legal_basis: 'consent', consent_id: b.consentId }),
      400,
      'agency_not_found',
    ],
    [
      "refer B's case on A's consent",
      'hub_staff',
      (x) =>
        x.post(`${P}/cases/${b.caseId}/referrals`, { agency_id: B.agencyId, reason: 'x', legal_basis: 'consent', consent_id: a.consentId }),
      400,
      'consent_not_valid',
    ],
  ];
  it.each(refs)("%s is refused (B's own rows pointing at A's)", async (_name, role, send, status, code) => {
    const before = await aSnapshot();
    const r = await send(await as(role, B));
    expect(r.statusCode, r.body).toBe(status);
    expect(r.json().error.code).toBe(code);
    expectNoA(r.body);
    expect(await aSnapshot()).toEqual(before);
  });

  it("a fresh B concern cannot be attached to A's case or person", async () => {
    const partner = await as('partner', B);
    const staff = await as('hub_staff', B);
    for (const target of [{ case_id: a.caseId }, { person_id: a.personId }]) {
      const id = ok(await partner.post(`${P}/concerns`, { category: 'mail_piling_up' }), 201).id;
      const before = await aSnapshot();
      const r = await staff.post(`${P}/concerns/${id}/triage`, { urgency: 'low', ...target });
      expect(r.statusCode, r.body).toBe(404);
      expectNoA(r.body);
      expect(await aSnapshot()).toEqual(before);
      const still = await t.ctx.db.selectFrom('concerns').select(['status', 'case_id']).where('id', '=', id).executeTakeFirstOrThrow();
      expect(still).toEqual({ status: 'received', case_id: null });
      ok(await staff.post(`${P}/concerns/${id}/dismiss`, { reason: 'テスト' }));
    }
  });
});

describe('live events stay in their tenant', () => {
  async function open(actor: Actor) {
    const controller = new AbortController();
    const res = (await actor.inject({
      method: 'GET',
      url: `${P}/events`,
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

  it("B's console does not hear A's events", async () => {
    const streamA = await open(await as('hub_lead', A));
    const streamB = await open(await as('hub_lead', B));
    try {
      const id = ok(await (await as('partner', A)).post(`${P}/concerns`, { category: 'mail_piling_up' }), 201).id;
      await streamA.waitFor(id); // both subscribers are served in the same dispatch
      expect(streamB.text()).not.toContain(id);
      // B's stream may carry B's own late events (published after commit, in batches); none may be A's.
      const ids = [...streamB.text().matchAll(/"id":"([0-9a-f-]{36})"/g)].map((m) => m[1]!);
      if (ids.length) {
        const ofA = await t.ctx.db
          .selectFrom('concerns')
          .select('id')
          .where('tenant_id', '=', A.id)
          .where('id', 'in', ids)
          .union(t.ctx.db.selectFrom('cases').select('id').where('tenant_id', '=', A.id).where('id', 'in', ids))
          .execute();
        expect(ofA).toEqual([]);
      }
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
    ['POST /concerns/:id/triage', (x) => x.post(`${P}/concerns/${a.untriagedConcernId}/triage`, { urgency: 'low', tenant_id: B.id })],
    [
      'POST /concerns/:id/triage (new_person.tenant_id)',
      (x) => x.post(`${P}/concerns/${a.untriagedConcernId}/triage`, { urgency: 'low', new_person: { name: 'x', tenant_id: B.id } }),
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
  ];
  it.each(forged)("%s with a tenant_id field is 400 invalid_input and changes nothing (A's lead)", async (_name, send) => {
    const lead = await as('hub_lead', A);
    const before = await aSnapshot();
    const beforeB = await t.ctx.db.selectFrom('concerns').select('id').where('tenant_id', '=', B.id).execute();
    const r = await send(lead);
    expect(r.statusCode, r.body).toBe(400);
    expect(r.json().error.code).toBe('invalid_input');
    expect(await aSnapshot()).toEqual(before);
    expect(await t.ctx.db.selectFrom('concerns').select('id').where('tenant_id', '=', B.id).execute()).toEqual(beforeB);
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
    ['partner', `${P}/concerns/mine?tenant_id=`],
  ];
  it.each(queries)("%s of A: GET %s<B> never returns B's rows", async (role, url) => {
    const r = await (await as(role, A)).get(url + B.id);
    expect([200, 400]).toContain(r.statusCode);
    for (const m of [b.caseId, b.concernId, b.personId, 'ベータ 花子', B.id]) {
      if (r.statusCode === 200) expect(r.body).not.toContain(m);
    }
  });
});

/**
 * The case at a glance (issue #9): the person box data, structured consent checked by referrals,
 * urgency changes that recompute the deadline from receipt (and the sweeper that follows them),
 * and reassignments from whom to whom.
 */
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Actor, createTestApp, loginAs, type TestApp } from '../../../test/helpers/app.js';
import { createTenant } from '../../../test/helpers/factories.js';
import { sweepEscalations } from '../cases/escalation.sweeper.js';

let t: TestApp;
let staff: Actor;
let lead: Actor;
let partner: Actor;
const HOUR = 3_600_000;

beforeAll(async () => {
  t = await createTestApp();
  staff = await t.as('hub_staff');
  lead = await t.as('hub_lead');
  partner = await t.as('partner');
});
afterAll(async () => {
  await t?.close();
});

/** Moves the clock; sessions idle out, so everyone logs in again. */
async function advance(ms: number) {
  t.clock.advance(ms);
  staff = await loginAs(t.app, t.tenant.accounts.hub_staff.email);
  lead = await loginAs(t.app, t.tenant.accounts.hub_lead.email);
  partner = await loginAs(t.app, t.tenant.accounts.partner.email);
}

async function caseFor(urgency: 'emergency' | 'high' | 'normal' | 'low', newPerson: Record<string, unknown> = { name: '目黒 花子' }) {
  const c = (await partner.post('/api/v1/concerns', { category: 'not_seen', latitude: 35.625, longitude: 139.685 })).json();
  const k = (await staff.post(`/api/v1/concerns/${c.id}/triage`, { urgency, new_person: newPerson })).json();
  return { concern: c, k };
}

async function agency(name: string, kind: string, tenantId = t.tenant.id) {
  const id = uuidv7();
  await t.ctx.db.insertInto('agencies').values({ tenant_id: tenantId, id, name, kind, phone: null }).execute();
  return id;
}

describe('the person box', () => {
  it('shows age from the birth date (Tokyo day), phone, living alone and emergency contacts; the read is audited', async () => {
    const { k } = await caseFor('normal');
    // T0 is 2026-11-02 09:00 in Tokyo: born 1944-11-02 is 82 today, born 1944-11-03 still 81.
    const patch = await staff.patch(`/api/v1/people/${k.person_id}`, {
      birth_date: '1944-11-03',
      phone: '03-1234-5678',
      living_alone: true,
      emergency_contacts: [{ name: '目黒 一郎', relation: '長男', phone: '090-0000-0000' }],
    });
    expect(patch.statusCode).toBe(200);
    expect(patch.json().age).toEqual({ years: 81, approximate: false });
    expect(patch.json().birth_year).toBe(1944);
    await staff.patch(`/api/v1/people/${k.person_id}`, { birth_date: '1944-11-02' });
    const before = await t.ctx.db
      .selectFrom('audit_log')
      .select('id')
      .where('entity_id', '=', k.person_id)
      .where('action', '=', 'read')
      .execute();
    const p = (await staff.get(`/api/v1/people/${k.person_id}`)).json();
    expect(p).toMatchObject({ age: { years: 82, approximate: false }, phone: '03-1234-5678', living_alone: true });
    expect(p.emergency_contacts[0].relation).toBe('長男');
    const after = await t.ctx.db
      .selectFrom('audit_log')
      .select('id')
      .where('entity_id', '=', k.person_id)
      .where('action', '=', 'read')
      .execute();
    expect(after.length).toBe(before.length + 1);
  });

  it('gives an approximate age from the birth year alone, and refuses a bad birth date', async () => {
    const { k } = await caseFor('normal', { name: '年 だけ', birth_year: 1950 });
    expect((await staff.get(`/api/v1/people/${k.person_id}`)).json().age).toEqual({ years: 76, approximate: true });
    const bad = await staff.patch(`/api/v1/people/${k.person_id}`, { birth_date: '1944-13-40' });
    expect(bad.statusCode).toBe(400);
    expect((await staff.get(`/api/v1/people/${k.person_id}`)).json().birth_date).toBeNull();
  });
});

describe('structured consent and referrals', () => {
  it('stops a referral to an agency the consent does not cover, and says why; a covering consent lets it proceed', async () => {
    const { k } = await caseFor('high');
    const health = t.tenant.agencyId; // kind 'health'
    const police = await agency('警察署 生活安全課', 'police');
    const check0 = (await staff.get(`/api/v1/cases/${k.id}/referral-check?agency_id=${police}`)).json();
    expect(check0).toMatchObject({ may_proceed: false, reason: 'no_consent', consent: null, agency: { name: '警察署 生活安全課' } });
    const none = await staff.post(`/api/v1/cases/${k.id}/referrals`, { agency_id: police, reason: '見守り', legal_basis: 'consent' });
    expect(none.statusCode).toBe(422);
    expect(none.json().error.code).toBe('consent_none');
    expect(none.json().error.message).toContain('警察署 生活安全課');

    const consent = await staff.post(`/api/v1/people/${k.person_id}/consents`, {
      agency_ids: [health],
      scope_items: ['basic', 'health'],
      method: 'written',
      given_at: new Date(t.clock.now().getTime() - HOUR).toISOString(),
    });
    expect(consent.statusCode).toBe(201);
    expect(consent.json()).toMatchObject({ state: 'active', method: 'written', agency_ids: [health], scope_items: ['basic', 'health'] });

    const outside = await staff.post(`/api/v1/cases/${k.id}/referrals`, { agency_id: police, reason: '見守り', legal_basis: 'consent' });
    expect(outside.statusCode).toBe(422);
    expect(outside.json().error).toMatchObject({ code: 'consent_not_covering', details: { reason: 'not_covered' } });
    expect((await t.ctx.db.selectFrom('referrals').select('id').where('case_id', '=', k.id).execute()).length).toBe(0);

    // A consent by kind covers every agency of that kind.
    await staff.post(`/api/v1/people/${k.person_id}/consents`, { agency_kinds: ['police'], method: 'verbal' });
    const check1 = (await staff.get(`/api/v1/cases/${k.id}/referral-check?agency_id=${police}`)).json();
    expect(check1).toMatchObject({ may_proceed: true, reason: 'covered', consent: { agency_kinds: ['police'] } });
    const ok = await staff.post(`/api/v1/cases/${k.id}/referrals`, { agency_id: police, reason: '見守り', legal_basis: 'consent' });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().consent_id).toBe(check1.consent.id);
  });

  it('an expired or withdrawn consent no longer counts, and the answer says which', async () => {
    const { k } = await caseFor('normal');
    const a = await agency('社会福祉協議会', 'social_welfare_council');
    const c = (
      await staff.post(`/api/v1/people/${k.person_id}/consents`, {
        agency_ids: [a],
        method: 'verbal',
        expires_at: new Date(t.clock.now().getTime() + HOUR).toISOString(),
      })
    ).json();
    expect((await staff.get(`/api/v1/cases/${k.id}/referral-check?agency_id=${a}`)).json().may_proceed).toBe(true);
    await advance(2 * HOUR);
    const expired = await staff.post(`/api/v1/cases/${k.id}/referrals`, { agency_id: a, reason: 'x', legal_basis: 'consent' });
    expect(expired.json().error.code).toBe('consent_expired');
    const c2 = (await staff.post(`/api/v1/people/${k.person_id}/consents`, { agency_ids: [a], method: 'written' })).json();
    const w = await staff.post(`/api/v1/consents/${c2.id}/withdraw`, { reason: '本人の申し出' });
    expect(w.json()).toMatchObject({ state: 'withdrawn', withdrawn_reason: '本人の申し出', active: false });
    const withdrawn = await staff.post(`/api/v1/cases/${k.id}/referrals`, { agency_id: a, reason: 'x', legal_basis: 'consent' });
    expect(withdrawn.statusCode).toBe(422);
    expect(withdrawn.json().error.code).toBe('consent_withdrawn');
    const named = await staff.post(`/api/v1/cases/${k.id}/referrals`, {
      agency_id: a,
      reason: 'x',
      legal_basis: 'consent',
      consent_id: c.id,
    });
    expect(named.json().error.code).toBe('consent_expired');
    const person = (await staff.get(`/api/v1/people/${k.person_id}`)).json();
    expect(person.consents.map((x: { state: string }) => x.state).sort()).toEqual(['expired', 'withdrawn']);
  });

  it('protection of life needs a lead and a recorded reason', async () => {
    const { k } = await caseFor('emergency');
    const a = await agency('消防署', 'fire');
    const body = { agency_id: a, reason: '意識なし', legal_basis: 'vital_interest' };
    expect((await staff.post(`/api/v1/cases/${k.id}/referrals`, body)).json().error.code).toBe('override_requires_lead');
    const noReason = await lead.post(`/api/v1/cases/${k.id}/referrals`, body);
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.code).toBe('legal_basis_reason_required');
    const ok = await lead.post(`/api/v1/cases/${k.id}/referrals`, { ...body, legal_basis_reason: '意識がなく本人の同意を得られない' });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({
      legal_basis: 'vital_interest',
      legal_basis_reason: '意識がなく本人の同意を得られない',
      consent_id: null,
    });
  });

  it('refuses bad consents with clear codes and stores nothing', async () => {
    const { k } = await caseFor('low');
    const bad = [
      [{ scope_items: ['basic'] }, 'consent_target_required'],
      [{ agency_ids: [crypto.randomUUID()] }, 'agency_not_found'],
      [{ agency_kinds: ['fire'], given_at: new Date(t.clock.now().getTime() + 2 * HOUR).toISOString() }, 'consent_given_in_future'],
      [{ agency_kinds: ['fire'], expires_at: new Date(t.clock.now().getTime() - HOUR).toISOString() }, 'consent_expiry_before_given'],
    ] as const;
    for (const [body, code] of bad) {
      const r = await staff.post(`/api/v1/people/${k.person_id}/consents`, body);
      expect(r.statusCode, code).toBe(400);
      expect(r.json().error.code).toBe(code);
    }
    expect((await staff.get(`/api/v1/people/${k.person_id}`)).json().consents).toEqual([]);
  });

  it("another tenant's agency or consent is unknown here", async () => {
    const beta = await createTenant(t.ctx.db, 'beta-consent', t.clock.now());
    const betaAgency = await agency('他市の機関', 'health', beta.id);
    const { k } = await caseFor('normal');
    const r = await staff.get(`/api/v1/cases/${k.id}/referral-check?agency_id=${betaAgency}`);
    expect(r.json().error.code).toBe('agency_not_found');
    const betaStaff = await t.as('hub_staff', beta);
    expect((await betaStaff.get(`/api/v1/cases/${k.id}/referral-check?agency_id=${betaAgency}`)).statusCode).toBe(404);
    const c = await staff.post(`/api/v1/people/${k.person_id}/consents`, { agency_ids: [betaAgency] });
    expect(c.json().error.code).toBe('agency_not_found');
  });
});

describe('urgency after triage', () => {
  it('recomputes the deadline from receipt (not from now), needs a reason and shows in the timeline', async () => {
    const { concern, k } = await caseFor('normal');
    await advance(10 * HOUR);
    const noReason = await staff.patch(`/api/v1/cases/${k.id}`, { urgency: 'high' });
    expect(noReason.json().error.code).toBe('urgency_reason_required');
    const r = await staff.patch(`/api/v1/cases/${k.id}`, { urgency: 'high', urgency_reason: '本人が転倒したと近所から' });
    expect(r.statusCode).toBe(200);
    expect(r.json().urgency).toBe('high');
    expect(Date.parse(r.json().first_contact_due_at)).toBe(Date.parse(concern.received_at) + 24 * HOUR);
    const detail = (await staff.get(`/api/v1/cases/${k.id}`)).json();
    const ev = detail.timeline.find((x: { data: { kind: string } }) => x.data.kind === 'urgency_changed');
    expect(ev.data).toMatchObject({ from: 'normal', to: 'high', reason: '本人が転倒したと近所から' });
  });

  it('lowering after a breach clears the escalation until the new deadline; raising past it escalates at once', async () => {
    const { k } = await caseFor('high');
    await advance(25 * HOUR);
    expect(await sweepEscalations(t.ctx)).toBeGreaterThanOrEqual(1);
    expect((await staff.get(`/api/v1/cases/${k.id}`)).json().overdue).toBe(true);
    const lowered = (await staff.patch(`/api/v1/cases/${k.id}`, { urgency: 'low', urgency_reason: '家族と連絡がつき無事' })).json();
    expect(lowered.overdue).toBe(false);
    expect(lowered.escalated_at).toBeNull();
    expect(await sweepEscalations(t.ctx)).toBe(0);
    // Raised to emergency (1 h from receipt): already past, so the next sweep escalates it.
    await staff.patch(`/api/v1/cases/${k.id}`, { urgency: 'emergency', urgency_reason: '再度連絡が途絶えた' });
    expect(await sweepEscalations(t.ctx)).toBe(1);
    const after = (await lead.get(`/api/v1/cases/${k.id}`)).json();
    expect(after.escalated_at).not.toBeNull();
    expect(after.timeline.filter((x: { data: { kind: string } }) => x.data.kind === 'escalated')).toHaveLength(2);
  });
});

describe('assignment', () => {
  it('triage can assign, and reassignments show from whom to whom', async () => {
    const c = (await partner.post('/api/v1/concerns', { category: 'not_seen', latitude: 35.625, longitude: 139.685 })).json();
    const k = (
      await lead.post(`/api/v1/concerns/${c.id}/triage`, {
        urgency: 'normal',
        new_person: { phone: '03-1111-2222' },
        assignee_id: t.tenant.accounts.hub_staff.id,
      })
    ).json();
    expect(k.assignee_id).toBe(t.tenant.accounts.hub_staff.id);
    // The phone learnt at intake is on the person box at once.
    expect((await lead.get(`/api/v1/people/${k.person_id}`)).json().phone).toBe('03-1111-2222');
    await lead.patch(`/api/v1/cases/${k.id}`, { assignee_id: t.tenant.accounts.outreach.id });
    const events = (await lead.get(`/api/v1/cases/${k.id}`))
      .json()
      .timeline.filter((x: { data: { kind: string } }) => x.data.kind === 'assigned');
    const names = events.map((e: { data: { from_name: string | null; assignee_name: string } }) => [
      e.data.from_name,
      e.data.assignee_name,
    ]);
    const staffName = (await staff.get('/api/v1/auth/me')).json().display_name;
    expect(names).toContainEqual([null, staffName]);
    expect(names.find((n: string[]) => n[0] === staffName)).toBeDefined();
  });
});

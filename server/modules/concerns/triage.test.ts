import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Actor, createTestApp, type TestApp } from '../../../test/helpers/app.js';

let t: TestApp;
let staff: Actor;
let partner: Actor;
beforeAll(async () => {
  t = await createTestApp();
  staff = await t.as('hub_staff');
  partner = await t.as('partner');
});
afterAll(async () => t?.close());

const HOUR = 3_600_000;

async function file(category: string, extra: Record<string, unknown> = {}) {
  const res = await partner.post('/api/v1/concerns', {
    category,
    place_text: 'コーポ南105',
    latitude: 35.635,
    longitude: 139.685,
    ...extra,
  });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; received_at: string };
}

describe('triage queue', () => {
  it('lists untriaged concerns, most urgent-looking first then oldest, with duplicate hints', async () => {
    const a = await file('laundry');
    t.clock.advance(60_000);
    const b = await file('abuse_neglect');
    t.clock.advance(60_000);
    const c = await file('laundry', { latitude: 35.6251, longitude: 139.6851, place_text: '別の場所' });
    const res = await staff.get('/api/v1/triage');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { id: string; possible_duplicates: number; category_label: string }[];
    const ids = items.map((i) => i.id);
    expect(ids.indexOf(b.id)).toBeLessThan(ids.indexOf(a.id));
    expect(ids.indexOf(a.id)).toBeLessThan(ids.indexOf(c.id));
    expect(items.find((i) => i.id === a.id)!.possible_duplicates).toBe(1); // b is at the same point
    expect(items.find((i) => i.id === c.id)!.possible_duplicates).toBe(0);
    expect(items.find((i) => i.id === b.id)!.category_label).toBe('虐待・ネグレクトの疑い');
  });

  it('suggests duplicates on the concern page and lets staff merge into the open case', async () => {
    const first = await file('not_seen', { latitude: 35.6201, longitude: 139.6801, place_text: 'ハイツ東203' });
    const kase = (await staff.post(`/api/v1/concerns/${first.id}/triage`, { urgency: 'normal' })).json();
    t.clock.advance(2 * HOUR);
    const second = await file('mail_piling_up', { latitude: 35.62015, longitude: 139.68012, place_text: 'ハイツ東203' });
    const detail = (await staff.get(`/api/v1/concerns/${second.id}`)).json();
    const dup = detail.duplicates.find((d: { id: string }) => d.id === first.id);
    expect(dup.case_id).toBe(kase.id);
    expect(dup.distance_m).toBeLessThan(30);
    // A more urgent duplicate tightens the deadline of the open case.
    const merged = await staff.post(`/api/v1/concerns/${second.id}/triage`, { urgency: 'high', case_id: kase.id });
    expect(merged.statusCode).toBe(200);
    expect(merged.json().id).toBe(kase.id);
    expect(merged.json().urgency).toBe('high');
    expect(merged.json().concern_count).toBe(2);
    expect(merged.json().first_contact_due_at).toBe(new Date(Date.parse(second.received_at) + 24 * HOUR).toISOString());
  });
});

describe('triage into a case and first contact', () => {
  it('opens a case with a number and a deadline counted from receipt, not from triage', async () => {
    const c = await file('smell_noise');
    t.clock.advance(3 * HOUR);
    const res = await staff.post(`/api/v1/concerns/${c.id}/triage`, {
      urgency: 'high',
      new_person: { name: '目黒 花子', kana: 'メグロ ハナコ', birth_year: 1941, living_alone: true },
    });
    expect(res.statusCode).toBe(200);
    const k = res.json();
    expect(k.case_number).toBeGreaterThan(0);
    expect(k.status).toBe('open');
    expect(k.first_contact_due_at).toBe(new Date(Date.parse(c.received_at) + 24 * HOUR).toISOString());
    expect(k.person_name).toBe('目黒 花子');
    expect(k.overdue).toBe(false);
    // The queue no longer shows it; the reporter sees "being handled".
    const queue = (await staff.get('/api/v1/triage')).json().items.map((i: { id: string }) => i.id);
    expect(queue).not.toContain(c.id);
    const mine = (await partner.get('/api/v1/concerns/mine')).json().items.find((m: { id: string }) => m.id === c.id);
    expect(mine.status).toBe('being_handled');
    // Triage twice is a conflict.
    const again = await staff.post(`/api/v1/concerns/${c.id}/triage`, { urgency: 'low' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('concern_already_triaged');
  });

  it('attaches a new concern about a known person to their open case', async () => {
    const c1 = await file('lights');
    const k1 = (await staff.post(`/api/v1/concerns/${c1.id}/triage`, { urgency: 'normal', new_person: { name: '碑文谷 一郎' } })).json();
    const c2 = await file('laundry');
    const k2 = (await staff.post(`/api/v1/concerns/${c2.id}/triage`, { urgency: 'low', person_id: k1.person_id })).json();
    expect(k2.id).toBe(k1.id);
    expect(k2.urgency).toBe('normal'); // a less urgent concern never loosens the case
  });

  it('rejects conflicting targets and unknown ids without writing', async () => {
    const c = await file('other');
    const conflict = await staff.post(`/api/v1/concerns/${c.id}/triage`, {
      urgency: 'low',
      person_id: crypto.randomUUID(),
      new_person: {},
    });
    expect(conflict.json().error.code).toBe('triage_target_conflict');
    const unknownPerson = await staff.post(`/api/v1/concerns/${c.id}/triage`, { urgency: 'low', person_id: crypto.randomUUID() });
    expect(unknownPerson.statusCode).toBe(404);
    const bad = await staff.post(`/api/v1/concerns/${c.id}/triage`, { urgency: 'very' });
    expect(bad.statusCode).toBe(400);
    const row = await t.ctx.db.selectFrom('concerns').select('status').where('id', '=', c.id).executeTakeFirstOrThrow();
    expect(row.status).toBe('received');
  });

  it('records contacts: an unreached attempt is not first contact; the first reached one is', async () => {
    const c = await file('not_seen');
    const k = (await staff.post(`/api/v1/concerns/${c.id}/triage`, { urgency: 'high' })).json();
    t.clock.advance(5 * HOUR);
    const miss = await staff.post(`/api/v1/cases/${k.id}/contacts`, {
      method: 'visit',
      reached: false,
      occurred_at: t.clock.now().toISOString(),
      note: '不在。ポストに連絡票',
    });
    expect(miss.statusCode).toBe(201);
    expect(miss.json().is_first_contact).toBe(false);
    t.clock.advance(2 * HOUR);
    const reachedAt = new Date(t.clock.now().getTime() - 30 * 60_000).toISOString();
    const hit = await staff.post(`/api/v1/cases/${k.id}/contacts`, {
      method: 'phone',
      reached: true,
      occurred_at: reachedAt,
      note: '本人と通話。元気',
    });
    expect(hit.json().is_first_contact).toBe(true);
    const kase = (await staff.get(`/api/v1/cases/${k.id}`)).json();
    expect(kase.first_contact_at).toBe(reachedAt);
    expect(kase.status).toBe('supporting');
    expect(kase.timeline.filter((e: { kind: string }) => e.kind === 'contact')).toHaveLength(2);
  });

  it('refuses contacts in the future or before receipt', async () => {
    const c = await file('other');
    const k = (await staff.post(`/api/v1/concerns/${c.id}/triage`, { urgency: 'low' })).json();
    const future = await staff.post(`/api/v1/cases/${k.id}/contacts`, {
      method: 'visit',
      reached: true,
      occurred_at: new Date(t.clock.now().getTime() + HOUR).toISOString(),
      note: '',
    });
    expect(future.json().error.code).toBe('occurred_in_future');
    const early = await staff.post(`/api/v1/cases/${k.id}/contacts`, {
      method: 'visit',
      reached: true,
      occurred_at: new Date(Date.parse(c.received_at) - HOUR).toISOString(),
      note: '',
    });
    expect(early.json().error.code).toBe('occurred_before_receipt');
    const n = await t.ctx.db.selectFrom('case_contacts').select('id').where('case_id', '=', k.id).execute();
    expect(n).toHaveLength(0);
  });

  it('closes with an outcome only, and the reporter then sees closed', async () => {
    const c = await file('hoarding');
    const k = (await staff.post(`/api/v1/concerns/${c.id}/triage`, { urgency: 'low' })).json();
    expect((await staff.patch(`/api/v1/cases/${k.id}`, { status: 'closed' })).json().error.code).toBe('outcome_required');
    const closed = await staff.patch(`/api/v1/cases/${k.id}`, { status: 'closed', outcome: 'connected_to_services' });
    expect(closed.json().status).toBe('closed');
    const mine = (await partner.get('/api/v1/concerns/mine')).json().items.find((m: { id: string }) => m.id === c.id);
    expect(mine.status).toBe('closed');
  });

  it('lets staff take a case but only the lead hand it to someone else', async () => {
    const c = await file('other');
    const k = (await staff.post(`/api/v1/concerns/${c.id}/triage`, { urgency: 'low' })).json();
    const other = t.tenant.accounts.outreach.id;
    expect((await staff.patch(`/api/v1/cases/${k.id}`, { assignee_id: other })).statusCode).toBe(403);
    expect((await staff.patch(`/api/v1/cases/${k.id}`, { assignee_id: t.tenant.accounts.hub_staff.id })).json().assignee_id).toBe(
      t.tenant.accounts.hub_staff.id,
    );
    const lead = await t.as('hub_lead');
    expect((await lead.patch(`/api/v1/cases/${k.id}`, { assignee_id: other })).json().assignee_id).toBe(other);
    expect((await lead.patch(`/api/v1/cases/${k.id}`, { assignee_id: t.tenant.accounts.partner.id })).json().error.code).toBe(
      'assignee_not_found',
    );
  });

  it('dismisses a concern with a reason; the reporter sees it closed', async () => {
    const c = await file('other');
    const res = await staff.post(`/api/v1/concerns/${c.id}/dismiss`, { reason: '見守り対象外（工事の騒音）' });
    expect(res.json().status).toBe('dismissed');
    const mine = (await partner.get('/api/v1/concerns/mine')).json().items.find((m: { id: string }) => m.id === c.id);
    expect(mine.status).toBe('closed');
  });
});

describe('referrals need a legal basis', () => {
  it('requires an active consent of the person, or a lead invoking protection of life', async () => {
    const c = await file('dementia');
    const k = (await staff.post(`/api/v1/concerns/${c.id}/triage`, { urgency: 'high', new_person: { name: '自由 次郎' } })).json();
    const agency = t.tenant.agencyId;
    const noConsent = await staff.post(`/api/v1/cases/${k.id}/referrals`, {
      agency_id: agency,
      reason: '認知症の疑い',
      legal_basis: 'consent',
    });
    expect(noConsent.json().error.code).toBe('consent_none');
    const override = await staff.post(`/api/v1/cases/${k.id}/referrals`, {
      agency_id: agency,
      reason: '生命の危険',
      legal_basis: 'vital_interest',
    });
    expect(override.json().error.code).toBe('override_requires_lead');
    const consent = (
      await staff.post(`/api/v1/people/${k.person_id}/consents`, { agency_ids: [agency], scope: '支援のための情報共有' })
    ).json();
    const ok = await staff.post(`/api/v1/cases/${k.id}/referrals`, {
      agency_id: agency,
      reason: '認知症の疑い',
      legal_basis: 'consent',
      consent_id: consent.id,
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().status).toBe('sent');
    expect((await staff.patch(`/api/v1/referrals/${ok.json().id}`, { status: 'completed' })).json().error.code).toBe(
      'invalid_status_transition',
    );
    expect((await staff.patch(`/api/v1/referrals/${ok.json().id}`, { status: 'accepted' })).json().status).toBe('accepted');
    await staff.post(`/api/v1/consents/${consent.id}/withdraw`);
    const withdrawn = await staff.post(`/api/v1/cases/${k.id}/referrals`, {
      agency_id: agency,
      reason: '再度',
      legal_basis: 'consent',
      consent_id: consent.id,
    });
    expect(withdrawn.json().error.code).toBe('consent_withdrawn');
    const lead = await t.as('hub_lead');
    expect(
      (
        await lead.post(`/api/v1/cases/${k.id}/referrals`, {
          agency_id: agency,
          reason: '生命の危険',
          legal_basis: 'vital_interest',
          legal_basis_reason: '意識がなく同意を得られない',
        })
      ).statusCode,
    ).toBe(201);
  });
});

describe('triage to a household', () => {
  it('opens one case for the household and adds later concerns to it', async () => {
    const h = (await staff.post('/api/v1/households', { address: '北一丁目5-6', note: '高齢の夫婦' })).json();
    const c1 = await file('mail_piling_up');
    const k1 = (await staff.post(`/api/v1/concerns/${c1.id}/triage`, { urgency: 'normal', household_id: h.id })).json();
    expect(k1.household_id).toBe(h.id);
    expect(k1.person_id).toBeNull();
    const c2 = await file('lights');
    const k2 = (await staff.post(`/api/v1/concerns/${c2.id}/triage`, { urgency: 'high', household_id: h.id })).json();
    expect(k2.id).toBe(k1.id);
    expect(k2.urgency).toBe('high');
    const c3 = await file('other');
    expect(
      (await staff.post(`/api/v1/concerns/${c3.id}/triage`, { urgency: 'low', household_id: crypto.randomUUID() })).json().error.code,
    ).toBe('household_not_found');
  });
});

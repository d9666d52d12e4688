import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Actor, createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { createTenant } from '../../../test/helpers/factories.js';

let t: TestApp;
let staff: Actor;
let partner: Actor;
beforeAll(async () => {
  t = await createTestApp();
  staff = await t.as('hub_staff');
  partner = await t.as('partner');
});
afterAll(async () => t?.close());

async function file(actor: Actor, body: Record<string, unknown>) {
  const res = await actor.post('/api/v1/concerns', { category: 'mail_piling_up', ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string };
}

type Dup = { id: string; reasons: string[]; distance_m: number | null; latitude: number | null };
const duplicatesOf = async (id: string): Promise<Dup[]> => {
  const res = await staff.get(`/api/v1/concerns/${id}`);
  expect(res.statusCode).toBe(200);
  return res.json().duplicates;
};
const queueItem = async (id: string) =>
  (
    (await staff.get('/api/v1/triage?limit=200')).json().items as { id: string; possible_duplicates: number; place_unknown: boolean }[]
  ).find((i) => i.id === id)!;

describe('duplicate suggestions say why', () => {
  it('suggests "さくら荘103" and "さくら荘103号室" (no points) as the same place', async () => {
    const a = await file(partner, { place_text: 'さくら荘103' });
    t.clock.advance(60_000);
    const b = await file(staff, { place_text: 'ｻｸﾗ荘 １０３号室', channel: 'phone' });
    const other = await file(partner, { place_text: 'さくら荘104号室' });
    const dups = await duplicatesOf(b.id);
    expect(dups.map((d) => d.id)).toContain(a.id);
    expect(dups.map((d) => d.id)).not.toContain(other.id);
    expect(dups.find((d) => d.id === a.id)!.reasons).toEqual(['same_place_text']);
    expect((await duplicatesOf(a.id)).find((d) => d.id === b.id)!.reasons).toEqual(['same_place_text']);
    // The queue counts it too.
    expect((await queueItem(b.id)).possible_duplicates).toBe(1);
    expect((await queueItem(other.id)).possible_duplicates).toBe(0);
  });

  it('suggests by point with the distance, and gives both reasons when both hold', async () => {
    const a = await file(partner, { place_text: 'ハイツ西201', latitude: 35.6301, longitude: 139.6901 });
    const near = await file(partner, { place_text: '公園の向かい', latitude: 35.63015, longitude: 139.69012 });
    const both = await file(partner, { place_text: 'ハイツ西201号室', latitude: 35.6302, longitude: 139.6901 });
    const far = await file(partner, { place_text: '駅前', latitude: 35.64, longitude: 139.7 });
    const dups = await duplicatesOf(a.id);
    const byId = new Map(dups.map((d) => [d.id, d]));
    expect(byId.get(near.id)!.reasons).toEqual(['nearby']);
    expect(byId.get(near.id)!.distance_m).toBeLessThan(30);
    expect(byId.get(near.id)!.latitude).toBeCloseTo(35.63015);
    expect(byId.get(both.id)!.reasons).toEqual(['same_place_text', 'nearby']);
    expect(byId.has(far.id)).toBe(false);
    // Once a case is open there, the neighbours' pages show it (not their own case, not far ones).
    const k = (await staff.post(`/api/v1/concerns/${a.id}/triage`, { urgency: 'normal' })).json();
    // A case in the corner of the search box but ~380 m away is not "nearby" (300 m).
    const corner = await file(partner, { place_text: '角の家', latitude: 35.63255, longitude: 139.69312 });
    await staff.post(`/api/v1/concerns/${corner.id}/triage`, { urgency: 'normal' });
    const nearDetail = (await staff.get(`/api/v1/concerns/${near.id}`)).json();
    expect(nearDetail.nearby_cases).toEqual([expect.objectContaining({ id: k.id, case_number: k.case_number, status: 'open' })]);
    expect(nearDetail.nearby_cases[0].distance_m).toBeLessThan(30);
    expect((await staff.get(`/api/v1/concerns/${a.id}`)).json().nearby_cases).toEqual([]);
    expect((await staff.get(`/api/v1/concerns/${far.id}`)).json().nearby_cases).toEqual([]);
  });

  it('suggests concerns about the same person and about someone of the same household', async () => {
    // Two people of one household, each with a triaged concern.
    const hh = (await staff.post('/api/v1/households', { address: '目黒本町1-1-1' })).json();
    const c1 = await file(partner, { place_text: '一軒家A' });
    const k1 = (await staff.post(`/api/v1/concerns/${c1.id}/triage`, { urgency: 'normal', new_person: { name: '目黒 一郎' } })).json();
    expect((await staff.patch(`/api/v1/people/${k1.person_id}`, { household_id: hh.id })).statusCode).toBe(200);
    const c2 = await file(partner, { place_text: '一軒家B' });
    const k2 = (await staff.post(`/api/v1/concerns/${c2.id}/triage`, { urgency: 'normal', new_person: { name: '目黒 二郎' } })).json();
    expect((await staff.patch(`/api/v1/people/${k2.person_id}`, { household_id: hh.id })).statusCode).toBe(200);
    const c3 = await file(partner, { place_text: '一軒家C' });
    await staff.post(`/api/v1/concerns/${c3.id}/triage`, { urgency: 'normal', household_id: hh.id });
    // A phone call about 一郎: the person is the only hint.
    const call = await file(staff, { person_id: k1.person_id, channel: 'phone' });
    const dups = new Map((await duplicatesOf(call.id)).map((d) => [d.id, d.reasons]));
    expect(dups.get(c1.id)).toEqual(['same_person']);
    expect(dups.get(c2.id)).toEqual(['same_household']);
    expect(dups.get(c3.id)).toEqual(['same_household']);
    expect(k2.person_id).not.toBe(k1.person_id);
    expect((await queueItem(call.id)).place_unknown).toBe(false);
    expect((await queueItem(call.id)).possible_duplicates).toBe(1); // the queue counts the same person
    // Someone with no household: found by the person alone.
    const c4 = await file(partner, { place_text: '一軒家D' });
    const k4 = (await staff.post(`/api/v1/concerns/${c4.id}/triage`, { urgency: 'normal', new_person: { name: '目黒 三郎' } })).json();
    const call2 = await file(staff, { person_id: k4.person_id, channel: 'phone' });
    expect((await duplicatesOf(call2.id)).map((d) => [d.id, d.reasons])).toEqual([[c4.id, ['same_person']]]);
  });

  it('answers the reasons in the concern detail schema only with known codes', async () => {
    const a = await file(partner, { place_text: 'メゾンA-101' });
    const b = await file(partner, { place_text: 'めぞんａ－１０１号' });
    const dups = await duplicatesOf(a.id);
    expect(dups.find((d) => d.id === b.id)!.reasons).toEqual(['same_place_text']);
  });
});

describe('a staff report must say where', () => {
  it('refuses a phone report with neither point, place nor person: 400 place_required in Japanese, nothing stored', async () => {
    const before = await t.ctx.db
      .selectFrom('concerns')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const res = await staff.post('/api/v1/concerns', { category: 'not_seen', description: '最近見かけない', channel: 'phone' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('place_required');
    expect(res.json().error.message).toContain('場所');
    const en = await staff.post('/api/v1/concerns', { category: 'not_seen', channel: 'phone' }, { 'accept-language': 'en' });
    expect(en.json().error.message).toMatch(/place/);
    const after = await t.ctx.db
      .selectFrom('concerns')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    // Blank place text is no place.
    expect((await staff.post('/api/v1/concerns', { category: 'not_seen', place_text: '  　' })).json().error.code).toBe('place_required');
  });

  it('accepts a staff report with only a point, only a place or only a person', async () => {
    await file(staff, { latitude: 35.63, longitude: 139.69 });
    await file(staff, { place_text: '目黒本町三丁目' });
  });

  it('lets residents and partners send one without a place; the queue flags it 場所不明', async () => {
    const mine = await file(partner, { description: '場所はわからないが気になる' });
    expect((await queueItem(mine.id)).place_unknown).toBe(true);
    const pub = await t.anonymous().post(`/api/v1/public/tenants/${t.tenant.slug}/concerns`, { category: 'other', anonymous: true });
    expect(pub.statusCode).toBe(201);
    expect((await queueItem(pub.json().id)).place_unknown).toBe(true);
  });

  it('lets only roles that read people name a person, and only a person of the tenant', async () => {
    const res = await partner.post('/api/v1/concerns', { category: 'other', person_id: '00000000-0000-7000-8000-000000000000' });
    expect(res.statusCode).toBe(403);
    // Coordinators take calls but may not see people.
    const coordinator = await t.as('coordinator');
    expect(
      (await coordinator.post('/api/v1/concerns', { category: 'other', person_id: '00000000-0000-7000-8000-000000000000' })).statusCode,
    ).toBe(403);
    const unknown = await staff.post('/api/v1/concerns', { category: 'other', person_id: '00000000-0000-7000-8000-000000000000' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('person_not_found');
  });
});

describe('another municipality', () => {
  it('never suggests its concerns, and its people cannot be named', async () => {
    const beta = await createTenant(t.ctx.db, 'beta', t.clock.now());
    const betaStaff = await t.as('hub_staff', beta);
    const betaPartner = await t.as('partner', beta);
    const theirs = (
      await betaPartner.post('/api/v1/concerns', {
        category: 'other',
        place_text: 'ひまわり荘201号室',
        latitude: 35.6205,
        longitude: 139.6805,
      })
    ).json();
    const bc = (
      await betaStaff.post(`/api/v1/concerns/${theirs.id}/triage`, { urgency: 'normal', new_person: { name: 'ベータ 太郎' } })
    ).json();
    const ours = await file(partner, { place_text: 'ひまわり荘201', latitude: 35.6205, longitude: 139.6805 });
    const detail = (await staff.get(`/api/v1/concerns/${ours.id}`)).json();
    expect(detail.duplicates.map((d: { id: string }) => d.id)).not.toContain(theirs.id);
    expect(detail.nearby_cases.map((k: { id: string }) => k.id)).not.toContain(bc.id);
    const named = await staff.post('/api/v1/concerns', { category: 'other', person_id: bc.person_id });
    expect(named.statusCode).toBe(404);
    expect(named.json().error.code).toBe('person_not_found');
  });
});

import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';

let t: TestApp;
const P = '/api/v1/public/tenants';

beforeAll(async () => {
  t = await createTestApp({ config: { PUBLIC_REPORTS_PER_HOUR: '3' } });
});
afterAll(async () => t?.close());

function report(body: Record<string, unknown>, ip = '198.51.100.7', key?: string) {
  return t.app.inject({
    method: 'POST',
    url: `${P}/alpha/concerns`,
    payload: body,
    remoteAddress: ip,
    headers: key ? { 'idempotency-key': key } : {},
  });
}

describe('public report page API', () => {
  it('describes the municipality without any personal data', async () => {
    const res = await t.app.inject({ method: 'GET', url: `${P}/alpha`, headers: { 'accept-language': 'en' } });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.name).toBe('alpha 市');
    expect(body.categories.find((c: { code: string }) => c.code === 'not_seen').label).toBe('Not seen recently');
    expect(body.bbox).toEqual([139.68, 35.62, 139.69, 35.64]);
    expect(body.tile_url).toContain('{z}');
    const areas = await t.app.inject({ method: 'GET', url: `${P}/alpha/areas.geojson` });
    expect(areas.json().features).toHaveLength(2);
    expect((await t.app.inject({ method: 'GET', url: `${P}/nowhere` })).statusCode).toBe(404);
  });

  it('takes an anonymous report, flagged anonymous, into the triage queue', async () => {
    const res = await report({
      category: 'not_seen',
      description: '隣の部屋の方を1週間見ていない',
      place_text: 'ひまわり荘102',
      anonymous: true,
      callback_contact: 'ignored',
    });
    expect(res.statusCode).toBe(201);
    const row = await t.ctx.db.selectFrom('concerns').selectAll().where('id', '=', res.json().id).executeTakeFirstOrThrow();
    expect([row.reporter_kind, row.anonymous, row.callback_contact, row.reporter_account_id]).toEqual(['resident', true, null, null]);
    const queue = (await (await t.as('hub_staff')).get('/api/v1/triage')).json().items;
    expect(queue.find((i: { id: string }) => i.id === res.json().id).anonymous).toBe(true);
  });

  it('keeps a callback contact for staff only, and requires one when not anonymous', async () => {
    const missing = await report({ category: 'other', anonymous: false }, '198.51.100.8');
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.code).toBe('callback_required');
    const res = await report({ category: 'other', anonymous: false, callback_contact: '090-1234-5678' }, '198.51.100.8');
    const detail = (await (await t.as('hub_staff')).get(`/api/v1/concerns/${res.json().id}`)).json();
    expect(detail.callback_contact).toBe('090-1234-5678');
    expect(JSON.stringify(res.json())).not.toContain('090');
  });

  it('credits the partner whose sticker brought the resident', async () => {
    await t.ctx.db
      .insertInto('partner_agreements')
      .values({
        tenant_id: t.tenant.id,
        id: uuidv7(),
        partner_id: t.tenant.partnerId,
        signed_on: '2026-04-01',
        scope: '配達時の見守り',
        contact_person: null,
        status: 'active',
        renewal_due: null,
        sticker_code: 'STICKER-abc123',
        created_at: t.clock.now(),
        updated_at: t.clock.now(),
        number: 901,
      })
      .execute();
    const res = await report({ category: 'lights', anonymous: true, ref: 'STICKER-abc123' }, '198.51.100.9');
    const row = await t.ctx.db
      .selectFrom('concerns')
      .select('reporter_partner_id')
      .where('id', '=', res.json().id)
      .executeTakeFirstOrThrow();
    expect(row.reporter_partner_id).toBe(t.tenant.partnerId);
  });

  it('limits each client per hour, even in a parallel burst, and lifts after the window', async () => {
    const ip = '203.0.113.50';
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => report({ category: 'other', anonymous: true, description: `burst ${i}` }, ip)),
    );
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(3);
    const limited = results.filter((r) => r.statusCode === 429);
    expect(limited).toHaveLength(5);
    expect(limited[0]!.json().error.code).toBe('rate_limited');
    const rows = await t.ctx.db.selectFrom('concerns').select('id').where('description', 'like', 'burst %').execute();
    expect(rows).toHaveLength(3);
    expect((await report({ category: 'other', anonymous: true }, '203.0.113.51')).statusCode).toBe(201); // another client
    t.clock.advance(3_600_000);
    expect((await report({ category: 'other', anonymous: true }, ip)).statusCode).toBe(201);
  });

  it('is retry-safe with an Idempotency-Key', async () => {
    const body = { category: 'smell_noise', anonymous: true, place_text: 'こすもす荘' };
    const a = await report(body, '198.51.100.20', 'resident-key-1');
    const b = await report(body, '198.51.100.20', 'resident-key-1');
    expect(b.json()).toEqual(a.json());
    expect(await t.ctx.db.selectFrom('concerns').select('id').where('place_text', '=', 'こすもす荘').execute()).toHaveLength(1);
  });

  it("keys are per report: another resident's report with the same key is stored, a real retry replays", async () => {
    const key = 'same-key-on-two-phones';
    const mine = { category: 'not_seen', anonymous: false, callback_contact: '090-1111-2222', place_text: 'ひまわり荘' };
    const first = await report(mine, '198.51.100.60', key);
    expect(first.statusCode).toBe(201);
    // Another resident (another address) happens to send the same key with their own report.
    const theirs = { category: 'smell_noise', anonymous: true, place_text: 'あさがお荘' };
    const other = await report(theirs, '198.51.100.61', key);
    expect(other.statusCode, other.body).toBe(201);
    expect(other.headers['idempotent-replayed']).toBeUndefined();
    expect(other.json().id).not.toBe(first.json().id);
    // Even the same facts with another callback contact are another person's report.
    const twin = await report({ ...mine, callback_contact: '080-3333-4444' }, '198.51.100.62', key);
    expect(twin.statusCode).toBe(201);
    expect(twin.json().id).not.toBe(first.json().id);
    const rows = await t.ctx.db
      .selectFrom('concerns')
      .select(['id', 'callback_contact'])
      .where('place_text', 'in', ['ひまわり荘', 'あさがお荘'])
      .execute();
    expect(rows).toHaveLength(3);
    expect(new Set(rows.map((r) => r.callback_contact))).toEqual(new Set([null, '080-3333-4444', '090-1111-2222']));
    // The first resident's phone retries after moving from Wi-Fi to mobile data: same answer, nothing new.
    const retry = await report(mine, '203.0.113.60', key);
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json()).toEqual(first.json());
    expect(await t.ctx.db.selectFrom('concerns').select('id').where('place_text', '=', 'ひまわり荘').execute()).toHaveLength(2);
  });

  it('rejects bad input without writing', async () => {
    const before = await t.ctx.db.selectFrom('concerns').select('id').execute();
    expect((await report({ category: 'other' }, '198.51.100.30')).statusCode).toBe(400); // anonymous missing
    expect((await report({ category: 'other', anonymous: true, tenant_id: t.tenant.id }, '198.51.100.30')).statusCode).toBe(400);
    expect((await report({ category: 'ufo', anonymous: true }, '198.51.100.30')).json().error.code).toBe('unknown_category');
    expect(await t.ctx.db.selectFrom('concerns').select('id').execute()).toHaveLength(before.length);
  });
});

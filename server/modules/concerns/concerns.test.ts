import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const body = {
  category: 'mail_piling_up',
  description: '新聞が3日分たまっている',
  place_text: 'メゾン北201号室',
  latitude: 35.625,
  longitude: 139.685,
};

async function rowCount(): Promise<number> {
  const r = await t.ctx.db
    .selectFrom('concerns')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

describe('POST /api/v1/concerns', () => {
  it('files a concern from a partner with server receipt time and area', async () => {
    const partner = await t.as('partner');
    const res = await partner.post('/api/v1/concerns', body);
    expect(res.statusCode).toBe(201);
    const ack = res.json();
    expect(ack.received_at).toBe(t.clock.now().toISOString());
    expect(ack.status).toBe('received');
    expect(ack.outside_area).toBe(false);
    expect(ack.reference).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const row = await t.ctx.db.selectFrom('concerns').selectAll().where('id', '=', ack.id).executeTakeFirstOrThrow();
    expect(row.reporter_kind).toBe('partner');
    expect(row.reporter_partner_id).toBe(t.tenant.partnerId);
    expect(row.area_id).toBe(t.tenant.areaIds[0]);
  });

  it('accepts a point outside the tenant and flags it', async () => {
    const res = await (await t.as('supporter')).post('/api/v1/concerns', { ...body, latitude: 35.7, longitude: 139.8 });
    expect(res.statusCode).toBe(201);
    expect(res.json().outside_area).toBe(true);
  });

  it('does not let a partner pose as staff or enter callback details', async () => {
    const res = await (await t.as('partner')).post('/api/v1/concerns', {
      ...body,
      channel: 'phone',
      reporter_kind: 'resident',
      callback_contact: '090',
    });
    const row = await t.ctx.db.selectFrom('concerns').selectAll().where('id', '=', res.json().id).executeTakeFirstOrThrow();
    expect([row.channel, row.reporter_kind, row.callback_contact]).toEqual(['web', 'partner', null]);
  });

  it('records phone reports entered by staff on behalf of a resident', async () => {
    const res = await (await t.as('hub_staff')).post('/api/v1/concerns', {
      ...body,
      channel: 'phone',
      reporter_kind: 'resident',
      callback_contact: '03-0000-0000',
    });
    const row = await t.ctx.db.selectFrom('concerns').selectAll().where('id', '=', res.json().id).executeTakeFirstOrThrow();
    expect([row.channel, row.reporter_kind, row.callback_contact]).toEqual(['phone', 'resident', '03-0000-0000']);
  });

  it('is idempotent: same key and body once, other body 409', async () => {
    const partner = await t.as('partner');
    const before = await rowCount();
    const a = await partner.post('/api/v1/concerns', body, { 'idempotency-key': 'k-1' });
    const b = await partner.post('/api/v1/concerns', { ...body }, { 'idempotency-key': 'k-1' });
    expect(a.statusCode).toBe(201);
    expect(b.statusCode).toBe(201);
    expect(b.json()).toEqual(a.json());
    expect(b.headers['idempotent-replayed']).toBe('true');
    const c = await partner.post('/api/v1/concerns', { ...body, description: 'ちがう' }, { 'idempotency-key': 'k-1' });
    expect(c.statusCode).toBe(409);
    expect(c.json().error.code).toBe('idempotency_key_reused');
    expect(await rowCount()).toBe(before + 1);
  });

  it('concurrent retries with one key store one concern', async () => {
    const partner = await t.as('partner');
    const before = await rowCount();
    const results = await Promise.all(
      Array.from({ length: 8 }, () => partner.post('/api/v1/concerns', body, { 'idempotency-key': 'k-race' })),
    );
    expect(results.every((r) => r.statusCode === 201)).toBe(true);
    expect(new Set(results.map((r) => r.json().id)).size).toBe(1);
    expect(await rowCount()).toBe(before + 1);
  });

  const invalid: [string, Record<string, unknown>, string][] = [
    ['missing category', { description: 'x' }, 'invalid_input'],
    ['unknown category', { category: 'ufo' }, 'unknown_category'],
    ['too long description', { category: 'other', description: 'あ'.repeat(2001) }, 'invalid_input'],
    ['bad observed_at', { category: 'other', observed_at: 'yesterday' }, 'invalid_input'],
    ['future observed_at', { category: 'other', observed_at: '2030-01-01T00:00:00Z' }, 'observed_in_future'],
    ['latitude out of range', { category: 'other', latitude: 91, longitude: 139 }, 'invalid_input'],
    ['latitude without longitude', { category: 'other', latitude: 35.6 }, 'coordinates_incomplete'],
    ['unknown field', { category: 'other', name: '山田' }, 'invalid_input'],
    ['wrong type', { category: 'other', anonymous: 'yes' }, 'invalid_input'],
  ];
  it.each(invalid)('rejects %s with 400 and writes nothing', async (_name, payload, code) => {
    const before = await rowCount();
    const res = await (await t.as('hub_staff')).post('/api/v1/concerns', payload);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe(code);
    expect(res.json().error.message).toMatch(/[ぁ-んァ-ヶ一-龠]/); // Japanese by default
    expect(await rowCount()).toBe(before);
  });

  it('answers in English when asked', async () => {
    const res = await (await t.as('hub_staff')).post('/api/v1/concerns', { category: 'ufo' }, { 'accept-language': 'en-US,en;q=0.9' });
    expect(res.json().error.message).toBe('This concern category is not configured (ufo).');
  });

  it('requires a session and the CSRF token', async () => {
    expect((await t.anonymous().post('/api/v1/concerns', body)).statusCode).toBe(401);
    const partner = await t.as('partner');
    const res = await partner.inject({ method: 'POST', url: '/api/v1/concerns', payload: body, headers: { 'x-csrf-token': 'wrong' } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('csrf_invalid');
  });
});

describe('reporter acknowledgements', () => {
  it('shows a partner only their own reports with a coarse status', async () => {
    const partner = await t.as('partner');
    const mine = (await partner.get('/api/v1/concerns/mine')).json().items;
    expect(mine.length).toBeGreaterThan(0);
    expect(Object.keys(mine[0]).sort()).toEqual([
      'category',
      'id',
      'place_text',
      'received_at',
      'reference',
      'status',
      'status_changed_at',
      'thanks_message',
    ]);
    expect(mine.every((m: { status: string }) => m.status === 'received')).toBe(true);
    const staffReports = await t.ctx.db
      .selectFrom('concerns')
      .select('id')
      .where('reporter_account_id', '=', t.tenant.accounts.hub_staff.id)
      .execute();
    expect(mine.map((m: { id: string }) => m.id)).not.toContain(staffReports[0]!.id);
  });
});

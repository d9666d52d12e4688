/**
 * Open311 GeoReport v2 conformance, part 1: discovery, services, service definitions, POST
 * requests and every error path, in both formats, written from the specification
 * (open311/open311.github.io GeoReport_v2/index.md).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { createTenant } from '../../../test/helpers/factories.js';
import { DEFAULT_CATEGORIES } from '../tenants/tenants.service.js';
import { addKey, get, P, post, sample, xml } from './open311.helpers.test-support.js';
import { RATE_LIMITS } from './open311.service.js';

let t: TestApp;
let key: string;
let residentKey: string;
let revokedKey: string;
let betaKey: string;

beforeAll(async () => {
  t = await createTestApp();
  const beta = await createTenant(t.ctx.db, 'beta', t.clock.now());
  key = await addKey(t);
  residentKey = await addKey(t, { partnerId: null });
  revokedKey = await addKey(t, { revoked: true });
  betaKey = await addKey(t, { tenantId: beta.id, partnerId: beta.partnerId });
});
afterAll(async () => t?.close());

async function concernCount(): Promise<number> {
  const r = await t.ctx.db
    .selectFrom('concerns')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

describe('discovery', () => {
  it('lists the GeoReport v2 endpoint with both formats (JSON)', async () => {
    const res = await get(t, 'discovery.json');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    const d = res.json();
    expect(d.endpoints).toEqual([
      expect.objectContaining({
        specification: 'http://wiki.open311.org/GeoReport_v2',
        type: 'production',
        formats: ['text/xml', 'application/json'],
        url: expect.stringMatching(/\/open311\/v2\/$/),
      }),
    ]);
    expect(d.changeset).toMatch(/Z$/);
  });
  it('has the same shape in XML', async () => {
    const res = await get(t, 'discovery.xml');
    expect(res.headers['content-type']).toBe('text/xml; charset=utf-8');
    const d = xml(res.body).discovery;
    expect(d.endpoints.endpoint[0].formats.format).toEqual(['text/xml', 'application/json']);
    expect(d.endpoints.endpoint[0].specification).toBe('http://wiki.open311.org/GeoReport_v2');
    expect(Object.keys(d)).toEqual(['changeset', 'contact', 'key_service', 'endpoints']);
  });
});

describe('GET services', () => {
  const FIELDS = ['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group'];
  it('lists each concern category as a realtime service with metadata (JSON)', async () => {
    const res = await get(t, 'services.json', { jurisdiction_id: 'alpha' });
    expect(res.statusCode).toBe(200);
    const list = res.json();
    expect(list.map((s: any) => s.service_code)).toEqual(DEFAULT_CATEGORIES.map((c) => c.code));
    for (const s of list) {
      expect(Object.keys(s)).toEqual(FIELDS);
      expect(s.metadata).toBe(true);
      expect(s.type).toBe('realtime');
    }
    expect(list[0].service_name).toBe('新聞・郵便物がたまっている');
  });
  it('speaks English on request and has the spec shape in XML', async () => {
    const res = await get(t, 'services.xml', { jurisdiction_id: 'alpha' }, { 'accept-language': 'en' });
    const services = xml(res.body).services.service;
    expect(services).toHaveLength(DEFAULT_CATEGORIES.length);
    expect(Object.keys(services[0])).toEqual(FIELDS);
    expect(services[0]).toMatchObject({
      service_code: 'mail_piling_up',
      service_name: 'Newspapers or mail piling up',
      metadata: 'true',
      type: 'realtime',
    });
  });
  it('requires jurisdiction_id when the endpoint serves several municipalities (400)', async () => {
    const res = await get(t, 'services.json');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual([{ code: 400, description: expect.stringContaining('jurisdiction_id') }]);
  });
  it('answers 404 for an unknown jurisdiction, as the spec error list in XML', async () => {
    const res = await get(t, 'services.xml', { jurisdiction_id: 'nowhere.example' });
    expect(res.statusCode).toBe(404);
    const errors = xml(res.body).errors.error;
    expect(errors).toHaveLength(1);
    expect(Object.keys(errors[0])).toEqual(['code', 'description']);
    expect(errors[0].code).toBe('404');
  });
  it('lets jurisdiction_id be optional when one municipality is served', async () => {
    const single = await createTestApp();
    try {
      const res = await get(single, 'services.json');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toHaveLength(DEFAULT_CATEGORIES.length);
    } finally {
      await single.close();
    }
  });
});

describe('GET service definition', () => {
  it('gives the attributes with order, datatype and values (JSON)', async () => {
    const res = await get(t, 'services/mail_piling_up.json', { jurisdiction_id: 'alpha' });
    expect(res.statusCode).toBe(200);
    const d = res.json();
    expect(d.service_code).toBe('mail_piling_up');
    expect(d.attributes.map((a: any) => [a.code, a.datatype, a.order])).toEqual([
      ['observed_at', 'datetime', 1],
      ['place_text', 'string', 2],
      ['duration', 'singlevaluelist', 3],
      ['days_piled', 'number', 4],
      ['contact_ok', 'singlevaluelist', 5],
    ]);
    for (const a of d.attributes) {
      expect(Object.keys(a)).toEqual([
        'variable',
        'code',
        'datatype',
        'required',
        'datatype_description',
        'order',
        'description',
        'values',
      ]);
      expect(a.variable).toBe(true);
    }
    expect(d.attributes[2].values.map((v: any) => v.key)).toEqual(['today', 'few_days', 'week', 'month_plus', 'unknown']);
  });
  it('asks service-specific questions only where they belong', async () => {
    const d = (await get(t, 'services/not_seen.json', { jurisdiction_id: 'alpha' })).json();
    expect(d.attributes.map((a: any) => a.code)).not.toContain('days_piled');
  });
  it('has the spec shape in XML', async () => {
    const d = xml((await get(t, 'services/mail_piling_up.xml', { jurisdiction_id: 'alpha' })).body).service_definition;
    expect(d.service_code).toBe('mail_piling_up');
    const duration = d.attributes.attribute.find((a: any) => a.code === 'duration');
    expect(duration).toMatchObject({ variable: 'true', datatype: 'singlevaluelist', required: 'false', order: '3' });
    expect(duration.values.value[0]).toEqual({ key: 'today', name: '今日から' });
  });
  it('answers 404 for an unknown service_code in both formats', async () => {
    const j = await get(t, 'services/potholes.json', { jurisdiction_id: 'alpha' });
    expect(j.statusCode).toBe(404);
    expect(j.json()[0].code).toBe(404);
    const x = await get(t, 'services/potholes.xml', { jurisdiction_id: 'alpha' });
    expect(x.statusCode).toBe(404);
    expect(xml(x.body).errors.error[0].code).toBe('404');
  });
});

describe('POST requests', () => {
  it("files a concern for the key's partner and returns the spec response (JSON)", async () => {
    const res = await post(
      t,
      'json',
      sample(key, {
        first_name: '花子',
        last_name: '山田',
        phone: '090-1111-2222',
        email: 'hanako@example.jp',
        'attribute[place_text]': 'メゾン北201号室',
        'attribute[observed_at]': '2026-11-01T08:30:00+09:00',
        'attribute[days_piled]': '3',
        device_id: 'dev-1',
        media_url: 'https://example.org/p.jpg',
      }),
    );
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    const body = res.json();
    expect(body).toHaveLength(1);
    expect(Object.keys(body[0])).toEqual(['service_request_id', 'service_notice', 'account_id']);
    expect(body[0].account_id).toBeNull();
    const row = await t.ctx.db.selectFrom('concerns').selectAll().where('id', '=', body[0].service_request_id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      tenant_id: t.tenant.id,
      channel: 'open311',
      reporter_kind: 'partner',
      reporter_partner_id: t.tenant.partnerId,
      open311_service_request: true,
      anonymous: false,
      callback_contact: '山田 花子 / 090-1111-2222 / hanako@example.jp',
      place_text: 'メゾン北201号室',
      category: 'mail_piling_up',
      area_id: t.tenant.areaIds[0],
      status: 'received',
      latitude: 35.62512,
      longitude: 139.68534,
    });
    expect(row.observed_at.toISOString()).toBe('2026-10-31T23:30:00.000Z');
    expect(row.received_at.toISOString()).toBe(t.clock.now().toISOString());
    expect(row.description.split('\n')).toEqual([
      '新聞が3日分たまっている',
      '続いている期間: 数日',
      'たまっている日数: 3日分',
      expect.stringContaining('https://example.org/p.jpg'),
    ]);
  });

  it('answers in XML with service_requests/request', async () => {
    const res = await post(t, 'xml', sample(key, { description: 'XMLで送信' }));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/xml; charset=utf-8');
    const r = xml(res.body).service_requests.request;
    expect(r).toHaveLength(1);
    expect(Object.keys(r[0])).toEqual(['service_request_id', 'service_notice', 'account_id']);
    expect(r[0].service_request_id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('accepts an address instead of a point, and jurisdiction_id may be left out (the key names it)', async () => {
    const res = await post(t, 'json', { api_key: key, service_code: 'not_seen', address_string: 'コーポ南1号室' });
    expect(res.statusCode).toBe(200);
    const row = await t.ctx.db
      .selectFrom('concerns')
      .selectAll()
      .where('id', '=', res.json()[0].service_request_id)
      .executeTakeFirstOrThrow();
    expect([row.place_text, row.latitude, row.anonymous, row.callback_contact]).toEqual(['コーポ南1号室', null, true, null]);
  });

  it('files as a resident when the key has no partner', async () => {
    const res = await post(t, 'json', sample(residentKey, { description: '住民アプリから' }));
    const row = await t.ctx.db
      .selectFrom('concerns')
      .selectAll()
      .where('id', '=', res.json()[0].service_request_id)
      .executeTakeFirstOrThrow();
    expect([row.reporter_kind, row.reporter_partner_id, row.channel]).toEqual(['resident', null, 'open311']);
  });

  it('drops the contact when the reporter declines contact (anonymous)', async () => {
    const res = await post(t, 'json', sample(key, { description: '匿名希望', phone: '090-9999-0000', 'attribute[contact_ok]': 'no' }));
    const row = await t.ctx.db
      .selectFrom('concerns')
      .selectAll()
      .where('id', '=', res.json()[0].service_request_id)
      .executeTakeFirstOrThrow();
    expect([row.anonymous, row.callback_contact]).toEqual([true, null]);
  });

  it('treats the same submission through one key within ten minutes as one request (client retry)', async () => {
    const fields = sample(key, { description: '再送テスト', device_id: 'phone-7' });
    const before = await concernCount();
    const a = (await post(t, 'json', fields)).json()[0].service_request_id;
    t.clock.advance(9 * 60_000);
    const b = (await post(t, 'json', fields)).json()[0].service_request_id;
    expect(b).toBe(a);
    expect(await concernCount()).toBe(before + 1);
    t.clock.advance(25 * 60_000);
    const c = (await post(t, 'json', fields)).json()[0].service_request_id;
    expect(c).not.toBe(a);
    const other = (await post(t, 'json', { ...fields, device_id: 'phone-8' })).json()[0].service_request_id;
    expect(other).not.toBe(c);
    expect(await concernCount()).toBe(before + 3);
  });

  it("shows up in the hub's triage queue", async () => {
    const id = (await post(t, 'json', sample(key, { description: 'トリアージ確認', service_code: 'smell_noise' }))).json()[0]
      .service_request_id;
    const staff = await t.as('hub_staff');
    const res = await staff.get('/api/v1/triage?limit=200');
    expect(res.statusCode).toBe(200);
    const item = res.json().items.find((i: any) => i.id === id);
    expect(item).toMatchObject({
      category: 'smell_noise',
      channel: 'open311',
      reporter_kind: 'partner',
      description: 'トリアージ確認\n続いている期間: 数日',
    });
    // Staff see the callback contact; it never leaves through Open311 (see open311.requests.test.ts).
    const detail = await staff.get(`/api/v1/concerns/${id}`);
    expect(detail.json().reporter_partner_id).toBe(t.tenant.partnerId);
  });

  it('limits filings per key and answers 429 in the spec error format', async () => {
    const k = await addKey(t);
    const max = RATE_LIMITS[0].max;
    for (let i = 0; i < max; i++) expect((await post(t, 'json', sample(k, { description: `連投 ${i}` }))).statusCode).toBe(200);
    const res = await post(t, 'xml', sample(k, { description: '多すぎる' }));
    expect(res.statusCode).toBe(429);
    expect(res.headers['retry-after']).toBe('60');
    expect(xml(res.body).errors.error[0].code).toBe('429');
    // Another key is not affected, and the limit lifts after a minute.
    expect((await post(t, 'json', sample(key, { description: '別のキー' }))).statusCode).toBe(200);
    t.clock.advance(61_000);
    expect((await post(t, 'json', sample(k, { description: '一分後' }))).statusCode).toBe(200);
  });
});

describe('POST requests: errors change nothing', () => {
  const cases: [string, () => Record<string, string | undefined>, number, string][] = [
    ['missing api_key', () => ({ ...sample(key), api_key: undefined }), 403, 'api_key'],
    ['wrong api_key', () => sample('not-a-key-at-all-000000'), 403, 'api_key'],
    ['revoked api_key', () => sample(revokedKey), 403, 'api_key'],
    ['key of another jurisdiction', () => sample(betaKey), 403, 'api_key'],
    ['unknown jurisdiction', () => sample(key, { jurisdiction_id: 'nowhere.example' }), 404, 'nowhere.example'],
    ['missing service_code', () => sample(key, { service_code: undefined }), 400, 'service_code'],
    ['unknown service_code', () => sample(key, { service_code: 'potholes' }), 404, 'potholes'],
    ['no location', () => ({ api_key: key, service_code: 'not_seen', description: 'どこか' }), 400, 'location'],
    ['lat without long', () => sample(key, { long: undefined }), 400, 'latitude'],
    ['latitude out of range', () => sample(key, { lat: '95.1' }), 400, 'lat'],
    ['latitude not a number', () => sample(key, { lat: '35,6' }), 400, 'lat'],
    ['invalid singlevaluelist value', () => sample(key, { 'attribute[duration]': 'forever' }), 400, 'duration'],
    ['invalid datetime attribute', () => sample(key, { 'attribute[observed_at]': '2026-11-01 08:30' }), 400, 'observed_at'],
    ['description over 4000 characters', () => sample(key, { description: 'あ'.repeat(4001) }), 400, 'description'],
  ];
  it.each(cases)('%s', async (_name, fields, status, mention) => {
    const before = await concernCount();
    for (const format of ['json', 'xml'] as const) {
      const res = await post(t, format, fields(), { 'accept-language': 'en' });
      expect(res.statusCode, res.body).toBe(status);
      const errors = format === 'json' ? res.json() : xml(res.body).errors.error;
      expect(errors).toHaveLength(1);
      expect(Number(errors[0].code)).toBe(status);
      expect(errors[0].description.toLowerCase()).toContain(mention.toLowerCase());
    }
    expect(await concernCount()).toBe(before);
  });
});

describe('routing', () => {
  it('answers unknown Open311 paths with the spec error list', async () => {
    const res = await t.app.inject({ method: 'GET', url: `${P}/nothing.xml` });
    expect(res.statusCode).toBe(404);
    expect(xml(res.body).errors.error[0].code).toBe('404');
  });
});

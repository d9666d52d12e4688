/**
 * Open311 GeoReport v2 conformance, part 2: GET requests (filters, window, scope), GET one
 * request, tokens, status mapping after triage and case closure, FixMyStreet's
 * servicerequestupdates, and that no personal data ever leaves through any read.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { createTenant } from '../../../test/helpers/factories.js';
import { referenceOf } from '../concerns/reference.js';
import { addKey, get, post, sample, xml } from './open311.helpers.test-support.js';

let t: TestApp;
let key: string;
let samePartnerKey: string;
let residentKey: string;
let revokedKey: string;
let betaKey: string;

const REQUEST_FIELDS = [
  'service_request_id',
  'status',
  'status_notes',
  'service_name',
  'service_code',
  'description',
  'agency_responsible',
  'service_notice',
  'requested_datetime',
  'updated_datetime',
  'address',
  'address_id',
  'zipcode',
  'lat',
  'long',
  'media_url',
];

async function file(k: string, extra: Record<string, string | undefined> = {}): Promise<string> {
  const res = await post(t, 'json', sample(k, extra));
  expect(res.statusCode, res.body).toBe(200);
  return res.json()[0].service_request_id;
}

beforeAll(async () => {
  t = await createTestApp();
  const beta = await createTenant(t.ctx.db, 'beta', t.clock.now());
  key = await addKey(t);
  samePartnerKey = await addKey(t);
  residentKey = await addKey(t, { partnerId: null });
  revokedKey = await addKey(t, { revoked: true });
  betaKey = await addKey(t, { tenantId: beta.id, partnerId: beta.partnerId });
});
afterAll(async () => t?.close());

describe('GET requests: shape and access', () => {
  let id: string;
  beforeAll(async () => {
    id = await file(key, { description: '一覧用' });
  });

  it("lists the key's requests with the spec fields (JSON)", async () => {
    const res = await get(t, 'requests.json', { api_key: key, jurisdiction_id: 'alpha' });
    expect(res.statusCode).toBe(200);
    const r = res.json().find((x: any) => x.service_request_id === id);
    expect(Object.keys(r)).toEqual(REQUEST_FIELDS);
    expect(r).toMatchObject({
      status: 'open',
      status_notes: '受け付けました。見守りハブが確認します。',
      service_code: 'mail_piling_up',
      service_name: '新聞・郵便物がたまっている',
      description: '新聞・郵便物がたまっている',
      agency_responsible: 'alpha ハブ',
      requested_datetime: '2026-11-02T00:00:00Z',
      updated_datetime: '2026-11-02T00:00:00Z',
      lat: 35.625,
      long: 139.685,
      address: null,
      media_url: null,
    });
  });

  it('has the same shape in XML', async () => {
    const res = await get(t, 'requests.xml', { api_key: key });
    expect(res.statusCode).toBe(200);
    const list = xml(res.body).service_requests.request;
    const r = list.find((x: any) => x.service_request_id === id);
    expect(Object.keys(r)).toEqual(REQUEST_FIELDS);
    expect(r).toMatchObject({ status: 'open', lat: '35.625', long: '139.685', address: '', requested_datetime: '2026-11-02T00:00:00Z' });
  });

  it('GET requests/{id} returns one request in both formats', async () => {
    const j = await get(t, `requests/${id}.json`, { api_key: key });
    expect(j.json()).toHaveLength(1);
    expect(j.json()[0].service_request_id).toBe(id);
    const x = xml((await get(t, `requests/${id}.xml`, { api_key: key })).body).service_requests.request;
    expect(x[0].service_request_id).toBe(id);
  });

  it("needs a live api_key for reads (403), and answers 404 outside the key's scope", async () => {
    for (const q of [{}, { api_key: 'nope-nope-nope-nope' }, { api_key: revokedKey }]) {
      for (const path of ['requests.json', `requests/${id}.json`, 'servicerequestupdates.json', `tokens/${referenceOf(id)}.json`]) {
        const res = await get(t, path, q);
        expect(res.statusCode, `${path} ${JSON.stringify(q)}`).toBe(403);
        expect(res.json()[0].code).toBe(403);
      }
    }
    expect((await get(t, `requests/${id}.json`, { api_key: betaKey })).statusCode).toBe(404);
    expect((await get(t, `requests/${id}.json`, { api_key: residentKey })).statusCode).toBe(404);
    expect((await get(t, `requests/not-a-uuid.xml`, { api_key: key })).statusCode).toBe(404);
    expect((await get(t, 'requests.json', { api_key: key, jurisdiction_id: 'beta' })).statusCode).toBe(403);
    expect((await get(t, 'requests.json', { api_key: key, jurisdiction_id: 'nowhere' })).statusCode).toBe(404);
  });

  it("shares a partner's requests across its keys, and keeps a resident key to its own", async () => {
    const mine = await file(residentKey, { description: '住民キー' });
    const viaSibling = (await get(t, 'requests.json', { api_key: samePartnerKey })).json().map((r: any) => r.service_request_id);
    expect(viaSibling).toContain(id);
    expect(viaSibling).not.toContain(mine);
    const viaResident = (await get(t, 'requests.json', { api_key: residentKey })).json().map((r: any) => r.service_request_id);
    expect(viaResident).toEqual([mine]);
    expect((await get(t, 'requests.json', { api_key: betaKey })).json()).toEqual([]);
    expect(xml((await get(t, 'requests.xml', { api_key: betaKey })).body)).toEqual({ service_requests: '' });
  });

  it('does not list concerns filed through other channels', async () => {
    const partner = await t.as('partner');
    const other = (await partner.post('/api/v1/concerns', { category: 'lights', place_text: 'ハイツ1号室' })).json().id;
    const ids = (await get(t, 'requests.json', { api_key: key })).json().map((r: any) => r.service_request_id);
    expect(ids).not.toContain(other);
  });
});

describe('GET requests: filters', () => {
  let a: string;
  let b: string;
  let old: string;
  let closed: string;
  beforeAll(async () => {
    const start = t.clock.now();
    t.clock.advance(-100 * 86_400_000);
    old = await file(key, { description: '古い', service_code: 'lights' });
    t.clock.set(new Date(start.getTime() + 86_400_000));
    a = await file(key, { description: 'A', service_code: 'laundry' });
    b = await file(key, { description: 'B', service_code: 'hoarding' });
    closed = await file(key, { description: 'C', service_code: 'hoarding' });
    const staff = await t.as('hub_staff');
    expect((await staff.post(`/api/v1/concerns/${closed}/dismiss`, { reason: '福祉的な対応は不要' })).statusCode).toBe(200);
  });
  const ids = async (q: Record<string, string>) => {
    const res = await get(t, 'requests.json', { api_key: key, ...q });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().map((r: any) => r.service_request_id) as string[];
  };

  it('service_request_id (comma list) overrides every other argument', async () => {
    expect((await ids({ service_request_id: `${a},${old},bogus`, service_code: 'nothing', status: 'closed' })).sort()).toEqual(
      [a, old].sort(),
    );
  });
  it('service_code takes a comma list', async () => {
    const got = await ids({ service_code: 'laundry,hoarding' });
    expect(got.sort()).toEqual([a, b, closed].sort());
  });
  it('status open / closed / both', async () => {
    expect(await ids({ service_code: 'hoarding', status: 'closed' })).toEqual([closed]);
    expect(await ids({ service_code: 'hoarding', status: 'open' })).toEqual([b]);
    expect((await ids({ service_code: 'hoarding', status: 'open,closed' })).sort()).toEqual([b, closed].sort());
  });
  it('defaults to the most recent 90 days; start_date and end_date select another window', async () => {
    expect(await ids({})).not.toContain(old);
    const now = t.clock.now().getTime();
    const got = await ids({
      start_date: new Date(now - 120 * 86_400_000).toISOString(),
      end_date: new Date(now - 60 * 86_400_000).toISOString(),
    });
    expect(got).toEqual([old]);
    expect(await ids({ end_date: new Date(now - 60 * 86_400_000).toISOString().replace('Z', '+09:00') })).toEqual([old]);
  });
  it('rejects bad filters with 400 in the spec error format', async () => {
    const bad = [
      { start_date: 'yesterday' },
      { end_date: '2026-11-01' },
      { start_date: '2026-01-01T00:00:00Z', end_date: '2026-06-01T00:00:00Z' },
      { start_date: '2026-11-02T00:00:00Z', end_date: '2026-11-01T00:00:00Z' },
      { status: 'pending' },
    ];
    for (const q of bad) {
      for (const f of ['json', 'xml'] as const) {
        const res = await get(t, `requests.${f}`, { api_key: key, ...q });
        expect(res.statusCode, JSON.stringify(q)).toBe(400);
        const errors = f === 'json' ? res.json() : xml(res.body).errors.error;
        expect(Number(errors[0].code)).toBe(400);
      }
    }
  });
});

describe('status mapping, tokens and servicerequestupdates', () => {
  let id: string;
  let caseId: string;
  let triagedAt: string;
  let closedAt: string;
  beforeAll(async () => {
    id = await file(key, { description: '状態確認', service_code: 'not_seen' });
  });
  const one = async () => (await get(t, `requests/${id}.json`, { api_key: key })).json()[0];

  it('received -> open', async () => {
    expect((await one()).status).toBe('open');
  });
  it('triaged (being handled) -> open with a generic note, updated at triage', async () => {
    t.clock.advance(3_600_000);
    const staff = await t.as('hub_staff');
    const res = await staff.post(`/api/v1/concerns/${id}/triage`, { urgency: 'high', new_person: { name: '佐藤 一郎' } });
    expect(res.statusCode, res.body).toBe(200);
    caseId = res.json().id;
    triagedAt = t.clock.now().toISOString().replace('.000Z', 'Z');
    expect(await one()).toMatchObject({ status: 'open', status_notes: '見守りハブが対応しています。', updated_datetime: triagedAt });
  });
  it('case closed -> closed, updated at closure', async () => {
    t.clock.advance(2 * 3_600_000);
    const staff = await t.as('hub_staff');
    const res = await staff.patch(`/api/v1/cases/${caseId}`, { status: 'closed', outcome: 'resolved' });
    expect(res.statusCode, res.body).toBe(200);
    closedAt = t.clock.now().toISOString().replace('.000Z', 'Z');
    expect(await one()).toMatchObject({ status: 'closed', status_notes: '見守りハブの対応が終わりました。', updated_datetime: closedAt });
    const x = xml((await get(t, `requests/${id}.xml`, { api_key: key })).body).service_requests.request[0];
    expect(x.status).toBe('closed');
  });
  it('servicerequestupdates lists triage and closure, generic text only (JSON and XML)', async () => {
    const q = { api_key: key, jurisdiction_id: 'alpha', start_date: '2026-11-01T00:00:00Z', end_date: '2026-12-01T00:00:00Z' };
    const res = await get(t, 'servicerequestupdates.json', q);
    expect(res.statusCode).toBe(200);
    const mine = res.json().filter((u: any) => u.service_request_id === id);
    expect(mine).toEqual([
      {
        update_id: `${id}-triaged`,
        service_request_id: id,
        status: 'open',
        updated_datetime: triagedAt,
        description: '見守りハブが対応しています。',
        media_url: '',
      },
      {
        update_id: expect.stringMatching(new RegExp(`^${id}-`)),
        service_request_id: id,
        status: 'closed',
        updated_datetime: closedAt,
        description: '見守りハブの対応が終わりました。',
        media_url: '',
      },
    ]);
    const x = xml((await get(t, 'servicerequestupdates.xml', q)).body).service_request_updates.request_update;
    const xu = x.filter((u: any) => u.service_request_id === id);
    expect(xu.map((u: any) => u.status)).toEqual(['open', 'closed']);
    expect(Object.keys(xu[0])).toEqual(['update_id', 'service_request_id', 'status', 'updated_datetime', 'description', 'media_url']);
    // The window applies to the update time.
    const later = (await get(t, 'servicerequestupdates.json', { ...q, start_date: closedAt }))
      .json()
      .filter((u: any) => u.service_request_id === id);
    expect(later.map((u: any) => u.status)).toEqual(['closed']);
    expect((await get(t, 'servicerequestupdates.json', { api_key: betaKey })).json()).toEqual([]);
  });
  it('a dismissed request shows one closing update', async () => {
    const d = await file(key, { description: '却下', service_code: 'other' });
    await (await t.as('hub_staff')).post(`/api/v1/concerns/${d}/dismiss`, { reason: '重複' });
    const ups = (await get(t, 'servicerequestupdates.json', { api_key: key })).json().filter((u: any) => u.service_request_id === d);
    expect(ups).toEqual([expect.objectContaining({ update_id: `${d}-dismissed`, status: 'closed' })]);
  });
  it('tokens/{reference} gives the service_request_id (JSON and XML); unknown tokens are 404', async () => {
    const token = referenceOf(id);
    expect((await get(t, `tokens/${token}.json`, { api_key: key })).json()).toEqual([{ service_request_id: id, token }]);
    const x = xml((await get(t, `tokens/${token}.xml`, { api_key: key })).body).service_requests.request;
    expect(x).toEqual([{ service_request_id: id, token }]);
    expect((await get(t, 'tokens/0000-0000.json', { api_key: key })).statusCode).toBe(404);
    expect((await get(t, `tokens/${token}.json`, { api_key: betaKey })).statusCode).toBe(404);
  });
});

describe('privacy: no personal data leaves through any read', () => {
  it("never shows names, phone, email, the reporter's text, the place or the precise point", async () => {
    const secret = {
      first_name: 'ハナコ',
      last_name: 'ヤマモト',
      phone: '080-4444-5555',
      email: 'yamamoto.secret@example.jp',
      device_id: 'device-secret-9',
      account_id: 'acct-secret-9',
      description: '201号室の田中トメさんを5日見ていない',
      address_string: 'サンハイツ北201号室',
      'attribute[place_text]': 'サンハイツ北201号室',
      media_url: 'https://example.org/secret.jpg',
      lat: '35.6251234',
      long: '139.6853456',
    };
    const id = await file(key, secret);
    const staff = await t.as('hub_staff');
    // Staff see the contact (it is the callback contact), and the person once triaged.
    expect((await staff.get(`/api/v1/concerns/${id}`)).json().callback_contact).toBe(
      'ヤマモト ハナコ / 080-4444-5555 / yamamoto.secret@example.jp',
    );
    await staff.post(`/api/v1/concerns/${id}/triage`, {
      urgency: 'normal',
      new_person: { name: '田中 トメ', address: 'サンハイツ北201号室' },
    });

    const outputs: string[] = [];
    for (const f of ['json', 'xml']) {
      for (const [path, q] of [
        [`requests.${f}`, {}],
        [`requests/${id}.${f}`, {}],
        [`tokens/${referenceOf(id)}.${f}`, {}],
        [`servicerequestupdates.${f}`, {}],
        [`requests.${f}`, { service_request_id: id }],
      ] as const) {
        const res = await get(t, path, { api_key: key, ...q });
        expect(res.statusCode, path).toBe(200);
        outputs.push(res.body);
      }
    }
    const all = outputs.join('\n');
    expect(all).toContain(id);
    const forbidden = [
      'ハナコ',
      'ヤマモト',
      '080-4444-5555',
      '4444',
      'yamamoto',
      'example.jp',
      'device-secret',
      'acct-secret',
      '田中',
      'トメ',
      '201号室',
      'サンハイツ',
      'secret.jpg',
      '35.6251',
      '139.6853',
      '5日見ていない',
      'callback',
      'person',
      'case_',
    ];
    for (const s of forbidden) expect(all, s).not.toContain(s);
    const r = (await get(t, `requests/${id}.json`, { api_key: key })).json()[0];
    expect([r.lat, r.long]).toEqual([35.625, 139.685]);
  });
});

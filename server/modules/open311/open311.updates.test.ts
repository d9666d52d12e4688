/**
 * FixMyStreet's Open311 update extension, inbound: its client posts residents' updates with
 * `POST servicerequestupdates.xml` (form-encoded, as perllib/Open311.pm's
 * post_service_request_update does) and reads `<request_update><update_id>` from the answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { createTenant } from '../../../test/helpers/factories.js';
import { addKey, form, P, post, sample, xml } from './open311.helpers.test-support.js';

let t: TestApp;
let key: string;
let samePartnerKey: string;
let residentKey: string;
let betaKey: string;
let betaRequest: string;

function postUpdate(format: 'json' | 'xml', fields: Record<string, string | undefined>) {
  return t.app.inject({
    method: 'POST',
    url: `${P}/servicerequestupdates.${format}`,
    payload: form(fields),
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
  });
}

let filed = 0;
/** A new request each time (the same submission within ten minutes would be answered with the first). */
async function file(k: string, jurisdiction = 'alpha'): Promise<string> {
  const res = await post(t, 'json', sample(k, { jurisdiction_id: jurisdiction, description: `更新テスト ${++filed}` }));
  expect(res.statusCode, res.body).toBe(200);
  return res.json()[0].service_request_id;
}

/** What FixMyStreet sends for a comment (Open311::_populate_service_request_update_params). */
function fmsUpdate(k: string, requestId: string, extra: Record<string, string | undefined> = {}) {
  return {
    api_key: k,
    jurisdiction_id: 'alpha',
    service_request_id: requestId,
    update_id: '248',
    updated_datetime: '2026-11-02T09:30:00+09:00',
    status: 'OPEN',
    description: '今朝も新聞がたまったままです。201号室の田中さんの様子が心配です。',
    first_name: '花子',
    last_name: '山田',
    email: 'hanako@example.test',
    phone: '090-1111-2222',
    ...extra,
  };
}

const storedUpdates = (concernId: string) =>
  t.ctx.db.selectFrom('open311_updates').selectAll().where('concern_id', '=', concernId).execute();

beforeAll(async () => {
  t = await createTestApp();
  const beta = await createTenant(t.ctx.db, 'beta', t.clock.now());
  key = await addKey(t);
  samePartnerKey = await addKey(t);
  residentKey = await addKey(t, { partnerId: null });
  betaKey = await addKey(t, { tenantId: beta.id, partnerId: beta.partnerId });
  betaRequest = await file(betaKey, 'beta');
});
afterAll(async () => t?.close());

describe('POST servicerequestupdates', () => {
  it("accepts FixMyStreet's update in XML and answers only our update id", async () => {
    const id = await file(key);
    const res = await postUpdate('xml', fmsUpdate(key, id));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/xml; charset=utf-8');
    const doc = xml(res.body);
    const [u] = doc.service_request_updates.request_update;
    expect(Object.keys(u)).toEqual(['update_id']);
    const [row] = await storedUpdates(id);
    expect(u.update_id).toBe(row!.id);
    // Nothing echoed back: no text, no name, no contact, no concern detail.
    for (const s of ['新聞', '田中', '山田', '花子', 'hanako', '090-1111', '201号室']) expect(res.body).not.toContain(s);
    expect(row).toMatchObject({ status: 'OPEN', client_update_id: '248' });
    expect(row!.description).toContain('201号室の田中さん');
    expect(row!.client_updated_at).toEqual(new Date('2026-11-02T00:30:00Z'));
    // The contact is not stored with the update.
    expect(JSON.stringify(row)).not.toContain('hanako');
  });

  it('answers in JSON too, and keeps the update on the concern timeline for hub staff (and on its case)', async () => {
    const id = await file(key);
    const staff = await t.as('hub_staff');
    const kase = (await staff.post(`/api/v1/concerns/${id}/triage`, { urgency: 'normal' })).json();
    const res = await postUpdate('json', fmsUpdate(key, id, { update_id: 'fms-1', status: 'closed', description: 'もう大丈夫そうです' }));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    const [answer] = res.json();
    const list = await staff.get(`/api/v1/concerns/${id}/resident-updates`);
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toEqual([
      {
        id: answer.update_id,
        status: 'CLOSED',
        description: 'もう大丈夫そうです',
        client_updated_at: expect.any(String),
        received_at: expect.any(String),
      },
    ]);
    const detail = (await staff.get(`/api/v1/cases/${kase.id}`)).json();
    expect(
      detail.timeline.some((e: { kind: string; data: { kind?: string } }) => e.kind === 'event' && e.data.kind === 'resident_update'),
    ).toBe(true);
    // A resident update does not close anything: staff decide.
    expect(detail.status).toBe('open');
    const audit = await t.ctx.db.selectFrom('audit_log').select(['entity_id', 'detail']).where('entity_id', '=', id).execute();
    expect(audit.some((a) => (a.detail as { resident_updates?: number } | null)?.resident_updates === 1)).toBe(true);
  });

  it("is idempotent by the client's update_id: a retry stores nothing and gets the same id", async () => {
    const id = await file(key);
    const first = await postUpdate('json', fmsUpdate(key, id, { update_id: 'retry-1' }));
    const again = await postUpdate('json', fmsUpdate(key, id, { update_id: 'retry-1' }));
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    expect(await storedUpdates(id)).toHaveLength(1);
    // Without update_id, the same update within ten minutes is one update too.
    const a = await postUpdate('json', fmsUpdate(key, id, { update_id: undefined, description: '二回送信' }));
    const b = await postUpdate('json', fmsUpdate(key, id, { update_id: undefined, description: '二回送信' }));
    expect(b.json()).toEqual(a.json());
    expect(await storedUpdates(id)).toHaveLength(2);
    // The same update_id for another request is refused.
    const other = await file(key);
    const reused = await postUpdate('json', fmsUpdate(key, other, { update_id: 'retry-1' }));
    expect(reused.statusCode).toBe(409);
    expect(await storedUpdates(other)).toHaveLength(0);
  });

  it("answers 404 for an unknown request id, another partner's request, and another tenant's request, storing nothing", async () => {
    const residentRequest = await file(residentKey);
    for (const rid of ['0190f3a0-0000-7000-8000-00000000dead', 'not-a-uuid', residentRequest, betaRequest]) {
      const res = await postUpdate('xml', fmsUpdate(key, rid, { update_id: `x-${rid}` }));
      expect(res.statusCode, rid).toBe(404);
      expect(xml(res.body).errors.error[0].code).toBe('404');
    }
    // The other tenant's key cannot reach this tenant's request either (jurisdiction mismatch: 403).
    const mine = await file(key);
    const cross = await postUpdate('json', fmsUpdate(betaKey, mine, { update_id: 'cross' }));
    expect(cross.statusCode).toBe(403);
    const crossBeta = await postUpdate('json', fmsUpdate(betaKey, mine, { jurisdiction_id: 'beta', update_id: 'cross2' }));
    expect(crossBeta.statusCode).toBe(404);
    expect(await storedUpdates(mine)).toHaveLength(0);
    expect(await storedUpdates(betaRequest)).toHaveLength(0);
    expect(await storedUpdates(residentRequest)).toHaveLength(0);
    // A key of the same partner may update the partner's requests (the same scope as reads).
    expect((await postUpdate('json', fmsUpdate(samePartnerKey, mine, { update_id: 'same-partner' }))).statusCode).toBe(200);
  });

  it('refuses bad input with the spec error list, in the language asked, and stores nothing', async () => {
    const id = await file(key);
    const cases: [Record<string, string | undefined>, number][] = [
      [{ api_key: undefined }, 403],
      [{ api_key: 'no-such-key' }, 403],
      [{ service_request_id: undefined }, 400],
      [{ status: undefined }, 400],
      [{ status: 'MAYBE' }, 400],
      [{ description: undefined }, 400],
      [{ description: 'x'.repeat(4001) }, 400],
      [{ update_id: 'u'.repeat(101) }, 400],
      [{ updated_datetime: 'yesterday' }, 400],
      [{ jurisdiction_id: 'nowhere' }, 404],
    ];
    for (const [extra, status] of cases) {
      const res = await postUpdate('json', fmsUpdate(key, id, { update_id: undefined, ...extra }));
      expect(res.statusCode, JSON.stringify(extra)).toBe(status);
      const [err] = res.json();
      expect(err.code).toBe(status);
      expect(err.description.length).toBeGreaterThan(0);
    }
    const en = await t.app.inject({
      method: 'POST',
      url: `${P}/servicerequestupdates.json`,
      payload: form(fmsUpdate(key, id, { status: 'MAYBE' })),
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'en' },
    });
    expect(en.json()[0].description).toMatch(/status/);
    expect(await storedUpdates(id)).toHaveLength(0);
  });

  it('limits updates per key and answers 429 with Retry-After', async () => {
    const k = await addKey(t);
    const id = await file(k);
    for (let i = 0; i < 20; i++) expect((await postUpdate('json', fmsUpdate(k, id, { update_id: `r${i}` }))).statusCode).toBe(200);
    const res = await postUpdate('xml', fmsUpdate(k, id, { update_id: 'r20' }));
    expect(res.statusCode).toBe(429);
    expect(res.headers['retry-after']).toBe('60');
    expect(xml(res.body).errors.error[0].code).toBe('429');
    expect(await storedUpdates(id)).toHaveLength(20);
  });

  it('resident updates are for hub staff only', async () => {
    const id = await file(key);
    expect((await (await t.as('partner')).get(`/api/v1/concerns/${id}/resident-updates`)).statusCode).toBe(403);
    expect((await (await t.as('hub_staff')).get('/api/v1/concerns/0190f3a0-0000-7000-8000-00000000beef/resident-updates')).statusCode).toBe(
      404,
    );
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Actor, createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { createTenant, type TestTenant } from '../../../test/helpers/factories.js';
import { hashApiKey } from '../../access/authenticators/open311-key.js';
import { renderStickerPdf, stickerUrl } from './sticker.js';

let t: TestApp;
let coord: Actor;
let lead: Actor;
let beta: TestTenant;
beforeAll(async () => {
  t = await createTestApp();
  coord = await t.as('coordinator');
  lead = await t.as('hub_lead');
  beta = await createTenant(t.testDb.db, 'beta', t.clock.now());
});
afterAll(async () => t?.close());

const P = '/api/v1';
const count = async (table: 'partners' | 'partner_agreements' | 'api_keys' | 'audit_log') =>
  Number(
    (
      await t.testDb.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

async function newPartner(name = '北新聞販売店', extra: Record<string, unknown> = {}) {
  const res = await coord.post(`${P}/partners`, {
    name,
    kind: 'newspaper',
    contact_name: '配達 一郎',
    contact_phone: '03-0000-0000',
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

describe('partners', () => {
  it('coordinators create, read and update partners; hub leads read; changes are audited', async () => {
    const before = await count('audit_log');
    const p = await newPartner('南ガス検針', { kind: 'utility', contact_email: 'gas@example.jp', address: '北一丁目2-3', note: 'メモ' });
    expect(p).toMatchObject({
      name: '南ガス検針',
      kind: 'utility',
      status: 'active',
      reports: 0,
      useful_reports: 0,
      active_devices: 0,
      contact_email: 'gas@example.jp',
    });
    const got = await lead.get(`${P}/partners/${p.id}`);
    expect(got.statusCode).toBe(200);
    expect(got.json().address).toBe('北一丁目2-3');
    const patched = await coord.patch(`${P}/partners/${p.id}`, { contact_phone: '03-1111-2222', note: null });
    expect(patched.json()).toMatchObject({ contact_phone: '03-1111-2222', note: null });
    expect((await lead.patch(`${P}/partners/${p.id}`, { note: 'x' })).statusCode).toBe(403);
    const list = (await lead.get(`${P}/partners`)).json();
    expect(list.items.map((i: { id: string }) => i.id)).toContain(p.id);
    // The create, the change, and the lead's refused change (a `denied` row).
    expect(await count('audit_log')).toBe(before + 3);
  });

  it('rejects bad input with 400 and writes nothing', async () => {
    const partners = await count('partners');
    for (const body of [
      { name: '', kind: 'newspaper' },
      { name: 'x', kind: 'bakery' },
      { name: 'x', kind: 'retail', extra: 1 },
      { name: 'x', kind: 'retail', contact_email: 'nope' },
    ]) {
      const res = await coord.post(`${P}/partners`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.code).toBe('invalid_input');
    }
    const p = await newPartner('検証用');
    const res = await coord.patch(`${P}/partners/${p.id}`, { status: 'paused' });
    expect(res.statusCode).toBe(400);
    expect((await coord.patch(`${P}/partners/${p.id}`, {})).statusCode).toBe(400);
    expect((await coord.get(`${P}/partners/${p.id}`)).json().status).toBe('active');
    expect(await count('partners')).toBe(partners + 1);
    const agreements = await count('partner_agreements');
    const bad = await coord.post(`${P}/partners/${p.id}/agreements`, {
      signed_on: '2026-04-01',
      scope: '見守り',
      renewal_due: '2026-03-01',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('renewal_before_signing');
    expect((await coord.post(`${P}/partners/${p.id}/agreements`, { signed_on: '01/04/2026', scope: '見守り' })).statusCode).toBe(400);
    expect(await count('partner_agreements')).toBe(agreements);
  });

  it('keeps tenants apart', async () => {
    const p = await newPartner('アルファ商店');
    const other = await t.as('coordinator', beta);
    expect((await other.get(`${P}/partners/${p.id}`)).statusCode).toBe(404);
    expect((await other.patch(`${P}/partners/${p.id}`, { note: '乗っ取り' })).statusCode).toBe(404);
    expect((await other.get(`${P}/partners`)).json().items.map((i: { name: string }) => i.name)).not.toContain('アルファ商店');
    expect((await other.post(`${P}/partners/${p.id}/agreements`, { signed_on: '2026-04-01', scope: '見守り' })).statusCode).toBe(404);
    expect((await other.get(`${P}/partners/${p.id}/agreements`)).statusCode).toBe(404);
    expect((await other.post(`${P}/partners/${p.id}/api-keys`, { label: 'x' })).statusCode).toBe(404);
    expect((await other.post(`${P}/partners/${p.id}/enrollments`, {})).statusCode).toBe(404);
    expect((await other.get(`${P}/partners/${p.id}/devices`)).statusCode).toBe(404);
    const a = (await coord.post(`${P}/partners/${p.id}/agreements`, { signed_on: '2026-04-01', scope: '見守り' })).json();
    expect((await other.patch(`${P}/agreements/${a.id}`, { status: 'ended' })).statusCode).toBe(404);
    expect((await other.get(`${P}/agreements/${a.id}/sticker.pdf`)).statusCode).toBe(404);
    const k = (await coord.post(`${P}/partners/${p.id}/api-keys`, { label: 'FixMyStreet' })).json();
    expect((await other.post(`${P}/api-keys/${k.id}/revoke`)).statusCode).toBe(404);
    expect((await other.get(`${P}/partners/report-stats`)).json().items.map((i: { name: string }) => i.name)).not.toContain('アルファ商店');
  });
});

describe('agreements and stickers', () => {
  it('numbers agreements, makes a sticker code, and shows renewals due within 60 days', async () => {
    const p = await newPartner('中央信用金庫', { kind: 'finance' });
    // The clock is 2026-11-02; 2026-12-20 is within 60 days, 2027-06-01 is not.
    const soon = await coord.post(`${P}/partners/${p.id}/agreements`, {
      signed_on: '2025-12-20',
      scope: '窓口での見守り',
      contact_person: '支店長',
      renewal_due: '2026-12-20',
    });
    expect(soon.statusCode, soon.body).toBe(201);
    const a = soon.json();
    expect(a).toMatchObject({
      status: 'active',
      signed_on: '2025-12-20',
      renewal_due: '2026-12-20',
      renewal_due_soon: true,
      partner_name: '中央信用金庫',
    });
    expect(a.sticker_code).toMatch(/^[A-Za-z0-9_-]{12}$/);
    expect(a.sticker_url).toBe(`${t.ctx.config.publicUrl}/t/alpha/report?ref=${a.sticker_code}`);
    const later = (
      await coord.post(`${P}/partners/${p.id}/agreements`, { signed_on: '2026-06-01', scope: '訪問時', renewal_due: '2027-06-01' })
    ).json();
    expect(later.number).toBe(a.number + 1);
    expect(later.renewal_due_soon).toBe(false);
    const list = (await lead.get(`${P}/partners`)).json();
    expect(list.renewals_due.map((x: { id: string }) => x.id)).toContain(a.id);
    expect(list.renewals_due.map((x: { id: string }) => x.id)).not.toContain(later.id);
    expect(list.items.find((i: { id: string }) => i.id === p.id)).toMatchObject({ agreement_status: 'active', renewal_due: '2026-12-20' });
    const ended = await coord.patch(`${P}/agreements/${a.id}`, { status: 'ended' });
    expect(ended.json()).toMatchObject({ status: 'ended', renewal_due_soon: false });
    expect((await lead.get(`${P}/partners`)).json().renewals_due.map((x: { id: string }) => x.id)).not.toContain(a.id);
    expect((await lead.get(`${P}/partners/${p.id}/agreements`)).json().items.map((x: { id: string }) => x.id)).toEqual([later.id, a.id]);
  });

  it('prints a PDF whose QR code links to the resident report page, or enrolls a phone', async () => {
    const p = await newPartner('ひまわり生協', { kind: 'cooperative' });
    const a = (await coord.post(`${P}/partners/${p.id}/agreements`, { signed_on: '2026-04-01', scope: '個配時の見守り' })).json();
    const res = await lead.get(`${P}/agreements/${a.id}/sticker.pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(res.rawPayload.toString('latin1')).toContain(a.sticker_url);
    // Enrollment stickers need partner:write and carry a fresh one-time code.
    expect((await lead.post(`${P}/agreements/${a.id}/enrollment-sticker.pdf`, {})).statusCode).toBe(403);
    const before = Number(
      (
        await t.testDb.db
          .selectFrom('enrollment_codes')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('partner_id', '=', p.id)
          .executeTakeFirstOrThrow()
      ).n,
    );
    const enr = await coord.post(`${P}/agreements/${a.id}/enrollment-sticker.pdf`, { label: '配達員用' });
    expect(enr.statusCode).toBe(200);
    const text = enr.rawPayload.toString('latin1');
    expect(text).toContain(`${t.ctx.config.publicUrl}/field/enroll?code=`);
    expect(text).not.toContain(a.sticker_url);
    const codes = await t.testDb.db.selectFrom('enrollment_codes').selectAll().where('partner_id', '=', p.id).execute();
    expect(codes.length).toBe(before + 1);
    expect(codes.at(-1)).toMatchObject({ agreement_id: a.id, label: '配達員用', kind: 'partner', used_at: null });
    expect(codes.at(-1)!.expires_at.getTime() - t.clock.now().getTime()).toBe(30 * 86_400_000);
  });

  it('renders Japanese text with the bundled font (a page, not a blank)', async () => {
    const url = stickerUrl('https://example.jp', 'demo', 'AbCdEfGhIjKl');
    const pdf = await renderStickerPdf({
      tenantName: 'つながり市',
      partnerName: '髙橋新聞店',
      agreementNumber: 7,
      signedOn: '2026-04-01',
      scope: '配達時の見守り',
      qrText: url,
    });
    const s = pdf.toString('latin1');
    expect(s.startsWith('%PDF-')).toBe(true);
    expect(s).toContain('/FontFile2'); // an embedded TrueType subset
    expect(s).toContain('NotoSansJP');
    expect(s).toContain(url);
    expect(s.match(/\/Type \/Page\b/g)?.length).toBe(1);
    expect(pdf.length).toBeLessThan(200_000);
  });
});

describe('API keys', () => {
  it('shows a key once, lists without key material, stores only the hash, and revokes', async () => {
    const p = await newPartner('まちなかアプリ', { kind: 'other' });
    const res = await coord.post(`${P}/partners/${p.id}/api-keys`, { label: 'FixMyStreet' });
    expect(res.statusCode).toBe(201);
    const k = res.json();
    expect(k.key).toMatch(/^tsk_[A-Za-z0-9_-]{32}$/);
    const row = await t.testDb.db.selectFrom('api_keys').selectAll().where('id', '=', k.id).executeTakeFirstOrThrow();
    expect(row.key_hash).toBe(hashApiKey(k.key));
    expect(JSON.stringify(row)).not.toContain(k.key);
    const list = await lead.get(`${P}/partners/${p.id}/api-keys`);
    expect(list.json().items).toEqual([
      { id: k.id, partner_id: p.id, label: 'FixMyStreet', created_at: k.created_at, last_used_at: null, revoked_at: null },
    ]);
    expect(list.body).not.toContain(k.key);
    const revoked = await coord.post(`${P}/api-keys/${k.id}/revoke`);
    expect(revoked.json().revoked_at).toBe(t.clock.now().toISOString());
    expect(
      (await t.testDb.db.selectFrom('api_keys').select('revoked_at').where('id', '=', k.id).executeTakeFirstOrThrow()).revoked_at,
    ).not.toBeNull();
    const keys = await count('api_keys');
    expect((await coord.post(`${P}/partners/${p.id}/api-keys`, { label: '' })).statusCode).toBe(400);
    expect(await count('api_keys')).toBe(keys);
  });
});

describe('report KPI', () => {
  it('counts reports and useful reports per partner against the same period a year earlier', async () => {
    const db = t.testDb.db;
    const a = await newPartner('KPI新聞');
    const b = await newPartner('KPI運送', { kind: 'delivery' });
    const { uuidv7 } = await import('uuidv7');
    const insert = async (partnerId: string, at: string, status: 'received' | 'triaged' | 'merged' | 'dismissed') =>
      db
        .insertInto('concerns')
        .values({
          tenant_id: t.tenant.id,
          id: uuidv7(),
          received_at: new Date(at),
          observed_at: new Date(at),
          category: 'mail_piling_up',
          description: '',
          place_text: '',
          latitude: null,
          longitude: null,
          area_id: null,
          outside_area: false,
          channel: 'field',
          reporter_kind: 'partner',
          reporter_account_id: null,
          reporter_partner_id: partnerId,
          anonymous: false,
          callback_contact: null,
          priority: 0,
          status,
          triaged_at: null,
          triaged_by: null,
          urgency: null,
          case_id: null,
          person_id: null,
          duplicate_of: null,
        })
        .execute();
    // Period 2026-01-01..2026-06-30 (Tokyo days); the year before: 2025-01-01..2025-06-30.
    for (const s of ['triaged', 'triaged', 'merged', 'dismissed', 'received'] as const) await insert(a.id, '2026-03-10T01:00:00Z', s);
    await insert(a.id, '2025-12-31T14:59:00Z', 'triaged'); // 2025-12-31 23:59 in Tokyo: outside
    await insert(a.id, '2026-06-30T14:59:00Z', 'triaged'); // 2026-06-30 23:59 in Tokyo: inside
    for (const s of ['triaged', 'triaged', 'dismissed', 'received'] as const) await insert(a.id, '2025-02-01T00:00:00Z', s);
    await insert(b.id, '2025-05-01T00:00:00Z', 'triaged');
    const res = await lead.get(`${P}/partners/report-stats?from=2026-01-01&to=2026-06-30`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.from).toBe('2025-12-31T15:00:00.000Z');
    expect(body.to).toBe('2026-06-30T15:00:00.000Z');
    expect(body.previous_from).toBe('2024-12-31T15:00:00.000Z');
    expect(body.target_change).toBe(0.3);
    const ra = body.items.find((i: { partner_id: string }) => i.partner_id === a.id);
    expect(ra).toMatchObject({
      reports: 6,
      useful_reports: 4,
      previous_reports: 4,
      previous_useful_reports: 2,
      reports_change: 0.5,
      useful_reports_change: 1,
    });
    const rb = body.items.find((i: { partner_id: string }) => i.partner_id === b.id);
    expect(rb).toMatchObject({
      reports: 0,
      useful_reports: 0,
      previous_reports: 1,
      previous_useful_reports: 1,
      reports_change: -1,
      useful_reports_change: -1,
    });
    const fresh = body.items.find((i: { name: string }) => i.name === `${t.tenant.slug} 新聞店`);
    expect(fresh).toMatchObject({ reports: 0, previous_reports: 0, reports_change: null });
    expect(body.totals.reports).toBe(body.items.reduce((s: number, i: { reports: number }) => s + i.reports, 0));
    // The partner page counts every report, and those of the last 365 days.
    const detail = (await lead.get(`${P}/partners/${a.id}`)).json();
    expect(detail).toMatchObject({ reports: 11, useful_reports: 7, reports_last_365_days: 7, useful_reports_last_365_days: 5 });
    expect((await lead.get(`${P}/partners/report-stats?from=2026-06-30&to=2026-01-01`)).json().error.code).toBe('invalid_period');
    expect((await lead.get(`${P}/partners/report-stats?from=yesterday`)).statusCode).toBe(400);
  });
});

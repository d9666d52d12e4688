/**
 * Every read of a person's record is audited (DESIGN.md §5) with who, in what role, what, which
 * record and from where; searches are audited without the query text, which can itself be
 * personal data. The audit log is append-only in the database itself.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../server/access/roles.js';
import { createTestApp, type TestApp } from './helpers/app.js';
import { asOwner } from './helpers/db.js';

const P = '/api/v1';
const IP = '203.0.113.7';
const UA = 'tsunagari-audit-test/1.0';
const NAME = '監査 対象子';
let t: TestApp;
let caseId: string;
let personId: string;
let unknownCaseId: string;

beforeAll(async () => {
  t = await createTestApp();
  const partner = await t.as('partner');
  const staff = await t.as('hub_staff');
  const c1 = (await partner.post(`${P}/concerns`, { category: 'mail_piling_up', place_text: '監査荘101号室' })).json().id;
  const k = (
    await staff.post(`${P}/concerns/${c1}/triage`, { urgency: 'high', new_person: { name: NAME, kana: 'カンサ タイショウコ' } })
  ).json();
  caseId = k.id;
  personId = k.person_id;
  // A case whose person is not known yet: viewing it reads no person's record.
  const c2 = (await partner.post(`${P}/concerns`, { category: 'mail_piling_up', place_text: '不明荘' })).json().id;
  unknownCaseId = (await staff.post(`${P}/concerns/${c2}/triage`, { urgency: 'normal' })).json().id;
  t.clock.advance(60_000);
});
afterAll(async () => t?.close());

async function auditRows() {
  return t.ctx.db.selectFrom('audit_log').selectAll().orderBy('id').execute();
}

/** Runs the request and returns the audit rows it added. */
async function auditedBy(role: Role, url: string) {
  const actor = await t.as(role); // log in first: the login has its own audit row
  const before = (await auditRows()).length;
  const res = await actor.inject({ method: 'GET', url, remoteAddress: IP, headers: { 'user-agent': UA } } as never);
  expect(res.statusCode, res.body).toBe(200);
  t.clock.advance(1000);
  return { res, rows: (await auditRows()).slice(before) };
}

describe('reads of personal records are audited', () => {
  it.each(['hub_staff', 'hub_lead', 'outreach'] as Role[])(
    'GET /people/:id as %s writes one read row with account, role, ip',
    async (role) => {
      const at = t.clock.now();
      const { rows } = await auditedBy(role, `${P}/people/${personId}`);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        tenant_id: t.tenant.id,
        account_id: t.tenant.accounts[role].id,
        role,
        action: 'read',
        entity_type: 'person',
        entity_id: personId,
        ip: IP,
        user_agent: UA,
      });
      expect(rows[0]!.at.toISOString()).toBe(at.toISOString());
    },
  );

  it('GET /cases/:id audits the case and the person it shows', async () => {
    const { res, rows } = await auditedBy('hub_staff', `${P}/cases/${caseId}`);
    expect(res.json().person_name).toBe(NAME);
    const summary = rows.map((r) => [r.action, r.entity_type, r.entity_id]).sort();
    expect(summary).toEqual(
      [
        ['read', 'case', caseId],
        ['read', 'person', personId],
      ].sort(),
    );
    for (const r of rows)
      expect(r).toMatchObject({ account_id: t.tenant.accounts.hub_staff.id, role: 'hub_staff', ip: IP, user_agent: UA });
  });

  it('GET /cases/:id of a case without a known person audits the case only', async () => {
    const { rows } = await auditedBy('outreach', `${P}/cases/${unknownCaseId}`);
    expect(rows.map((r) => [r.action, r.entity_type, r.entity_id])).toEqual([['read', 'case', unknownCaseId]]);
  });

  it('GET /people?q= is audited as a search with the results, without the query text', async () => {
    const q = 'カンサ';
    const { res, rows } = await auditedBy('hub_lead', `${P}/people?q=${encodeURIComponent(q)}`);
    expect(res.json().items.map((p: { id: string }) => p.id)).toEqual([personId]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      account_id: t.tenant.accounts.hub_lead.id,
      role: 'hub_lead',
      action: 'search',
      entity_type: 'person',
      ip: IP,
    });
    expect(rows[0]!.detail).toMatchObject({ results: [personId] });
    const stored = JSON.stringify(rows[0]);
    expect(stored).not.toContain(q);
    expect(stored).not.toContain(encodeURIComponent(q));
  });

  it('a search with no hits is audited too', async () => {
    const { res, rows } = await auditedBy('hub_staff', `${P}/people?q=${encodeURIComponent('存在しない名前')}`);
    expect(res.json().items).toEqual([]);
    expect(rows.map((r) => [r.action, r.entity_type])).toEqual([['search', 'person']]);
    expect(JSON.stringify(rows[0])).not.toContain('存在しない名前');
  });

  it('GET /alerts is audited with the people whose names or device addresses it shows', async () => {
    const { raiseAlert } = await import('../server/modules/alerts/alerts.service.js');
    const { uuidv7 } = await import('uuidv7');
    const deviceId = uuidv7();
    await t.ctx.db
      .insertInto('watch_devices')
      .values({
        tenant_id: t.tenant.id,
        id: deviceId,
        device_key: 'audit-motion-1',
        person_id: personId,
        type: 'motion',
        vendor: null,
        vendor_device_id: null,
        location_in_home: null,
        status: 'active',
        token_hash: null,
        token_rotated_at: null,
        created_at: t.clock.now(),
        updated_at: t.clock.now(),
      })
      .execute();
    await raiseAlert(
      t.ctx.db,
      { tenantId: t.tenant.id, personId, deviceId, type: 'inactivity', severity: 'high', at: t.clock.now() },
      () => {},
    );
    await raiseAlert(
      t.ctx.db,
      { tenantId: t.tenant.id, personId, deviceId, type: 'battery_low', severity: 'low', at: t.clock.now() },
      () => {},
    );
    const staff = await auditedBy('hub_staff', `${P}/alerts?status=open`);
    expect(staff.res.json().items.map((a: { person_name: string }) => a.person_name)).toEqual([NAME, NAME]);
    expect(staff.rows).toHaveLength(1);
    expect(staff.rows[0]).toMatchObject({ action: 'search', entity_type: 'person', role: 'hub_staff', ip: IP });
    expect(staff.rows[0]!.detail).toEqual({ via: 'alert_list', results: [personId] });
    // Coordinators see the technical alert only, without the name, but with where the device is
    // (the person's address, so they can fix it): that read of a person's address is audited.
    const coord = await auditedBy('coordinator', `${P}/alerts?status=open`);
    expect(coord.res.json().items.map((a: { type: string; person_name: null }) => [a.type, a.person_name])).toEqual([
      ['battery_low', null],
    ]);
    expect(coord.rows).toHaveLength(1);
    expect(coord.rows[0]).toMatchObject({ action: 'search', entity_type: 'person', role: 'coordinator' });
    expect(coord.rows[0]!.detail).toEqual({ via: 'alert_list', results: [personId] });
  });

  it('GET /concerns/:id (reporter details) is audited', async () => {
    const c = (await t.ctx.db.selectFrom('concerns').select('id').where('case_id', '=', caseId).executeTakeFirstOrThrow()).id;
    const { rows } = await auditedBy('hub_lead', `${P}/concerns/${c}`);
    expect(rows.map((r) => [r.action, r.entity_type, r.entity_id, r.role])).toEqual([['read', 'concern', c, 'hub_lead']]);
  });

  it('GET /households/:id (members are people) is audited', async () => {
    const staff = await t.as('hub_staff');
    const h = (await staff.post(`${P}/households`, { address: '監査荘101号室' })).json().id;
    expect((await staff.patch(`${P}/people/${personId}`, { household_id: h })).statusCode).toBe(200);
    const { res, rows } = await auditedBy('hub_lead', `${P}/households/${h}`);
    expect(res.json().members.map((m: { id: string }) => m.id)).toEqual([personId]);
    expect(rows.map((r) => [r.action, r.entity_type, r.entity_id])).toContainEqual(['read', 'household', h]);
    for (const r of rows) expect(r).toMatchObject({ account_id: t.tenant.accounts.hub_lead.id, role: 'hub_lead', ip: IP });
  });

  it('a denied read writes no read row, returns nothing, and is audited as denied', async () => {
    const analyst = await t.as('analyst');
    const before = (await auditRows()).length;
    const res = await analyst.get(`${P}/people/${personId}`);
    expect(res.statusCode).toBe(403);
    expect(res.body).not.toContain(NAME);
    const added = (await auditRows()).slice(before);
    expect(added.map((r) => [r.action, r.entity_type, r.entity_id])).toEqual([['denied', 'person', personId]]);
  });
});

describe('the audit log is append-only', () => {
  // Two walls: the app's role has no UPDATE, DELETE or TRUNCATE on audit_log (server/db/privileges.ts),
  // and behind that a trigger refuses them even to the table's owner (which these tests use on purpose).
  const DENIED = /permission denied for table audit_log/;

  it('UPDATE raises and leaves the row unchanged', async () => {
    const row = (await auditRows())[0]!;
    const tamper = sql`UPDATE audit_log SET action = 'tampered', account_id = NULL WHERE tenant_id = ${row.tenant_id} AND id = ${row.id}`;
    await expect(tamper.execute(t.ctx.db)).rejects.toThrow(DENIED);
    await expect(asOwner(t.testDb, (owner) => tamper.execute(owner))).rejects.toThrow(/append-only/);
    const after = await t.ctx.db.selectFrom('audit_log').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
    expect(after).toEqual(row);
  });

  it('DELETE raises and the row is still there', async () => {
    const rows = await auditRows();
    await expect(sql`DELETE FROM audit_log WHERE id = ${rows[0]!.id}`.execute(t.ctx.db)).rejects.toThrow(DENIED);
    await expect(sql`DELETE FROM audit_log`.execute(t.ctx.db)).rejects.toThrow(DENIED);
    await expect(asOwner(t.testDb, (owner) => sql`DELETE FROM audit_log`.execute(owner))).rejects.toThrow(/append-only/);
    expect(await auditRows()).toEqual(rows);
  });

  it('TRUNCATE raises and nothing is lost', async () => {
    const rows = await auditRows();
    await expect(sql`TRUNCATE audit_log`.execute(t.ctx.db)).rejects.toThrow(DENIED);
    await expect(asOwner(t.testDb, (owner) => sql`TRUNCATE audit_log`.execute(owner))).rejects.toThrow(/append-only/);
    expect(await auditRows()).toEqual(rows);
  });

  it('UPDATE inside an application transaction rolls back the whole transaction', async () => {
    const row = (await auditRows())[0]!;
    const beforeNotes = await t.ctx.db.selectFrom('case_notes').select('id').execute();
    await expect(
      t.ctx.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('case_notes')
          .values({
            tenant_id: t.tenant.id,
            id: crypto.randomUUID(),
            case_id: caseId,
            body: 'x',
            created_by: t.tenant.accounts.hub_staff.id,
            created_at: t.clock.now(),
          })
          .execute();
        await sql`UPDATE audit_log SET detail = '{}'::jsonb WHERE id = ${row.id}`.execute(trx);
      }),
    ).rejects.toThrow(DENIED);
    expect(await t.ctx.db.selectFrom('case_notes').select('id').execute()).toEqual(beforeNotes);
  });
});

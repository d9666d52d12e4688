/**
 * Refused requests are audited (issue #8 §3): every 403 to someone logged in leaves a `denied`
 * row saying who tried which route and why, with no body, query text or personal data. If that
 * row cannot be written the caller still gets the 403 (and the server logs the failure).
 */
import { Writable } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../server/app.js';
import { createTestApp, loginAs, type TestApp } from './helpers/app.js';
import { asOwner } from './helpers/db.js';

const P = '/api/v1';
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

async function deniedRows() {
  return t.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'denied').orderBy('id').execute();
}

describe('403s leave a denied row', () => {
  it('a role lacking the permission: who, which route, which permission; never the query text', async () => {
    const partner = await t.as('partner');
    const before = (await deniedRows()).length;
    const r = await partner.get(`${P}/people?q=${encodeURIComponent('山田太郎')}`);
    expect(r.statusCode).toBe(403);
    const rows = (await deniedRows()).slice(before);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      tenant_id: t.tenant.id,
      account_id: t.tenant.accounts.partner.id,
      role: 'partner',
      action: 'denied',
      entity_type: 'person',
      entity_id: null,
      detail: { method: 'GET', route: '/api/v1/people', code: 'forbidden', permission: 'person:read' },
    });
    expect(JSON.stringify(rows[0])).not.toContain('山田');
  });

  it('a record route names the record; a bad CSRF token and a policy refusal are audited too', async () => {
    const partner = await t.as('partner');
    const id = crypto.randomUUID();
    const before = (await deniedRows()).length;
    expect((await partner.get(`${P}/cases/${id}`)).statusCode).toBe(403);
    const csrf = await t.app.inject({
      method: 'POST',
      url: `${P}/concerns`,
      payload: { category: 'other' },
      headers: { cookie: partner.cookie },
    });
    expect(csrf.statusCode).toBe(403);
    // A resource rule (policies.ts): hub staff may not hand a case to someone else.
    const staff = await t.as('hub_staff');
    const c = (await partner.post(`${P}/concerns`, { category: 'not_seen' })).json();
    const k = (await staff.post(`${P}/concerns/${c.id}/triage`, { urgency: 'normal' })).json();
    const assign = await staff.inject({
      method: 'PATCH',
      url: `${P}/cases/${k.id}`,
      payload: { assignee_id: t.tenant.accounts.hub_lead.id },
    });
    expect(assign.statusCode, assign.body).toBe(403);
    const rows = (await deniedRows()).slice(before);
    expect(rows.map((r) => [r.entity_type, r.entity_id, r.detail.code, r.detail.method])).toEqual([
      ['case', id, 'forbidden', 'GET'],
      ['concern', null, 'csrf_invalid', 'POST'],
      ['case', k.id, 'forbidden', 'PATCH'],
    ]);
    expect(rows[2]!.detail).toMatchObject({ route: '/api/v1/cases/:id', permission: 'case:assign' });
  });

  it('a session that must change its password first is audited when it tries anything else', async () => {
    const admin = await t.as('admin');
    const created = await admin.post(`${P}/accounts`, {
      email: 'onetime@alpha.test',
      display_name: '一時',
      role: 'analyst',
      password: 'kumo-no-ue-no-shiro-3321',
      password_change_required: true,
    });
    expect(created.statusCode, created.body).toBe(201);
    const a = await loginAs(t.app, 'onetime@alpha.test', 'kumo-no-ue-no-shiro-3321');
    const before = (await deniedRows()).length;
    expect((await a.get(`${P}/kpis/first-contact`)).statusCode).toBe(403);
    const rows = (await deniedRows()).slice(before);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ account_id: created.json().id, entity_type: 'route', detail: { code: 'password_change_required' } });
  });

  it('no principal, no row: a 401 is not a denial', async () => {
    const before = (await deniedRows()).length;
    expect((await t.anonymous().get(`${P}/cases`)).statusCode).toBe(401);
    expect(await deniedRows()).toHaveLength(before);
  });

  it('the admin reads them in the audit log, filtered by action', async () => {
    const admin = await t.as('admin');
    const r = await admin.get(`${P}/audit?action=denied&limit=50`);
    expect(r.statusCode, r.body).toBe(200);
    const items = r.json().items;
    expect(items.length).toBeGreaterThanOrEqual(4);
    expect(items.every((i: { action: string }) => i.action === 'denied')).toBe(true);
  });
});

describe('an audit failure does not change the answer', () => {
  it('the 403 stays a 403, and the failure is logged', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, cb) {
        lines.push(String(chunk));
        cb();
      },
    });
    const app = await buildApp(t.ctx, { serveWeb: false, logger: { level: 'error', stream } });
    await app.ready();
    // The schema's owner makes audit inserts of denied rows fail (the app role may not).
    await asOwner(t.testDb, async (db) => {
      await sql`CREATE FUNCTION refuse_denied() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF NEW.action = 'denied' THEN RAISE EXCEPTION 'audit is down'; END IF; RETURN NEW; END $$`.execute(db);
      await sql`CREATE TRIGGER refuse_denied BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION refuse_denied()`.execute(db);
    });
    try {
      const partner = await loginAs(app, t.tenant.accounts.partner.email);
      const r = await partner.get(`${P}/cases`);
      expect(r.statusCode).toBe(403);
      expect(r.json().error.code).toBe('forbidden');
      expect(lines.join('\n')).toContain('could not audit a denied request');
    } finally {
      await asOwner(t.testDb, async (db) => {
        await sql`DROP TRIGGER refuse_denied ON audit_log`.execute(db);
        await sql`DROP FUNCTION refuse_denied()`.execute(db);
      });
      await app.close();
    }
  });
});

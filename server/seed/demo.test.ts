import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, type TestApp } from '../../test/helpers/app.js';
import { asOwner } from '../../test/helpers/db.js';
import { OUTCOMES } from '../modules/cases/cases.schemas.js';
import { sweepEscalations } from '../modules/cases/escalation.sweeper.js';
import { DEMO_PASSWORD, DEMO_SLUG, ensureDemoData, resetDemoData } from './demo.js';

type Polygon = Parameters<typeof booleanPointInPolygon>[1];
const NOW = new Date('2026-11-20T03:00:00Z');

describe('demo data', () => {
  let t: TestApp;
  let tenantId: string;
  beforeAll(async () => {
    t = await createTestApp({ now: NOW });
  });
  afterAll(() => t?.close());

  const rows = async <R>(query: ReturnType<typeof sql<R>>) => (await query.execute(t.ctx.db)).rows;
  const digest = async () =>
    (
      await rows(sql<{ d: string }>`
    SELECT md5(string_agg(concat_ws('|', id, case_number, status, urgency, received_at, first_contact_at, closed_at), ',' ORDER BY id)) AS d
    FROM cases WHERE tenant_id = ${tenantId}`)
    )[0].d;

  it('creates the demo municipality once', async () => {
    expect(await ensureDemoData(t.ctx.db, t.clock)).toBe(true);
    expect(await ensureDemoData(t.ctx.db, t.clock)).toBe(false);
    tenantId = (await t.ctx.db.selectFrom('tenants').select('id').where('slug', '=', DEMO_SLUG).executeTakeFirstOrThrow()).id;
    const [c] = await rows(sql<Record<string, number>>`SELECT
      (SELECT count(*) FROM areas WHERE tenant_id = ${tenantId}) AS areas,
      (SELECT count(*) FROM people WHERE tenant_id = ${tenantId}) AS people,
      (SELECT count(*) FROM concerns WHERE tenant_id = ${tenantId}) AS concerns,
      (SELECT count(*) FROM concerns WHERE tenant_id = ${tenantId} AND status = 'received') AS queue,
      (SELECT count(*) FROM cases WHERE tenant_id = ${tenantId}) AS cases,
      (SELECT max(case_number) FROM cases WHERE tenant_id = ${tenantId}) AS max_number,
      (SELECT value FROM tenant_counters WHERE tenant_id = ${tenantId} AND name = 'case_number') AS counter,
      (SELECT count(*) FROM referrals WHERE tenant_id = ${tenantId}) AS referrals`);
    expect(c.areas).toBe(10);
    expect(c.people).toBe(200);
    expect(c.concerns).toBe(302);
    expect(c.queue).toBe(15);
    expect(c.cases).toBeGreaterThan(200);
    expect(c.counter).toBe(c.cases);
    expect(c.max_number).toBe(c.cases);
    expect(c.referrals).toBeGreaterThan(30);
  });

  it('gives the demo partners agreements, one renewal due soon, and the Open311 key demo-open311-key', async () => {
    const { hashApiKey } = await import('../access/authenticators/open311-key.js');
    const key = await t.ctx.db
      .selectFrom('api_keys')
      .selectAll()
      .where('key_hash', '=', hashApiKey('demo-open311-key'))
      .executeTakeFirstOrThrow();
    expect(key).toMatchObject({ tenant_id: tenantId, revoked_at: null });
    expect(key.partner_id).not.toBeNull();
    const coord = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'coordinator@demo.example', password: DEMO_PASSWORD },
    });
    expect(coord.statusCode).toBe(200);
    const cookie = `tsunagari_session=${coord.cookies.find((c) => c.name === 'tsunagari_session')!.value}`;
    const list = (await t.app.inject({ method: 'GET', url: '/api/v1/partners', headers: { cookie } })).json();
    expect(list.items.length).toBeGreaterThan(5);
    expect(list.renewals_due.length).toBe(1);
    expect(list.items.filter((i: { reports: number }) => i.reports > 0).length).toBeGreaterThan(2);
  });

  it('gives about 50 people watch devices with live-looking state, and demo-button-1 answers to demo-device-token', async () => {
    const [c] = await rows(sql<Record<string, number>>`SELECT
      (SELECT count(DISTINCT person_id) FROM watch_devices WHERE tenant_id = ${tenantId}) AS people,
      (SELECT count(DISTINCT type) FROM watch_devices WHERE tenant_id = ${tenantId}) AS types,
      (SELECT count(*) FROM watch_devices d WHERE tenant_id = ${tenantId} AND NOT EXISTS (SELECT 1 FROM device_state s WHERE s.tenant_id = d.tenant_id AND s.device_id = d.id)) AS stateless,
      (SELECT count(*) FROM device_state s WHERE tenant_id = ${tenantId} AND last_seen_at IS DISTINCT FROM (SELECT max(ts) FROM telemetry t WHERE t.tenant_id = s.tenant_id AND t.device_id = s.device_id)) AS state_bad,
      (SELECT count(*) FROM device_state WHERE tenant_id = ${tenantId} AND last_seen_at > ${new Date(NOW.getTime() - 6 * 3_600_000)}) AS recent,
      (SELECT count(DISTINCT person_id) FROM watchers WHERE tenant_id = ${tenantId}) AS watched,
      (SELECT count(*) FROM checkin_plans WHERE tenant_id = ${tenantId}) AS plans,
      (SELECT count(DISTINCT status) FROM alerts WHERE tenant_id = ${tenantId}) AS alert_states`);
    expect(c.people).toBe(50);
    expect(c.types).toBe(6);
    expect(c.stateless).toBe(0);
    expect(c.state_bad).toBe(0);
    expect(c.recent).toBeGreaterThan(30);
    expect(c.watched).toBeGreaterThan(35);
    expect(c.plans).toBe(10);
    expect(c.alert_states).toBe(3);

    const staff = await loginAs(t.app, 'hub_staff@demo.example', DEMO_PASSWORD);
    const before = (await staff.get('/api/v1/alerts?status=open')).json().items as { id: string; type: string }[];
    expect(before.length).toBeGreaterThan(0);
    const ingest = await t.app.inject({
      method: 'POST',
      url: '/api/v1/telemetry',
      headers: { authorization: 'Bearer demo-ingest-credential-token' },
      payload: { readings: [{ device_id: 'demo-motion-1', ts: NOW.toISOString(), kind: 'motion', value: 1 }] },
    });
    expect(ingest.json()).toMatchObject({ accepted: 1 });
    const press = await t.app.inject({
      method: 'POST',
      url: '/api/v1/telemetry',
      headers: { authorization: 'Bearer demo-device-token' },
      payload: { readings: [{ device_id: 'demo-button-1', ts: NOW.toISOString(), kind: 'press', value: 1 }] },
    });
    expect(press.statusCode).toBeLessThan(300);
    const after = (await staff.get('/api/v1/alerts?status=open')).json().items as { type: string; severity: string }[];
    expect(after[0]).toMatchObject({ type: 'emergency_button', severity: 'critical' });
  });

  it('places every person and every in-area concern inside its area', async () => {
    const areas = await t.ctx.db.selectFrom('areas').select(['id', 'geometry']).where('tenant_id', '=', tenantId).execute();
    const inside = (lon: number, lat: number) =>
      areas.filter((a) => booleanPointInPolygon([lon, lat], a.geometry as Polygon)).map((a) => a.id);
    const people = await t.ctx.db
      .selectFrom('people')
      .select(['latitude', 'longitude', 'area_id'])
      .where('tenant_id', '=', tenantId)
      .execute();
    for (const p of people) expect(inside(p.longitude!, p.latitude!)).toEqual([p.area_id]);
    const concerns = await t.ctx.db
      .selectFrom('concerns')
      .select(['latitude', 'longitude', 'area_id', 'outside_area'])
      .where('tenant_id', '=', tenantId)
      .execute();
    for (const c of concerns.filter((x) => x.latitude !== null))
      expect(inside(c.longitude!, c.latitude!)).toEqual(c.outside_area ? [] : [c.area_id]);
    expect(concerns.filter((c) => c.outside_area).length).toBe(2);
  });

  it('keeps the timestamps of the core loop consistent', async () => {
    const [bad] = await rows(sql<Record<string, number>>`SELECT
      count(*) FILTER (WHERE k.opened_at < k.received_at OR k.first_contact_at < k.received_at OR k.first_contact_at > ${NOW}) AS order_bad,
      count(*) FILTER (WHERE k.first_contact_at IS NOT NULL AND (c.occurred_at IS DISTINCT FROM k.first_contact_at OR NOT (c.reached OR c.settled))) AS first_bad,
      count(*) FILTER (WHERE (k.status = 'closed') <> (k.closed_at IS NOT NULL AND k.outcome IS NOT NULL)) AS closed_bad,
      count(*) FILTER (WHERE k.escalated_at IS NOT NULL AND k.escalated_at <> k.first_contact_due_at) AS escalated_bad,
      count(*) FILTER (WHERE k.received_at <> (SELECT min(received_at) FROM concerns WHERE tenant_id = k.tenant_id AND case_id = k.id)) AS received_bad
      FROM cases k LEFT JOIN case_contacts c ON c.tenant_id = k.tenant_id AND c.id = k.first_contact_id
      WHERE k.tenant_id = ${tenantId}`);
    expect(bad).toEqual({ order_bad: 0, first_bad: 0, closed_bad: 0, escalated_bad: 0, received_bad: 0 });
    const [earlier] = await rows(sql<{
      n: number;
    }>`SELECT count(*) AS n FROM cases k JOIN case_contacts c ON c.tenant_id = k.tenant_id AND c.case_id = k.id
      WHERE k.tenant_id = ${tenantId} AND (c.reached OR c.settled) AND c.occurred_at < k.first_contact_at`);
    expect(earlier.n).toBe(0);
    const outcomes = await rows(
      sql<{ outcome: string }>`SELECT DISTINCT outcome FROM cases WHERE tenant_id = ${tenantId} AND outcome IS NOT NULL`,
    );
    for (const o of outcomes) expect(OUTCOMES).toContain(o.outcome);
  });

  it('shows realistic KPIs and a non-empty triage queue to a demo hub lead', async () => {
    const lead = await loginAs(t.app, 'hub_lead@demo.example', DEMO_PASSWORD);
    const kpi = (await lead.get('/api/v1/kpis/first-contact')).json();
    expect(kpi.median_hours).toBeGreaterThan(8);
    expect(kpi.median_hours).toBeLessThan(24);
    expect(kpi.within_target_ratio).toBeGreaterThan(0.75);
    expect(kpi.within_target_ratio).toBeLessThan(0.95);
    const queue = (await lead.get('/api/v1/triage')).json();
    expect(queue.items.length).toBeGreaterThan(0);
  });

  it('leaves a few overdue cases for the sweeper to escalate', async () => {
    expect(await sweepEscalations(t.ctx)).toBeGreaterThanOrEqual(1);
  });

  it("resets to the same data for the same clock, dropping only the demo tenant's rows", async () => {
    const before = await digest();
    const audit = (tenant: string, id: string) =>
      t.ctx.db
        .insertInto('audit_log')
        .values({
          tenant_id: tenant,
          id,
          at: NOW,
          account_id: null,
          role: null,
          action: 'read',
          entity_type: 'person',
          entity_id: null,
          ip: null,
          user_agent: null,
          detail: '{}',
        })
        .execute();
    await audit(tenantId, '01900000-0000-7000-8000-000000000001');
    await audit(t.tenant.id, '01900000-0000-7000-8000-000000000002');

    // Regenerating the demo deletes audit rows (the trigger is off for that one transaction), which
    // only the schema's owner may do: scripts/seed-demo.ts runs it as the owner, and so does this test.
    await expect(resetDemoData(t.ctx.db, t.clock)).rejects.toThrow(/must be owner of table audit_log/);
    const counts = await asOwner(t.testDb, (owner) => resetDemoData(owner, t.clock));
    expect(counts.people).toBe(200);
    expect(await digest()).toBe(before);
    const left = await t.ctx.db.selectFrom('audit_log').select('id').execute();
    expect(left.map((r) => r.id)).toEqual(['01900000-0000-7000-8000-000000000002']);
    // The append-only guard is back on after the reset.
    await expect(asOwner(t.testDb, (owner) => sql`DELETE FROM audit_log`.execute(owner))).rejects.toThrow(/append-only/);
    const other = await t.ctx.db.selectFrom('accounts').select('id').where('tenant_id', '=', t.tenant.id).execute();
    expect(other.length).toBe(10);
    expect(await t.ctx.db.selectFrom('tenants').select('slug').where('id', '=', t.tenant.id).executeTakeFirst()).toEqual({ slug: 'alpha' });
  });
});

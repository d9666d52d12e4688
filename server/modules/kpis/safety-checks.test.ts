import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import type { AlertOutcome, AlertSeverity, AlertType } from '../alerts/alerts.tables.js';

let t: TestApp;
const MIN = 60_000;
let personId: string;

/** A welfare alert raised at `raised`, resolved after `minutes` with `outcome` (null = still open). */
async function seedAlert(
  severity: AlertSeverity,
  raised: Date,
  minutes: number | null,
  outcome: AlertOutcome | null = 'safe',
  type: AlertType = 'inactivity',
) {
  const category = type === 'battery_low' ? 'technical' : 'welfare';
  await t.ctx.db
    .insertInto('alerts')
    .values({
      tenant_id: t.tenant.id,
      id: uuidv7(),
      person_id: personId,
      device_id: null,
      checkin_plan_id: null,
      type,
      category,
      severity,
      status: minutes === null ? 'active' : 'resolved',
      outcome: minutes === null ? null : outcome,
      detail: '{}',
      occurrences: 1,
      raised_at: raised,
      last_seen_at: raised,
      acknowledged_at: null,
      acknowledged_by: null,
      resolved_at: minutes === null ? null : new Date(raised.getTime() + minutes * MIN),
      resolved_by: null,
      resolved_via: minutes === null ? null : 'staff',
      watchers_notified_at: null,
      hub_alerted_at: null,
      case_opened_at: null,
      case_id: null,
      next_step_at: null,
      confirm_token_hash: null,
    })
    .execute();
}

beforeAll(async () => {
  t = await createTestApp({ now: new Date('2026-11-20T03:00:00Z') });
  personId = uuidv7();
  const now = t.clock.now();
  await t.ctx.db
    .insertInto('people')
    .values({
      tenant_id: t.tenant.id,
      id: personId,
      household_id: null,
      name: '見守 花子',
      kana: null,
      address: null,
      latitude: null,
      longitude: null,
      area_id: null,
      birth_year: 1938,
      living_alone: true,
      care_service_use: 'none',
      emergency_contacts: '[]',
      note: null,
      supporter_account_id: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  const oct = new Date('2026-10-05T01:00:00Z');
  await seedAlert('critical', oct, 10); // in time (30 min)
  await seedAlert('critical', oct, 40); // late
  await seedAlert('high', oct, 30, 'needs_support'); // in time (60 min)
  await seedAlert('high', oct, 20, 'not_reached'); // resolved, but nobody was reached: not a confirmation
  await seedAlert('medium', oct, 200); // in time (4 h)
  await seedAlert('medium', new Date('2026-11-19T00:00:00Z'), null); // open, past its 4 h target
  await seedAlert('high', new Date(now.getTime() - 10 * MIN), null); // open, still inside its target
  await seedAlert('low', oct, 5, 'technical_fixed', 'battery_low'); // technical: not a safety check
  await seedAlert('critical', new Date('2026-01-05T00:00:00Z'), 5); // outside the period
});
afterAll(async () => t?.close());

describe('GET /api/v1/kpis/safety-checks', () => {
  it('computes the share confirmed within target and the median / p90 minutes to confirmation', async () => {
    const res = await (await t.as('hub_lead')).get('/api/v1/kpis/safety-checks?from=2026-10-01&to=2026-11-30');
    expect(res.statusCode, res.body).toBe(200);
    const k = res.json();
    // welfare alerts 7; resolved 5; confirmed 4 (10, 40, 30, 200 min); in time 3; decided = 5 resolved + 1 overdue open
    expect(k).toMatchObject({
      target_ratio: 0.95,
      alerts: 7,
      confirmed: 4,
      within_target: 3,
      within_target_ratio: 0.5,
      open: 2,
      overdue: 1,
      suppressed: false,
    });
    expect(k.median_minutes).toBe(35);
    expect(k.p90_minutes).toBe(152); // 40 + 0.7 × (200 − 40)
    expect(k.by_severity.critical).toMatchObject({
      alerts: 2,
      confirmed: 2,
      within_target: 1,
      within_target_ratio: 0.5,
      median_minutes: 25,
      target_minutes: 30,
    });
    expect(k.by_severity.high).toMatchObject({
      alerts: 3,
      confirmed: 1,
      within_target_ratio: 0.5,
      open: 1,
      overdue: 0,
      target_minutes: 60,
    });
    expect(k.by_severity.medium).toMatchObject({ alerts: 2, within_target_ratio: 0.5, overdue: 1, target_minutes: 240 });
    expect(k.by_month.map((m: { month: string; alerts: number }) => [m.month, m.alerts])).toEqual([
      ['2026-10', 5],
      ['2026-11', 2],
    ]);
  });

  it('gives roles without case:read completed months only, with small (month × severity) blocks withheld', async () => {
    const k = (await (await t.as('analyst')).get('/api/v1/kpis/safety-checks?from=2026-10-01&to=2026-11-30')).json();
    expect(k).toMatchObject({ small_cells_suppressed: true, granularity: 'month', to: '2026-10-31T15:00:00.000Z' });
    // October's five alerts are spread over three severities (every block under 5): nothing can be shown.
    expect(k).toMatchObject({ alerts: null, median_minutes: null, suppressed: true });
    expect(k.by_severity.critical).toMatchObject({ alerts: null, median_minutes: null, within_target_ratio: null, suppressed: true });
    expect(k.by_month).toEqual([expect.objectContaining({ month: '2026-10', alerts: null, suppressed: true })]);
  });

  it('rejects a reversed period and is closed to roles without kpi:read', async () => {
    expect((await (await t.as('hub_lead')).get('/api/v1/kpis/safety-checks?from=2026-11-30&to=2026-10-01')).json().error.code).toBe(
      'invalid_period',
    );
    expect((await (await t.as('partner')).get('/api/v1/kpis/safety-checks')).statusCode).toBe(403);
  });
});

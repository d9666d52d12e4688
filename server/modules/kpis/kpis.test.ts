import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import type { Urgency } from '../../schema-helpers.js';

let t: TestApp;
const HOUR = 3_600_000;
const TARGET: Record<Urgency, number> = { emergency: 1, high: 24, normal: 72, low: 168 };

/** A case received at `received` with first contact after `hours` (null = none yet). */
async function seedCase(
  n: number,
  urgency: Urgency,
  received: Date,
  hours: number | null,
  status: 'open' | 'supporting' | 'closed' = 'supporting',
) {
  await t.ctx.db
    .insertInto('cases')
    .values({
      tenant_id: t.tenant.id,
      id: uuidv7(),
      case_number: n,
      person_id: null,
      household_id: null,
      hub_id: t.tenant.hubId,
      assignee_id: null,
      status: hours === null ? (status === 'supporting' ? 'open' : status) : status,
      outcome: status === 'closed' ? 'resolved' : null,
      urgency,
      received_at: received,
      first_contact_due_at: new Date(received.getTime() + TARGET[urgency] * HOUR),
      first_contact_at: hours === null ? null : new Date(received.getTime() + hours * HOUR),
      first_contact_id: null,
      escalated_at: null,
      opened_at: received,
      closed_at: status === 'closed' ? new Date(received.getTime() + 100 * HOUR) : null,
      created_by: t.tenant.accounts.hub_staff.id,
      updated_at: received,
    })
    .execute();
}

beforeAll(async () => {
  t = await createTestApp({ now: new Date('2026-11-20T03:00:00Z') });
  // October (JST): high 2h, 10h, 30h (late), normal 50h, 80h (late) -> 5 contacted
  const oct = new Date('2026-10-05T01:00:00Z');
  await seedCase(1, 'high', oct, 2);
  await seedCase(2, 'high', oct, 10);
  await seedCase(3, 'high', oct, 30);
  await seedCase(4, 'normal', oct, 50, 'closed');
  await seedCase(5, 'normal', oct, 80);
  // November: emergency 0.5h, low 4h; an uncontacted high case already overdue; an uncontacted low case still in time.
  const nov = new Date('2026-11-18T01:00:00Z');
  await seedCase(6, 'emergency', nov, 0.5);
  await seedCase(7, 'low', nov, 4);
  await seedCase(8, 'high', new Date('2026-11-18T00:00:00Z'), null);
  await seedCase(9, 'low', new Date('2026-11-19T00:00:00Z'), null);
  // Outside the window.
  await seedCase(10, 'high', new Date('2026-01-01T00:00:00Z'), 1000);
});
afterAll(async () => t?.close());

describe('GET /api/v1/kpis/first-contact', () => {
  it('computes count, median, mean and share within target from recorded timestamps', async () => {
    const res = await (await t.as('hub_lead')).get('/api/v1/kpis/first-contact?from=2026-10-01&to=2026-11-30');
    expect(res.statusCode).toBe(200);
    const k = res.json();
    // contacted hours: 2, 10, 30, 50, 80, 0.5, 4 -> sorted 0.5 2 4 10 30 50 80
    expect(k.count).toBe(7);
    expect(k.cases).toBe(9);
    expect(k.median_hours).toBe(10);
    expect(k.mean_hours).toBeCloseTo((2 + 10 + 30 + 50 + 80 + 0.5 + 4) / 7, 2);
    // in time: 2, 10, 50, 0.5, 4 = 5; decided = 7 contacted + 1 overdue uncontacted
    expect(k.within_target_ratio).toBe(0.625);
    expect(k.open_without_contact).toBe(2);
    expect(k.overdue).toBe(1);
    expect(k.by_urgency.high).toMatchObject({
      cases: 4,
      count: 3,
      median_hours: 10,
      within_target_ratio: 0.5,
      overdue: 1,
      target_hours: 24,
    });
    expect(k.by_urgency.normal).toMatchObject({ count: 2, median_hours: 65, within_target_ratio: 0.5 });
    expect(k.by_urgency.emergency).toMatchObject({ count: 1, median_hours: 0.5, within_target_ratio: 1 });
    expect(k.by_month.map((m: { month: string; count: number }) => [m.month, m.count])).toEqual([
      ['2026-10', 5],
      ['2026-11', 2],
    ]);
  });

  it('moves when a first contact is recorded through the API', async () => {
    const lead = await t.as('hub_lead');
    const before = (await lead.get('/api/v1/kpis/first-contact?from=2026-10-01&to=2026-11-30')).json();
    const overdue = await t.ctx.db.selectFrom('cases').select('id').where('case_number', '=', 8).executeTakeFirstOrThrow();
    await lead.post(`/api/v1/cases/${overdue.id}/contacts`, {
      method: 'visit',
      reached: true,
      occurred_at: '2026-11-19T02:00:00Z',
      note: '',
    }); // 26 h: late
    const after = (await lead.get('/api/v1/kpis/first-contact?from=2026-10-01&to=2026-11-30')).json();
    expect(after.count).toBe(before.count + 1);
    expect(after.overdue).toBe(0);
    expect(after.within_target_ratio).toBe(0.625); // 5 of 8: the late contact replaces the overdue miss
  });

  it('gives analysts whole completed months only, with small blocks withheld from every figure (small-cells.test.ts tries the attacks)', async () => {
    const k = (await (await t.as('analyst')).get('/api/v1/kpis/first-contact?from=2026-10-01&to=2026-11-30')).json();
    expect(k).toMatchObject({ small_cells_suppressed: true, granularity: 'month' });
    // November is still being filled (now is 20 November): the answer ends at 1 November, JST.
    expect([k.from, k.to]).toEqual(['2026-09-30T15:00:00.000Z', '2026-10-31T15:00:00.000Z']);
    // October holds high ×3 and normal ×2: both blocks are small, so nothing is shown — not even a total.
    expect(k).toMatchObject({ cases: null, count: null, median_hours: null, suppressed: true });
    expect(k.by_urgency.high).toMatchObject({ cases: null, suppressed: true });
    expect(k.by_month).toEqual([expect.objectContaining({ month: '2026-10', cases: null, suppressed: true })]);
  });

  it('rejects an empty or reversed period', async () => {
    const res = await (await t.as('hub_lead')).get('/api/v1/kpis/first-contact?from=2026-11-30&to=2026-10-01');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid_period');
  });
});

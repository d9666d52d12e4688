/**
 * Small-cell suppression must survive differencing (issue #8 §2). An outside probe recovered one
 * case's urgency and first-contact hours by asking, as an analyst, for two windows 2 ms apart.
 * Here an analyst tries that and a brute force over many windows: every difference between two
 * answers must be 0 or at least SMALL_CELL cases, in the totals and in every urgency cell, so no
 * derived cell describes fewer than 5 people. Hub staff still see exact windows.
 */
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import type { Urgency } from '../../schema-helpers.js';

let t: TestApp;
const HOUR = 3_600_000;
const P = '/api/v1/kpis/first-contact';
let n = 0;

async function seedCase(urgency: Urgency, received: Date, hours: number | null) {
  await t.ctx.db
    .insertInto('cases')
    .values({
      tenant_id: t.tenant.id,
      id: uuidv7(),
      case_number: ++n,
      person_id: null,
      household_id: null,
      hub_id: t.tenant.hubId,
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
      created_by: t.tenant.accounts.hub_staff.id,
      updated_at: received,
    })
    .execute();
}

/** The lone emergency case the attacker is after. */
const LONE = new Date('2026-10-15T03:00:00.000Z');

beforeAll(async () => {
  t = await createTestApp({ now: new Date('2026-12-10T03:00:00Z') });
  // September: high ×5. October: high ×6, normal ×5, and one emergency case (LONE, 7 h).
  // November: high ×5, low ×2. December (the month still being filled): high ×5.
  for (let i = 0; i < 5; i++) await seedCase('high', new Date(Date.UTC(2026, 8, 3 + i * 4, 1)), 3 + i);
  for (let i = 0; i < 6; i++) await seedCase('high', new Date(Date.UTC(2026, 9, 2 + i * 4, 1)), 2 + i);
  for (let i = 0; i < 5; i++) await seedCase('normal', new Date(Date.UTC(2026, 9, 3 + i * 5, 2)), 10 + i);
  await seedCase('emergency', LONE, 7);
  for (let i = 0; i < 5; i++) await seedCase('high', new Date(Date.UTC(2026, 10, 2 + i * 5, 1)), 4 + i);
  for (let i = 0; i < 2; i++) await seedCase('low', new Date(Date.UTC(2026, 10, 10 + i, 1)), 20 + i);
  for (let i = 0; i < 5; i++) await seedCase('high', new Date(Date.UTC(2026, 11, 1 + i, 1)), 1 + i);
});
afterAll(async () => t?.close());

const get = async (role: 'analyst' | 'hub_lead', from: string, to: string) => {
  const res = await (await t.as(role)).get(`${P}?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

describe('differencing attacks on the first-contact KPI', () => {
  it('two windows 2 ms apart around one case give the analyst the same answer', async () => {
    const before = new Date(LONE.getTime() + 1).toISOString();
    const after = new Date(LONE.getTime() - 1).toISOString();
    const a = await get('analyst', '2026-09-01T00:00:00.000Z', before);
    const b = await get('analyst', after, '2026-11-30T00:00:00.000Z');
    const c = await get('analyst', before, '2026-11-30T00:00:00.000Z');
    expect(c).toEqual(b);
    // The case itself never shows: its urgency's block has one case.
    for (const k of [a, b]) {
      expect(k.by_urgency.emergency).toMatchObject({ cases: null, median_hours: null, suppressed: true });
    }
    // Hub staff, who may read the case anyway, see the exact window and the case in it.
    const exactWith = await get('hub_lead', after, '2026-11-30T00:00:00.000Z');
    const exactWithout = await get('hub_lead', before, '2026-11-30T00:00:00.000Z');
    expect(exactWith.cases - exactWithout.cases).toBe(1);
    expect(exactWith.by_urgency.emergency.median_hours).toBe(7);
  });

  it('no window differs from one inside it by 1–4 cases, in the totals or in any urgency', async () => {
    const edges = [
      '2026-08-20',
      '2026-09-01',
      '2026-09-15',
      '2026-10-01',
      '2026-10-14',
      '2026-10-16',
      '2026-11-01',
      '2026-11-10',
      '2026-11-11',
      '2026-11-30',
      '2026-12-09',
    ];
    const answers = [];
    for (let i = 0; i < edges.length; i++) {
      for (let j = i + 1; j < edges.length; j++) answers.push(await get('analyst', edges[i]!, edges[j]!));
    }
    const counted = (k: { cases: number | null }) => k.cases ?? 0;
    const smallDifferences: string[] = [];
    for (const a of answers) {
      for (const b of answers) {
        // The difference of two nested windows is itself a cell: what lies in one and not the other.
        if (b === a || b.from < a.from || b.to > a.to) continue;
        const cells: [string, number, number][] = [
          ['total', counted(a), counted(b)],
          ...(['emergency', 'high', 'normal', 'low'] as const).map(
            (u) => [u, counted(a.by_urgency[u]), counted(b.by_urgency[u])] as [string, number, number],
          ),
        ];
        for (const [name, x, y] of cells) {
          const d = Math.abs(x - y);
          if (d > 0 && d < 5) smallDifferences.push(`${name}: [${a.from}, ${a.to}) ${x} vs [${b.from}, ${b.to}) ${y}`);
        }
      }
    }
    expect(smallDifferences).toEqual([]);
    // Not vacuous: the analyst does see figures (September, October's high and normal, November's high).
    expect(Math.max(...answers.map(counted))).toBe(21);
  });

  it('never shows the month still being filled, nor blocks of 1–4 cases in any total', async () => {
    const k = await get('analyst', '2026-09-01', '2026-12-31');
    expect([k.from, k.to]).toEqual(['2026-08-31T15:00:00.000Z', '2026-11-30T15:00:00.000Z']);
    expect(k.granularity).toBe('month');
    // 5 + 6 + 5 + 5 released; the lone emergency case and November's two low cases are withheld.
    expect(k).toMatchObject({ cases: 21, suppressed: false, withheld: true });
    expect(k.by_urgency.low).toMatchObject({ cases: null, suppressed: true });
    expect(k.by_urgency.high).toMatchObject({ cases: 16, withheld: false });
    expect(k.by_month.map((m: { month: string; cases: number | null }) => [m.month, m.cases])).toEqual([
      ['2026-09', 5],
      ['2026-10', 11],
      ['2026-11', 5],
    ]);
    // Hub staff see everything asked for, December included.
    const exact = await get('hub_lead', '2026-09-01', '2026-12-31');
    expect(exact).toMatchObject({ cases: 29, granularity: 'exact', withheld: false });
  });

  it('an analyst period with no completed month shows nothing rather than a partial month', async () => {
    const k = await get('analyst', '2026-12-01', '2026-12-09');
    expect(k).toMatchObject({ cases: null, count: null, suppressed: true, by_month: [] });
  });
});

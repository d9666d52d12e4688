import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { insertWatchedPerson } from '../../../test/helpers/watch.js';
import type { HubEvent } from '../../events/event-bus.js';
import { raiseAlert } from './alerts.service.js';

let t: TestApp;
let personId: string;
let deviceId: string;

beforeAll(async () => {
  t = await createTestApp();
  ({ personId, deviceId } = await insertWatchedPerson(t, {
    located: false,
    deviceType: 'emergency_button',
    deviceKey: 'btn-1',
    room: '寝室',
  }));
});
afterAll(async () => t?.close());

describe('raiseAlert', () => {
  it('keeps one open alert per device and type; repeats count on it; a resolved one allows a new one', async () => {
    const events: HubEvent[] = [];
    const emit = (e: HubEvent) => events.push(e);
    const a = await raiseAlert(
      t.ctx.db,
      { tenantId: t.tenant.id, personId, deviceId, type: 'emergency_button', severity: 'critical', at: t.clock.now() },
      emit,
    );
    const b = await raiseAlert(
      t.ctx.db,
      { tenantId: t.tenant.id, personId, deviceId, type: 'emergency_button', severity: 'critical', at: t.clock.now() },
      emit,
    );
    expect(a.created).toBe(true);
    expect(b).toEqual({ id: a.id, created: false });
    const row = await t.ctx.db.selectFrom('alerts').selectAll().where('id', '=', a.id).executeTakeFirstOrThrow();
    expect([row.occurrences, row.category, row.status]).toEqual([2, 'welfare', 'active']);
    expect(row.next_step_at).toEqual(t.clock.now());
    expect(events.map((e) => e.type)).toEqual(['alert.raised', 'alert.updated']);
    const battery = await raiseAlert(
      t.ctx.db,
      { tenantId: t.tenant.id, personId, deviceId, type: 'battery_low', severity: 'low', at: t.clock.now() },
      emit,
    );
    expect(battery.id).not.toBe(a.id);
    const tech = await t.ctx.db
      .selectFrom('alerts')
      .select(['category', 'next_step_at'])
      .where('id', '=', battery.id)
      .executeTakeFirstOrThrow();
    expect(tech).toEqual({ category: 'technical', next_step_at: null });
    await t.ctx.db
      .updateTable('alerts')
      .set({ status: 'resolved', outcome: 'safe', resolved_at: t.clock.now() })
      .where('id', '=', a.id)
      .execute();
    const c = await raiseAlert(
      t.ctx.db,
      { tenantId: t.tenant.id, personId, deviceId, type: 'emergency_button', severity: 'critical', at: t.clock.now() },
      emit,
    );
    expect(c.created).toBe(true);
    expect(c.id).not.toBe(a.id);
  });

  it('stores readings idempotently per (device, kind, ts) in the partitioned table', async () => {
    const ts = new Date('2026-11-02T00:00:00Z');
    for (let i = 0; i < 2; i++) {
      await t.ctx.db
        .insertInto('telemetry')
        .values({ tenant_id: t.tenant.id, device_id: deviceId, kind: 'press', ts, value: 1, received_at: ts })
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
    const rows = await t.ctx.db.selectFrom('telemetry').selectAll().where('device_id', '=', deviceId).execute();
    expect(rows).toHaveLength(1);
  });
});

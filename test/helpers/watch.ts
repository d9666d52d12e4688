/**
 * Watched people for alert tests: a person with one device, inserted as the devices module
 * registers them (tests of alerts, the ladder and the console start from here), and an alert
 * raised for them the way the device rules raise one.
 */
import { uuidv7 } from 'uuidv7';
import { withTransaction } from '../../server/db/transaction.js';
import { raiseAlert } from '../../server/modules/alerts/alerts.service.js';
import type { AlertSeverity, AlertType } from '../../server/modules/alerts/alerts.tables.js';
import type { DeviceType } from '../../server/modules/devices/devices.tables.js';
import type { TestApp } from './app.js';

export interface WatchedPersonOptions {
  name?: string;
  address?: string | null;
  note?: string | null;
  birthYear?: number;
  /** Where the person lives: the test hub's first area and a point in it, unless null (unknown). */
  located?: boolean;
  deviceType?: DeviceType;
  deviceKey?: string;
  room?: string | null;
}

/** Inserts a person living alone with one active device; returns both ids. */
export async function insertWatchedPerson(t: TestApp, o: WatchedPersonOptions = {}) {
  const now = t.clock.now();
  const personId = uuidv7();
  const deviceId = uuidv7();
  const located = o.located ?? true;
  await t.ctx.db
    .insertInto('people')
    .values({
      tenant_id: t.tenant.id,
      id: personId,
      household_id: null,
      name: o.name ?? '見守 太郎',
      kana: null,
      address: o.address ?? null,
      latitude: located ? 35.625 : null,
      longitude: located ? 139.685 : null,
      area_id: located ? t.tenant.areaIds[0]! : null,
      birth_year: o.birthYear ?? 1940,
      living_alone: true,
      care_service_use: 'none',
      emergency_contacts: '[]',
      note: o.note ?? null,
      supporter_account_id: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await t.ctx.db
    .insertInto('watch_devices')
    .values({
      tenant_id: t.tenant.id,
      id: deviceId,
      device_key: o.deviceKey ?? `dev-${deviceId.slice(-8)}`,
      person_id: personId,
      type: o.deviceType ?? 'motion',
      vendor: null,
      vendor_device_id: null,
      location_in_home: o.room === undefined ? '居間' : o.room,
      token_hash: null,
      token_rotated_at: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return { personId, deviceId };
}

/** Raises an alert now, in its own transaction, as a device rule would. */
export function raiseAlertNow(t: TestApp, personId: string, deviceId: string, type: AlertType, severity: AlertSeverity) {
  return withTransaction(t.ctx, (trx, emit) =>
    raiseAlert(trx, { tenantId: t.tenant.id, personId, deviceId, type, severity, at: t.clock.now() }, emit),
  );
}

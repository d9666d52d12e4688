import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { DB } from '../../db/database.js';
import type { HubEvent } from '../notifications/event-bus.js';
import type { AlertSeverity, AlertType } from './alerts.tables.js';

const TECHNICAL: ReadonlySet<AlertType> = new Set(['device_silent', 'battery_low']);

export interface RaiseAlert {
  tenantId: string;
  personId: string;
  deviceId?: string | null;
  checkinPlanId?: string | null;
  type: AlertType;
  severity: AlertSeverity;
  detail?: Record<string, unknown>;
  at: Date;
}

/**
 * Raises an alert, or — when the same device (or check-in plan) already has an open alert of
 * this type — counts a repeat on it: one open alert per device and type (partial unique indexes
 * alerts_open_device / alerts_open_checkin). Welfare alerts start the escalation ladder at once
 * (next_step_at = at); technical alerts (silent device, low battery) go to coordinators only.
 * Call inside the caller's transaction; the event is emitted after commit by withTransaction.
 */
export async function raiseAlert(db: DB, a: RaiseAlert, emit: (e: HubEvent) => void): Promise<{ id: string; created: boolean }> {
  const category = TECHNICAL.has(a.type) ? 'technical' : 'welfare';
  const id = uuidv7();
  const detail = JSON.stringify(a.detail ?? {});
  const nextStep = category === 'welfare' ? a.at : null;
  const conflict = a.deviceId
    ? sql`(tenant_id, device_id, type) WHERE status <> 'resolved' AND device_id IS NOT NULL`
    : sql`(tenant_id, checkin_plan_id, type) WHERE status <> 'resolved' AND checkin_plan_id IS NOT NULL`;
  const { rows } = await sql<{ id: string; created: boolean }>`
    INSERT INTO alerts AS x (tenant_id, id, person_id, device_id, checkin_plan_id, type, category, severity, status, detail,
      occurrences, raised_at, last_seen_at, next_step_at)
    VALUES (${a.tenantId}, ${id}, ${a.personId}, ${a.deviceId ?? null}, ${a.checkinPlanId ?? null}, ${a.type}, ${category},
      ${a.severity}, 'active', ${detail}, 1, ${a.at}, ${a.at}, ${nextStep})
    ON CONFLICT ${conflict} DO UPDATE SET occurrences = x.occurrences + 1, last_seen_at = EXCLUDED.last_seen_at,
      detail = x.detail || EXCLUDED.detail
    RETURNING id, (xmax = 0) AS created`.execute(db);
  const row = rows[0]!;
  await db.insertInto('alert_events').values({
    tenant_id: a.tenantId, id: uuidv7(), alert_id: row.id, kind: row.created ? 'raised' : 'repeated', at: a.at, actor_id: null, data: detail,
  }).execute();
  emit({ tenantId: a.tenantId, type: row.created ? 'alert.raised' : 'alert.updated', id: row.id });
  return row;
}

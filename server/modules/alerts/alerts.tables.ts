import type { ColumnType } from 'kysely';

type Json<T> = ColumnType<T, T | string, T | string>;

export const ALERT_TYPES = [
  'emergency_button',
  'inactivity',
  'standby_power',
  'power_profile',
  'device_silent',
  'battery_low',
  'checkin_missed',
  'checkin_talk',
] as const;
export type AlertType = (typeof ALERT_TYPES)[number];
export type AlertSeverity = 'critical' | 'high' | 'medium' | 'low';
export type AlertStatus = 'active' | 'acknowledged' | 'resolved';
export const ALERT_OUTCOMES = ['safe', 'needs_support', 'emergency_services', 'not_reached', 'technical_fixed', 'false_alarm'] as const;
export type AlertOutcome = (typeof ALERT_OUTCOMES)[number];

export interface WatchersTable {
  tenant_id: string;
  id: string;
  person_id: string;
  name: string;
  relation: string | null;
  channel: 'email' | 'line' | 'sms';
  address: string;
  priority: ColumnType<number, number | undefined, number>;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: Date;
  /** How the watcher calls the person (「母」): their messages name the person by it, never by name. */
  person_label: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface AlertsTable {
  tenant_id: string;
  id: string;
  person_id: string;
  device_id: string | null;
  checkin_plan_id: string | null;
  type: AlertType;
  category: 'welfare' | 'technical';
  severity: AlertSeverity;
  status: AlertStatus;
  outcome: AlertOutcome | null;
  detail: Json<Record<string, unknown>>;
  occurrences: ColumnType<number, number | undefined, number>;
  raised_at: Date;
  last_seen_at: Date;
  acknowledged_at: Date | null;
  acknowledged_by: string | null;
  resolved_at: Date | null;
  resolved_by: string | null;
  resolved_via: string | null;
  watchers_notified_at: Date | null;
  hub_alerted_at: Date | null;
  case_opened_at: Date | null;
  case_id: string | null;
  next_step_at: Date | null;
  confirm_token_hash: string | null;
}

export interface AlertEventsTable {
  tenant_id: string;
  id: string;
  alert_id: string;
  kind: string;
  at: Date;
  actor_id: string | null;
  data: Json<Record<string, unknown>>;
}

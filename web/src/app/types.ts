/** Response shapes from docs/API.md (GET /openapi.json is the truth). */
export type Urgency = 'emergency' | 'high' | 'normal' | 'low';
export const URGENCIES: Urgency[] = ['emergency', 'high', 'normal', 'low'];
export type CaseStatus = 'open' | 'supporting' | 'closed';
export const CASE_STATUSES: CaseStatus[] = ['open', 'supporting', 'closed'];
export const OUTCOMES = [
  'connected_to_services', 'resolved', 'no_concern_found', 'moved_away', 'deceased', 'declined_support', 'other',
] as const;
export const CHANNELS = ['phone', 'counter', 'email', 'web', 'other'] as const;
export const REPORTER_KINDS = ['resident', 'partner', 'supporter', 'staff'] as const;
export const CONTACT_METHODS = ['visit', 'phone', 'other'] as const;

export interface Me {
  account_id: string;
  tenant_id: string;
  tenant_slug: string;
  tenant_name: string;
  email: string;
  display_name: string;
  role: string;
  permissions: string[];
  hub_id: string | null;
  locale: string;
  csrf_token: string;
}

export interface Items<T> { items: T[]; total?: number }

export interface Category { code: string; label: string; priority: number }
export interface Agency { id: string; name: string; kind: string; phone: string | null }
export interface Account { id: string; email: string; display_name: string; role: string; hub_id: string | null; disabled: boolean }
export interface Settings { urgency_targets_hours: Record<Urgency, number> }

export interface ConcernSummary {
  id: string;
  received_at: string;
  observed_at?: string;
  category: string;
  category_label?: string;
  place_text: string;
  description?: string;
  reporter_kind: string;
  outside_area: boolean;
  reference?: string;
  area_name?: string | null;
  /** Count of possible duplicates (the list is `duplicates` on the concern page). */
  possible_duplicates?: number;
  partner_name?: string | null;
}

export interface DuplicateConcern {
  id: string;
  reference: string;
  category: string;
  place_text: string;
  received_at: string;
  status: string;
  case_id: string | null;
  case_number: number | null;
  distance_m: number | null;
}

export interface Concern extends ConcernSummary {
  observed_at: string;
  description: string;
  latitude: number | null;
  longitude: number | null;
  channel: string;
  anonymous: boolean;
  callback_contact: string | null;
  urgency: Urgency | null;
  status: string;
  person_id: string | null;
  case_id: string | null;
  reporter_name: string | null;
  duplicates: DuplicateConcern[];
  photos: { id: string; width: number; height: number; size: number }[];
  thanks_message: string | null;
}

export interface Acknowledgement {
  id: string;
  received_at: string;
  status: string;
  category: string;
  outside_area: boolean;
  reference: string;
}

export interface Case {
  id: string;
  case_number: number;
  status: CaseStatus;
  outcome: string | null;
  urgency: Urgency;
  person_id: string | null;
  person_name: string | null;
  hub_id: string | null;
  assignee_id: string | null;
  assignee_name: string | null;
  received_at: string;
  first_contact_due_at: string;
  first_contact_at: string | null;
  overdue: boolean;
  escalated_at: string | null;
  opened_at: string;
  closed_at: string | null;
  concern_count: number;
}

export interface PersonSummary {
  id: string;
  name: string | null;
  kana: string | null;
  address: string | null;
  birth_year: number | null;
  living_alone: boolean | null;
}

/** One timeline entry; `kind` says what `data` holds. `by` is the actor's display name. */
export interface TimelineItem {
  kind: 'concern' | 'contact' | 'note' | 'referral' | 'event';
  id: string;
  at: string;
  by: string | null;
  data: Record<string, unknown>;
}

export interface CaseDetail extends Case {
  first_contact_id: string | null;
  timeline: TimelineItem[];
}

export interface Consent { id: string; shared_with: string; scope: string; given_at: string; withdrawn_at: string | null; active?: boolean }
export interface EmergencyContact { name: string; relation: string; phone: string }

export interface Person extends PersonSummary {
  care_service_use?: string;
  note?: string | null;
  emergency_contacts: EmergencyContact[];
  area_name?: string | null;
  household: { id: string; address: string | null; members?: Pick<PersonSummary, 'id' | 'name' | 'kana' | 'birth_year'>[] } | null;
  consents: Consent[];
}

/** A cell may be suppressed (fewer than 5 cases) so nobody is identifiable: figures are then null. */
export interface KpiCell {
  cases?: number | null;
  count: number | null;
  suppressed?: boolean;
  target_hours?: number;
  median_hours: number | null;
  mean_hours: number | null;
  within_target_ratio: number | null;
}
export interface KpiMonth extends KpiCell { month: string }
export interface Kpis extends KpiCell {
  by_urgency: Partial<Record<Urgency, KpiCell>>;
  by_month: KpiMonth[];
  /** null when the whole period is a small cell for this role (fewer than 5 cases). */
  open_without_contact: number | null;
  overdue: number | null;
  headline_target_hours?: number;
  small_cells_suppressed?: boolean;
}

export interface Notification {
  id: string;
  kind: string;
  case_id: string | null;
  created_at: string;
  read_at: string | null;
  data?: Record<string, unknown>;
}

/* Watch devices, alerts and check-ins (issue #4). */
export const DEVICE_TYPES = ['motion', 'door', 'power', 'plug', 'light', 'emergency_button', 'other'] as const;
export type DeviceType = (typeof DEVICE_TYPES)[number];
export type DeviceStatus = 'active' | 'paused' | 'retired';
export interface WatchDevice {
  id: string;
  person_id: string;
  device_key: string;
  type: DeviceType;
  vendor: string | null;
  vendor_device_id: string | null;
  location_in_home: string | null;
  status: DeviceStatus;
  has_token?: boolean;
  token_rotated_at?: string | null;
  created_at?: string;
  /** Flattened or nested, depending on the server: both are read. */
  last_seen_at?: string | null;
  last_activity_at?: string | null;
  battery?: number | null;
  state?: { last_seen_at: string | null; last_activity_at: string | null; battery: number | null; last_power_w?: number | null } | null;
  topic?: string;
}
export interface DeviceWithToken extends WatchDevice { token: string; mqtt_topic?: string; topic?: string }

export const ALERT_OUTCOMES = ['safe', 'needs_support', 'emergency_services', 'not_reached', 'technical_fixed', 'false_alarm'] as const;
export type AlertOutcome = (typeof ALERT_OUTCOMES)[number];
export const ALERT_TYPES = ['emergency_button', 'inactivity', 'standby_power', 'power_profile', 'device_silent', 'battery_low', 'checkin_missed', 'checkin_talk'] as const;
export type AlertType = (typeof ALERT_TYPES)[number];
export type AlertSeverity = 'critical' | 'high' | 'medium' | 'low';
export type AlertStatus = 'active' | 'acknowledged' | 'resolved';
export interface Alert {
  id: string;
  person_id: string;
  person_name?: string | null;
  device_id: string | null;
  device_type?: DeviceType | null;
  device_key?: string | null;
  location_in_home?: string | null;
  checkin_plan_id: string | null;
  type: AlertType;
  category: 'welfare' | 'technical';
  severity: AlertSeverity;
  status: AlertStatus;
  outcome: AlertOutcome | null;
  detail?: Record<string, unknown>;
  occurrences: number;
  raised_at: string;
  last_seen_at: string;
  acknowledged_at: string | null;
  acknowledged_by?: string | null;
  acknowledged_by_name?: string | null;
  resolved_at: string | null;
  resolved_by_name?: string | null;
  resolved_via?: string | null;
  /** The escalation ladder (welfare alerts): each step's time once done. */
  ladder: { watchers_notified_at: string | null; hub_alerted_at: string | null; case_opened_at: string | null; case_id: string | null; next_step_at?: string | null };
}
export interface AlertEvent { id: string; kind: string; at: string; actor_id?: string | null; actor_name?: string | null; by?: string | null; data?: Record<string, unknown> }
export interface AlertDetail extends Alert { timeline: AlertEvent[] }

export type WatcherChannel = 'email' | 'line' | 'sms';
export interface Watcher { id: string; person_id: string; name: string; relation: string | null; channel: WatcherChannel; address: string; priority: number; active: boolean }

export interface WatchSettings {
  inactivityHours?: number;
  quietHours?: { from: string; to: string } | null;
  standbyWatts?: number;
  standbyHours?: number;
  silenceHours?: number;
  batteryLowPercent?: number;
  watcherConfirmMinutes?: number;
  hubEscalateMinutes?: number;
  awayUntil?: string | null;
}

export interface CheckinPlan {
  id: string;
  person_id: string;
  frequency: 'daily' | 'weekly';
  weekday: number | null;
  local_time: string;
  channel: 'email' | 'push' | 'line';
  address: string | null;
  missed_threshold: number;
  consecutive_missed: number;
  active: boolean;
  next_due_at: string | null;
}
export interface Checkin { id: string; plan_id: string; due_at: string; sent_at: string | null; answered_at: string | null; answer: 'fine' | 'talk' | null; missed_at: string | null }

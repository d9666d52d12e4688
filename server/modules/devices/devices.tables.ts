import type { ColumnType } from 'kysely';

type Json<T> = ColumnType<T, T | string, T | string>;

export const DEVICE_TYPES = ['motion', 'door', 'power', 'plug', 'light', 'emergency_button', 'other'] as const;
export type DeviceType = (typeof DEVICE_TYPES)[number];

export interface WatchDevicesTable {
  tenant_id: string;
  id: string;
  device_key: string;
  person_id: string;
  type: DeviceType;
  vendor: string | null;
  vendor_device_id: string | null;
  location_in_home: string | null;
  status: ColumnType<'active' | 'paused' | 'retired', 'active' | 'paused' | 'retired' | undefined, 'active' | 'paused' | 'retired'>;
  token_hash: string | null;
  token_rotated_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface IngestCredentialsTable {
  tenant_id: string;
  id: string;
  label: string;
  token_hash: string;
  created_at: Date;
  revoked_at: Date | null;
  /** Its own telemetry rate limit; null: TELEMETRY_CREDENTIAL_READINGS_PER_MINUTE. */
  readings_per_minute: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface TelemetryTable {
  tenant_id: string;
  device_id: string;
  kind: string;
  ts: Date;
  value: number;
  received_at: Date;
}

export interface DeviceStateTable {
  tenant_id: string;
  device_id: string;
  last_seen_at: Date | null;
  last_activity_at: Date | null;
  battery: number | null;
  last_power_w: number | null;
  standby_since: Date | null;
  inactivity_due_at: Date | null;
  standby_due_at: Date | null;
  silence_due_at: Date | null;
  updated_at: Date;
}

/** Per-person watch settings; every field optional, defaults in the rules. */
export interface WatchSettings {
  inactivityHours?: number;
  /** Local (Asia/Tokyo) hours during which inactivity is expected, e.g. { from: '22:00', to: '07:00' }. */
  quietHours?: { from: string; to: string } | null;
  standbyWatts?: number;
  standbyHours?: number;
  silenceHours?: number;
  batteryLowPercent?: number;
  watcherConfirmMinutes?: number;
  hubEscalateMinutes?: number;
  /** Away (holiday, hospital stay) until this time: welfare rules are paused. */
  awayUntil?: string | null;
}

export interface WatchSettingsTable {
  tenant_id: string;
  person_id: string;
  settings: Json<WatchSettings>;
  updated_at: Date;
}

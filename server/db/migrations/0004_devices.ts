/**
 * Watch devices and check-ins (issue #4): devices registered to a person with their own
 * credentials, readings partitioned by month, per-device state the rules keep, alerts with one
 * open alert per device and type, an escalation ladder per alert, watchers (family, neighbours)
 * and scheduled check-ins.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
CREATE TABLE watch_devices (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL,
  -- The id devices and the broker use (topic tsunagari/{tenant}/devices/{device_key}/telemetry).
  device_key text NOT NULL,
  person_id uuid NOT NULL,
  type text NOT NULL CHECK (type IN ('motion','door','power','plug','light','emergency_button','other')),
  vendor text,
  vendor_device_id text,
  location_in_home text,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active','paused','retired')),
  token_hash text UNIQUE,
  token_rotated_at timestamptz,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, device_key),
  FOREIGN KEY (tenant_id, person_id) REFERENCES people(tenant_id, id)
);
CREATE INDEX watch_devices_person ON watch_devices (tenant_id, person_id);

-- Tenant-wide ingestion credentials for vendor gateways (post readings for any device of the tenant).
CREATE TABLE ingest_credentials (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL,
  label text NOT NULL,
  token_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL,
  revoked_at timestamptz,
  PRIMARY KEY (tenant_id, id)
);

-- Readings, partitioned by month of ts; (device, kind, ts) is the idempotency key.
CREATE TABLE telemetry (
  tenant_id uuid NOT NULL,
  device_id uuid NOT NULL,
  kind text NOT NULL,
  ts timestamptz NOT NULL,
  value double precision NOT NULL,
  received_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, device_id, kind, ts)
) PARTITION BY RANGE (ts);
CREATE TABLE telemetry_default PARTITION OF telemetry DEFAULT;

-- What the rules remember per device, updated as readings arrive. Deadlines are data: the sweeper
-- claims rows whose *_due_at has passed (partial indexes keep that cheap at 100,000 devices).
CREATE TABLE device_state (
  tenant_id uuid NOT NULL,
  device_id uuid NOT NULL,
  last_seen_at timestamptz,
  last_activity_at timestamptz,
  battery double precision,
  last_power_w double precision,
  standby_since timestamptz,
  inactivity_due_at timestamptz,
  standby_due_at timestamptz,
  silence_due_at timestamptz,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, device_id)
);
CREATE INDEX device_state_inactivity_due ON device_state (inactivity_due_at) WHERE inactivity_due_at IS NOT NULL;
CREATE INDEX device_state_standby_due ON device_state (standby_due_at) WHERE standby_due_at IS NOT NULL;
CREATE INDEX device_state_silence_due ON device_state (silence_due_at) WHERE silence_due_at IS NOT NULL;

-- Per-person watch settings (inactivity hours, quiet hours, standby baseline, ladder timings).
CREATE TABLE watch_settings (
  tenant_id uuid NOT NULL,
  person_id uuid NOT NULL,
  settings jsonb NOT NULL DEFAULT '{}'::jsonb,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, person_id)
);

-- Family, neighbours or other watchers notified first when an alert is raised.
CREATE TABLE watchers (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL,
  person_id uuid NOT NULL,
  name text NOT NULL,
  relation text,
  channel text NOT NULL CHECK (channel IN ('email','line','sms')),
  address text NOT NULL,
  priority integer NOT NULL DEFAULT 1,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, person_id) REFERENCES people(tenant_id, id)
);
CREATE INDEX watchers_person ON watchers (tenant_id, person_id);

CREATE TABLE alerts (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL,
  person_id uuid NOT NULL,
  device_id uuid,
  checkin_plan_id uuid,
  type text NOT NULL CHECK (type IN ('emergency_button','inactivity','standby_power','power_profile','device_silent','battery_low','checkin_missed','checkin_talk')),
  category text NOT NULL CHECK (category IN ('welfare','technical')),
  severity text NOT NULL CHECK (severity IN ('critical','high','medium','low')),
  status text NOT NULL CHECK (status IN ('active','acknowledged','resolved')),
  outcome text CHECK (outcome IN ('safe','needs_support','emergency_services','not_reached','technical_fixed','false_alarm')),
  detail jsonb NOT NULL DEFAULT '{}'::jsonb,
  occurrences integer NOT NULL DEFAULT 1,
  raised_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  acknowledged_at timestamptz,
  acknowledged_by uuid,
  resolved_at timestamptz,
  resolved_by uuid,
  resolved_via text,
  -- Escalation ladder (welfare alerts): each step once, claimed with SKIP LOCKED.
  watchers_notified_at timestamptz,
  hub_alerted_at timestamptz,
  case_opened_at timestamptz,
  case_id uuid,
  next_step_at timestamptz,
  confirm_token_hash text UNIQUE,
  PRIMARY KEY (tenant_id, id)
);
-- One open alert per device (or check-in plan) and type: repeats update it.
CREATE UNIQUE INDEX alerts_open_device ON alerts (tenant_id, device_id, type) WHERE status <> 'resolved' AND device_id IS NOT NULL;
CREATE UNIQUE INDEX alerts_open_checkin ON alerts (tenant_id, checkin_plan_id, type) WHERE status <> 'resolved' AND checkin_plan_id IS NOT NULL;
CREATE INDEX alerts_status ON alerts (tenant_id, status, raised_at DESC);
CREATE INDEX alerts_next_step ON alerts (next_step_at) WHERE next_step_at IS NOT NULL AND status <> 'resolved';

CREATE TABLE alert_events (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL,
  alert_id uuid NOT NULL,
  kind text NOT NULL,
  at timestamptz NOT NULL,
  actor_id uuid,
  data jsonb NOT NULL DEFAULT '{}'::jsonb,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX alert_events_alert ON alert_events (tenant_id, alert_id, at);

CREATE TABLE checkin_plans (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL,
  person_id uuid NOT NULL,
  frequency text NOT NULL CHECK (frequency IN ('daily','weekly')),
  weekday integer CHECK (weekday BETWEEN 0 AND 6),
  local_time text NOT NULL CHECK (local_time ~ '^[0-2][0-9]:[0-5][0-9]$'),
  channel text NOT NULL CHECK (channel IN ('email','push','line')),
  address text,
  push_subscription jsonb,
  missed_threshold integer NOT NULL DEFAULT 2,
  consecutive_missed integer NOT NULL DEFAULT 0,
  active boolean NOT NULL DEFAULT true,
  next_due_at timestamptz,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, person_id) REFERENCES people(tenant_id, id)
);
CREATE INDEX checkin_plans_due ON checkin_plans (next_due_at) WHERE active AND next_due_at IS NOT NULL;

CREATE TABLE checkins (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL,
  plan_id uuid NOT NULL,
  due_at timestamptz NOT NULL,
  sent_at timestamptz,
  expires_at timestamptz NOT NULL,
  answer_token_hash text NOT NULL UNIQUE,
  answered_at timestamptz,
  answer text CHECK (answer IN ('fine','talk')),
  missed_at timestamptz,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, plan_id, due_at)
);
CREATE INDEX checkins_open ON checkins (expires_at) WHERE answered_at IS NULL AND missed_at IS NULL;
`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE checkins, checkin_plans, alert_events, alerts, watchers, watch_settings, device_state, telemetry, ingest_credentials, watch_devices CASCADE`.execute(db);
}

/**
 * Telemetry that one bad record cannot stop (issue #8 §1–§2):
 *  - telemetry_quarantine: readings the ingest path could not process (the rest of their batch
 *    was stored), kept with why, for coordinators to see (GET /api/v1/telemetry/quarantine);
 *  - telemetry_rate_counts: what each app copy admitted per device, per device's emergency-press
 *    budget and per ingestion credential in each one-minute window, summed across copies;
 *  - ingest_credentials.readings_per_minute: a credential's own limit (null: the default);
 *  - alerts_open_technical: the open technical alerts of a tenant, which ingestion resolves when
 *    the device recovers;
 *  - watch_devices_key: which tenants use a device_key (an MQTT username without the tenant is
 *    accepted only when one does).
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
CREATE TABLE telemetry_quarantine (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL,
  device_id uuid,
  device_key text,
  kind text,
  ts timestamptz,
  value double precision,
  -- The reading as received (its known fields only, as JSON), when there is one.
  raw text,
  reason text NOT NULL,
  source text NOT NULL CHECK (source IN ('http','mqtt')),
  received_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX telemetry_quarantine_recent ON telemetry_quarantine (tenant_id, received_at DESC, id DESC);

CREATE TABLE telemetry_rate_counts (
  tenant_id uuid NOT NULL,
  subject text NOT NULL CHECK (subject IN ('device','press','credential')),
  subject_id uuid NOT NULL,
  window_start timestamptz NOT NULL,
  count integer NOT NULL,
  PRIMARY KEY (tenant_id, subject_id, subject, window_start)
) WITH (fillfactor = 70);
CREATE INDEX telemetry_rate_counts_window ON telemetry_rate_counts (window_start);

ALTER TABLE ingest_credentials ADD COLUMN readings_per_minute integer CHECK (readings_per_minute > 0);

CREATE INDEX alerts_open_technical ON alerts (tenant_id, device_id) WHERE category = 'technical' AND status <> 'resolved';

-- The broker hooks accept a bare device_key as MQTT username only while no other tenant uses it.
CREATE INDEX watch_devices_key ON watch_devices (device_key);
`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
DROP INDEX watch_devices_key;
DROP INDEX alerts_open_technical;
ALTER TABLE ingest_credentials DROP COLUMN readings_per_minute;
DROP TABLE telemetry_rate_counts;
DROP TABLE telemetry_quarantine;
`.execute(db);
}

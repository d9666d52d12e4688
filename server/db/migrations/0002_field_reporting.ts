/**
 * Field reporting (issue #3): partner details and watch agreements (見守り協定) with a sticker
 * code, one-time enrollment codes that become device-bound tokens, Open311 API keys, photos on
 * concerns, and the reporter-side fields of a concern (device, thank-you).
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
ALTER TABLE partners
  ADD COLUMN contact_name text,
  ADD COLUMN contact_phone text,
  ADD COLUMN contact_email text,
  ADD COLUMN address text,
  ADD COLUMN status text NOT NULL DEFAULT 'active' CHECK (status IN ('active','suspended','ended')),
  ADD COLUMN note text,
  ADD COLUMN updated_at timestamptz;

CREATE TABLE partner_agreements (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL,
  partner_id uuid NOT NULL,
  signed_on date NOT NULL,
  scope text NOT NULL,
  contact_person text,
  status text NOT NULL CHECK (status IN ('draft','active','suspended','ended')),
  renewal_due date,
  -- Printed in the sticker's QR code; identifies the agreement, grants nothing by itself.
  sticker_code text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, partner_id) REFERENCES partners(tenant_id, id)
);
CREATE INDEX partner_agreements_partner ON partner_agreements (tenant_id, partner_id);

-- A one-time code (QR link) that enrolls one phone: for a partner's staff, or a supporter's
-- invitation. Only its hash is stored.
CREATE TABLE enrollment_codes (
  code_hash text PRIMARY KEY,
  tenant_id uuid NOT NULL,
  id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('partner','supporter')),
  partner_id uuid,
  account_id uuid,
  agreement_id uuid,
  label text,
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  device_id uuid,
  CHECK ((kind = 'partner' AND partner_id IS NOT NULL) OR (kind = 'supporter' AND account_id IS NOT NULL))
);
CREATE INDEX enrollment_codes_tenant ON enrollment_codes (tenant_id, created_at DESC);

-- Device-bound bearer tokens of enrolled phones; listed and revocable by coordinators.
CREATE TABLE device_tokens (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL,
  token_hash text NOT NULL UNIQUE,
  kind text NOT NULL CHECK (kind IN ('partner','supporter')),
  partner_id uuid,
  account_id uuid,
  label text,
  user_agent text,
  created_at timestamptz NOT NULL,
  last_used_at timestamptz,
  revoked_at timestamptz,
  revoked_by uuid,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX device_tokens_partner ON device_tokens (tenant_id, partner_id);

-- Open311 API keys held by partners (only the hash is stored).
CREATE TABLE api_keys (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL,
  partner_id uuid,
  key_hash text NOT NULL UNIQUE,
  label text NOT NULL,
  created_at timestamptz NOT NULL,
  last_used_at timestamptz,
  revoked_at timestamptz,
  PRIMARY KEY (tenant_id, id)
);

-- Photos, re-encoded with all metadata removed before they are stored; shown to hub staff only.
CREATE TABLE concern_photos (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL,
  concern_id uuid NOT NULL,
  content_type text NOT NULL,
  width integer NOT NULL,
  height integer NOT NULL,
  size integer NOT NULL,
  bytes bytea NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, concern_id) REFERENCES concerns(tenant_id, id)
);
CREATE INDEX concern_photos_concern ON concern_photos (tenant_id, concern_id);

ALTER TABLE concerns
  ADD COLUMN reporter_device_id uuid,
  ADD COLUMN open311_service_request boolean NOT NULL DEFAULT false,
  ADD COLUMN thanks_message text,
  ADD COLUMN thanked_at timestamptz,
  ADD COLUMN status_changed_at timestamptz;
-- Fixed-window request counters shared by every app copy (public report page, enrollment).
CREATE TABLE rate_limits (
  key text NOT NULL,
  window_start timestamptz NOT NULL,
  count integer NOT NULL,
  PRIMARY KEY (key, window_start)
);

CREATE INDEX concerns_device ON concerns (tenant_id, reporter_device_id, received_at DESC) WHERE reporter_device_id IS NOT NULL;
CREATE INDEX concerns_partner ON concerns (tenant_id, reporter_partner_id, received_at DESC) WHERE reporter_partner_id IS NOT NULL;
`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
DROP TABLE rate_limits, concern_photos, api_keys, device_tokens, enrollment_codes, partner_agreements;
ALTER TABLE concerns DROP COLUMN reporter_device_id, DROP COLUMN open311_service_request, DROP COLUMN thanks_message,
  DROP COLUMN thanked_at, DROP COLUMN status_changed_at;
ALTER TABLE partners DROP COLUMN contact_name, DROP COLUMN contact_phone, DROP COLUMN contact_email, DROP COLUMN address,
  DROP COLUMN status, DROP COLUMN note, DROP COLUMN updated_at;
`.execute(db);
}

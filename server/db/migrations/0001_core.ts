/**
 * The hub core: tenants, areas, hubs, accounts and sessions, audit, people and households,
 * concerns, cases with contacts / notes / referrals, in-app notifications and the outbox.
 * Every tenant-owned table leads its key with tenant_id (DESIGN.md §4: tenancy, sharding).
 * IDs are UUIDv7 made by the app; no server-side UUID functions (PostgreSQL 15 lacks v7).
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
CREATE TABLE tenants (
  id uuid PRIMARY KEY,
  slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
  name text NOT NULL,
  settings jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL
);

CREATE TABLE tenant_counters (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  name text NOT NULL,
  value bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id, name)
);

CREATE TABLE areas (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid NOT NULL,
  code text NOT NULL,
  name text NOT NULL,
  population integer,
  households integer,
  geometry jsonb NOT NULL,
  bbox double precision[] NOT NULL,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, code)
);

CREATE TABLE hubs (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid NOT NULL,
  name text NOT NULL,
  phone text,
  PRIMARY KEY (tenant_id, id)
);

CREATE TABLE hub_areas (
  tenant_id uuid NOT NULL,
  hub_id uuid NOT NULL,
  area_id uuid NOT NULL,
  PRIMARY KEY (tenant_id, area_id),
  FOREIGN KEY (tenant_id, hub_id) REFERENCES hubs(tenant_id, id),
  FOREIGN KEY (tenant_id, area_id) REFERENCES areas(tenant_id, id)
);

CREATE TABLE partners (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid NOT NULL,
  name text NOT NULL,
  kind text NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id)
);

CREATE TABLE agencies (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid NOT NULL,
  name text NOT NULL,
  kind text NOT NULL,
  phone text,
  PRIMARY KEY (tenant_id, id)
);

CREATE TABLE accounts (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid NOT NULL,
  email text NOT NULL,
  display_name text NOT NULL,
  role text NOT NULL CHECK (role IN ('hub_staff','hub_lead','outreach','partner','supporter','coordinator','counselor','helper','analyst','admin')),
  password_hash text NOT NULL,
  hub_id uuid,
  partner_id uuid,
  locale text NOT NULL DEFAULT 'ja',
  disabled_at timestamptz,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, hub_id) REFERENCES hubs(tenant_id, id),
  FOREIGN KEY (tenant_id, partner_id) REFERENCES partners(tenant_id, id)
);
-- Login is by email alone, so an address belongs to one account across tenants.
CREATE UNIQUE INDEX accounts_email ON accounts (lower(email));

CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  tenant_id uuid NOT NULL,
  account_id uuid NOT NULL,
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  idle_expires_at timestamptz NOT NULL,
  absolute_expires_at timestamptz NOT NULL,
  ip text,
  user_agent text,
  FOREIGN KEY (tenant_id, account_id) REFERENCES accounts(tenant_id, id)
);
CREATE INDEX sessions_account ON sessions (tenant_id, account_id);

CREATE TABLE login_throttle (
  key text PRIMARY KEY,
  failures integer NOT NULL,
  window_started_at timestamptz NOT NULL,
  locked_until timestamptz
);

CREATE TABLE audit_log (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL,
  at timestamptz NOT NULL,
  account_id uuid,
  role text,
  action text NOT NULL,
  entity_type text NOT NULL,
  entity_id uuid,
  ip text,
  user_agent text,
  detail jsonb NOT NULL DEFAULT '{}'::jsonb,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX audit_entity ON audit_log (tenant_id, entity_type, entity_id, at DESC);
CREATE INDEX audit_account ON audit_log (tenant_id, account_id, at DESC);
-- Append-only: the database itself refuses to change or remove audit rows.
CREATE FUNCTION audit_log_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END $$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_immutable();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_immutable();

CREATE TABLE households (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid NOT NULL,
  address text,
  latitude double precision,
  longitude double precision,
  area_id uuid,
  note text,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id)
);

CREATE TABLE people (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid NOT NULL,
  household_id uuid,
  name text,
  kana text,
  address text,
  latitude double precision,
  longitude double precision,
  area_id uuid,
  birth_year integer,
  living_alone boolean,
  care_service_use text NOT NULL DEFAULT 'unknown' CHECK (care_service_use IN ('unknown','none','applied','certified','using')),
  emergency_contacts jsonb NOT NULL DEFAULT '[]'::jsonb,
  note text,
  supporter_account_id uuid,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, household_id) REFERENCES households(tenant_id, id)
);
-- Search by name, kana or address is a substring match; trigram indexes would need an
-- extension that a managed PostgreSQL may not allow, so we keep btree on kana for prefix use.
CREATE INDEX people_kana ON people (tenant_id, kana);

CREATE TABLE consents (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL,
  person_id uuid NOT NULL,
  shared_with text NOT NULL,
  scope text NOT NULL,
  given_at timestamptz NOT NULL,
  withdrawn_at timestamptz,
  recorded_by uuid NOT NULL,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, person_id) REFERENCES people(tenant_id, id)
);

CREATE TABLE cases (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid NOT NULL,
  case_number integer NOT NULL,
  person_id uuid,
  household_id uuid,
  hub_id uuid,
  assignee_id uuid,
  status text NOT NULL CHECK (status IN ('open','supporting','closed')),
  outcome text,
  urgency text NOT NULL CHECK (urgency IN ('emergency','high','normal','low')),
  received_at timestamptz NOT NULL,
  first_contact_due_at timestamptz NOT NULL,
  first_contact_at timestamptz,
  first_contact_id uuid,
  escalated_at timestamptz,
  opened_at timestamptz NOT NULL,
  closed_at timestamptz,
  created_by uuid NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, case_number),
  FOREIGN KEY (tenant_id, person_id) REFERENCES people(tenant_id, id)
);
-- The sweeper's claim: open cases with no first contact, by deadline.
CREATE INDEX cases_first_contact_due ON cases (first_contact_due_at)
  WHERE first_contact_at IS NULL AND escalated_at IS NULL AND status <> 'closed';
CREATE INDEX cases_status ON cases (tenant_id, status, first_contact_due_at);
CREATE INDEX cases_person ON cases (tenant_id, person_id);
CREATE INDEX cases_received ON cases (tenant_id, received_at);

CREATE TABLE concerns (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid NOT NULL,
  received_at timestamptz NOT NULL,
  observed_at timestamptz NOT NULL,
  category text NOT NULL,
  description text NOT NULL DEFAULT '',
  place_text text NOT NULL DEFAULT '',
  latitude double precision,
  longitude double precision,
  area_id uuid,
  outside_area boolean NOT NULL DEFAULT false,
  channel text NOT NULL,
  reporter_kind text NOT NULL,
  reporter_account_id uuid,
  reporter_partner_id uuid,
  anonymous boolean NOT NULL DEFAULT false,
  callback_contact text,
  priority smallint NOT NULL,
  status text NOT NULL CHECK (status IN ('received','triaged','merged','dismissed')),
  triaged_at timestamptz,
  triaged_by uuid,
  urgency text CHECK (urgency IN ('emergency','high','normal','low')),
  case_id uuid,
  person_id uuid,
  duplicate_of uuid,
  dismiss_reason text,
  -- A ~200 m grid cell (0.002 deg) of the point: duplicate suggestions look in the 3x3 cells
  -- around a concern, through an index, instead of scanning a latitude band of all history.
  geo_cell bigint GENERATED ALWAYS AS (floor(latitude * 500)::bigint * 1000000 + floor(longitude * 500)::bigint) STORED,
  PRIMARY KEY (tenant_id, id)
);
-- The triage queue: only untriaged rows, most urgent-looking then oldest; stays small however
-- many concerns are stored.
CREATE INDEX concerns_queue ON concerns (tenant_id, priority, received_at) WHERE status = 'received';
CREATE INDEX concerns_reporter ON concerns (tenant_id, reporter_account_id, received_at DESC);
CREATE INDEX concerns_case ON concerns (tenant_id, case_id);
-- Duplicate suggestions: recent concerns in the neighbouring grid cells.
CREATE INDEX concerns_cell ON concerns (tenant_id, geo_cell, received_at) INCLUDE (id, latitude, longitude, status);

CREATE TABLE idempotency_keys (
  tenant_id uuid NOT NULL,
  principal text NOT NULL,
  key text NOT NULL,
  request_hash text NOT NULL,
  response jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, principal, key)
);

CREATE TABLE case_contacts (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL,
  case_id uuid NOT NULL,
  method text NOT NULL CHECK (method IN ('visit','phone','other')),
  reached boolean NOT NULL,
  settled boolean NOT NULL DEFAULT false,
  occurred_at timestamptz NOT NULL,
  recorded_at timestamptz NOT NULL,
  note text NOT NULL DEFAULT '',
  recorded_by uuid NOT NULL,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, case_id) REFERENCES cases(tenant_id, id)
);
CREATE INDEX case_contacts_case ON case_contacts (tenant_id, case_id, occurred_at);

CREATE TABLE case_notes (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL,
  case_id uuid NOT NULL,
  body text NOT NULL,
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, case_id) REFERENCES cases(tenant_id, id)
);
CREATE INDEX case_notes_case ON case_notes (tenant_id, case_id, created_at);

CREATE TABLE referrals (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL,
  case_id uuid NOT NULL,
  agency_id uuid NOT NULL,
  reason text NOT NULL,
  status text NOT NULL CHECK (status IN ('sent','accepted','declined','completed')),
  legal_basis text NOT NULL CHECK (legal_basis IN ('consent','vital_interest')),
  consent_id uuid,
  outcome text,
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, case_id) REFERENCES cases(tenant_id, id),
  FOREIGN KEY (tenant_id, agency_id) REFERENCES agencies(tenant_id, id)
);
CREATE INDEX referrals_case ON referrals (tenant_id, case_id);

CREATE TABLE case_events (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL,
  case_id uuid NOT NULL,
  kind text NOT NULL,
  at timestamptz NOT NULL,
  actor_id uuid,
  data jsonb NOT NULL DEFAULT '{}'::jsonb,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX case_events_case ON case_events (tenant_id, case_id, at);

CREATE TABLE notifications (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL,
  account_id uuid NOT NULL,
  kind text NOT NULL,
  case_id uuid,
  created_at timestamptz NOT NULL,
  read_at timestamptz,
  data jsonb NOT NULL DEFAULT '{}'::jsonb,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX notifications_account ON notifications (tenant_id, account_id, created_at DESC);

CREATE TABLE outbox (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL,
  kind text NOT NULL,
  dedupe_key text NOT NULL,
  payload jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  available_at timestamptz NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  sent_at timestamptz,
  failed_at timestamptz,
  last_error text,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, dedupe_key)
);
CREATE INDEX outbox_pending ON outbox (available_at) WHERE sent_at IS NULL AND failed_at IS NULL;
`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
DROP TABLE outbox, notifications, case_events, referrals, case_notes, case_contacts, idempotency_keys,
  concerns, cases, consents, people, households, audit_log, login_throttle, sessions, accounts,
  agencies, partners, hub_areas, hubs, areas, tenant_counters, tenants CASCADE;
DROP FUNCTION IF EXISTS audit_log_immutable();
`.execute(db);
}

/**
 * Honest signals and Open311 both ways (issue #9):
 *  - watchers.person_label: how the watcher calls the watched person (「母」), chosen when they
 *    register; the watcher's message names the person by it, never by their name;
 *  - open311_updates: updates FixMyStreet's client posts from residents
 *    (POST servicerequestupdates), kept on the concern's timeline. A client's own update_id is
 *    unique per API key, so a retry stores nothing twice.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
ALTER TABLE watchers ADD COLUMN person_label text CHECK (char_length(person_label) BETWEEN 1 AND 20);

CREATE TABLE open311_updates (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL,
  concern_id uuid NOT NULL,
  api_key_id uuid NOT NULL,
  client_update_id text CHECK (char_length(client_update_id) BETWEEN 1 AND 100),
  status text NOT NULL CHECK (char_length(status) BETWEEN 1 AND 40),
  description text NOT NULL CHECK (char_length(description) <= 4000),
  client_updated_at timestamptz,
  received_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, concern_id) REFERENCES concerns(tenant_id, id),
  FOREIGN KEY (tenant_id, api_key_id) REFERENCES api_keys(tenant_id, id)
);
CREATE INDEX open311_updates_concern ON open311_updates (tenant_id, concern_id, received_at);
CREATE UNIQUE INDEX open311_updates_client_id ON open311_updates (tenant_id, api_key_id, client_update_id)
  WHERE client_update_id IS NOT NULL;
`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
DROP TABLE open311_updates;
ALTER TABLE watchers DROP COLUMN person_label;
`.execute(db);
}

/**
 * Devices, continued: the daily power-profile check runs once per tenant and local day, whichever
 * app copy gets there first (INSERT … ON CONFLICT DO NOTHING in the check's transaction).
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
CREATE TABLE device_daily_checks (
  tenant_id uuid NOT NULL,
  day date NOT NULL,
  done_at timestamptz NOT NULL,
  devices integer NOT NULL DEFAULT 0,
  alerts integer NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id, day)
);
-- Every reading updates its device's state row: free space on each page lets PostgreSQL update
-- in place (HOT) when no indexed deadline changes, which is the common case.
ALTER TABLE device_state SET (fillfactor = 70);
`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE device_daily_checks; ALTER TABLE device_state RESET (fillfactor)`.execute(db);
}

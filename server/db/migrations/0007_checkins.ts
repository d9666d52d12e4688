/**
 * Check-ins (issue #4 §3): what 0004 left out. Each check-in records how it was delivered
 * (channel, status, attempts, the last error: a push plan without VAPID keys is "failed", never
 * pretended sent) and the concern a "話したい" answer filed. A plan may carry the hash of a
 * link that lets the person register web push on their own phone.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
ALTER TABLE checkins
  ADD COLUMN channel text NOT NULL DEFAULT 'email' CHECK (channel IN ('email','push','line')),
  ADD COLUMN delivery_status text NOT NULL DEFAULT 'pending' CHECK (delivery_status IN ('pending','queued','sent','failed')),
  ADD COLUMN delivery_attempts integer NOT NULL DEFAULT 0,
  ADD COLUMN delivery_error text,
  ADD COLUMN deliver_after timestamptz,
  ADD COLUMN concern_id uuid;
CREATE INDEX checkins_delivery_pending ON checkins (deliver_after) WHERE delivery_status = 'pending';
CREATE INDEX checkins_plan_recent ON checkins (tenant_id, plan_id, due_at DESC);
ALTER TABLE checkin_plans ADD COLUMN subscribe_token_hash text UNIQUE;
CREATE INDEX checkin_plans_person ON checkin_plans (tenant_id, person_id);
`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
DROP INDEX checkin_plans_person;
ALTER TABLE checkin_plans DROP COLUMN subscribe_token_hash;
DROP INDEX checkins_plan_recent;
DROP INDEX checkins_delivery_pending;
ALTER TABLE checkins DROP COLUMN channel, DROP COLUMN delivery_status, DROP COLUMN delivery_attempts,
  DROP COLUMN delivery_error, DROP COLUMN deliver_after, DROP COLUMN concern_id;
`.execute(db);
}

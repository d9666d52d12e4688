/**
 * Accounts and login (issue #8 §2): an email is unique within a municipality, not across all of
 * them, so creating an account never tells an admin that another municipality uses the address
 * (login finds every account with the email and checks the password against each). An account
 * can be flagged to change its password at the next login (the one-time password a new
 * municipality's first admin gets). Login throttle rows remember how often their key was locked,
 * so each further lock lasts longer.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
DROP INDEX accounts_email;
CREATE UNIQUE INDEX accounts_tenant_email ON accounts (tenant_id, lower(email));
CREATE INDEX accounts_email_lookup ON accounts (lower(email));
ALTER TABLE accounts ADD COLUMN password_change_required boolean NOT NULL DEFAULT false;
ALTER TABLE login_throttle ADD COLUMN lock_count integer NOT NULL DEFAULT 0;
`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
ALTER TABLE login_throttle DROP COLUMN lock_count;
ALTER TABLE accounts DROP COLUMN password_change_required;
DROP INDEX accounts_email_lookup;
DROP INDEX accounts_tenant_email;
CREATE UNIQUE INDEX accounts_email ON accounts (lower(email));
`.execute(db);
}

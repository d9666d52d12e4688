/**
 * Partners (issue #3 §2): a human agreement number per tenant for the printed certificate
 * (第N号). (The public enrollment endpoint is throttled through rate_limits, migration 0002.)
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
ALTER TABLE partner_agreements ADD COLUMN number integer;
UPDATE partner_agreements a SET number = n.rn
  FROM (SELECT tenant_id, id, row_number() OVER (PARTITION BY tenant_id ORDER BY created_at, id) AS rn FROM partner_agreements) n
  WHERE a.tenant_id = n.tenant_id AND a.id = n.id;
ALTER TABLE partner_agreements ALTER COLUMN number SET NOT NULL;
CREATE UNIQUE INDEX partner_agreements_number ON partner_agreements (tenant_id, number);
INSERT INTO tenant_counters (tenant_id, name, value)
  SELECT tenant_id, 'agreement_number', max(number) FROM partner_agreements GROUP BY tenant_id
  ON CONFLICT (tenant_id, name) DO UPDATE SET value = GREATEST(tenant_counters.value, EXCLUDED.value);

`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
DELETE FROM tenant_counters WHERE name = 'agreement_number';
ALTER TABLE partner_agreements DROP COLUMN number;
`.execute(db);
}

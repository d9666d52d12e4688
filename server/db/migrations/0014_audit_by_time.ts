/**
 * The audit log viewer (issue #9) lists a tenant's log newest first, filtered by a date range,
 * and exports it: an index on (tenant_id, at) serves that without scanning the whole tenant's log
 * (the existing indexes lead with entity or account).
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE INDEX IF NOT EXISTS audit_by_time ON audit_log (tenant_id, at DESC)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX IF EXISTS audit_by_time`.execute(db);
}

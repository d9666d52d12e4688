/**
 * Least privilege in the database (issue #8 §2): the app runs as a role that may not create
 * tables. The one thing it did at run time that needs more, creating the monthly telemetry
 * partitions (and, rarely, moving rows that already sit in the default partition into the new
 * one), goes through this narrow SECURITY DEFINER function owned by the schema's owner. Nobody
 * may call it until the owner grants EXECUTE to the application role (server/db/privileges.ts;
 * role names differ per deployment, so no grant is written here).
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // The function's search_path is fixed to the schema the tables live in (then pg_temp, last),
  // so a caller's search_path cannot redirect what it touches.
  const { rows } = await sql<{ schema: string }>`SELECT current_schema() AS schema`.execute(db);
  const schema = sql.id(rows[0]!.schema);
  await sql`
CREATE FUNCTION tsunagari_ensure_telemetry_partition(month date) RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = ${schema}, pg_temp AS $fn$
DECLARE
  part text;
  -- Bounds as UTC literals, so the partition's bounds never depend on the session's TimeZone or DateStyle.
  lo text := to_char(month, 'YYYY-MM-DD') || 'T00:00:00Z';
  hi text := to_char(month + interval '1 month', 'YYYY-MM-DD') || 'T00:00:00Z';
BEGIN
  IF month IS NULL OR month <> date_trunc('month', month)::date OR month < date '2000-01-01' OR month >= date '3000-01-01' THEN
    RAISE EXCEPTION 'tsunagari_ensure_telemetry_partition: % is not the first day of a month between 2000 and 2999', month
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  part := format('telemetry_y%sm%s', to_char(month, 'YYYY'), to_char(month, 'MM'));
  -- One copy at a time; the others find the partition made.
  PERFORM pg_advisory_xact_lock(hashtext('tsunagari:telemetry_partitions'));
  IF EXISTS (SELECT 1 FROM pg_class WHERE relname = part) THEN
    RETURN NULL;
  END IF;
  -- Hold writers off the default partition while we look and create (rare: once a month or at
  -- boot); otherwise a reading landing in between makes the CREATE fail.
  LOCK TABLE telemetry_default IN ACCESS EXCLUSIVE MODE;
  IF NOT EXISTS (SELECT 1 FROM telemetry_default WHERE ts >= lo::timestamptz AND ts < hi::timestamptz) THEN
    EXECUTE format('CREATE TABLE %I PARTITION OF telemetry FOR VALUES FROM (%L) TO (%L)', part, lo, hi);
  ELSE
    -- PostgreSQL refuses a partition the default overlaps: move those rows into it first.
    EXECUTE format('CREATE TABLE %I (LIKE telemetry INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', part);
    EXECUTE format('WITH moved AS (DELETE FROM telemetry_default WHERE ts >= %L AND ts < %L RETURNING *) INSERT INTO %I SELECT * FROM moved', lo, hi, part);
    EXECUTE format('ALTER TABLE telemetry ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)', part, lo, hi);
  END IF;
  RETURN part;
END
$fn$;
REVOKE ALL ON FUNCTION tsunagari_ensure_telemetry_partition(date) FROM PUBLIC;
`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP FUNCTION tsunagari_ensure_telemetry_partition(date)`.execute(db);
}

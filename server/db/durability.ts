/**
 * Durability is asserted, not assumed (DESIGN.md §4): a 201 means the write is on disk, which
 * holds only while fsync, full_page_writes and synchronous_commit are on. The app checks them at
 * boot on its own connection (synchronous_commit can be set per role and per database) and refuses
 * to start otherwise, unless ALLOW_NON_DURABLE_DATABASE=true (test databases only).
 */
import type { Queryable } from './privileges.js';
import { StartupError } from './startup-error.js';

/** A database the app refuses to run on; the message says what to change. */
export class DurabilityError extends StartupError {}

/** The durability settings that are off, as `name=value` (empty when all is well). */
export async function nonDurableSettings(db: Queryable): Promise<string[]> {
  const { rows } = await db.query<{ name: string; setting: string }>(
    `SELECT name, setting FROM pg_settings WHERE name IN ('fsync', 'full_page_writes', 'synchronous_commit') ORDER BY name`,
  );
  // synchronous_commit 'local', 'remote_write', 'on' and 'remote_apply' all flush the local WAL.
  return rows.filter((r) => r.setting === 'off').map((r) => `${r.name}=off`);
}

/**
 * Throws DurabilityError when a durability setting is off, unless `allow` (then returns the
 * settings found off, for a warning).
 */
export async function assertDurable(db: Queryable, allow: boolean, where: string): Promise<string[]> {
  const off = await nonDurableSettings(db);
  if (off.length && !allow) {
    throw new DurabilityError(
      `${where} is not durable: ${off.join(', ')}. Acknowledged writes (concerns, readings) could be lost in a crash or power cut, ` +
        'so Tsunagari refuses to start. Turn them on in postgresql.conf (or ALTER SYSTEM RESET …; for synchronous_commit also ' +
        'ALTER ROLE/DATABASE … RESET synchronous_commit) and reload the server. ' +
        'ALLOW_NON_DURABLE_DATABASE=true skips this check: for throw-away test databases only, never in production.',
    );
  }
  return off;
}

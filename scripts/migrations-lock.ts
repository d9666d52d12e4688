/**
 * Records the SHA-256 of each migration in server/db/migrations/migrations.lock.json. Only new
 * migrations are added: an entry, once written, is never changed by this script (a landed
 * migration is frozen; change the schema with a new one). test/architecture.test.ts fails when a
 * locked migration's file no longer matches its hash, or a migration is not in the lock.
 * Usage: npm run migrations:lock
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../server/db/migrations');
export const LOCK_FILE = path.join(MIGRATIONS_DIR, 'migrations.lock.json');

/** Migration files (NNNN_name.ts) and the SHA-256 of their bytes. */
export function migrationHashes(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fs
    .readdirSync(MIGRATIONS_DIR)
    .filter((f) => /^\d{4}_.+\.ts$/.test(f))
    .sort()) {
    out[f] = createHash('sha256')
      .update(fs.readFileSync(path.join(MIGRATIONS_DIR, f)))
      .digest('hex');
  }
  return out;
}

export function readLock(): Record<string, string> {
  return fs.existsSync(LOCK_FILE) ? (JSON.parse(fs.readFileSync(LOCK_FILE, 'utf8')) as Record<string, string>) : {};
}

if (process.argv[1]?.endsWith('migrations-lock.ts')) {
  const lock = readLock();
  const added: string[] = [];
  for (const [file, hash] of Object.entries(migrationHashes())) {
    if (!(file in lock)) {
      lock[file] = hash;
      added.push(file);
    }
  }
  fs.writeFileSync(LOCK_FILE, `${JSON.stringify(Object.fromEntries(Object.entries(lock).sort()), null, 2)}\n`);
  console.log(added.length ? `locked: ${added.join(', ')}` : 'nothing new to lock');
}

/**
 * `npm run tenant`: onboarding a municipality. `create` makes the tenant, its first hub and its
 * first admin (with a one-time password printed once, to be changed at first login) and
 * optionally imports its 町丁目 areas from an e-Stat GeoJSON file, all in one transaction;
 * `list` shows the municipalities. Connects like the app: DATABASE_URL (+ DATABASE_OWNER_URL),
 * or the embedded PostgreSQL under DATA_DIR.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { type Clock, systemClock } from '../server/clock.js';
import { ConfigError, loadConfig } from '../server/config.js';
import type { DB } from '../server/db/database.js';
import { openDatabase, StartupError } from '../server/db/open.js';
import { AppError } from '../server/errors.js';
import { messageFor } from '../server/i18n.js';
import { createFirstAdmin } from '../server/modules/accounts/accounts.service.js';
import { createTenant, listTenants, serveUnassignedAreas, TENANT_SLUG } from '../server/modules/tenants/tenants.service.js';
import { type AreaFeatureCollection, AreaImportError, importAreas } from '../server/seed/areas-import.js';
import { embeddedOwnedByRunningApp } from './running-app.js';

export const HELP = `Usage:
  npm run tenant -- create --slug <slug> --name <name> [--admin-email <email>] [--admin-name <name>] [--areas <file>]
  npm run tenant -- list

create  A new municipality: its first hub ("<name> 見守りハブ", serving every imported area) and
        its first admin account. The admin's one-time password is printed once; they must
        change it at their first login.
        --slug         the municipality's ID in URLs and logins: a-z, 0-9 and '-', 2-63 characters
        --name         its name, e.g. 目黒区
        --admin-email  the first admin's email (default admin@<slug>.invalid)
        --admin-name   the first admin's display name (default システム管理者)
        --areas        町丁目 boundaries: e-Stat small-area GeoJSON (KEY_CODE, S_NAME, JINKO, SETAI)
list    Every municipality with its numbers of accounts and areas.

Database: DATABASE_URL (and DATABASE_OWNER_URL) if set, otherwise the embedded PostgreSQL under
DATA_DIR (stop the app first: only one process can run the embedded server).
`;

export class TenantCommandError extends Error {}

type Out = (line: string) => void;

/** Runs the command against an open database; returns the created admin for `create`. */
export async function runTenantCommand(db: DB, clock: Clock, argv: string[], out: Out) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      slug: { type: 'string' },
      name: { type: 'string' },
      'admin-email': { type: 'string' },
      'admin-name': { type: 'string' },
      areas: { type: 'string' },
      'public-url': { type: 'string' },
    },
  });
  const command = positionals[0];
  if (command === 'list') {
    const rows = await listTenants(db);
    if (!rows.length) out('No municipalities yet: npm run tenant -- create --slug <slug> --name <name>');
    for (const r of rows) {
      out(`${r.slug.padEnd(20)} ${r.name}  (accounts: ${r.accounts}, areas: ${r.areas}, since ${r.created_at.toISOString().slice(0, 10)})`);
    }
    return null;
  }
  if (command !== 'create') throw new TenantCommandError(HELP);
  const slug = values.slug?.trim() ?? '';
  const name = values.name?.trim() ?? '';
  if (!TENANT_SLUG.test(slug)) throw new TenantCommandError(`--slug must be 2-63 characters of a-z, 0-9 and '-' (got "${slug}")`);
  if (!name || name.length > 100) throw new TenantCommandError('--name must be 1-100 characters');
  const adminEmail = (values['admin-email'] ?? `admin@${slug}.invalid`).trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(adminEmail) || adminEmail.length > 254) {
    throw new TenantCommandError(`--admin-email is not an email address: "${adminEmail}"`);
  }
  const adminName = values['admin-name']?.trim() || 'システム管理者';
  let areas: AreaFeatureCollection | null = null;
  if (values.areas) {
    try {
      areas = JSON.parse(fs.readFileSync(path.resolve(values.areas), 'utf8')) as AreaFeatureCollection;
    } catch (err) {
      throw new TenantCommandError(`--areas: cannot read ${values.areas} as GeoJSON (${(err as Error).message})`);
    }
  }
  const now = clock.now();
  const result = await db.transaction().execute(async (trx) => {
    const t = await createTenant(trx, { slug, name, now });
    const imported = areas ? await importAreas(trx, t.id, areas) : [];
    if (imported.length) await serveUnassignedAreas(trx, t.id, t.hubId);
    const admin = await createFirstAdmin(trx, t.id, { email: adminEmail, displayName: adminName, now });
    return { tenantId: t.id, areas: imported.length, admin };
  });
  out(`Municipality "${slug}" (${name}) created, with the hub "${name} 見守りハブ"${areas ? ` and ${result.areas} areas` : ''}.`);
  out(`First admin: ${adminEmail}`);
  out(`One-time password (shown only now; it must be changed at the first login): ${result.admin.password}`);
  if (values['public-url']) out(`Log in at ${values['public-url']}/login`);
  return { tenantId: result.tenantId, adminId: result.admin.id, adminEmail, password: result.admin.password };
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(HELP);
    return;
  }
  const config = loadConfig();
  if (!config.databaseUrl) {
    const owner = embeddedOwnedByRunningApp(path.join(config.dataDir, 'pg'));
    if (owner) {
      process.stderr.write(`The app (pid ${owner}) is running the embedded PostgreSQL under ${config.dataDir}. Stop it first.\n`);
      process.exitCode = 1;
      return;
    }
  }
  const opened = await openDatabase(config, { notice: (line) => process.stderr.write(`${line}\n`) });
  try {
    await runTenantCommand(opened.db, systemClock, [...argv, '--public-url', config.publicUrl], (line) =>
      process.stdout.write(`${line}\n`),
    );
  } finally {
    await opened.close();
  }
}

if (process.argv[1]?.endsWith('tenant.ts')) {
  main().catch((err: unknown) => {
    const message =
      err instanceof AppError
        ? messageFor('en', err.code, err.params)
        : err instanceof TenantCommandError || err instanceof AreaImportError || err instanceof ConfigError || err instanceof StartupError
          ? err.message
          : ((err as Error).stack ?? String(err));
    process.stderr.write(`${message}\n`);
    process.exitCode = 1;
  });
}

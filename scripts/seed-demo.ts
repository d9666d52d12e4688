/**
 * `npm run seed:demo`: deletes and recreates the demo municipality in the database the app
 * uses (DATABASE_URL, or the embedded PostgreSQL under DATA_DIR). Prints the rows written.
 */
import path from 'node:path';
import { systemClock } from '../server/clock.js';
import { ConfigError, loadConfig } from '../server/config.js';
import { createDb, createPool } from '../server/db/database.js';
import { openDatabase, StartupError } from '../server/db/open.js';
import { DEMO_PASSWORD, DEMO_SLUG, DEMO_TENANT_NAME, resetDemoData } from '../server/seed/demo.js';
import { embeddedOwnedByRunningApp } from './running-app.js';

const HELP = `Usage: npm run seed:demo [-- --verbose]

Deletes the demo tenant "${DEMO_SLUG}" (${DEMO_TENANT_NAME}) with all its rows, including its
audit log, and creates it again with 90 days of fictional concerns and cases ending now.
Other tenants are not touched.

Database: DATABASE_URL if set (the app may keep running). Otherwise the embedded PostgreSQL
under DATA_DIR (default ./data): stop the app first, because only one process can run the
embedded server.

Demo accounts: <role>@demo.example (e.g. hub_staff@demo.example, hub_lead@demo.example),
password "${DEMO_PASSWORD}".

--verbose  also print the embedded PostgreSQL server's log.
`;

async function main(): Promise<void> {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
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
  const verbose = process.argv.includes('--verbose');
  const opened = await openDatabase(config, { log: (line) => verbose && process.stderr.write(`${line}\n`) });
  // Deleting the old demo's audit rows means switching the append-only trigger off for one
  // transaction, which only the owner may do (the app's role cannot): this admin tool runs as the owner.
  const ownerDb = createDb(createPool(opened.ownerUrl, 2));
  try {
    const started = performance.now();
    const counts = await resetDemoData(ownerDb, systemClock);
    const ms = Math.round(performance.now() - started);
    process.stdout.write(`Demo tenant "${DEMO_SLUG}" recreated in ${ms} ms:\n`);
    for (const [table, n] of Object.entries(counts)) process.stdout.write(`  ${table.padEnd(16)} ${n}\n`);
    process.stdout.write(`Log in as hub_staff@demo.example (or <role>@demo.example) with "${DEMO_PASSWORD}".\n`);
  } finally {
    await ownerDb.destroy();
    await opened.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(
    `${err instanceof ConfigError || err instanceof StartupError ? err.message : ((err as Error).stack ?? String(err))}\n`,
  );
  process.exitCode = 1;
});

/**
 * Reads config, opens the database (embedded by default), migrates, seeds the demo tenant on
 * first start, starts the sweeper and outbox dispatcher, listens, and shuts down gracefully.
 */
import { ROLES } from './access/roles.js';
import { buildApp } from './app.js';
import { systemClock } from './clock.js';
import { type Config, ConfigError, loadConfig } from './config.js';
import { openDatabase, StartupError } from './db/open.js';
import { PgEventBus } from './events/event-bus.js';
import { ensureTelemetryPartitions } from './modules/devices/devices.service.js';
import { channelsOffLine } from './modules/notifications/channels.service.js';
import { DEMO_PASSWORD, ensureDemoData } from './seed/demo.js';
import { startWorkers } from './workers.js';

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`Configuration error: ${err.message}`);
      process.exit(2);
    }
    throw err;
  }
  const log = (line: string) => {
    if (config.logLevel === 'debug' || config.logLevel === 'trace') console.error(line);
  };
  console.log(
    config.databaseUrl
      ? 'Using PostgreSQL at DATABASE_URL (migrations and grants as DATABASE_OWNER_URL)'
      : `Starting embedded PostgreSQL (data in ${config.dataDir}/pg, port ${config.embeddedPgPort})`,
  );
  const database = await openDatabase(config, {
    log,
    notice: (line) => console.error(line),
    // The embedded PostgreSQL died and could not be started again: nothing can be served.
    onFatal: (err) => {
      console.error(`Tsunagari is stopping: ${err.message}`);
      process.exit(1);
    },
  });
  const events = new PgEventBus(database.url, (m) => console.error(m));
  await events.start();
  const ctx = { db: database.db, clock: systemClock, config, events };
  const seeded = config.seedDemo ? await ensureDemoData(database.db, systemClock) : false;
  // This month's telemetry partition exists before the first reading can arrive.
  await ensureTelemetryPartitions(database.db, systemClock.now());
  const app = await buildApp(ctx, { logger: { level: config.logLevel } });
  // Say at boot which messages cannot go out, before anyone counts on them.
  const off = channelsOffLine(config);
  if (off) app.log.warn(off);
  const workers = startWorkers(ctx, (msg, err) => app.log.error({ err }, msg));

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    await workers.stop();
    await app.close();
    await events.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGHUP', () => void shutdown('SIGHUP'));

  await app.listen({ port: config.port, host: config.host });
  const url = config.publicUrl;
  console.log(`\nTsunagari is running at ${url}\n`);
  if (config.seedDemo) {
    console.log(seeded ? 'Demo data created (tenant "demo").' : 'Demo tenant "demo" is ready.');
    console.log(`Demo logins (password: ${DEMO_PASSWORD}):`);
    for (const role of ROLES) {
      console.log(`  ${role.padEnd(12)} ${role}@demo.example`);
    }
    console.log(`API docs: ${url}/docs\n`);
  }
}

main().catch((err: unknown) => {
  // A cause a person can fix gets its message alone; anything else its stack (never "undefined").
  if (err instanceof StartupError) console.error(`Tsunagari cannot start: ${err.message}`);
  else console.error('Tsunagari failed to start:', err instanceof Error ? err : new Error(`non-error thrown: ${String(err)}`));
  process.exit(1);
});

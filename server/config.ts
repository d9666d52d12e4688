/**
 * Configuration: the environment is parsed once, here, into a frozen typed object.
 * Nothing else in the server reads process.env (CONVENTIONS.md rule 8): a bad value fails
 * the boot with a message that names the variable.
 */
import path from 'node:path';

export interface Config {
  readonly port: number;
  readonly host: string;
  /** External PostgreSQL; when absent the embedded server under dataDir is used. */
  readonly databaseUrl: string | undefined;
  /** The owner role (with DATABASE_URL, which is then the application role): runs migrations and grants. */
  readonly databaseOwnerUrl: string | undefined;
  /** Tests only, never production: start even when fsync, full_page_writes or synchronous_commit is off. */
  readonly allowNonDurableDatabase: boolean;
  readonly dataDir: string;
  /** Port of the embedded PostgreSQL: never 5432, which an installed server may hold. */
  readonly embeddedPgPort: number;
  readonly publicUrl: string;
  readonly logLevel: string;
  readonly cookieSecure: boolean;
  readonly sessionIdleMinutes: number;
  readonly sessionAbsoluteHours: number;
  /** How long an app copy may reuse a resolved session without asking the database. */
  readonly sessionCacheMs: number;
  /** Failed logins per (email, client address) before a lock; the first lock lasts loginLockMinutes, each further one twice as long (capped at a day). */
  readonly loginMaxFailures: number;
  readonly loginLockMinutes: number;
  /** Failed logins per client address (any email) before that address is locked: larger, for an office behind one NAT. */
  readonly loginClientMaxFailures: number;
  /** smtp://user:pass@host:port; without it, email from the outbox is written to dataDir/mail. */
  readonly smtpUrl: string | undefined;
  readonly mailFrom: string;
  readonly sweepIntervalMs: number;
  readonly dispatchIntervalMs: number;
  readonly trustProxy: boolean;
  readonly seedDemo: boolean;
  readonly dbPoolSize: number;
  /** Longest wait for a database connection (new, or a free one from the pool) before 503. */
  readonly dbConnectTimeoutMs: number;
  /** Server-side statement_timeout; the client gives up on a statement 1 s after it (a frozen server cannot enforce its own). */
  readonly dbStatementTimeoutMs: number;
  /** Server-side idle_in_transaction_session_timeout: a transaction left open this long is ended by the server. */
  readonly dbIdleInTransactionTimeoutMs: number;
  /** A request still running after this answers 503 request_timeout (from its arrival, not counting the time its body takes to arrive; event streams excluded). */
  readonly requestTimeoutMs: number;
  /** Event streams (SSE) one account may hold open on one app copy. */
  readonly sseMaxStreamsPerAccount: number;
  /** Map tiles for Leaflet ({z}/{x}/{y}); maps still work from GeoJSON when tiles are unreachable. */
  readonly tileUrl: string;
  readonly tileAttribution: string;
  /** Requests per hour per client address on the public report page. */
  readonly publicReportsPerHour: number;
  /** Largest photo accepted before re-encoding. */
  readonly photoMaxBytes: number;
  /** MQTT broker for device telemetry (mqtt://, mqtts://, ws://, wss://); without it, HTTP ingestion only. */
  readonly mqttUrl: string | undefined;
  /** Shared-subscription group: app copies in one group split the telemetry stream. */
  readonly mqttSharedGroup: string;
  /** First topic level: {root}/{tenant_slug}/devices/{device_key}/telemetry. */
  readonly mqttTopicRoot: string;
  /** Client-id prefix of this app copy's MQTT connections; default hostname and port. */
  readonly mqttClientId: string | undefined;
  /** MQTT connections per app copy; each holds one message until its readings are committed. */
  readonly mqttConnections: number;
  /** Telemetry rate limits per one-minute window (docs/DEVICES.md): readings per device, emergency presses per device, readings per ingestion credential without its own limit. */
  readonly telemetryDeviceReadingsPerMinute: number;
  readonly telemetryPressesPerMinute: number;
  readonly telemetryCredentialReadingsPerMinute: number;
  /** How often each app copy shares its rate-limit counts with the others through PostgreSQL. */
  readonly telemetryRateSyncMs: number;
  /** How long an ingest write waits for a row lock (a device's state row held elsewhere) before that device is set aside. */
  readonly telemetryLockTimeoutMs: number;
  /** Web push (check-ins): VAPID keys from `npx web-push generate-vapid-keys`; without them push check-ins fail visibly. */
  readonly vapid: { readonly publicKey: string; readonly privateKey: string; readonly subject: string } | undefined;
  /** LINE Messaging API channel access token (check-ins by LINE); without it LINE check-ins fail visibly. */
  readonly lineChannelAccessToken: string | undefined;
}

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, def: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return def;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(`${name} must be an integer between ${min} and ${max}, got "${raw}"`);
  }
  return n;
}

function bool(env: Env, name: string, def: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return def;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

function url(env: Env, name: string, protocols: string[]): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be a URL (${protocols.join(', ')})`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(`${name} must use one of ${protocols.join(', ')}, got "${parsed.protocol}"`);
  }
  return raw;
}

/** VAPID keys come as a set: all three or none (base64url keys of the sizes web push requires). */
function vapid(env: Env): Config['vapid'] {
  const publicKey = env.VAPID_PUBLIC_KEY || '';
  const privateKey = env.VAPID_PRIVATE_KEY || '';
  const subject = env.VAPID_SUBJECT || '';
  if (!publicKey && !privateKey && !subject) return undefined;
  if (!publicKey) throw new ConfigError('VAPID_PUBLIC_KEY must be set together with VAPID_PRIVATE_KEY and VAPID_SUBJECT');
  if (!privateKey) throw new ConfigError('VAPID_PRIVATE_KEY must be set together with VAPID_PUBLIC_KEY and VAPID_SUBJECT');
  if (!subject) throw new ConfigError('VAPID_SUBJECT must be set (mailto: or https: URL) together with the VAPID keys');
  const b64len = (k: string) => (/^[A-Za-z0-9_-]+$/.test(k) ? Buffer.from(k, 'base64url').length : -1);
  if (b64len(publicKey) !== 65) throw new ConfigError('VAPID_PUBLIC_KEY must be a base64url P-256 public key (65 bytes)');
  if (b64len(privateKey) !== 32) throw new ConfigError('VAPID_PRIVATE_KEY must be a base64url P-256 private key (32 bytes)');
  if (!/^(mailto:.+@.+|https:\/\/.+)$/.test(subject)) throw new ConfigError('VAPID_SUBJECT must be a mailto: or https: URL');
  return Object.freeze({ publicKey, privateKey, subject });
}

/** One MQTT topic level: no wildcards, separators or $ prefix. */
function topicLevel(env: Env, name: string, def: string): string {
  const raw = env[name];
  if (raw === undefined || raw === '') return def;
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(raw)) throw new ConfigError(`${name} must be 1-64 letters, digits, '_', '.' or '-', got "${raw}"`);
  return raw;
}

/** DATABASE_OWNER_URL goes with DATABASE_URL: the app connects as an application role, migrations run as the owner. */
function ownerUrl(env: Env): string | undefined {
  const owner = url(env, 'DATABASE_OWNER_URL', ['postgres:', 'postgresql:']);
  if (env.DATABASE_URL && !owner) {
    throw new ConfigError(
      'DATABASE_OWNER_URL must be set with DATABASE_URL: DATABASE_URL is the application role (no superuser, DML only) and ' +
        'DATABASE_OWNER_URL the role that owns the schema, runs the migrations and grants the application role its rights. ' +
        'See docs/OPERATIONS.md, "External PostgreSQL", for the roles to create.',
    );
  }
  if (owner && !env.DATABASE_URL)
    throw new ConfigError('DATABASE_OWNER_URL is used only with DATABASE_URL; unset it to use the embedded PostgreSQL');
  return owner;
}

/** Parses and validates the environment. Throws ConfigError naming the first bad variable. */
export function loadConfig(env: Env = process.env): Config {
  const port = int(env, 'PORT', 3000, 0, 65535);
  const host = env.HOST || '127.0.0.1';
  const embeddedPgPort = int(env, 'EMBEDDED_PG_PORT', 54329, 1024, 65535);
  if (embeddedPgPort === 5432) throw new ConfigError('EMBEDDED_PG_PORT must not be 5432, which an installed PostgreSQL may hold');
  const logLevel = env.LOG_LEVEL || 'info';
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent`);
  }
  const publicUrl = url(env, 'PUBLIC_URL', ['http:', 'https:']) ?? `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`;
  return Object.freeze({
    port,
    host,
    databaseUrl: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    databaseOwnerUrl: ownerUrl(env),
    allowNonDurableDatabase: bool(env, 'ALLOW_NON_DURABLE_DATABASE', false),
    dataDir: path.resolve(env.DATA_DIR || './data'),
    embeddedPgPort,
    publicUrl,
    logLevel,
    cookieSecure: bool(env, 'COOKIE_SECURE', publicUrl.startsWith('https:')),
    sessionIdleMinutes: int(env, 'SESSION_IDLE_MINUTES', 30, 1, 24 * 60),
    sessionAbsoluteHours: int(env, 'SESSION_ABSOLUTE_HOURS', 12, 1, 24 * 30),
    sessionCacheMs: int(env, 'SESSION_CACHE_MS', 2000, 0, 60_000),
    loginMaxFailures: int(env, 'LOGIN_MAX_FAILURES', 5, 1, 100),
    loginLockMinutes: int(env, 'LOGIN_LOCK_MINUTES', 15, 1, 24 * 60),
    loginClientMaxFailures: int(env, 'LOGIN_CLIENT_MAX_FAILURES', 50, 1, 10_000),
    smtpUrl: url(env, 'SMTP_URL', ['smtp:', 'smtps:']),
    mailFrom: env.MAIL_FROM || 'Tsunagari <no-reply@tsunagari.invalid>',
    sweepIntervalMs: int(env, 'SWEEP_INTERVAL_MS', 15_000, 100, 3_600_000),
    dispatchIntervalMs: int(env, 'DISPATCH_INTERVAL_MS', 5_000, 100, 3_600_000),
    trustProxy: bool(env, 'TRUST_PROXY', false),
    seedDemo: bool(env, 'SEED_DEMO', true),
    dbPoolSize: int(env, 'DB_POOL_SIZE', 20, 1, 500),
    dbConnectTimeoutMs: int(env, 'DB_CONNECT_TIMEOUT_MS', 5000, 100, 600_000),
    dbStatementTimeoutMs: int(env, 'DB_STATEMENT_TIMEOUT_MS', 15_000, 100, 3_600_000),
    dbIdleInTransactionTimeoutMs: int(env, 'DB_IDLE_IN_TRANSACTION_TIMEOUT_MS', 30_000, 100, 3_600_000),
    requestTimeoutMs: int(env, 'REQUEST_TIMEOUT_MS', 30_000, 100, 3_600_000),
    sseMaxStreamsPerAccount: int(env, 'SSE_MAX_STREAMS_PER_ACCOUNT', 5, 1, 1000),
    tileUrl: env.TILE_URL || 'https://cyberjapandata.gsi.go.jp/xyz/std/{z}/{x}/{y}.png',
    tileAttribution: env.TILE_ATTRIBUTION || '<a href="https://maps.gsi.go.jp/development/ichiran.html">地理院タイル</a>',
    publicReportsPerHour: int(env, 'PUBLIC_REPORTS_PER_HOUR', 10, 1, 10_000),
    photoMaxBytes: int(env, 'PHOTO_MAX_BYTES', 10 * 1024 * 1024, 100_000, 50 * 1024 * 1024),
    mqttUrl: url(env, 'MQTT_URL', ['mqtt:', 'mqtts:', 'ws:', 'wss:', 'tcp:', 'tls:']),
    mqttSharedGroup: topicLevel(env, 'MQTT_SHARED_GROUP', 'tsunagari'),
    mqttTopicRoot: topicLevel(env, 'MQTT_TOPIC_ROOT', 'tsunagari'),
    mqttClientId: env.MQTT_CLIENT_ID ? topicLevel(env, 'MQTT_CLIENT_ID', '') : undefined,
    mqttConnections: int(env, 'MQTT_CONNECTIONS', 32, 1, 256),
    telemetryDeviceReadingsPerMinute: int(env, 'TELEMETRY_DEVICE_READINGS_PER_MINUTE', 600, 1, 10_000_000),
    telemetryPressesPerMinute: int(env, 'TELEMETRY_PRESSES_PER_MINUTE', 10, 1, 10_000),
    telemetryCredentialReadingsPerMinute: int(env, 'TELEMETRY_CREDENTIAL_READINGS_PER_MINUTE', 60_000, 1, 1_000_000_000),
    telemetryRateSyncMs: int(env, 'TELEMETRY_RATE_SYNC_MS', 1000, 50, 60_000),
    telemetryLockTimeoutMs: int(env, 'TELEMETRY_LOCK_TIMEOUT_MS', 2000, 10, 600_000),
    vapid: vapid(env),
    lineChannelAccessToken: env.LINE_CHANNEL_ACCESS_TOKEN || undefined,
  });
}

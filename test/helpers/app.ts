/**
 * An app on a fresh database, driven through app.inject, with helpers to act as any role.
 */
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Role } from '../../server/access/roles.js';
import { buildApp } from '../../server/app.js';
import { ManualClock } from '../../server/clock.js';
import { type Config, loadConfig } from '../../server/config.js';
import type { AppContext } from '../../server/context.js';
import { PgEventBus } from '../../server/events/event-bus.js';
import { createTestDb, type TestDb } from './db.js';
import { createTenant, TEST_PASSWORD, type TestTenant } from './factories.js';

export interface Actor {
  role: Role | 'anonymous';
  cookie: string;
  csrf: string;
  inject(opts: InjectOptions): Promise<LightMyRequestResponse>;
  get(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
}

export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  testDb: TestDb;
  clock: ManualClock;
  tenant: TestTenant;
  as(role: Role, tenant?: TestTenant): Promise<Actor>;
  anonymous(): Actor;
  close(): Promise<void>;
}

export const T0 = new Date('2026-11-02T00:00:00Z');

/**
 * Config for tests of email that reaches someone (watchers, check-ins): with SMTP set, email counts
 * as deliverable. No worker runs in these apps, so nothing is sent; the tests read the outbox rows.
 * (server/modules/notifications/outbox.test.ts sends through a real SMTP server.)
 */
export const SMTP_CONFIGURED = { SMTP_URL: 'smtp://mail.example.test:587' };

export function testConfig(overrides: Record<string, string> = {}): Config {
  // Long sessions: tests move the clock by days; expiry tests set their own values.
  return loadConfig({ LOG_LEVEL: 'silent', SEED_DEMO: 'false', SESSION_IDLE_MINUTES: '1440', SESSION_ABSOLUTE_HOURS: '720', ...overrides });
}

function actor(app: FastifyInstance, role: Actor['role'], cookie: string, csrf: string): Actor {
  const inject = (opts: InjectOptions) =>
    app.inject({ ...opts, headers: { ...(cookie ? { cookie } : {}), ...(csrf ? { 'x-csrf-token': csrf } : {}), ...(opts.headers ?? {}) } });
  return {
    role,
    cookie,
    csrf,
    inject,
    get: (url, headers) => inject({ method: 'GET', url, headers }),
    post: (url, body, headers) => inject({ method: 'POST', url, payload: body as InjectOptions['payload'], headers }),
    patch: (url, body, headers) => inject({ method: 'PATCH', url, payload: body as InjectOptions['payload'], headers }),
  };
}

/** Logs in through the real endpoint and returns an actor carrying the cookie and CSRF token. */
export async function loginAs(app: FastifyInstance, email: string, password = TEST_PASSWORD): Promise<Actor & { body: any }> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`login ${email} failed: ${res.statusCode} ${res.body}`);
  const setCookie = res.cookies.find((c) => c.name === 'tsunagari_session');
  const body = res.json();
  return { ...actor(app, body.role, `tsunagari_session=${setCookie!.value}`, body.csrf_token), body };
}

export async function createTestApp(opts: { now?: Date; config?: Record<string, string>; serveWeb?: boolean } = {}): Promise<TestApp> {
  const testDb = await createTestDb();
  const clock = new ManualClock(opts.now ?? T0);
  const events = new PgEventBus(testDb.url);
  await events.start();
  const ctx: AppContext = { db: testDb.db, clock, config: testConfig(opts.config), events };
  const app = await buildApp(ctx, { serveWeb: opts.serveWeb ?? false });
  await app.ready();
  const tenant = await createTenant(testDb.db, 'alpha', clock.now());
  const cache = new Map<string, Actor>();
  return {
    app,
    ctx,
    testDb,
    clock,
    tenant,
    async as(role, t = tenant) {
      const key = `${t.slug}:${role}`;
      let a = cache.get(key);
      if (!a) {
        a = await loginAs(app, t.accounts[role].email);
        cache.set(key, a);
      }
      return a;
    },
    anonymous: () => actor(app, 'anonymous', '', ''),
    async close() {
      await app.close();
      await events.close();
      await testDb.drop();
    },
  };
}

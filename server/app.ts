/**
 * buildApp: registers plugins and modules on a Fastify instance. It never listens (main.ts
 * does), so tests drive it through app.inject.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { Ajv } from 'ajv';
import addFormatsPlugin, { type FormatsPlugin } from 'ajv-formats';
import Fastify, { type FastifyInstance } from 'fastify';
import { accessPlugin } from './access/access.plugin.js';
import type { AppContext } from './context.js';
import { notFoundBody, registerErrorHandler } from './errors.js';
import { healthRoutes } from './health.js';
import { registerInputGuard } from './input-guard.js';
import { accountsRoutes } from './modules/accounts/accounts.routes.js';
import { alertsModule } from './modules/alerts/alerts.routes.js';
import { casesRoutes } from './modules/cases/cases.routes.js';
import { checkinsPlugin } from './modules/checkins/checkins.routes.js';
import { concernsRoutes } from './modules/concerns/concerns.routes.js';
import { photosRoutes } from './modules/concerns/photos.routes.js';
import { triageRoutes } from './modules/concerns/triage.routes.js';
import { watchDevicesRoutes } from './modules/devices/devices.routes.js';
import { kpisRoutes } from './modules/kpis/kpis.routes.js';
import { notificationsRoutes } from './modules/notifications/notifications.routes.js';
import { OPEN311_PREFIX, open311Routes, residentUpdatesRoutes } from './modules/open311/open311.routes.js';
import { devicesRoutes } from './modules/partners/devices.routes.js';
import { partnersRoutes } from './modules/partners/partners.routes.js';
import { peopleRoutes } from './modules/people/people.routes.js';
import { publicRoutes } from './modules/public/public.routes.js';
import { referralsRoutes } from './modules/referrals/referrals.routes.js';
import { tenantsRoutes } from './modules/tenants/tenants.routes.js';
import { registerRequestDeadline } from './request-deadline.js';

const addFormats = ((addFormatsPlugin as unknown as { default?: FormatsPlugin }).default ?? addFormatsPlugin) as FormatsPlugin;

function makeAjv(coerceTypes: 'array' | false): Ajv {
  const ajv = new Ajv({ coerceTypes, useDefaults: true, removeAdditional: false, allErrors: false, strict: false });
  addFormats(ajv);
  return ajv;
}

/** The origin of the tile server, for the Content-Security-Policy. */
function tileOrigin(tileUrl: string): string {
  try {
    return new URL(tileUrl.replace(/[{}]/g, '')).origin;
  } catch {
    return "'self'";
  }
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface BuildOptions {
  logger?: boolean | object;
  /** Serve the built console from web/dist when present. */
  serveWeb?: boolean;
}

export async function buildApp(ctx: AppContext, opts: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    trustProxy: ctx.config.trustProxy,
    bodyLimit: 256 * 1024,
  });
  // Query strings and path params arrive as text and need coercion ("50" -> 50); JSON bodies do
  // not, and must not be coerced (ajv would turn `null` into 0 for a nullable number).
  // Unknown properties are rejected, never silently removed.
  const coercing = makeAjv('array');
  const strict = makeAjv(false);
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? strict : coercing).compile(schema));

  registerErrorHandler(app);
  registerInputGuard(app); // NUL and lone surrogates: 400 invalid_input before any handler
  registerRequestDeadline(app, ctx.config.requestTimeoutMs); // 503 request_timeout instead of a hang
  app.decorate('sseStreams', new Set<import('node:http').ServerResponse>());
  app.addHook('preClose', async () => {
    for (const res of app.sseStreams) res.end();
  });
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:', tileOrigin(ctx.config.tileUrl)],
        workerSrc: ["'self'"],
        manifestSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
      },
    },
  });
  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Tsunagari API', version: '1', description: 'Watch hub API: concerns, triage, cases, first contact, KPIs.' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'tsunagari_session' },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
        },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  await app.register(accessPlugin, { ctx });

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  await app.register(healthRoutes, { ctx }); // /readyz: database (and MQTT) answer
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(
    async (api) => {
      await api.register(accountsRoutes, { ctx });
      await api.register(tenantsRoutes, { ctx });
      await api.register(concernsRoutes, { ctx });
      await api.register(triageRoutes, { ctx });
      await api.register(casesRoutes, { ctx });
      await api.register(peopleRoutes, { ctx });
      await api.register(referralsRoutes, { ctx });
      await api.register(kpisRoutes, { ctx });
      await api.register(notificationsRoutes, { ctx });
      await api.register(partnersRoutes, { ctx });
      await api.register(devicesRoutes, { ctx });
      await api.register(watchDevicesRoutes, { ctx });
      await api.register(publicRoutes, { ctx });
      await api.register(photosRoutes, { ctx });
      await api.register(residentUpdatesRoutes, { ctx });
    },
    { prefix: '/api/v1' },
  );
  await app.register(open311Routes, { ctx, prefix: OPEN311_PREFIX });
  await app.register(checkinsPlugin, { ctx });
  await app.register(alertsModule, { ctx }); // /api/v1 alerts, watchers, confirm links; the /confirm/{token} page

  const webDist = path.join(root, 'web', 'dist');
  const hasWeb = opts.serveWeb !== false && fs.existsSync(path.join(webDist, 'index.html'));
  if (hasWeb) {
    // Assets were compressed at build (scripts/compress-dist.ts); hashed files never change.
    await app.register(fastifyStatic, {
      root: webDist,
      prefix: '/',
      wildcard: false,
      index: ['index.html'],
      preCompressed: true,
      setHeaders: (res, file) => {
        if (file.includes(`${path.sep}assets${path.sep}`)) res.header('cache-control', 'public, max-age=31536000, immutable');
      },
    });
  }
  const hasField = hasWeb && fs.existsSync(path.join(webDist, 'field.html'));
  app.setNotFoundHandler((request, reply) => {
    // Two single-page apps: the field app and public report pages (/field, /t/{slug}/…) from
    // field.html, the hub console from index.html. Unknown non-API GETs get the right shell.
    if (hasWeb && request.method === 'GET' && !request.url.startsWith('/api/') && !request.url.startsWith('/open311/')) {
      const field = hasField && (request.url === '/field' || request.url.startsWith('/field/') || request.url.startsWith('/t/'));
      return reply
        .type('text/html')
        .header('cache-control', 'no-cache')
        .sendFile(field ? 'field.html' : 'index.html');
    }
    return reply.status(404).send(notFoundBody(request.headers['accept-language']));
  });
  return app;
}

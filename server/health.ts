/**
 * Liveness and readiness for load balancers and orchestrators (docs/OPERATIONS.md "Health,
 * readiness and timeouts"). /healthz (app.ts) says the process answers; /readyz says this copy
 * can serve: its database answers `SELECT 1` within a short time and, when MQTT_URL is set, its
 * MQTT consumer is connected. Neither is audited, carries personal data or appears in OpenAPI.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from './context.js';
import { pingDatabase } from './db/database.js';
import { mqttConnected } from './modules/devices/devices.service.js';

/** Well under a probe's usual timeout (Kubernetes: 1 s by default, so give the probe 3 s or more). */
const DATABASE_CHECK_MS = 2000;

export async function healthRoutes(app: FastifyInstance, opts: { ctx: AppContext }): Promise<void> {
  const { ctx } = opts;
  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    const database = (await pingDatabase(ctx.db, DATABASE_CHECK_MS)) ? 'ok' : 'unavailable';
    const mqtt = !ctx.config.mqttUrl ? 'not_configured' : mqttConnected() ? 'ok' : 'not_connected';
    const ready = database === 'ok' && mqtt !== 'not_connected';
    return reply
      .status(ready ? 200 : 503)
      .header('cache-control', 'no-store')
      .send({ status: ready ? 'ready' : 'not_ready', checks: { database, mqtt } });
  });
}

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { type IngestAuth, resolveIngestToken } from '../../access/authenticators/ingest-token.js';
import { requireAccess } from '../../access/require-access.js';
import type { AppContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { pickLocale } from '../../i18n.js';
import {
  MqttAclBody,
  MqttAuthBody,
  MqttDecision,
  QuarantineList,
  QuarantineQuery,
  TelemetryBody,
  TelemetryResult,
} from './devices.schemas.js';
import { mqttAuthenticate, mqttAuthorize } from './mqtt-auth.js';
import { mqttStats } from './mqtt-consumer.js';
import { listQuarantine } from './quarantine.service.js';
import { ingestReadings } from './telemetry.ingest.js';
import { cannotWriteNow, unavailableError } from './telemetry-failures.js';
import { tenantCounters } from './telemetry-stats.js';

const authOf = new WeakMap<FastifyRequest, IngestAuth>();

/** Readings from devices and gateways (own bearer tokens, not sessions), broker auth hooks, counters. */
export const telemetryRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['telemetry'];
  app.post(
    '/telemetry',
    {
      // Authenticated here with a device token or an ingestion credential (after body validation,
      // like every write route: a malformed body is a 400 whoever sends it). Readings are checked
      // one by one here, text included (one bad reading is rejected, the rest kept), so the
      // app-wide input guard leaves the body alone.
      config: { permission: 'public', perItemValidation: true },
      bodyLimit: 4 * 1024 * 1024,
      preHandler: async (req) => {
        const h = req.headers.authorization;
        const auth = h?.startsWith('Bearer ') ? await resolveIngestToken(ctx, h.slice(7).trim()) : null;
        if (!auth) throw new AppError(401, 'device_token_invalid');
        authOf.set(req, auth);
      },
      schema: {
        tags,
        summary:
          'Post up to 5,000 readings (Authorization: Bearer <device token or ingestion credential>); errors per reading, the rest kept; 429 with Retry-After when the sender is over its rate limit',
        body: TelemetryBody,
        response: { 200: TelemetryResult },
      },
    },
    async (req) => {
      const auth = authOf.get(req)!;
      tenantCounters(auth.tenantId).http_batches++;
      const r = await ingestReadings(ctx, [{ auth, readings: req.body.readings }], pickLocale(req.headers['accept-language'])).catch(
        (err) => {
          // Nothing is wrong with the readings: 503 with Retry-After, the sender sends them again.
          throw cannotWriteNow(err) ? unavailableError(err) : err;
        },
      );
      if (r.limited) {
        // The sender's own budget (its device, or its credential) is spent and nothing was taken.
        throw new AppError(429, 'rate_limited', undefined, { retryAfterS: r.limited.retryAfterS });
      }
      return { accepted: r.accepted, duplicates: r.duplicates, rejected: r.rejected };
    },
  );

  app.get(
    '/telemetry/quarantine',
    {
      config: { permission: 'device:read' },
      schema: {
        tags,
        summary: 'Readings set aside because they could not be processed (newest first; device ids only, no personal data)',
        querystring: QuarantineQuery,
        response: { 200: QuarantineList },
      },
    },
    async (req) => listQuarantine(ctx, req.principal, req.query),
  );

  app.get(
    '/telemetry/stats',
    {
      config: { permission: 'device:read' },
      schema: {
        tags,
        summary: "Ingestion counters of this app copy (this tenant's readings; MQTT consumer health)",
        response: {
          200: Type.Object({
            tenant: Type.Record(Type.String(), Type.Number()),
            mqtt: Type.Record(Type.String(), Type.Union([Type.Number(), Type.Boolean()])),
          }),
        },
      },
    },
    async (req) => {
      const p = requireAccess(req.principal, 'device:read');
      return { tenant: { ...tenantCounters(p.tenantId) }, mqtt: { enabled: !!ctx.config.mqttUrl, ...mqttStats() } };
    },
  );

  // Called by the broker (EMQX / mosquitto-go-auth HTTP backend), not by people: 200 allow, 403 deny.
  app.post(
    '/mqtt/auth',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: 'Broker authentication hook: username = device_key, password = device token',
        body: MqttAuthBody,
        response: { 200: MqttDecision, 403: MqttDecision },
      },
    },
    async (req, reply) => {
      const ok = await mqttAuthenticate(ctx, req.body.username, req.body.password);
      return reply.status(ok ? 200 : 403).send({ result: ok ? 'allow' : 'deny', ok });
    },
  );

  app.post(
    '/mqtt/acl',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: 'Broker authorization hook: a device may publish only to its own telemetry topic',
        body: MqttAclBody,
        response: { 200: MqttDecision, 403: MqttDecision },
      },
    },
    async (req, reply) => {
      const ok = await mqttAuthorize(ctx, req.body.username, req.body.topic, req.body.action, req.body.acc, ctx.config.mqttTopicRoot);
      return reply.status(ok ? 200 : 403).send({ result: ok ? 'allow' : 'deny', ok });
    },
  );
};

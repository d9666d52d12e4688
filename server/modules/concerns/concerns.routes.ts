import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { streamEvents } from '../../events/sse.js';
import { pickLocale } from '../../i18n.js';
import { IdParams } from '../../schema-helpers.js';
import { ConcernAck, ConcernCreateBody, ConcernDetail, MyConcern, ThanksBody } from './concerns.schemas.js';
import { createConcern, getConcern, listMyConcerns, thankReporter } from './concerns.service.js';

export const concernsRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['concerns'];
  app.post(
    '/concerns',
    {
      config: { permission: 'concern:create' },
      schema: {
        tags,
        summary: 'File a concern (気づき). Retry-safe with Idempotency-Key.',
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String()) }),
        body: ConcernCreateBody,
        response: { 201: ConcernAck },
      },
    },
    async (req, reply) => {
      const { ack, replayed } = await createConcern(ctx, req.principal, req.body, req.headers['idempotency-key']);
      if (replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(201).send(ack);
    },
  );

  app.get(
    '/concerns/mine',
    {
      config: { permission: 'concern:read_own' },
      schema: {
        tags,
        summary: "The caller's own reports with a coarse status",
        querystring: Type.Object(
          { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(MyConcern) }) },
      },
    },
    async (req) => ({ items: await listMyConcerns(ctx, req.principal, req.query.limit ?? 50) }),
  );

  app.get(
    '/concerns/mine/events',
    {
      config: { permission: 'concern:read_own' },
      schema: {
        tags,
        summary: "Server-Sent Events when the coarse status of the caller's own reports changes (`concern.status`, ids only)",
      },
    },
    async (req, reply) => streamEvents(ctx, req, reply, (e) => e.type === 'concern.status'),
  );

  app.post(
    '/concerns/:id/thanks',
    {
      config: { permission: 'triage:write' },
      schema: {
        tags,
        summary: "Thank the reporter; shown in their 'my reports'",
        params: IdParams,
        body: ThanksBody,
        response: {
          200: Type.Object({ id: Type.String(), thanks_message: Type.String(), thanked_at: Type.String({ format: 'date-time' }) }),
        },
      },
    },
    async (req) => thankReporter(ctx, req.principal, req.meta, req.params.id, req.body.message),
  );

  app.get(
    '/concerns/:id',
    {
      config: { permission: 'concern:read' },
      schema: { tags, summary: 'A concern with possible duplicates (audited)', params: IdParams, response: { 200: ConcernDetail } },
    },
    async (req) => getConcern(ctx, req.principal, req.meta, req.params.id, pickLocale(req.headers['accept-language'])),
  );
};

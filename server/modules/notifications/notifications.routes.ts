import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { streamEvents } from '../../events/sse.js';
import { IdParams } from '../../schema-helpers.js';
import { listNotifications, markRead } from './notifications.service.js';

const NotificationSchema = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  case_id: Type.Union([Type.String(), Type.Null()]),
  created_at: Type.String({ format: 'date-time' }),
  read_at: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  data: Type.Record(Type.String(), Type.Unknown()),
});

export const notificationsRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['notifications'];
  app.get(
    '/notifications',
    {
      config: { permission: 'notification:read' },
      schema: {
        tags,
        summary: 'In-app alerts for the caller (e.g. first-contact deadline passed)',
        querystring: Type.Object({ unread: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(NotificationSchema), unread: Type.Integer() }) },
      },
    },
    async (req) => listNotifications(ctx, req.principal, req.query.unread ?? false),
  );

  app.post(
    '/notifications/:id/read',
    {
      config: { permission: 'notification:read' },
      schema: { tags, summary: 'Mark an alert read', params: IdParams, response: { 200: NotificationSchema } },
    },
    async (req) => markRead(ctx, req.principal, req.params.id),
  );

  app.get(
    '/events',
    {
      // Events carry kinds and ids only, so everyone who gets in-app alerts may listen.
      config: { permission: 'notification:read' },
      schema: { tags: ['triage'], summary: 'Server-Sent Events for the hub console (kinds and ids only)' },
    },
    async (req, reply) => streamEvents(ctx, req, reply),
  );
};

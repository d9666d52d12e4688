import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { streamEvents } from '../../events/sse.js';
import { IdParams, Nullable, StringEnum } from '../../schema-helpers.js';
import { CHANNELS, listChannels } from './channels.service.js';
import { listNotifications, markRead, NOTIFICATION_KINDS } from './notifications.service.js';

const NotificationSchema = Type.Object({
  id: Type.String(),
  kind: StringEnum(NOTIFICATION_KINDS),
  case_id: Type.Union([Type.String(), Type.Null()]),
  /** The object it is about, for its link. */
  target: Nullable(Type.Object({ type: StringEnum(['alert', 'case'] as const), id: Type.String() })),
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
    '/settings/channels',
    {
      config: { permission: 'channel:read' },
      schema: {
        tags: ['settings'],
        summary: 'Which delivery channels are configured (email, LINE, SMS, web push, MQTT); never their values',
        response: {
          200: Type.Object({
            items: Type.Array(Type.Object({ channel: StringEnum(CHANNELS), configured: Type.Boolean(), setting: Nullable(Type.String()) })),
          }),
        },
      },
    },
    async (req) => listChannels(ctx.config, req.principal),
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

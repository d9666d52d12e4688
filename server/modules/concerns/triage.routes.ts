import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { pickLocale } from '../../i18n.js';
import { IdParams } from '../../schema-helpers.js';
import { DismissBody, TriageItem } from './concerns.schemas.js';
import { dismissConcern, getTriageQueue } from './triage.service.js';

export const triageRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['triage'];
  app.get(
    '/triage',
    {
      config: { permission: 'triage:read' },
      schema: {
        tags,
        summary: 'Untriaged concerns, most urgent-looking and oldest first',
        querystring: Type.Object(
          { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(TriageItem) }) },
      },
    },
    async (req) => ({ items: await getTriageQueue(ctx, req.principal, req.query.limit ?? 50, pickLocale(req.headers['accept-language'])) }),
  );

  app.post(
    '/concerns/:id/dismiss',
    {
      config: { permission: 'triage:write' },
      schema: {
        tags,
        summary: 'Close a concern without a case',
        params: IdParams,
        body: DismissBody,
        response: { 200: Type.Object({ id: Type.String(), status: Type.Literal('dismissed') }) },
      },
    },
    async (req) => dismissConcern(ctx, req.principal, req.meta, req.params.id, req.body.reason),
  );
};

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { pickLocale } from '../../i18n.js';
import { CaseSchema } from '../cases/cases.schemas.js';
import { DismissBody, TriageBody, TriageItem } from './concerns.schemas.js';
import { dismissConcern, getTriageQueue, triageConcern } from './triage.service.js';
import { streamEvents } from '../../events/sse.js';
import { IdParams } from '../../schema-helpers.js';

export const triageRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['triage'];
  app.get('/triage', {
    config: { permission: 'triage:read' },
    schema: {
      tags, summary: 'Untriaged concerns, most urgent-looking and oldest first',
      querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })) }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(TriageItem) }) },
    },
  }, async (req) => ({ items: await getTriageQueue(ctx, req.principal, req.query.limit ?? 50, pickLocale(req.headers['accept-language'])) }));

  app.get('/events', {
    // Events carry kinds and ids only, so everyone who gets in-app alerts may listen.
    config: { permission: 'notification:read' },
    schema: { tags, summary: 'Server-Sent Events for the hub console (kinds and ids only)' },
  }, async (req, reply) => streamEvents(ctx, req, reply));

  app.post('/concerns/:id/triage', {
    config: { permission: 'triage:write' },
    schema: { tags, summary: 'Set urgency and attach to a case (new or existing)', params: IdParams, body: TriageBody, response: { 200: CaseSchema } },
  }, async (req) => triageConcern(ctx, req.principal, req.meta, req.params.id, req.body));

  app.post('/concerns/:id/dismiss', {
    config: { permission: 'triage:write' },
    schema: { tags, summary: 'Close a concern without a case', params: IdParams, body: DismissBody, response: { 200: Type.Object({ id: Type.String(), status: Type.Literal('dismissed') }) } },
  }, async (req) => dismissConcern(ctx, req.principal, req.meta, req.params.id, req.body.reason));
};

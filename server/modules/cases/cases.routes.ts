import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { IdParams } from '../../schema-helpers.js';
import { caseExportRoutes } from './case-export.routes.js';
import { CaseDetail, CaseListQuery, CasePatch, CaseSchema, ContactBody, ContactSchema, NoteBody, NoteSchema } from './cases.schemas.js';
import { addContact, addNote, getCase, listCases, updateCase } from './cases.service.js';
import { TriageBody } from './triage.schemas.js';
import { triageConcern } from './triage.service.js';

export const casesRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['cases'];
  await app.register(caseExportRoutes, { ctx });
  app.get(
    '/cases',
    {
      config: { permission: 'case:read' },
      schema: {
        tags,
        summary: 'Cases; open ones by default, overdue first',
        querystring: CaseListQuery,
        response: { 200: Type.Object({ items: Type.Array(CaseSchema), total: Type.Integer() }) },
      },
    },
    async (req) => listCases(ctx, req.principal, req.meta, req.query),
  );

  app.get(
    '/cases/:id',
    {
      config: { permission: 'case:read' },
      schema: { tags, summary: 'A case with its timeline (audited)', params: IdParams, response: { 200: CaseDetail } },
    },
    async (req) => getCase(ctx, req.principal, req.meta, req.params.id),
  );

  app.patch(
    '/cases/:id',
    {
      config: { permission: 'case:write' },
      schema: {
        tags,
        summary: 'Assign, change status, close with an outcome',
        params: IdParams,
        body: CasePatch,
        response: { 200: CaseSchema },
      },
    },
    async (req) => updateCase(ctx, req.principal, req.meta, req.params.id, req.body),
  );

  app.post(
    '/cases/:id/contacts',
    {
      config: { permission: 'contact:write' },
      schema: {
        tags,
        summary: 'Record a contact (visit, phone, other); the first that reached the person is the first contact',
        params: IdParams,
        body: ContactBody,
        response: { 201: ContactSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await addContact(ctx, req.principal, req.meta, req.params.id, req.body)),
  );

  app.post(
    '/cases/:id/notes',
    {
      config: { permission: 'case:write' },
      schema: { tags, summary: 'Add a note', params: IdParams, body: NoteBody, response: { 201: NoteSchema } },
    },
    async (req, reply) => reply.status(201).send(await addNote(ctx, req.principal, req.meta, req.params.id, req.body.body)),
  );

  app.post(
    '/concerns/:id/triage',
    {
      config: { permission: 'triage:write' },
      schema: {
        tags: ['triage'],
        summary: 'Set urgency and attach to a case (new or existing)',
        params: IdParams,
        body: TriageBody,
        response: { 200: CaseSchema },
      },
    },
    async (req) => triageConcern(ctx, req.principal, req.meta, req.params.id, req.body),
  );
};

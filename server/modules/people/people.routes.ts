import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { IdParams } from '../../schema-helpers.js';
import {
  Consent,
  ConsentBody,
  HouseholdCreate,
  HouseholdSchema,
  PersonCreate,
  PersonDetail,
  PersonPatch,
  PersonSummary,
  SearchQuery,
  WithdrawBody,
} from './people.schemas.js';
import {
  addConsent,
  createHousehold,
  createPerson,
  getHousehold,
  getPerson,
  search,
  updatePerson,
  withdrawConsent,
} from './people.service.js';

export const peopleRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['people'];
  app.get(
    '/people',
    {
      config: { permission: 'person:read' },
      schema: {
        tags,
        summary: 'Search people by name, kana or address (audited)',
        querystring: SearchQuery,
        response: { 200: Type.Object({ items: Type.Array(PersonSummary) }) },
      },
    },
    async (req) => ({ items: await search(ctx, req.principal, req.meta, req.query.q, req.query.limit ?? 20) }),
  );

  app.get(
    '/people/:id',
    {
      config: { permission: 'person:read' },
      schema: { tags, summary: 'A person with household and consents (audited)', params: IdParams, response: { 200: PersonDetail } },
    },
    async (req) => getPerson(ctx, req.principal, req.meta, req.params.id),
  );

  app.post(
    '/people',
    {
      config: { permission: 'person:write' },
      schema: { tags, summary: 'Register a person', body: PersonCreate, response: { 201: PersonDetail } },
    },
    async (req, reply) => reply.status(201).send(await createPerson(ctx, req.principal, req.meta, req.body)),
  );

  app.patch(
    '/people/:id',
    {
      config: { permission: 'person:write' },
      schema: { tags, summary: 'Update a person', params: IdParams, body: PersonPatch, response: { 200: PersonDetail } },
    },
    async (req) => updatePerson(ctx, req.principal, req.meta, req.params.id, req.body),
  );

  app.post(
    '/people/:id/consents',
    {
      config: { permission: 'person:write' },
      schema: {
        tags,
        summary: 'Record consent to share with named agencies and/or kinds of agency: scope, date, how obtained, expiry',
        params: IdParams,
        body: ConsentBody,
        response: { 201: Consent },
      },
    },
    async (req, reply) => reply.status(201).send(await addConsent(ctx, req.principal, req.meta, req.params.id, req.body)),
  );

  app.post(
    '/consents/:id/withdraw',
    {
      config: { permission: 'person:write' },
      schema: {
        tags,
        summary: 'Withdraw a consent (date and reason); it no longer counts for referrals',
        params: IdParams,
        body: Type.Union([WithdrawBody, Type.Null()]),
        response: { 200: Consent },
      },
    },
    async (req) => withdrawConsent(ctx, req.principal, req.meta, req.params.id, req.body ?? {}),
  );

  app.post(
    '/households',
    {
      config: { permission: 'person:write' },
      schema: { tags, summary: 'Register a household (世帯)', body: HouseholdCreate, response: { 201: HouseholdSchema } },
    },
    async (req, reply) => reply.status(201).send(await createHousehold(ctx, req.principal, req.meta, req.body)),
  );

  app.get(
    '/households/:id',
    {
      config: { permission: 'person:read' },
      schema: { tags, summary: 'A household and its members (audited)', params: IdParams, response: { 200: HouseholdSchema } },
    },
    async (req) => getHousehold(ctx, req.principal, req.meta, req.params.id),
  );
};

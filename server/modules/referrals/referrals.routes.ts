import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { IdParams } from '../../schema-helpers.js';
import { AgencySchema, ReferralBody, ReferralCheckQuery, ReferralCheckSchema, ReferralPatch, ReferralSchema } from './referrals.schemas.js';
import { checkReferral, createReferral, listAgencies, updateReferral } from './referrals.service.js';

export const referralsRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['referrals'];
  app.post(
    '/cases/:id/referrals',
    {
      config: { permission: 'referral:write' },
      schema: {
        tags,
        summary: 'Refer the case to an agency, with a legal basis for sharing',
        params: IdParams,
        body: ReferralBody,
        response: { 201: ReferralSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await createReferral(ctx, req.principal, req.meta, req.params.id, req.body)),
  );

  app.get(
    '/cases/:id/referral-check',
    {
      config: { permission: 'referral:write' },
      schema: {
        tags,
        summary: "Whether a referral to the agency may rest on the person's consent, and why not (audited)",
        params: IdParams,
        querystring: ReferralCheckQuery,
        response: { 200: ReferralCheckSchema },
      },
    },
    async (req) => checkReferral(ctx, req.principal, req.meta, req.params.id, req.query.agency_id),
  );

  app.patch(
    '/referrals/:id',
    {
      config: { permission: 'referral:write' },
      schema: {
        tags,
        summary: 'Record the agency response: accepted, declined, completed',
        params: IdParams,
        body: ReferralPatch,
        response: { 200: ReferralSchema },
      },
    },
    async (req) => updateReferral(ctx, req.principal, req.meta, req.params.id, req.body),
  );

  app.get(
    '/agencies',
    {
      config: { permission: 'directory:read' },
      schema: { tags, summary: 'Agencies (関係機関) of the tenant', response: { 200: Type.Object({ items: Type.Array(AgencySchema) }) } },
    },
    async (req) => ({ items: await listAgencies(ctx, req.principal) }),
  );
};

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../context.js';
import { IdParams } from '../../schema-helpers.js';
import { deviceMe, enroll, inviteSupporter, listDevices, revokeDevice } from './enrollment.service.js';
import { Device, DeviceList, DeviceMe, DevicesQuery, EnrollBody, Enrolled, Invitation, InvitationCreate } from './partners.schemas.js';

/** Enrolled phones: redeeming a code (public), listing and revoking, supporter invitations. */
export const devicesRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['devices'];
  app.post(
    '/enroll',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: 'Redeem a one-time enrollment code for a device token (rate-limited per client)',
        body: EnrollBody,
        response: { 200: Enrolled },
      },
    },
    async (req, reply) => reply.header('cache-control', 'no-store').send(await enroll(ctx, req.meta, req.body)),
  );
  app.get(
    '/device/me',
    {
      config: { permission: 'concern:create' },
      schema: { tags, summary: 'The calling enrolled device: partner or supporter, and tenant', response: { 200: DeviceMe } },
    },
    async (req) => deviceMe(ctx, req.principal),
  );
  app.get(
    '/partners/:id/devices',
    {
      config: { permission: 'partner:read' },
      schema: { tags, summary: "A partner's enrolled phones", params: IdParams, response: { 200: DeviceList } },
    },
    async (req) => listDevices(ctx, req.principal, { partnerId: req.params.id }),
  );
  app.get(
    '/devices',
    {
      config: { permission: 'partner:read' },
      schema: { tags, summary: 'Enrolled phones of the tenant', querystring: DevicesQuery, response: { 200: DeviceList } },
    },
    async (req) => listDevices(ctx, req.principal, { kind: req.query.kind }),
  );
  app.post(
    '/devices/:id/revoke',
    {
      config: { permission: 'partner:write' },
      schema: {
        tags,
        summary: 'Revoke a device token (the phone gets 401 on its next request)',
        params: IdParams,
        response: { 200: Device },
      },
    },
    async (req) => revokeDevice(ctx, req.principal, req.meta, req.params.id),
  );
  app.post(
    '/supporters/invitations',
    {
      config: { permission: 'partner:write' },
      schema: {
        tags,
        summary: 'Invite a supporter: creates the account and a one-time enrollment code (shown once)',
        body: InvitationCreate,
        response: { 201: Invitation },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .header('cache-control', 'no-store')
        .send(await inviteSupporter(ctx, req.principal, req.meta, req.body)),
  );
};

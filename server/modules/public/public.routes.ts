import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { pickLocale } from '../../i18n.js';
import { ConcernAck, ConcernFields } from '../concerns/concerns.schemas.js';
import { fileResidentReport, publicAreas, publicTenant } from './public.service.js';

const SlugParams = Type.Object({ slug: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{1,62}$' }) });

const ResidentReportBody = Type.Object(
  {
    ...ConcernFields,
    anonymous: Type.Boolean(),
    callback_contact: Type.Optional(Type.String({ maxLength: 200 })),
    ref: Type.Optional(Type.String({ maxLength: 64 })),
  },
  { additionalProperties: false },
);

const PublicTenant = Type.Object({
  slug: Type.String(),
  name: Type.String(),
  tile_url: Type.String(),
  tile_attribution: Type.String(),
  categories: Type.Array(
    Type.Object({ code: Type.String(), label: Type.String(), labels: Type.Record(Type.String(), Type.String()), priority: Type.Integer() }),
  ),
  bbox: Type.Union([Type.Array(Type.Number()), Type.Null()]),
  areas_geojson_url: Type.String(),
  hubs: Type.Array(Type.Object({ name: Type.String(), phone: Type.Union([Type.String(), Type.Null()]) })),
});

export const publicRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['public'];
  app.get(
    '/public/tenants/:slug',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: 'What the public report page needs: name, categories, map tiles, hub phone numbers',
        params: SlugParams,
        response: { 200: PublicTenant },
      },
    },
    async (req) => publicTenant(ctx, req.params.slug, pickLocale(req.headers['accept-language'])),
  );

  app.get(
    '/public/tenants/:slug/areas.geojson',
    {
      config: { permission: 'public' },
      schema: { tags, summary: "The municipality's areas (GeoJSON), so maps work without tiles", params: SlugParams },
    },
    async (req, reply) => {
      reply.type('application/geo+json').header('cache-control', 'public, max-age=3600');
      return publicAreas(ctx, req.params.slug);
    },
  );

  app.post(
    '/public/tenants/:slug/concerns',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: 'A resident reports a worry about a neighbour, anonymously or with a callback contact (rate-limited per client)',
        params: SlugParams,
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String()) }),
        body: ResidentReportBody,
        response: { 201: ConcernAck },
      },
    },
    async (req, reply) => {
      const { ack, replayed } = await fileResidentReport(ctx, req.params.slug, req.meta, req.body, req.headers['idempotency-key']);
      if (replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(201).send(ack);
    },
  );
};

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requireAccess } from '../../access/require-access.js';
import type { AppContext } from '../../context.js';
import { pickLocale } from '../../i18n.js';
import { listAreaShapes, listAreas, listHubs } from './tenants.queries.js';
import { categoriesOf, settingsView, tenantInfo, updateSettings } from './tenants.service.js';

const Category = Type.Object(
  {
    code: Type.String({ pattern: '^[a-z][a-z0-9_]{1,40}$' }),
    priority: Type.Integer({ minimum: 0, maximum: 9 }),
    labels: Type.Record(Type.String({ pattern: '^[a-zA-Z-]{2,10}$' }), Type.String({ minLength: 1, maxLength: 100 }), { minProperties: 1 }),
  },
  { additionalProperties: false },
);
const Hours = Type.Number({ exclusiveMinimum: 0, maximum: 24 * 60 });
const SettingsSchema = Type.Object({
  urgency_targets_hours: Type.Object({ emergency: Type.Number(), high: Type.Number(), normal: Type.Number(), low: Type.Number() }),
  categories: Type.Array(Category),
});
const SettingsPatchSchema = Type.Object(
  {
    urgency_targets_hours: Type.Optional(
      Type.Object(
        { emergency: Type.Optional(Hours), high: Type.Optional(Hours), normal: Type.Optional(Hours), low: Type.Optional(Hours) },
        { additionalProperties: false, minProperties: 1 },
      ),
    ),
    categories: Type.Optional(Type.Array(Category, { minItems: 1, maxItems: 50 })),
  },
  { additionalProperties: false, minProperties: 1 },
);

const N = Type.Union([Type.Integer(), Type.Null()]);

export const tenantsRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['directory'];
  app.get(
    '/concern-categories',
    {
      config: { permission: 'directory:read' },
      schema: {
        tags,
        summary: "Concern categories, labelled in the caller's language",
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                code: Type.String(),
                label: Type.String(),
                priority: Type.Integer(),
                labels: Type.Record(Type.String(), Type.String()),
              }),
            ),
          }),
        },
      },
    },
    async (req) => {
      const p = requireAccess(req.principal, 'directory:read');
      const locale = pickLocale(req.headers['accept-language']);
      const { settings } = await tenantInfo(ctx.db, p.tenantId);
      return {
        items: categoriesOf(settings).map((c) => ({
          code: c.code,
          label: c.labels[locale] ?? c.labels.ja ?? c.code,
          priority: c.priority,
          labels: c.labels,
        })),
      };
    },
  );

  app.get(
    '/settings',
    {
      config: { permission: 'directory:read' },
      schema: {
        tags,
        summary: 'Urgency targets (hours from receipt to first contact) and concern categories',
        response: { 200: SettingsSchema },
      },
    },
    async (req) => {
      const p = requireAccess(req.principal, 'directory:read');
      const { settings } = await tenantInfo(ctx.db, p.tenantId);
      return settingsView(settings);
    },
  );

  app.patch(
    '/settings',
    {
      config: { permission: 'settings:write' },
      schema: {
        tags,
        summary: 'Change urgency targets or the concern category list (admin)',
        body: SettingsPatchSchema,
        response: { 200: SettingsSchema },
      },
    },
    async (req) => updateSettings(ctx, req.principal, req.meta, req.body),
  );

  app.get(
    '/areas',
    {
      config: { permission: 'directory:read' },
      schema: {
        tags,
        summary: 'Areas (町丁目) of the tenant',
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                id: Type.String(),
                code: Type.String(),
                name: Type.String(),
                population: N,
                households: N,
                hub_id: Type.Union([Type.String(), Type.Null()]),
              }),
            ),
          }),
        },
      },
    },
    async (req) => {
      const p = requireAccess(req.principal, 'directory:read');
      return { items: await listAreas(ctx.db, p.tenantId) };
    },
  );

  app.get(
    '/areas.geojson',
    {
      config: { permission: 'directory:read' },
      schema: { tags, summary: 'Areas as a GeoJSON FeatureCollection' },
    },
    async (req, reply) => {
      const p = requireAccess(req.principal, 'directory:read');
      const rows = await listAreaShapes(ctx.db, p.tenantId);
      reply.type('application/geo+json');
      return {
        type: 'FeatureCollection',
        features: rows.map((r) => ({
          type: 'Feature',
          id: r.id,
          properties: { code: r.code, name: r.name, population: r.population, households: r.households },
          geometry: r.geometry,
        })),
      };
    },
  );

  app.get(
    '/hubs',
    {
      config: { permission: 'directory:read' },
      schema: {
        tags,
        summary: 'Hubs (見守りハブ) of the tenant',
        response: {
          200: Type.Object({
            items: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), phone: Type.Union([Type.String(), Type.Null()]) })),
          }),
        },
      },
    },
    async (req) => {
      const p = requireAccess(req.principal, 'directory:read');
      return { items: await listHubs(ctx.db, p.tenantId) };
    },
  );
};

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requireAccess } from '../../access/require-access.js';
import type { AppContext } from '../../context.js';
import { pickLocale } from '../../i18n.js';
import { tenantInfo } from './tenant-cache.js';
import { listAreas, listAreaShapes, listHubs } from './tenants.queries.js';
import { categoriesOf, targetHours, URGENCIES } from './tenant-settings.js';

const N = Type.Union([Type.Integer(), Type.Null()]);

export const tenantsRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['directory'];
  app.get('/concern-categories', {
    config: { permission: 'directory:read' },
    schema: { tags, summary: 'Concern categories, labelled in the caller\'s language', response: { 200: Type.Object({ items: Type.Array(Type.Object({ code: Type.String(), label: Type.String(), priority: Type.Integer(), labels: Type.Record(Type.String(), Type.String()) })) }) } },
  }, async (req) => {
    const p = requireAccess(req.principal, 'directory:read');
    const locale = pickLocale(req.headers['accept-language']);
    const { settings } = await tenantInfo(ctx.db, p.tenantId);
    return { items: categoriesOf(settings).map((c) => ({ code: c.code, label: c.labels[locale] ?? c.labels.ja ?? c.code, priority: c.priority, labels: c.labels })) };
  });

  app.get('/settings', {
    config: { permission: 'directory:read' },
    schema: { tags, summary: 'Urgency targets (hours from receipt to first contact)', response: { 200: Type.Object({ urgency_targets_hours: Type.Record(Type.String(), Type.Number()) }) } },
  }, async (req) => {
    const p = requireAccess(req.principal, 'directory:read');
    const { settings } = await tenantInfo(ctx.db, p.tenantId);
    return { urgency_targets_hours: Object.fromEntries(URGENCIES.map((u) => [u, targetHours(settings, u)])) };
  });

  app.get('/areas', {
    config: { permission: 'directory:read' },
    schema: { tags, summary: 'Areas (町丁目) of the tenant', response: { 200: Type.Object({ items: Type.Array(Type.Object({ id: Type.String(), code: Type.String(), name: Type.String(), population: N, households: N, hub_id: Type.Union([Type.String(), Type.Null()]) })) }) } },
  }, async (req) => {
    const p = requireAccess(req.principal, 'directory:read');
    return { items: await listAreas(ctx.db, p.tenantId) };
  });

  app.get('/areas.geojson', {
    config: { permission: 'directory:read' },
    schema: { tags, summary: 'Areas as a GeoJSON FeatureCollection' },
  }, async (req, reply) => {
    const p = requireAccess(req.principal, 'directory:read');
    const rows = await listAreaShapes(ctx.db, p.tenantId);
    reply.type('application/geo+json');
    return {
      type: 'FeatureCollection',
      features: rows.map((r) => ({ type: 'Feature', id: r.id, properties: { code: r.code, name: r.name, population: r.population, households: r.households }, geometry: r.geometry })),
    };
  });

  app.get('/hubs', {
    config: { permission: 'directory:read' },
    schema: { tags, summary: 'Hubs (見守りハブ) of the tenant', response: { 200: Type.Object({ items: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), phone: Type.Union([Type.String(), Type.Null()]) })) }) } },
  }, async (req) => {
    const p = requireAccess(req.principal, 'directory:read');
    return { items: await listHubs(ctx.db, p.tenantId) };
  });
};

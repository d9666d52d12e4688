import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { IdParams } from '../../schema-helpers.js';
import {
  AlertDetail,
  AlertQuery,
  AlertSchema,
  PublicConfirm,
  PublicConfirmBody,
  ResolveBody,
  TokenParams,
  WatcherCreate,
  WatcherPatch,
  WatcherSchema,
} from './alerts.schemas.js';
import { acknowledgeAlert, getAlert, getAlerts, resolveAlert } from './alerts.service.js';
import { answerConfirm, lookupConfirm } from './confirm.service.js';
import { confirmPageRoutes } from './confirm-page.js';
import { createWatcher, deleteWatcher, listWatchers, updateWatcher } from './watchers.service.js';

const alertsApi: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['alerts'];
  app.get(
    '/alerts',
    {
      config: { permission: 'alert:read' },
      schema: {
        tags,
        summary: 'Alerts, newest first (status=open: active or acknowledged); names shown are audited',
        querystring: AlertQuery,
        response: { 200: Type.Object({ items: Type.Array(AlertSchema) }) },
      },
    },
    async (req) => getAlerts(ctx, req.principal, req.meta, req.query),
  );

  app.get(
    '/alerts/:id',
    {
      config: { permission: 'alert:read' },
      schema: { tags, summary: 'An alert with its timeline (audited)', params: IdParams, response: { 200: AlertDetail } },
    },
    async (req) => getAlert(ctx, req.principal, req.meta, req.params.id),
  );

  app.post(
    '/alerts/:id/acknowledge',
    {
      config: { permission: 'alert:write' },
      schema: {
        tags,
        summary: 'Acknowledge an active alert (who and when are recorded)',
        params: IdParams,
        response: { 200: AlertSchema },
      },
    },
    async (req) => acknowledgeAlert(ctx, req.principal, req.meta, req.params.id),
  );

  app.post(
    '/alerts/:id/resolve',
    {
      config: { permission: 'alert:write' },
      schema: {
        tags,
        summary: 'Resolve an alert with an outcome; stops the escalation ladder',
        params: IdParams,
        body: ResolveBody,
        response: { 200: AlertSchema },
      },
    },
    async (req) => resolveAlert(ctx, req.principal, req.meta, req.params.id, req.body),
  );

  app.get(
    '/people/:id/watchers',
    {
      config: { permission: 'alert:read' },
      schema: {
        tags,
        summary: "A person's watchers (family, neighbours)",
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(WatcherSchema) }) },
      },
    },
    async (req) => listWatchers(ctx, req.principal, req.meta, req.params.id),
  );

  app.post(
    '/people/:id/watchers',
    {
      config: { permission: 'watcher:write' },
      schema: { tags, summary: 'Add a watcher', params: IdParams, body: WatcherCreate, response: { 201: WatcherSchema } },
    },
    async (req, reply) => reply.status(201).send(await createWatcher(ctx, req.principal, req.meta, req.params.id, req.body)),
  );

  app.patch(
    '/watchers/:id',
    {
      config: { permission: 'watcher:write' },
      schema: { tags, summary: 'Change a watcher', params: IdParams, body: WatcherPatch, response: { 200: WatcherSchema } },
    },
    async (req) => updateWatcher(ctx, req.principal, req.meta, req.params.id, req.body),
  );

  app.delete(
    '/watchers/:id',
    {
      config: { permission: 'watcher:write' },
      schema: { tags, summary: 'Remove a watcher', params: IdParams },
    },
    async (req, reply) => {
      await deleteWatcher(ctx, req.principal, req.meta, req.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/public/confirm/:token',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: "A watcher's confirm link: the alert's kind, time and status, nothing about the person",
        params: TokenParams,
        response: { 200: PublicConfirm },
      },
    },
    async (req) => lookupConfirm(ctx, req.ip ?? null, req.params.token),
  );

  app.post(
    '/public/confirm/:token',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: 'A watcher confirms the person is safe, or says they need help',
        params: TokenParams,
        body: PublicConfirmBody,
        response: { 200: PublicConfirm },
      },
    },
    async (req) => answerConfirm(ctx, req.ip ?? null, req.params.token, req.body),
  );
};

/** Alerts, watchers and the public confirm link (API under /api/v1, the page at /confirm/{token}). */
export const alertsModule: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  await app.register(alertsApi, { ctx, prefix: '/api/v1' });
  await app.register(confirmPageRoutes, { ctx });
};

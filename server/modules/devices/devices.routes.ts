import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { IdParams } from '../../schema-helpers.js';
import {
  CredentialCreate,
  CredentialPatch,
  CredentialView,
  CredentialWithToken,
  DeviceCreate,
  DevicePatch,
  DeviceView,
  DeviceWithToken,
  WatchSettingsBody,
  WatchSettingsSchema,
} from './devices.schemas.js';
import {
  createCredential,
  listIngestCredentials,
  listPersonDevices,
  registerDevice,
  revokeCredential,
  revokeDeviceToken,
  rotateDeviceToken,
  updateCredential,
  updateDevice,
} from './devices.service.js';
import { telemetryRoutes } from './telemetry.routes.js';
import { getWatchSettings, putWatchSettings } from './watch-settings.service.js';

/** Watch devices per person, their tokens, ingestion credentials and watch settings. */
export const watchDevicesRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['watch devices'];
  app.get(
    '/people/:id/devices',
    {
      config: { permission: 'device:read' },
      schema: {
        tags,
        summary: "A person's watch devices with their state (audited)",
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(DeviceView) }) },
      },
    },
    async (req) => listPersonDevices(ctx, req.principal, req.meta, req.params.id),
  );

  app.post(
    '/people/:id/devices',
    {
      config: { permission: 'device:write' },
      schema: {
        tags,
        summary: 'Register a watch device; its token is shown once',
        params: IdParams,
        body: DeviceCreate,
        response: { 201: DeviceWithToken },
      },
    },
    async (req, reply) => reply.status(201).send(await registerDevice(ctx, req.principal, req.meta, req.params.id, req.body)),
  );

  app.patch(
    '/devices/watch/:id',
    {
      config: { permission: 'device:write' },
      schema: {
        tags,
        summary: 'Update a watch device (status, location, vendor ids)',
        params: IdParams,
        body: DevicePatch,
        response: { 200: DeviceView },
      },
    },
    async (req) => updateDevice(ctx, req.principal, req.meta, req.params.id, req.body),
  );

  app.post(
    '/devices/watch/:id/rotate-token',
    {
      config: { permission: 'device:write' },
      schema: {
        tags,
        summary: 'Issue a new device token (shown once); the old one stops working',
        params: IdParams,
        response: { 200: DeviceWithToken },
      },
    },
    async (req) => rotateDeviceToken(ctx, req.principal, req.meta, req.params.id),
  );

  app.post(
    '/devices/watch/:id/revoke-token',
    {
      config: { permission: 'device:write' },
      schema: { tags, summary: "Revoke a device's token", params: IdParams, response: { 200: DeviceView } },
    },
    async (req) => revokeDeviceToken(ctx, req.principal, req.meta, req.params.id),
  );

  app.get(
    '/ingest-credentials',
    {
      config: { permission: 'device:write' },
      schema: {
        tags,
        summary: 'Tenant-wide ingestion credentials for vendor gateways',
        response: { 200: Type.Object({ items: Type.Array(CredentialView) }) },
      },
    },
    async (req) => listIngestCredentials(ctx, req.principal),
  );

  app.post(
    '/ingest-credentials',
    {
      config: { permission: 'device:write' },
      schema: {
        tags,
        summary: 'Create an ingestion credential (optionally with its own telemetry rate limit); its token is shown once',
        body: CredentialCreate,
        response: { 201: CredentialWithToken },
      },
    },
    async (req, reply) => reply.status(201).send(await createCredential(ctx, req.principal, req.meta, req.body)),
  );

  app.patch(
    '/ingest-credentials/:id',
    {
      config: { permission: 'device:write' },
      schema: {
        tags,
        summary: 'Rename an ingestion credential or change its telemetry rate limit (readings per minute; null: the default)',
        params: IdParams,
        body: CredentialPatch,
        response: { 200: CredentialView },
      },
    },
    async (req) => updateCredential(ctx, req.principal, req.meta, req.params.id, req.body),
  );

  app.post(
    '/ingest-credentials/:id/revoke',
    {
      config: { permission: 'device:write' },
      schema: { tags, summary: 'Revoke an ingestion credential', params: IdParams, response: { 200: CredentialView } },
    },
    async (req) => revokeCredential(ctx, req.principal, req.meta, req.params.id),
  );

  app.get(
    '/people/:id/watch-settings',
    {
      config: { permission: 'alert:read' },
      schema: {
        tags,
        summary: "A person's watch settings (device rules and the escalation ladder's timings)",
        params: IdParams,
        response: { 200: WatchSettingsSchema },
      },
    },
    async (req) => getWatchSettings(ctx, req.principal, req.params.id),
  );

  app.put(
    '/people/:id/watch-settings',
    {
      config: { permission: 'watcher:write' },
      schema: {
        tags,
        summary: 'Merge keys into the watch settings (null removes a key; others are kept); armed deadlines follow at once',
        params: IdParams,
        body: WatchSettingsBody,
        response: { 200: WatchSettingsSchema },
      },
    },
    async (req) => putWatchSettings(ctx, req.principal, req.meta, req.params.id, req.body),
  );

  await app.register(telemetryRoutes, { ctx });
};

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { sendExport } from '../../export/table-export.js';
import { IdParams } from '../../schema-helpers.js';
import { createApiKey, listApiKeys, revokeApiKey } from './api-keys.service.js';
import { createEnrollment, stickerPdf } from './enrollment.service.js';
import {
  Agreement,
  AgreementCreate,
  AgreementPatch,
  ApiKey,
  ApiKeyCreate,
  ApiKeyCreated,
  EnrollmentCode,
  EnrollmentCreate,
  EnrollmentStickerBody,
  Partner,
  PartnerCreate,
  PartnerList,
  PartnerPatch,
  ReportStats,
  ReportStatsExportQuery,
  ReportStatsQuery,
} from './partners.schemas.js';
import { create, createAgreement, getOne, listAgreements, listAll, reportStats, update, updateAgreement } from './partners.service.js';
import { exportReportStats } from './report-export.service.js';

/** Partners, agreements, stickers, enrollment codes and API keys (coordinators; hub leads read). */
export const partnersRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['partners'];
  const read = { permission: 'partner:read' as const };
  const write = { permission: 'partner:write' as const };

  app.get(
    '/partners',
    {
      config: read,
      schema: { tags, summary: 'Partners with report counts, agreement status and renewals due', response: { 200: PartnerList } },
    },
    async (req) => listAll(ctx, req.principal),
  );
  app.post(
    '/partners',
    { config: write, schema: { tags, summary: 'Register a partner (見守り協力事業者)', body: PartnerCreate, response: { 201: Partner } } },
    async (req, reply) => reply.status(201).send(await create(ctx, req.principal, req.meta, req.body)),
  );
  app.get(
    '/partners/report-stats',
    {
      config: read,
      schema: {
        tags,
        summary: 'Reports and useful reports per partner, against the same period a year earlier',
        querystring: ReportStatsQuery,
        response: { 200: ReportStats },
      },
    },
    async (req) => reportStats(ctx, req.principal, req.query.from, req.query.to),
  );
  app.get(
    '/partners/report-stats/export',
    {
      config: read,
      schema: {
        tags,
        summary: 'Partner report counts (same period rules) as .xlsx or CSV (UTF-8 with BOM, or Shift_JIS); audited',
        querystring: ReportStatsExportQuery,
        produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv'],
      },
    },
    async (req, reply) => sendExport(reply, await exportReportStats(ctx, req.principal, req.meta, req.query)),
  );
  app.get(
    '/partners/:id',
    { config: read, schema: { tags, summary: 'A partner with its report counts', params: IdParams, response: { 200: Partner } } },
    async (req) => getOne(ctx, req.principal, req.params.id),
  );
  app.patch(
    '/partners/:id',
    {
      config: write,
      schema: {
        tags,
        summary: 'Update a partner; suspending or ending it stops its phones',
        params: IdParams,
        body: PartnerPatch,
        response: { 200: Partner },
      },
    },
    async (req) => update(ctx, req.principal, req.meta, req.params.id, req.body),
  );

  app.get(
    '/partners/:id/agreements',
    {
      config: read,
      schema: {
        tags,
        summary: 'Watch agreements (見守り協定) of a partner',
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(Agreement) }) },
      },
    },
    async (req) => listAgreements(ctx, req.principal, req.params.id),
  );
  app.post(
    '/partners/:id/agreements',
    {
      config: write,
      schema: { tags, summary: 'Record a watch agreement', params: IdParams, body: AgreementCreate, response: { 201: Agreement } },
    },
    async (req, reply) => reply.status(201).send(await createAgreement(ctx, req.principal, req.meta, req.params.id, req.body)),
  );
  app.patch(
    '/agreements/:id',
    {
      config: write,
      schema: { tags, summary: 'Update a watch agreement', params: IdParams, body: AgreementPatch, response: { 200: Agreement } },
    },
    async (req) => updateAgreement(ctx, req.principal, req.meta, req.params.id, req.body),
  );
  const sendPdf = (reply: FastifyReply, id: string, pdf: Buffer) =>
    reply
      .type('application/pdf')
      .header('content-disposition', `inline; filename="sticker-${id}.pdf"`)
      .header('cache-control', 'no-store')
      .send(pdf);
  app.get(
    '/agreements/:id/sticker.pdf',
    {
      config: read,
      schema: {
        tags,
        summary: 'Printable sticker and certificate (A4 PDF) with the QR code of the resident report page',
        params: IdParams,
        produces: ['application/pdf'],
      },
    },
    async (req, reply) => sendPdf(reply, req.params.id, await stickerPdf(ctx, req.principal, req.meta, req.params.id, { enroll: false })),
  );

  // Creating a one-time enrollment code is a write, so it is a POST (CSRF-checked), not a link.
  app.post(
    '/agreements/:id/enrollment-sticker.pdf',
    {
      config: write,
      schema: {
        tags,
        summary: 'The sticker with a fresh one-time QR code that enrolls one phone for the partner',
        params: IdParams,
        body: EnrollmentStickerBody,
        produces: ['application/pdf'],
      },
    },
    async (req, reply) =>
      sendPdf(reply, req.params.id, await stickerPdf(ctx, req.principal, req.meta, req.params.id, { enroll: true, label: req.body.label })),
  );

  app.post(
    '/partners/:id/enrollments',
    {
      config: write,
      schema: {
        tags,
        summary: 'A one-time code that enrolls one phone for the partner (shown once)',
        params: IdParams,
        body: EnrollmentCreate,
        response: { 201: EnrollmentCode },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .header('cache-control', 'no-store')
        .send(await createEnrollment(ctx, req.principal, req.meta, req.params.id, req.body)),
  );

  app.get(
    '/partners/:id/api-keys',
    {
      config: read,
      schema: {
        tags,
        summary: 'Open311 API keys of a partner (no key material)',
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(ApiKey) }) },
      },
    },
    async (req) => listApiKeys(ctx, req.principal, req.params.id),
  );
  app.post(
    '/partners/:id/api-keys',
    {
      config: write,
      schema: {
        tags,
        summary: 'Create an Open311 API key (shown once)',
        params: IdParams,
        body: ApiKeyCreate,
        response: { 201: ApiKeyCreated },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .header('cache-control', 'no-store')
        .send(await createApiKey(ctx, req.principal, req.meta, req.params.id, req.body.label)),
  );
  app.post(
    '/api-keys/:id/revoke',
    {
      config: write,
      schema: { tags, summary: 'Revoke an API key', params: IdParams, response: { 200: ApiKey } },
    },
    async (req) => revokeApiKey(ctx, req.principal, req.meta, req.params.id),
  );
};

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { sendExport } from '../../export/table-export.js';
import { AuditEntrySchema, AuditExportQuery, AuditQuery } from './accounts.schemas.js';
import { exportAuditLog, listAuditLog } from './audit-log.service.js';

/** The audit log viewer and its export (admins and hub leads). */
export const auditLogRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/audit',
    {
      config: { permission: 'audit:read' },
      schema: {
        tags: ['accounts'],
        summary: 'The audit log: who read or changed what, when, from where (filters: who, action, object type, date range)',
        querystring: AuditQuery,
        response: { 200: Type.Object({ items: Type.Array(AuditEntrySchema) }) },
      },
    },
    async (req) => ({ items: await listAuditLog(ctx, req.principal, req.query) }),
  );

  app.get(
    '/audit/export',
    {
      config: { permission: 'audit:read' },
      schema: {
        tags: ['accounts'],
        summary: 'The filtered audit log as .xlsx or CSV (UTF-8 with BOM, or Shift_JIS); the export is itself audited',
        querystring: AuditExportQuery,
        produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv'],
      },
    },
    async (req, reply) => sendExport(reply, await exportAuditLog(ctx, req.principal, req.meta, req.query)),
  );
};

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../context.js';
import { sendExport } from '../../export/table-export.js';
import { exportCases } from './case-export.service.js';
import { CaseExportQuery } from './cases.schemas.js';

export const caseExportRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/cases/export',
    {
      config: { permission: 'case:read' },
      schema: {
        tags: ['cases'],
        summary: 'The case list (same filters) as .xlsx or CSV (UTF-8 with BOM, or Shift_JIS); audited with the people it names',
        querystring: CaseExportQuery,
        produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv'],
      },
    },
    async (req, reply) => sendExport(reply, await exportCases(ctx, req.principal, req.meta, req.query)),
  );
};

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { exportQueryFields, sendExport } from '../../export/table-export.js';
import { exportKpis } from './kpi-export.service.js';

const DateOrTime = Type.Union([Type.String({ format: 'date' }), Type.String({ format: 'date-time' })]);

export const kpiExportRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/kpis/export',
    {
      config: { permission: 'kpi:read' },
      schema: {
        tags: ['kpis'],
        summary: 'A KPI table (first contact or safety checks) as .xlsx or CSV, with the same small-cell suppression as the KPI API',
        querystring: Type.Object(
          {
            kind: Type.Optional(Type.Union([Type.Literal('first_contact'), Type.Literal('safety_checks')])),
            from: Type.Optional(DateOrTime),
            to: Type.Optional(DateOrTime),
            ...exportQueryFields,
          },
          { additionalProperties: false },
        ),
        produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv'],
      },
    },
    async (req, reply) => sendExport(reply, await exportKpis(ctx, req.principal, req.meta, req.query)),
  );
};

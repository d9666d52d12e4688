import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { type TSchema, Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { kpiExportRoutes } from './kpi-export.routes.js';
import { firstContactKpi, safetyChecksKpi } from './kpis.service.js';

/** A day (taken as midnight in Asia/Tokyo) or an exact time. */
const DateOrTime = Type.Union([Type.String({ format: 'date' }), Type.String({ format: 'date-time' })]);
const N = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Cell = {
  cases: N(Type.Integer()),
  count: N(Type.Integer()),
  median_hours: N(Type.Number()),
  mean_hours: N(Type.Number()),
  within_target_ratio: N(Type.Number()),
  open_without_contact: N(Type.Integer()),
  overdue: N(Type.Integer()),
  /** Nothing can be shown: every case of the cell is in a small block (aggregates-only roles). */
  suppressed: Type.Boolean(),
  /** Some cases were withheld from this cell (small blocks); the figures cover the rest. */
  withheld: Type.Boolean(),
};

/** 'month': whole completed months with small blocks withheld (aggregates-only roles); 'exact': the period asked for. */
const Granularity = Type.Union([Type.Literal('month'), Type.Literal('exact')]);

const FirstContactKpi = Type.Object({
  from: Type.String({ format: 'date-time' }),
  to: Type.String({ format: 'date-time' }),
  headline_target_hours: Type.Number(),
  ...Cell,
  small_cells_suppressed: Type.Boolean(),
  granularity: Granularity,
  by_urgency: Type.Record(Type.String(), Type.Object({ ...Cell, target_hours: Type.Number() })),
  by_month: Type.Array(Type.Object({ month: Type.String(), ...Cell })),
});

const SafetyCell = {
  alerts: N(Type.Integer()),
  confirmed: N(Type.Integer()),
  within_target: N(Type.Integer()),
  within_target_ratio: N(Type.Number()),
  median_minutes: N(Type.Number()),
  p90_minutes: N(Type.Number()),
  open: N(Type.Integer()),
  overdue: N(Type.Integer()),
  suppressed: Type.Boolean(),
  withheld: Type.Boolean(),
};
const SafetyChecksKpi = Type.Object({
  from: Type.String({ format: 'date-time' }),
  to: Type.String({ format: 'date-time' }),
  target_ratio: Type.Number(),
  ...SafetyCell,
  small_cells_suppressed: Type.Boolean(),
  granularity: Granularity,
  by_severity: Type.Record(Type.String(), Type.Object({ ...SafetyCell, target_minutes: Type.Number() })),
  by_month: Type.Array(Type.Object({ month: Type.String(), ...SafetyCell })),
});

export const kpisRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  await app.register(kpiExportRoutes, { ctx });
  app.get(
    '/kpis/first-contact',
    {
      config: { permission: 'kpi:read' },
      schema: {
        tags: ['kpis'],
        summary: 'Time from receipt of a concern to first contact, overall, by urgency and by month',
        querystring: Type.Object({ from: Type.Optional(DateOrTime), to: Type.Optional(DateOrTime) }, { additionalProperties: false }),
        response: { 200: FirstContactKpi },
      },
    },
    async (req) => firstContactKpi(ctx, req.principal, req.query.from, req.query.to),
  );

  app.get(
    '/kpis/safety-checks',
    {
      config: { permission: 'kpi:read' },
      schema: {
        tags: ['kpis'],
        summary: 'Welfare alerts confirmed within target (by severity), and minutes from alert to confirmation',
        querystring: Type.Object({ from: Type.Optional(DateOrTime), to: Type.Optional(DateOrTime) }, { additionalProperties: false }),
        response: { 200: SafetyChecksKpi },
      },
    },
    async (req) => safetyChecksKpi(ctx, req.principal, req.query.from, req.query.to),
  );
};

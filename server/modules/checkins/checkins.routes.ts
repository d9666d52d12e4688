import formbody from '@fastify/formbody';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { pickLocale, type ServerLocale } from '../../i18n.js';
import { IdParams } from '../../schema-helpers.js';
import { messagePage, questionPage, SERVICE_WORKER_JS, SUBSCRIBE_JS, subscribePage } from './checkins.page.js';
import {
  AnswerBody,
  AnswerResult,
  CheckinSchema,
  PlanCreate,
  PlanPatch,
  PlanSchema,
  PushSubscriptionBody,
  TokenParams,
} from './checkins.schemas.js';
import {
  answerCheckin,
  createPlan,
  createSubscribeLink,
  listCheckins,
  listPlans,
  registerPushSubscription,
  subscribeLinkValid,
  updatePlan,
  viewCheckin,
} from './checkins.service.js';

const apiRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['checkins'];
  app.get(
    '/people/:id/checkin-plans',
    {
      config: { permission: 'checkin:read' },
      schema: {
        tags,
        summary: "A person's check-in plans (定期安否確認), with whether they can be delivered (audited)",
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(PlanSchema) }) },
      },
    },
    async (req) => listPlans(ctx, req.principal, req.meta, req.params.id),
  );

  app.post(
    '/people/:id/checkin-plans',
    {
      config: { permission: 'checkin:write' },
      schema: {
        tags,
        summary: "Record a person's opt-in to a daily or weekly check-in",
        params: IdParams,
        body: PlanCreate,
        response: { 201: PlanSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await createPlan(ctx, req.principal, req.meta, req.params.id, req.body)),
  );

  app.patch(
    '/checkin-plans/:id',
    {
      config: { permission: 'checkin:write' },
      schema: {
        tags,
        summary: 'Change a plan: active, time, frequency, weekday, channel, address, missed threshold',
        params: IdParams,
        body: PlanPatch,
        response: { 200: PlanSchema },
      },
    },
    async (req) => updatePlan(ctx, req.principal, req.meta, req.params.id, req.body),
  );

  app.post(
    '/checkin-plans/:id/subscribe-link',
    {
      config: { permission: 'checkin:write' },
      // No body needed; one that is sent must be an empty object.
      preValidation: async (req) => {
        req.body ??= {};
      },
      schema: {
        tags,
        summary: 'A single-use link the person opens on their phone to receive check-ins by web push',
        params: IdParams,
        body: Type.Object({}, { additionalProperties: false }),
        response: { 201: Type.Object({ url: Type.String(), vapid_configured: Type.Boolean() }) },
      },
    },
    async (req, reply) => reply.status(201).send(await createSubscribeLink(ctx, req.principal, req.meta, req.params.id)),
  );

  app.get(
    '/people/:id/checkins',
    {
      config: { permission: 'checkin:read' },
      schema: {
        tags,
        summary: 'Recent check-ins of a person and their answers (audited)',
        params: IdParams,
        querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })) }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(CheckinSchema) }) },
      },
    },
    async (req) => listCheckins(ctx, req.principal, req.meta, req.params.id, req.query.limit ?? 30),
  );

  app.post(
    '/public/checkins/:token',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: 'Answer a check-in without an account (push notification actions); rate-limited per client',
        params: TokenParams,
        body: AnswerBody,
        response: { 200: AnswerResult },
      },
    },
    async (req) => answerCheckin(ctx, req.meta, req.params.token, req.body.answer),
  );

  app.post(
    '/public/checkin-subscriptions/:token',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: "Register the browser's push subscription through a single-use subscribe link",
        params: TokenParams,
        body: PushSubscriptionBody,
        response: { 200: Type.Object({ status: Type.Literal('subscribed') }) },
      },
    },
    async (req) => registerPushSubscription(ctx, req.meta, req.params.token, req.body),
  );
};

const PAGE_ERRORS: Record<number, string> = {
  404: 'checkins.page.not_found',
  410: 'checkins.page.expired',
  429: 'checkins.page.rate_limited',
};

/** Pages answer in HTML even when the service refuses: a friendly page with the right status. */
async function html(reply: FastifyReply, locale: ServerLocale, render: () => Promise<string>) {
  reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
  try {
    return await render();
  } catch (err) {
    if (!(err instanceof AppError) || !PAGE_ERRORS[err.status]) throw err;
    reply.status(err.status);
    return messagePage(locale, PAGE_ERRORS[err.status]!);
  }
}

const pageRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  await app.register(formbody);
  const hide = true;
  app.get('/c/sw.js', { schema: { hide } }, async (_req, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').send(SERVICE_WORKER_JS),
  );
  app.get('/c/subscribe.js', { schema: { hide } }, async (_req, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').send(SUBSCRIBE_JS),
  );

  app.get('/c/subscribe/:token', { schema: { hide, params: TokenParams } }, async (req, reply) => {
    const locale = pickLocale(req.headers['accept-language']);
    return html(reply, locale, async () => {
      if (!(await subscribeLinkValid(ctx, req.meta, req.params.token))) throw new AppError(404, 'subscribe_link_not_found');
      return subscribePage(locale, req.params.token, ctx.config.vapid?.publicKey);
    });
  });

  app.get(
    '/c/:token',
    {
      schema: {
        hide,
        params: TokenParams,
        querystring: Type.Object({ answer: Type.Optional(Type.Union([Type.Literal('fine'), Type.Literal('talk')])) }),
      },
    },
    async (req, reply) => {
      const locale = pickLocale(req.headers['accept-language']);
      // Opening the link never answers by itself: mail scanners and link previews open links too.
      return html(reply, locale, async () => {
        const v = await viewCheckin(ctx, req.meta, req.params.token);
        return v.state === 'answered'
          ? messagePage(locale, 'checkins.page.already')
          : questionPage(locale, req.params.token, req.query.answer);
      });
    },
  );

  app.post(
    '/c/:token',
    {
      schema: { hide, params: TokenParams, body: Type.Object({ answer: Type.Union([Type.Literal('fine'), Type.Literal('talk')]) }) },
    },
    async (req, reply) => {
      const locale = pickLocale(req.headers['accept-language']);
      return html(reply, locale, async () => {
        const r = await answerCheckin(ctx, req.meta, req.params.token, req.body.answer);
        if (r.status === 'already_answered') return messagePage(locale, 'checkins.page.already');
        return messagePage(locale, r.answer === 'talk' ? 'checkins.page.thanks_talk' : 'checkins.page.thanks_fine');
      });
    },
  );
};

/** Check-ins: the staff API under /api/v1 and the public answer pages under /c. */
export const checkinsPlugin: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  await app.register(apiRoutes, { ctx, prefix: '/api/v1' });
  await app.register(pageRoutes, { ctx });
};

/**
 * Open311 GeoReport v2 routes, registered at /open311/v2 (outside /api: the API key, not a
 * session, authenticates). Every resource answers in XML (`.xml`, required by the spec) and
 * JSON (`.json`); every error is the spec's error list in the same format.
 */
import formbody from '@fastify/formbody';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { messageFor, pickLocale } from '../../i18n.js';
import { IdParams, Nullable } from '../../schema-helpers.js';
import { FORMATS, formatOfUrl, sendErrors, sendList, sendObject } from './open311.format.js';
import {
  createdBody,
  createRequest,
  discovery,
  type FormBody,
  getRequest,
  getService,
  getToken,
  listRequests,
  listServices,
  listUpdates,
  type Query,
} from './open311.service.js';
import { postUpdate, residentUpdates } from './updates.service.js';

export const OPEN311_PREFIX = '/open311/v2';

function queryOf(req: FastifyRequest): Query {
  const out: Query = {};
  for (const [k, v] of Object.entries((req.query ?? {}) as Record<string, unknown>)) {
    const s = Array.isArray(v) ? v.join(',') : v;
    if (typeof s === 'string') out[k] = s;
  }
  return out;
}

const localeOf = (req: FastifyRequest) => pickLocale(req.headers['accept-language']);
const schema = (summary: string) => ({ tags: ['open311'], summary });

export async function open311Routes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  await app.register(formbody);

  app.setErrorHandler((err: FastifyError | AppError, req, reply) => {
    const format = formatOfUrl(req.url);
    const locale = localeOf(req);
    if (err instanceof AppError) {
      if (err.status === 429 && err.params.seconds) reply.header('retry-after', String(err.params.seconds));
      return sendErrors(reply, format, err.status, [{ code: err.status, description: messageFor(locale, err.code, err.params) }]);
    }
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    if (status >= 500) req.log.error({ err }, 'open311 error');
    return sendErrors(reply, format, status, [
      { code: status, description: messageFor(locale, status >= 500 ? 'internal_error' : 'bad_request') },
    ]);
  });
  app.setNotFoundHandler((req, reply) =>
    sendErrors(reply, formatOfUrl(req.url), 404, [{ code: 404, description: messageFor(localeOf(req), 'route_not_found') }]),
  );

  for (const f of FORMATS) {
    app.get(`/discovery.${f}`, { schema: schema('Service discovery') }, async (req, reply) => {
      const base = `${req.protocol}://${req.host}${OPEN311_PREFIX}/`;
      return sendObject(reply, f, 'discovery', discovery(base, localeOf(req)));
    });

    app.get(`/services.${f}`, { schema: schema('Services (the concern categories)') }, async (req, reply) =>
      sendList(reply, f, 'services', 'service', await listServices(ctx, queryOf(req), localeOf(req))),
    );

    app.get<{ Params: { service_code: string } }>(
      `/services/:service_code.${f}`,
      { schema: schema('Service definition with its attributes') },
      async (req, reply) =>
        sendObject(reply, f, 'service_definition', await getService(ctx, req.params.service_code, queryOf(req), localeOf(req))),
    );

    app.post(`/requests.${f}`, { schema: schema('File a service request (form-encoded, api_key required)') }, async (req, reply) => {
      const { ack, locale } = await createRequest(ctx, (req.body ?? {}) as FormBody, localeOf(req));
      return sendList(reply, f, 'service_requests', 'request', createdBody(ack, locale));
    });

    app.get(
      `/requests.${f}`,
      { schema: schema("Service requests filed through the caller's keys (api_key required)") },
      async (req, reply) => sendList(reply, f, 'service_requests', 'request', await listRequests(ctx, queryOf(req), localeOf(req))),
    );

    app.get<{ Params: { id: string } }>(
      `/requests/:id.${f}`,
      { schema: schema('One service request (api_key required)') },
      async (req, reply) =>
        sendList(reply, f, 'service_requests', 'request', await getRequest(ctx, req.params.id, queryOf(req), localeOf(req))),
    );

    app.get<{ Params: { token: string } }>(
      `/tokens/:token.${f}`,
      { schema: schema('Request id from a reference code (api_key required)') },
      async (req, reply) => sendList(reply, f, 'service_requests', 'request', await getToken(ctx, req.params.token, queryOf(req))),
    );

    app.post(
      `/servicerequestupdates.${f}`,
      { schema: schema("FixMyStreet extension: a resident's update on a request (form-encoded, api_key required)") },
      async (req, reply) =>
        sendList(reply, f, 'service_request_updates', 'request_update', await postUpdate(ctx, (req.body ?? {}) as FormBody)),
    );

    app.get(
      `/servicerequestupdates.${f}`,
      { schema: schema('FixMyStreet extension: status updates (api_key required)') },
      async (req, reply) =>
        sendList(reply, f, 'service_request_updates', 'request_update', await listUpdates(ctx, queryOf(req), localeOf(req))),
    );
  }
}

/** Console side: hub staff read what residents added through an Open311 client (under /api/v1). */
export const residentUpdatesRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/concerns/:id/resident-updates',
    {
      config: { permission: 'concern:read' },
      schema: {
        tags: ['concerns'],
        summary: 'Updates residents posted about a concern through an Open311 client (FixMyStreet), oldest first; audited',
        params: IdParams,
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                id: Type.String(),
                status: Type.String(),
                description: Type.String(),
                client_updated_at: Nullable(Type.String({ format: 'date-time' })),
                received_at: Type.String({ format: 'date-time' }),
              }),
            ),
          }),
        },
      },
    },
    async (req) => residentUpdates(ctx, req.principal, req.meta, req.params.id),
  );
};

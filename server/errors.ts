/**
 * One error type with stable codes, and the one handler that turns errors into
 * `{ error: { code, message } }`. Messages shown to people are translated (ja by default,
 * en when the caller prefers it); 5xx details are logged, never sent.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { messageFor, pickLocale } from './i18n.js';

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message?: string,
    readonly params: Record<string, string | number> = {},
    readonly details?: unknown,
  ) {
    super(message ?? code);
  }
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError, request: FastifyRequest, reply: FastifyReply) => {
    const locale = pickLocale(request.headers['accept-language']);
    if (err instanceof AppError) {
      return reply.status(err.status).send({
        error: { code: err.code, message: messageFor(locale, err.code, err.params), ...(err.details ? { details: err.details } : {}) },
      });
    }
    const fe = err as FastifyError;
    if (fe.validation) {
      const first = fe.validation[0];
      const field = (first?.instancePath || (first?.params as { missingProperty?: string })?.missingProperty || '')
        .replace(/^\//, '')
        .replace(/\//g, '.');
      const missing = (first?.params as { missingProperty?: string })?.missingProperty;
      const where = fe.validationContext ?? 'body';
      const fieldName = missing
        ? [field, missing]
            .filter(Boolean)
            .join('.')
            .replace(new RegExp(`^${missing}\\.${missing}$`), missing)
        : field;
      return reply.status(400).send({
        error: {
          code: 'invalid_input',
          message: messageFor(locale, 'invalid_input', { field: fieldName || where }),
          details: fe.validation.map((v) => ({ path: v.instancePath || where, rule: v.keyword, detail: v.message })),
        },
      });
    }
    const status = fe.statusCode && fe.statusCode >= 400 ? fe.statusCode : 500;
    if (status >= 500) {
      request.log.error({ err }, 'unhandled error');
      return reply.status(status).send({ error: { code: 'internal_error', message: messageFor(locale, 'internal_error') } });
    }
    const jsonError =
      fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
      fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
      (status === 400 && err instanceof SyntaxError);
    const code = jsonError
      ? 'invalid_json'
      : status === 415
        ? 'unsupported_media_type'
        : status === 413
          ? 'payload_too_large'
          : status === 429
            ? 'rate_limited'
            : 'bad_request';
    return reply.status(status).send({ error: { code, message: messageFor(locale, code) } });
  });
}

/** The 404 body for unknown routes, in the caller's language. */
export function notFoundBody(acceptLanguage: string | undefined) {
  return { error: { code: 'route_not_found', message: messageFor(pickLocale(acceptLanguage), 'route_not_found') } };
}

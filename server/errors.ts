/**
 * One error type with stable codes, and the one handler that turns errors into
 * `{ error: { code, message } }`. Messages shown to people are translated (ja by default,
 * en when the caller prefers it); 5xx details are logged, never sent. An AppError carrying
 * `params.retryAfterS` is sent with `Retry-After`; a database that cannot be reached, refuses
 * connections or times out is a 503 `database_unavailable` with `Retry-After`, never a 500.
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

/** Seconds a client should wait before retrying while the database is unavailable. */
export const DATABASE_RETRY_AFTER_S = 5;

/** Socket-level failures: the database host refused, reset or did not answer. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOTFOUND']);
/**
 * SQLSTATEs that say the server is going away, not taking connections or gave up on the
 * statement: 57P01/57P02/57P03 shutdown and start-up, 53300 too many connections, 57014
 * statement timeout (or cancel), 25P03 idle-in-transaction timeout; class 08 connection errors.
 */
const SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300', '57014', '25P03']);
/** What pg, pg-pool and Kysely say when a connection is lost, cannot be made in time or a query is not answered in time. */
const MESSAGES =
  /^(Connection terminated|timeout exceeded when trying to connect|Query read timeout|Client has encountered a connection error|Client was closed and is not queryable|timeout expired|driver has already been destroyed)/;

/** True when `err` (or its cause, or any of an AggregateError's errors) means the database cannot serve now. */
export function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 4) return false;
  if (err instanceof AppError) return false;
  const { code, message, cause, errors } = err as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === 'string' && (SOCKET_CODES.has(code) || SQLSTATES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true;
  if (typeof message === 'string' && MESSAGES.test(message)) return true;
  if (Array.isArray(errors) && errors.some((e) => isDatabaseUnavailable(e, depth + 1))) return true;
  return isDatabaseUnavailable(cause, depth + 1);
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError, request: FastifyRequest, reply: FastifyReply) => {
    const locale = pickLocale(request.headers['accept-language']);
    if (err instanceof AppError) {
      const retryAfterS = err.params.retryAfterS;
      if (typeof retryAfterS === 'number' && retryAfterS > 0) reply.header('retry-after', String(Math.ceil(retryAfterS)));
      return reply.status(err.status).send({
        error: { code: err.code, message: messageFor(locale, err.code, err.params), ...(err.details ? { details: err.details } : {}) },
      });
    }
    if (isDatabaseUnavailable(err)) {
      // The code and message of a connection error or SQLSTATE name no person; the statement is not logged.
      const { code, message } = err as { code?: string; message?: string };
      request.log.warn({ code, reason: message }, 'database unavailable');
      return reply
        .status(503)
        .header('retry-after', String(DATABASE_RETRY_AFTER_S))
        .send({ error: { code: 'database_unavailable', message: messageFor(locale, 'database_unavailable') } });
    }
    const fe = err as FastifyError;
    if (fe.validation) {
      const where = fe.validationContext ?? 'body';
      const first = fe.validation[0];
      const fieldName = first ? fieldOf(first) : '';
      return reply.status(400).send({
        error: {
          code: 'invalid_input',
          message: messageFor(locale, 'invalid_input', { field: fieldName || where }),
          details: fe.validation.map((v) => ({
            path: v.instancePath || where,
            field: fieldOf(v) || where,
            rule: v.keyword,
            detail: v.message,
          })),
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

/**
 * The field a validation error is about, as a dotted path: the property that is missing or not
 * allowed (named in the error's params), under the path of the object that holds it.
 */
function fieldOf(v: { instancePath?: string; params?: unknown }): string {
  const base = (v.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
  const params = (v.params ?? {}) as { missingProperty?: string; additionalProperty?: string };
  const key = params.missingProperty ?? params.additionalProperty;
  return key ? [base, key].filter(Boolean).join('.') : base;
}

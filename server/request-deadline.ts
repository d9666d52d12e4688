/**
 * The request deadline (REQUEST_TIMEOUT_MS): a request still running after it answers 503
 * `request_timeout` with Retry-After instead of hanging. The clock runs from the request's
 * arrival, paused while its body is being read (a slow upload is not cut); event streams
 * (hijacked replies) and responses already streaming are left alone.
 *
 * What the caller can rely on (docs/OPERATIONS.md "Health, readiness and timeouts"): the 503 is
 * sent only when nothing the request did was committed and nothing it does afterwards can be —
 * from the deadline on, its statements are refused except ROLLBACK, so its open transaction rolls
 * back (RequestDeadline in db/query-scope.ts). If a COMMIT or an autocommit write is in flight
 * at the deadline, its outcome is awaited (bounded by the client-side query timeout): committed,
 * the handler answers what happened; failed, the answer is 503. A request that has already
 * committed a write is not cut short.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type QueryScope, queryScope, REQUEST_RETRY_AFTER_S, RequestDeadline } from './db/query-scope.js';
import { AppError } from './errors.js';

interface Clock {
  scope: QueryScope;
  timer: NodeJS.Timeout | null;
  /** Paused while the body is read, with the time that was left. */
  paused: boolean;
  left: number;
  since: number;
}

export function registerRequestDeadline(app: FastifyInstance, timeoutMs: number): void {
  const clocks = new WeakMap<FastifyRequest, Clock>();

  const expire = async (request: FastifyRequest, reply: FastifyReply, deadline: RequestDeadline) => {
    if (reply.sent || reply.raw.headersSent) return;
    if (deadline.writesInFlight > 0)
      request.log.warn({ timeoutMs }, 'request deadline passed with a commit in flight; awaiting its outcome');
    if (!(await deadline.expire())) {
      request.log.warn({ timeoutMs }, 'request deadline passed after a commit; the handler answers');
      return;
    }
    if (reply.sent || reply.raw.headersSent) return;
    request.log.warn({ timeoutMs }, 'request deadline passed; answering 503 request_timeout');
    reply.send(new AppError(503, 'request_timeout', undefined, { retryAfterS: REQUEST_RETRY_AFTER_S }));
  };
  const arm = (request: FastifyRequest, reply: FastifyReply, c: Clock, ms: number) => {
    c.since = Date.now();
    c.timer = setTimeout(() => {
      c.timer = null;
      void expire(request, reply, c.scope.deadline!);
    }, ms);
  };

  // Authentication (onRequest hooks registered after this one) already runs inside the scope.
  app.addHook('onRequest', (request, reply, done) => {
    const c: Clock = {
      scope: { ...queryScope.getStore(), deadline: new RequestDeadline() },
      timer: null,
      paused: false,
      left: timeoutMs,
      since: 0,
    };
    clocks.set(request, c);
    arm(request, reply, c, timeoutMs);
    queryScope.run(c.scope, done);
  });
  app.addHook('preParsing', (request, _reply, payload, done) => {
    const c = clocks.get(request);
    const hasBody = request.headers['content-length'] !== undefined || request.headers['transfer-encoding'] !== undefined;
    if (c?.timer && hasBody) {
      clearTimeout(c.timer);
      c.timer = null;
      c.paused = true;
      c.left = Math.max(0, c.left - (Date.now() - c.since));
    }
    done(null, payload);
  });
  // The body was read in the socket's context: the handler re-enters the request's scope.
  app.addHook('preValidation', (request, reply, done) => {
    const c = clocks.get(request);
    if (!c) return done();
    if (c.paused) {
      c.paused = false;
      arm(request, reply, c, c.left);
    }
    queryScope.run(c.scope, done);
  });
  const clear = async (request: FastifyRequest) => {
    const c = clocks.get(request);
    if (c?.timer) clearTimeout(c.timer);
    clocks.delete(request);
  };
  app.addHook('onResponse', clear);
  app.addHook('onRequestAbort', clear);
}

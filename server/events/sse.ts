/**
 * Server-Sent Events for the hub console. Events carry only a kind and an id; the console
 * fetches what its role may see. A comment line every 25 s keeps proxies from closing the
 * stream; `retry` tells browsers to reconnect after 3 s. After this copy's event connection was
 * lost and is back, every stream gets `resync` (events may have been missed: refetch). Each
 * account may hold SSE_MAX_STREAMS_PER_ACCOUNT streams on one app copy; the next gets 429.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import type { HubEvent } from './event-bus.js';

const HEARTBEAT_MS = 25_000;
/** A refused stream may try again after this (a tab closing frees its slot at once). */
const STREAM_RETRY_AFTER_S = 30;
/** Whose each open stream is, to count an account's streams on this app copy. */
const owners = new WeakMap<import('node:http').ServerResponse, string>();

declare module 'fastify' {
  interface FastifyInstance {
    /** Open event streams, ended when the app closes so shutdown does not wait on them. */
    sseStreams: Set<import('node:http').ServerResponse>;
  }
}

export async function streamEvents(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  /** Which events this caller may see; by default all of the tenant's except other accounts' personal ones. */
  accept: (e: HubEvent) => boolean = () => true,
): Promise<void> {
  const p = request.principal;
  if (!p) throw new AppError(401, 'unauthenticated');
  const open = request.server.sseStreams;
  let mine = 0;
  for (const r of open) if (owners.get(r) === p.accountId) mine++;
  if (mine >= ctx.config.sseMaxStreamsPerAccount) {
    throw new AppError(429, 'too_many_streams', undefined, { max: ctx.config.sseMaxStreamsPerAccount, retryAfterS: STREAM_RETRY_AFTER_S });
  }
  reply.hijack();
  const res = reply.raw;
  open.add(res);
  owners.set(res, p.accountId);
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  res.write('retry: 3000\n: connected\n\n');
  const unsubscribe = ctx.events.subscribe(p.tenantId, (e) => {
    // Whatever this stream shows, it may have missed some of it: every stream gets resync.
    if (e.type === 'resync') {
      res.write(`event: resync\ndata: ${JSON.stringify({ type: 'resync' })}\n\n`);
      return;
    }
    if (e.accountId && e.accountId !== p.accountId) return;
    // Between app copies only (their ingest caches); no console needs it.
    if (e.type === 'device.changed') return;
    if (!accept(e)) return;
    res.write(`event: ${e.type}\ndata: ${JSON.stringify({ type: e.type, id: e.id })}\n\n`);
  });
  const beat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
  beat.unref();
  const end = () => {
    clearInterval(beat);
    unsubscribe();
    open.delete(res);
  };
  request.raw.on('close', end);
  res.on('error', end);
}

/**
 * Server-Sent Events for the hub console. Events carry only a kind and an id; the console
 * fetches what its role may see. A comment line every 25 s keeps proxies from closing the
 * stream; `retry` tells browsers to reconnect after 3 s.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import type { HubEvent } from './event-bus.js';

const HEARTBEAT_MS = 25_000;

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
  reply.hijack();
  const res = reply.raw;
  const open = request.server.sseStreams;
  open.add(res);
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  res.write('retry: 3000\n: connected\n\n');
  const unsubscribe = ctx.events.subscribe(p.tenantId, (e) => {
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

/**
 * Authentication and route-level authorization. Every /api route declares
 * `config: { permission }` ('public' for the few open ones); a route without one fails the
 * boot, so nothing is reachable by accident. Writes made with a session cookie must carry
 * the session's CSRF token in `x-csrf-token`.
 */

import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { resolvePhoneToken } from './authenticators/phone-token.js';
import { csrfMatches, type ResolvedSession, resolveSession, SESSION_COOKIE } from './authenticators/session.js';
import { auditDenied } from './denied.js';
import type { Principal, RequestMeta } from './principal.js';
import { requireAccess } from './require-access.js';
import type { Permission } from './roles.js';

export type RouteAccess = Permission | 'public' | 'authenticated';

declare module 'fastify' {
  interface FastifyContextConfig {
    permission?: RouteAccess;
    /** Public routes that still want the session when there is one. */
    optionalSession?: boolean;
    /**
     * The route checks text in its items itself and answers per item (telemetry batches: one bad
     * reading is rejected, the rest kept), so the app-wide input guard leaves its body alone.
     */
    perItemValidation?: boolean;
    /** Open to a session whose account must change its password first (me, logout, change password). */
    beforePasswordChange?: boolean;
  }
  interface FastifyRequest {
    principal: Principal | null;
    session: ResolvedSession | null;
    meta: RequestMeta;
  }
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** All /api routes with the permission each declares: the matrix tests enumerate this. */
export const declaredRoutes: { method: string; url: string; permission: RouteAccess }[] = [];

export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new AppError(401, 'unauthenticated');
  return request.principal;
}

export const accessPlugin = fp(async (app: FastifyInstance, opts: { ctx: AppContext }) => {
  app.decorateRequest('principal', null);
  app.decorateRequest('session', null);
  app.decorateRequest('meta', null as unknown as RequestMeta);

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/')) return;
    const permission = route.config?.permission;
    if (!permission) throw new Error(`route ${String(route.method)} ${route.url} declares no permission`);
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue;
      if (!declaredRoutes.some((r) => r.method === method && r.url === route.url))
        declaredRoutes.push({ method, url: route.url, permission });
    }
  });

  app.addHook('onRequest', async (request) => {
    request.meta = { ip: request.ip ?? null, userAgent: request.headers['user-agent'] ?? null };
    const permission = request.routeOptions.config?.permission;
    if (!permission) return; // static files, docs
    if (permission === 'public' && !request.routeOptions.config?.optionalSession) return;
    const auth = request.headers.authorization;
    if (auth?.startsWith('Bearer ')) {
      // An enrolled phone: no cookie, so no CSRF; the role is partner or supporter.
      const principal = await resolvePhoneToken(opts.ctx, auth.slice(7).trim());
      if (!principal) throw new AppError(401, 'device_token_invalid');
      request.principal = principal;
      if (permission !== 'public' && permission !== 'authenticated') requireAccess(principal, permission);
      return;
    }
    const token = request.cookies?.[SESSION_COOKIE];
    const session = token ? await resolveSession(opts.ctx, token) : null;
    if (!session) {
      if (permission === 'public') return;
      throw new AppError(401, 'unauthenticated');
    }
    request.session = session;
    request.principal = session.principal;
    if (!SAFE.has(request.method) && !csrfMatches(session.csrfToken, request.headers['x-csrf-token'] as string | undefined)) {
      throw new AppError(403, 'csrf_invalid');
    }
    // A one-time password opens nothing but the way to replace it.
    if (session.passwordChangeRequired && !request.routeOptions.config?.beforePasswordChange && permission !== 'public') {
      throw new AppError(403, 'password_change_required');
    }
    if (permission !== 'public' && permission !== 'authenticated') requireAccess(session.principal, permission);
  });

  // Every 403 to someone logged in is audited (who tried what), before the error handler answers.
  app.addHook('onError', async (request, _reply, error) => {
    if (!(error instanceof AppError) || error.status !== 403 || !request.principal) return;
    try {
      await auditDenied(opts.ctx, request, error);
    } catch (err) {
      request.log.error({ err }, 'could not audit a denied request');
    }
  });
});

/**
 * Audit rows for refused requests (403 to a known principal: a missing permission, a bad CSRF
 * token, a resource rule, a password that must be changed first). They say who tried which
 * route and why, never the body or a query string, which may hold personal data.
 */
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import type { AppError } from '../errors.js';
import { type AuditEntry, audit } from './audit.js';

/** The record kind a route is about, from its first path segment after the API prefix. */
const ENTITY_OF_SEGMENT: Record<string, AuditEntry['entityType']> = {
  accounts: 'account',
  agreements: 'agreement',
  alerts: 'alert',
  'api-keys': 'api_key',
  cases: 'case',
  'checkin-plans': 'checkin',
  concerns: 'concern',
  device: 'device',
  devices: 'device',
  households: 'household',
  notifications: 'notification',
  partners: 'partner',
  people: 'person',
  photos: 'photo',
  referrals: 'referral',
  settings: 'settings',
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The audit entry for a refused request: entity from the route, detail without personal data. */
export function deniedEntry(request: FastifyRequest, error: AppError): AuditEntry {
  const route = request.routeOptions.url ?? '';
  const segment = route.replace(/^\/api\/v1\//, '').split('/')[0] ?? '';
  const entityType = ENTITY_OF_SEGMENT[segment] ?? 'route';
  const id = (request.params as Record<string, unknown> | undefined)?.id;
  const permission = error.params.permission;
  return {
    action: 'denied',
    entityType,
    entityId: entityType !== 'route' && typeof id === 'string' && UUID.test(id) ? id : null,
    detail: { method: request.method, route, code: error.code, ...(permission ? { permission } : {}) },
  };
}

/** Writes the denied row in its own statement (the request's work, if any, was rolled back). */
export async function auditDenied(ctx: AppContext, request: FastifyRequest, error: AppError): Promise<void> {
  const p = request.principal;
  if (!p) return;
  await audit(ctx.db, p, request.meta, ctx.clock.now(), [deniedEntry(request, error)]);
}

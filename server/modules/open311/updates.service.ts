/**
 * FixMyStreet's Open311 update extension, inbound: its client posts what residents add to a
 * report (`POST servicerequestupdates.{xml,json}`, form-encoded: service_request_id, update_id,
 * status, description, updated_datetime, the resident's name/email/phone, media_url). We keep the
 * text on the concern's timeline for hub staff and answer with our update id only: nothing about
 * the concern, the person or the case goes back. Same key, scope and limits as filing: the key
 * must be live and of the jurisdiction, the request must have been filed through the key's
 * partner (any other id, of this tenant or another, is 404 like one that does not exist).
 * The client's update_id makes a retry idempotent (FixMyStreet resends a comment whose answer
 * it lost); without one, the same update through the same key within ten minutes is one update.
 */
import { createHash } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import { audit } from '../../access/audit.js';
import type { Principal, RequestMeta } from '../../access/principal.js';
import { requireAccess } from '../../access/require-access.js';
import type { AppContext } from '../../context.js';
import { withTransaction } from '../../db/transaction.js';
import { AppError } from '../../errors.js';
import { translate } from '../../i18n.js';
import { recordCaseEvent } from '../cases/cases.service.js';
import { requireApiKey } from './open311.auth.js';
import { parseW3 } from './open311.catalogue.js';
import { concernExists, countUpdatesSince, insertUpdate, requestInScope, updateByClientId, updatesOfConcern } from './open311.queries.js';
import type { FormBody } from './open311.service.js';

/** FixMyStreet's statuses: OPEN/CLOSED, and its extended ones when the body enables them. */
export const UPDATE_STATUSES = [
  'OPEN',
  'CLOSED',
  'FIXED',
  'IN_PROGRESS',
  'ACTION_SCHEDULED',
  'INVESTIGATING',
  'DUPLICATE',
  'NOT_COUNCILS_RESPONSIBILITY',
  'NO_FURTHER_ACTION',
  'INTERNAL_REFERRAL',
  'FOR_TRIAGE',
  'CANCELLED',
  'REOPEN',
] as const;
/** Per key, like filing: residents' updates are few; these stop a runaway client. */
export const UPDATE_RATE_LIMITS = [
  { windowMs: 60_000, max: 20 },
  { windowMs: 3_600_000, max: 300 },
] as const;
const DEDUPE_BUCKET_MS = 10 * 60_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function field(body: FormBody, name: string): string | undefined {
  const v = body[name];
  const s = Array.isArray(v) ? v[0] : v;
  const t = s?.trim();
  return t ? t : undefined;
}

function limit(value: string | undefined, max: number, name: string): void {
  if (value && value.length > max) throw new AppError(400, 'field_too_long', undefined, { field: name, max });
}

/** POST servicerequestupdates: stores a resident's update on the concern; answers our update id. */
export async function postUpdate(ctx: AppContext, body: FormBody) {
  const holder = await requireApiKey(ctx, field(body, 'api_key'), field(body, 'jurisdiction_id'));
  const requestId = field(body, 'service_request_id');
  if (!requestId) throw new AppError(400, 'service_request_id_required');
  const status = field(body, 'status')?.toUpperCase();
  if (!status || !(UPDATE_STATUSES as readonly string[]).includes(status)) throw new AppError(400, 'update_status_invalid');
  const description = field(body, 'description');
  const mediaUrl = field(body, 'media_url');
  const clientId = field(body, 'update_id');
  const updated = field(body, 'updated_datetime');
  limit(description, 4000, 'description');
  limit(mediaUrl, 1000, 'media_url');
  limit(clientId, 100, 'update_id');
  if (!description && !mediaUrl) throw new AppError(400, 'update_description_required');
  const clientUpdatedAt = updated ? parseW3(updated) : undefined;
  if (updated && !clientUpdatedAt) throw new AppError(400, 'invalid_date', undefined, { field: 'updated_datetime' });

  const scope = { tenantId: holder.tenantId, keyId: holder.keyId, partnerId: holder.partnerId };
  const request = UUID.test(requestId) ? await requestInScope(ctx.db, scope, requestId) : undefined;
  if (!request) throw new AppError(404, 'request_not_found');

  // The client's own id, or the same update (every field) within ten minutes.
  const now = ctx.clock.now();
  const hash = createHash('sha256')
    .update(JSON.stringify([requestId, status, description, mediaUrl, updated]))
    .digest('base64url');
  const bucket = Math.floor(now.getTime() / DEDUPE_BUCKET_MS);
  const key = clientId ?? `h:${hash}:${bucket}`;
  const prior =
    (await updateByClientId(ctx.db, holder.tenantId, holder.keyId, key)) ??
    (clientId ? undefined : await updateByClientId(ctx.db, holder.tenantId, holder.keyId, `h:${hash}:${bucket - 1}`));
  if (prior) {
    if (prior.concern_id !== request.id) throw new AppError(409, 'update_id_reused');
    return [{ update_id: prior.id }];
  }

  for (const { windowMs, max } of UPDATE_RATE_LIMITS) {
    if ((await countUpdatesSince(ctx.db, holder.tenantId, holder.keyId, new Date(now.getTime() - windowMs))) >= max) {
      throw new AppError(429, 'open311_rate_limited', undefined, { seconds: Math.round(windowMs / 1000) });
    }
  }

  // Names, email and phone are not stored: the callback contact is on the request already.
  const text = [description, mediaUrl ? translate('ja', 'open311.media_note', { url: mediaUrl }) : null].filter(Boolean).join('\n');
  const id = uuidv7();
  const stored = await withTransaction(ctx, async (trx, emit) => {
    const row = await insertUpdate(trx, {
      tenant_id: holder.tenantId,
      id,
      concern_id: request.id,
      api_key_id: holder.keyId,
      client_update_id: key,
      status,
      description: text,
      client_updated_at: clientUpdatedAt ?? null,
      received_at: now,
    });
    if (!row) return undefined; // a concurrent retry stored it first
    if (request.case_id) {
      await recordCaseEvent(trx, holder.tenantId, request.case_id, 'resident_update', now, null, {
        concern_id: request.id,
        update_id: id,
        status,
      });
      emit({ tenantId: holder.tenantId, type: 'case.updated', id: request.case_id });
    }
    return row;
  });
  if (!stored) {
    const again = await updateByClientId(ctx.db, holder.tenantId, holder.keyId, key);
    return [{ update_id: again!.id }];
  }
  return [{ update_id: id }];
}

/** Hub staff: what residents added to a concern through an Open311 client, oldest first. */
export async function residentUpdates(ctx: AppContext, principal: Principal | null, meta: RequestMeta, concernId: string) {
  const p = requireAccess(principal, 'concern:read');
  if (!(await concernExists(ctx.db, p.tenantId, concernId))) throw new AppError(404, 'concern_not_found');
  const rows = await updatesOfConcern(ctx.db, p.tenantId, concernId);
  await audit(ctx.db, p, meta, ctx.clock.now(), [
    { action: 'read', entityType: 'concern', entityId: concernId, detail: { resident_updates: rows.length } },
  ]);
  return {
    items: rows.map((u) => ({
      id: u.id,
      status: u.status,
      description: u.description,
      client_updated_at: u.client_updated_at?.toISOString() ?? null,
      received_at: u.received_at.toISOString(),
    })),
  };
}

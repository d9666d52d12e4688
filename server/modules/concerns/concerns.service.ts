/**
 * Concerns (気づき): objective facts about a place, filed by partners, supporters, staff or
 * residents. Receipt time (覚知) is the server's clock, never the client's; no name is needed.
 */
import { createHash } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import { audit } from '../../access/audit.js';
import { recordsForOthers, seesPersonalData } from '../../access/policies.js';
import type { Principal, RequestMeta } from '../../access/principal.js';
import { requireAccess } from '../../access/require-access.js';
import type { AppContext } from '../../context.js';
import type { DB } from '../../db/database.js';
import type { Emit } from '../../db/transaction.js';
import { AppError } from '../../errors.js';
import type { Urgency } from '../../schema-helpers.js';
import { isSaneInputDate } from '../../time.js';
import { requirePerson } from '../people/people.service.js';
import { areaOf, categoriesOf, type TenantSettings, tenantInfo } from '../tenants/tenants.service.js';
import {
  deleteIdempotencyKeysBefore,
  duplicateCandidates,
  effectiveRadius,
  findConcern,
  findIdempotent,
  householdOfConcern,
  insertConcern,
  lockConcern,
  myConcerns,
  openCasesNear,
  setThanks,
  touchConcernsOfCase,
  updateConcernRow,
} from './concerns.queries.js';
import type { ConcernAck, ConcernCreateBody, DuplicateReason } from './concerns.schemas.js';
import type { Channel, ConcernStatus, ReporterKind } from './concerns.tables.js';
import { listPhotos } from './photos.service.js';
import { placeKey } from './place-key.js';
import { referenceOf } from './reference.js';

export { placeKey } from './place-key.js';

/** How far around a concern the console shows open cases ("nearby"), in metres. */
const NEARBY_CASES_M = 300;

/** Clocks on phones drift; an observation a few minutes "ahead" is accepted. */
const FUTURE_SKEW_MS = 5 * 60_000;

export function duplicateRadius(settings: TenantSettings): number {
  return settings.duplicateRadiusMeters ?? 150;
}
export function duplicateWindowMs(settings: TenantSettings): number {
  return (settings.duplicateWindowDays ?? 14) * 86_400_000;
}

/** SHA-256 of a body with its keys sorted: the same request always hashes the same. */
export function canonicalHash(body: unknown): string {
  const sorted = (v: unknown): unknown =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, sorted((v as Record<string, unknown>)[k])]),
        )
      : v;
  return createHash('sha256')
    .update(JSON.stringify(sorted(body)))
    .digest('base64url');
}

export interface CreateResult {
  ack: ConcernAck;
  replayed: boolean;
}

/** Who is filing, decided by the caller's channel (session, device, public page, Open311), never by the body. */
export interface Intake {
  tenantId: string;
  reporterKind: ReporterKind;
  channel: Channel;
  reporterAccountId: string | null;
  reporterPartnerId: string | null;
  reporterDeviceId: string | null;
  anonymous: boolean;
  callbackContact: string | null;
  /** Scope of idempotency keys (an account, a device, an API key, or the public page). */
  idempotencyPrincipal: string;
  open311?: boolean;
  /** The person the concern is about, when the filer knows them (a check-in's wish to talk). */
  personId?: string | null;
  /** Queue order before triage when the flow knows better than the category (0 most urgent). */
  priority?: number;
  /** Refuse (400 place_required) a concern with neither a point, a place text nor a person. */
  requirePlace?: boolean;
}

export interface ConcernFields {
  category: string;
  description?: string;
  observed_at?: string;
  place_text?: string;
  latitude?: number;
  longitude?: number;
}

/**
 * Validates and stores a concern for any intake channel: server receipt time, category from
 * the tenant's list, point-in-area, idempotency. One insert statement (autocommit: the hot path);
 * the live event is published after it commits.
 */
export async function fileConcern(
  ctx: AppContext,
  intake: Intake,
  body: ConcernFields,
  idempotencyKey: string | undefined,
): Promise<CreateResult> {
  return fileWith(ctx.db, (e) => ctx.events.publish([e]), ctx.clock.now(), intake, body, idempotencyKey);
}

/**
 * The same for another module's flow (an alert's case, a check-in's wish to talk), inside the
 * caller's transaction: the concern commits with the caller's writes and its event waits for them.
 */
export async function fileConcernIn(trx: DB, emit: Emit, now: Date, intake: Intake, body: ConcernFields): Promise<ConcernAck> {
  return (await fileWith(trx, emit, now, intake, body, undefined)).ack;
}

async function fileWith(
  db: DB,
  emit: Emit,
  now: Date,
  intake: Intake,
  body: ConcernFields,
  idempotencyKey: string | undefined,
): Promise<CreateResult> {
  if (idempotencyKey !== undefined && (idempotencyKey.length < 1 || idempotencyKey.length > 200)) {
    throw new AppError(400, 'invalid_idempotency_key');
  }
  // No look-up first: the insert claims the key atomically, and only a retry pays a second query.
  const requestHash = idempotencyKey ? canonicalHash(body) : '';
  const { settings, areas } = await tenantInfo(db, intake.tenantId);
  const category = categoriesOf(settings).find((c) => c.code === body.category);
  if (!category) throw new AppError(400, 'unknown_category', undefined, { category: body.category });
  const observedAt = body.observed_at ? new Date(body.observed_at) : now;
  if (Number.isNaN(observedAt.getTime())) throw new AppError(400, 'invalid_input', undefined, { field: 'observed_at' });
  if (!isSaneInputDate(observedAt)) throw new AppError(400, 'date_out_of_range', undefined, { field: 'observed_at' });
  if (observedAt.getTime() > now.getTime() + FUTURE_SKEW_MS) throw new AppError(400, 'observed_in_future');
  if ((body.latitude === undefined) !== (body.longitude === undefined)) throw new AppError(400, 'coordinates_incomplete');
  const hasPoint = body.latitude !== undefined && body.longitude !== undefined;
  if (intake.requirePlace && !hasPoint && !body.place_text?.trim() && !intake.personId) throw new AppError(400, 'place_required');
  const areaId = hasPoint ? areaOf(areas, body.latitude!, body.longitude!) : null;

  const id = uuidv7();
  const ack: ConcernAck = {
    id,
    reference: referenceOf(id),
    received_at: now.toISOString(),
    status: 'received',
    category: category.code,
    outside_area: hasPoint && areaId === null,
  };
  const inserted = await insertConcern(
    db,
    {
      tenant_id: intake.tenantId,
      id,
      received_at: now,
      observed_at: observedAt,
      category: category.code,
      description: body.description?.trim() ?? '',
      place_text: body.place_text?.trim() ?? '',
      place_key: placeKey(body.place_text),
      latitude: body.latitude ?? null,
      longitude: body.longitude ?? null,
      area_id: areaId,
      outside_area: ack.outside_area,
      channel: intake.channel,
      reporter_kind: intake.reporterKind,
      reporter_account_id: intake.reporterAccountId,
      reporter_partner_id: intake.reporterPartnerId,
      anonymous: intake.anonymous,
      callback_contact: intake.anonymous ? null : intake.callbackContact?.trim() || null,
      reporter_device_id: intake.reporterDeviceId,
      open311_service_request: intake.open311 ?? false,
      priority: intake.priority ?? category.priority,
      status: 'received',
      triaged_at: null,
      triaged_by: null,
      urgency: null,
      case_id: null,
      person_id: intake.personId ?? null,
      duplicate_of: null,
    },
    idempotencyKey ? { principal: intake.idempotencyPrincipal, key: idempotencyKey, requestHash, response: ack } : null,
  );
  if (!inserted) {
    // A retry, or a concurrent request with the same key that won the race: answer as it did.
    const prior = await findIdempotent(db, intake.tenantId, intake.idempotencyPrincipal, idempotencyKey!);
    return replay(prior!, requestHash);
  }
  emit({ tenantId: intake.tenantId, type: 'concern.received', id });
  return { ack, replayed: false };
}

/** A concern filed by a logged-in account or an enrolled phone. */
export async function createConcern(
  ctx: AppContext,
  principal: Principal | null,
  body: ConcernCreateBody,
  idempotencyKey: string | undefined,
): Promise<CreateResult> {
  const p = requireAccess(principal, 'concern:create');
  // Staff record reports taken by phone or at the counter on the reporter's behalf; everyone
  // else is recorded as themselves, whatever the body says.
  const isStaff = recordsForOthers(p);
  const anonymous = isStaff ? (body.anonymous ?? false) : false;
  const { channel, reporter_kind, anonymous: _a, callback_contact, person_id, ...fields } = body;
  // Naming a person on file needs the right to see people.
  if (person_id !== undefined && !(isStaff && seesPersonalData(p))) throw new AppError(403, 'forbidden');
  // The person must be one of this municipality's (404 otherwise).
  if (person_id) await requirePerson(ctx.db, p.tenantId, person_id);
  return fileConcern(
    ctx,
    {
      tenantId: p.tenantId,
      reporterKind: isStaff
        ? (reporter_kind ?? 'staff')
        : p.role === 'partner'
          ? 'partner'
          : p.role === 'supporter'
            ? 'supporter'
            : 'staff',
      channel: isStaff ? (channel ?? 'web') : p.deviceId ? 'field' : 'web',
      reporterAccountId: p.accountId,
      reporterPartnerId: p.partnerId,
      reporterDeviceId: p.deviceId ?? null,
      anonymous,
      callbackContact: isStaff ? (callback_contact ?? null) : null,
      idempotencyPrincipal: p.accountId,
      personId: person_id ?? null,
      // A report taken by phone must say where to go: a point, a place or the person. Residents
      // and partners filing themselves may not know; theirs is flagged 場所不明 in the queue.
      requirePlace: isStaff,
    },
    fields,
    idempotencyKey,
  );
}

function replay(prior: { request_hash: string; response: unknown }, requestHash: string): CreateResult {
  if (prior.request_hash !== requestHash) throw new AppError(409, 'idempotency_key_reused');
  return { ack: prior.response as ConcernAck, replayed: true };
}

/** What a reporter may see of their own reports: a coarse status, never the person. */
export function coarseStatus(status: ConcernStatus, caseStatus: string | null): 'received' | 'being_handled' | 'closed' {
  if (status === 'dismissed' || caseStatus === 'closed') return 'closed';
  if (status === 'received') return 'received';
  return 'being_handled';
}

export async function listMyConcerns(ctx: AppContext, principal: Principal | null, limit: number) {
  const p = requireAccess(principal, 'concern:read_own');
  const rows = await myConcerns(ctx.db, p.tenantId, p.accountId, limit);
  return rows.map((r) => ({
    id: r.id,
    reference: referenceOf(r.id),
    category: r.category,
    place_text: r.place_text,
    received_at: r.received_at.toISOString(),
    status: coarseStatus(r.status, r.case_status),
    thanks_message: r.thanks_message,
    status_changed_at: r.status_changed_at?.toISOString() ?? null,
  }));
}

export async function getConcern(ctx: AppContext, principal: Principal | null, meta: RequestMeta, id: string, locale: string) {
  const p = requireAccess(principal, 'concern:read');
  const c = await findConcern(ctx.db, p.tenantId, id);
  if (!c) throw new AppError(404, 'concern_not_found');
  const { settings } = await tenantInfo(ctx.db, p.tenantId);
  const now = ctx.clock.now();
  const photos = await listPhotos(ctx, p.tenantId, id);
  const householdId = await householdOfConcern(ctx.db, p.tenantId, c.person_id, c.case_id);
  const [dups, nearby] = await Promise.all([
    duplicateCandidates(
      ctx.db,
      { ...c, household_id: householdId },
      new Date(c.received_at.getTime() - duplicateWindowMs(settings)),
      duplicateRadius(settings),
    ),
    c.latitude !== null && c.longitude !== null
      ? openCasesNear(ctx.db, p.tenantId, c.latitude, c.longitude, NEARBY_CASES_M, c.case_id)
      : Promise.resolve([]),
  ]);
  await audit(ctx.db, p, meta, now, [{ action: 'read', entityType: 'concern', entityId: id }]);
  const label = categoriesOf(settings).find((x) => x.code === c.category)?.labels;
  return {
    id: c.id,
    reference: referenceOf(c.id),
    category: c.category,
    category_label: label?.[locale] ?? label?.ja ?? c.category,
    priority: c.priority,
    description: c.description,
    place_text: c.place_text,
    latitude: c.latitude,
    longitude: c.longitude,
    area_id: c.area_id,
    area_name: c.area_name,
    outside_area: c.outside_area,
    observed_at: c.observed_at.toISOString(),
    received_at: c.received_at.toISOString(),
    channel: c.channel,
    reporter_kind: c.reporter_kind,
    anonymous: c.anonymous,
    partner_name: c.partner_name ?? null,
    possible_duplicates: dups.length,
    place_unknown: isPlaceUnknown(c),
    status: c.status,
    callback_contact: c.callback_contact,
    reporter_account_id: c.reporter_account_id,
    reporter_partner_id: c.reporter_partner_id,
    reporter_name: c.reporter_name,
    triaged_at: c.triaged_at?.toISOString() ?? null,
    urgency: c.urgency,
    case_id: c.case_id,
    person_id: c.person_id,
    photos,
    thanks_message: c.thanks_message,
    duplicates: dups.map((d) => ({
      id: d.id,
      reference: referenceOf(d.id),
      category: d.category,
      place_text: d.place_text,
      latitude: d.latitude,
      longitude: d.longitude,
      reasons: duplicateReasons(d, duplicateRadius(settings)),
      received_at: d.received_at.toISOString(),
      status: d.status,
      case_id: d.case_status === 'closed' ? null : d.case_id,
      case_number: d.case_status === 'closed' ? null : d.case_number,
      distance_m: d.distance_m === null ? null : Math.round(d.distance_m),
    })),
    nearby_cases: nearby.map((k) => ({
      id: k.id,
      case_number: k.case_number,
      status: k.status,
      urgency: k.urgency,
      latitude: k.latitude!,
      longitude: k.longitude!,
      distance_m: Math.round(k.distance_m),
    })),
  };
}

/** Why a candidate is suggested, strongest first. */
function duplicateReasons(
  d: { same_place: boolean; same_person: boolean; same_household: boolean; distance_m: number | null },
  radiusM: number,
): DuplicateReason[] {
  const out: DuplicateReason[] = [];
  if (d.same_person) out.push('same_person');
  if (d.same_household) out.push('same_household');
  if (d.same_place) out.push('same_place_text');
  if (d.distance_m !== null && d.distance_m <= effectiveRadius(radiusM) + 1) out.push('nearby');
  return out;
}

/** Neither a point, a place text nor a person: someone must find out where (場所不明). */
export function isPlaceUnknown(c: { latitude: number | null; place_text: string; person_id: string | null }): boolean {
  return c.latitude === null && !c.place_text.trim() && c.person_id === null;
}

/** The hub thanks the reporter; they see the message in "my reports" (never any case detail). */
export async function thankReporter(ctx: AppContext, principal: Principal | null, meta: RequestMeta, id: string, message: string) {
  const p = requireAccess(principal, 'triage:write');
  const now = ctx.clock.now();
  const row = await setThanks(ctx.db, p.tenantId, id, message, now);
  if (!row) throw new AppError(404, 'concern_not_found');
  await audit(ctx.db, p, meta, now, [{ action: 'update', entityType: 'concern', entityId: id, detail: { thanks: true } }]);
  if (row.reporter_account_id)
    ctx.events.publish([{ tenantId: p.tenantId, type: 'concern.status', id, accountId: row.reporter_account_id }]);
  return { id, thanks_message: message, thanked_at: now.toISOString() };
}

// ---------------------------------------------------------------------------------------------
// For other modules (each writes in the caller's transaction).

/** A concern still waiting for triage, locked: 404 concern_not_found, 409 concern_already_triaged. */
export async function lockUntriagedConcern(trx: DB, tenantId: string, concernId: string) {
  const c = await lockConcern(trx, tenantId, concernId);
  if (!c) throw new AppError(404, 'concern_not_found');
  if (c.status !== 'received') throw new AppError(409, 'concern_already_triaged');
  return c;
}

/**
 * Records a triage decision on a concern (its case, person and urgency; triagedBy null for the
 * system) and tells the hub console and the reporter's app.
 */
export async function markTriaged(
  trx: DB,
  emit: Emit,
  t: {
    tenantId: string;
    concernId: string;
    caseId: string;
    personId: string | null;
    urgency: Urgency;
    triagedBy: string | null;
    now: Date;
    reporterAccountId?: string | null;
  },
): Promise<void> {
  await updateConcernRow(trx, t.tenantId, t.concernId, {
    status: 'triaged',
    triaged_at: t.now,
    triaged_by: t.triagedBy,
    urgency: t.urgency,
    case_id: t.caseId,
    person_id: t.personId,
    status_changed_at: t.now,
  });
  emit({ tenantId: t.tenantId, type: 'concern.triaged', id: t.concernId });
  if (t.reporterAccountId) emit({ tenantId: t.tenantId, type: 'concern.status', id: t.concernId, accountId: t.reporterAccountId });
}

/** A case was closed or reopened: its reporters see a new coarse status ("closed" / "being handled"). */
export async function markCaseStatusChanged(trx: DB, emit: Emit, tenantId: string, caseId: string, now: Date): Promise<void> {
  for (const r of await touchConcernsOfCase(trx, tenantId, caseId, now)) {
    if (r.reporter_account_id) emit({ tenantId, type: 'concern.status', id: r.id, accountId: r.reporter_account_id });
  }
}

/** The acknowledgement stored with an idempotency key (a client's retry through another gateway), if any. */
export async function storedAck(db: DB, tenantId: string, principal: string, key: string): Promise<ConcernAck | undefined> {
  return (await findIdempotent(db, tenantId, principal, key))?.response as ConcernAck | undefined;
}

/** Housekeeping: idempotency keys are kept 7 days for client retries. */
export async function purgeIdempotencyKeys(ctx: AppContext): Promise<void> {
  await deleteIdempotencyKeysBefore(ctx.db, new Date(ctx.clock.now().getTime() - 7 * 86_400_000));
}

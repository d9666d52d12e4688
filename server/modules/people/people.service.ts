/**
 * People and households (要配慮者・世帯). Every read of a person's record, and every search, is
 * audited in the same transaction as the read.
 */

import type { Insertable, Selectable } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { audit } from '../../access/audit.js';
import type { Principal, RequestMeta } from '../../access/principal.js';
import { requireAccess } from '../../access/require-access.js';
import type { AppContext } from '../../context.js';
import type { DB } from '../../db/database.js';
import { withTransaction } from '../../db/transaction.js';
import { AppError } from '../../errors.js';
import { tokyoDate } from '../../time.js';
import { areaOf, tenantInfo } from '../tenants/tenants.service.js';
import {
  agencyNames,
  agencyOf,
  findPerson,
  householdExists,
  householdOf,
  insertConsent,
  insertHousehold,
  insertPerson,
  lockConsent,
  lockPersonPoint,
  personConsents,
  personExists,
  personPlace,
  searchPeople,
  updatePersonRow,
  withdrawConsentRow,
} from './people.queries.js';
import type { ConsentBody, ConsentDto, HouseholdCreate, PersonCreate, PersonPatch, WithdrawBody } from './people.schemas.js';
import type { ConsentsTable, PeopleTable } from './people.tables.js';

/**
 * Age in whole years on `today` (YYYY-MM-DD, Tokyo): exact from the birth date; from the birth
 * year alone it is the age reached this year, marked approximate.
 */
export function ageOn(today: string, birthDate: string | null, birthYear: number | null): { years: number; approximate: boolean } | null {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  if (birthDate) {
    const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
    return { years: y - by - (m < bm || (m === bm && d < bd) ? 1 : 0), approximate: false };
  }
  return birthYear === null ? null : { years: y - birthYear, approximate: true };
}

type ConsentRow = Selectable<ConsentsTable>;
type AgencyRef = { id: string; name: string; kind: string };

/** active, expired (past expires_at) or withdrawn, at `now`. */
function consentState(c: Pick<ConsentRow, 'withdrawn_at' | 'expires_at'>, now: Date): ConsentDto['state'] {
  if (c.withdrawn_at && c.withdrawn_at <= now) return 'withdrawn';
  if (c.expires_at && c.expires_at <= now) return 'expired';
  return 'active';
}

function consentDto(c: ConsentRow, agencies: Map<string, AgencyRef>, now: Date): ConsentDto {
  const state = consentState(c, now);
  return {
    id: c.id,
    shared_with: c.shared_with,
    agency_ids: c.agency_ids,
    agency_names: c.agency_ids.map((id) => agencies.get(id)?.name ?? id),
    agency_kinds: c.agency_kinds,
    scope_items: c.scope_items,
    scope: c.scope,
    method: c.method,
    given_at: c.given_at.toISOString(),
    expires_at: c.expires_at?.toISOString() ?? null,
    withdrawn_at: c.withdrawn_at?.toISOString() ?? null,
    withdrawn_reason: c.withdrawn_reason,
    state,
    active: state === 'active',
  };
}

/** Whether a consent allows sharing with this agency: named, of a named kind, or (older free-text records) named by its name or kind. */
function covers(c: Pick<ConsentRow, 'agency_ids' | 'agency_kinds' | 'shared_with'>, agency: AgencyRef): boolean {
  if (c.agency_ids.includes(agency.id) || c.agency_kinds.includes(agency.kind)) return true;
  return c.agency_ids.length === 0 && c.agency_kinds.length === 0 && (c.shared_with === agency.name || c.shared_with === agency.kind);
}

async function agencyMap(db: DB, tenantId: string): Promise<Map<string, AgencyRef>> {
  return new Map((await agencyNames(db, tenantId)).map((a) => [a.id, a]));
}

export async function search(ctx: AppContext, principal: Principal | null, meta: RequestMeta, q: string, limit: number) {
  const p = requireAccess(principal, 'person:read');
  const rows = await searchPeople(ctx.db, p.tenantId, q, limit);
  // The query text can itself be personal data; the audit row keeps only its length.
  await audit(ctx.db, p, meta, ctx.clock.now(), [
    { action: 'search', entityType: 'person', entityId: null, detail: { q_length: q.length, results: rows.map((r) => r.id) } },
  ]);
  return rows.map((r) => ({ ...r, open_cases: r.open_cases ?? 0 }));
}

async function detail(db: DB, tenantId: string, id: string, now: Date) {
  const person = await findPerson(db, tenantId, id);
  if (!person) throw new AppError(404, 'person_not_found');
  const [consents, household, agencies] = await Promise.all([
    personConsents(db, tenantId, id),
    person.household_id ? householdOf(db, tenantId, person.household_id) : Promise.resolve(null),
    agencyMap(db, tenantId),
  ]);
  return {
    id: person.id,
    name: person.name,
    kana: person.kana,
    address: person.address,
    latitude: person.latitude,
    longitude: person.longitude,
    area_id: person.area_id,
    area_name: person.area_name,
    birth_year: person.birth_year,
    birth_date: person.birth_day,
    age: ageOn(tokyoDate(now), person.birth_day, person.birth_year),
    phone: person.phone,
    living_alone: person.living_alone,
    care_service_use: person.care_service_use,
    emergency_contacts: person.emergency_contacts,
    note: person.note,
    household: household ? { id: household.id, address: household.address, members: household.members } : null,
    consents: consents.map((c) => consentDto(c, agencies, now)),
    created_at: person.created_at.toISOString(),
    updated_at: person.updated_at.toISOString(),
  };
}

export async function getPerson(ctx: AppContext, principal: Principal | null, meta: RequestMeta, id: string) {
  const p = requireAccess(principal, 'person:read');
  const out = await detail(ctx.db, p.tenantId, id, ctx.clock.now());
  await audit(ctx.db, p, meta, ctx.clock.now(), [{ action: 'read', entityType: 'person', entityId: id }]);
  return out;
}

async function checkHousehold(db: DB, tenantId: string, householdId: string | null | undefined) {
  if (householdId && !(await householdExists(db, tenantId, householdId))) throw new AppError(400, 'household_not_found');
}

export async function createPerson(ctx: AppContext, principal: Principal | null, meta: RequestMeta, body: PersonCreate) {
  const p = requireAccess(principal, 'person:write');
  if ((body.latitude == null) !== (body.longitude == null)) throw new AppError(400, 'coordinates_incomplete');
  const now = ctx.clock.now();
  const { areas } = await tenantInfo(ctx.db, p.tenantId);
  const id = uuidv7();
  await withTransaction(ctx, async (trx) => {
    await checkHousehold(trx, p.tenantId, body.household_id);
    await insertPerson(trx, {
      tenant_id: p.tenantId,
      id,
      household_id: body.household_id ?? null,
      name: body.name ?? null,
      kana: body.kana ?? null,
      address: body.address ?? null,
      latitude: body.latitude ?? null,
      longitude: body.longitude ?? null,
      area_id: body.latitude != null && body.longitude != null ? areaOf(areas, body.latitude, body.longitude) : null,
      birth_year: body.birth_date ? Number(body.birth_date.slice(0, 4)) : (body.birth_year ?? null),
      birth_date: body.birth_date ?? null,
      phone: body.phone?.trim() || null,
      living_alone: body.living_alone ?? null,
      care_service_use: body.care_service_use ?? 'unknown',
      emergency_contacts: JSON.stringify(body.emergency_contacts ?? []),
      note: body.note ?? null,
      supporter_account_id: null,
      created_at: now,
      updated_at: now,
    });
    await audit(trx, p, meta, now, [{ action: 'create', entityType: 'person', entityId: id }]);
  });
  return detail(ctx.db, p.tenantId, id, now);
}

export async function updatePerson(ctx: AppContext, principal: Principal | null, meta: RequestMeta, id: string, body: PersonPatch) {
  const p = requireAccess(principal, 'person:write');
  const now = ctx.clock.now();
  const { areas } = await tenantInfo(ctx.db, p.tenantId);
  await withTransaction(ctx, async (trx) => {
    const cur = await lockPersonPoint(trx, p.tenantId, id);
    if (!cur) throw new AppError(404, 'person_not_found');
    await checkHousehold(trx, p.tenantId, body.household_id);
    const lat = body.latitude !== undefined ? body.latitude : cur.latitude;
    const lon = body.longitude !== undefined ? body.longitude : cur.longitude;
    if ((lat == null) !== (lon == null)) throw new AppError(400, 'coordinates_incomplete');
    const { emergency_contacts, ...rest } = body;
    await updatePersonRow(trx, p.tenantId, id, {
      ...rest,
      ...(body.birth_date ? { birth_year: Number(body.birth_date.slice(0, 4)) } : {}),
      ...(emergency_contacts ? { emergency_contacts: JSON.stringify(emergency_contacts) } : {}),
      area_id: lat != null && lon != null ? areaOf(areas, lat, lon) : null,
      updated_at: now,
    });
    await audit(trx, p, meta, now, [{ action: 'update', entityType: 'person', entityId: id, detail: { fields: Object.keys(body) } }]);
  });
  return detail(ctx.db, p.tenantId, id, now);
}

/**
 * Records a consent to share. It must name what it covers (agencies, agency kinds, or a free-text
 * shared_with); given_at defaults to now and may not be in the future, expires_at must come after it.
 */
export async function addConsent(ctx: AppContext, principal: Principal | null, meta: RequestMeta, personId: string, body: ConsentBody) {
  const p = requireAccess(principal, 'person:write');
  const now = ctx.clock.now();
  const agencyIds = body.agency_ids ?? [];
  const kinds = (body.agency_kinds ?? []).map((k) => k.trim()).filter(Boolean);
  if (agencyIds.length === 0 && kinds.length === 0 && !body.shared_with?.trim()) throw new AppError(400, 'consent_target_required');
  const givenAt = body.given_at ? new Date(body.given_at) : now;
  if (givenAt.getTime() > now.getTime() + 5 * 60_000) throw new AppError(400, 'consent_given_in_future');
  const expiresAt = body.expires_at ? new Date(body.expires_at) : null;
  if (expiresAt && expiresAt <= givenAt) throw new AppError(400, 'consent_expiry_before_given');
  const id = uuidv7();
  return withTransaction(ctx, async (trx) => {
    await requirePerson(trx, p.tenantId, personId);
    const agencies = await agencyMap(trx, p.tenantId);
    if (agencyIds.some((a) => !agencies.has(a))) throw new AppError(400, 'agency_not_found');
    const label = body.shared_with?.trim() || [...agencyIds.map((a) => agencies.get(a)!.name), ...kinds.map((k) => `[${k}]`)].join('、');
    const row: ConsentRow = {
      tenant_id: p.tenantId,
      id,
      person_id: personId,
      shared_with: label,
      scope: body.scope?.trim() ?? '',
      given_at: givenAt,
      withdrawn_at: null,
      recorded_by: p.accountId,
      agency_ids: agencyIds,
      agency_kinds: kinds,
      scope_items: body.scope_items ?? [],
      method: body.method ?? 'unknown',
      expires_at: expiresAt,
      withdrawn_reason: null,
      recorded_at: now,
    };
    await insertConsent(trx, row);
    await audit(trx, p, meta, now, [{ action: 'update', entityType: 'person', entityId: personId, detail: { consent: id } }]);
    return consentDto(row, agencies, now);
  });
}

/** Withdraws a consent (date and reason recorded); from then on it no longer counts. Withdrawing twice keeps the first. */
export async function withdrawConsent(
  ctx: AppContext,
  principal: Principal | null,
  meta: RequestMeta,
  consentId: string,
  body: WithdrawBody = {},
) {
  const p = requireAccess(principal, 'person:write');
  const now = ctx.clock.now();
  return withTransaction(ctx, async (trx) => {
    const c = await lockConsent(trx, p.tenantId, consentId);
    if (!c) throw new AppError(404, 'consent_not_found');
    const at = body.withdrawn_at ? new Date(body.withdrawn_at) : now;
    if (!c.withdrawn_at) {
      if (at.getTime() > now.getTime() + 5 * 60_000) throw new AppError(400, 'consent_withdrawn_in_future');
      if (at < c.given_at) throw new AppError(400, 'consent_withdrawn_before_given');
      const reason = body.reason?.trim() || null;
      await withdrawConsentRow(trx, p.tenantId, consentId, at, reason);
      c.withdrawn_at = at;
      c.withdrawn_reason = reason;
    }
    await audit(trx, p, meta, now, [
      { action: 'update', entityType: 'person', entityId: c.person_id, detail: { consent_withdrawn: consentId } },
    ]);
    return consentDto(c, await agencyMap(trx, p.tenantId), now);
  });
}

export async function createHousehold(ctx: AppContext, principal: Principal | null, meta: RequestMeta, body: HouseholdCreate) {
  const p = requireAccess(principal, 'person:write');
  if ((body.latitude === undefined) !== (body.longitude === undefined)) throw new AppError(400, 'coordinates_incomplete');
  const now = ctx.clock.now();
  const { areas } = await tenantInfo(ctx.db, p.tenantId);
  const id = uuidv7();
  await withTransaction(ctx, async (trx) => {
    await insertHousehold(trx, {
      tenant_id: p.tenantId,
      id,
      address: body.address ?? null,
      latitude: body.latitude ?? null,
      longitude: body.longitude ?? null,
      area_id: body.latitude !== undefined ? areaOf(areas, body.latitude, body.longitude!) : null,
      note: body.note ?? null,
      created_at: now,
    });
    await audit(trx, p, meta, now, [{ action: 'create', entityType: 'household', entityId: id }]);
  });
  return getHousehold(ctx, p, meta, id);
}

export async function getHousehold(ctx: AppContext, principal: Principal | null, meta: RequestMeta, id: string) {
  const p = requireAccess(principal, 'person:read');
  const h = await householdOf(ctx.db, p.tenantId, id);
  if (!h) throw new AppError(404, 'household_not_found');
  await audit(ctx.db, p, meta, ctx.clock.now(), [{ action: 'read', entityType: 'household', entityId: id }]);
  return {
    id: h.id,
    address: h.address,
    latitude: h.latitude,
    longitude: h.longitude,
    area_id: h.area_id,
    note: h.note,
    members: h.members,
  };
}

// ---------------------------------------------------------------------------------------------
// For other modules (each takes the caller's db or transaction).

/** 404 person_not_found unless the person exists in this tenant (for modules that hang data on a person). */
export async function requirePerson(db: DB, tenantId: string, personId: string): Promise<void> {
  if (!(await personExists(db, tenantId, personId))) throw new AppError(404, 'person_not_found');
}

/** 404 household_not_found unless the household exists in this tenant. */
export async function requireHousehold(db: DB, tenantId: string, householdId: string): Promise<void> {
  if (!(await householdExists(db, tenantId, householdId))) throw new AppError(404, 'household_not_found');
}

/** Where a person lives and their name, or undefined (alerts, check-ins and concerns about them). */
export function placeOfPerson(db: DB, tenantId: string, personId: string) {
  return personPlace(db, tenantId, personId);
}

export interface NewPersonFields {
  name?: string | null;
  kana?: string | null;
  address?: string | null;
  latitude: number | null;
  longitude: number | null;
  areaId: string | null;
  birthYear?: number | null;
  phone?: string | null;
  livingAlone?: boolean | null;
}

/** Records a person found through a concern (triage), in the caller's transaction; returns the new id. */
export async function createPersonIn(db: DB, tenantId: string, f: NewPersonFields, now: Date): Promise<string> {
  const id = uuidv7();
  const row: Insertable<PeopleTable> = {
    tenant_id: tenantId,
    id,
    household_id: null,
    name: f.name ?? null,
    kana: f.kana ?? null,
    address: f.address ?? null,
    latitude: f.latitude,
    longitude: f.longitude,
    area_id: f.areaId,
    birth_year: f.birthYear ?? null,
    phone: f.phone ?? null,
    living_alone: f.livingAlone ?? null,
    care_service_use: 'unknown',
    emergency_contacts: '[]',
    note: null,
    supporter_account_id: null,
    created_at: now,
    updated_at: now,
  };
  await insertPerson(db, row);
  return id;
}

/** Why a referral to an agency may or may not rest on the person's consent. */
export type ConsentCheck =
  | { ok: true; reason: 'covered'; agency: AgencyRef; consent: ConsentDto }
  | { ok: false; reason: 'no_consent' | 'not_covered' | 'expired' | 'withdrawn'; agency: AgencyRef; consent: ConsentDto | null };

/**
 * Checks the person's consents against an agency at `now` (for referrals): the newest active
 * consent that covers it, or why none does. With `consentId`, only that consent is judged
 * (400 consent_not_valid when it is not this person's). 400 agency_not_found for an unknown agency.
 */
export async function checkConsentFor(
  db: DB,
  tenantId: string,
  personId: string,
  agencyId: string,
  now: Date,
  consentId?: string,
): Promise<ConsentCheck> {
  const agency = await agencyOf(db, tenantId, agencyId);
  if (!agency) throw new AppError(400, 'agency_not_found');
  const [all, agencies] = await Promise.all([personConsents(db, tenantId, personId), agencyMap(db, tenantId)]);
  let rows = all;
  if (consentId) {
    rows = all.filter((c) => c.id === consentId);
    if (rows.length === 0) throw new AppError(400, 'consent_not_valid');
  }
  if (rows.length === 0) return { ok: false, reason: 'no_consent', agency, consent: null };
  // Newest first (personConsents orders by given_at desc).
  const covering = rows.filter((c) => covers(c, agency));
  const active = covering.find((c) => consentState(c, now) === 'active');
  if (active) return { ok: true, reason: 'covered', agency, consent: consentDto(active, agencies, now) };
  const latest = covering[0];
  if (!latest) return { ok: false, reason: 'not_covered', agency, consent: null };
  return { ok: false, reason: consentState(latest, now) as 'expired' | 'withdrawn', agency, consent: consentDto(latest, agencies, now) };
}

/**
 * People and households (要配慮者・世帯). Every read of a person's record, and every search, is
 * audited in the same transaction as the read.
 */

import type { Insertable } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { audit } from '../../access/audit.js';
import type { Principal, RequestMeta } from '../../access/principal.js';
import { requireAccess } from '../../access/require-access.js';
import type { AppContext } from '../../context.js';
import type { DB } from '../../db/database.js';
import { withTransaction } from '../../db/transaction.js';
import { AppError } from '../../errors.js';
import { areaOf, tenantInfo } from '../tenants/tenants.service.js';
import {
  consentOf,
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
import type { HouseholdCreate, PersonCreate, PersonPatch } from './people.schemas.js';
import type { PeopleTable } from './people.tables.js';

export async function search(ctx: AppContext, principal: Principal | null, meta: RequestMeta, q: string, limit: number) {
  const p = requireAccess(principal, 'person:read');
  const rows = await searchPeople(ctx.db, p.tenantId, q, limit);
  // The query text can itself be personal data; the audit row keeps only its length.
  await audit(ctx.db, p, meta, ctx.clock.now(), [
    { action: 'search', entityType: 'person', entityId: null, detail: { q_length: q.length, results: rows.map((r) => r.id) } },
  ]);
  return rows.map((r) => ({ ...r, open_cases: r.open_cases ?? 0 }));
}

async function detail(db: DB, tenantId: string, id: string) {
  const person = await findPerson(db, tenantId, id);
  if (!person) throw new AppError(404, 'person_not_found');
  const [consents, household] = await Promise.all([
    personConsents(db, tenantId, id),
    person.household_id ? householdOf(db, tenantId, person.household_id) : Promise.resolve(null),
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
    living_alone: person.living_alone,
    care_service_use: person.care_service_use,
    emergency_contacts: person.emergency_contacts,
    note: person.note,
    household: household ? { id: household.id, address: household.address, members: household.members } : null,
    consents: consents.map((c) => ({
      id: c.id,
      shared_with: c.shared_with,
      scope: c.scope,
      given_at: c.given_at.toISOString(),
      withdrawn_at: c.withdrawn_at?.toISOString() ?? null,
      active: c.withdrawn_at === null,
    })),
    created_at: person.created_at.toISOString(),
    updated_at: person.updated_at.toISOString(),
  };
}

export async function getPerson(ctx: AppContext, principal: Principal | null, meta: RequestMeta, id: string) {
  const p = requireAccess(principal, 'person:read');
  const out = await detail(ctx.db, p.tenantId, id);
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
      birth_year: body.birth_year ?? null,
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
  return detail(ctx.db, p.tenantId, id);
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
      ...(emergency_contacts ? { emergency_contacts: JSON.stringify(emergency_contacts) } : {}),
      area_id: lat != null && lon != null ? areaOf(areas, lat, lon) : null,
      updated_at: now,
    });
    await audit(trx, p, meta, now, [{ action: 'update', entityType: 'person', entityId: id, detail: { fields: Object.keys(body) } }]);
  });
  return detail(ctx.db, p.tenantId, id);
}

export async function addConsent(
  ctx: AppContext,
  principal: Principal | null,
  meta: RequestMeta,
  personId: string,
  sharedWith: string,
  scope: string,
) {
  const p = requireAccess(principal, 'person:write');
  const now = ctx.clock.now();
  const id = uuidv7();
  await withTransaction(ctx, async (trx) => {
    await requirePerson(trx, p.tenantId, personId);
    await insertConsent(trx, {
      tenant_id: p.tenantId,
      id,
      person_id: personId,
      shared_with: sharedWith,
      scope,
      given_at: now,
      withdrawn_at: null,
      recorded_by: p.accountId,
    });
    await audit(trx, p, meta, now, [{ action: 'update', entityType: 'person', entityId: personId, detail: { consent: id } }]);
  });
  return { id, shared_with: sharedWith, scope, given_at: now.toISOString(), withdrawn_at: null, active: true };
}

export async function withdrawConsent(ctx: AppContext, principal: Principal | null, meta: RequestMeta, consentId: string) {
  const p = requireAccess(principal, 'person:write');
  const now = ctx.clock.now();
  return withTransaction(ctx, async (trx) => {
    const c = await lockConsent(trx, p.tenantId, consentId);
    if (!c) throw new AppError(404, 'consent_not_found');
    const withdrawnAt = c.withdrawn_at ?? now;
    if (!c.withdrawn_at) await withdrawConsentRow(trx, p.tenantId, consentId, now);
    await audit(trx, p, meta, now, [
      { action: 'update', entityType: 'person', entityId: c.person_id, detail: { consent_withdrawn: consentId } },
    ]);
    return {
      id: c.id,
      shared_with: c.shared_with,
      scope: c.scope,
      given_at: c.given_at.toISOString(),
      withdrawn_at: withdrawnAt.toISOString(),
      active: false,
    };
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

/** True when the consent exists, belongs to the person and has not been withdrawn (a referral's legal basis). */
export async function consentIsActiveFor(db: DB, tenantId: string, consentId: string, personId: string): Promise<boolean> {
  const c = await consentOf(db, tenantId, consentId);
  return !!c && c.person_id === personId && c.withdrawn_at === null;
}

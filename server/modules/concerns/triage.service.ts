/**
 * Triage: hub staff set a concern's urgency and attach it to a case — a known person's open
 * case, an open case it duplicates, or a new case (for a known person, a new person, or a place
 * while the person is still unknown). The first-contact clock runs from receipt (覚知), not
 * from triage: due = received_at + the tenant's target for the urgency.
 */
import { uuidv7 } from 'uuidv7';
import { audit, type AuditEntry } from '../../access/audit.js';
import type { Principal, RequestMeta } from '../../access/principal.js';
import { requireAccess } from '../../access/require-access.js';
import type { AppContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { loadCaseDto } from '../cases/cases.service.js';
import { findOpenCaseForPerson, insertCase, insertCaseEvent, lockCase, nextCaseNumber } from '../cases/cases.queries.js';
import { insertPerson } from '../people/people.queries.js';
import { areaOf, tenantInfo } from '../tenants/tenant-cache.js';
import { categoriesOf, targetHours } from '../tenants/tenant-settings.js';
import { type TriageBody, type TriageItem } from './concerns.schemas.js';
import { triageQueue } from './concerns.queries.js';
import { duplicateRadius, duplicateWindowMs } from './concerns.service.js';
import { referenceOf } from './reference.js';
import { withTransaction } from '../../db/transaction.js';
import { URGENCIES, type Urgency } from '../../schema-helpers.js';
import { isAssignableRole, requireMayAssign } from '../../access/policies.js';

const rank = (u: Urgency) => URGENCIES.indexOf(u);

export async function getTriageQueue(ctx: AppContext, principal: Principal | null, limit: number, locale: string): Promise<TriageItem[]> {
  const p = requireAccess(principal, 'triage:read');
  const { settings } = await tenantInfo(ctx.db, p.tenantId);
  const since = new Date(ctx.clock.now().getTime() - duplicateWindowMs(settings));
  const rows = await triageQueue(ctx.db, p.tenantId, limit, since, duplicateRadius(settings));
  const labels = new Map(categoriesOf(settings).map((c) => [c.code, c.labels]));
  return rows.map((r) => ({
    id: r.id, reference: referenceOf(r.id), category: r.category,
    category_label: labels.get(r.category)?.[locale] ?? labels.get(r.category)?.ja ?? r.category,
    priority: r.priority, description: r.description, place_text: r.place_text, latitude: r.latitude, longitude: r.longitude,
    area_id: r.area_id, area_name: r.area_name ?? null, outside_area: r.outside_area, observed_at: r.observed_at.toISOString(),
    received_at: r.received_at.toISOString(), channel: r.channel, reporter_kind: r.reporter_kind, anonymous: r.anonymous,
    partner_name: r.partner_name ?? null, possible_duplicates: r.possible_duplicates ?? 0,
  }));
}

export async function triageConcern(ctx: AppContext, principal: Principal | null, meta: RequestMeta, concernId: string, body: TriageBody) {
  const p = requireAccess(principal, 'triage:write');
  const targets = [body.person_id, body.case_id, body.new_person, body.household_id].filter((x) => x !== undefined);
  if (targets.length > 1) throw new AppError(400, 'triage_target_conflict');
  const now = ctx.clock.now();
  const { settings, areas } = await tenantInfo(ctx.db, p.tenantId);
  const caseId = await withTransaction(ctx, async (trx, emit) => {
    const concern = await trx.selectFrom('concerns').selectAll().where('tenant_id', '=', p.tenantId).where('id', '=', concernId).forUpdate().executeTakeFirst();
    if (!concern) throw new AppError(404, 'concern_not_found');
    if (concern.status !== 'received') throw new AppError(409, 'concern_already_triaged');
    const due = new Date(concern.received_at.getTime() + targetHours(settings, body.urgency) * 3_600_000);
    const auditEntries: AuditEntry[] = [{ action: 'triage', entityType: 'concern', entityId: concernId, detail: { urgency: body.urgency } }];

    let personId: string | null = null;
    let householdId: string | null = null;
    let existing: Awaited<ReturnType<typeof lockCase>> | undefined;
    if (body.case_id) {
      existing = await lockCase(trx, p.tenantId, body.case_id);
      if (!existing) throw new AppError(404, 'case_not_found');
      if (existing.status === 'closed') throw new AppError(409, 'case_closed');
      personId = existing.person_id;
    } else if (body.person_id) {
      const person = await trx.selectFrom('people').select('id').where('tenant_id', '=', p.tenantId).where('id', '=', body.person_id).executeTakeFirst();
      if (!person) throw new AppError(404, 'person_not_found');
      personId = person.id;
      existing = await findOpenCaseForPerson(trx, p.tenantId, personId);
    } else if (body.household_id) {
      const h = await trx.selectFrom('households').select('id').where('tenant_id', '=', p.tenantId).where('id', '=', body.household_id).executeTakeFirst();
      if (!h) throw new AppError(404, 'household_not_found');
      householdId = h.id;
      existing = await trx.selectFrom('cases').selectAll().where('tenant_id', '=', p.tenantId).where('household_id', '=', householdId)
        .where('status', '<>', 'closed').orderBy('opened_at', 'desc').forUpdate().executeTakeFirst();
    } else if (body.new_person) {
      const np = body.new_person;
      if ((np.latitude === undefined) !== (np.longitude === undefined)) throw new AppError(400, 'coordinates_incomplete');
      personId = uuidv7();
      const lat = np.latitude ?? concern.latitude;
      const lon = np.longitude ?? concern.longitude;
      await insertPerson(trx, {
        tenant_id: p.tenantId, id: personId, household_id: null, name: np.name?.trim() || null, kana: np.kana?.trim() || null,
        address: np.address?.trim() || concern.place_text || null, latitude: lat, longitude: lon,
        area_id: lat !== null && lon !== null ? areaOf(areas, lat, lon) : concern.area_id, birth_year: np.birth_year ?? null,
        living_alone: np.living_alone ?? null, care_service_use: 'unknown', emergency_contacts: '[]', note: null,
        supporter_account_id: null, created_at: now, updated_at: now,
      });
      auditEntries.push({ action: 'create', entityType: 'person', entityId: personId });
    }

    let caseId: string;
    if (existing) {
      caseId = existing.id;
      // A more urgent concern tightens an open case's deadline; it never loosens it.
      const set: Record<string, unknown> = { updated_at: now };
      if (rank(body.urgency) < rank(existing.urgency)) set.urgency = body.urgency;
      if (existing.first_contact_at === null && due < existing.first_contact_due_at) {
        set.first_contact_due_at = due;
        set.escalated_at = null;
      }
      await trx.updateTable('cases').set(set).where('tenant_id', '=', p.tenantId).where('id', '=', caseId).execute();
      await insertCaseEvent(trx, p.tenantId, caseId, 'concern_merged', now, p.accountId, { concern_id: concernId, urgency: body.urgency });
      auditEntries.push({ action: 'merge', entityType: 'case', entityId: caseId, detail: { concern: concernId } });
    } else {
      caseId = uuidv7();
      const hub = concern.area_id
        ? await trx.selectFrom('hub_areas').select('hub_id').where('tenant_id', '=', p.tenantId).where('area_id', '=', concern.area_id).executeTakeFirst()
        : undefined;
      await insertCase(trx, {
        tenant_id: p.tenantId, id: caseId, case_number: await nextCaseNumber(trx, p.tenantId), person_id: personId, household_id: householdId,
        hub_id: hub?.hub_id ?? p.hubId, assignee_id: null, status: 'open', outcome: null, urgency: body.urgency,
        received_at: concern.received_at, first_contact_due_at: due, first_contact_at: null, first_contact_id: null,
        escalated_at: null, opened_at: now, closed_at: null, created_by: p.accountId, updated_at: now,
      });
      await insertCaseEvent(trx, p.tenantId, caseId, 'opened', now, p.accountId, { concern_id: concernId, urgency: body.urgency });
      auditEntries.push({ action: 'create', entityType: 'case', entityId: caseId });
    }
    if (body.assignee_id) {
      const a = await trx.selectFrom('accounts').select('role').where('tenant_id', '=', p.tenantId).where('id', '=', body.assignee_id).where('disabled_at', 'is', null).executeTakeFirst();
      if (!a || !isAssignableRole(a.role)) throw new AppError(400, 'assignee_not_found');
      requireMayAssign(p, body.assignee_id);
      await trx.updateTable('cases').set({ assignee_id: body.assignee_id }).where('tenant_id', '=', p.tenantId).where('id', '=', caseId).execute();
      await insertCaseEvent(trx, p.tenantId, caseId, 'assigned', now, p.accountId, { assignee_id: body.assignee_id });
    }
    if (body.note?.trim()) {
      await trx.insertInto('case_notes').values({ tenant_id: p.tenantId, id: uuidv7(), case_id: caseId, body: body.note.trim(), created_by: p.accountId, created_at: now }).execute();
    }
    await trx.updateTable('concerns')
      .set({ status: 'triaged', triaged_at: now, triaged_by: p.accountId, urgency: body.urgency, case_id: caseId, person_id: personId, status_changed_at: now })
      .where('tenant_id', '=', p.tenantId).where('id', '=', concernId).execute();
    await audit(trx, p, meta, now, auditEntries);
    emit({ tenantId: p.tenantId, type: 'concern.triaged', id: concernId });
    emit({ tenantId: p.tenantId, type: 'case.updated', id: caseId });
    if (concern.reporter_account_id) emit({ tenantId: p.tenantId, type: 'concern.status', id: concernId, accountId: concern.reporter_account_id });
    return caseId;
  });
  return loadCaseDto(ctx.db, p.tenantId, caseId, now);
}

export async function dismissConcern(ctx: AppContext, principal: Principal | null, meta: RequestMeta, concernId: string, reason: string) {
  const p = requireAccess(principal, 'triage:write');
  const now = ctx.clock.now();
  await withTransaction(ctx, async (trx, emit) => {
    const c = await trx.selectFrom('concerns').select(['status', 'reporter_account_id']).where('tenant_id', '=', p.tenantId).where('id', '=', concernId).forUpdate().executeTakeFirst();
    if (!c) throw new AppError(404, 'concern_not_found');
    if (c.status !== 'received') throw new AppError(409, 'concern_already_triaged');
    await trx.updateTable('concerns').set({ status: 'dismissed', triaged_at: now, triaged_by: p.accountId, dismiss_reason: reason, status_changed_at: now })
      .where('tenant_id', '=', p.tenantId).where('id', '=', concernId).execute();
    await audit(trx, p, meta, now, [{ action: 'triage', entityType: 'concern', entityId: concernId, detail: { dismissed: true, reason } }]);
    emit({ tenantId: p.tenantId, type: 'concern.triaged', id: concernId });
    if (c.reporter_account_id) emit({ tenantId: p.tenantId, type: 'concern.status', id: concernId, accountId: c.reporter_account_id });
  });
  return { id: concernId, status: 'dismissed' as const };
}

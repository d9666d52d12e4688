/**
 * Triage: hub staff set a concern's urgency and attach it to a case — a known person's open case,
 * an open case it duplicates, or a new case (for a known person, a new person, a household, or a
 * place while the person is still unknown). The first-contact clock runs from receipt (覚知), not
 * from triage: due = received_at + the tenant's target for the urgency (openOrMergeCase).
 */
import type { AuditEntry } from '../../access/audit.js';
import { audit } from '../../access/audit.js';
import { requireMayAssign } from '../../access/policies.js';
import type { Principal, RequestMeta } from '../../access/principal.js';
import { requireAccess } from '../../access/require-access.js';
import type { AppContext } from '../../context.js';
import { withTransaction } from '../../db/transaction.js';
import { AppError } from '../../errors.js';
import { lockUntriagedConcern, markTriaged } from '../concerns/concerns.service.js';
import { createPersonIn, requireHousehold, requirePerson } from '../people/people.service.js';
import { areaOf, tenantInfo } from '../tenants/tenants.service.js';
import { addCaseNoteIn, assignCaseIn, loadCaseDto, openOrMergeCase } from './cases.service.js';
import type { TriageBody } from './triage.schemas.js';

export async function triageConcern(ctx: AppContext, principal: Principal | null, meta: RequestMeta, concernId: string, body: TriageBody) {
  const p = requireAccess(principal, 'triage:write');
  const targets = [body.person_id, body.case_id, body.new_person, body.household_id].filter((x) => x !== undefined);
  if (targets.length > 1) throw new AppError(400, 'triage_target_conflict');
  if (body.assignee_id) requireMayAssign(p, body.assignee_id);
  const now = ctx.clock.now();
  const { areas } = await tenantInfo(ctx.db, p.tenantId);
  const caseId = await withTransaction(ctx, async (trx, emit) => {
    const concern = await lockUntriagedConcern(trx, p.tenantId, concernId);
    const auditEntries: AuditEntry[] = [
      { action: 'triage', entityType: 'concern', entityId: concernId, detail: { urgency: body.urgency } },
    ];
    let personId: string | null = null;
    if (body.person_id) {
      await requirePerson(trx, p.tenantId, body.person_id);
      personId = body.person_id;
    } else if (body.household_id) {
      await requireHousehold(trx, p.tenantId, body.household_id);
    } else if (body.new_person) {
      const np = body.new_person;
      if ((np.latitude === undefined) !== (np.longitude === undefined)) throw new AppError(400, 'coordinates_incomplete');
      const lat = np.latitude ?? concern.latitude;
      const lon = np.longitude ?? concern.longitude;
      personId = await createPersonIn(
        trx,
        p.tenantId,
        {
          name: np.name?.trim() || null,
          kana: np.kana?.trim() || null,
          address: np.address?.trim() || concern.place_text || null,
          latitude: lat,
          longitude: lon,
          areaId: lat !== null && lon !== null ? areaOf(areas, lat, lon) : concern.area_id,
          birthYear: np.birth_year ?? null,
          phone: np.phone?.trim() || null,
          livingAlone: np.living_alone ?? null,
        },
        now,
      );
      auditEntries.push({ action: 'create', entityType: 'person', entityId: personId });
    }
    const kase = await openOrMergeCase(trx, emit, {
      tenantId: p.tenantId,
      caseId: body.case_id,
      personId,
      householdId: body.household_id ?? null,
      urgency: body.urgency,
      clockStart: concern.received_at,
      areaId: concern.area_id,
      fallbackHubId: p.hubId,
      actorId: p.accountId,
      now,
      event: { concern_id: concernId },
    });
    auditEntries.push(
      kase.created
        ? { action: 'create', entityType: 'case', entityId: kase.caseId }
        : { action: 'merge', entityType: 'case', entityId: kase.caseId, detail: { concern: concernId } },
    );
    if (body.assignee_id) await assignCaseIn(trx, p.tenantId, kase.caseId, body.assignee_id, p.accountId, now);
    if (body.note?.trim()) await addCaseNoteIn(trx, p.tenantId, kase.caseId, body.note.trim(), p.accountId, now);
    await markTriaged(trx, emit, {
      tenantId: p.tenantId,
      concernId,
      caseId: kase.caseId,
      personId: kase.personId,
      urgency: body.urgency,
      triagedBy: p.accountId,
      now,
      reporterAccountId: concern.reporter_account_id,
    });
    await audit(trx, p, meta, now, auditEntries);
    return kase.caseId;
  });
  return loadCaseDto(ctx.db, p.tenantId, caseId, now);
}

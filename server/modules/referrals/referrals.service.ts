/**
 * Referrals (つなぎ) to agencies. Sharing a person's information needs a legal basis: their
 * active consent, or — when consent cannot be obtained and life is at risk — the protection-of-
 * life exception (APPI art. 27(1)(ii)), which only a hub lead may invoke. No basis, no share.
 * Status follows Primero's shape: sent → accepted | declined, accepted → completed.
 */
import { uuidv7 } from 'uuidv7';
import { audit } from '../../access/audit.js';
import { requireLegalBasisAllowed } from '../../access/policies.js';
import type { Principal, RequestMeta } from '../../access/principal.js';
import { requireAccess } from '../../access/require-access.js';
import type { AppContext } from '../../context.js';
import type { DB } from '../../db/database.js';
import { withTransaction } from '../../db/transaction.js';
import { AppError } from '../../errors.js';
import { caseSubject, lockOpenCase, recordCaseEvent } from '../cases/cases.service.js';
import { type ConsentCheck, checkConsentFor } from '../people/people.service.js';
import {
  agenciesOf,
  agencyById,
  agencyExists,
  findReferral,
  insertReferral,
  lockReferral,
  updateReferralRow,
} from './referrals.queries.js';
import type { ReferralBody, ReferralPatch } from './referrals.schemas.js';

const NEXT: Record<string, string[]> = { sent: ['accepted', 'declined'], accepted: ['completed'], declined: [], completed: [] };

async function loadReferral(db: DB, tenantId: string, id: string) {
  const r = await findReferral(db, tenantId, id);
  if (!r) throw new AppError(404, 'referral_not_found');
  return {
    id: r.id,
    case_id: r.case_id,
    agency_id: r.agency_id,
    agency_name: r.agency_name,
    reason: r.reason,
    status: r.status,
    legal_basis: r.legal_basis,
    consent_id: r.consent_id,
    legal_basis_reason: r.legal_basis_reason,
    outcome: r.outcome,
    created_at: r.created_at.toISOString(),
    updated_at: r.updated_at.toISOString(),
  };
}

/** The 422 a referral gets when the person's consent does not cover the agency (the reason in the code). */
const REFUSAL: Record<Exclude<ConsentCheck['reason'], 'covered'>, string> = {
  no_consent: 'consent_none',
  not_covered: 'consent_not_covering',
  expired: 'consent_expired',
  withdrawn: 'consent_withdrawn',
};

export async function createReferral(ctx: AppContext, principal: Principal | null, meta: RequestMeta, caseId: string, body: ReferralBody) {
  const p = requireAccess(principal, 'referral:write');
  requireLegalBasisAllowed(p, body.legal_basis);
  const now = ctx.clock.now();
  const id = uuidv7();
  const basisReason = body.legal_basis_reason?.trim() || null;
  await withTransaction(ctx, async (trx, emit) => {
    const k = await lockOpenCase(trx, p.tenantId, caseId);
    if (!(await agencyExists(trx, p.tenantId, body.agency_id))) throw new AppError(400, 'agency_not_found');
    let consentId: string | null = null;
    if (body.legal_basis === 'consent') {
      if (!k.personId) throw new AppError(400, 'person_required_for_referral');
      const check = await checkConsentFor(trx, p.tenantId, k.personId, body.agency_id, now, body.consent_id);
      if (!check.ok) throw new AppError(422, REFUSAL[check.reason], undefined, { agency: check.agency.name }, { reason: check.reason });
      consentId = check.consent.id;
    } else if (!basisReason) {
      // Protection of life without consent is recorded with why consent could not be obtained (DESIGN.md §5).
      throw new AppError(400, 'legal_basis_reason_required');
    }
    await insertReferral(trx, {
      tenant_id: p.tenantId,
      id,
      case_id: caseId,
      agency_id: body.agency_id,
      reason: body.reason,
      status: 'sent',
      legal_basis: body.legal_basis,
      consent_id: consentId,
      legal_basis_reason: body.legal_basis === 'vital_interest' ? basisReason : null,
      outcome: null,
      created_by: p.accountId,
      created_at: now,
      updated_at: now,
    });
    await recordCaseEvent(trx, p.tenantId, caseId, 'referred', now, p.accountId, {
      referral_id: id,
      legal_basis: body.legal_basis,
      consent_id: consentId,
    });
    await audit(trx, p, meta, now, [
      { action: 'create', entityType: 'referral', entityId: id, detail: { case: caseId, legal_basis: body.legal_basis } },
    ]);
    emit({ tenantId: p.tenantId, type: 'case.updated', id: caseId });
  });
  return loadReferral(ctx.db, p.tenantId, id);
}

export async function updateReferral(ctx: AppContext, principal: Principal | null, meta: RequestMeta, id: string, body: ReferralPatch) {
  const p = requireAccess(principal, 'referral:write');
  const now = ctx.clock.now();
  await withTransaction(ctx, async (trx, emit) => {
    const r = await lockReferral(trx, p.tenantId, id);
    if (!r) throw new AppError(404, 'referral_not_found');
    if (!NEXT[r.status]!.includes(body.status))
      throw new AppError(409, 'invalid_status_transition', undefined, { from: r.status, to: body.status });
    await updateReferralRow(trx, p.tenantId, id, { status: body.status, outcome: body.outcome ?? null, updated_at: now });
    await recordCaseEvent(trx, p.tenantId, r.case_id, 'referral_updated', now, p.accountId, {
      referral_id: id,
      from: r.status,
      to: body.status,
    });
    await audit(trx, p, meta, now, [{ action: 'update', entityType: 'referral', entityId: id, detail: { status: body.status } }]);
    emit({ tenantId: p.tenantId, type: 'case.updated', id: r.case_id });
  });
  return loadReferral(ctx.db, p.tenantId, id);
}

/**
 * Whether a referral of the case to the agency may go ahead on the person's consent, and why
 * (the referral form shows it live). Reading the person's consents is audited.
 */
export async function checkReferral(ctx: AppContext, principal: Principal | null, meta: RequestMeta, caseId: string, agencyId: string) {
  const p = requireAccess(principal, 'referral:write');
  const now = ctx.clock.now();
  const k = await caseSubject(ctx.db, p.tenantId, caseId);
  if (!k.personId) {
    const agency = await agencyById(ctx.db, p.tenantId, agencyId);
    if (!agency) throw new AppError(400, 'agency_not_found');
    return { may_proceed: false, reason: 'no_person' as const, agency, consent: null };
  }
  const check = await checkConsentFor(ctx.db, p.tenantId, k.personId, agencyId, now);
  await audit(ctx.db, p, meta, now, [
    { action: 'read', entityType: 'person', entityId: k.personId, detail: { via: 'referral_check', agency: agencyId } },
  ]);
  return { may_proceed: check.ok, reason: check.reason, agency: check.agency, consent: check.consent };
}

export async function listAgencies(ctx: AppContext, principal: Principal | null) {
  const p = requireAccess(principal, 'directory:read');
  return agenciesOf(ctx.db, p.tenantId);
}

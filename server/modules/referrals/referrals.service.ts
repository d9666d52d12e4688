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
import { lockOpenCase, recordCaseEvent } from '../cases/cases.service.js';
import { consentIsActiveFor } from '../people/people.service.js';
import { agenciesOf, agencyExists, findReferral, insertReferral, lockReferral, updateReferralRow } from './referrals.queries.js';
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
    outcome: r.outcome,
    created_at: r.created_at.toISOString(),
    updated_at: r.updated_at.toISOString(),
  };
}

export async function createReferral(ctx: AppContext, principal: Principal | null, meta: RequestMeta, caseId: string, body: ReferralBody) {
  const p = requireAccess(principal, 'referral:write');
  requireLegalBasisAllowed(p, body.legal_basis);
  const now = ctx.clock.now();
  const id = uuidv7();
  await withTransaction(ctx, async (trx, emit) => {
    const k = await lockOpenCase(trx, p.tenantId, caseId);
    if (!(await agencyExists(trx, p.tenantId, body.agency_id))) throw new AppError(400, 'agency_not_found');
    if (body.legal_basis === 'consent') {
      if (!k.personId) throw new AppError(400, 'person_required_for_referral');
      if (!body.consent_id) throw new AppError(400, 'consent_required');
      if (!(await consentIsActiveFor(trx, p.tenantId, body.consent_id, k.personId))) throw new AppError(400, 'consent_not_valid');
    }
    await insertReferral(trx, {
      tenant_id: p.tenantId,
      id,
      case_id: caseId,
      agency_id: body.agency_id,
      reason: body.reason,
      status: 'sent',
      legal_basis: body.legal_basis,
      consent_id: body.legal_basis === 'consent' ? body.consent_id! : null,
      outcome: null,
      created_by: p.accountId,
      created_at: now,
      updated_at: now,
    });
    await recordCaseEvent(trx, p.tenantId, caseId, 'referred', now, p.accountId, { referral_id: id, legal_basis: body.legal_basis });
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

export async function listAgencies(ctx: AppContext, principal: Principal | null) {
  const p = requireAccess(principal, 'directory:read');
  return agenciesOf(ctx.db, p.tenantId);
}

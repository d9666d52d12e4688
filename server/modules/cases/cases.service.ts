/**
 * Cases: one per person (or place, while the person is unknown) from triage to closure.
 * First contact (初回接触) is the earliest contact that reached the person or settled their
 * situation; its time feeds the headline KPI, so it is derived from recorded contacts only.
 */
import { uuidv7 } from 'uuidv7';
import { type AuditEntry, audit } from '../../access/audit.js';
import { requireMayAssign } from '../../access/policies.js';
import type { Principal, RequestMeta } from '../../access/principal.js';
import { requireAccess } from '../../access/require-access.js';
import type { AppContext } from '../../context.js';
import type { DB } from '../../db/database.js';
import type { Emit } from '../../db/transaction.js';
import { withTransaction } from '../../db/transaction.js';
import { AppError } from '../../errors.js';
import { type Urgency, urgencyRank } from '../../schema-helpers.js';
import { displayNamesOf, requireAssignableAccount } from '../accounts/accounts.service.js';
import { markCaseStatusChanged } from '../concerns/concerns.service.js';
import { hubOfArea, nextCounter, targetHours, tenantInfo } from '../tenants/tenants.service.js';
import {
  type CaseFilter,
  type CaseRow,
  caseTimeline,
  findCase,
  insertCase,
  insertCaseEvent,
  insertContact,
  insertNote,
  listCases as listCasesQuery,
  lockCase,
  lockOpenCaseOf,
  updateCaseRow,
} from './cases.queries.js';
import type { CaseDto, CaseExportQuery, CaseListQuery, CasePatch, ContactBody } from './cases.schemas.js';

const FUTURE_SKEW_MS = 5 * 60_000;

export function toCaseDto(r: CaseRow, now: Date): CaseDto {
  return {
    id: r.id,
    case_number: r.case_number,
    status: r.status,
    outcome: r.outcome,
    urgency: r.urgency,
    person_id: r.person_id,
    person_name: r.person_name,
    household_id: r.household_id,
    hub_id: r.hub_id,
    assignee_id: r.assignee_id,
    assignee_name: r.assignee_name,
    received_at: r.received_at.toISOString(),
    first_contact_due_at: r.first_contact_due_at.toISOString(),
    first_contact_at: r.first_contact_at?.toISOString() ?? null,
    overdue: r.first_contact_at === null && r.status !== 'closed' && r.first_contact_due_at < now,
    escalated_at: r.escalated_at?.toISOString() ?? null,
    opened_at: r.opened_at.toISOString(),
    closed_at: r.closed_at?.toISOString() ?? null,
    concern_count: r.concern_count ?? 0,
  };
}

export async function loadCaseDto(db: DB, tenantId: string, id: string, now: Date): Promise<CaseDto> {
  const row = await findCase(db, tenantId, id);
  if (!row) throw new AppError(404, 'case_not_found');
  return toCaseDto(row, now);
}

/** The case list's filters as the query takes them (the list on screen and its export). */
export function caseFilter(q: CaseExportQuery, now: Date): Omit<CaseFilter, 'limit' | 'offset'> {
  return { status: q.status, urgency: q.urgency, assigneeId: q.assignee_id, personId: q.person_id, overdue: q.overdue, q: q.q, now };
}

export async function listCases(ctx: AppContext, principal: Principal | null, meta: RequestMeta, q: CaseListQuery) {
  const p = requireAccess(principal, 'case:read');
  const now = ctx.clock.now();
  const { items, total } = await listCasesQuery(ctx.db, p.tenantId, {
    ...caseFilter(q, now),
    limit: q.limit ?? 50,
    offset: q.offset ?? 0,
  });
  // The list shows names: record which people it showed, as one audit row.
  const people = [...new Set(items.map((r) => r.person_id).filter((x): x is string => x !== null))];
  if (people.length)
    await audit(ctx.db, p, meta, now, [
      { action: 'search', entityType: 'person', entityId: null, detail: { via: 'case_list', results: people } },
    ]);
  return { items: items.map((r) => toCaseDto(r, now)), total };
}

export async function getCase(ctx: AppContext, principal: Principal | null, meta: RequestMeta, id: string) {
  const p = requireAccess(principal, 'case:read');
  const now = ctx.clock.now();
  const row = await findCase(ctx.db, p.tenantId, id);
  if (!row) throw new AppError(404, 'case_not_found');
  const t = await caseTimeline(ctx.db, p.tenantId, id);
  // Reassignments show from whom to whom: the names of the accounts they name.
  const named = t.events.filter((x) => x.kind === 'assigned').flatMap((e) => [e.data.assignee_id, e.data.from_assignee_id]);
  const names = await displayNamesOf(
    ctx.db,
    p.tenantId,
    named.filter((v): v is string => typeof v === 'string'),
  );
  const timeline = [
    ...t.concerns.map((c) => ({
      kind: 'concern' as const,
      id: c.id,
      at: c.received_at.toISOString(),
      by: null,
      data: { ...c, received_at: c.received_at.toISOString(), observed_at: c.observed_at.toISOString() },
    })),
    ...t.contacts.map((c) => ({
      kind: 'contact' as const,
      id: c.id,
      at: c.occurred_at.toISOString(),
      by: c.by,
      data: {
        method: c.method,
        reached: c.reached,
        settled: c.settled,
        note: c.note,
        recorded_at: c.recorded_at.toISOString(),
        is_first_contact: c.id === row.first_contact_id,
      },
    })),
    ...t.notes.map((n) => ({ kind: 'note' as const, id: n.id, at: n.created_at.toISOString(), by: n.by, data: { body: n.body } })),
    ...t.referrals.map((r) => ({
      kind: 'referral' as const,
      id: r.id,
      at: r.created_at.toISOString(),
      by: r.by,
      data: {
        agency_id: r.agency_id,
        agency_name: r.agency_name,
        reason: r.reason,
        status: r.status,
        legal_basis: r.legal_basis,
        legal_basis_reason: r.legal_basis_reason,
        outcome: r.outcome,
        updated_at: r.updated_at.toISOString(),
      },
    })),
    ...t.events.map((e) => ({
      kind: 'event' as const,
      id: e.id,
      at: e.at.toISOString(),
      by: e.by,
      data: { kind: e.kind, ...(e.data as object), ...(e.kind === 'assigned' ? assignNames(e.data, names) : {}) },
    })),
  ].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  const entries: AuditEntry[] = [{ action: 'read', entityType: 'case', entityId: id }];
  if (row.person_id) entries.push({ action: 'read', entityType: 'person', entityId: row.person_id });
  await audit(ctx.db, p, meta, now, entries);
  return { ...toCaseDto(row, now), first_contact_id: row.first_contact_id, timeline };
}

function assignNames(data: Record<string, unknown>, names: Map<string, string>) {
  const name = (v: unknown) => (typeof v === 'string' ? names.get(v) || null : null);
  return { assignee_name: name(data.assignee_id), from_name: name(data.from_assignee_id) };
}

const TRANSITIONS: Record<string, string[]> = { open: ['supporting', 'closed'], supporting: ['open', 'closed'], closed: ['open'] };

export async function updateCase(ctx: AppContext, principal: Principal | null, meta: RequestMeta, id: string, patch: CasePatch) {
  const p = requireAccess(principal, 'case:write');
  const now = ctx.clock.now();
  await withTransaction(ctx, async (trx, emit) => {
    const k = await lockCase(trx, p.tenantId, id);
    if (!k) throw new AppError(404, 'case_not_found');
    const set: Parameters<typeof updateCaseRow>[3] = { updated_at: now };
    if (patch.assignee_id !== undefined && patch.assignee_id !== k.assignee_id) {
      requireMayAssign(p, patch.assignee_id);
      if (patch.assignee_id) await requireAssignableAccount(trx, p.tenantId, patch.assignee_id);
      set.assignee_id = patch.assignee_id;
      await insertCaseEvent(trx, p.tenantId, id, 'assigned', now, p.accountId, {
        assignee_id: patch.assignee_id,
        from_assignee_id: k.assignee_id,
      });
    }
    if (patch.urgency !== undefined && patch.urgency !== k.urgency) {
      if (k.status === 'closed') throw new AppError(409, 'case_closed');
      const reason = patch.urgency_reason?.trim();
      if (!reason) throw new AppError(400, 'urgency_reason_required');
      Object.assign(set, await urgencyChange(trx, p.tenantId, k, patch.urgency));
      await insertCaseEvent(trx, p.tenantId, id, 'urgency_changed', now, p.accountId, {
        from: k.urgency,
        to: patch.urgency,
        reason,
        due_at: (set.first_contact_due_at as Date | undefined)?.toISOString() ?? null,
        previous_due_at: k.first_contact_due_at.toISOString(),
      });
    }
    if (patch.status !== undefined && patch.status !== k.status) {
      if (!TRANSITIONS[k.status]!.includes(patch.status))
        throw new AppError(409, 'invalid_status_transition', undefined, { from: k.status, to: patch.status });
      if (patch.status === 'closed') {
        if (!patch.outcome) throw new AppError(400, 'outcome_required');
        set.outcome = patch.outcome;
        set.closed_at = now;
      } else {
        set.closed_at = null;
        if (k.status === 'closed') set.outcome = null;
      }
      set.status = patch.status;
      await insertCaseEvent(trx, p.tenantId, id, 'status_changed', now, p.accountId, {
        from: k.status,
        to: patch.status,
        outcome: patch.outcome ?? null,
      });
      if (patch.status === 'closed' || k.status === 'closed') {
        // Reporters see "closed" (or "being handled" again): tell their apps.
        await markCaseStatusChanged(trx, emit, p.tenantId, id, now);
      }
    } else if (patch.outcome !== undefined && k.status === 'closed') {
      set.outcome = patch.outcome;
    }
    await updateCaseRow(trx, p.tenantId, id, set);
    await audit(trx, p, meta, now, [{ action: 'update', entityType: 'case', entityId: id, detail: { fields: Object.keys(patch) } }]);
    emit({ tenantId: p.tenantId, type: 'case.updated', id });
  });
  return loadCaseDto(ctx.db, p.tenantId, id, now);
}

/**
 * The new urgency and, while no first contact is recorded, the deadline recomputed from receipt
 * (覚知) with the tenant's targets — never from now, so a change does not reset the clock. The
 * escalation is re-armed: the sweeper judges the new deadline (a raise that is already past
 * escalates on its next run; a lowering after a breach clears it until the new deadline passes).
 */
async function urgencyChange(
  trx: DB,
  tenantId: string,
  k: { received_at: Date; first_contact_at: Date | null },
  urgency: Urgency,
): Promise<Parameters<typeof updateCaseRow>[3]> {
  if (k.first_contact_at !== null) return { urgency };
  const { settings } = await tenantInfo(trx, tenantId);
  const due = new Date(k.received_at.getTime() + targetHours(settings, urgency) * 3_600_000);
  return { urgency, first_contact_due_at: due, escalated_at: null };
}

export async function addContact(ctx: AppContext, principal: Principal | null, meta: RequestMeta, caseId: string, body: ContactBody) {
  const p = requireAccess(principal, 'contact:write');
  const now = ctx.clock.now();
  const occurredAt = new Date(body.occurred_at);
  if (occurredAt.getTime() > now.getTime() + FUTURE_SKEW_MS) throw new AppError(400, 'occurred_in_future');
  const id = uuidv7();
  const settled = body.settled ?? false;
  let isFirst = false;
  await withTransaction(ctx, async (trx, emit) => {
    const k = await lockCase(trx, p.tenantId, caseId);
    if (!k) throw new AppError(404, 'case_not_found');
    if (k.status === 'closed') throw new AppError(409, 'case_closed');
    if (occurredAt < k.received_at) throw new AppError(400, 'occurred_before_receipt');
    await insertContact(trx, {
      tenant_id: p.tenantId,
      id,
      case_id: caseId,
      method: body.method,
      reached: body.reached,
      settled,
      occurred_at: occurredAt,
      recorded_at: now,
      note: body.note,
      recorded_by: p.accountId,
    });
    // A contact logged late for an earlier visit still becomes the first contact if it came first.
    if ((body.reached || settled) && (k.first_contact_at === null || occurredAt < k.first_contact_at)) {
      isFirst = true;
      await updateCaseRow(trx, p.tenantId, caseId, {
        first_contact_at: occurredAt,
        first_contact_id: id,
        updated_at: now,
        ...(k.status === 'open' ? { status: 'supporting' as const } : {}),
      });
      await insertCaseEvent(trx, p.tenantId, caseId, 'first_contact', now, p.accountId, {
        contact_id: id,
        occurred_at: occurredAt.toISOString(),
      });
    }
    await audit(trx, p, meta, now, [{ action: 'update', entityType: 'case', entityId: caseId, detail: { contact: id } }]);
    emit({ tenantId: p.tenantId, type: 'case.updated', id: caseId });
  });
  return {
    id,
    case_id: caseId,
    method: body.method,
    reached: body.reached,
    settled,
    occurred_at: occurredAt.toISOString(),
    recorded_at: now.toISOString(),
    note: body.note,
    is_first_contact: isFirst,
  };
}

export async function addNote(ctx: AppContext, principal: Principal | null, meta: RequestMeta, caseId: string, body: string) {
  const p = requireAccess(principal, 'case:write');
  const now = ctx.clock.now();
  const id = uuidv7();
  await withTransaction(ctx, async (trx, emit) => {
    const k = await lockCase(trx, p.tenantId, caseId);
    if (!k) throw new AppError(404, 'case_not_found');
    await insertNote(trx, { tenant_id: p.tenantId, id, case_id: caseId, body, created_by: p.accountId, created_at: now });
    await audit(trx, p, meta, now, [{ action: 'update', entityType: 'case', entityId: caseId, detail: { note: id } }]);
    emit({ tenantId: p.tenantId, type: 'case.updated', id: caseId });
  });
  return { id, case_id: caseId, body, created_at: now.toISOString() };
}

// ---------------------------------------------------------------------------------------------
// For other modules (each writes in the caller's transaction).

/** Cases opened by the system (the alert ladder) have no human creator. */
export const SYSTEM_ACTOR = '00000000-0000-0000-0000-000000000000';

export interface CaseIntake {
  tenantId: string;
  /** Attach to exactly this case (it must be open); otherwise the person's or household's open case, or a new one. */
  caseId?: string;
  personId: string | null;
  householdId: string | null;
  urgency: Urgency;
  /** When the first-contact clock starts: the concern's receipt (覚知), or the alert step that opened the case. */
  clockStart: Date;
  /** The area the concern or person is in: its hub takes a new case (else fallbackHubId). */
  areaId: string | null;
  fallbackHubId: string | null;
  /** Who opens or merges (null: the system). */
  actorId: string | null;
  now: Date;
  /** What the 'opened' / 'concern_merged' event records (concern id, alert id). */
  event: Record<string, unknown>;
}

/**
 * The one rule that opens or merges a case — and so sets the first-contact deadline behind the
 * headline KPI — for triage, the alert ladder and check-ins (through the ladder). The deadline is
 * clockStart + the tenant's target for the urgency. A more urgent concern tightens an open case's
 * urgency and deadline (re-arming its escalation); it never loosens them. Emits case.updated.
 */
export async function openOrMergeCase(
  trx: DB,
  emit: Emit,
  c: CaseIntake,
): Promise<{ caseId: string; personId: string | null; created: boolean; due: Date }> {
  const { settings } = await tenantInfo(trx, c.tenantId);
  const due = new Date(c.clockStart.getTime() + targetHours(settings, c.urgency) * 3_600_000);
  let existing: Awaited<ReturnType<typeof lockCase>>;
  if (c.caseId) {
    existing = await lockCase(trx, c.tenantId, c.caseId);
    if (!existing) throw new AppError(404, 'case_not_found');
    if (existing.status === 'closed') throw new AppError(409, 'case_closed');
  } else if (c.personId) {
    existing = await lockOpenCaseOf(trx, c.tenantId, { personId: c.personId });
  } else if (c.householdId) {
    existing = await lockOpenCaseOf(trx, c.tenantId, { householdId: c.householdId });
  }
  if (existing) {
    const set: Parameters<typeof updateCaseRow>[3] = { updated_at: c.now };
    if (urgencyRank(c.urgency) < urgencyRank(existing.urgency)) set.urgency = c.urgency;
    if (existing.first_contact_at === null && due < existing.first_contact_due_at) {
      set.first_contact_due_at = due;
      set.escalated_at = null;
    }
    await updateCaseRow(trx, c.tenantId, existing.id, set);
    await insertCaseEvent(trx, c.tenantId, existing.id, 'concern_merged', c.now, c.actorId, { ...c.event, urgency: c.urgency });
    emit({ tenantId: c.tenantId, type: 'case.updated', id: existing.id });
    return { caseId: existing.id, personId: existing.person_id, created: false, due };
  }
  const caseId = uuidv7();
  await insertCase(trx, {
    tenant_id: c.tenantId,
    id: caseId,
    case_number: await nextCounter(trx, c.tenantId, 'case_number'),
    person_id: c.personId,
    household_id: c.householdId,
    hub_id: (await hubOfArea(trx, c.tenantId, c.areaId)) ?? c.fallbackHubId,
    assignee_id: null,
    status: 'open',
    outcome: null,
    urgency: c.urgency,
    received_at: c.clockStart,
    first_contact_due_at: due,
    first_contact_at: null,
    first_contact_id: null,
    escalated_at: null,
    opened_at: c.now,
    closed_at: null,
    created_by: c.actorId ?? SYSTEM_ACTOR,
    updated_at: c.now,
  });
  await insertCaseEvent(trx, c.tenantId, caseId, 'opened', c.now, c.actorId, { ...c.event, urgency: c.urgency });
  emit({ tenantId: c.tenantId, type: 'case.updated', id: caseId });
  return { caseId, personId: c.personId, created: true, due };
}

/** Assigns a case (the assignee must be active staff who take cases), with its timeline event. */
export async function assignCaseIn(
  trx: DB,
  tenantId: string,
  caseId: string,
  assigneeId: string,
  actorId: string,
  now: Date,
): Promise<void> {
  await requireAssignableAccount(trx, tenantId, assigneeId);
  const k = await lockCase(trx, tenantId, caseId);
  if (k?.assignee_id === assigneeId) return;
  await updateCaseRow(trx, tenantId, caseId, { assignee_id: assigneeId });
  await insertCaseEvent(trx, tenantId, caseId, 'assigned', now, actorId, {
    assignee_id: assigneeId,
    from_assignee_id: k?.assignee_id ?? null,
  });
}

/** A note on a case, written by another module's flow (a triage note). */
export async function addCaseNoteIn(trx: DB, tenantId: string, caseId: string, body: string, actorId: string, now: Date): Promise<void> {
  await insertNote(trx, { tenant_id: tenantId, id: uuidv7(), case_id: caseId, body, created_by: actorId, created_at: now });
}

/** A timeline event on a case (referrals, visits due). */
export async function recordCaseEvent(
  trx: DB,
  tenantId: string,
  caseId: string,
  kind: string,
  now: Date,
  actorId: string | null,
  data: Record<string, unknown>,
): Promise<void> {
  await insertCaseEvent(trx, tenantId, caseId, kind, now, actorId, data);
}

/** Locks an open case for a change by another module: 404 case_not_found, 409 case_closed. Returns its person. */
export async function lockOpenCase(trx: DB, tenantId: string, caseId: string): Promise<{ personId: string | null }> {
  const k = await lockCase(trx, tenantId, caseId);
  if (!k) throw new AppError(404, 'case_not_found');
  if (k.status === 'closed') throw new AppError(409, 'case_closed');
  return { personId: k.person_id };
}

/** Who a case is about, for a read by another module (no lock): 404 case_not_found. */
export async function caseSubject(db: DB, tenantId: string, caseId: string): Promise<{ personId: string | null; status: string }> {
  const k = await findCase(db, tenantId, caseId);
  if (!k) throw new AppError(404, 'case_not_found');
  return { personId: k.person_id, status: k.status };
}

/** Locks a case of this tenant (any status) for an event by another module: 404 case_not_found. */
export async function requireCase(trx: DB, tenantId: string, caseId: string): Promise<void> {
  if (!(await lockCase(trx, tenantId, caseId))) throw new AppError(404, 'case_not_found');
}

/**
 * Partner organisations (見守り協力事業者), their watch agreements (見守り協定) and the partner
 * report KPI (valid partner reports +30 % a year). Coordinators write; hub leads read.
 */
import { randomBytes } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import { audit } from '../../access/audit.js';
import { forgetPhoneTokens } from '../../access/authenticators/phone-token.js';
import type { Principal, RequestMeta } from '../../access/principal.js';
import { requireAccess } from '../../access/require-access.js';
import type { AppContext } from '../../context.js';
import type { DB } from '../../db/database.js';
import { withTransaction } from '../../db/transaction.js';
import { AppError } from '../../errors.js';
import { DAY_MS, isSaneInputDate, minusYear, reportingPeriod, tokyoDate } from '../../time.js';
import { nextCounter, tenantName } from '../tenants/tenants.service.js';
import {
  type AgreementRow,
  agreementBySticker,
  agreementsOfPartner,
  findAgreement,
  findPartner,
  insertAgreement,
  insertPartner,
  listPartners,
  partnerReportStats,
  partnerStatus,
  renewalsDue,
  updateAgreementRow,
  updatePartnerRow,
} from './partners.queries.js';
import type { AgreementCreate, AgreementPatch, PartnerCreate, PartnerPatch } from './partners.schemas.js';
import { stickerUrl } from './sticker.js';

/** Agreements whose renewal falls within this many days are shown as due. */
export const RENEWAL_WINDOW_DAYS = 60;
/** The seeds' KPI: valid partner reports up 30 % on the year before. */
export const TARGET_CHANGE = 0.3;

async function tenantSlug(db: DB, tenantId: string): Promise<string> {
  return (await tenantName(db, tenantId)).slug;
}

function agreementOut(ctx: AppContext, slug: string, a: AgreementRow) {
  const soonLimit = tokyoDate(new Date(ctx.clock.now().getTime() + RENEWAL_WINDOW_DAYS * DAY_MS));
  return {
    id: a.id,
    partner_id: a.partner_id,
    partner_name: a.partner_name,
    number: a.number,
    signed_on: a.signed_on,
    scope: a.scope,
    contact_person: a.contact_person,
    status: a.status,
    renewal_due: a.renewal_due,
    renewal_due_soon: (a.status === 'active' || a.status === 'suspended') && a.renewal_due !== null && a.renewal_due <= soonLimit,
    sticker_code: a.sticker_code,
    sticker_url: stickerUrl(ctx.config.publicUrl, slug, a.sticker_code),
    created_at: a.created_at.toISOString(),
    updated_at: a.updated_at.toISOString(),
  };
}

export async function listAll(ctx: AppContext, principal: Principal | null) {
  const p = requireAccess(principal, 'partner:read');
  const until = tokyoDate(new Date(ctx.clock.now().getTime() + RENEWAL_WINDOW_DAYS * DAY_MS));
  const [rows, due, slug] = await Promise.all([
    listPartners(ctx.db, p.tenantId),
    renewalsDue(ctx.db, p.tenantId, until),
    tenantSlug(ctx.db, p.tenantId),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      name: r.name,
      kind: r.kind,
      status: r.status,
      contact_name: r.contact_name,
      reports: r.reports ?? 0,
      useful_reports: r.useful_reports ?? 0,
      active_devices: r.active_devices ?? 0,
      agreement_status: r.agreement_status ?? null,
      renewal_due: r.renewal_due ?? null,
    })),
    renewals_due: due.map((a) => agreementOut(ctx, slug, a)),
  };
}

async function partnerDetail(ctx: AppContext, tenantId: string, id: string) {
  const r = await findPartner(ctx.db, tenantId, id, new Date(ctx.clock.now().getTime() - 365 * DAY_MS));
  if (!r) throw new AppError(404, 'partner_not_found');
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    status: r.status,
    contact_name: r.contact_name,
    contact_phone: r.contact_phone,
    contact_email: r.contact_email,
    address: r.address,
    note: r.note,
    created_at: r.created_at.toISOString(),
    updated_at: r.updated_at?.toISOString() ?? null,
    reports: r.reports,
    useful_reports: r.useful_reports,
    active_devices: r.active_devices,
    reports_last_365_days: r.reports_last_365_days,
    useful_reports_last_365_days: r.useful_reports_last_365_days,
  };
}

export async function getOne(ctx: AppContext, principal: Principal | null, id: string) {
  const p = requireAccess(principal, 'partner:read');
  return partnerDetail(ctx, p.tenantId, id);
}

export async function create(ctx: AppContext, principal: Principal | null, meta: RequestMeta, body: PartnerCreate) {
  const p = requireAccess(principal, 'partner:write');
  const now = ctx.clock.now();
  const id = uuidv7();
  await withTransaction(ctx, async (trx) => {
    await insertPartner(trx, {
      tenant_id: p.tenantId,
      id,
      name: body.name,
      kind: body.kind,
      created_at: now,
      updated_at: now,
      contact_name: body.contact_name ?? null,
      contact_phone: body.contact_phone ?? null,
      contact_email: body.contact_email ?? null,
      address: body.address ?? null,
      note: body.note ?? null,
      status: 'active',
    });
    await audit(trx, p, meta, now, [{ action: 'create', entityType: 'partner', entityId: id }]);
  });
  return partnerDetail(ctx, p.tenantId, id);
}

export async function update(ctx: AppContext, principal: Principal | null, meta: RequestMeta, id: string, body: PartnerPatch) {
  const p = requireAccess(principal, 'partner:write');
  const now = ctx.clock.now();
  const statusChanged = await withTransaction(ctx, async (trx) => {
    const cur = await partnerStatus(trx, p.tenantId, id, true);
    if (!cur) throw new AppError(404, 'partner_not_found');
    await updatePartnerRow(trx, p.tenantId, id, { ...body, updated_at: now });
    await audit(trx, p, meta, now, [
      {
        action: 'update',
        entityType: 'partner',
        entityId: id,
        detail: {
          fields: Object.keys(body),
          ...(body.status && body.status !== cur.status ? { status: { from: cur.status, to: body.status } } : {}),
        },
      },
    ]);
    return body.status !== undefined && body.status !== cur.status;
  });
  // A suspended or ended partner's phones stop working at once (device-auth checks the status).
  if (statusChanged) forgetPhoneTokens(ctx);
  return partnerDetail(ctx, p.tenantId, id);
}

export async function listAgreements(ctx: AppContext, principal: Principal | null, partnerId: string) {
  const p = requireAccess(principal, 'partner:read');
  await partnerDetail(ctx, p.tenantId, partnerId);
  const [rows, slug] = await Promise.all([agreementsOfPartner(ctx.db, p.tenantId, partnerId), tenantSlug(ctx.db, p.tenantId)]);
  return { items: rows.map((a) => agreementOut(ctx, slug, a)) };
}

/** One agreement of the caller's tenant, for the API and the sticker. */
export async function agreementOf(ctx: AppContext, tenantId: string, id: string) {
  const [row, slug] = await Promise.all([findAgreement(ctx.db, tenantId, id), tenantSlug(ctx.db, tenantId)]);
  if (!row) throw new AppError(404, 'agreement_not_found');
  return agreementOut(ctx, slug, row);
}

function checkDates(signedOn: string, renewalDue: string | null | undefined) {
  if (!isSaneInputDate(signedOn)) throw new AppError(400, 'date_out_of_range', undefined, { field: 'signed_on' });
  if (renewalDue && !isSaneInputDate(renewalDue)) throw new AppError(400, 'date_out_of_range', undefined, { field: 'renewal_due' });
  if (renewalDue && renewalDue <= signedOn) throw new AppError(400, 'renewal_before_signing');
}

export async function createAgreement(
  ctx: AppContext,
  principal: Principal | null,
  meta: RequestMeta,
  partnerId: string,
  body: AgreementCreate,
) {
  const p = requireAccess(principal, 'partner:write');
  checkDates(body.signed_on, body.renewal_due);
  const now = ctx.clock.now();
  const id = uuidv7();
  await withTransaction(ctx, async (trx) => {
    const partner = await partnerStatus(trx, p.tenantId, partnerId);
    if (!partner) throw new AppError(404, 'partner_not_found');
    await insertAgreement(trx, {
      tenant_id: p.tenantId,
      id,
      partner_id: partnerId,
      number: await nextCounter(trx, p.tenantId, 'agreement_number'),
      signed_on: body.signed_on,
      scope: body.scope,
      contact_person: body.contact_person ?? null,
      status: body.status ?? 'active',
      renewal_due: body.renewal_due ?? null,
      // Printed in the QR code; 72 random bits, URL-safe, 12 characters.
      sticker_code: randomBytes(9).toString('base64url'),
      created_at: now,
      updated_at: now,
    });
    await audit(trx, p, meta, now, [{ action: 'create', entityType: 'agreement', entityId: id, detail: { partner_id: partnerId } }]);
  });
  return agreementOf(ctx, p.tenantId, id);
}

export async function updateAgreement(ctx: AppContext, principal: Principal | null, meta: RequestMeta, id: string, body: AgreementPatch) {
  const p = requireAccess(principal, 'partner:write');
  const now = ctx.clock.now();
  await withTransaction(ctx, async (trx) => {
    const cur = await findAgreement(trx, p.tenantId, id, true);
    if (!cur) throw new AppError(404, 'agreement_not_found');
    checkDates(body.signed_on ?? cur.signed_on, body.renewal_due === undefined ? cur.renewal_due : body.renewal_due);
    await updateAgreementRow(trx, p.tenantId, id, { ...body, updated_at: now });
    await audit(trx, p, meta, now, [{ action: 'update', entityType: 'agreement', entityId: id, detail: { fields: Object.keys(body) } }]);
  });
  return agreementOf(ctx, p.tenantId, id);
}

/** A bare date is a municipal day: midnight in Asia/Tokyo. */
const change = (now: number, before: number) => (before === 0 ? null : Math.round(((now - before) / before) * 1000) / 1000);

export async function reportStats(ctx: AppContext, principal: Principal | null, fromIso?: string, toIso?: string) {
  const p = requireAccess(principal, 'partner:read');
  const now = ctx.clock.now();
  const { from, to } = reportingPeriod(fromIso, toIso, now, minusYear);
  if (!(from < to) || Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) throw new AppError(400, 'invalid_period');
  const prevFrom = minusYear(from);
  const prevTo = minusYear(to);
  const rows = await partnerReportStats(ctx.db, p.tenantId, from, to, prevFrom, prevTo);
  const sum = (k: 'reports' | 'useful_reports' | 'previous_reports' | 'previous_useful_reports') => rows.reduce((s, r) => s + r[k], 0);
  const cells = (r: { reports: number; useful_reports: number; previous_reports: number; previous_useful_reports: number }) => ({
    reports: r.reports,
    useful_reports: r.useful_reports,
    previous_reports: r.previous_reports,
    previous_useful_reports: r.previous_useful_reports,
    reports_change: change(r.reports, r.previous_reports),
    useful_reports_change: change(r.useful_reports, r.previous_useful_reports),
  });
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    previous_from: prevFrom.toISOString(),
    previous_to: prevTo.toISOString(),
    target_change: TARGET_CHANGE,
    totals: cells({
      reports: sum('reports'),
      useful_reports: sum('useful_reports'),
      previous_reports: sum('previous_reports'),
      previous_useful_reports: sum('previous_useful_reports'),
    }),
    items: rows.map((r) => ({ partner_id: r.partner_id, name: r.name, kind: r.kind, status: r.status, ...cells(r) })),
  };
}

// ---------------------------------------------------------------------------------------------
// For other modules (each takes the caller's db or transaction).

/**
 * The partner credited with a report made through its sticker (the QR code's `ref`): the partner
 * id of the agreement with that sticker code in this tenant, or null when the code is unknown.
 */
export async function partnerOfSticker(db: DB, tenantId: string, stickerCode: string): Promise<string | null> {
  return (await agreementBySticker(db, tenantId, stickerCode))?.partner_id ?? null;
}

/**
 * Onboarding without passwords: a coordinator makes a one-time code (shown once as a QR code,
 * stored only as a hash); the phone that redeems it gets a device-bound bearer token (stored
 * only as a hash), listed and revocable by coordinators. Supporters are invited the same way.
 */

import { uuidv7 } from 'uuidv7';
import { audit } from '../../access/audit.js';
import { forgetPhoneTokens, hashPhoneToken } from '../../access/authenticators/phone-token.js';
import type { Principal, RequestMeta } from '../../access/principal.js';
import { countHit, refundHit } from '../../access/rate-limit.js';
import { requireAccess } from '../../access/require-access.js';
import { hashSecret, newSecret } from '../../access/secrets.js';
import type { AppContext } from '../../context.js';
import type { DB } from '../../db/database.js';
import { withTransaction } from '../../db/transaction.js';
import { AppError } from '../../errors.js';
import { activeSupporter, createInvitedSupporter, emailTaken } from '../accounts/accounts.service.js';
import { tenantName } from '../tenants/tenants.service.js';
import {
  claimEnrollmentCode,
  type DeviceRow,
  enrollmentCodeState,
  findDevice,
  insertDeviceToken,
  insertEnrollmentCode,
  listDeviceRows,
  lockDeviceToken,
  revokeDeviceToken,
} from './enrollment.queries.js';
import { partnerStatus } from './partners.queries.js';
import type { EnrollBody, InvitationCreate } from './partners.schemas.js';
import { agreementOf } from './partners.service.js';
import { enrollUrl, qrSvg, renderStickerPdf } from './sticker.js';

const DAY = 86_400_000;
/** Codes handed over in person expire soon; printed stickers live longer. */
export const DEFAULT_CODE_DAYS = 7;
export const STICKER_CODE_DAYS = 30;
/** Failed (or in-flight) enrollment attempts allowed per client address and window. */
export const ENROLL_MAX_ATTEMPTS = 20;
export const ENROLL_WINDOW_MS = 15 * 60_000;

export const hashEnrollmentCode = hashSecret;

interface NewCode {
  kind: 'partner' | 'supporter';
  partnerId?: string;
  accountId?: string;
  agreementId?: string;
  label: string | null;
  days: number;
}

/** Inserts a fresh code (in the caller's transaction) and returns it in clear, once. */
async function insertCode(ctx: AppContext, db: DB, p: Principal, meta: RequestMeta, c: NewCode) {
  const now = ctx.clock.now();
  const code = newSecret(16);
  const id = uuidv7();
  const expiresAt = new Date(now.getTime() + c.days * DAY);
  await insertEnrollmentCode(db, {
    code_hash: hashEnrollmentCode(code),
    tenant_id: p.tenantId,
    id,
    kind: c.kind,
    partner_id: c.partnerId ?? null,
    account_id: c.accountId ?? null,
    agreement_id: c.agreementId ?? null,
    label: c.label,
    created_by: p.accountId,
    created_at: now,
    expires_at: expiresAt,
    used_at: null,
    device_id: null,
  });
  await audit(db, p, meta, now, [
    {
      action: 'create',
      entityType: c.kind === 'partner' ? 'partner' : 'account',
      entityId: c.partnerId ?? c.accountId ?? null,
      detail: { enrollment_code: id, expires_at: expiresAt.toISOString() },
    },
  ]);
  const url = enrollUrl(ctx.config.publicUrl, code);
  return { id, code, url, expiresAt, label: c.label };
}

async function activePartner(db: DB, tenantId: string, partnerId: string) {
  const partner = await partnerStatus(db, tenantId, partnerId);
  if (!partner) throw new AppError(404, 'partner_not_found');
  if (partner.status !== 'active') throw new AppError(409, 'partner_not_active');
  return partner;
}

export async function createEnrollment(
  ctx: AppContext,
  principal: Principal | null,
  meta: RequestMeta,
  partnerId: string,
  body: { label?: string; expires_in_days?: number },
) {
  const p = requireAccess(principal, 'partner:write');
  const c = await withTransaction(ctx, async (trx) => {
    await activePartner(trx, p.tenantId, partnerId);
    return insertCode(ctx, trx, p, meta, {
      kind: 'partner',
      partnerId,
      label: body.label ?? null,
      days: body.expires_in_days ?? DEFAULT_CODE_DAYS,
    });
  });
  return { id: c.id, code: c.code, url: c.url, qr_svg: await qrSvg(c.url), expires_at: c.expiresAt.toISOString(), label: c.label };
}

export async function inviteSupporter(ctx: AppContext, principal: Principal | null, meta: RequestMeta, body: InvitationCreate) {
  const p = requireAccess(principal, 'partner:write');
  const now = ctx.clock.now();
  const accountId = uuidv7();
  // Emails are unique within the municipality; a supporter without one gets a unique placeholder
  // that can receive nothing. The password hash is not a hash: no password ever matches it.
  const email = body.email ?? `supporter-${accountId}@invite.invalid`;
  const c = await withTransaction(ctx, async (trx) => {
    if (await emailTaken(trx, p.tenantId, email)) throw new AppError(409, 'email_taken');
    await createInvitedSupporter(trx, p.tenantId, {
      id: accountId,
      email,
      displayName: body.display_name,
      invalidHash: `!invited:${newSecret(16)}`,
      now,
    });
    await audit(trx, p, meta, now, [
      { action: 'create', entityType: 'account', entityId: accountId, detail: { role: 'supporter', invitation: true } },
    ]);
    return insertCode(ctx, trx, p, meta, {
      kind: 'supporter',
      accountId,
      label: body.display_name,
      days: body.expires_in_days ?? DEFAULT_CODE_DAYS,
    });
  });
  return {
    id: c.id,
    code: c.code,
    url: c.url,
    qr_svg: await qrSvg(c.url),
    expires_at: c.expiresAt.toISOString(),
    label: c.label,
    account_id: accountId,
    display_name: body.display_name,
  };
}

/** The A4 sticker/certificate; with `enroll`, its QR code enrolls one phone (a fresh code). */
export async function stickerPdf(
  ctx: AppContext,
  principal: Principal | null,
  meta: RequestMeta,
  agreementId: string,
  opts: { enroll?: boolean; label?: string },
) {
  const p = requireAccess(principal, opts.enroll ? 'partner:write' : 'partner:read');
  const a = await agreementOf(ctx, p.tenantId, agreementId);
  const tenant = await tenantName(ctx.db, p.tenantId);
  let qrText = a.sticker_url;
  let enrollment: { label: string | null; expiresAt: Date } | undefined;
  if (opts.enroll) {
    const c = await withTransaction(ctx, async (trx) => {
      await activePartner(trx, p.tenantId, a.partner_id);
      return insertCode(ctx, trx, p, meta, {
        kind: 'partner',
        partnerId: a.partner_id,
        agreementId,
        label: opts.label ?? null,
        days: STICKER_CODE_DAYS,
      });
    });
    qrText = c.url;
    enrollment = { label: c.label, expiresAt: c.expiresAt };
  } else {
    await audit(ctx.db, p, meta, ctx.clock.now(), [
      { action: 'export', entityType: 'agreement', entityId: agreementId, detail: { sticker: true } },
    ]);
  }
  return renderStickerPdf({
    tenantName: tenant.name,
    partnerName: a.partner_name,
    agreementNumber: a.number,
    signedOn: a.signed_on,
    scope: a.scope,
    qrText,
    enrollment,
  });
}

/**
 * Redeems a one-time code (public). Each attempt is counted per client address before the code
 * is looked at, so a burst of parallel guesses is throttled too; a success gives its attempt back.
 */
export async function enroll(ctx: AppContext, meta: RequestMeta, body: EnrollBody) {
  const now = ctx.clock.now();
  const throttleKey = `ip:${meta.ip ?? 'unknown'}`;
  if ((await countHit(ctx.db, throttleKey, now, ENROLL_WINDOW_MS)) > ENROLL_MAX_ATTEMPTS) throw new AppError(429, 'enroll_throttled');
  const hash = hashEnrollmentCode(body.code);
  const deviceId = uuidv7();
  const token = newSecret();
  const out = await withTransaction(ctx, async (trx) => {
    const claimed = await claimEnrollmentCode(trx, hash, now, deviceId);
    if (!claimed) {
      const known = await enrollmentCodeState(trx, hash);
      if (!known) throw new AppError(404, 'enrollment_code_not_found');
      throw new AppError(410, known.used_at ? 'enrollment_code_used' : 'enrollment_code_expired');
    }
    const tenant = await tenantName(trx, claimed.tenant_id);
    let partnerName: string | null = null;
    let displayName: string;
    if (claimed.kind === 'partner') {
      const partner = await activePartner(trx, claimed.tenant_id, claimed.partner_id!);
      partnerName = partner.name;
      displayName = body.label ?? claimed.label ?? partner.name;
    } else {
      // Missing, disabled or no longer a supporter: the invitation no longer makes a phone.
      const account = await activeSupporter(trx, claimed.tenant_id, claimed.account_id!);
      if (!account) throw new AppError(409, 'account_disabled');
      displayName = account.display_name;
    }
    await insertDeviceToken(trx, {
      tenant_id: claimed.tenant_id,
      id: deviceId,
      token_hash: hashPhoneToken(token),
      kind: claimed.kind,
      partner_id: claimed.partner_id,
      account_id: claimed.account_id,
      label: body.label ?? claimed.label,
      user_agent: meta.userAgent?.slice(0, 300) ?? null,
      created_at: now,
      last_used_at: null,
      revoked_at: null,
      revoked_by: null,
    });
    const actor = { tenantId: claimed.tenant_id, accountId: claimed.account_id ?? deviceId, role: claimed.kind };
    await audit(trx, actor, meta, now, [
      { action: 'create', entityType: 'device', entityId: deviceId, detail: { enrollment_code: claimed.id, kind: claimed.kind } },
    ]);
    return {
      token,
      device_id: deviceId,
      kind: claimed.kind,
      partner_name: partnerName,
      display_name: displayName,
      tenant_slug: tenant.slug,
      tenant_name: tenant.name,
    };
  });
  await refundHit(ctx.db, throttleKey, now, ENROLL_WINDOW_MS);
  return out;
}

function deviceOut(d: DeviceRow) {
  return {
    id: d.id,
    kind: d.kind,
    partner_id: d.partner_id,
    partner_name: d.partner_name ?? null,
    account_id: d.account_id,
    account_name: d.account_name ?? null,
    label: d.label,
    user_agent: d.user_agent,
    created_at: d.created_at.toISOString(),
    last_used_at: d.last_used_at?.toISOString() ?? null,
    revoked_at: d.revoked_at?.toISOString() ?? null,
  };
}

export async function listDevices(
  ctx: AppContext,
  principal: Principal | null,
  filter: { partnerId?: string; kind?: 'partner' | 'supporter' },
) {
  const p = requireAccess(principal, 'partner:read');
  if (filter.partnerId) {
    const exists = await partnerStatus(ctx.db, p.tenantId, filter.partnerId);
    if (!exists) throw new AppError(404, 'partner_not_found');
  }
  return { items: (await listDeviceRows(ctx.db, p.tenantId, filter, 1000)).map(deviceOut) };
}

export async function revokeDevice(ctx: AppContext, principal: Principal | null, meta: RequestMeta, id: string) {
  const p = requireAccess(principal, 'partner:write');
  const now = ctx.clock.now();
  await withTransaction(ctx, async (trx) => {
    const d = await lockDeviceToken(trx, p.tenantId, id);
    if (!d) throw new AppError(404, 'device_not_found');
    if (d.revoked_at) return;
    await revokeDeviceToken(trx, p.tenantId, id, now, p.accountId);
    await audit(trx, p, meta, now, [{ action: 'update', entityType: 'device', entityId: id, detail: { revoked: true } }]);
  });
  forgetPhoneTokens(ctx);
  const row = await findDevice(ctx.db, p.tenantId, id);
  if (!row) throw new Error(`device ${id} vanished after its revocation`);
  return deviceOut(row);
}

/** The enrolled phone asking who it is (the field app's header). */
export async function deviceMe(ctx: AppContext, principal: Principal | null) {
  const p = requireAccess(principal, 'concern:create');
  if (!p.deviceId) throw new AppError(404, 'device_not_found');
  const d = await findDevice(ctx.db, p.tenantId, p.deviceId);
  if (!d) throw new AppError(404, 'device_not_found');
  const tenant = await tenantName(ctx.db, p.tenantId);
  return {
    device_id: d.id,
    kind: d.kind,
    label: d.label,
    partner_id: d.partner_id,
    partner_name: d.partner_name ?? null,
    display_name: d.kind === 'supporter' ? (d.account_name ?? p.displayName) : (d.label ?? d.partner_name ?? p.displayName),
    tenant_slug: tenant.slug,
    tenant_name: tenant.name,
  };
}

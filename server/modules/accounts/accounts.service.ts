/**
 * Staff accounts, managed by the tenant's admin. Passwords are set here (argon2id, judged by
 * access/password-policy.ts) and never returned; disabling an account, changing its role or
 * password ends its sessions at once. An email is unique within a municipality only, so the
 * answer to "is this email taken" never depends on other municipalities.
 * Login and sessions themselves are access/authenticators/session.ts.
 */
import { randomInt } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import { audit } from '../../access/audit.js';
import { endAccountSessions } from '../../access/authenticators/session.js';
import { requireStrongPassword, userWords } from '../../access/password-policy.js';
import { hashPassword } from '../../access/passwords.js';
import { isAssignableRole } from '../../access/policies.js';
import type { Principal, RequestMeta } from '../../access/principal.js';
import { requireAccess } from '../../access/require-access.js';
import type { Role } from '../../access/roles.js';
import type { AppContext } from '../../context.js';
import type { DB } from '../../db/database.js';
import { withTransaction } from '../../db/transaction.js';
import { AppError } from '../../errors.js';
import { tenantName } from '../tenants/tenants.service.js';
import {
  accountName,
  accountNames,
  activeAccount,
  activeAccountsWithRoles,
  findByEmail,
  hubExists,
  insertAccount,
  listAccounts as listAccountRows,
  lockAccount,
  lockActiveAdmins,
  partnerExists,
  updateAccountRow,
} from './accounts.queries.js';

export interface AccountInput {
  email?: string;
  display_name?: string;
  role?: Role;
  password?: string;
  hub_id?: string | null;
  partner_id?: string | null;
  locale?: 'ja' | 'en';
  disabled?: boolean;
  password_change_required?: boolean;
}

async function checkRefs(db: DB, tenantId: string, body: AccountInput) {
  if (body.hub_id && !(await hubExists(db, tenantId, body.hub_id))) throw new AppError(400, 'hub_not_found');
  if (body.partner_id && !(await partnerExists(db, tenantId, body.partner_id))) throw new AppError(400, 'partner_not_found');
}

/** 400 password_too_weak / password_too_common, judged with the account's email, name and municipality. */
async function checkPassword(db: DB, tenantId: string, password: string, email: string, displayName: string) {
  const t = await tenantName(db, tenantId);
  requireStrongPassword(password, userWords(email, displayName, t.slug, t.name));
}

function summary(r: {
  id: string;
  email: string;
  display_name: string;
  role: string;
  hub_id: string | null;
  disabled_at: Date | null;
  password_change_required: boolean;
}) {
  return {
    id: r.id,
    email: r.email,
    display_name: r.display_name,
    role: r.role,
    hub_id: r.hub_id,
    disabled: !!r.disabled_at,
    password_change_required: r.password_change_required,
  };
}

export async function listAccounts(ctx: AppContext, principal: Principal | null) {
  const p = requireAccess(principal, 'account:read');
  return { items: (await listAccountRows(ctx.db, p.tenantId)).map(summary) };
}

export async function createAccount(
  ctx: AppContext,
  principal: Principal | null,
  meta: RequestMeta,
  body: Required<Pick<AccountInput, 'email' | 'display_name' | 'role'>> & AccountInput,
) {
  const p = requireAccess(principal, 'account:write');
  const now = ctx.clock.now();
  await checkRefs(ctx.db, p.tenantId, body);
  const email = body.email.toLowerCase();
  if (await findByEmail(ctx.db, p.tenantId, email)) throw new AppError(409, 'email_taken');
  // No password given: a one-time password, returned once, to be replaced at first login.
  const oneTime = body.password === undefined ? oneTimePassword() : undefined;
  const password = body.password ?? oneTime!;
  await checkPassword(ctx.db, p.tenantId, password, email, body.display_name);
  const id = uuidv7();
  const password_hash = await hashPassword(password);
  const mustChange = oneTime !== undefined || (body.password_change_required ?? false);
  await withTransaction(ctx, async (trx) => {
    const inserted = await insertAccount(trx, {
      tenant_id: p.tenantId,
      id,
      email,
      display_name: body.display_name,
      role: body.role,
      password_hash,
      hub_id: body.hub_id ?? null,
      partner_id: body.partner_id ?? null,
      locale: body.locale ?? 'ja',
      disabled_at: null,
      created_at: now,
      password_change_required: mustChange,
    });
    if (!inserted) throw new AppError(409, 'email_taken'); // created meanwhile by another request
    await audit(trx, p, meta, now, [{ action: 'create', entityType: 'account', entityId: id, detail: { role: body.role } }]);
  });
  return {
    ...summary({
      id,
      email,
      display_name: body.display_name,
      role: body.role,
      hub_id: body.hub_id ?? null,
      disabled_at: null,
      password_change_required: mustChange,
    }),
    ...(oneTime ? { one_time_password: oneTime } : {}),
  };
}

export async function updateAccount(ctx: AppContext, principal: Principal | null, meta: RequestMeta, id: string, body: AccountInput) {
  const p = requireAccess(principal, 'account:write');
  const now = ctx.clock.now();
  await checkRefs(ctx.db, p.tenantId, body);
  if (body.password) {
    const cur = await activeOrDisabled(ctx.db, p.tenantId, id);
    await checkPassword(ctx.db, p.tenantId, body.password, cur.email, body.display_name ?? cur.display_name);
  }
  const password_hash = body.password ? await hashPassword(body.password) : undefined;
  return withTransaction(ctx, async (trx) => {
    const cur = await lockAccount(trx, p.tenantId, id);
    if (!cur) throw new AppError(404, 'account_not_found');
    if (id === p.accountId && (body.disabled || (body.role && body.role !== cur.role))) throw new AppError(409, 'cannot_demote_self');
    await keepAnAdmin(trx, p.tenantId, cur, body);
    const disabled_at = body.disabled === undefined ? cur.disabled_at : body.disabled ? (cur.disabled_at ?? now) : null;
    const row = await updateAccountRow(trx, p.tenantId, id, {
      ...(body.display_name !== undefined ? { display_name: body.display_name } : {}),
      ...(body.role !== undefined ? { role: body.role } : {}),
      ...(body.hub_id !== undefined ? { hub_id: body.hub_id } : {}),
      ...(body.partner_id !== undefined ? { partner_id: body.partner_id } : {}),
      ...(body.locale !== undefined ? { locale: body.locale } : {}),
      ...(body.password_change_required !== undefined ? { password_change_required: body.password_change_required } : {}),
      ...(password_hash ? { password_hash } : {}),
      disabled_at,
    });
    // A disabled account, a changed role or password, or a forced password change ends existing sessions.
    if (disabled_at || body.role || password_hash || body.password_change_required) await endAccountSessions(ctx, trx, p.tenantId, id);
    await audit(trx, p, meta, now, [
      { action: 'update', entityType: 'account', entityId: id, detail: { fields: Object.keys(body).filter((k) => k !== 'password') } },
    ]);
    return summary(row);
  });
}

/**
 * 409 last_admin when the change would leave the municipality without an active admin (nobody
 * could then manage accounts). The admins are locked, so two admins disabling each other at the
 * same moment cannot both succeed.
 */
async function keepAnAdmin(trx: DB, tenantId: string, cur: { id: string; role: string; disabled_at: Date | null }, body: AccountInput) {
  const removesAdmin =
    cur.role === 'admin' && !cur.disabled_at && (body.disabled === true || (body.role !== undefined && body.role !== 'admin'));
  if (!removesAdmin) return;
  const others = (await lockActiveAdmins(trx, tenantId)).filter((a) => a !== cur.id);
  if (others.length === 0) throw new AppError(409, 'last_admin');
}

/**
 * A new one-time password for an account (the person forgot theirs): shown once to the admin,
 * only its hash is stored, the person must replace it at their next login, and the account's
 * sessions end at once. The account is not enabled by this: a disabled account stays disabled.
 */
export async function resetPassword(ctx: AppContext, principal: Principal | null, meta: RequestMeta, id: string) {
  const p = requireAccess(principal, 'account:write');
  const now = ctx.clock.now();
  const cur = await activeOrDisabled(ctx.db, p.tenantId, id);
  // A supporter signs in with the phone their invitation enrolled, never with a password.
  if (cur.role === 'supporter') throw new AppError(409, 'password_not_used');
  const password = oneTimePassword();
  await checkPassword(ctx.db, p.tenantId, password, cur.email, cur.display_name);
  const password_hash = await hashPassword(password);
  const row = await withTransaction(ctx, async (trx) => {
    const locked = await lockAccount(trx, p.tenantId, id);
    if (!locked) throw new AppError(404, 'account_not_found');
    const updated = await updateAccountRow(trx, p.tenantId, id, { password_hash, password_change_required: true });
    await endAccountSessions(ctx, trx, p.tenantId, id);
    await audit(trx, p, meta, now, [
      { action: 'update', entityType: 'account', entityId: id, detail: { fields: ['password'], reset: true, one_time: true } },
    ]);
    return updated;
  });
  return { account: summary(row), one_time_password: password };
}

async function activeOrDisabled(db: DB, tenantId: string, id: string) {
  const cur = await lockAccount(db, tenantId, id);
  if (!cur) throw new AppError(404, 'account_not_found');
  return cur;
}

// ---------------------------------------------------------------------------------------------
// For other modules (each takes the caller's db or transaction).

/** The account a case may be assigned to: active, of this tenant, and of a role that takes cases (400 otherwise). */
export async function requireAssignableAccount(db: DB, tenantId: string, accountId: string): Promise<void> {
  const a = await activeAccount(db, tenantId, accountId);
  if (!a || !isAssignableRole(a.role)) throw new AppError(400, 'assignee_not_found');
}

/**
 * Active accounts with the given roles in a hub; when the hub is unknown or has none, those of the
 * whole tenant (so a notification always reaches somebody).
 */
export async function accountsOfHub(db: DB, tenantId: string, roles: Role[], hubId: string | null) {
  const local = hubId ? await activeAccountsWithRoles(db, tenantId, roles, hubId) : [];
  return local.length > 0 ? local : activeAccountsWithRoles(db, tenantId, roles, null);
}

/** An account's display name, or undefined. */
export async function displayNameOf(db: DB, tenantId: string, accountId: string): Promise<string | undefined> {
  return (await accountName(db, tenantId, accountId))?.display_name;
}

/** Display names of accounts of this tenant by id (one query; unknown ids are left out). */
export async function displayNamesOf(db: DB, tenantId: string, ids: string[]): Promise<Map<string, string>> {
  const rows = await accountNames(db, tenantId, [...new Set(ids)]);
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

/** True when an account of this tenant uses the email (other tenants' accounts do not count). */
export async function emailTaken(db: DB, tenantId: string, email: string): Promise<boolean> {
  return !!(await findByEmail(db, tenantId, email));
}

/** The email of a principal's account (a supporter's phone speaks for its account), or undefined. */
export async function emailOf(ctx: AppContext, p: Principal): Promise<string | undefined> {
  return (await activeAccount(ctx.db, p.tenantId, p.accountId))?.email;
}

/**
 * A supporter account made by an invitation (the partners module's enrollment), in the caller's
 * transaction. Its password hash is not a hash: no password ever matches it; the supporter uses
 * the phone the invitation enrolls.
 */
export async function createInvitedSupporter(
  db: DB,
  tenantId: string,
  a: { id: string; email: string; displayName: string; invalidHash: string; now: Date },
): Promise<void> {
  const inserted = await insertAccount(db, {
    tenant_id: tenantId,
    id: a.id,
    email: a.email,
    display_name: a.displayName,
    role: 'supporter',
    password_hash: a.invalidHash,
    hub_id: null,
    partner_id: null,
    locale: 'ja',
    created_at: a.now,
  });
  if (!inserted) throw new AppError(409, 'email_taken');
}

/** Letters and digits that cannot be mistaken for one another when read aloud or copied by hand. */
const OTP_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A one-time password: 4 groups of 5 (about 99 bits), e.g. `k7mq2-...`. */
export function oneTimePassword(): string {
  const groups = Array.from({ length: 4 }, () => Array.from({ length: 5 }, () => OTP_ALPHABET[randomInt(OTP_ALPHABET.length)]).join(''));
  return groups.join('-');
}

/**
 * The first admin of a new municipality (the `npm run tenant` command), in the caller's
 * transaction: a one-time password that must be changed at first login. Returns it once; only its
 * hash is stored. The audit row names no account (no one was logged in).
 */
export async function createFirstAdmin(
  db: DB,
  tenantId: string,
  a: { email: string; displayName: string; now: Date },
): Promise<{ id: string; password: string }> {
  const password = oneTimePassword();
  const email = a.email.toLowerCase();
  await checkPassword(db, tenantId, password, email, a.displayName);
  const id = uuidv7();
  const inserted = await insertAccount(db, {
    tenant_id: tenantId,
    id,
    email,
    display_name: a.displayName,
    role: 'admin',
    password_hash: await hashPassword(password),
    hub_id: null,
    partner_id: null,
    locale: 'ja',
    created_at: a.now,
    password_change_required: true,
  });
  if (!inserted) throw new AppError(409, 'email_taken');
  await audit(db, { tenantId, accountId: null, role: null }, { ip: null, userAgent: 'npm run tenant' }, a.now, [
    { action: 'create', entityType: 'account', entityId: id, detail: { role: 'admin', first_admin: true } },
  ]);
  return { id, password };
}

/** The supporter behind an invitation, when still usable (active, still a supporter). */
export async function activeSupporter(db: DB, tenantId: string, accountId: string) {
  const a = await activeAccount(db, tenantId, accountId);
  return a && a.role === 'supporter' ? a : undefined;
}

/**
 * Staff accounts, managed by the tenant's admin. Passwords are set here (argon2id) and never
 * returned; disabling an account ends its sessions at once.
 */
import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { audit } from '../../access/audit.js';
import type { Principal, RequestMeta } from '../../access/principal.js';
import { requireAccess } from '../../access/require-access.js';
import type { Role } from '../../access/roles.js';
import type { AppContext } from '../../context.js';
import type { DB } from '../../db/database.js';
import { AppError } from '../../errors.js';
import { endAccountSessions } from '../../access/authenticators/session.js';
import { hashPassword } from '../../access/passwords.js';

export interface AccountInput {
  email?: string;
  display_name?: string;
  role?: Role;
  password?: string;
  hub_id?: string | null;
  partner_id?: string | null;
  locale?: 'ja' | 'en';
  disabled?: boolean;
}

async function checkRefs(db: DB, tenantId: string, body: AccountInput) {
  if (body.hub_id) {
    const h = await db.selectFrom('hubs').select('id').where('tenant_id', '=', tenantId).where('id', '=', body.hub_id).executeTakeFirst();
    if (!h) throw new AppError(400, 'hub_not_found');
  }
  if (body.partner_id) {
    const p = await db.selectFrom('partners').select('id').where('tenant_id', '=', tenantId).where('id', '=', body.partner_id).executeTakeFirst();
    if (!p) throw new AppError(400, 'partner_not_found');
  }
}

function summary(r: { id: string; email: string; display_name: string; role: string; hub_id: string | null; disabled_at: Date | null }) {
  return { id: r.id, email: r.email, display_name: r.display_name, role: r.role, hub_id: r.hub_id, disabled: !!r.disabled_at };
}

export async function createAccount(ctx: AppContext, principal: Principal | null, meta: RequestMeta, body: Required<Pick<AccountInput, 'email' | 'display_name' | 'role' | 'password'>> & AccountInput) {
  const p = requireAccess(principal, 'account:write');
  const now = ctx.clock.now();
  await checkRefs(ctx.db, p.tenantId, body);
  const taken = await ctx.db.selectFrom('accounts').select('id').where(sql`lower(email)`, '=', body.email.toLowerCase()).executeTakeFirst();
  if (taken) throw new AppError(409, 'email_taken');
  const id = uuidv7();
  const password_hash = await hashPassword(body.password);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto('accounts').values({
      tenant_id: p.tenantId, id, email: body.email.toLowerCase(), display_name: body.display_name, role: body.role, password_hash,
      hub_id: body.hub_id ?? null, partner_id: body.partner_id ?? null, locale: body.locale ?? 'ja', disabled_at: null, created_at: now,
    }).execute();
    await audit(trx, p, meta, now, [{ action: 'create', entityType: 'account', entityId: id, detail: { role: body.role } }]);
  });
  return summary({ id, email: body.email.toLowerCase(), display_name: body.display_name, role: body.role, hub_id: body.hub_id ?? null, disabled_at: null });
}

export async function updateAccount(ctx: AppContext, principal: Principal | null, meta: RequestMeta, id: string, body: AccountInput) {
  const p = requireAccess(principal, 'account:write');
  const now = ctx.clock.now();
  await checkRefs(ctx.db, p.tenantId, body);
  const password_hash = body.password ? await hashPassword(body.password) : undefined;
  return ctx.db.transaction().execute(async (trx) => {
    const cur = await trx.selectFrom('accounts').selectAll().where('tenant_id', '=', p.tenantId).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!cur) throw new AppError(404, 'account_not_found');
    if (id === p.accountId && (body.disabled || (body.role && body.role !== cur.role))) throw new AppError(409, 'cannot_demote_self');
    const disabled_at = body.disabled === undefined ? cur.disabled_at : body.disabled ? (cur.disabled_at ?? now) : null;
    const row = await trx.updateTable('accounts')
      .set({
        ...(body.display_name !== undefined ? { display_name: body.display_name } : {}),
        ...(body.role !== undefined ? { role: body.role } : {}),
        ...(body.hub_id !== undefined ? { hub_id: body.hub_id } : {}),
        ...(body.partner_id !== undefined ? { partner_id: body.partner_id } : {}),
        ...(body.locale !== undefined ? { locale: body.locale } : {}),
        ...(password_hash ? { password_hash } : {}),
        disabled_at,
      })
      .where('tenant_id', '=', p.tenantId).where('id', '=', id)
      .returning(['id', 'email', 'display_name', 'role', 'hub_id', 'disabled_at'])
      .executeTakeFirstOrThrow();
    // A disabled account, a changed role or a new password ends existing sessions.
    if (disabled_at || body.role || password_hash) {
      await endAccountSessions(ctx, trx, p.tenantId, id);
    }
    await audit(trx, p, meta, now, [{ action: 'update', entityType: 'account', entityId: id, detail: { fields: Object.keys(body).filter((k) => k !== 'password') } }]);
    return summary(row);
  });
}

export async function listAudit(ctx: AppContext, principal: Principal | null, f: { entity_type?: string; entity_id?: string; account_id?: string; limit: number; before?: string }) {
  const p = requireAccess(principal, 'audit:read');
  const rows = await ctx.db.selectFrom('audit_log as l')
    .leftJoin('accounts as a', (j) => j.onRef('a.tenant_id', '=', 'l.tenant_id').onRef('a.id', '=', 'l.account_id'))
    .select(['l.id', 'l.at', 'l.account_id', 'a.display_name as account_name', 'l.role', 'l.action', 'l.entity_type', 'l.entity_id', 'l.ip', 'l.detail'])
    .where('l.tenant_id', '=', p.tenantId)
    .$if(!!f.entity_type, (q) => q.where('l.entity_type', '=', f.entity_type!))
    .$if(!!f.entity_id, (q) => q.where('l.entity_id', '=', f.entity_id!))
    .$if(!!f.account_id, (q) => q.where('l.account_id', '=', f.account_id!))
    .$if(!!f.before, (q) => q.where('l.at', '<', new Date(f.before!)))
    .orderBy('l.at', 'desc')
    .limit(f.limit)
    .execute();
  return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
}

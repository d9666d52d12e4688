import type { Principal } from '../../access/principal.js';
import { requireAccess } from '../../access/require-access.js';
import type { AppContext } from '../../context.js';
import { AppError } from '../../errors.js';

type Row = { id: string; kind: string; case_id: string | null; created_at: Date; read_at: Date | null; data: Record<string, unknown> };
const dto = (n: Row) => ({ id: n.id, kind: n.kind, case_id: n.case_id, created_at: n.created_at.toISOString(), read_at: n.read_at?.toISOString() ?? null, data: n.data });

export async function listNotifications(ctx: AppContext, principal: Principal | null, unreadOnly: boolean) {
  const p = requireAccess(principal, 'notification:read');
  const base = ctx.db.selectFrom('notifications').where('tenant_id', '=', p.tenantId).where('account_id', '=', p.accountId);
  const [items, unread] = await Promise.all([
    base.select(['id', 'kind', 'case_id', 'created_at', 'read_at', 'data']).$if(unreadOnly, (q) => q.where('read_at', 'is', null)).orderBy('created_at', 'desc').limit(100).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).where('read_at', 'is', null).executeTakeFirstOrThrow(),
  ]);
  return { items: items.map(dto), unread: Number(unread.n) };
}

export async function markRead(ctx: AppContext, principal: Principal | null, id: string) {
  const p = requireAccess(principal, 'notification:read');
  const row = await ctx.db.updateTable('notifications')
    .set((eb) => ({ read_at: eb.fn.coalesce('read_at', eb.val(ctx.clock.now())) }))
    .where('tenant_id', '=', p.tenantId).where('account_id', '=', p.accountId).where('id', '=', id)
    .returning(['id', 'kind', 'case_id', 'created_at', 'read_at', 'data'])
    .executeTakeFirst();
  if (!row) throw new AppError(404, 'notification_not_found');
  return dto(row);
}

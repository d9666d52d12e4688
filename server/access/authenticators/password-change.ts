/**
 * A logged-in person changes their own password: the current one first (throttled like a login,
 * so a stolen session cannot be used to guess it), the new one judged by password-policy.ts.
 * Success clears "must change at next login", ends every other session of the account (this
 * one stays) and is audited. Enrolled phones have no password and are refused.
 */
import type { AppContext } from '../../context.js';
import { withTransaction } from '../../db/transaction.js';
import { AppError } from '../../errors.js';
import { audit } from '../audit.js';
import { requireStrongPassword, userWords } from '../password-policy.js';
import { hashPassword, verifyPassword } from '../passwords.js';
import type { Principal, RequestMeta } from '../principal.js';
import { countKeyAttempt, forgetKey } from './login-throttle.js';
import { forgetSessions, type ResolvedSession } from './session.js';
import { accountForPasswordChange, deleteOtherSessions, setOwnPassword } from './session.queries.js';

export async function changeOwnPassword(
  ctx: AppContext,
  session: ResolvedSession | null,
  principal: Principal | null,
  meta: RequestMeta,
  body: { current_password: string; new_password: string },
): Promise<void> {
  if (!session) {
    if (principal) throw new AppError(403, 'forbidden'); // an enrolled phone: no password to change
    throw new AppError(401, 'unauthenticated');
  }
  const p = session.principal;
  const now = ctx.clock.now();
  const key = `pw:${p.tenantId}:${p.accountId}`;
  await countKeyAttempt(ctx, key, now);
  const before = await accountForPasswordChange(ctx.db, p.tenantId, p.accountId);
  if (!before || !(await verifyPassword(before.password_hash, body.current_password))) {
    throw new AppError(400, 'current_password_incorrect');
  }
  await forgetKey(ctx.db, key);
  if (body.new_password === body.current_password) throw new AppError(400, 'password_unchanged');
  requireStrongPassword(body.new_password, userWords(before.email, before.display_name, before.slug, before.name));
  const hash = await hashPassword(body.new_password);
  await withTransaction(ctx, async (trx) => {
    if (!(await accountForPasswordChange(trx, p.tenantId, p.accountId))) throw new AppError(401, 'unauthenticated');
    await setOwnPassword(trx, p.tenantId, p.accountId, hash);
    await deleteOtherSessions(trx, p.tenantId, p.accountId, session.tokenHash);
    await audit(trx, p, meta, now, [{ action: 'password_change', entityType: 'account', entityId: p.accountId }]);
  });
  forgetSessions(ctx, p.accountId);
}

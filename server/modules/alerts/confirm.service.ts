/**
 * Confirming safety from a watcher's one-tap link, without an account. The link carries a
 * random token (stored hashed); it works for 7 days from when the watchers were notified. The
 * page shows nothing about the person ("the person you watch"): only the alert's kind, time
 * and status. "Safe" resolves the alert and stops the ladder; "needs help" alerts the hub at
 * once. Calls are rate-limited per client address.
 */
import { hashLinkToken, plausibleLinkToken, throttleLinkUse } from '../../access/authenticators/link-token.js';
import type { AppContext } from '../../context.js';
import type { DB } from '../../db/database.js';
import { withTransaction } from '../../db/transaction.js';
import { AppError } from '../../errors.js';
import { alertByConfirmHash, insertAlertEvent, updateAlertRow, watchSettingsOf } from './alerts.queries.js';
import type { PublicConfirmBody } from './alerts.schemas.js';
import { alertHub, CONFIRM_TOKEN_TTL_MS, ladderTimings } from './ladder.sweeper.js';

const PER_HOUR = 60;

async function findByToken(db: DB, token: string, now: Date, lock: boolean) {
  const a = plausibleLinkToken(token) ? await alertByConfirmHash(db, hashLinkToken(token), lock) : undefined;
  if (!a?.watchers_notified_at || a.watchers_notified_at.getTime() + CONFIRM_TOKEN_TTL_MS < now.getTime()) {
    throw new AppError(404, 'confirm_link_not_found');
  }
  return a;
}

type Row = Awaited<ReturnType<typeof findByToken>>;
const publicDto = (a: Row) => ({
  type: a.type,
  raised_at: a.raised_at.toISOString(),
  status: a.status,
  confirmed: a.status === 'resolved',
  expires_at: new Date(a.watchers_notified_at!.getTime() + CONFIRM_TOKEN_TTL_MS).toISOString(),
});

export async function lookupConfirm(ctx: AppContext, ip: string | null, token: string) {
  const now = ctx.clock.now();
  await throttleLinkUse(ctx, 'confirm', ip, 3_600_000, PER_HOUR);
  return publicDto(await findByToken(ctx.db, token, now, false));
}

export async function answerConfirm(ctx: AppContext, ip: string | null, token: string, body: PublicConfirmBody) {
  const now = ctx.clock.now();
  await throttleLinkUse(ctx, 'confirm', ip, 3_600_000, PER_HOUR);
  return withTransaction(ctx, async (trx, emit) => {
    const a = await findByToken(trx, token, now, true);
    if (a.status === 'resolved') {
      // A second tap on "safe" is answered as the first; anything else comes too late.
      if (body.outcome === 'safe' && a.resolved_via === 'watcher_link') return publicDto(a);
      throw new AppError(409, 'alert_already_resolved');
    }
    if (body.outcome === 'safe') {
      await updateAlertRow(trx, a.tenant_id, a.id, {
        status: 'resolved',
        outcome: 'safe',
        resolved_at: now,
        resolved_by: null,
        resolved_via: 'watcher_link',
        next_step_at: null,
        acknowledged_at: a.acknowledged_at ?? now,
      });
      await insertAlertEvent(trx, a.tenant_id, a.id, 'resolved', now, null, { outcome: 'safe', via: 'watcher_link' });
    } else {
      await insertAlertEvent(trx, a.tenant_id, a.id, 'watcher_needs_help', now, null, { via: 'watcher_link' });
      await updateAlertRow(trx, a.tenant_id, a.id, { detail: JSON.stringify({ ...a.detail, watcher_response: 'needs_help' }) });
      await alertHub(trx, a, now, emit, 'watcher_needs_help');
      if (!a.hub_alerted_at) {
        const { hubEscalateMinutes } = ladderTimings(await watchSettingsOf(trx, a.tenant_id, a.person_id));
        await updateAlertRow(trx, a.tenant_id, a.id, { next_step_at: new Date(now.getTime() + hubEscalateMinutes * 60_000) });
      }
    }
    emit({ tenantId: a.tenant_id, type: 'alert.updated', id: a.id });
    return publicDto(await findByToken(trx, token, now, false));
  });
}

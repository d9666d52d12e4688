/**
 * The check-in sweeper, safe in every app copy (FOR UPDATE SKIP LOCKED, no leader):
 * 1. issue — plans whose next_due_at has passed get one check-in row for that due time (unique
 *    per plan and due time) and move on to their next occurrence, in one transaction;
 * 2. deliver — pending check-ins get a fresh answer token and go out through their channel
 *    (email into the outbox in the same transaction; push and LINE by their services, retried
 *    with backoff; a channel that cannot deliver is recorded as failed with the reason);
 * 3. expire — check-ins unanswered at expires_at are missed; a delivered miss counts on the
 *    plan, and reaching missed_threshold raises (or repeats) a 'checkin_missed' alert, which
 *    enters the escalation ladder.
 */
import { uuidv7 } from 'uuidv7';
import { hashLinkToken, newLinkToken } from '../../access/authenticators/link-token.js';
import type { AppContext } from '../../context.js';
import { withTransaction } from '../../db/transaction.js';
import { raiseAlert } from '../alerts/alerts.service.js';
import { type CheckinChannels, DeliveryError } from './checkins.channels.js';
import { answerLinks } from './checkins.links.js';
import {
  claimDuePlans,
  claimExpired,
  claimPendingDeliveries,
  countMiss,
  insertCheckin,
  setNextDue,
  updateCheckin,
} from './checkins.queries.js';
import { expiresAt, nextDueAt } from './checkins.schedule.js';

const MAX_DELIVERY_ATTEMPTS = 8;

/** Creates the check-ins that are due; returns how many plans it advanced. */
export async function issueDueCheckins(ctx: AppContext, batch = 100): Promise<number> {
  const now = ctx.clock.now();
  return withTransaction(ctx, async (trx) => {
    const plans = await claimDuePlans(trx, now, batch);
    for (const p of plans) {
      const due = p.next_due_at!;
      const expires = expiresAt(p, due);
      // A due time whose answer window already closed (the service was down) is skipped: a
      // check-in nobody could answer must not count as the person's miss.
      if (expires.getTime() > now.getTime()) {
        await insertCheckin(trx, {
          tenant_id: p.tenant_id,
          id: uuidv7(),
          plan_id: p.id,
          due_at: due,
          sent_at: null,
          expires_at: expires,
          // Placeholder: the delivery step mints the real token, so only the sent one is valid.
          answer_token_hash: hashLinkToken(newLinkToken()),
          answered_at: null,
          answer: null,
          missed_at: null,
          channel: p.channel,
          delivery_status: 'pending',
          deliver_after: now,
        });
      }
      const from = due.getTime() > now.getTime() ? due : now;
      await setNextDue(trx, p.tenant_id, p.id, nextDueAt(p, from), now);
    }
    return plans.length;
  });
}

/** Sends pending check-ins through their channels; returns how many were handed over or failed for good. */
export async function deliverCheckins(ctx: AppContext, channels: CheckinChannels, batch = 50): Promise<number> {
  const now = ctx.clock.now();
  return withTransaction(ctx, async (trx) => {
    const rows = await claimPendingDeliveries(trx, now, batch);
    let done = 0;
    for (const r of rows) {
      const attempts = r.delivery_attempts + 1;
      if (r.expires_at.getTime() <= now.getTime()) {
        await updateCheckin(trx, r.tenant_id, r.id, {
          delivery_status: 'failed',
          delivery_error: 'expired_before_delivery',
          deliver_after: null,
        });
        done++;
        continue;
      }
      const token = newLinkToken();
      await updateCheckin(trx, r.tenant_id, r.id, { answer_token_hash: hashLinkToken(token) });
      const plan = {
        tenant_id: r.tenant_id,
        id: r.plan_id,
        channel: r.channel,
        address: r.address,
        push_subscription: r.push_subscription,
      };
      try {
        const status = await channels[r.channel].send(
          plan,
          { id: r.id, due_at: r.due_at, expires_at: r.expires_at, at: now },
          answerLinks(ctx.config.publicUrl, token),
          trx,
        );
        await updateCheckin(trx, r.tenant_id, r.id, {
          delivery_status: status,
          sent_at: now,
          delivery_attempts: attempts,
          delivery_error: null,
          deliver_after: null,
        });
        done++;
      } catch (err) {
        const e = err instanceof DeliveryError ? err : new DeliveryError('delivery_failed', String((err as Error).message ?? err), false);
        const giveUp = e.permanent || attempts >= MAX_DELIVERY_ATTEMPTS;
        // Backoff from 30 s, capped at 30 min; the answer window bounds it anyway.
        const retryAt = new Date(now.getTime() + Math.min(30_000 * 2 ** (attempts - 1), 1_800_000));
        await updateCheckin(trx, r.tenant_id, r.id, {
          delivery_status: giveUp ? 'failed' : 'pending',
          delivery_attempts: attempts,
          delivery_error: `${e.code}: ${e.message}`.slice(0, 500),
          deliver_after: giveUp ? null : retryAt,
        });
        if (giveUp) done++;
      }
    }
    return done;
  });
}

/** Closes check-ins whose answer window has passed; returns how many. */
export async function expireCheckins(ctx: AppContext, batch = 200): Promise<number> {
  const now = ctx.clock.now();
  return withTransaction(ctx, async (trx, emit) => {
    const rows = await claimExpired(trx, now, batch);
    // Plans are updated in one order, so two copies expiring check-ins of the same plans cannot deadlock.
    rows.sort((a, b) => (a.plan_id < b.plan_id ? -1 : a.plan_id > b.plan_id ? 1 : a.due_at.getTime() - b.due_at.getTime()));
    for (const c of rows) {
      // 'queued' is an email handed to the outbox: it reached the person only if SMTP took it.
      const mailNeverLeft = c.delivery_status === 'queued' && !c.mail_sent_at;
      const delivered = (c.delivery_status === 'queued' && !mailNeverLeft) || c.delivery_status === 'sent';
      await updateCheckin(
        trx,
        c.tenant_id,
        c.id,
        delivered
          ? { missed_at: c.expires_at }
          : {
              missed_at: c.expires_at,
              delivery_status: 'failed',
              deliver_after: null,
              ...(mailNeverLeft
                ? { delivery_error: 'email_not_sent: the mail server did not take it before the answer window closed' }
                : {}),
            },
      );
      // A check-in that never reached the person is not their miss; its failure is on the row.
      if (!delivered) continue;
      const plan = await countMiss(trx, c.tenant_id, c.plan_id, now);
      if (plan && plan.consecutive_missed >= plan.missed_threshold) {
        await raiseAlert(
          trx,
          {
            tenantId: c.tenant_id,
            personId: plan.person_id,
            checkinPlanId: c.plan_id,
            type: 'checkin_missed',
            severity: 'high',
            detail: { consecutive_missed: plan.consecutive_missed, last_due_at: c.due_at.toISOString(), checkin_id: c.id },
            at: now,
          },
          emit,
        );
      }
    }
    return rows.length;
  });
}

/** One pass of all three steps; the worker loops while it finds work. */
export async function sweepCheckins(ctx: AppContext, channels: CheckinChannels): Promise<number> {
  const issued = await issueDueCheckins(ctx);
  const delivered = await deliverCheckins(ctx, channels);
  const expired = await expireCheckins(ctx);
  return issued + delivered + expired;
}

/**
 * Check-in plans (a person's opt-in, recorded by staff) and the one-tap answer. Answers need no
 * account: the token in the link is the capability, stored hashed, limited per client address.
 * "話したい" files a concern into the hub's triage queue (no alert: the triage SLA is the right
 * clock for a wish to talk, the escalation ladder is for silence); any answer resets the run of
 * misses and is recorded on an open 'checkin_missed' alert of the plan for whoever resolves it.
 */
import { uuidv7 } from 'uuidv7';
import { audit } from '../../access/audit.js';
import { hashLinkToken, newLinkToken, plausibleLinkToken, throttleLinkUse } from '../../access/authenticators/link-token.js';
import type { Principal, RequestMeta } from '../../access/principal.js';
import { requireAccess } from '../../access/require-access.js';
import type { AppContext } from '../../context.js';
import { withTransaction } from '../../db/transaction.js';
import { AppError } from '../../errors.js';
import { translate } from '../../i18n.js';
import { openAlertsOfCheckinPlan, recordAlertEvidence } from '../alerts/alerts.service.js';
import { fileConcernIn } from '../concerns/concerns.service.js';
import { deliveryProblem } from '../notifications/channels.service.js';
import { placeOfPerson, requirePerson } from '../people/people.service.js';
import { categoriesOf, tenantInfo } from '../tenants/tenants.service.js';
import {
  checkinByTokenHash,
  insertPlan,
  lockPlan,
  plansOfPerson,
  recentCheckins,
  recordAnswer,
  resetMissed,
  subscribeLinkExists,
  subscribeWithLink,
  updateCheckin,
  updatePlanRow,
} from './checkins.queries.js';
import { nextDueAt } from './checkins.schedule.js';
import type { PlanCreate, PlanPatch } from './checkins.schemas.js';
import type { CheckinAnswer } from './checkins.tables.js';

/** Answer-page requests (views and answers) per client address per 10 minutes. */
const ANSWERS_PER_WINDOW = 60;
/** Queue order of a "話したい" answer: with "not seen" and "mail piling up" (category 'other' would rank it last). */
export const TALK_PRIORITY = 1;
const WINDOW_MS = 600_000;

type PlanRow = Awaited<ReturnType<typeof plansOfPerson>>[number];

function planProblem(ctx: AppContext, p: Pick<PlanRow, 'channel' | 'address' | 'push_subscription'>): string | null {
  if (p.channel === 'push') return deliveryProblem(ctx.config, 'push') ?? (p.push_subscription ? null : 'push_not_subscribed');
  if (!p.address) return 'no_address';
  return deliveryProblem(ctx.config, p.channel);
}

function planDto(ctx: AppContext, p: PlanRow) {
  const problem = planProblem(ctx, p);
  return {
    id: p.id,
    person_id: p.person_id,
    active: p.active,
    frequency: p.frequency,
    weekday: p.weekday,
    local_time: p.local_time,
    channel: p.channel,
    address: p.address,
    push_subscribed: p.push_subscription != null,
    missed_threshold: p.missed_threshold,
    consecutive_missed: p.consecutive_missed,
    next_due_at: p.next_due_at?.toISOString() ?? null,
    deliverable: problem === null,
    delivery_problem: problem,
    created_at: p.created_at.toISOString(),
    updated_at: p.updated_at.toISOString(),
  };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const LINE_USER = /^U[0-9a-f]{32}$/;

/** Checks a merged plan and returns its normalised fields. */
function normalise(
  v: Required<Pick<PlanCreate, 'frequency' | 'local_time' | 'channel'>> & { weekday: number | null; address: string | null },
) {
  if (v.frequency === 'weekly' && v.weekday === null) throw new AppError(400, 'checkin_weekday_required');
  const weekday = v.frequency === 'weekly' ? v.weekday : null;
  const address = v.channel === 'push' ? null : v.address?.trim() || null;
  if (v.channel !== 'push' && !address) throw new AppError(400, 'checkin_address_required', undefined, { channel: v.channel });
  if (address && !(v.channel === 'email' ? EMAIL : LINE_USER).test(address))
    throw new AppError(400, 'checkin_address_invalid', undefined, { channel: v.channel });
  return { frequency: v.frequency, local_time: v.local_time, channel: v.channel, weekday, address };
}

export async function listPlans(ctx: AppContext, principal: Principal | null, meta: RequestMeta, personId: string) {
  const p = requireAccess(principal, 'checkin:read');
  await requirePerson(ctx.db, p.tenantId, personId);
  const rows = await plansOfPerson(ctx.db, p.tenantId, personId);
  await audit(ctx.db, p, meta, ctx.clock.now(), [
    { action: 'read', entityType: 'person', entityId: personId, detail: { checkin_plans: true } },
  ]);
  return { items: rows.map((r) => planDto(ctx, r)) };
}

export async function createPlan(ctx: AppContext, principal: Principal | null, meta: RequestMeta, personId: string, body: PlanCreate) {
  const p = requireAccess(principal, 'checkin:write');
  const now = ctx.clock.now();
  const v = normalise({ ...body, weekday: body.weekday ?? null, address: body.address ?? null });
  const active = body.active ?? true;
  return withTransaction(ctx, async (trx) => {
    await requirePerson(trx, p.tenantId, personId);
    const row = await insertPlan(trx, {
      tenant_id: p.tenantId,
      id: uuidv7(),
      person_id: personId,
      ...v,
      push_subscription: null,
      missed_threshold: body.missed_threshold ?? 2,
      active,
      next_due_at: active ? nextDueAt(v, now) : null,
      created_at: now,
      updated_at: now,
    });
    await audit(trx, p, meta, now, [
      { action: 'update', entityType: 'person', entityId: personId, detail: { checkin_plan: row.id, created: true } },
    ]);
    return planDto(ctx, row);
  });
}

export async function updatePlan(ctx: AppContext, principal: Principal | null, meta: RequestMeta, planId: string, body: PlanPatch) {
  const p = requireAccess(principal, 'checkin:write');
  const now = ctx.clock.now();
  return withTransaction(ctx, async (trx) => {
    const cur = await lockPlan(trx, p.tenantId, planId);
    if (!cur) throw new AppError(404, 'checkin_plan_not_found');
    const v = normalise({
      frequency: body.frequency ?? cur.frequency,
      local_time: body.local_time ?? cur.local_time,
      channel: body.channel ?? cur.channel,
      weekday: body.weekday !== undefined ? body.weekday : cur.weekday,
      address: body.address !== undefined ? body.address : cur.address,
    });
    const active = body.active ?? cur.active;
    const rescheduled = v.frequency !== cur.frequency || v.local_time !== cur.local_time || v.weekday !== cur.weekday;
    const nextDue = !active ? null : rescheduled || !cur.active || !cur.next_due_at ? nextDueAt(v, now) : cur.next_due_at;
    const row = await updatePlanRow(trx, p.tenantId, planId, {
      ...v,
      active,
      next_due_at: nextDue,
      missed_threshold: body.missed_threshold ?? cur.missed_threshold,
      updated_at: now,
      // Switching away from push forgets the browser's subscription (it was given for this plan's push only).
      ...(v.channel !== 'push' && cur.channel === 'push' ? { push_subscription: null } : {}),
    });
    await audit(trx, p, meta, now, [
      { action: 'update', entityType: 'person', entityId: cur.person_id, detail: { checkin_plan: planId, fields: Object.keys(body) } },
    ]);
    return planDto(ctx, row);
  });
}

function checkinStatus(c: { answered_at: Date | null; missed_at: Date | null; delivery_status: string }) {
  if (c.answered_at) return 'answered' as const;
  if (c.delivery_status === 'failed') return 'undelivered' as const;
  if (c.missed_at) return 'missed' as const;
  return 'open' as const;
}

export async function listCheckins(ctx: AppContext, principal: Principal | null, meta: RequestMeta, personId: string, limit: number) {
  const p = requireAccess(principal, 'checkin:read');
  await requirePerson(ctx.db, p.tenantId, personId);
  const rows = await recentCheckins(ctx.db, p.tenantId, personId, limit);
  await audit(ctx.db, p, meta, ctx.clock.now(), [{ action: 'read', entityType: 'person', entityId: personId, detail: { checkins: true } }]);
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return {
    items: rows.map((c) => ({
      id: c.id,
      plan_id: c.plan_id,
      due_at: c.due_at.toISOString(),
      sent_at: iso(c.sent_at),
      expires_at: c.expires_at.toISOString(),
      channel: c.channel,
      delivery_status: c.delivery_status,
      delivery_error: c.delivery_error,
      status: checkinStatus(c),
      answer: c.answer,
      answered_at: iso(c.answered_at),
      missed_at: iso(c.missed_at),
      concern_id: c.concern_id,
    })),
  };
}

/** A link the person opens on their own phone to receive check-ins by web push (single use). */
export async function createSubscribeLink(ctx: AppContext, principal: Principal | null, meta: RequestMeta, planId: string) {
  const p = requireAccess(principal, 'checkin:write');
  const token = newLinkToken();
  const now = ctx.clock.now();
  return withTransaction(ctx, async (trx) => {
    const cur = await lockPlan(trx, p.tenantId, planId);
    if (!cur) throw new AppError(404, 'checkin_plan_not_found');
    await updatePlanRow(trx, p.tenantId, planId, { subscribe_token_hash: hashLinkToken(token), updated_at: now });
    await audit(trx, p, meta, now, [
      { action: 'update', entityType: 'person', entityId: cur.person_id, detail: { checkin_plan: planId, subscribe_link: true } },
    ]);
    return { url: `${ctx.config.publicUrl.replace(/\/+$/, '')}/c/subscribe/${token}`, vapid_configured: ctx.config.vapid !== undefined };
  });
}

async function limitClient(ctx: AppContext, meta: RequestMeta) {
  await throttleLinkUse(ctx, 'checkin-answer', meta.ip, WINDOW_MS, ANSWERS_PER_WINDOW);
}

export type CheckinView = { state: 'open' } | { state: 'answered'; answer: CheckinAnswer };

/** What the answer page shows for a token; 404 unknown, 410 expired. */
export async function viewCheckin(ctx: AppContext, meta: RequestMeta, token: string): Promise<CheckinView> {
  await limitClient(ctx, meta);
  const c = plausibleLinkToken(token) ? await checkinByTokenHash(ctx.db, hashLinkToken(token), false) : undefined;
  if (!c) throw new AppError(404, 'checkin_not_found');
  if (c.answered_at) return { state: 'answered', answer: c.answer! };
  if (c.missed_at || c.expires_at.getTime() <= ctx.clock.now().getTime()) throw new AppError(410, 'checkin_expired');
  return { state: 'open' };
}

/** Records a one-tap answer. The first answer counts; a second tap is told it was already recorded. */
export async function answerCheckin(ctx: AppContext, meta: RequestMeta, token: string, answer: CheckinAnswer) {
  await limitClient(ctx, meta);
  if (!plausibleLinkToken(token)) throw new AppError(404, 'checkin_not_found');
  const now = ctx.clock.now();
  return withTransaction(ctx, async (trx, emit) => {
    const c = await checkinByTokenHash(trx, hashLinkToken(token), true);
    if (!c) throw new AppError(404, 'checkin_not_found');
    if (c.answered_at) return { status: 'already_answered' as const, answer: c.answer!, answered_at: c.answered_at.toISOString() };
    if (c.missed_at || c.expires_at.getTime() <= now.getTime()) throw new AppError(410, 'checkin_expired');
    await recordAnswer(trx, c.tenant_id, c.id, answer, now);
    const plan = await resetMissed(trx, c.tenant_id, c.plan_id, now);
    // Resolving the alert is the alerts lifecycle's call; the answer is recorded on it as evidence.
    for (const alertId of await openAlertsOfCheckinPlan(trx, c.tenant_id, c.plan_id)) {
      await recordAlertEvidence(trx, emit, {
        tenantId: c.tenant_id,
        alertId,
        kind: 'checkin_answered',
        at: now,
        data: { answer, checkin_id: c.id },
      });
    }
    if (answer === 'talk') {
      const person = (await placeOfPerson(trx, c.tenant_id, plan.person_id))!;
      const { settings } = await tenantInfo(trx, c.tenant_id);
      const cats = categoriesOf(settings);
      const category = (cats.find((x) => x.code === 'other') ?? cats[cats.length - 1])!.code;
      const hasPoint = person.latitude !== null && person.longitude !== null;
      // The person is known: the concern is linked to them, so triage starts from them.
      const ack = await fileConcernIn(
        trx,
        emit,
        now,
        {
          tenantId: c.tenant_id,
          reporterKind: 'resident',
          channel: 'other',
          reporterAccountId: null,
          reporterPartnerId: null,
          reporterDeviceId: null,
          anonymous: false,
          callbackContact: null,
          idempotencyPrincipal: 'checkin',
          personId: plan.person_id,
          // The person asked to talk: ahead of routine reports in the queue, not last with 'other'.
          priority: TALK_PRIORITY,
        },
        {
          category,
          description: translate('ja', 'checkins.concern.description', { name: person.name }),
          place_text: person.address ?? undefined,
          ...(hasPoint ? { latitude: person.latitude!, longitude: person.longitude! } : {}),
        },
      );
      await updateCheckin(trx, c.tenant_id, c.id, { concern_id: ack.id });
    }
    return { status: 'recorded' as const, answer, answered_at: now.toISOString() };
  });
}

/** Stores the browser's push subscription for the plan the single-use link belongs to. */
export async function registerPushSubscription(ctx: AppContext, meta: RequestMeta, token: string, subscription: unknown) {
  await limitClient(ctx, meta);
  const now = ctx.clock.now();
  const row = plausibleLinkToken(token) ? await subscribeWithLink(ctx.db, hashLinkToken(token), subscription, now) : undefined;
  if (!row) throw new AppError(404, 'subscribe_link_not_found');
  return { status: 'subscribed' as const };
}

export async function subscribeLinkValid(ctx: AppContext, meta: RequestMeta, token: string): Promise<boolean> {
  await limitClient(ctx, meta);
  if (!plausibleLinkToken(token)) return false;
  return subscribeLinkExists(ctx.db, hashLinkToken(token));
}

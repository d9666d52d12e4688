/**
 * Demo for honest signals (issue #9): what `npm start` shows without any channel configured.
 *  - watchers name the watched person by a label (「母」);
 *  - an open inactivity alert of a person with no watcher: the family step is "skipped";
 *  - an open alert whose watchers are on LINE and SMS: each message "not delivered";
 *  - a silent device (technical alert) for the coordinator, with where the device is;
 *  - the hub's in-app notifications for those alerts (the bell);
 *  - the demo partner's reports thanked by the hub ("わたしの報告");
 * Reads the rows the earlier demo steps wrote (same transaction) and adds to them.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { NewId } from './demo-world.js';

const MIN = 60_000;
const HOUR = 60 * MIN;

export async function seedDemoSignals(trx: Kysely<Database>, newId: NewId, tenantId: string, now: Date): Promise<Record<string, number>> {
  const t0 = now.getTime();
  const at = (ms: number) => new Date(ms);
  const counts: Record<string, number> = {};

  const devices = await trx
    .selectFrom('watch_devices as d')
    .innerJoin('people as p', (j) => j.onRef('p.tenant_id', '=', 'd.tenant_id').onRef('p.id', '=', 'd.person_id'))
    .select(['d.id', 'd.person_id', 'd.type', 'd.device_key', 'p.area_id'])
    .where('d.tenant_id', '=', tenantId)
    .orderBy('d.device_key')
    .execute();
  const watchers = await trx.selectFrom('watchers').select(['id', 'person_id']).where('tenant_id', '=', tenantId).execute();
  const watched = new Set(watchers.map((w) => w.person_id));
  const openAlerts = new Set(
    (await trx.selectFrom('alerts').select('person_id').where('tenant_id', '=', tenantId).where('status', '<>', 'resolved').execute()).map(
      (a) => a.person_id,
    ),
  );
  const motion = devices.filter((d) => d.type === 'motion' && !openAlerts.has(d.person_id));
  const lonely = motion.find((d) => !watched.has(d.person_id));
  const withLine = motion.find((d) => d !== lonely && !watched.has(d.person_id) && d.person_id !== lonely?.person_id);
  const silent = devices.find((d) => d.type === 'door' && !openAlerts.has(d.person_id) && d.person_id !== lonely?.person_id);

  // Labels the watchers chose: the first watcher of each person calls them 「母」 or 「父」 in turn.
  const firsts = new Map<string, string>();
  for (const w of watchers) if (!firsts.has(w.person_id)) firsts.set(w.person_id, w.id);
  let i = 0;
  for (const id of firsts.values()) {
    await trx
      .updateTable('watchers')
      .set({ person_label: i++ % 2 === 0 ? '母' : '父' })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .execute();
  }
  counts.watcher_labels = firsts.size;

  const alerts: Parameters<typeof insertAlert>[1][] = [];
  const events: { alert_id: string; kind: string; at: number; data: Record<string, unknown> }[] = [];
  const reasons = new Map<string, string>();
  const base = (d: (typeof devices)[number], raised: number) => ({
    tenant_id: tenantId,
    id: newId(raised),
    person_id: d.person_id,
    device_id: d.id,
    checkin_plan_id: null,
    raised_at: at(raised),
    last_seen_at: at(raised),
    detail: JSON.stringify({ device_key: d.device_key }),
    status: 'active' as const,
  });
  // A welfare alert (no movement for 12 h) raised at `raised`, watchers and hub already told.
  const inactivityAlert = (d: (typeof devices)[number], raised: number) => {
    const a = {
      ...base(d, raised),
      type: 'inactivity' as const,
      category: 'welfare' as const,
      severity: 'high' as const,
      watchers_notified_at: at(raised),
      hub_alerted_at: at(raised),
      next_step_at: at(raised + HOUR),
    };
    alerts.push(a);
    events.push({ alert_id: a.id, kind: 'raised', at: raised, data: { inactivity_hours: 12 } });
    return a;
  };

  // A person with no watcher: nobody to tell, so the family step is skipped and the hub is told.
  if (lonely) {
    const r = t0 - 40 * MIN;
    const a = inactivityAlert(lonely, r);
    events.push({ alert_id: a.id, kind: 'watchers_skipped', at: r, data: { reason: 'no_watchers' } });
    events.push({ alert_id: a.id, kind: 'hub_alerted', at: r, data: { reason: 'no_watchers', notified: 2 } });
    reasons.set(a.id, 'no_watchers');
  }

  // Watchers on LINE and SMS while neither is configured: both messages are "not delivered".
  if (withLine) {
    const created = t0 - 30 * 24 * HOUR;
    const line = { id: newId(created), channel: 'line' as const, name: '森 由美', relation: '長女', address: `U${'1'.repeat(32)}` };
    const sms = { id: newId(created), channel: 'sms' as const, name: '佐野 誠', relation: '隣人', address: '090-0000-0000' };
    for (const [n, w] of [line, sms].entries())
      await trx
        .insertInto('watchers')
        .values({
          tenant_id: tenantId,
          person_id: withLine.person_id,
          ...w,
          priority: n + 1,
          active: true,
          created_at: at(created),
          person_label: n === 0 ? '母' : null,
        })
        .execute();
    const r = t0 - 25 * MIN;
    const a = inactivityAlert(withLine, r);
    events.push({
      alert_id: a.id,
      kind: 'watchers_notified',
      at: r,
      data: {
        watchers: 2,
        deliverable: 0,
        channels: ['line', 'sms'],
        messages: [
          { watcher_id: line.id, channel: 'line', problem: 'line_not_configured' },
          { watcher_id: sms.id, channel: 'sms', problem: 'sms_not_configured' },
        ],
      },
    });
    events.push({ alert_id: a.id, kind: 'hub_alerted', at: r, data: { reason: 'watchers_unreachable', notified: 2 } });
    reasons.set(a.id, 'watchers_unreachable');
    for (const w of [line, sms])
      await trx
        .insertInto('outbox')
        .values({
          tenant_id: tenantId,
          id: newId(r),
          kind: w.channel,
          dedupe_key: `watch:${a.id}:${w.id}`,
          payload: JSON.stringify({ to: w.address, text: '（デモ）見守りのお知らせ' }),
          created_at: at(r),
          available_at: at(r),
          attempts: 1,
          sent_at: null,
          failed_at: at(r),
          last_error:
            w.channel === 'line' ? 'LINE not configured: no channel access token' : 'SMS not configured: no SMS provider is set up',
        })
        .execute();
  }

  // A door sensor stopped reporting: a device fault for the coordinator.
  if (silent) {
    const r = t0 - 6 * HOUR;
    const a = {
      ...base(silent, r),
      type: 'device_silent' as const,
      category: 'technical' as const,
      severity: 'medium' as const,
      watchers_notified_at: null,
      hub_alerted_at: null,
      next_step_at: null,
    };
    alerts.push(a);
    events.push({ alert_id: a.id, kind: 'raised', at: r, data: { silence_hours: 6 } });
  }
  for (const a of alerts) await insertAlert(trx, a);
  for (const e of events)
    await trx
      .insertInto('alert_events')
      .values({
        tenant_id: tenantId,
        id: newId(e.at),
        alert_id: e.alert_id,
        kind: e.kind,
        at: at(e.at),
        actor_id: null,
        data: JSON.stringify(e.data),
      })
      .execute();
  counts.signal_alerts = alerts.length;

  // The hub's bell: staff and leads hear of the two welfare alerts.
  const hubStaff = await trx
    .selectFrom('accounts')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('role', 'in', ['hub_staff', 'hub_lead'])
    .execute();
  let notes = 0;
  for (const a of alerts.filter((x) => x.category === 'welfare'))
    for (const acc of hubStaff) {
      await trx
        .insertInto('notifications')
        .values({
          tenant_id: tenantId,
          id: newId(a.raised_at.getTime()),
          account_id: acc.id,
          kind: 'watch_alert',
          case_id: null,
          created_at: a.raised_at,
          read_at: null,
          data: JSON.stringify({
            alert_id: a.id,
            type: a.type,
            severity: a.severity,
            raised_at: a.raised_at.toISOString(),
            reason: reasons.get(a.id),
          }),
        })
        .execute();
      notes++;
    }
  counts.signal_notifications = notes;

  // The hub thanked the demo partner for its latest handled reports.
  const partnerAccount = await trx
    .selectFrom('accounts')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('email', '=', 'partner@demo.example')
    .executeTakeFirst();
  if (partnerAccount) {
    const thanked = await trx
      .selectFrom('concerns')
      .select(['id', 'received_at'])
      .where('tenant_id', '=', tenantId)
      .where('reporter_account_id', '=', partnerAccount.id)
      .where('status', 'in', ['triaged', 'merged'])
      .orderBy('received_at', 'desc')
      .limit(2)
      .execute();
    for (const c of thanked)
      await trx
        .updateTable('concerns')
        .set({
          thanks_message: 'お知らせいただきありがとうございました。見守りハブで確認し、訪問につなげました。',
          thanked_at: at(c.received_at.getTime() + 26 * HOUR),
        })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', c.id)
        .execute();
    counts.thanks = thanked.length;
  }
  return counts;
}

async function insertAlert(
  trx: Kysely<Database>,
  a: {
    tenant_id: string;
    id: string;
    person_id: string;
    device_id: string;
    checkin_plan_id: null;
    raised_at: Date;
    last_seen_at: Date;
    detail: string;
    status: 'active';
    type: 'inactivity' | 'device_silent';
    category: 'welfare' | 'technical';
    severity: 'high' | 'medium';
    watchers_notified_at: Date | null;
    hub_alerted_at: Date | null;
    next_step_at: Date | null;
  },
) {
  await trx
    .insertInto('alerts')
    .values({ ...a, occurrences: 1, outcome: null, case_opened_at: null, case_id: null, confirm_token_hash: null })
    .execute();
}

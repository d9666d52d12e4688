/**
 * Demo watch devices (issue #4): about 50 people living alone get a kit of sensors (motion, door,
 * smart meter, kettle plug, light bulb, emergency button) with three days of telemetry that
 * follow a daily rhythm, device_state rows that agree with it, family watchers, a few watch
 * settings, check-in plans with their recent answers and a handful of historical alerts in every
 * state. Integrators get the emergency button `demo-button-1` (token `demo-device-token`) and the
 * simulator the ingestion credential `demo-ingest-credential-token` (docs/SIMULATOR.md).
 *
 * Deterministic like the rest of the demo: its own seeded Rng and times relative to `now`.
 */

import type { Insertable, Kysely } from 'kysely';
import { hashSecret } from '../access/secrets.js';
import type { Database } from '../db/schema.js';
import { expiresAt, nextDueAt } from '../modules/checkins/checkins.schedule.js';
import type { DeviceType, WatchSettings } from '../modules/devices/devices.tables.js';
import { inactivityDueAt, resolveSettings } from '../modules/devices/watch-settings.js';
import { Rng } from './demo-random.js';
import type { NewId, Row } from './demo-world.js';

export const DEMO_DEVICE_KEY = 'demo-button-1';
export const DEMO_DEVICE_TOKEN = 'demo-device-token';
export const DEMO_INGEST_TOKEN = 'demo-ingest-credential-token';

const SEED = 20260404;
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const TOKYO = 9 * HOUR;
const HISTORY_DAYS = 3;
const PEOPLE = 50;

/** sha256 base64url, as the telemetry auth stores device tokens and ingestion credentials. */
const hash = hashSecret;

interface Kit {
  personId: string;
  surname: string;
  wake: number; // local hours
  sleep: number;
  devices: { id: string; key: string; type: DeviceType; battery: number | null; standbySince: number | null }[];
}

const VENDORS: Record<DeviceType, string> = {
  motion: 'つながりセンサー',
  door: 'つながりセンサー',
  power: 'スマートメーター（Bルート）',
  plug: 'みまもりポット',
  light: 'みまもり電球',
  emergency_button: '緊急通報ボタン',
  other: 'その他',
};
const LOCATIONS: Record<DeviceType, readonly string[]> = {
  motion: ['居間', '寝室', '廊下'],
  door: ['玄関', '冷蔵庫'],
  power: ['分電盤'],
  plug: ['台所'],
  light: ['トイレ', '廊下', '居間'],
  emergency_button: ['寝室', '居間'],
  other: ['居間'],
};
const RELATIONS = ['長女', '長男', '次女', '次男', '姪', '甥', '妹'] as const;
const GIVEN = ['美香', '健一', '由美', '誠', '裕子', '大輔', '恵子', '隆'] as const;

/** Local (Asia/Tokyo) midnight of the day containing t, as UTC ms. */
const localMidnight = (t: number) => Math.floor((t + TOKYO) / DAY) * DAY - TOKYO;
const localDay = (t: number) => new Date(t + TOKYO).getUTCDay();

export interface DemoDeviceCounts {
  watch_devices: number;
  telemetry: number;
  device_state: number;
  watchers: number;
  watch_settings: number;
  checkin_plans: number;
  checkins: number;
  alerts: number;
  alert_events: number;
  ingest_credentials: number;
}

async function insertChunks<T extends keyof Database & string>(
  trx: Kysely<Database>,
  table: T,
  rows: Insertable<Database[T]>[],
): Promise<number> {
  for (let i = 0; i < rows.length; i += 1000)
    await trx
      .insertInto(table)
      .values(rows.slice(i, i + 1000) as never)
      .execute();
  return rows.length;
}

export async function seedDemoDevices(
  trx: Kysely<Database>,
  newId: NewId,
  tenantId: string,
  now: Date,
  people: Row<'people'>[],
  staffIds: string[],
  cases: Row<'cases'>[],
): Promise<DemoDeviceCounts> {
  const rng = new Rng(SEED);
  const t0 = now.getTime();
  const at = (ms: number) => new Date(ms);

  // Older people living alone, in the order the world made them.
  const watched = people
    .filter((p) => p.living_alone === true && (p.birth_year ?? 9999) <= new Date(t0).getUTCFullYear() - 65)
    .slice(0, PEOPLE);

  // --- devices ---------------------------------------------------------------------------------
  const devices: Row<'watch_devices'>[] = [];
  const kits: Kit[] = [];
  const counters: Partial<Record<DeviceType, number>> = {};
  const keyOf = (type: DeviceType) => {
    const n = (counters[type] = (counters[type] ?? 0) + 1);
    return `demo-${type === 'emergency_button' ? 'button' : type}-${n}`;
  };
  for (const [i, p] of watched.entries()) {
    // Fixed kits the simulator's anomalies use (docs/SIMULATOR.md): 0 owns demo-button-1,
    // 1 (demo-motion-2, demo-power-2) has been inactive since yesterday evening, 2 (demo-power-3)
    // has a fridge-only standby day.
    const fixed: DeviceType[][] = [
      ['emergency_button', 'motion', 'plug', 'power'],
      ['motion', 'power'],
      ['door', 'power', 'plug'],
    ];
    const types: DeviceType[] = [...(fixed[i] ?? [])];
    if (i >= fixed.length) {
      types.push(rng.chance(0.8) ? 'motion' : 'door');
      if (rng.chance(0.5)) types.push('power');
      if (rng.chance(0.4)) types.push('plug');
      if (rng.chance(0.3)) types.push('light');
      if (rng.chance(0.3)) types.push('emergency_button');
      if (types.length === 1 && types[0] === 'door') types.push('plug');
    }
    const kit: Kit = {
      personId: p.id,
      surname: (p.name ?? '').split(' ')[0] ?? '',
      wake: rng.between(5.8, 7.5),
      sleep: rng.between(21.3, 23),
      devices: [],
    };
    for (const type of types) {
      const created = t0 - rng.between(30, 300) * DAY;
      const id = newId(created);
      const key = keyOf(type);
      const token =
        key === DEMO_DEVICE_KEY
          ? DEMO_DEVICE_TOKEN
          : `${key}-${Math.floor(rng.float() * 2 ** 52).toString(36)}${Math.floor(rng.float() * 2 ** 52).toString(36)}`;
      devices.push({
        tenant_id: tenantId,
        id,
        device_key: key,
        person_id: p.id,
        type,
        vendor: VENDORS[type],
        vendor_device_id: `SN-${String(100000 + devices.length * 7919).slice(0, 6)}`,
        location_in_home: rng.pick(LOCATIONS[type]),
        status: 'active',
        token_hash: hash(token),
        token_rotated_at: null,
        created_at: at(created),
        updated_at: at(created),
      });
      const battery = ['motion', 'door', 'emergency_button'].includes(type) ? Math.round(rng.between(35, 98)) : null;
      kit.devices.push({ id, key, type, battery, standbySince: null });
    }
    kits.push(kit);
  }

  // Scenario devices for the historical alerts: a fridge-only day on a smart meter and a door
  // sensor whose battery is nearly empty.
  const powerKit = kits[2]!;
  const standbyDevice = powerKit.devices.find((d) => d.type === 'power')!;
  standbyDevice.standbySince = t0 - 9 * HOUR;
  const inactiveKit = kits[1]!;
  const inactiveSince = localMidnight(t0) - 5 * HOUR; // 19:00 yesterday
  for (const d of inactiveKit.devices) d.standbySince = d.type === 'power' ? inactiveSince + HOUR : null;
  const lowKit = kits.find((k, i) => i >= 3 && k.devices.some((d) => d.battery !== null))!;
  const lowDevice = lowKit.devices.find((d) => d.battery !== null)!;
  lowDevice.battery = 12;

  // --- telemetry (the last three days) and the state it leaves -----------------------------------
  const telemetry: Row<'telemetry'>[] = [];
  const states: Row<'device_state'>[] = [];
  const settingsRows: Row<'watch_settings'>[] = [
    [kits[1]!, { quietHours: { from: '21:00', to: '06:30' } }],
    [kits[5]!, { awayUntil: new Date(localMidnight(t0 + 3 * DAY) + 10 * HOUR).toISOString() }],
    [kits[4]!, { inactivityHours: 8, standbyWatts: 40, quietHours: { from: '23:00', to: '07:30' } }],
    [kits[6]!, { watcherConfirmMinutes: 15, hubEscalateMinutes: 60 }],
  ].map(([k, s]) => ({ tenant_id: tenantId, person_id: (k as Kit).personId, settings: JSON.stringify(s), updated_at: at(t0 - 5 * DAY) }));
  const settingsByPerson = new Map(settingsRows.map((r) => [r.person_id, JSON.parse(r.settings as string) as WatchSettings]));
  for (const kit of kits) {
    for (const d of kit.devices) {
      const readings = new Map<string, { ts: number; kind: string; value: number }>();
      const add = (ts: number, kind: string, value: number) => {
        const s = Math.floor(ts / 1000) * 1000;
        if (s > t0 - MIN || s < t0 - HISTORY_DAYS * DAY) return;
        if (kit === inactiveKit && s > inactiveSince && kind !== 'power_w' && kind !== 'battery') return;
        readings.set(`${kind}|${s}`, { ts: s, kind, value });
      };
      for (let day = HISTORY_DAYS; day >= 0; day--) {
        const m = localMidnight(t0 - day * DAY);
        const weekend = [0, 6].includes(localDay(m + 12 * HOUR));
        const wake = m + (kit.wake + (weekend ? 0.7 : 0)) * HOUR + rng.between(-20, 20) * MIN;
        const sleep = m + kit.sleep * HOUR + rng.between(-30, 30) * MIN;
        switch (d.type) {
          case 'motion':
            for (let t = wake; t < sleep; t += rng.between(15, 75) * MIN) add(t, 'motion', 1);
            if (rng.chance(0.5)) add(m + rng.between(2, 4) * HOUR, 'motion', 1);
            break;
          case 'door':
            for (let k = rng.int(1, 3); k > 0; k--) {
              const out = m + rng.between(9, 17) * HOUR;
              add(out, 'door', 1);
              add(out + MIN, 'door', 0);
              add(out + rng.between(30, 120) * MIN, 'door', 1);
            }
            break;
          case 'plug':
            add(wake + rng.between(10, 30) * MIN, 'plug_on', 1);
            add(wake + rng.between(34, 40) * MIN, 'plug_on', 0);
            if (rng.chance(0.6)) {
              const tea = m + rng.between(14.5, 16) * HOUR;
              add(tea, 'plug_on', 1);
              add(tea + 5 * MIN, 'plug_on', 0);
            }
            break;
          case 'light':
            add(m + rng.between(17, 18.5) * HOUR, 'light_on', 1);
            add(sleep, 'light_on', 0);
            break;
          case 'power':
            for (let t = m; t < m + DAY; t += 30 * MIN) {
              const h = (t - m) / HOUR;
              const awake = t >= wake && t < sleep;
              const peak = (h >= 6.5 && h < 8.5) || (h >= 17.5 && h < 20.5);
              let w = rng.between(35, 55); // the fridge and standby loads
              if (awake) w += peak ? rng.between(250, 600) : rng.between(60, 200);
              if (d.standbySince !== null && t >= d.standbySince) w = rng.between(28, 38);
              add(t, 'power_w', Math.round(w));
            }
            break;
          case 'emergency_button':
            for (let h = 0; h < 24; h += 6) add(m + h * HOUR + 5 * MIN, 'heartbeat', 1);
            break;
          default:
            break;
        }
        if (d.battery !== null) add(m + 3 * HOUR, 'battery', Math.round((d.battery + day * 0.2) * 10) / 10);
      }
      const rows = [...readings.values()].sort((a, b) => a.ts - b.ts);
      for (const r of rows)
        telemetry.push({ tenant_id: tenantId, device_id: d.id, kind: r.kind, ts: at(r.ts), value: r.value, received_at: at(r.ts + 2000) });
      const lastSeen = rows.at(-1)?.ts ?? null;
      const acts = rows.filter(
        (r) => r.kind === 'door' || r.kind === 'light_on' || ((r.kind === 'motion' || r.kind === 'plug_on') && r.value === 1),
      );
      const lastAct = acts.at(-1)?.ts ?? null;
      const power = rows.filter((r) => r.kind === 'power_w').at(-1)?.value ?? null;
      const settings = resolveSettings(settingsByPerson.get(kit.personId));
      states.push({
        tenant_id: tenantId,
        device_id: d.id,
        last_seen_at: lastSeen === null ? null : at(lastSeen),
        last_activity_at: lastAct === null ? null : at(lastAct),
        battery: d.battery,
        last_power_w: power,
        standby_since: d.standbySince === null ? null : at(d.standbySince),
        inactivity_due_at: lastAct === null ? null : inactivityDueAt(at(lastAct), settings),
        // The standby alert below is already open: nothing left for the sweeper to do.
        standby_due_at: null,
        silence_due_at: lastSeen === null ? null : at(lastSeen + settings.silenceHours * HOUR),
        updated_at: at(lastSeen ?? t0),
      });
    }
  }

  // --- watchers, settings, ingestion credential --------------------------------------------------
  const watchers: Row<'watchers'>[] = [];
  for (const [i, kit] of kits.entries()) {
    if (i > 0 && rng.chance(0.2)) continue;
    for (let n = 1; n <= (rng.chance(0.35) ? 2 : 1); n++) {
      watchers.push({
        tenant_id: tenantId,
        id: newId(t0 - rng.between(20, 200) * DAY),
        person_id: kit.personId,
        name: `${kit.surname} ${rng.pick(GIVEN)}`,
        relation: n === 1 ? rng.pick(RELATIONS) : rng.pick(['隣人', '友人', '甥'] as const),
        channel: 'email',
        address: `family${watchers.length + 1}@example.jp`,
        priority: n,
        active: true,
        created_at: at(t0 - rng.between(20, 200) * DAY),
      });
    }
  }
  await trx
    .insertInto('ingest_credentials')
    .values({
      tenant_id: tenantId,
      id: newId(t0 - 30 * DAY),
      label: 'デモ用シミュレーター',
      token_hash: hash(DEMO_INGEST_TOKEN),
      created_at: at(t0 - 30 * DAY),
      revoked_at: null,
    })
    .execute();

  // --- check-in plans (about 10 people) and their last week ---------------------------------------
  const plans: Row<'checkin_plans'>[] = [];
  const checkins: Row<'checkins'>[] = [];
  for (const kit of kits.filter((_, i) => i % 5 === 3).slice(0, 10)) {
    const weekly = rng.chance(0.2);
    const s = {
      frequency: weekly ? ('weekly' as const) : ('daily' as const),
      weekday: weekly ? rng.int(1, 5) : null,
      local_time: rng.pick(['08:30', '09:00', '10:00', '18:00'] as const),
    };
    const created = t0 - rng.between(40, 120) * DAY;
    const planId = newId(created);
    let due = nextDueAt(s, at(t0 - (weekly ? 29 : 7) * DAY));
    let missedInRow = 0;
    const miss = plans.length === 2; // one person has not answered the latest check-in
    while (due.getTime() < t0) {
      const exp = expiresAt(s, due);
      const last = nextDueAt(s, due).getTime() >= t0;
      const missed = miss && last && exp.getTime() <= t0;
      const answered = !missed && exp.getTime() > t0 ? rng.chance(0.7) : !missed;
      const answer = answered ? (rng.chance(0.93) ? ('fine' as const) : ('talk' as const)) : null;
      checkins.push({
        tenant_id: tenantId,
        id: newId(due),
        plan_id: planId,
        due_at: due,
        sent_at: due,
        expires_at: exp,
        answer_token_hash: hash(`demo-checkin-${planId}-${due.getTime()}`),
        answered_at: answered ? at(due.getTime() + rng.between(3, 120) * MIN) : null,
        answer,
        missed_at: missed ? exp : null,
        channel: 'email',
        delivery_status: 'sent',
        delivery_attempts: 1,
      });
      missedInRow = missed ? missedInRow + 1 : answered ? 0 : missedInRow;
      due = nextDueAt(s, due);
    }
    plans.push({
      tenant_id: tenantId,
      id: planId,
      person_id: kit.personId,
      ...s,
      channel: 'email',
      address: `person${plans.length + 1}@example.jp`,
      push_subscription: null,
      missed_threshold: 2,
      consecutive_missed: missedInRow,
      active: true,
      next_due_at: due,
      created_at: at(created),
      updated_at: at(created),
    });
  }

  // --- historical alerts ---------------------------------------------------------------------------
  const alerts: Row<'alerts'>[] = [];
  const events: Row<'alert_events'>[] = [];
  const staff = (i: number) => staffIds[i % staffIds.length]!;
  const ev = (alertId: string, kind: string, ms: number, actor: string | null, data: Record<string, unknown> = {}) =>
    events.push({ tenant_id: tenantId, id: newId(ms), alert_id: alertId, kind, at: at(ms), actor_id: actor, data: JSON.stringify(data) });
  const base = (kit: Kit, device: Kit['devices'][number] | null, raised: number) => ({
    tenant_id: tenantId,
    id: newId(raised),
    person_id: kit.personId,
    device_id: device?.id ?? null,
    checkin_plan_id: null,
    raised_at: at(raised),
    last_seen_at: at(raised),
    occurrences: 1,
    acknowledged_at: null,
    acknowledged_by: null,
    resolved_at: null,
    resolved_by: null,
    resolved_via: null,
    watchers_notified_at: null,
    hub_alerted_at: null,
    case_opened_at: null,
    case_id: null,
    next_step_at: null,
    confirm_token_hash: null,
    outcome: null,
  });
  const watcherCount = (kit: Kit) => watchers.filter((w) => w.person_id === kit.personId).length;

  // 1. Nine days ago the demo button was pressed; the daughter confirmed from the email link.
  {
    const kit = kits[0]!;
    const r = t0 - 9 * DAY + 3 * HOUR;
    const a = {
      ...base(kit, kit.devices[0]!, r),
      type: 'emergency_button' as const,
      category: 'welfare' as const,
      severity: 'critical' as const,
      status: 'resolved' as const,
      outcome: 'safe' as const,
      detail: JSON.stringify({ device_key: DEMO_DEVICE_KEY }),
      watchers_notified_at: at(r),
      resolved_at: at(r + 12 * MIN),
      resolved_via: 'watcher_link',
    };
    alerts.push(a);
    ev(a.id, 'raised', r, null, { device_key: DEMO_DEVICE_KEY });
    ev(a.id, 'watchers_notified', r, null, { count: watcherCount(kit) });
    ev(a.id, 'resolved', r + 12 * MIN, null, { outcome: 'safe', via: 'watcher_link' });
  }
  // 2. Four days ago: no activity (a night away); staff found it a false alarm.
  {
    const kit = kits[3]!;
    const d = kit.devices[0]!;
    const r = t0 - 4 * DAY - 2 * HOUR;
    const a = {
      ...base(kit, d, r),
      type: 'inactivity' as const,
      category: 'welfare' as const,
      severity: 'high' as const,
      status: 'resolved' as const,
      outcome: 'false_alarm' as const,
      detail: JSON.stringify({ inactivity_hours: 12, device_key: d.key }),
      watchers_notified_at: at(r),
      hub_alerted_at: at(r + 30 * MIN),
      acknowledged_at: at(r + 45 * MIN),
      acknowledged_by: staff(0),
      resolved_at: at(r + 80 * MIN),
      resolved_by: staff(0),
      resolved_via: 'staff',
    };
    alerts.push(a);
    ev(a.id, 'raised', r, null, { inactivity_hours: 12 });
    ev(a.id, 'watchers_notified', r, null, { count: watcherCount(kit) });
    ev(a.id, 'hub_alerted', r + 30 * MIN, null, { reason: 'no_confirmation' });
    ev(a.id, 'acknowledged', r + 45 * MIN, staff(0));
    ev(a.id, 'resolved', r + 80 * MIN, staff(0), {
      outcome: 'false_alarm',
      note: '長女宅に外泊していた。外泊時は不在設定をするよう家族に依頼。',
    });
  }
  // 3. This morning the check-in of a person with a plan was answered "話したい"; staff took it on.
  {
    const plan = plans[0]!;
    const kit = kits.find((k) => k.personId === plan.person_id)!;
    const r = t0 - 5 * HOUR;
    const a = {
      ...base(kit, null, r),
      checkin_plan_id: plan.id,
      type: 'checkin_talk' as const,
      category: 'welfare' as const,
      severity: 'medium' as const,
      status: 'acknowledged' as const,
      detail: JSON.stringify({ answer: 'talk' }),
      watchers_notified_at: at(r),
      hub_alerted_at: at(r + 30 * MIN),
      acknowledged_at: at(r + 2 * HOUR),
      acknowledged_by: staff(1),
      next_step_at: at(t0 + HOUR),
    };
    alerts.push(a);
    ev(a.id, 'raised', r, null, { answer: 'talk' });
    ev(a.id, 'watchers_notified', r, null, { count: watcherCount(kit) });
    ev(a.id, 'hub_alerted', r + 30 * MIN, null, { reason: 'no_confirmation' });
    ev(a.id, 'acknowledged', r + 2 * HOUR, staff(1));
  }
  // 4. Power at the standby baseline since early morning: watchers notified, the hub is next.
  {
    const r = (standbyDevice.standbySince ?? t0) + 8 * HOUR;
    const a = {
      ...base(powerKit, standbyDevice, r),
      type: 'standby_power' as const,
      category: 'welfare' as const,
      severity: 'high' as const,
      status: 'active' as const,
      detail: JSON.stringify({
        standby_since: at(standbyDevice.standbySince!).toISOString(),
        watts: 32,
        standby_watts: 30,
        standby_hours: 8,
        device_key: standbyDevice.key,
      }),
      watchers_notified_at: at(r),
      next_step_at: at(r + 30 * MIN),
    };
    alerts.push(a);
    ev(a.id, 'raised', r, null, { standby_hours: 8 });
    ev(a.id, 'watchers_notified', r, null, { count: watcherCount(powerKit) });
  }
  // 5. A sensor's battery is low: a technical alert for the coordinator.
  {
    const r = t0 - 2 * DAY + 3 * HOUR;
    const a = {
      ...base(lowKit, lowDevice, r),
      type: 'battery_low' as const,
      category: 'technical' as const,
      severity: 'low' as const,
      status: 'active' as const,
      detail: JSON.stringify({ battery: 12, device_key: lowDevice.key }),
      last_seen_at: at(localMidnight(t0) + 3 * HOUR),
      occurrences: 3,
    };
    alerts.push(a);
    ev(a.id, 'raised', r, null, { battery: 12.4 });
  }
  // 6. Weeks ago an inactivity alert went all the way up the ladder to a case.
  const laddered = cases.find(
    (c) =>
      kits.some((k) => k.personId === c.person_id) &&
      (c.opened_at as Date).getTime() < t0 - 3 * DAY &&
      (c.opened_at as Date).getTime() > t0 - 60 * DAY,
  );
  if (laddered) {
    const kit = kits.find((k) => k.personId === laddered.person_id)!;
    const d = kit.devices[0]!;
    const opened = (laddered.opened_at as Date).getTime();
    const r = opened - 150 * MIN;
    const a = {
      ...base(kit, d, r),
      type: 'inactivity' as const,
      category: 'welfare' as const,
      severity: 'high' as const,
      status: 'resolved' as const,
      outcome: 'needs_support' as const,
      detail: JSON.stringify({ inactivity_hours: 12, device_key: d.key }),
      watchers_notified_at: at(r),
      hub_alerted_at: at(r + 30 * MIN),
      case_opened_at: at(opened),
      case_id: laddered.id,
      resolved_at: at(opened + 20 * HOUR),
      resolved_by: staff(2),
      resolved_via: 'staff',
    };
    alerts.push(a);
    ev(a.id, 'raised', r, null, { inactivity_hours: 12 });
    ev(a.id, 'watchers_notified', r, null, { count: watcherCount(kit) });
    ev(a.id, 'hub_alerted', r + 30 * MIN, null, { reason: 'no_confirmation' });
    ev(a.id, 'case_opened', opened, null, { case_id: laddered.id });
    ev(a.id, 'resolved', opened + 20 * HOUR, staff(2), {
      outcome: 'needs_support',
      note: '訪問で本人と面会。脱水気味のため訪問介護の利用を調整。',
    });
  }

  return {
    watch_devices: await insertChunks(trx, 'watch_devices', devices),
    telemetry: await insertChunks(trx, 'telemetry', telemetry),
    device_state: await insertChunks(trx, 'device_state', states),
    watchers: await insertChunks(trx, 'watchers', watchers),
    watch_settings: await insertChunks(trx, 'watch_settings', settingsRows),
    checkin_plans: await insertChunks(trx, 'checkin_plans', plans),
    checkins: await insertChunks(trx, 'checkins', checkins),
    alerts: await insertChunks(trx, 'alerts', alerts),
    alert_events: await insertChunks(trx, 'alert_events', events),
    ingest_credentials: 1,
  };
}

/**
 * The telemetry hot path, shared by HTTP and MQTT: validate each reading (errors per reading, the
 * rest kept), store the batch idempotently per (device, kind, ts), evaluate the rules on it and
 * write what they need to remember (device_state), raising an emergency button in the same
 * transaction as its reading.
 *
 * Two paths, chosen per batch:
 *   - fast: no alert to raise and no duplicate seen lately. One statement, atomic on its own: a
 *     plain INSERT of the readings and, in the same statement, the UPDATE of the state rows that
 *     need it. A duplicate makes it fail (unique violation) and changes nothing; then
 *   - careful: a transaction with INSERT … ON CONFLICT DO NOTHING RETURNING which readings were
 *     new, the rules on those only, the state update and any alert.
 * ON CONFLICT costs PostgreSQL about half as much again per row as a plain insert (a speculative
 * insertion probes the index twice), and duplicates are rare (a gateway's retry, a redelivery
 * after a crash), so the fast path is the usual one; after a duplicate, a copy stays on the
 * careful path for DUPLICATE_MODE_MS so a replaying client does not pay for a failed try each time.
 */

import type { IngestAuth } from '../../access/authenticators/ingest-token.js';
import type { AppContext } from '../../context.js';
import type { DB } from '../../db/database.js';
import { withTransaction } from '../../db/transaction.js';
import type { HubEvent } from '../../events/event-bus.js';
import { messageFor, type ServerLocale } from '../../i18n.js';
import { raiseAlert } from '../alerts/alerts.service.js';
import { insertReadingsCareful, insertReadingsFast, type ReadingRow, type StateRow, writeState } from './telemetry.queries.js';
import { type CachedDevice, devicesFor, settingsOf } from './telemetry-cache.js';
import { tenantCounters } from './telemetry-stats.js';
import { inactivityDueAt, type ResolvedSettings } from './watch-settings.js';

export const READING_KINDS = ['press', 'motion', 'door', 'power_w', 'energy_wh', 'plug_on', 'light_on', 'battery', 'heartbeat'] as const;
export type ReadingKind = (typeof READING_KINDS)[number];
const KINDS: ReadonlySet<string> = new Set(READING_KINDS);
export const MAX_BATCH = 5000;
const FUTURE_MS = 5 * 60_000;
const STALE_MS = 7 * 86_400_000;
const HOUR = 3_600_000;
const DUPLICATE_MODE_MS = 10_000;

export type RejectCode = 'unknown_device' | 'future_timestamp' | 'stale_timestamp' | 'invalid_reading';

/** Readings from one sender: an HTTP request, or one MQTT message. */
export interface IngestBatch {
  auth: IngestAuth;
  readings: unknown[];
  /** The device all readings are for (an MQTT topic names it); a reading's own device_id is then ignored. */
  device?: string;
}

export interface IngestResult {
  accepted: number;
  duplicates: number;
  /** Positions in the sender's batch (per batch when several are stored together). */
  rejected: { index: number; code: RejectCode; message: string }[];
}

function validValue(kind: string, v: number): boolean {
  switch (kind) {
    case 'press':
      return v === 1;
    case 'motion':
    case 'door':
    case 'plug_on':
    case 'light_on':
      return v === 0 || v === 1;
    case 'power_w':
      return v >= 0 && v <= 100_000;
    case 'energy_wh':
      return v >= 0 && v <= 10_000_000;
    case 'battery':
      return v >= 0 && v <= 100;
    default:
      return true; // heartbeat: any finite value
  }
}

/** Readings that show someone moving about at home (the inactivity rule). */
function isActivity(kind: string, value: number): boolean {
  return kind === 'door' || kind === 'light_on' || ((kind === 'motion' || kind === 'plug_on') && value === 1);
}

interface Valid {
  device: CachedDevice;
  kind: string;
  ts: number;
  value: number;
}

/** What one batch says about one device. */
interface Agg {
  device: CachedDevice;
  settings: ResolvedSettings;
  rows: Valid[];
  seen: number;
  act: number | null;
  battery: { ts: number; v: number } | null;
  power: { ts: number; v: number }[];
  presses: number[];
  /** Power mode, see powerMode(), with the standby run's start and the last watts. */
  mode: number;
  standbySince: number | null;
  lastWatts: number | null;
  /** A low battery alert is due. */
  batteryAlert: boolean;
}

/**
 * What this app copy last wrote to each device's state row. A chatty device (a motion sensor
 * firing every few seconds, a meter every 30 s) would otherwise rewrite its row for every batch.
 * A write is skipped when all it would change lags by less than STATE_REFRESH_MS: last seen,
 * last activity, the last power value while the standby state stays as it is, and the battery
 * level while it stays above the low threshold (shown on the device page; a low battery alert is
 * raised from the reading itself). A standby run that starts or ends, a battery going low and a
 * device this copy has not written yet are always written. Rules are measured in hours. Other
 * copies keep their own maps; the database is the truth they all merge into.
 */
const STATE_REFRESH_MS = 60_000;
interface Written {
  seen: number;
  act: number | null;
  standby: boolean;
  batteryLow: boolean;
}
const stateWritten = new WeakMap<object, Map<string, Written>>();
function writtenOf(ctx: AppContext): Map<string, Written> {
  let m = stateWritten.get(ctx.db);
  if (!m) stateWritten.set(ctx.db, (m = new Map()));
  else if (m.size > 200_000) m.clear();
  return m;
}

function needsWrite(a: Agg, w: Written | undefined): boolean {
  if (!w) return true;
  if (a.seen - w.seen >= STATE_REFRESH_MS) return true;
  if (a.act !== null && (w.act === null || a.act - w.act >= STATE_REFRESH_MS)) return true;
  if (a.battery !== null && a.battery.v < a.settings.batteryLowPercent !== w.batteryLow) return true;
  // Power: 1 above standby, 2 a standby run continues, 3 a run starts in this batch.
  return a.mode === 3 || (a.mode === 1 && w.standby) || (a.mode === 2 && !w.standby);
}

const lastBatteryAlert = new Map<string, number>();
const BATTERY_REPEAT_MS = 6 * HOUR;
const duplicateSeenAt = new WeakMap<object, number>();

/** A low battery is reported again (as a repeat on the open alert) at most every BATTERY_REPEAT_MS per copy. */
function batteryAlertDue(deviceId: string, nowMs: number): boolean {
  const last = lastBatteryAlert.get(deviceId);
  return last === undefined || nowMs - last > BATTERY_REPEAT_MS;
}

/** Ingests readings from one or more senders. Never throws for a bad reading. */
export async function ingestReadings(ctx: AppContext, batches: IngestBatch[], locale: ServerLocale = 'ja'): Promise<IngestResult> {
  const now = ctx.clock.now();
  const nowMs = now.getTime();
  const rejected: IngestResult['rejected'] = [];
  const reject = (auth: IngestAuth, index: number, code: RejectCode) => {
    rejected.push({ index, code, message: messageFor(locale, code) });
    tenantCounters(auth.tenantId).rejected++;
  };

  // 1. Shape and time, then the devices (one lookup per tenant for the cache misses).
  const valid: Valid[] = [];
  for (const b of batches) {
    const shaped: { index: number; key: string; kind: string; value: number; ts: number }[] = [];
    const keys = new Set<string>();
    for (let index = 0; index < b.readings.length; index++) {
      const r = b.readings[index] as Record<string, unknown> | null;
      if (!r || typeof r !== 'object' || Array.isArray(r)) {
        reject(b.auth, index, 'invalid_reading');
        continue;
      }
      const { kind, value, ts } = r;
      const key = b.device ?? (typeof r.device_id === 'string' ? r.device_id : b.auth.deviceKey);
      if (
        typeof kind !== 'string' ||
        !KINDS.has(kind) ||
        typeof value !== 'number' ||
        !Number.isFinite(value) ||
        !validValue(kind, value) ||
        typeof ts !== 'string' ||
        ts.length > 40
      ) {
        reject(b.auth, index, 'invalid_reading');
        continue;
      }
      const t = Date.parse(ts);
      if (Number.isNaN(t)) {
        reject(b.auth, index, 'invalid_reading');
        continue;
      }
      if (!key || key.length > 200) {
        reject(b.auth, index, 'unknown_device');
        continue;
      }
      shaped.push({ index, key, kind, value, ts: t });
      keys.add(key);
    }
    if (shaped.length === 0) continue;
    const devices = await devicesFor(ctx, b.auth.tenantId, keys);
    for (const s of shaped) {
      const device = devices.get(s.key);
      if (!device || (b.auth.deviceId !== null && b.auth.deviceId !== device.id)) {
        reject(b.auth, s.index, 'unknown_device');
        continue;
      }
      if (s.ts > nowMs + FUTURE_MS) {
        reject(b.auth, s.index, 'future_timestamp');
        continue;
      }
      if (s.ts < nowMs - STALE_MS) {
        reject(b.auth, s.index, 'stale_timestamp');
        continue;
      }
      valid.push({ device, kind: s.kind, ts: s.ts, value: s.value });
    }
  }
  if (rejected.length > 1) rejected.sort((a, b) => a.index - b.index);
  if (valid.length === 0) return { accepted: 0, duplicates: 0, rejected };

  // 2. Per device, with the same reading twice in one batch counted once (a duplicate of itself).
  const settings = await settingsByTenant(ctx, valid);
  const unique: Valid[] = [];
  const aggs = aggregate(valid, settings, unique);
  for (const a of aggs) if (a.batteryAlert && !batteryAlertDue(a.device.id, nowMs)) a.batteryAlert = false;

  // 3. Store and apply.
  const written = writtenOf(ctx);
  const alertsDue = aggs.some((a) => a.presses.length > 0 || a.batteryAlert);
  const recentDuplicate = nowMs - (duplicateSeenAt.get(ctx.db) ?? -Infinity) < DUPLICATE_MODE_MS;
  let wroteState: Agg[] | null = null;
  let accepted = 0;
  if (!alertsDue && !recentDuplicate) {
    const stale = aggs.filter((a) => needsWrite(a, written.get(a.device.id)));
    try {
      const missing = await retrying(() => insertReadingsFast(ctx.db, readingRows(unique), stateRows(stale), now));
      if (missing) await retrying(() => withTransaction(ctx, (trx) => writeState(trx, stateRows(stale), now)));
      wroteState = stale;
      accepted = unique.length;
    } catch (err) {
      if ((err as { code?: string }).code !== '23505') throw err;
      duplicateSeenAt.set(ctx.db, nowMs);
    }
  }
  if (wroteState === null) {
    const res = await retrying(() =>
      withTransaction(ctx, async (trx, emit) => {
        const fresh = (await insertReadingsCareful(trx, readingRows(unique), now)).map((i) => unique[i]!);
        if (fresh.length === 0) return { n: 0, stale: [] as Agg[] };
        const freshAggs = fresh.length === unique.length ? aggs : aggregate(fresh, settings, []);
        const stale = freshAggs.filter((a) => needsWrite(a, written.get(a.device.id)));
        if (stale.length) await writeState(trx, stateRows(stale), now);
        await raiseFromBatch(trx, freshAggs, now, emit);
        return { n: fresh.length, stale };
      }),
    );
    wroteState = res.stale;
    accepted = res.n;
  }
  for (const a of wroteState) {
    const w = written.get(a.device.id);
    written.set(a.device.id, {
      seen: a.seen,
      act: a.act ?? w?.act ?? null,
      standby: a.mode === 0 ? (w?.standby ?? false) : a.mode !== 1,
      batteryLow: a.battery === null ? (w?.batteryLow ?? false) : a.battery.v < a.settings.batteryLowPercent,
    });
  }

  // Counters split accepted/duplicates per tenant only approximately when a batch mixes tenants.
  const perTenant = new Map<string, number>();
  for (const v of valid) perTenant.set(v.device.tenantId, (perTenant.get(v.device.tenantId) ?? 0) + 1);
  let left = accepted;
  for (const [tenantId, n] of perTenant) {
    const acc = Math.min(n, left);
    left -= acc;
    const c = tenantCounters(tenantId);
    c.accepted += acc;
    c.duplicates += n - acc;
  }
  return { accepted, duplicates: valid.length - accepted, rejected };
}

async function settingsByTenant(ctx: AppContext, valid: Valid[]): Promise<Map<string, ResolvedSettings>> {
  const persons = new Map<string, Set<string>>();
  for (const v of valid) {
    let set = persons.get(v.device.tenantId);
    if (!set) persons.set(v.device.tenantId, (set = new Set()));
    set.add(v.device.personId);
  }
  const out = new Map<string, ResolvedSettings>();
  for (const [tenantId, ids] of persons) for (const [id, s] of await settingsOf(ctx, tenantId, ids)) out.set(id, s);
  return out;
}

async function retrying<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (attempt >= 4 || (code !== '40P01' && code !== '40001')) throw err;
    }
  }
}

/**
 * Groups readings per device and evaluates the rules that need only this batch (power mode,
 * battery). `unique` receives the readings without in-batch duplicates, grouped by device.
 */
function aggregate(rows: Valid[], settings: Map<string, ResolvedSettings>, unique: Valid[]): Agg[] {
  const aggs = new Map<CachedDevice, Agg>();
  for (const r of rows) {
    let a = aggs.get(r.device);
    if (!a) {
      a = {
        device: r.device,
        settings: settings.get(r.device.personId)!,
        rows: [],
        seen: r.ts,
        act: null,
        battery: null,
        power: [],
        presses: [],
        mode: 0,
        standbySince: null,
        lastWatts: null,
        batteryAlert: false,
      };
      aggs.set(r.device, a);
    } else if (a.rows.some((x) => x.ts === r.ts && x.kind === r.kind)) continue;
    a.rows.push(r);
    const ts = r.ts;
    if (ts > a.seen) a.seen = ts;
    if (isActivity(r.kind, r.value) && (a.act === null || ts > a.act)) a.act = ts;
    if (r.kind === 'battery' && (!a.battery || ts >= a.battery.ts)) a.battery = { ts, v: r.value };
    if (r.kind === 'power_w') a.power.push({ ts, v: r.value });
    if (r.kind === 'press') a.presses.push(ts);
  }
  const out = [...aggs.values()];
  for (const a of out) {
    for (const r of a.rows) unique.push(r);
    const p = powerMode(a.power, a.settings.standbyWatts);
    a.mode = p.mode;
    a.standbySince = p.since;
    a.lastWatts = p.last;
    a.batteryAlert = !!a.battery && a.battery.v < a.settings.batteryLowPercent && a.device.status === 'active';
  }
  // A stable order for the state rows keeps concurrent batches from deadlocking.
  return out.sort((x, y) => (x.device.id < y.device.id ? -1 : x.device.id > y.device.id ? 1 : 0));
}

/**
 * Power mode of a batch: 0 no power reading, 1 the last reading is above the standby baseline,
 * 2 every reading is at or below it (an ongoing run continues), 3 a run started inside the batch.
 */
function powerMode(power: { ts: number; v: number }[], standbyWatts: number): { mode: number; since: number | null; last: number | null } {
  if (power.length === 0) return { mode: 0, since: null, last: null };
  power.sort((a, b) => a.ts - b.ts);
  const last = power[power.length - 1]!;
  if (last.v > standbyWatts) return { mode: 1, since: null, last: last.v };
  let i = power.length - 1;
  while (i > 0 && power[i - 1]!.v <= standbyWatts) i--;
  return { mode: i === 0 ? 2 : 3, since: power[i]!.ts, last: last.v };
}

/** The state rows' new values (what the rules remember per device), in device order. */
function stateRows(aggs: Agg[]): StateRow[] {
  return aggs.map((a) => ({
    tenantId: a.device.tenantId,
    deviceId: a.device.id,
    seen: a.seen,
    act: a.act,
    inact: a.act === null ? null : inactivityDueAt(new Date(a.act), a.settings).getTime(),
    battery: a.battery?.v ?? null,
    watts: a.lastWatts,
    powerMode: a.mode,
    standbySince: a.standbySince,
    standbyHours: a.settings.standbyHours,
    silence: a.seen + a.settings.silenceHours * HOUR,
  }));
}

const readingRows = (rows: Valid[]): ReadingRow[] =>
  rows.map((r) => ({ tenantId: r.device.tenantId, deviceId: r.device.id, kind: r.kind, ts: r.ts, value: r.value }));

async function raiseFromBatch(trx: DB, aggs: Agg[], now: Date, emit: (e: HubEvent) => void): Promise<void> {
  for (const a of aggs) {
    const d = a.device;
    // An emergency button is raised even for a paused device or an away person: someone pressed it.
    for (const ts of a.presses) {
      await raiseAlert(
        trx,
        {
          tenantId: d.tenantId,
          personId: d.personId,
          deviceId: d.id,
          type: 'emergency_button',
          severity: 'critical',
          at: now,
          detail: { pressed_at: new Date(ts).toISOString(), device_key: d.deviceKey },
        },
        emit,
      );
    }
    if (a.batteryAlert && batteryAlertDue(d.id, now.getTime())) {
      lastBatteryAlert.set(d.id, now.getTime());
      if (lastBatteryAlert.size > 100_000) lastBatteryAlert.clear();
      await raiseAlert(
        trx,
        {
          tenantId: d.tenantId,
          personId: d.personId,
          deviceId: d.id,
          type: 'battery_low',
          severity: 'low',
          at: now,
          detail: { battery: a.battery!.v, device_key: d.deviceKey },
        },
        emit,
      );
    }
  }
}

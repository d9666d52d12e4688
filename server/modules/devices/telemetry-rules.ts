/**
 * The rules a batch of readings can evaluate on its own (telemetry.ingest.ts stores what they
 * decide): which readings are activity, the power mode of a meter, a battery going low or coming
 * back, and what each device's state row must remember. Also what this app copy remembers
 * between batches: the state it last wrote per device and when it last raised a low battery.
 */
import type { AppContext } from '../../context.js';
import type { DeviceRecovery, TechnicalAlertType } from '../alerts/alerts.service.js';
import type { ReadingRow, StateRow } from './telemetry.queries.js';
import type { CachedDevice } from './telemetry-cache.js';
import { inactivityDueAt, type ResolvedSettings } from './watch-settings.js';

const HOUR = 3_600_000;

/** A reading that passed validation and the rate limits. */
export interface Valid {
  device: CachedDevice;
  kind: string;
  ts: number;
  value: number;
  /** Which sender's batch it came in, and where in it (rejections and the quarantine name it). */
  batch: number;
  index: number;
}

/**
 * Text PostgreSQL cannot store (NUL) or that is not Unicode (a lone surrogate, which the driver
 * would silently turn into U+FFFD): such a reading is invalid, never a failed batch.
 */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
export const storableText = (s: string) => !s.includes('\u0000') && !LONE_SURROGATE.test(s);
/** The same text with what PostgreSQL cannot store replaced by '?'. */
export const storable = (s: string) => s.replaceAll('\u0000', '?').replace(new RegExp(LONE_SURROGATE.source, 'g'), '?');

export function validValue(kind: string, v: number): boolean {
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

/** What one batch says about one device. */
export interface Agg {
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
  /** Open technical alerts this batch shows fixed (the device reports again; its battery is back). */
  recover: DeviceRecovery[];
}

/**
 * Groups readings per device and evaluates the rules that need only this batch (power mode,
 * battery). `unique` receives the readings without in-batch duplicates, grouped by device.
 */
export function aggregate(rows: Valid[], settings: Map<string, ResolvedSettings>, unique: Valid[]): Agg[] {
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
        recover: [],
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
 * The technical alerts a batch resolves: an open `device_silent` whenever the device reports,
 * an open `battery_low` when its latest battery reading is at or above the low threshold.
 */
export function recoveriesOf(a: Agg, open: ReadonlySet<TechnicalAlertType> | undefined): DeviceRecovery[] {
  if (!open) return [];
  const out: DeviceRecovery[] = [];
  if (open.has('device_silent')) {
    out.push({ deviceId: a.device.id, type: 'device_silent', detail: { reported_at: new Date(a.seen).toISOString() } });
  }
  if (open.has('battery_low') && a.battery && a.battery.v >= a.settings.batteryLowPercent) {
    out.push({
      deviceId: a.device.id,
      type: 'battery_low',
      detail: { battery: a.battery.v, reported_at: new Date(a.battery.ts).toISOString() },
    });
  }
  return out;
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
export function stateRows(aggs: Agg[]): StateRow[] {
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

export const readingRows = (rows: Valid[]): ReadingRow[] =>
  rows.map((r) => ({ tenantId: r.device.tenantId, deviceId: r.device.id, kind: r.kind, ts: r.ts, value: r.value }));

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
export function writtenOf(ctx: Pick<AppContext, 'db'>): Map<string, Written> {
  let m = stateWritten.get(ctx.db);
  if (!m) stateWritten.set(ctx.db, (m = new Map()));
  else if (m.size > 200_000) m.clear();
  return m;
}

export function needsWrite(a: Agg, w: Written | undefined): boolean {
  if (!w) return true;
  if (a.seen - w.seen >= STATE_REFRESH_MS) return true;
  if (a.act !== null && (w.act === null || a.act - w.act >= STATE_REFRESH_MS)) return true;
  if (a.battery !== null && a.battery.v < a.settings.batteryLowPercent !== w.batteryLow) return true;
  // Power: 1 above standby, 2 a standby run continues, 3 a run starts in this batch.
  return a.mode === 3 || (a.mode === 1 && w.standby) || (a.mode === 2 && !w.standby);
}

/** Remembers what was written for these devices (after the commit). */
export function rememberWritten(written: Map<string, Written>, aggs: Agg[]): void {
  for (const a of aggs) {
    const w = written.get(a.device.id);
    written.set(a.device.id, {
      seen: a.seen,
      act: a.act ?? w?.act ?? null,
      standby: a.mode === 0 ? (w?.standby ?? false) : a.mode !== 1,
      batteryLow: a.battery === null ? (w?.batteryLow ?? false) : a.battery.v < a.settings.batteryLowPercent,
    });
  }
}

const lastBatteryAlert = new Map<string, number>();
const BATTERY_REPEAT_MS = 6 * HOUR;

/** A low battery is reported again (as a repeat on the open alert) at most every BATTERY_REPEAT_MS per copy. */
export function batteryAlertDue(deviceId: string, nowMs: number): boolean {
  const last = lastBatteryAlert.get(deviceId);
  return last === undefined || nowMs - last > BATTERY_REPEAT_MS;
}

export function batteryAlertRaised(deviceId: string, nowMs: number): void {
  lastBatteryAlert.set(deviceId, nowMs);
  if (lastBatteryAlert.size > 100_000) lastBatteryAlert.clear();
}

/** The battery came back: a later low battery is raised at once, not after BATTERY_REPEAT_MS. */
export function batteryRecovered(deviceId: string): void {
  lastBatteryAlert.delete(deviceId);
}

/**
 * The telemetry hot path, shared by HTTP and MQTT: validate each reading (errors per reading, the
 * rest kept), one multi-row insert per batch (idempotent per device, kind and ts), one state
 * update per batch (aggregated per device first), and an emergency button raised in the same
 * transaction. No per-reading query and no NOTIFY per reading.
 */
import { sql } from 'kysely';
import type { AppContext } from '../../context.js';
import type { DB } from '../../db/database.js';
import { messageFor, type ServerLocale } from '../../i18n.js';
import { raiseAlert } from '../alerts/alerts.queries.js';
import { withTransaction, type HubEvent } from '../notifications/event-bus.js';
import { devicesByKey, settingsFor, type CachedDevice, type IngestAuth } from './telemetry-auth.js';
import { tenantCounters } from './telemetry-stats.js';
import { inactivityDueAt } from './watch-settings.js';

export const READING_KINDS = ['press', 'motion', 'door', 'power_w', 'energy_wh', 'plug_on', 'light_on', 'battery', 'heartbeat'] as const;
export type ReadingKind = (typeof READING_KINDS)[number];
const KINDS: ReadonlySet<string> = new Set(READING_KINDS);
export const MAX_BATCH = 5000;
const FUTURE_MS = 5 * 60_000;
const STALE_MS = 7 * 86_400_000;
const HOUR = 3_600_000;

export type RejectCode = 'unknown_device' | 'future_timestamp' | 'stale_timestamp' | 'invalid_reading';

export interface IngestEntry {
  auth: IngestAuth;
  reading: unknown;
  /** Position in the caller's batch, echoed in rejections. */
  index: number;
}

export interface IngestResult {
  accepted: number;
  duplicates: number;
  rejected: { index: number; code: RejectCode; message: string }[];
}

function validValue(kind: string, v: number): boolean {
  switch (kind) {
    case 'press': return v === 1;
    case 'motion': case 'door': case 'plug_on': case 'light_on': return v === 0 || v === 1;
    case 'power_w': return v >= 0 && v <= 100_000;
    case 'energy_wh': return v >= 0 && v <= 10_000_000;
    case 'battery': return v >= 0 && v <= 100;
    default: return true; // heartbeat: any finite value
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
  tsIso: string;
  value: number;
}

interface Agg {
  device: CachedDevice;
  seen: number;
  act: number | null;
  battery: { ts: number; v: number } | null;
  power: { ts: number; v: number }[];
  presses: number[];
}

const lastBatteryAlert = new Map<string, number>();

/**
 * What this app copy last wrote to each device's state row. A chatty device (a motion sensor
 * firing every few seconds) would otherwise rewrite its row for every batch; when all a batch
 * would change is last_seen_at/last_activity_at by less than STATE_REFRESH_MS, the write is skipped.
 * Those times then lag by at most that much, against rules measured in hours.
 */
const STATE_REFRESH_MS = 60_000;
const stateWritten = new WeakMap<object, Map<string, { seen: number; act: number | null }>>();
function writtenOf(ctx: AppContext): Map<string, { seen: number; act: number | null }> {
  let m = stateWritten.get(ctx.db);
  if (!m) stateWritten.set(ctx.db, (m = new Map()));
  return m;
}
const BATTERY_REPEAT_MS = 6 * HOUR;

/** Ingests a batch (any mix of tenants and credentials). Never throws for a bad reading. */
export async function ingestReadings(ctx: AppContext, entries: IngestEntry[], locale: ServerLocale = 'ja'): Promise<IngestResult> {
  const now = ctx.clock.now();
  const nowMs = now.getTime();
  const rejected: IngestResult['rejected'] = [];
  const reject = (e: IngestEntry, code: RejectCode) => {
    rejected.push({ index: e.index, code, message: messageFor(locale, code) });
    tenantCounters(e.auth.tenantId).rejected++;
  };

  // 1. Shape, then the device (one lookup for the batch's cache misses), then time.
  const shaped: { e: IngestEntry; key: string; kind: string; value: number; ts: number }[] = [];
  for (const e of entries) {
    const r = e.reading as Record<string, unknown> | null;
    if (!r || typeof r !== 'object' || Array.isArray(r)) { reject(e, 'invalid_reading'); continue; }
    const { kind, value, ts } = r;
    const key = typeof r.device_id === 'string' ? r.device_id : e.auth.deviceKey;
    if (typeof kind !== 'string' || !KINDS.has(kind) || typeof value !== 'number' || !Number.isFinite(value) || !validValue(kind, value)
      || typeof ts !== 'string' || ts.length > 40) { reject(e, 'invalid_reading'); continue; }
    const t = Date.parse(ts);
    if (Number.isNaN(t)) { reject(e, 'invalid_reading'); continue; }
    if (!key || key.length > 200) { reject(e, 'unknown_device'); continue; }
    shaped.push({ e, key, kind, value, ts: t });
  }
  const devices = await devicesByKey(ctx, shaped.map((s) => ({ tenantId: s.e.auth.tenantId, deviceKey: s.key })));
  const valid: Valid[] = [];
  for (const s of shaped) {
    const device = devices.get(`${s.e.auth.tenantId}|${s.key}`);
    if (!device || (s.e.auth.deviceId !== null && s.e.auth.deviceId !== device.id)) { reject(s.e, 'unknown_device'); continue; }
    if (s.ts > nowMs + FUTURE_MS) { reject(s.e, 'future_timestamp'); continue; }
    if (s.ts < nowMs - STALE_MS) { reject(s.e, 'stale_timestamp'); continue; }
    valid.push({ device, kind: s.kind, ts: s.ts, tsIso: new Date(s.ts).toISOString(), value: s.value });
  }
  rejected.sort((a, b) => a.index - b.index);
  if (valid.length === 0) return { accepted: 0, duplicates: 0, rejected };

  // A stable order for the inserts and the state rows keeps concurrent batches from deadlocking.
  valid.sort((a, b) => (a.device.id < b.device.id ? -1 : a.device.id > b.device.id ? 1 : a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : a.ts - b.ts));
  const byId = new Map(valid.map((v) => [v.device.id, v.device]));
  const settings = await settingsFor(ctx, [...byId.values()].map((d) => ({ tenantId: d.tenantId, personId: d.personId })));

  let wrote: Agg[] = [];
  const accepted = await retrying(() => withTransaction(ctx, async (trx, emit) => {
    const { rows } = await sql<{ device_id: string; kind: string; ts: Date; value: number }>`
      INSERT INTO telemetry (tenant_id, device_id, kind, ts, value, received_at)
      SELECT u.t, u.d, u.k, u.ts, u.v, ${now}::timestamptz
      FROM unnest(${valid.map((v) => v.device.tenantId)}::uuid[], ${valid.map((v) => v.device.id)}::uuid[], ${valid.map((v) => v.kind)}::text[],
        ${valid.map((v) => v.tsIso)}::timestamptz[], ${valid.map((v) => v.value)}::float8[]) AS u(t, d, k, ts, v)
      ON CONFLICT DO NOTHING
      RETURNING device_id, kind, ts, value`.execute(trx);
    if (rows.length === 0) return 0;
    const aggs = aggregate(rows, byId);
    const written = writtenOf(ctx);
    const stale = aggs.filter((a) => {
      const w = written.get(a.device.id);
      return !w || a.battery !== null || a.power.length > 0 || a.presses.length > 0 || a.seen - w.seen >= STATE_REFRESH_MS
        || (a.act !== null && (w.act === null || a.act - w.act >= STATE_REFRESH_MS));
    });
    if (stale.length) await updateState(trx, stale, settings, now);
    await raiseFromBatch(trx, aggs, settings, now, emit);
    wrote = stale;
    return rows.length;
  }));
  const written = writtenOf(ctx);
  if (written.size > 200_000) written.clear();
  for (const a of wrote) written.set(a.device.id, { seen: a.seen, act: a.act ?? written.get(a.device.id)?.act ?? null });
  const perTenant = new Map<string, number>();
  for (const v of valid) perTenant.set(v.device.tenantId, (perTenant.get(v.device.tenantId) ?? 0) + 1);
  // Counters split accepted/duplicates per tenant only approximately when a batch mixes tenants.
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

function aggregate(rows: { device_id: string; kind: string; ts: Date; value: number }[], byId: Map<string, CachedDevice>): Agg[] {
  const aggs = new Map<string, Agg>();
  for (const r of rows) {
    const ts = new Date(r.ts).getTime();
    let a = aggs.get(r.device_id);
    if (!a) aggs.set(r.device_id, (a = { device: byId.get(r.device_id)!, seen: ts, act: null, battery: null, power: [], presses: [] }));
    if (ts > a.seen) a.seen = ts;
    if (isActivity(r.kind, r.value) && (a.act === null || ts > a.act)) a.act = ts;
    if (r.kind === 'battery' && (!a.battery || ts >= a.battery.ts)) a.battery = { ts, v: r.value };
    if (r.kind === 'power_w') a.power.push({ ts, v: r.value });
    if (r.kind === 'press') a.presses.push(ts);
  }
  return [...aggs.values()].sort((x, y) => (x.device.id < y.device.id ? -1 : 1));
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

async function updateState(trx: DB, aggs: Agg[], settings: Map<string, import('./watch-settings.js').ResolvedSettings>, now: Date): Promise<void> {
  const cols = { t: [] as string[], d: [] as string[], seen: [] as string[], act: [] as (string | null)[], inact: [] as (string | null)[],
    bat: [] as (number | null)[], pw: [] as (number | null)[], pmode: [] as number[], since: [] as (string | null)[], sh: [] as number[], silence: [] as string[] };
  for (const a of aggs) {
    const s = settings.get(`${a.device.tenantId}|${a.device.personId}`)!;
    const p = powerMode(a.power, s.standbyWatts);
    cols.t.push(a.device.tenantId);
    cols.d.push(a.device.id);
    cols.seen.push(new Date(a.seen).toISOString());
    cols.act.push(a.act === null ? null : new Date(a.act).toISOString());
    cols.inact.push(a.act === null ? null : inactivityDueAt(new Date(a.act), s).toISOString());
    cols.bat.push(a.battery?.v ?? null);
    cols.pw.push(p.last);
    cols.pmode.push(p.mode);
    cols.since.push(p.since === null ? null : new Date(p.since).toISOString());
    cols.sh.push(s.standbyHours);
    cols.silence.push(new Date(a.seen + s.silenceHours * HOUR).toISOString());
  }
  // New state rows are inserted by the CTE; existing ones (not visible to the UPDATE's snapshot
  // when just inserted) are updated: one statement either way.
  await sql`
    WITH u AS (
      SELECT * FROM unnest(${cols.t}::uuid[], ${cols.d}::uuid[], ${cols.seen}::timestamptz[], ${cols.act}::timestamptz[], ${cols.inact}::timestamptz[],
        ${cols.bat}::float8[], ${cols.pw}::float8[], ${cols.pmode}::int[], ${cols.since}::timestamptz[], ${cols.sh}::float8[], ${cols.silence}::timestamptz[])
        AS u(t, d, seen, act, inact, bat, pw, pmode, since, sh, silence)
    ), ins AS (
      INSERT INTO device_state (tenant_id, device_id, last_seen_at, last_activity_at, battery, last_power_w, standby_since,
        inactivity_due_at, standby_due_at, silence_due_at, updated_at)
      SELECT t, d, seen, act, bat, pw, CASE WHEN pmode IN (2, 3) THEN since END, inact,
        CASE WHEN pmode IN (2, 3) THEN since + sh * interval '1 hour' END, silence, ${now}::timestamptz FROM u
      ON CONFLICT DO NOTHING
    )
    UPDATE device_state s SET
      last_seen_at = GREATEST(s.last_seen_at, u.seen),
      last_activity_at = GREATEST(s.last_activity_at, u.act),
      -- Deadlines are indexed: moving them on every reading would make every update write index
      -- entries (no HOT update). They are only armed here; the sweeper re-checks the last activity
      -- or reading when an old deadline comes up and moves it forward then (once per period).
      inactivity_due_at = CASE WHEN u.act IS NOT NULL AND s.inactivity_due_at IS NULL THEN u.inact ELSE s.inactivity_due_at END,
      battery = COALESCE(u.bat, s.battery),
      last_power_w = COALESCE(u.pw, s.last_power_w),
      standby_since = CASE u.pmode WHEN 0 THEN s.standby_since WHEN 1 THEN NULL WHEN 2 THEN COALESCE(s.standby_since, u.since) ELSE u.since END,
      standby_due_at = CASE u.pmode WHEN 0 THEN s.standby_due_at WHEN 1 THEN NULL
        WHEN 2 THEN CASE WHEN s.standby_since IS NULL THEN u.since + u.sh * interval '1 hour' ELSE s.standby_due_at END
        ELSE u.since + u.sh * interval '1 hour' END,
      silence_due_at = COALESCE(s.silence_due_at, u.silence),
      updated_at = ${now}::timestamptz
    FROM u WHERE s.tenant_id = u.t AND s.device_id = u.d`.execute(trx);
}

async function raiseFromBatch(trx: DB, aggs: Agg[], settings: Map<string, import('./watch-settings.js').ResolvedSettings>, now: Date, emit: (e: HubEvent) => void): Promise<void> {
  for (const a of aggs) {
    const d = a.device;
    // An emergency button is raised even for a paused device or an away person: someone pressed it.
    for (const ts of a.presses) {
      await raiseAlert(trx, {
        tenantId: d.tenantId, personId: d.personId, deviceId: d.id, type: 'emergency_button', severity: 'critical', at: now,
        detail: { pressed_at: new Date(ts).toISOString(), device_key: d.deviceKey },
      }, emit);
    }
    const s = settings.get(`${d.tenantId}|${d.personId}`)!;
    if (a.battery && a.battery.v < s.batteryLowPercent && d.status === 'active') {
      const last = lastBatteryAlert.get(d.id);
      if (last === undefined || now.getTime() - last > BATTERY_REPEAT_MS) {
        lastBatteryAlert.set(d.id, now.getTime());
        if (lastBatteryAlert.size > 100_000) lastBatteryAlert.clear();
        await raiseAlert(trx, {
          tenantId: d.tenantId, personId: d.personId, deviceId: d.id, type: 'battery_low', severity: 'low', at: now,
          detail: { battery: a.battery.v, device_key: d.deviceKey },
        }, emit);
      }
    }
  }
}

/**
 * Device rules that run on deadlines, not on readings: inactivity (per person), standby power,
 * silent devices, and the once-a-day power profile. Each claims only rows whose *_due_at has
 * passed (partial indexes), with FOR UPDATE SKIP LOCKED, so several app copies never act twice
 * and 100,000 quiet devices cost one empty index probe per tick.
 */
import type { AppContext } from '../../context.js';
import type { DB } from '../../db/database.js';
import { withTransaction } from '../../db/transaction.js';
import { TOKYO_OFFSET_MS, tokyoDate, tokyoMidnight } from '../../time.js';
import { raiseAlert } from '../alerts/alerts.service.js';
import {
  allTenantIds,
  claimDailyCheck,
  claimDueDevices,
  devicesByIds,
  lastActivityOfPeople,
  type PowerDay,
  powerDays,
  recordDailyCheck,
  setDueAt,
  watchSettingsOfPeople,
} from './devices.queries.js';
import { forgetOpenTechnical } from './telemetry-cache.js';
import { inactivityDueAt, isAway, type ResolvedSettings, resolveSettings } from './watch-settings.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Current watch settings of the given people (read fresh: deadlines are rare). */
async function loadSettings(trx: DB, rows: { tenant_id: string; person_id: string }[]): Promise<Map<string, ResolvedSettings>> {
  const out = new Map<string, ResolvedSettings>();
  for (const r of rows) out.set(`${r.tenant_id}|${r.person_id}`, resolveSettings(null));
  if (rows.length === 0) return out;
  for (const r of await watchSettingsOfPeople(trx, rows)) out.set(`${r.tenant_id}|${r.person_id}`, resolveSettings(r.settings));
  return out;
}

/**
 * Inactivity is per person: activity on any of the person's active devices counts. Each activity
 * device carries its own deadline; when one runs out, only the device with the person's latest
 * activity may raise (the others are disarmed), so a person gets one inactivity alert, attached
 * to the device where they were last seen active.
 */
export async function sweepInactivity(ctx: AppContext, batch = 200): Promise<number> {
  const now = ctx.clock.now();
  return withTransaction(ctx, async (trx, emit) => {
    const rows = await claimDueDevices(trx, 'inactivity_due_at', now, batch);
    if (rows.length === 0) return 0;
    const settings = await loadSettings(trx, rows);
    const acts = await lastActivityOfPeople(trx, rows);
    const latest = new Map<string, { device_id: string; at: Date }>();
    for (const a of acts) {
      const k = `${a.tenant_id}|${a.person_id}`;
      const cur = latest.get(k);
      if (!cur || a.last_activity_at > cur.at || (a.last_activity_at.getTime() === cur.at.getTime() && a.device_id < cur.device_id)) {
        latest.set(k, { device_id: a.device_id, at: a.last_activity_at });
      }
    }
    for (const row of rows) {
      const k = `${row.tenant_id}|${row.person_id}`;
      const s = settings.get(k)!;
      const last = latest.get(k);
      if (row.status !== 'active' || !last || last.device_id !== row.device_id) {
        await setDueAt(trx, 'inactivity_due_at', row, null);
        continue;
      }
      if (isAway(s, now)) {
        // The inactivity clock restarts when the person is back.
        await setDueAt(trx, 'inactivity_due_at', row, inactivityDueAt(new Date(Math.max(last.at.getTime(), s.awayUntil!.getTime())), s));
        continue;
      }
      const due = inactivityDueAt(last.at, s);
      if (due > now) {
        await setDueAt(trx, 'inactivity_due_at', row, due);
        continue;
      }
      await raiseAlert(
        trx,
        {
          tenantId: row.tenant_id,
          personId: row.person_id,
          deviceId: row.device_id,
          type: 'inactivity',
          severity: 'high',
          at: now,
          detail: { last_activity_at: last.at.toISOString(), inactivity_hours: s.inactivityHours, device_key: row.device_key },
        },
        emit,
      );
      await setDueAt(trx, 'inactivity_due_at', row, null);
    }
    return rows.length;
  });
}

/** Power at or below the standby baseline for standbyHours (a run kept by the ingest path). */
export async function sweepStandby(ctx: AppContext, batch = 200): Promise<number> {
  const now = ctx.clock.now();
  return withTransaction(ctx, async (trx, emit) => {
    const rows = await claimDueDevices(trx, 'standby_due_at', now, batch);
    if (rows.length === 0) return 0;
    const settings = await loadSettings(trx, rows);
    for (const row of rows) {
      const s = settings.get(`${row.tenant_id}|${row.person_id}`)!;
      if (row.status !== 'active' || !row.standby_since) {
        await setDueAt(trx, 'standby_due_at', row, null);
        continue;
      }
      if (isAway(s, now)) {
        const from = Math.max(row.standby_since.getTime(), s.awayUntil!.getTime());
        await setDueAt(trx, 'standby_due_at', row, new Date(from + s.standbyHours * HOUR));
        continue;
      }
      await raiseAlert(
        trx,
        {
          tenantId: row.tenant_id,
          personId: row.person_id,
          deviceId: row.device_id,
          type: 'standby_power',
          severity: 'high',
          at: now,
          detail: {
            standby_since: row.standby_since.toISOString(),
            watts: row.last_power_w,
            standby_watts: s.standbyWatts,
            standby_hours: s.standbyHours,
            device_key: row.device_key,
          },
        },
        emit,
      );
      await setDueAt(trx, 'standby_due_at', row, null);
    }
    return rows.length;
  });
}

/**
 * No reading for silenceHours: a technical alert for coordinators (also while the person is
 * away). It resolves itself when the device reports again (telemetry.ingest.ts).
 */
export async function sweepSilence(ctx: AppContext, batch = 500): Promise<number> {
  const now = ctx.clock.now();
  const raisedIn = new Set<string>();
  const n = await withTransaction(ctx, async (trx, emit) => {
    const rows = await claimDueDevices(trx, 'silence_due_at', now, batch);
    const settings = rows.length ? await loadSettings(trx, rows) : new Map();
    for (const row of rows) {
      // Ingestion only arms this deadline; readings since then push it forward here.
      const s = settings.get(`${row.tenant_id}|${row.person_id}`)!;
      const due = row.last_seen_at ? new Date(row.last_seen_at.getTime() + s.silenceHours * HOUR) : null;
      if (due && due > now) {
        await setDueAt(trx, 'silence_due_at', row, due);
        continue;
      }
      if (row.status === 'active') {
        await raiseAlert(
          trx,
          {
            tenantId: row.tenant_id,
            personId: row.person_id,
            deviceId: row.device_id,
            type: 'device_silent',
            severity: 'medium',
            at: now,
            detail: { last_seen_at: row.last_seen_at?.toISOString() ?? null, device_key: row.device_key },
          },
          emit,
        );
        raisedIn.add(row.tenant_id);
      }
      await setDueAt(trx, 'silence_due_at', row, null);
    }
    return rows.length;
  });
  // This copy's ingest path learns of the open alert at once (other copies through the event).
  for (const tenantId of raisedIn) forgetOpenTechnical(ctx, tenantId);
  return n;
}

const checked = new WeakMap<object, Set<string>>();
export const PROFILE = { historyDays: 28, minHistoryDays: 14, z: 3 } as const;

/**
 * Once per tenant and local day (after 01:00, for the day before): each power device's day is
 * compared with its own last 28 days. Whichever app copy inserts the day's row first runs the
 * check, in that row's transaction.
 */
export async function sweepDailyProfiles(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now();
  const local = new Date(now.getTime() + TOKYO_OFFSET_MS);
  if (local.getUTCHours() < 1) return 0;
  const day = tokyoDate(new Date(now.getTime() - DAY));
  let done = checked.get(ctx.db);
  if (!done) checked.set(ctx.db, (done = new Set()));
  const tenants = await allTenantIds(ctx.db);
  let alerts = 0;
  for (const { id: tenantId } of tenants) {
    if (done.has(`${tenantId}|${day}`)) continue;
    alerts += await withTransaction(ctx, async (trx, emit) => {
      if (!(await claimDailyCheck(trx, tenantId, day, now))) return 0;
      const r = await profileCheck(trx, tenantId, day, now, emit);
      await recordDailyCheck(trx, tenantId, day, r.devices, r.alerts);
      return r.alerts;
    });
    done.add(`${tenantId}|${day}`);
    if (done.size > 100_000) done.clear();
  }
  return alerts;
}

function stats(xs: number[]): { mean: number; sd: number } {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const v = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, xs.length - 1);
  return { mean, sd: Math.sqrt(v) };
}

/** Daily energy (Wh) and morning (05–11h) share, from energy_wh sums or 30-minute power_w averages. */
function dayFigures(r: PowerDay): { energy: number; share: number } | null {
  if (r.e_wh !== null && r.e_wh > 0) return { energy: r.e_wh, share: (r.morning_wh ?? 0) / r.e_wh };
  if (r.avg_w !== null && r.n_w >= 24) {
    const energy = r.avg_w * 24;
    return { energy, share: energy > 0 ? ((r.morning_w ?? 0) * 6) / energy : 0 };
  }
  return null;
}

async function profileCheck(trx: DB, tenantId: string, day: string, now: Date, emit: Parameters<typeof raiseAlert>[2]) {
  const end = tokyoMidnight(day) + DAY;
  const start = end - (PROFILE.historyDays + 1) * DAY;
  const rows = await powerDays(trx, tenantId, new Date(start), new Date(end));
  const byDevice = new Map<string, PowerDay[]>();
  for (const r of rows) {
    let l = byDevice.get(r.device_id);
    if (!l) byDevice.set(r.device_id, (l = []));
    l.push(r);
  }
  const ids = [...byDevice.keys()];
  if (ids.length === 0) return { devices: 0, alerts: 0 };
  const devices = await devicesByIds(trx, tenantId, ids);
  const settings = await loadSettings(
    trx,
    devices.map((d) => ({ tenant_id: tenantId, person_id: d.person_id })),
  );
  let alerts = 0;
  for (const d of devices) {
    if (d.status !== 'active') continue;
    const s = settings.get(`${tenantId}|${d.person_id}`)!;
    if (s.awayUntil && s.awayUntil.getTime() > end - DAY) continue; // away during the day: no profile to compare
    const days = byDevice.get(d.id)!;
    const today = days.find((r) => r.day === day);
    const figures = today ? dayFigures(today) : null;
    const history = days
      .filter((r) => r.day !== day)
      .map(dayFigures)
      .filter((f): f is { energy: number; share: number } => f !== null);
    if (!figures || history.length < PROFILE.minHistoryDays) continue;
    const e = stats(history.map((h) => h.energy));
    const m = stats(history.map((h) => h.share));
    // Floors keep a very regular history from turning small wobbles into huge z-scores.
    const zEnergy = (figures.energy - e.mean) / Math.max(e.sd, 0.05 * e.mean, 1);
    const zShare = (figures.share - m.mean) / Math.max(m.sd, 0.02);
    if (Math.abs(zEnergy) <= PROFILE.z && Math.abs(zShare) <= PROFILE.z) continue;
    await raiseAlert(
      trx,
      {
        tenantId,
        personId: d.person_id,
        deviceId: d.id,
        type: 'power_profile',
        severity: 'medium',
        at: now,
        detail: {
          day,
          energy_wh: Math.round(figures.energy),
          usual_energy_wh: Math.round(e.mean),
          z_energy: round2(zEnergy),
          morning_share: round2(figures.share),
          usual_morning_share: round2(m.mean),
          z_morning_share: round2(zShare),
          history_days: history.length,
          device_key: d.device_key,
        },
      },
      emit,
    );
    alerts++;
  }
  return { devices: devices.length, alerts };
}

const round2 = (x: number) => Math.round(x * 100) / 100;

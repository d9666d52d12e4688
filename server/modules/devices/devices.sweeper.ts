/**
 * Device rules that run on deadlines, not on readings: inactivity (per person), standby power,
 * silent devices, and the once-a-day power profile. Each claims only rows whose *_due_at has
 * passed (partial indexes), with FOR UPDATE SKIP LOCKED, so several app copies never act twice
 * and 100,000 quiet devices cost one empty index probe per tick.
 */
import { sql } from 'kysely';
import type { AppContext } from '../../context.js';
import type { DB } from '../../db/database.js';
import { raiseAlert } from '../alerts/alerts.queries.js';
import type { WatchSettings } from './devices.tables.js';
import { inactivityDueAt, isAway, resolveSettings, type ResolvedSettings } from './watch-settings.js';
import { withTransaction } from '../../db/transaction.js';
import { TOKYO_OFFSET_MS, tokyoDate, tokyoMidnight } from '../../time.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface Claimed {
  tenant_id: string;
  device_id: string;
  person_id: string;
  status: string;
  device_key: string;
  last_seen_at: Date | null;
  last_activity_at: Date | null;
  last_power_w: number | null;
  standby_since: Date | null;
}

type DueColumn = 'inactivity_due_at' | 'standby_due_at' | 'silence_due_at';

async function claim(trx: DB, column: DueColumn, now: Date, batch: number): Promise<Claimed[]> {
  const { rows } = await sql<Claimed>`
    SELECT s.tenant_id, s.device_id, d.person_id, d.status, d.device_key, s.last_seen_at, s.last_activity_at, s.last_power_w, s.standby_since
    FROM device_state s JOIN watch_devices d ON d.tenant_id = s.tenant_id AND d.id = s.device_id
    WHERE s.${sql.ref(column)} <= ${now}
    ORDER BY s.${sql.ref(column)}
    LIMIT ${batch}
    FOR UPDATE OF s SKIP LOCKED`.execute(trx);
  return rows;
}

async function setDue(trx: DB, column: DueColumn, row: Claimed, due: Date | null): Promise<void> {
  await sql`UPDATE device_state SET ${sql.ref(column)} = ${due} WHERE tenant_id = ${row.tenant_id} AND device_id = ${row.device_id}`.execute(trx);
}

/** Current watch settings of the given people (read fresh: deadlines are rare). */
async function loadSettings(trx: DB, rows: { tenant_id: string; person_id: string }[]): Promise<Map<string, ResolvedSettings>> {
  const out = new Map<string, ResolvedSettings>();
  for (const r of rows) out.set(`${r.tenant_id}|${r.person_id}`, resolveSettings(null));
  if (rows.length === 0) return out;
  const found = await sql<{ tenant_id: string; person_id: string; settings: WatchSettings }>`
    SELECT tenant_id, person_id, settings FROM watch_settings
    WHERE (tenant_id, person_id) IN (SELECT * FROM unnest(${rows.map((r) => r.tenant_id)}::uuid[], ${rows.map((r) => r.person_id)}::uuid[]))`.execute(trx);
  for (const r of found.rows) out.set(`${r.tenant_id}|${r.person_id}`, resolveSettings(r.settings));
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
    const rows = await claim(trx, 'inactivity_due_at', now, batch);
    if (rows.length === 0) return 0;
    const settings = await loadSettings(trx, rows);
    const { rows: acts } = await sql<{ tenant_id: string; person_id: string; device_id: string; last_activity_at: Date }>`
      SELECT d.tenant_id, d.person_id, s.device_id, s.last_activity_at
      FROM watch_devices d JOIN device_state s ON s.tenant_id = d.tenant_id AND s.device_id = d.id
      WHERE (d.tenant_id, d.person_id) IN (SELECT * FROM unnest(${rows.map((r) => r.tenant_id)}::uuid[], ${rows.map((r) => r.person_id)}::uuid[]))
        AND d.status = 'active' AND s.last_activity_at IS NOT NULL`.execute(trx);
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
        await setDue(trx, 'inactivity_due_at', row, null);
        continue;
      }
      if (isAway(s, now)) {
        // The inactivity clock restarts when the person is back.
        await setDue(trx, 'inactivity_due_at', row, inactivityDueAt(new Date(Math.max(last.at.getTime(), s.awayUntil!.getTime())), s));
        continue;
      }
      const due = inactivityDueAt(last.at, s);
      if (due > now) {
        await setDue(trx, 'inactivity_due_at', row, due);
        continue;
      }
      await raiseAlert(trx, {
        tenantId: row.tenant_id, personId: row.person_id, deviceId: row.device_id, type: 'inactivity', severity: 'high', at: now,
        detail: { last_activity_at: last.at.toISOString(), inactivity_hours: s.inactivityHours, device_key: row.device_key },
      }, emit);
      await setDue(trx, 'inactivity_due_at', row, null);
    }
    return rows.length;
  });
}

/** Power at or below the standby baseline for standbyHours (a run kept by the ingest path). */
export async function sweepStandby(ctx: AppContext, batch = 200): Promise<number> {
  const now = ctx.clock.now();
  return withTransaction(ctx, async (trx, emit) => {
    const rows = await claim(trx, 'standby_due_at', now, batch);
    if (rows.length === 0) return 0;
    const settings = await loadSettings(trx, rows);
    for (const row of rows) {
      const s = settings.get(`${row.tenant_id}|${row.person_id}`)!;
      if (row.status !== 'active' || !row.standby_since) {
        await setDue(trx, 'standby_due_at', row, null);
        continue;
      }
      if (isAway(s, now)) {
        const from = Math.max(row.standby_since.getTime(), s.awayUntil!.getTime());
        await setDue(trx, 'standby_due_at', row, new Date(from + s.standbyHours * HOUR));
        continue;
      }
      await raiseAlert(trx, {
        tenantId: row.tenant_id, personId: row.person_id, deviceId: row.device_id, type: 'standby_power', severity: 'high', at: now,
        detail: { standby_since: row.standby_since.toISOString(), watts: row.last_power_w, standby_watts: s.standbyWatts, standby_hours: s.standbyHours, device_key: row.device_key },
      }, emit);
      await setDue(trx, 'standby_due_at', row, null);
    }
    return rows.length;
  });
}

/** No reading for silenceHours: a technical alert for coordinators (also while the person is away). */
export async function sweepSilence(ctx: AppContext, batch = 500): Promise<number> {
  const now = ctx.clock.now();
  return withTransaction(ctx, async (trx, emit) => {
    const rows = await claim(trx, 'silence_due_at', now, batch);
    const settings = rows.length ? await loadSettings(trx, rows) : new Map();
    for (const row of rows) {
      // Ingestion only arms this deadline; readings since then push it forward here.
      const s = settings.get(`${row.tenant_id}|${row.person_id}`)!;
      const due = row.last_seen_at ? new Date(row.last_seen_at.getTime() + s.silenceHours * HOUR) : null;
      if (due && due > now) {
        await setDue(trx, 'silence_due_at', row, due);
        continue;
      }
      if (row.status === 'active') {
        await raiseAlert(trx, {
          tenantId: row.tenant_id, personId: row.person_id, deviceId: row.device_id, type: 'device_silent', severity: 'medium', at: now,
          detail: { last_seen_at: row.last_seen_at?.toISOString() ?? null, device_key: row.device_key },
        }, emit);
      }
      await setDue(trx, 'silence_due_at', row, null);
    }
    return rows.length;
  });
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
  const tenants = await ctx.db.selectFrom('tenants').select('id').execute();
  let alerts = 0;
  for (const { id: tenantId } of tenants) {
    if (done.has(`${tenantId}|${day}`)) continue;
    alerts += await withTransaction(ctx, async (trx, emit) => {
      const { rows: mine } = await sql`INSERT INTO device_daily_checks (tenant_id, day, done_at) VALUES (${tenantId}, ${day}::date, ${now})
        ON CONFLICT DO NOTHING RETURNING day`.execute(trx);
      if (mine.length === 0) return 0;
      const r = await profileCheck(trx, tenantId, day, now, emit);
      await sql`UPDATE device_daily_checks SET devices = ${r.devices}, alerts = ${r.alerts} WHERE tenant_id = ${tenantId} AND day = ${day}::date`.execute(trx);
      return r.alerts;
    });
    done.add(`${tenantId}|${day}`);
    if (done.size > 100_000) done.clear();
  }
  return alerts;
}

interface DayRow {
  device_id: string;
  day: string;
  n_w: number;
  avg_w: number | null;
  morning_w: number | null;
  e_wh: number | null;
  morning_wh: number | null;
}

function stats(xs: number[]): { mean: number; sd: number } {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const v = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, xs.length - 1);
  return { mean, sd: Math.sqrt(v) };
}

/** Daily energy (Wh) and morning (05–11h) share, from energy_wh sums or 30-minute power_w averages. */
function dayFigures(r: DayRow): { energy: number; share: number } | null {
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
  const { rows } = await sql<DayRow>`
    SELECT device_id, ((ts AT TIME ZONE 'Asia/Tokyo')::date)::text AS day,
      count(*) FILTER (WHERE kind = 'power_w') AS n_w,
      avg(value) FILTER (WHERE kind = 'power_w') AS avg_w,
      avg(value) FILTER (WHERE kind = 'power_w' AND extract(hour FROM ts AT TIME ZONE 'Asia/Tokyo') BETWEEN 5 AND 10) AS morning_w,
      sum(value) FILTER (WHERE kind = 'energy_wh') AS e_wh,
      sum(value) FILTER (WHERE kind = 'energy_wh' AND extract(hour FROM ts AT TIME ZONE 'Asia/Tokyo') BETWEEN 5 AND 10) AS morning_wh
    FROM telemetry
    WHERE tenant_id = ${tenantId} AND kind IN ('power_w', 'energy_wh') AND ts >= ${new Date(start)} AND ts < ${new Date(end)}
    GROUP BY 1, 2`.execute(trx);
  const byDevice = new Map<string, DayRow[]>();
  for (const r of rows) {
    let l = byDevice.get(r.device_id);
    if (!l) byDevice.set(r.device_id, (l = []));
    l.push(r);
  }
  const ids = [...byDevice.keys()];
  if (ids.length === 0) return { devices: 0, alerts: 0 };
  const devices = await trx.selectFrom('watch_devices').select(['id', 'person_id', 'status', 'device_key'])
    .where('tenant_id', '=', tenantId).where('id', 'in', ids).execute();
  const settings = await loadSettings(trx, devices.map((d) => ({ tenant_id: tenantId, person_id: d.person_id })));
  let alerts = 0;
  for (const d of devices) {
    if (d.status !== 'active') continue;
    const s = settings.get(`${tenantId}|${d.person_id}`)!;
    if (s.awayUntil && s.awayUntil.getTime() > end - DAY) continue; // away during the day: no profile to compare
    const days = byDevice.get(d.id)!;
    const today = days.find((r) => r.day === day);
    const figures = today ? dayFigures(today) : null;
    const history = days.filter((r) => r.day !== day).map(dayFigures).filter((f): f is { energy: number; share: number } => f !== null);
    if (!figures || history.length < PROFILE.minHistoryDays) continue;
    const e = stats(history.map((h) => h.energy));
    const m = stats(history.map((h) => h.share));
    // Floors keep a very regular history from turning small wobbles into huge z-scores.
    const zEnergy = (figures.energy - e.mean) / Math.max(e.sd, 0.05 * e.mean, 1);
    const zShare = (figures.share - m.mean) / Math.max(m.sd, 0.02);
    if (Math.abs(zEnergy) <= PROFILE.z && Math.abs(zShare) <= PROFILE.z) continue;
    await raiseAlert(trx, {
      tenantId, personId: d.person_id, deviceId: d.id, type: 'power_profile', severity: 'medium', at: now,
      detail: {
        day, energy_wh: Math.round(figures.energy), usual_energy_wh: Math.round(e.mean), z_energy: round2(zEnergy),
        morning_share: round2(figures.share), usual_morning_share: round2(m.mean), z_morning_share: round2(zShare), history_days: history.length, device_key: d.device_key,
      },
    }, emit);
    alerts++;
  }
  return { devices: devices.length, alerts };
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * Monthly telemetry partitions for this month and the next two. A month whose rows already sit in
 * the DEFAULT partition (clock skew, a late migration) has them moved into the new partition in
 * the same transaction, since PostgreSQL refuses to create a partition the default overlaps.
 */
export async function ensureTelemetryPartitions(db: DB, now: Date, months = 3): Promise<string[]> {
  const created: string[] = [];
  for (let i = 0; i < months; i++) {
    const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + i, 1));
    const to = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + 1, 1));
    const name = `telemetry_y${from.getUTCFullYear()}m${String(from.getUTCMonth() + 1).padStart(2, '0')}`;
    const exists = await sql`SELECT 1 FROM pg_class WHERE relname = ${name} AND relkind IN ('r', 'p')`.execute(db);
    if (exists.rows.length) continue;
    await db.transaction().execute(async (trx) => {
      // One copy at a time; the others find the partition made.
      await sql`SELECT pg_advisory_xact_lock(hashtext('tsunagari:telemetry_partitions'))`.execute(trx);
      const again = await sql`SELECT 1 FROM pg_class WHERE relname = ${name}`.execute(trx);
      if (again.rows.length) return;
      const fromIso = from.toISOString();
      const toIso = to.toISOString();
      // Hold writers off the default partition while we look and create (rare: once a month or at
      // boot); otherwise a reading landing in between makes the CREATE fail.
      await sql`LOCK TABLE telemetry_default IN ACCESS EXCLUSIVE MODE`.execute(trx);
      const stray = await sql`SELECT 1 FROM telemetry_default WHERE ts >= ${from} AND ts < ${to} LIMIT 1`.execute(trx);
      if (stray.rows.length === 0) {
        await sql.raw(`CREATE TABLE IF NOT EXISTS ${name} PARTITION OF telemetry FOR VALUES FROM ('${fromIso}') TO ('${toIso}')`).execute(trx);
      } else {
        await sql.raw(`CREATE TABLE ${name} (LIKE telemetry INCLUDING DEFAULTS INCLUDING CONSTRAINTS)`).execute(trx);
        await sql.raw(`WITH moved AS (DELETE FROM telemetry_default WHERE ts >= '${fromIso}' AND ts < '${toIso}' RETURNING *)
          INSERT INTO ${name} SELECT * FROM moved`).execute(trx);
        await sql.raw(`ALTER TABLE telemetry ATTACH PARTITION ${name} FOR VALUES FROM ('${fromIso}') TO ('${toIso}')`).execute(trx);
      }
      created.push(name);
    });
  }
  return created;
}

/**
 * Telemetry rate limits (issue #8 §2), per one-minute window aligned to the clock:
 *   - readings per device (TELEMETRY_DEVICE_READINGS_PER_MINUTE), whoever sends them;
 *   - emergency presses per device (TELEMETRY_PRESSES_PER_MINUTE): a budget of their own, so a
 *     device flooding heartbeats can still raise its press; presses count against nothing else;
 *   - readings per ingestion credential (its readings_per_minute, else
 *     TELEMETRY_CREDENTIAL_READINGS_PER_MINUTE).
 *
 * Cheap on the hot path and shared across app copies: each copy counts exactly in memory and
 * decides on its own (a Map lookup per reading, no query). It tells the others what it admitted
 * through PostgreSQL: every TELEMETRY_RATE_SYNC_MS, one statement adds each counter's pending
 * count to telemetry_rate_counts and reads back the total of all copies, for the counters that
 * have admitted at least a quantum q = ⌈limit / 20⌉ since they last did (so a device sending a
 * reading a second is shared every 30 s, not every second: the statement stays small at 100,000
 * devices). A copy admits while (total it last read back) + (admitted since) < limit.
 *
 * Guarantee (docs/DEVICES.md): per subject and window, with N copies, at most
 *   limit + (N − 1) × (q − 1 + what one copy admits for that subject in one sync interval)
 * readings are admitted, and never more than N × limit; with one copy, exactly limit.
 */
import type { AppContext } from '../../context.js';
import { purgeRateCountsBefore, type RateCountRow, syncRateCounts } from './telemetry.queries.js';

export type LimitSubject = 'device' | 'press' | 'credential';
export const RATE_WINDOW_MS = 60_000;

export interface Counter {
  readonly tenantId: string;
  readonly subject: LimitSubject;
  readonly id: string;
  limit: number;
  /** The total of all copies when this copy last shared (its own shared counts included). */
  known: number;
  /** Admitted here since then. */
  pending: number;
}

interface Window {
  start: number;
  counters: Map<string, Counter>;
}

const windows = new WeakMap<object, Window>();

/** Readings each share carries at least (5 % of the limit). */
export const quantum = (limit: number) => Math.max(1, Math.ceil(limit / 20));

function windowOf(ctx: Pick<AppContext, 'db'>, nowMs: number): Window {
  const start = Math.floor(nowMs / RATE_WINDOW_MS) * RATE_WINDOW_MS;
  let w = windows.get(ctx.db);
  if (!w || w.start !== start) {
    // A new window: earlier counts no longer matter (what was not shared of them is dropped).
    w = { start, counters: new Map() };
    windows.set(ctx.db, w);
  }
  return w;
}

/** This copy's counters for the current window; `take` admits one reading if the budget allows. */
export function rateWindow(ctx: Pick<AppContext, 'db'>, nowMs: number) {
  const w = windowOf(ctx, nowMs);
  const counter = (subject: LimitSubject, tenantId: string, id: string, limit: number): Counter => {
    const key = subject === 'device' ? id : `${subject[0]}:${id}`;
    let c = w.counters.get(key);
    if (!c) w.counters.set(key, (c = { tenantId, subject, id, limit, known: 0, pending: 0 }));
    else c.limit = limit;
    return c;
  };
  return {
    counter,
    /** Seconds until this window ends (Retry-After for a refused sender). */
    retryAfterS: Math.max(1, Math.ceil((w.start + RATE_WINDOW_MS - nowMs) / 1000)),
  };
}

export const hasRoom = (c: Counter) => c.known + c.pending < c.limit;

/**
 * Shares this copy's counts with the other copies (one statement) and reads back the totals.
 * Called every TELEMETRY_RATE_SYNC_MS by the device workers; tests call it directly.
 */
export async function syncTelemetryLimits(ctx: Pick<AppContext, 'db' | 'clock'>): Promise<number> {
  const w = windowOf(ctx, ctx.clock.now().getTime());
  const due: Counter[] = [];
  for (const c of w.counters.values()) if (c.pending >= quantum(c.limit)) due.push(c);
  if (due.length === 0) return 0;
  const sent = due.map((c) => c.pending);
  const rows: RateCountRow[] = due.map((c, i) => ({ tenantId: c.tenantId, subject: c.subject, id: c.id, count: sent[i]! }));
  const totals = await syncRateCounts(ctx.db, new Date(w.start), rows);
  for (let i = 0; i < due.length; i++) {
    const c = due[i]!;
    c.pending -= sent[i]!; // what was admitted while the statement ran stays pending
    c.known = totals.get(`${c.subject}:${c.id}`) ?? c.known + sent[i]!;
  }
  return due.length;
}

/** Shared counts of windows long gone (the device workers' hourly housekeeping). */
export async function purgeTelemetryRateCounts(ctx: Pick<AppContext, 'db' | 'clock'>): Promise<void> {
  await purgeRateCountsBefore(ctx.db, new Date(ctx.clock.now().getTime() - 3_600_000));
}

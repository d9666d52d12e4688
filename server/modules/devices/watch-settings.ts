/**
 * Per-person watch settings with their defaults, and the inactivity deadline with quiet hours.
 * Asia/Tokyo has had no daylight saving time since 1951, so local time is UTC+9 throughout.
 */
import { Ajv } from 'ajv';
import addFormatsPlugin, { type FormatsPlugin } from 'ajv-formats';
import { TOKYO_OFFSET_MS } from '../../time.js';
import { WatchSettingsFields } from './devices.schemas.js';
import type { WatchSettings } from './devices.tables.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export type ResolvedSettings = Required<Omit<WatchSettings, 'quietHours' | 'awayUntil'>> & {
  quietHours: { from: string; to: string } | null;
  awayUntil: Date | null;
};

export const DEFAULT_WATCH_SETTINGS: ResolvedSettings = Object.freeze({
  inactivityHours: 12,
  quietHours: { from: '22:00', to: '07:00' },
  standbyWatts: 30,
  standbyHours: 8,
  silenceHours: 24,
  batteryLowPercent: 20,
  // The escalation ladder's defaults (alerts/ladder.sweeper.ts ladderTimings, ALERTS.md).
  watcherConfirmMinutes: 15,
  hubEscalateMinutes: 60,
  awayUntil: null,
}) as ResolvedSettings;

const addFormats = ((addFormatsPlugin as unknown as { default?: FormatsPlugin }).default ?? addFormatsPlugin) as FormatsPlugin;
const ajv = new Ajv({ strict: false });
addFormats(ajv);
/** One validator per key, from the same schema the PUT checks (devices.schemas.ts). */
const KEY_CHECKS = new Map(Object.entries(WatchSettingsFields).map(([k, schema]) => [k, ajv.compile(schema)]));

/**
 * The stored keys that hold a valid value. Settings are validated when saved, but a row written
 * some other way (an old version, a hand edit) must never break the rules for every reading: an
 * invalid key falls back to its default, and the caller can report `invalid`.
 */
export function validStoredSettings(stored: unknown): { settings: WatchSettings; invalid: string[] } {
  const out: Record<string, unknown> = {};
  const invalid: string[] = [];
  if (stored && typeof stored === 'object' && !Array.isArray(stored)) {
    for (const [k, v] of Object.entries(stored)) {
      const check = KEY_CHECKS.get(k);
      if (!check) continue; // unknown keys are ignored
      if (v === null) {
        // Stored null means "none" for quiet hours (an API null removes the key instead), "default" otherwise.
        if (k === 'quietHours') out[k] = null;
        continue;
      }
      if (check(v)) out[k] = v;
      else invalid.push(k);
    }
  }
  return { settings: out as WatchSettings, invalid };
}

/** Stored settings (any subset) over the defaults; invalid stored values count as absent. */
export function resolveSettings(stored: WatchSettings | null | undefined): ResolvedSettings {
  const s = validStoredSettings(stored).settings;
  const num = (v: unknown, d: number) => (typeof v === 'number' && Number.isFinite(v) ? v : d);
  const away = s.awayUntil ? new Date(s.awayUntil) : null;
  return {
    inactivityHours: num(s.inactivityHours, DEFAULT_WATCH_SETTINGS.inactivityHours),
    quietHours: s.quietHours === null ? null : (s.quietHours ?? DEFAULT_WATCH_SETTINGS.quietHours),
    standbyWatts: num(s.standbyWatts, DEFAULT_WATCH_SETTINGS.standbyWatts),
    standbyHours: num(s.standbyHours, DEFAULT_WATCH_SETTINGS.standbyHours),
    silenceHours: num(s.silenceHours, DEFAULT_WATCH_SETTINGS.silenceHours),
    batteryLowPercent: num(s.batteryLowPercent, DEFAULT_WATCH_SETTINGS.batteryLowPercent),
    watcherConfirmMinutes: num(s.watcherConfirmMinutes, DEFAULT_WATCH_SETTINGS.watcherConfirmMinutes),
    hubEscalateMinutes: num(s.hubEscalateMinutes, DEFAULT_WATCH_SETTINGS.hubEscalateMinutes),
    awayUntil: away && !Number.isNaN(away.getTime()) ? away : null,
  };
}

export function isAway(s: ResolvedSettings, now: Date): boolean {
  return s.awayUntil !== null && s.awayUntil.getTime() > now.getTime();
}

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/**
 * The quiet window containing t, or the next one after t, as UTC milliseconds [start, end).
 */
function quietWindowFrom(t: number, quiet: { from: string; to: string }): [number, number] {
  const from = minutesOf(quiet.from) * 60_000;
  const to = minutesOf(quiet.to) * 60_000;
  const len = (((to - from) % DAY) + DAY) % DAY;
  const localMidnight = Math.floor((t + TOKYO_OFFSET_MS) / DAY) * DAY - TOKYO_OFFSET_MS;
  // The window that started yesterday may still be running.
  for (const day of [-1, 0, 1]) {
    const start = localMidnight + day * DAY + from;
    if (t < start + len) return [start, start + len];
  }
  return [localMidnight + 2 * DAY + from, localMidnight + 2 * DAY + from + len];
}

/**
 * When inactivity since `last` becomes alarming: `inactivityHours` of waking time. The clock does
 * not run inside quiet hours (sleeping is not inactivity), so an evening's last movement followed
 * by a normal night and a late morning never alarms, and no deadline ever falls inside the window.
 */
export function inactivityDueAt(last: Date, s: ResolvedSettings): Date {
  let remaining = s.inactivityHours * HOUR;
  let t = last.getTime();
  const q = s.quietHours;
  if (!q || minutesOf(q.from) === minutesOf(q.to)) return new Date(t + remaining);
  for (let i = 0; i < 400; i++) {
    const [start, end] = quietWindowFrom(t, q);
    if (t >= start) {
      t = end;
      continue;
    }
    if (t + remaining <= start) return new Date(t + remaining);
    remaining -= start - t;
    t = end;
  }
  return new Date(t + remaining);
}

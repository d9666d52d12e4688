/**
 * When a check-in is due, in Asia/Tokyo (the person's local time; Japan has no daylight saving,
 * but we compute in the zone rather than adding a fixed +09:00 so the code says what it means).
 */
import { TZDate } from '@date-fns/tz';
import { addDays } from 'date-fns';

export const CHECKIN_TIME_ZONE = 'Asia/Tokyo';
/** An unanswered check-in closes after at most this long (a weekly one too), or at the next due time. */
export const ANSWER_WINDOW_MS = 24 * 3_600_000;

export interface Schedule {
  frequency: 'daily' | 'weekly';
  /** 0 = Sunday … 6 = Saturday (weekly only). */
  weekday: number | null;
  /** "HH:MM" local time. */
  local_time: string;
}

/** The first due time strictly after `after`. */
export function nextDueAt(s: Schedule, after: Date): Date {
  const [h, m] = s.local_time.split(':').map(Number) as [number, number];
  const local = new TZDate(after.getTime(), CHECKIN_TIME_ZONE);
  let candidate = new TZDate(local.getFullYear(), local.getMonth(), local.getDate(), h, m, 0, 0, CHECKIN_TIME_ZONE);
  for (let i = 0; i < 8; i++) {
    const dayOk = s.frequency === 'daily' || candidate.getDay() === s.weekday;
    if (dayOk && candidate.getTime() > after.getTime()) return new Date(candidate.getTime());
    candidate = addDays(candidate, 1);
  }
  throw new Error(`no due time found for ${JSON.stringify(s)}`);
}

/** When a check-in due at `dueAt` stops accepting answers: the next due time, or 24 h at most. */
export function expiresAt(s: Schedule, dueAt: Date): Date {
  return new Date(Math.min(nextDueAt(s, dueAt).getTime(), dueAt.getTime() + ANSWER_WINDOW_MS));
}

import { describe, expect, it } from 'vitest';
import { expiresAt, nextDueAt } from './checkins.schedule.js';

// 2026-11-02 is a Monday; 00:00Z is 09:00 in Tokyo.
const MON_0900_JST = new Date('2026-11-02T00:00:00Z');

describe('nextDueAt (Asia/Tokyo)', () => {
  it('daily: later today in Tokyo, else tomorrow; strictly after the given instant', () => {
    expect(nextDueAt({ frequency: 'daily', weekday: null, local_time: '23:30' }, MON_0900_JST).toISOString()).toBe(
      '2026-11-02T14:30:00.000Z',
    );
    expect(nextDueAt({ frequency: 'daily', weekday: null, local_time: '08:30' }, MON_0900_JST).toISOString()).toBe(
      '2026-11-02T23:30:00.000Z',
    );
    expect(nextDueAt({ frequency: 'daily', weekday: null, local_time: '09:00' }, MON_0900_JST).toISOString()).toBe(
      '2026-11-03T00:00:00.000Z',
    );
  });

  it('uses the Tokyo calendar day, not the UTC one', () => {
    // 21:00Z on Nov 1 is already 06:00 on Nov 2 in Tokyo: 07:00 Tokyo is one hour later.
    expect(nextDueAt({ frequency: 'daily', weekday: null, local_time: '07:00' }, new Date('2026-11-01T21:00:00Z')).toISOString()).toBe(
      '2026-11-01T22:00:00.000Z',
    );
    // Across the end of a month and a year.
    expect(nextDueAt({ frequency: 'daily', weekday: null, local_time: '00:15' }, new Date('2026-12-31T15:30:00Z')).toISOString()).toBe(
      '2027-01-01T15:15:00.000Z',
    );
  });

  it('weekly: the next matching Tokyo weekday', () => {
    // Sunday 10:00 Tokyo after Monday 09:00 → Sunday Nov 8.
    expect(nextDueAt({ frequency: 'weekly', weekday: 0, local_time: '10:00' }, MON_0900_JST).toISOString()).toBe(
      '2026-11-08T01:00:00.000Z',
    );
    // Monday 10:00 → today; Monday 09:00 (now) → next Monday.
    expect(nextDueAt({ frequency: 'weekly', weekday: 1, local_time: '10:00' }, MON_0900_JST).toISOString()).toBe(
      '2026-11-02T01:00:00.000Z',
    );
    expect(nextDueAt({ frequency: 'weekly', weekday: 1, local_time: '09:00' }, MON_0900_JST).toISOString()).toBe(
      '2026-11-09T00:00:00.000Z',
    );
    // Tuesday 07:00 Tokyo is Monday 22:00 UTC: the weekday is Tokyo's.
    const tue = nextDueAt({ frequency: 'weekly', weekday: 2, local_time: '07:00' }, MON_0900_JST);
    expect(tue.toISOString()).toBe('2026-11-02T22:00:00.000Z');
    expect(tue.getUTCDay()).toBe(1);
  });

  it('expiry: the next due time for daily, 24 h for weekly', () => {
    const daily = { frequency: 'daily' as const, weekday: null, local_time: '10:00' };
    const weekly = { frequency: 'weekly' as const, weekday: 1, local_time: '10:00' };
    const due = new Date('2026-11-02T01:00:00Z');
    expect(expiresAt(daily, due).toISOString()).toBe('2026-11-03T01:00:00.000Z');
    expect(expiresAt(weekly, due).toISOString()).toBe('2026-11-03T01:00:00.000Z');
  });
});

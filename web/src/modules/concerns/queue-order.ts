/** Order and marker colour of the triage queue (kept apart from the page so it can be tested). */
import type { TFunction } from 'i18next';
import type { MapTone } from '../../app/ui/map';
import type { ConcernSummary } from './api';

export type SortKey = 'urgency' | 'age' | 'area' | 'category';

/** A concern waiting longer than this is marked as waiting long. */
export const OLD_AFTER_MS = 24 * 3_600_000;

/** The urgency hint of a category priority (0 looks most urgent; staff set the real urgency). */
export function hintTone(priority: number): Extract<MapTone, 'urgent' | 'high' | 'normal' | 'low'> {
  if (priority <= 0) return 'urgent';
  if (priority === 1) return 'high';
  if (priority === 2) return 'normal';
  return 'low';
}

export function isOld(c: Pick<ConcernSummary, 'received_at'>, now: number): boolean {
  return now - Date.parse(c.received_at) > OLD_AFTER_MS;
}

/** Where, in words: the place text, else the area, else "point only" or 場所不明. */
export function placeLine(c: Pick<ConcernSummary, 'place_text' | 'area_name' | 'latitude'>, t: TFunction): string {
  return c.place_text || c.area_name || (c.latitude !== null ? t('maps.pointOnly') : t('maps.placeUnknown'));
}

/**
 * The queue in the chosen order. Every order ends with oldest first, so equal keys keep the
 * server's fairness; `desc` reverses the chosen key only.
 */
export function sortQueue<T extends ConcernSummary>(items: T[], key: SortKey, desc: boolean, locale: string): T[] {
  const collator = new Intl.Collator(locale === 'ja' ? 'ja' : locale);
  const age = (a: T, b: T) => Date.parse(a.received_at) - Date.parse(b.received_at);
  const primary: Record<SortKey, (a: T, b: T) => number> = {
    urgency: (a, b) => a.priority - b.priority,
    age,
    // Placeless concerns sort last by area: they need a call before a visit.
    area: (a, b) => {
      const x = a.area_name ?? a.place_text;
      const y = b.area_name ?? b.place_text;
      if (!x || !y) return x ? -1 : y ? 1 : 0;
      return collator.compare(x, y);
    },
    category: (a, b) => collator.compare(a.category_label, b.category_label),
  };
  const sign = desc ? -1 : 1;
  return [...items].sort((a, b) => sign * primary[key](a, b) || age(a, b));
}

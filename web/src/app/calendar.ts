/**
 * The 和暦 display option: each person chooses, in this browser, whether dates show the
 * Japanese era beside the Western date (「2025/12/04（令和7年12月4日）」). The default is on in
 * the Japanese UI — municipal forms and 決裁 papers are dated in 和暦, so a clerk checks against
 * it — and off in the English UI. Exports follow the same choice (a 和暦 column beside each date).
 */
import { useSyncExternalStore } from 'react';
import { i18n } from './i18n';

export type CalendarChoice = 'wareki' | 'western';
const STORAGE_KEY = 'tsunagari.calendar';
const listeners = new Set<() => void>();

function saved(): CalendarChoice | null {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return v === 'wareki' || v === 'western' ? v : null;
  } catch {
    return null; // storage blocked: the default
  }
}

let choice: CalendarChoice | null = saved();

/** The person's choice, or the default for the UI language. */
export function calendarChoice(): CalendarChoice {
  return choice ?? (i18n.language === 'en' ? 'western' : 'wareki');
}

/** True when dates show 和暦 beside the Western date. */
export function showWareki(): boolean {
  return calendarChoice() === 'wareki';
}

export function setCalendarChoice(c: CalendarChoice): void {
  choice = c;
  try {
    localStorage.setItem(STORAGE_KEY, c);
  } catch {
    // not persisted; still switched for this page
  }
  for (const l of listeners) l();
  // Dates are formatted during render all over the console; every component that shows text
  // re-renders on this i18next event (react-i18next subscribes to it), without refetching data.
  i18n.emit('languageChanged', i18n.language);
}

function subscribe(l: () => void) {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** The current choice; the component re-renders when it changes. */
export function useCalendarChoice(): CalendarChoice {
  return useSyncExternalStore(subscribe, calendarChoice);
}

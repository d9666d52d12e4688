/**
 * Server-side messages (error messages, notification emails) through i18next, so the API
 * speaks the caller's language: Japanese by default, English when Accept-Language prefers it.
 */
import i18next, { type TFunction } from 'i18next';
import en from './locales/en.json' with { type: 'json' };
import ja from './locales/ja.json' with { type: 'json' };

export const SERVER_LOCALES = ['ja', 'en'] as const;
export type ServerLocale = (typeof SERVER_LOCALES)[number];

const i18n = i18next.createInstance();
void i18n.init({
  initAsync: false,
  lng: 'ja',
  fallbackLng: 'ja',
  resources: { ja: { translation: ja }, en: { translation: en } },
  interpolation: { escapeValue: false },
});

const fixed: Record<ServerLocale, TFunction> = {
  ja: i18n.getFixedT('ja'),
  en: i18n.getFixedT('en'),
};

/** Chooses ja or en from an Accept-Language header; Japanese unless English ranks higher. */
export function pickLocale(acceptLanguage: string | undefined): ServerLocale {
  if (!acceptLanguage) return 'ja';
  const ranked = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { tag: (tag ?? '').toLowerCase(), q: q ? Number(q.trim().slice(2)) || 0 : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('ja')) return 'ja';
    if (tag.startsWith('en')) return 'en';
  }
  return 'ja';
}

/** The message for a stable error code (or any key under "errors"), in the given locale. */
export function messageFor(locale: ServerLocale, code: string, params: Record<string, string | number> = {}): string {
  const t = fixed[locale];
  const key = `errors.${code}`;
  const out = t(key, params);
  return out === key ? t('errors.unknown', { code }) : out;
}

/** Any server string by key. */
export function translate(locale: ServerLocale, key: string, params: Record<string, unknown> = {}): string {
  return fixed[locale](key, params) as string;
}

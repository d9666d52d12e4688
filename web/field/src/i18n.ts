/**
 * Field-app i18n: nine languages, only the active one is loaded (each locale is its own chunk).
 * i18next codes are lower-cased ("zh-hans", "ja-easy") so its code formatting never splits them.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';

export const LANGUAGES = [
  { code: 'ja', name: '日本語', html: 'ja' },
  { code: 'ja-easy', name: 'やさしい にほんご', html: 'ja' },
  { code: 'en', name: 'English', html: 'en' },
  { code: 'zh-Hans', name: '简体中文', html: 'zh-Hans' },
  { code: 'ko', name: '한국어', html: 'ko' },
  { code: 'vi', name: 'Tiếng Việt', html: 'vi' },
  { code: 'pt-BR', name: 'Português (Brasil)', html: 'pt-BR' },
  { code: 'tl', name: 'Tagalog', html: 'tl' },
  { code: 'ne', name: 'नेपाली', html: 'ne' },
] as const;
export type Language = (typeof LANGUAGES)[number]['code'];
const STORAGE_KEY = 'tsunagari.field.lang';

const loaders = import.meta.glob<{ default: Record<string, unknown> }>('./locales/*.json');

export const i18n = i18next.createInstance();
let current: Language = 'ja';

function known(code: string | null | undefined): Language | null {
  return LANGUAGES.find((l) => l.code.toLowerCase() === code?.toLowerCase())?.code ?? null;
}

function initialLanguage(): Language {
  try {
    const saved = known(localStorage.getItem(STORAGE_KEY));
    if (saved) return saved;
  } catch {
    // storage blocked: fall through
  }
  const q = known(new URLSearchParams(location.search).get('lang'));
  if (q) return q;
  for (const l of navigator.languages ?? []) {
    const exact = known(l);
    if (exact) return exact;
    if (/^zh/i.test(l)) return 'zh-Hans';
    if (/^pt/i.test(l)) return 'pt-BR';
    if (/^fil/i.test(l)) return 'tl';
    const base = known(l.split('-')[0]);
    if (base) return base;
  }
  return 'ja';
}

async function load(code: Language): Promise<void> {
  const key = code.toLowerCase();
  if (i18n.hasResourceBundle(key, 'translation')) return;
  const mod = await loaders[`./locales/${code}.json`]!();
  i18n.addResourceBundle(key, 'translation', mod.default, true, true);
}

export function currentLanguage(): Language {
  return current;
}

/** BCP 47 tag for Accept-Language and Intl (やさしい日本語 is Japanese to the server). */
export function apiLanguage(): string {
  return LANGUAGES.find((l) => l.code === current)!.html;
}

/** <html lang> for assistive tech; data-lang lets やさしい日本語 wrap at its word spaces (分かち書き). */
function markLanguage(): void {
  document.documentElement.lang = apiLanguage();
  document.documentElement.dataset.lang = current;
}

export async function initI18n(): Promise<void> {
  current = initialLanguage();
  const first = await loaders[`./locales/${current}.json`]!();
  await i18n.use(initReactI18next).init({
    lng: current.toLowerCase(),
    lowerCaseLng: true,
    load: 'currentOnly',
    fallbackLng: false,
    interpolation: { escapeValue: false },
    returnNull: false,
    partialBundledLanguages: true,
    resources: { [current.toLowerCase()]: { translation: first.default } },
  });
  markLanguage();
}

/** Loads and switches the language, persists the choice and updates <html lang>. */
export async function setLanguage(code: Language): Promise<void> {
  await load(code);
  current = code;
  await i18n.changeLanguage(code.toLowerCase());
  markLanguage();
  try {
    localStorage.setItem(STORAGE_KEY, code);
  } catch {
    // not persisted
  }
}

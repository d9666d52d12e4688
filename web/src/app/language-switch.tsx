import { useTranslation } from 'react-i18next';
import { LANGUAGES, setLanguage } from './i18n';

/** 日本語 / English, each button names itself in its own language. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <div role="group" aria-label={t('nav.language')} className="lang-switch">
      {LANGUAGES.map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          className="lang-switch__btn"
          aria-pressed={i18n.language === l}
          onClick={() => setLanguage(l)}
        >
          {l === 'ja' ? '日本語' : 'English'}
        </button>
      ))}
    </div>
  );
}

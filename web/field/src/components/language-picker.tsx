/** Language picker: each language named in itself; only the chosen locale is downloaded. */
import { useTranslation } from 'react-i18next';
import { currentLanguage, LANGUAGES, type Language, setLanguage } from '../i18n';
import { Icon } from './category-icon';

export function LanguagePicker() {
  const { t } = useTranslation();
  return (
    <div className="lang">
      <label htmlFor="lang-select" className="lang__label">
        <Icon name="globe" /> <span>{t('lang.label')}</span>
      </label>
      <select
        id="lang-select"
        className="lang__select"
        value={currentLanguage()}
        onChange={(e) => void setLanguage(e.target.value as Language)}
      >
        {LANGUAGES.map((l) => (
          <option key={l.code} value={l.code} lang={l.html}>
            {l.name}
          </option>
        ))}
      </select>
    </div>
  );
}

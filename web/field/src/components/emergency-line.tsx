/**
 * "命にかかわるときは、すぐに119か110へ": the same line as the public report page, before any
 * form, with numbers a thumb can call (tel: links), in the app's own languages.
 */
import { useTranslation } from 'react-i18next';
import { Icon } from './category-icon';

export function EmergencyLine() {
  const { t } = useTranslation();
  return (
    <aside className="emergency-line emergency-line--calls" aria-label={t('emergency.title')}>
      <p>
        <Icon name="phone" /> {t('emergency.short')}
      </p>
      <EmergencyCalls />
    </aside>
  );
}

/** 119 (ambulance) and 110 (police) as buttons a thumb can call; the public pages use them too. */
export function EmergencyCalls() {
  const { t } = useTranslation();
  return (
    <div className="btn-row">
      <a className="btn btn--danger" href="tel:119">
        {t('emergency.ambulance')}
      </a>
      <a className="btn btn--danger" href="tel:110">
        {t('emergency.police')}
      </a>
    </div>
  );
}

import { useTranslation } from 'react-i18next';
import { useOpenAlertCount } from './use-open-alerts';
import './alerts.css';

/** The open-alert count beside the nav link, live over SSE; read out as words ("未対応 3件"). */
export function OpenAlertsBadge() {
  const { t } = useTranslation();
  const count = useOpenAlertCount();
  if (!count) return null;
  return (
    <span className="nav__count">
      <span aria-hidden="true">{count > 99 ? '99+' : count}</span>
      <span className="visually-hidden">{t('nav.openAlerts', { count })}</span>
    </span>
  );
}

import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatDateTime } from '../../app/format';
import type { Alert, AlertSeverity } from './api';
import './alerts.css';

const ICON: Record<AlertSeverity, string> = { critical: '⚠', high: '!', medium: 'i', low: '・' };

/** Severity as icon + words (never colour alone). The answer types it as a plain string. */
export function SeverityBadge({ severity }: { severity: string }) {
  const { t } = useTranslation();
  return (
    <span className={`severity severity--${severity}`}>
      <span aria-hidden="true">{ICON[severity as AlertSeverity]}</span>
      {t(`alerts.severity.${severity}`)}
    </span>
  );
}

/**
 * The escalation ladder of a welfare alert: watchers notified → hub alerted → case opened.
 * Each step shows done (✓ and its time) or pending, in words for screen readers too.
 */
export function Ladder({ alert }: { alert: Alert }) {
  const { t } = useTranslation();
  const l = alert.ladder;
  if (alert.category === 'technical') return <p className="muted">{t('alerts.ladder.technical')}</p>;
  const steps: { key: string; at: string | null; extra?: ReactNode }[] = [
    { key: 'watchers', at: l.watchers_notified_at },
    { key: 'hub', at: l.hub_alerted_at },
    {
      key: 'case',
      at: l.case_opened_at,
      extra: l.case_id ? <Link to={`/cases/${l.case_id}`}>{t('alerts.openCase')}</Link> : null,
    },
  ];
  return (
    <ol className="ladder" aria-label={t('alerts.ladder.label')}>
      {steps.map((s) => (
        <li key={s.key} className={`ladder__step${s.at ? ' ladder__step--done' : ''}`}>
          <span className="ladder__mark" aria-hidden="true">
            {s.at ? '✓' : '○'}
          </span>
          <span>
            {t(`alerts.ladder.${s.key}`)}
            <span className="visually-hidden">: {s.at ? t('alerts.ladder.done') : t('alerts.ladder.pending')}</span>
          </span>
          {s.at && (
            <time className="ladder__time" dateTime={s.at}>
              {formatDateTime(s.at)}
            </time>
          )}
          {s.extra}
        </li>
      ))}
    </ol>
  );
}

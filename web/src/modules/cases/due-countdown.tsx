import { useTranslation } from 'react-i18next';
import { formatDateTime, formatDuration } from '../../app/format';
import type { Case } from './api';

/** "あと5時間（11/21 09:00）" before the first-contact deadline, "3時間超過" after it. */
export function DueCountdown({ c }: { c: Pick<Case, 'first_contact_due_at' | 'first_contact_at' | 'overdue'> }) {
  const { t } = useTranslation();
  if (c.first_contact_at) return <span className="muted">{t('cases.dueMet')}</span>;
  const ms = new Date(c.first_contact_due_at).getTime() - Date.now();
  const overdue = ms < 0;
  return (
    <time dateTime={c.first_contact_due_at} className="when">
      <span className="when__rel">
        {overdue ? t('cases.overdueBy', { d: formatDuration(-ms) }) : t('cases.dueIn', { d: formatDuration(ms) })}
      </span>
      <span className="when__abs">{formatDateTime(c.first_contact_due_at)}</span>
    </time>
  );
}

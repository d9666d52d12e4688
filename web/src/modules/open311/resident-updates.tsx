import { useTranslation } from 'react-i18next';
import { When } from '../../app/ui/badges';
import { ErrorAlert, Section } from '../../app/ui/page';
import { useResidentUpdates } from './api';

/**
 * The concern's timeline of what its reporter added through FixMyStreet or another Open311
 * client (POST servicerequestupdates), oldest first. Shown only when there is something.
 */
export function ResidentUpdates({ concernId }: { concernId: string }) {
  const { t } = useTranslation();
  const res = useResidentUpdates(concernId);
  const items = res.data?.items ?? [];
  if (!res.error && items.length === 0) return null;
  return (
    <Section title={t('signals.residentUpdates.title')}>
      <p className="muted">{t('signals.residentUpdates.lead')}</p>
      <ErrorAlert error={res.error} />
      <ol className="timeline">
        {items.map((u) => (
          <li key={u.id} className="timeline__item timeline__item--event">
            <div className="timeline__meta">
              <When iso={u.received_at} relative={false} />
              <span>{t('signals.residentUpdates.status', { status: u.status })}</span>
            </div>
            <p className="pre">{u.description}</p>
          </li>
        ))}
      </ol>
    </Section>
  );
}

import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useAuth } from '../../app/auth';
import { When } from '../../app/ui/badges';
import { AlertActions } from './alert-actions';
import { Ladder, personLabel, SeverityBadge } from './alert-parts';
import type { Alert } from './api';

/** One alert in the list: what, who, when, where it stands on the ladder, and what to do. */
export function AlertCard({ alert: a, onChanged, headingLevel = 2 }: { alert: Alert; onChanged: () => void; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const { can } = useAuth();
  const typeLabel = t(`alerts.type.${a.type}`, { defaultValue: a.type });
  const who = personLabel(a, t);
  const label = `${typeLabel} — ${who}`;
  const hid = `alert-${a.id}`;
  return (
    <article className={`alert-card alert-card--${a.status === 'resolved' ? 'resolved' : a.severity}`} aria-labelledby={hid}>
      <div className="alert-card__head">
        <SeverityBadge severity={a.severity} />
        <H id={hid} className="alert-card__title">
          <Link to={`/alerts/${a.id}`}>{label}</Link>
        </H>
        <span className="alert-status">{t(`alerts.status.${a.status}`)}</span>
        {a.category === 'technical' && <span className="badge badge--info">{t('alerts.category.technical')}</span>}
      </div>
      <dl className="alert-card__meta">
        <div>
          <dt>{t('alerts.raisedAt')}</dt>
          <dd>
            <When iso={a.raised_at} />
          </dd>
        </div>
        <div>
          <dt>{t('alerts.person')}</dt>
          <dd>{a.person_visible && can('person:read') ? <Link to={`/people/${a.person_id}`}>{who}</Link> : who}</dd>
        </div>
        {a.device_place && (a.category === 'technical' || !a.person_visible) && (
          <div>
            <dt>{t('signals.devicePlace')}</dt>
            <dd>
              <address className="device-place">
                {[
                  a.device_place.address,
                  a.device_place.area_name ? `${t('signals.area')}: ${a.device_place.area_name}` : null,
                  a.device_place.location_in_home ? `${t('signals.room')}: ${a.device_place.location_in_home}` : null,
                ]
                  .filter(Boolean)
                  .join('　')}
              </address>
            </dd>
          </div>
        )}
        {(a.device_type || a.location_in_home) && (
          <div>
            <dt>{t('alerts.device')}</dt>
            <dd>{[a.device_type ? t(`devices.type.${a.device_type}`) : null, a.location_in_home].filter(Boolean).join('・')}</dd>
          </div>
        )}
        {a.occurrences > 1 && (
          <div>
            <dt>{t('alerts.occurrences')}</dt>
            <dd>{t('alerts.occurrencesValue', { count: a.occurrences })}</dd>
          </div>
        )}
        {a.status === 'acknowledged' && (
          <div>
            <dt>{t('alerts.acknowledgedAt')}</dt>
            <dd>
              <When iso={a.acknowledged_at} relative={false} />
              {a.acknowledged_by_name ? ` ${a.acknowledged_by_name}` : ''}
            </dd>
          </div>
        )}
        {a.status === 'resolved' && (
          <div>
            <dt>{t('alerts.outcomeLabel')}</dt>
            <dd>{a.outcome ? t(`alerts.outcome.${a.outcome}`) : '—'}</dd>
          </div>
        )}
      </dl>
      <Ladder alert={a} />
      <AlertActions alert={a} onChanged={onChanged} label={label} />
    </article>
  );
}

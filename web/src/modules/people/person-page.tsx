import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useAuth } from '../../app/auth';
import { OverdueFlag, StatusBadge, UrgencyBadge, When } from '../../app/ui/badges';
import { ErrorAlert, Loading, PageHeading, Section } from '../../app/ui/page';
import { WatchSettingsSection } from '../alerts/watch-settings-section';
import { WatchersSection } from '../alerts/watchers-section';
import { useCases } from '../cases/api';
import { CheckinPlansSection } from '../checkins/checkin-plans-section';
import { DevicesSection } from '../devices/devices-section';
import { usePerson } from './api';
import { ConsentsSection } from './consents-section';
import { PersonBox, usePersonName } from './person-box';
import { PersonMap } from './person-map';

export function PersonPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { can } = useAuth();
  const res = usePerson(id);
  const cases = useCases({ person_id: id, limit: 50 });
  const p = res.data;
  const personCases = cases.data?.items ?? [];
  const nameOf = usePersonName();

  return (
    <>
      <PageHeading title={p ? nameOf(p.name) : t('person.title')} />
      <ErrorAlert error={res.error} />
      <Loading show={res.loading && !p} />
      {p && (
        <div className="two-col">
          <div className="stack">
            <PersonBox personId={p.id} person={res} full />
          </div>
          <div className="stack">
            <ConsentsSection personId={p.id} consents={p.consents} onChanged={res.reload} />
            <Section title={t('person.cases')}>
              {cases.data && personCases.length === 0 ? (
                <p className="muted">{t('cases.empty')}</p>
              ) : (
                <ul className="link-list">
                  {personCases.map((c) => (
                    <li key={c.id}>
                      <Link to={`/cases/${c.id}`}>{t('cases.number', { n: c.case_number })}</Link> <StatusBadge status={c.status} />{' '}
                      <UrgencyBadge urgency={c.urgency} /> {c.overdue && <OverdueFlag />} <When iso={c.received_at} relative={false} />
                    </li>
                  ))}
                </ul>
              )}
            </Section>
          </div>
        </div>
      )}
      {p && (can('device:read') || can('alert:read') || can('checkin:read')) && (
        <div className="two-col">
          <div className="stack">
            {can('device:read') && <DevicesSection personId={p.id} />}
            {can('checkin:read') && <CheckinPlansSection personId={p.id} />}
          </div>
          <div className="stack">
            {can('alert:read') && <WatchersSection personId={p.id} />}
            {can('alert:read') && <WatchSettingsSection personId={p.id} />}
          </div>
        </div>
      )}
      {p && <PersonMap person={p} />}
    </>
  );
}

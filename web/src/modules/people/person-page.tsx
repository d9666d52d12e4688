import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useAuth } from '../../app/auth';
import { OverdueFlag, StatusBadge, UrgencyBadge, When } from '../../app/ui/badges';
import { ErrorAlert, Facts, Loading, PageHeading, Section } from '../../app/ui/page';
import { WatchSettingsSection } from '../alerts/watch-settings-section';
import { WatchersSection } from '../alerts/watchers-section';
import { useCases } from '../cases/api';
import { CheckinPlansSection } from '../checkins/checkin-plans-section';
import { DevicesSection } from '../devices/devices-section';
import { usePerson } from './api';
import { ConsentsSection } from './consents-section';
import { PersonMap } from './person-map';

export function PersonPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { can } = useAuth();
  const res = usePerson(id);
  const cases = useCases({ person_id: id, limit: 50 });
  const p = res.data;
  const personCases = cases.data?.items ?? [];
  const yn = (v: boolean | null | undefined) => (v === null || v === undefined ? '—' : v ? t('common.yes') : t('common.no'));

  return (
    <>
      <PageHeading title={p ? (p.name ?? t('person.unnamed')) : t('person.title')} />
      <ErrorAlert error={res.error} />
      <Loading show={res.loading && !p} />
      {p && (
        <div className="two-col">
          <div className="stack">
            <Section title={t('person.details')}>
              <Facts
                rows={[
                  [t('person.name'), p.name ?? '—'],
                  [t('person.kana'), p.kana ?? '—'],
                  [t('person.birthYear'), p.birth_year ?? '—'],
                  [t('person.address'), p.address ?? '—'],
                  [t('concern.area'), p.area_name ?? '—'],
                  [t('person.livingAlone'), yn(p.living_alone)],
                  [
                    t('person.careService'),
                    p.care_service_use ? t(`careService.${p.care_service_use}`, { defaultValue: p.care_service_use }) : '—',
                  ],
                  [t('person.note'), p.note ? <span className="pre">{p.note}</span> : '—'],
                ]}
              />
            </Section>
            <Section title={t('person.household')}>
              {p.household ? (
                <>
                  <p>{p.household.address ?? '—'}</p>
                  {p.household.members.length > 0 && (
                    <ul className="link-list">
                      {p.household.members.map((m) => (
                        <li key={m.id}>
                          {m.id === p.id ? (
                            (m.name ?? t('person.unnamed'))
                          ) : (
                            <Link to={`/people/${m.id}`}>{m.name ?? t('person.unnamed')}</Link>
                          )}
                        </li>
                      ))}
                    </ul>
                  )}
                </>
              ) : (
                <p className="muted">{t('person.noHousehold')}</p>
              )}
            </Section>
            <Section title={t('person.emergencyContacts')}>
              {p.emergency_contacts.length === 0 ? (
                <p className="muted">{t('person.noEmergencyContacts')}</p>
              ) : (
                <ul className="link-list">
                  {p.emergency_contacts.map((e) => (
                    <li key={`${e.name}|${e.relation}|${e.phone}`}>
                      {e.name}（{e.relation}） <a href={`tel:${e.phone}`}>{e.phone}</a>
                    </li>
                  ))}
                </ul>
              )}
            </Section>
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

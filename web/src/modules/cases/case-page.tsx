import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useAuth } from '../../app/auth';
import { OverdueFlag, StatusBadge, UrgencyBadge, When } from '../../app/ui/badges';
import { ErrorAlert, Facts, Loading, PageHeading, Section } from '../../app/ui/page';
import { useServerEvents } from '../../app/use-events';
import { usePerson } from '../people/api';
import { PersonBox, usePersonName } from '../people/person-box';
import { useCase } from './api';
import { CaseActions } from './case-actions';
import { CaseMap } from './case-map';
import { CaseTimeline } from './case-timeline';
import { DueCountdown } from './due-countdown';

export function CasePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { can } = useAuth();
  const res = useCase(id);
  useServerEvents((ev) => {
    if ((ev.name === 'case.updated' || ev.name === 'case.escalated') && ev.id === id) res.reload();
  });
  const c = res.data;
  // One audited read of the person for the box and the forms that change it (consent).
  const person = usePerson(c?.person_id && can('person:read') ? c.person_id : null);
  const nameOf = usePersonName();

  return (
    <>
      <PageHeading title={c ? t('cases.number', { n: c.case_number }) : t('cases.case')}>
        <Link to={`/cases/${id}/print`} className="btn btn--secondary">
          {t('paper.print.button')}
        </Link>
      </PageHeading>
      <ErrorAlert error={res.error} />
      <Loading show={res.loading && !c} />
      {c && (
        <>
          <div className="case-header card" aria-label={t('cases.summary')} role="region">
            <div className="case-header__badges">
              <StatusBadge status={c.status} />
              <UrgencyBadge urgency={c.urgency} />
              {c.person_id && person.data && <span className="case-header__who">{nameOf(person.data.name)}</span>}
              {c.overdue && <OverdueFlag />}
              {c.escalated_at && <span className="badge badge--warn">{t('cases.escalated')}</span>}
            </div>
            <Facts
              rows={[
                [t('concern.receivedAt'), <When iso={c.received_at} />],
                [t('cases.due'), <DueCountdown c={c} />],
                [t('cases.firstContact'), c.first_contact_at ? <When iso={c.first_contact_at} /> : t('cases.noContactYet')],
                [t('cases.assignee'), c.assignee_name ?? t('cases.unassigned')],
                ...(c.status === 'closed'
                  ? [[t('cases.outcome'), t(`outcome.${c.outcome}`, { defaultValue: c.outcome ?? '—' })] as [string, string]]
                  : []),
              ]}
            />
          </div>
          <div className="two-col">
            <div className="stack">
              {c.person_id && can('person:read') ? (
                <PersonBox personId={c.person_id} person={person} />
              ) : (
                <Section title={t('cases.person')}>
                  <p className={c.person_id ? undefined : 'muted'}>{c.person_id ? nameOf(c.person_name) : t('person.unidentified')}</p>
                </Section>
              )}
              <Section title={t('timeline.title')}>
                <CaseTimeline items={c.timeline} onChanged={res.reload} />
              </Section>
            </div>
            <CaseActions c={c} onChanged={res.reload} onConsentSaved={person.reload} />
          </div>
          <CaseMap c={c} />
        </>
      )}
    </>
  );
}

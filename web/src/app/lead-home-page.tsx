import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useAlerts } from '../modules/alerts/api';
import { useCases } from '../modules/cases/api';
import { OverdueFlag, UrgencyBadge, When } from './ui/badges';
import { ErrorAlert, Loading, PageHeading, Section } from './ui/page';
import { useServerEvents } from './use-events';

/**
 * The hub lead's first page: what is late or unanswered before anything new. Overdue cases
 * (first contact past its deadline) and open watch alerts, each linking to where to act; the
 * triage queue is one click away in the navigation.
 */
export function LeadHomePage() {
  const { t } = useTranslation();
  const overdue = useCases({ overdue: true, limit: 20 });
  const alerts = useAlerts({ status: 'open', limit: 20 });
  useServerEvents((ev) => {
    if (ev.name.startsWith('alert.') || ev.name === 'reconnected') alerts.reload();
    if (ev.name.startsWith('case.') || ev.name === 'reconnected') overdue.reload();
  });
  const cases = overdue.data?.items ?? [];
  const open = alerts.data?.items ?? [];
  return (
    <>
      <PageHeading title={t('maps.leadHome.title')} />
      <p className="lead">{t('maps.leadHome.lead')}</p>
      <div className="two-col two-col--even">
        <Section title={t('maps.leadHome.overdue', { count: overdue.data?.total ?? cases.length })}>
          <ErrorAlert error={overdue.error} />
          <Loading show={overdue.loading && !overdue.data} />
          {overdue.data && cases.length === 0 && <p className="muted">{t('maps.leadHome.noOverdue')}</p>}
          {cases.length > 0 && (
            <ul className="link-list">
              {cases.map((c) => (
                <li key={c.id}>
                  <Link to={`/cases/${c.id}`}>{t('cases.number', { n: c.case_number })}</Link> <OverdueFlag />{' '}
                  <UrgencyBadge urgency={c.urgency} />{' '}
                  <span className="muted">
                    {c.assignee_name ?? t('cases.unassigned')} · {t('cases.due')} <When iso={c.first_contact_due_at} />
                  </span>
                </li>
              ))}
            </ul>
          )}
          <p>
            <Link to="/cases?overdue=true">{t('maps.leadHome.allOverdue')}</Link>
          </p>
        </Section>
        <Section title={t('maps.leadHome.alerts', { count: open.length })}>
          <ErrorAlert error={alerts.error} />
          <Loading show={alerts.loading && !alerts.data} />
          {alerts.data && open.length === 0 && <p className="muted">{t('maps.leadHome.noAlerts')}</p>}
          {open.length > 0 && (
            <ul className="link-list">
              {open.map((a) => (
                <li key={a.id}>
                  <Link to={`/alerts/${a.id}`}>
                    {t(`alerts.type.${a.type}`, { defaultValue: a.type })} — {a.person_name ?? t('person.unnamed')}
                  </Link>{' '}
                  <span className="muted">
                    <When iso={a.raised_at} />
                  </span>
                </li>
              ))}
            </ul>
          )}
          <p>
            <Link to="/alerts">{t('maps.leadHome.allAlerts')}</Link>
          </p>
        </Section>
      </div>
    </>
  );
}

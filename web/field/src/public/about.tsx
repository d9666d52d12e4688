/** /t/{slug}/about: what happens after a report, in plain language, with phone numbers. */
import { useTranslation } from 'react-i18next';
import type { PublicTenant } from '../api';
import { Icon } from '../components/category-icon';
import { EmergencyCalls } from '../components/emergency-line';
import { PageTitle } from '../components/page-title';

export function Emergency() {
  const { t } = useTranslation();
  return (
    <aside className="emergency" aria-labelledby="emergency-title">
      <h2 id="emergency-title" className="emergency__title">
        <Icon name="alert" /> {t('emergency.title')}
      </h2>
      <p>{t('emergency.body')}</p>
      <EmergencyCalls />
    </aside>
  );
}

export function HubPhones({ tenant }: { tenant: PublicTenant }) {
  const { t } = useTranslation();
  const hubs = tenant.hubs.filter((h) => h.phone);
  if (!hubs.length) return <p>{t('about.noHubs')}</p>;
  return (
    <ul className="hubs">
      {hubs.map((h) => (
        <li key={`${h.name}-${h.phone}`}>
          <a className="btn btn--secondary hub-call" href={`tel:${h.phone!.replace(/[^\d+]/g, '')}`}>
            <Icon name="phone" />{' '}
            <span>
              {h.name}
              <br />
              <span className="hub-call__no">{h.phone}</span>
            </span>
          </a>
        </li>
      ))}
    </ul>
  );
}

export function About({ tenant }: { tenant: PublicTenant }) {
  const { t } = useTranslation();
  const steps = [1, 2, 3, 4] as const;
  return (
    <section>
      <PageTitle>{t('about.title')}</PageTitle>
      <p className="lead">{t('about.lead')}</p>
      <Emergency />
      <ol className="about-steps">
        {steps.map((n) => (
          <li key={n}>
            <h2 className="section-title">{t(`about.step${n}Title`)}</h2>
            <p>{t(`about.step${n}`)}</p>
          </li>
        ))}
      </ol>
      <h2 className="section-title">{t('about.hubs')}</h2>
      <HubPhones tenant={tenant} />
      <p>
        <a className="btn btn--primary btn--big" href={`/t/${tenant.slug}/report`}>
          {t('about.report')}
        </a>
      </p>
    </section>
  );
}

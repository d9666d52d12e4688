import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useAuth } from '../../app/auth';
import { formatDate, formatPercent } from '../../app/format';
import { ExportLinks } from '../../app/ui/export-links';
import { Button } from '../../app/ui/fields';
import { ErrorAlert, Loading, PageHeading, Section, TableWrap } from '../../app/ui/page';
import { useMutation } from '../../app/use-api';
import { createPartner, REPORT_STATS_EXPORT_PATH, usePartners, useReportStats } from './api';
import { type PartnerFields, PartnerForm } from './partner-form';

/** Partners (見守り協力事業者) with report counts, agreement status, renewals due and the yearly KPI. */
export function PartnersPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const list = usePartners();
  const stats = useReportStats();
  const [adding, setAdding] = useState(false);
  const create = useMutation(async (f: PartnerFields) => {
    const p = await createPartner(f);
    navigate(`/partners/${p.id}`);
  });
  const items = list.data?.items ?? [];
  const due = list.data?.renewals_due ?? [];
  const byId = new Map((stats.data?.items ?? []).map((s) => [s.partner_id, s]));
  return (
    <>
      <PageHeading title={t('partners.title')}>
        {can('partner:write') && !adding && <Button onPress={() => setAdding(true)}>{t('partners.add')}</Button>}
        {can('partner:write') && (
          <Link className="btn btn--secondary" to="/supporters">
            {t('partners.supportersLink')}
          </Link>
        )}
        <ExportLinks path={REPORT_STATS_EXPORT_PATH} label={t('paper.export.of', { what: t('partners.reports') })} />
      </PageHeading>
      <ErrorAlert error={list.error} />
      <Loading show={list.loading && !list.data} />
      {adding && (
        <Section title={t('partners.add')}>
          <ErrorAlert error={create.error} />
          <PartnerForm submitLabel={t('partners.create')} pending={create.pending} onSubmit={(f) => void create.run(f)} />
          <Button variant="secondary" onPress={() => setAdding(false)}>
            {t('common.cancel')}
          </Button>
        </Section>
      )}
      {due.length > 0 && (
        <Section title={t('partners.renewalsDue')}>
          <ul className="notif-list">
            {due.map((a) => (
              <li key={a.id}>
                <Link to={`/partners/${a.partner_id}`}>{a.partner_name}</Link>{' '}
                {t('partners.renewalOn', { number: a.number, date: formatDate(a.renewal_due) })}
              </li>
            ))}
          </ul>
        </Section>
      )}
      {stats.data && (
        <p className="muted">
          {t('partners.kpiLine', {
            from: formatDate(stats.data.from),
            useful: stats.data.totals.useful_reports,
            previous: stats.data.totals.previous_useful_reports,
            change: formatPercent(stats.data.totals.useful_reports_change),
            target: formatPercent(stats.data.target_change),
          })}
        </p>
      )}
      {items.length > 0 && (
        <TableWrap label={t('partners.title')}>
          <table className="table">
            <caption className="visually-hidden">{t('partners.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('partners.name')}</th>
                <th scope="col">{t('partners.kind')}</th>
                <th scope="col">{t('partners.status')}</th>
                <th scope="col">{t('partners.agreement')}</th>
                <th scope="col">{t('partners.reports')}</th>
                <th scope="col">{t('partners.usefulReports')}</th>
                <th scope="col">{t('partners.yearChange')}</th>
                <th scope="col">{t('partners.activeDevices')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((p) => (
                <tr key={p.id}>
                  <td>
                    <Link to={`/partners/${p.id}`} className="row-link">
                      {p.name}
                    </Link>
                  </td>
                  <td>{t(`partners.kinds.${p.kind}`, { defaultValue: p.kind })}</td>
                  <td>{t(`partners.statuses.${p.status}`)}</td>
                  <td>
                    {p.agreement_status ? t(`partners.agreementStatuses.${p.agreement_status}`) : t('partners.noAgreement')}
                    {p.renewal_due && <span className="muted"> {t('partners.renewalDue', { date: formatDate(p.renewal_due) })}</span>}
                  </td>
                  <td>{p.reports}</td>
                  <td>{p.useful_reports}</td>
                  <td>{formatPercent(byId.get(p.id)?.useful_reports_change)}</td>
                  <td>{p.active_devices}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </>
  );
}

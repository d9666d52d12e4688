import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { When } from '../../app/ui/badges';
import { ErrorAlert, Loading, PageHeading, TableWrap } from '../../app/ui/page';
import { useMyReports } from './api';
import { useCategories } from './categories';

/** A reporter's own concerns with a coarse status only: never the person's details. */
export function MyReportsPage() {
  const { t } = useTranslation();
  const res = useMyReports();
  const { label } = useCategories();
  const items = res.data?.items ?? [];
  return (
    <>
      <PageHeading title={t('myReports.title')}>
        <Link to="/concerns/new" className="btn btn--primary">
          {t('nav.newConcern')}
        </Link>
      </PageHeading>
      <ErrorAlert error={res.error} />
      <Loading show={res.loading && !res.data} />
      {res.data && items.length === 0 && <p className="empty">{t('myReports.empty')}</p>}
      {items.length > 0 && (
        <TableWrap label={t('myReports.title')}>
          <table className="table">
            <caption className="visually-hidden">{t('myReports.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('newConcern.reference')}</th>
                <th scope="col">{t('concern.category')}</th>
                <th scope="col">{t('concern.place')}</th>
                <th scope="col">{t('concern.receivedAt')}</th>
                <th scope="col">{t('concern.status')}</th>
                <th scope="col">{t('signals.thanks')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((r) => (
                <tr key={r.id}>
                  <td className="mono">{r.reference}</td>
                  <td>{label(r.category)}</td>
                  <td>{r.place_text || '—'}</td>
                  <td>
                    <When iso={r.received_at} />
                  </td>
                  <td>
                    <span className={`badge badge--coarse-${r.status}`}>{t(`coarseStatus.${r.status}`, { defaultValue: r.status })}</span>
                  </td>
                  {/* The hub's thank-you, as the field app shows it (the same answer: GET /concerns/mine). */}
                  <td className="pre">{r.thanks_message || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </>
  );
}

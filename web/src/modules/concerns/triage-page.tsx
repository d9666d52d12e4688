import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { When } from '../../app/ui/badges';
import { Button } from '../../app/ui/fields';
import { ErrorAlert, Loading, PageHeading, TableWrap } from '../../app/ui/page';
import { useServerEvents } from '../../app/use-events';
import { useTriageQueue } from './api';
import { useCategories } from './categories';

/** Untriaged concerns, most urgent-looking and oldest first; refreshed live over SSE. */
export function TriagePage() {
  const { t } = useTranslation();
  const queue = useTriageQueue();
  const { label } = useCategories();
  const [announcement, setAnnouncement] = useState('');
  const seq = useRef(0);

  useServerEvents((ev) => {
    if (ev.name === 'concern.received') {
      seq.current += 1;
      // A changing suffix makes screen readers repeat an identical message.
      setAnnouncement(`${t('triage.newArrival')}${'\u200b'.repeat(seq.current % 2)}`);
      queue.reload();
    } else if (ev.name === 'concern.triaged' || ev.name === 'reconnected') {
      queue.reload();
    }
  });

  const items = queue.data?.items ?? [];
  return (
    <>
      <PageHeading title={t('triage.title')}>
        <Button variant="secondary" onPress={queue.reload}>
          {t('common.refresh')}
        </Button>
      </PageHeading>
      <p className="live-note" aria-live="polite" role="status">
        {announcement || t('triage.liveHint')}
      </p>
      <ErrorAlert error={queue.error} />
      <Loading show={queue.loading && !queue.data} />
      {queue.data && items.length === 0 && <p className="empty">{t('triage.empty')}</p>}
      {items.length > 0 && (
        <TableWrap label={t('triage.title')}>
          <table className="table">
            <caption className="visually-hidden">{t('triage.caption', { count: items.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('concern.category')}</th>
                <th scope="col">{t('concern.place')}</th>
                <th scope="col">{t('concern.receivedAt')}</th>
                <th scope="col">{t('concern.reporterKind')}</th>
                <th scope="col">{t('triage.flags')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link to={`/concerns/${c.id}`} className="row-link">
                      {c.category_label ?? label(c.category)}
                    </Link>
                  </td>
                  <td>
                    {c.place_text || '—'}
                    {c.area_name && <span className="block muted">{c.area_name}</span>}
                  </td>
                  <td>
                    <When iso={c.received_at} />
                  </td>
                  <td>
                    {t(`reporterKind.${c.reporter_kind}`, { defaultValue: c.reporter_kind })}
                    {c.partner_name && <span className="muted block">{c.partner_name}</span>}
                  </td>
                  <td>
                    <span className="flags">
                      {c.outside_area && <span className="badge badge--warn">{t('concern.outsideArea')}</span>}
                      {!!c.possible_duplicates && (
                        <span className="badge badge--info">{t('triage.duplicates', { count: c.possible_duplicates })}</span>
                      )}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </>
  );
}

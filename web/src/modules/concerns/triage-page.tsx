import { useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatRelative } from '../../app/format';
import { When } from '../../app/ui/badges';
import { Button } from '../../app/ui/fields';
import { ConsoleMap, MapLegend, type MapPoint } from '../../app/ui/map';
import { ErrorAlert, Loading, PageHeading, TableWrap } from '../../app/ui/page';
import { useServerEvents } from '../../app/use-events';
import { type ConcernSummary, useTriageQueue } from './api';
import { useCategories } from './categories';
import { hintTone, isOld, placeLine, type SortKey, sortQueue } from './queue-order';

/**
 * Untriaged concerns beside a map of them, refreshed live over SSE. The list is the main path
 * (keyboard, screen readers); focusing or clicking a row shows its marker, clicking a marker
 * selects its row. Order: urgency hint (the category's), then oldest first; sortable by column.
 */
export function TriagePage() {
  const { t, i18n } = useTranslation();
  const queue = useTriageQueue();
  const { label } = useCategories();
  const [announcement, setAnnouncement] = useState('');
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'urgency', desc: false });
  const [selected, setSelected] = useState<string | null>(null);
  const seq = useRef(0);
  const rows = useRef(new Map<string, HTMLTableRowElement>());

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

  // "Waiting long" is judged when the queue was loaded, so markers do not change on every render.
  const now = useMemo(() => (queue.data ? Date.now() : 0), [queue.data]);
  const items = useMemo(() => sortQueue(queue.data?.items ?? [], sort.key, sort.desc, i18n.language), [queue.data, sort, i18n.language]);
  const categoryOf = useCallback((c: ConcernSummary) => c.category_label ?? label(c.category), [label]);
  const points = useMemo<MapPoint[]>(
    () =>
      items
        .filter((c) => c.latitude !== null && c.longitude !== null)
        .map((c) => ({
          id: c.id,
          lat: c.latitude!,
          lon: c.longitude!,
          tone: hintTone(c.priority),
          old: isOld(c, now),
          glyph: isOld(c, now) ? '!' : '',
          label: t('maps.markerLabel', {
            category: categoryOf(c),
            place: placeLine(c, t),
            age: formatRelative(c.received_at),
          }),
        })),
    [items, t, now, categoryOf],
  );
  const unmapped = items.length - points.length;

  function chooseMarker(id: string) {
    setSelected(id);
    const row = rows.current.get(id);
    row?.scrollIntoView({ block: 'nearest' });
    row?.querySelector('a')?.focus({ preventScroll: true });
  }

  function sortBy(key: SortKey) {
    setSort((s) => (s.key === key ? { key, desc: !s.desc } : { key, desc: false }));
  }

  const header = (key: SortKey, text: string) => (
    <th scope="col" aria-sort={sort.key === key ? (sort.desc ? 'descending' : 'ascending') : undefined}>
      <button type="button" className="sort-button" onClick={() => sortBy(key)}>
        {text}
        <span aria-hidden="true" className="sort-button__arrow">
          {sort.key === key ? (sort.desc ? '▼' : '▲') : '↕'}
        </span>
      </button>
    </th>
  );

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
        <>
          <p className="queue-order" id="queue-order">
            {t(`maps.order.${sort.key}${sort.desc ? 'Desc' : ''}`)} {t('maps.order.howToSort')}
          </p>
          <div className="map-split">
            <TableWrap label={t('triage.title')}>
              <table className="table" aria-describedby="queue-order">
                <caption className="visually-hidden">{t('triage.caption', { count: items.length })}</caption>
                <thead>
                  <tr>
                    {header('urgency', t('maps.urgencyHint'))}
                    {header('category', t('concern.category'))}
                    {header('area', t('concern.place'))}
                    {header('age', t('concern.receivedAt'))}
                    <th scope="col">{t('concern.reporterKind')}</th>
                    <th scope="col">{t('triage.flags')}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((c) => (
                    <tr
                      key={c.id}
                      ref={(el) => {
                        if (el) rows.current.set(c.id, el);
                        else rows.current.delete(c.id);
                      }}
                      className={selected === c.id ? 'row--selected' : undefined}
                      aria-current={selected === c.id ? 'true' : undefined}
                      onFocus={() => setSelected(c.id)}
                    >
                      <td>
                        <span className={`hint-badge hint-badge--${hintTone(c.priority)}`}>{t(`maps.hint.${hintTone(c.priority)}`)}</span>
                      </td>
                      <td>
                        <Link to={`/concerns/${c.id}`} className="row-link">
                          {categoryOf(c)}
                        </Link>
                      </td>
                      <td>
                        {c.place_text || (c.latitude !== null ? t('maps.pointOnly') : '—')}
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
                          {c.place_unknown && <span className="badge badge--warn">{t('maps.placeUnknown')}</span>}
                          {isOld(c, now) && <span className="badge badge--warn">{t('maps.waitingLong')}</span>}
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
            <div className="map-split__map">
              <ConsoleMap label={t('maps.queueMap')} points={points} selectedId={selected} onSelect={chooseMarker} />
              <MapLegend
                items={[
                  { tone: 'urgent', label: t('maps.hint.urgent') },
                  { tone: 'high', label: t('maps.hint.high') },
                  { tone: 'normal', label: t('maps.hint.normal') },
                  { tone: 'low', label: t('maps.hint.low') },
                  { tone: 'normal', old: true, label: t('maps.waitingLong') },
                ]}
              />
              {unmapped > 0 && <p className="muted">{t('maps.unmapped', { count: unmapped })}</p>}
            </div>
          </div>
        </>
      )}
    </>
  );
}

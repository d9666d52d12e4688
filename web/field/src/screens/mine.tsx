/**
 * My reports: coarse status and the hub's thank-you, never anyone's details. Status changes
 * arrive on the events stream and refetch the list without a reload.
 */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiError, api, type MyConcern } from '../api';
import { Icon } from '../components/category-icon';
import { PageTitle } from '../components/page-title';
import { errorText } from '../errors';
import { subscribe } from '../events';
import { formatDateTime } from '../format';
import { apiLanguage } from '../i18n';
import { getEnrollment, getKv, setKv } from '../store';
import { useOnline } from '../use-outbox';

const STATUS_ICON = { received: 'clock', being_handled: 'send', closed: 'check' } as const;

export function MineScreen() {
  const { t } = useTranslation();
  const online = useOnline();
  const [items, setItems] = useState<MyConcern[] | null>(null);
  const [stale, setStale] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [announce, setAnnounce] = useState('');

  const load = useCallback(
    async (changed = false) => {
      try {
        const res = await api<{ items: MyConcern[] }>('/concerns/mine');
        setItems(res.items);
        setStale(false);
        setError(null);
        await setKv('mine', res.items);
        if (changed) setAnnounce(t('mine.updated'));
      } catch (err) {
        const cached = await getKv<MyConcern[]>('mine');
        if (cached) {
          setItems(cached);
          setStale(true);
        } else setError(errorText(t, err as ApiError));
      }
    },
    [t],
  );

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    if (!online) return;
    return subscribe({
      url: '/api/v1/concerns/mine/events',
      headers: async () => {
        const e = await getEnrollment();
        return { ...(e ? { Authorization: `Bearer ${e.token}` } : {}), 'Accept-Language': apiLanguage() };
      },
      onOpen: () => void load(),
      onEvent: (event) => {
        if (event === 'concern.status') void load(true);
        // The server may have missed status changes while its event connection was down.
        else if (event === 'resync') void load();
      },
    });
  }, [online, load]);

  return (
    <section>
      <PageTitle>{t('mine.title')}</PageTitle>
      <p className="lead">{t('mine.live')}</p>
      <div role="status" className="visually-hidden">
        {announce}
      </div>
      {stale && <p className="msg msg--info">{t('mine.offlineCached')}</p>}
      {error && (
        <p className="msg msg--error" role="alert">
          <Icon name="alert" /> {error}
        </p>
      )}
      {items === null && !error ? (
        <p className="muted">{t('common.loading')}</p>
      ) : items && items.length === 0 ? (
        <p className="empty">{t('mine.empty')}</p>
      ) : (
        <ul className="cards">
          {items?.map((c) => (
            <li key={c.id} className={`card card--${c.status}`}>
              <p className={`badge badge--${c.status}`}>
                <Icon name={STATUS_ICON[c.status] ?? 'clock'} /> {t(`status.${c.status}`)}
              </p>
              <p className="card__title">{t(`cat.${c.category}`, { defaultValue: c.category })}</p>
              {c.place_text && <p>{c.place_text}</p>}
              <p className="muted">
                {t('mine.received', { date: formatDateTime(c.received_at) })} · {t('mine.reference', { reference: c.reference })}
              </p>
              {c.thanks_message && (
                <div className="thanks">
                  <p className="thanks__title">{t('mine.thanks')}</p>
                  <p className="pre">{c.thanks_message}</p>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { useAuth } from '../../app/auth';
import { Button, SelectField } from '../../app/ui/fields';
import { ErrorAlert, Loading, PageHeading } from '../../app/ui/page';
import { useServerEvents } from '../../app/use-events';
import { AlertCard } from './alert-card';
import { personLabel } from './alert-parts';
import { ALERT_STATUS_FILTERS, ALERT_TYPES, type Alert, type AlertQuery, getAlert, useAlerts } from './api';
import './alerts.css';

/**
 * 見守りアラート: open alerts newest first, refreshed live over SSE. A new critical alert (an
 * emergency button) is announced assertively and shown as a red banner with an icon and words.
 */
export function AlertsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const f = { status: params.get('status') ?? 'open', category: params.get('category') ?? '', type: params.get('type') ?? '' };
  // Filters come from the URL as typed by anyone: the server validates them and says what is wrong.
  const res = useAlerts({
    status: f.status as AlertQuery['status'],
    category: (f.category || undefined) as AlertQuery['category'],
    type: (f.type || undefined) as AlertQuery['type'],
    limit: 100,
  });
  const [note, setNote] = useState('');
  const [critical, setCritical] = useState<Alert | null>(null);
  const seq = useRef(0);

  useServerEvents((ev) => {
    if (ev.name === 'alert.raised' && ev.id) {
      seq.current += 1;
      const n = seq.current;
      res.reload();
      void getAlert(ev.id)
        .then((a) => {
          const what = `${t(`alerts.type.${a.type}`, { defaultValue: a.type })} — ${personLabel(a, t)}`;
          if (a.severity === 'critical') setCritical(a);
          // A changing suffix makes screen readers repeat an identical message.
          setNote(`${t('alerts.newArrival', { what })}${'\u200b'.repeat(n % 2)}`);
        })
        .catch(() => setNote(t('alerts.newArrivalPlain')));
    } else if (ev.name === 'alert.updated' || ev.name === 'reconnected') {
      res.reload();
    }
  });

  const update = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };
  const all = { id: '', label: t('common.all') };
  // Roles that may not read people (coordinators) see device faults only: offer only those filters.
  const welfareToo = can('person:read');
  const types = welfareToo ? ALERT_TYPES : ALERT_TYPES.filter((x) => x === 'device_silent' || x === 'battery_low');
  const items = res.data?.items ?? [];

  return (
    <>
      <PageHeading title={t('alerts.title')}>
        <Button variant="secondary" onPress={res.reload}>
          {t('common.refresh')}
        </Button>
      </PageHeading>
      <div aria-live="assertive" aria-atomic="true">
        {critical && critical.status !== 'resolved' && (
          <div className="critical-banner">
            <span className="critical-banner__icon" aria-hidden="true">
              ⚠
            </span>
            <span>
              {t('alerts.criticalBanner', { what: t(`alerts.type.${critical.type}`), who: personLabel(critical, t) })}{' '}
              <Link to={`/alerts/${critical.id}`}>{t('alerts.openDetail')}</Link>
            </span>
          </div>
        )}
      </div>
      <p className="live-note" role="status" aria-live="polite">
        {note || t('alerts.liveHint')}
      </p>
      <form className="filters" role="search" aria-label={t('alerts.filters')} onSubmit={(e) => e.preventDefault()}>
        <SelectField
          label={t('alerts.statusLabel')}
          value={f.status}
          onChange={(v) => update('status', v || 'open')}
          options={ALERT_STATUS_FILTERS.map((s) => ({ id: s, label: t(`alerts.statusFilter.${s}`) }))}
        />
        <SelectField
          label={t('alerts.categoryLabel')}
          value={f.category}
          onChange={(v) => update('category', v)}
          options={[
            all,
            ...(welfareToo ? [{ id: 'welfare', label: t('alerts.category.welfare') }] : []),
            { id: 'technical', label: t('alerts.category.technical') },
          ]}
        />
        <SelectField
          label={t('alerts.typeLabel')}
          value={f.type}
          onChange={(v) => update('type', v)}
          options={[all, ...types.map((x) => ({ id: x, label: t(`alerts.type.${x}`) }))]}
        />
      </form>
      <ErrorAlert error={res.error} />
      <Loading show={res.loading && !res.data} />
      <p className="muted" role="status">
        {res.data ? t('alerts.count', { count: items.length }) : ''}
      </p>
      {res.data && items.length === 0 && <p className="empty">{t('alerts.empty')}</p>}
      <ul className="alert-list">
        {items.map((a) => (
          <li key={a.id}>
            <AlertCard
              alert={a}
              onChanged={() => {
                res.reload();
                if (critical?.id === a.id) setCritical(null);
              }}
            />
          </li>
        ))}
      </ul>
    </>
  );
}

import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { When } from '../../app/ui/badges';
import { ErrorAlert, Loading, PageHeading, Section } from '../../app/ui/page';
import { useServerEvents } from '../../app/use-events';
import { AlertCard } from './alert-card';
import { personLabel } from './alert-parts';
import { useAlert } from './api';

/** One alert with its timeline (raised, repeats, ladder steps, acknowledgement, resolution). */
export function AlertPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const res = useAlert(id);
  useServerEvents((ev) => {
    if ((ev.name === 'alert.updated' && ev.id === id) || ev.name === 'reconnected') res.reload();
  });
  const a = res.data;
  const title = a ? `${t(`alerts.type.${a.type}`, { defaultValue: a.type })} — ${personLabel(a, t)}` : t('alerts.detailTitle');
  return (
    <>
      <PageHeading title={title}>
        <Link to="/alerts">{t('alerts.backToList')}</Link>
      </PageHeading>
      <ErrorAlert error={res.error} />
      <Loading show={res.loading && !a} />
      {a && (
        <div className="stack">
          <AlertCard alert={a} onChanged={res.reload} />
          <Section title={t('alerts.timeline')}>
            {a.timeline.length === 0 ? (
              <p className="muted">{t('alerts.noTimeline')}</p>
            ) : (
              <ol className="timeline">
                {a.timeline.map((e) => (
                  <li key={e.id} className="timeline__item timeline__item--event">
                    <div className="timeline__meta">
                      <span className="timeline__kind">
                        {e.kind === 'watchers_skipped'
                          ? t('signals.event.watchers_skipped')
                          : t(`alerts.event.${e.kind}`, { defaultValue: e.kind })}
                      </span>
                      <When iso={e.at} relative={false} />
                      {e.by && <span>{e.by}</span>}
                    </div>
                    <EventData data={e.data} />
                  </li>
                ))}
              </ol>
            )}
          </Section>
        </div>
      )}
    </>
  );
}

/** The few event fields worth showing (outcome, note, channel, who was notified). */
function EventData({ data }: { data: Record<string, unknown> }) {
  const { t } = useTranslation();
  const parts: string[] = [];
  if (typeof data.outcome === 'string') parts.push(t(`alerts.outcome.${data.outcome}`, { defaultValue: data.outcome }));
  if (typeof data.note === 'string' && data.note) parts.push(data.note);
  // How many messages could arrive, not how many were written: "2人に通知" when both failed was a lie.
  if (typeof data.watchers === 'number' && typeof data.deliverable === 'number')
    parts.push(t('signals.ladder.sentSummary', { total: data.watchers, delivered: data.deliverable }));
  else if (typeof data.watchers === 'number') parts.push(t('alerts.watchersNotified', { count: data.watchers }));
  if (typeof data.count === 'number' && parts.length === 0) parts.push(t('alerts.watchersNotified', { count: data.count }));
  if (typeof data.case_number === 'number') parts.push(t('cases.number', { n: data.case_number }));
  if (typeof data.via === 'string') parts.push(t(`alerts.via.${data.via}`, { defaultValue: data.via }));
  // Why the hub was told (no watcher, none reachable, nobody confirmed, an emergency).
  if (typeof data.reason === 'string' && data.reason !== 'no_confirmation')
    parts.push(t(`notifications.reason.${data.reason}`, { defaultValue: '' }));
  const shown = parts.filter(Boolean);
  return shown.length ? <p>{shown.join(' · ')}</p> : null;
}

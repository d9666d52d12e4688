import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useAuth } from '../../app/auth';
import { formatDateTime } from '../../app/format';
import type { Alert, AlertSeverity } from './api';
import './alerts.css';

const ICON: Record<AlertSeverity, string> = { critical: '⚠', high: '!', medium: 'i', low: '・' };

/** Who the alert is about: the name, "hidden" for roles that may not see names, or "not registered". */
export function personLabel(a: Pick<Alert, 'person_name' | 'person_visible'>, t: (k: string) => string): string {
  if (!a.person_visible) return t('person.nameHidden');
  return a.person_name ?? t('person.unnamed');
}

/** Severity as icon + words (never colour alone). The answer types it as a plain string. */
export function SeverityBadge({ severity }: { severity: string }) {
  const { t } = useTranslation();
  return (
    <span className={`severity severity--${severity}`}>
      <span aria-hidden="true">{ICON[severity as AlertSeverity]}</span>
      {t(`alerts.severity.${severity}`)}
    </span>
  );
}

/**
 * The escalation ladder of a welfare alert: watchers notified → hub alerted → case opened.
 * A step shows done only when it did something: the watcher step with nobody to tell is
 * "skipped" with why (and a link to register a watcher), and with every message undeliverable it
 * is "not delivered", each message saying why. In words for screen readers too, never colour alone.
 */
export function Ladder({ alert }: { alert: Alert }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const l = alert.ladder;
  if (alert.category === 'technical') return <p className="muted">{t('alerts.ladder.technical')}</p>;
  const w = l.watchers;
  const watcherState = !l.watchers_notified_at ? 'pending' : w.state === 'pending' ? 'done' : w.state;
  const steps: { key: string; at: string | null; state: string; extra?: ReactNode }[] = [
    {
      key: 'watchers',
      at: l.watchers_notified_at,
      state: watcherState,
      extra: <WatcherStepDetail alert={alert} canAdd={can('watcher:write') && can('person:read')} />,
    },
    { key: 'hub', at: l.hub_alerted_at, state: l.hub_alerted_at ? 'done' : 'pending' },
    {
      key: 'case',
      at: l.case_opened_at,
      state: l.case_opened_at ? 'done' : 'pending',
      extra: l.case_id && can('case:read') ? <Link to={`/cases/${l.case_id}`}>{t('alerts.openCase')}</Link> : null,
    },
  ];
  const MARK: Record<string, string> = { done: '✓', pending: '○', skipped: '－', not_delivered: '✕' };
  const WORD: Record<string, string> = {
    done: t('alerts.ladder.done'),
    pending: t('alerts.ladder.pending'),
    skipped: t('signals.ladder.skipped'),
    not_delivered: t('signals.ladder.notDelivered'),
  };
  return (
    <ol className="ladder" aria-label={t('alerts.ladder.label')}>
      {steps.map((s) => (
        <li key={s.key} className={`ladder__step ladder__step--${s.state}${s.state === 'done' ? ' ladder__step--done' : ''}`}>
          <span className="ladder__mark" aria-hidden="true">
            {MARK[s.state]}
          </span>
          <span>
            {t(`alerts.ladder.${s.key}`)}
            {s.state === 'skipped' || s.state === 'not_delivered' ? (
              <strong className="ladder__state">（{WORD[s.state]}）</strong>
            ) : (
              <span className="visually-hidden">: {WORD[s.state]}</span>
            )}
          </span>
          {s.at && (
            <time className="ladder__time" dateTime={s.at}>
              {formatDateTime(s.at)}
            </time>
          )}
          {s.extra}
        </li>
      ))}
    </ol>
  );
}

/** What became of the watcher step: nobody to tell (with a link to add one), or each message. */
function WatcherStepDetail({ alert, canAdd }: { alert: Alert; canAdd: boolean }) {
  const { t } = useTranslation();
  const w = alert.ladder.watchers;
  if (!alert.ladder.watchers_notified_at) return null;
  if (w.state === 'skipped')
    return (
      <p className="ladder__detail">
        {t('signals.ladder.noWatchers')}{' '}
        {canAdd && <Link to={`/people/${alert.person_id}#watchers`}>{t('signals.ladder.addWatcher')}</Link>}
      </p>
    );
  if (w.messages.length === 0) return null;
  return (
    <ul className="ladder__messages" aria-label={t('signals.ladder.messages')}>
      {w.messages.map((m) => (
        <li key={m.watcher_id} className={m.status === 'not_delivered' ? 'ladder__message--failed' : undefined}>
          <span aria-hidden="true">{m.status === 'not_delivered' ? '✕ ' : m.status === 'sent' ? '✓ ' : '… '}</span>
          {[m.watcher_name, m.watcher_relation ? `（${m.watcher_relation}）` : ''].join('')}
          {m.watcher_name ? ' · ' : ''}
          {t(`watchers.channel.${m.channel}`, { defaultValue: m.channel })}: <strong>{t(`signals.ladder.status.${m.status}`)}</strong>
          {m.problem && ` — ${t(`signals.ladder.problem.${m.problem}`, { defaultValue: m.problem })}`}
        </li>
      ))}
    </ul>
  );
}

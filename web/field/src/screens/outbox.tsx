/** Reports kept on the device until they are sent, with their state and "send now". */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../components/category-icon';
import { PageTitle } from '../components/page-title';
import { formatDateTime, formatTime } from '../format';
import { deleteOutbox, type OutboxItem } from '../store';
import { outboxChanged, sendNow, useOutboxItems } from '../use-outbox';

const DAY = 86_400_000;

export function OutboxScreen() {
  const { t } = useTranslation();
  const items = useOutboxItems()
    .filter((i) => i.state !== 'sent' || (i.sent_at ?? 0) > Date.now() - DAY)
    .reverse();
  const [busy, setBusy] = useState(false);
  const pending = items.filter((i) => i.state !== 'sent');

  const send = async () => {
    setBusy(true);
    try {
      await sendNow({ force: true });
    } finally {
      setBusy(false);
    }
  };

  const remove = async (item: OutboxItem) => {
    if (!window.confirm(t('outbox.deleteConfirm'))) return;
    await deleteOutbox(item.id);
    outboxChanged();
  };

  return (
    <section>
      <PageTitle>{t('outbox.title')}</PageTitle>
      <p className="lead">{t('outbox.lead')}</p>
      {pending.length > 0 && (
        <button type="button" className="btn btn--primary btn--big" onClick={() => void send()} disabled={busy}>
          <Icon name="send" /> {busy ? t('report.sending') : t('outbox.sendNow')}
        </button>
      )}
      {items.length === 0 ? (
        <p className="empty">{t('outbox.empty')}</p>
      ) : (
        <ul className="cards" aria-live="polite">
          {items.map((i) => (
            <li key={i.id} className={`card card--${i.state}`}>
              <p className="card__status">
                <Icon name={i.state === 'sent' ? 'check' : i.state === 'failed' ? 'alert' : 'clock'} /> {t(`outbox.state.${i.state}`)}
              </p>
              <p className="card__title">{t(`cat.${i.body.category}`, { defaultValue: i.body.category })}</p>
              {i.body.place_text && <p>{i.body.place_text}</p>}
              {i.body.description && <p className="card__note">{i.body.description}</p>}
              <p className="muted">
                {t('outbox.created', { date: formatDateTime(i.created_at) })}
                {(i.photo || i.photo_done) && ` · ${t('outbox.photo')}`}
              </p>
              {i.reference && <p>{t('mine.reference', { reference: i.reference })}</p>}
              {i.photo_error && <p className="msg msg--warn">{t('outbox.photoFailed')}</p>}
              {i.state === 'waiting' && i.next_attempt_at > Date.now() && (
                <p className="muted">{t('outbox.nextTry', { time: formatTime(i.next_attempt_at) })}</p>
              )}
              {i.state === 'failed' && (
                <>
                  <p className="msg msg--error">
                    {i.error_code === 'unauthenticated'
                      ? t('errors.unauthenticated')
                      : i.error_message || t('errors.unknown', { status: i.error_code })}
                  </p>
                  <button type="button" className="btn btn--secondary" onClick={() => void remove(i)}>
                    {t('outbox.delete')}
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

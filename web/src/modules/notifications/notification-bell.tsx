import { useEffect } from 'react';
import { Button as AriaButton, Dialog, DialogTrigger, Heading, Popover } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatDateTime } from '../../app/format';
import { useServerEvents } from '../../app/use-events';
import { markNotificationRead, useNotifications } from './api';
import { notificationText } from './notification-text';

const POLL_MS = 60_000;

/** Header bell: unread count, list, mark as read. Live via SSE where allowed, else polled. */
export function NotificationBell() {
  const { t } = useTranslation();
  const res = useNotifications();
  const { reload } = res;
  useServerEvents((ev) => {
    if (ev.name === 'notification.created' || ev.name === 'case.escalated' || ev.name === 'reconnected') reload();
  });
  useEffect(() => {
    const h = setInterval(reload, POLL_MS);
    return () => clearInterval(h);
  }, [reload]);

  const items = res.data?.items ?? [];
  const unread = res.data?.unread ?? 0;

  async function markRead(id: string) {
    try {
      await markNotificationRead(id);
    } finally {
      reload();
    }
  }

  return (
    <DialogTrigger>
      <AriaButton className="bell" aria-label={t('notifications.label', { count: unread })}>
        <svg aria-hidden="true" className="bell__icon" viewBox="0 0 24 24" width="24" height="24">
          <path
            fill="currentColor"
            d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
          />
        </svg>
        {unread > 0 && (
          <span className="bell__count" aria-hidden="true">
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </AriaButton>
      <Popover className="popover" placement="bottom end">
        <Dialog className="dialog dialog--popover">
          {({ close }) => (
            <>
              <Heading slot="title" className="dialog__title">
                {t('notifications.title')}
              </Heading>
              {items.length === 0 && <p className="muted">{t('notifications.empty')}</p>}
              <ul className="notif-list">
                {items.map((n) => (
                  <li key={n.id} className={n.read_at ? 'notif' : 'notif notif--unread'}>
                    <div>
                      <span className="notif__text">
                        {!n.read_at && <span className="visually-hidden">{t('notifications.unread')}: </span>}
                        {notificationText(n, t)}
                      </span>
                      <time className="muted" dateTime={n.created_at}>
                        {formatDateTime(n.created_at)}
                      </time>
                    </div>
                    <div className="notif__actions">
                      {n.target && (
                        <Link
                          to={n.target.type === 'alert' ? `/alerts/${n.target.id}` : `/cases/${n.target.id}`}
                          onClick={() => {
                            if (!n.read_at) void markRead(n.id);
                            close();
                          }}
                        >
                          {n.target.type === 'alert' ? t('notifications.openAlert') : t('notifications.open')}
                        </Link>
                      )}
                      {!n.read_at && (
                        <button type="button" className="link-button" onClick={() => void markRead(n.id)}>
                          {t('notifications.markRead')}
                        </button>
                      )}
                    </div>
                  </li>
                ))}
              </ul>
            </>
          )}
        </Dialog>
      </Popover>
    </DialogTrigger>
  );
}

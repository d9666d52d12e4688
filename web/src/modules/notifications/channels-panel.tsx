import { useTranslation } from 'react-i18next';
import { ErrorAlert, Loading, PageHeading, Section } from '../../app/ui/page';
import { useChannels } from './api';
import '../alerts/alerts.css';

/**
 * Which delivery channels are off (email/SMTP, LINE, SMS, web push, MQTT) and what that means
 * for watchers, check-ins and devices. A panel any settings page can show; ChannelsPage wraps it.
 */
export function ChannelsPanel({ headingLevel = 2 }: { headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const res = useChannels();
  const items = res.data?.items ?? [];
  return (
    <Section title={t('signals.channels.title')} id="channels" headingLevel={headingLevel}>
      <p className="muted">{t('signals.channels.lead')}</p>
      <ErrorAlert error={res.error} />
      <Loading show={res.loading && !res.data} />
      <ul className="item-list">
        {items.map((c) => (
          <li key={c.channel}>
            <div className="item-list__main">
              <strong>{t(`signals.channels.name.${c.channel}`)}</strong>
              <span className={c.configured ? undefined : 'watcher-warning'}>
                <span aria-hidden="true">{c.configured ? '✓ ' : '⚠ '}</span>
                {c.configured ? t('signals.channels.on') : t('signals.channels.off')}
              </span>
              {!c.configured && <span>{t(`signals.channels.effect.${c.channel}`)}</span>}
              {!c.configured && (
                <span className="muted">
                  {c.setting ? t('signals.channels.setting', { setting: c.setting }) : t('signals.channels.noProvider')}
                </span>
              )}
            </div>
          </li>
        ))}
      </ul>
    </Section>
  );
}

export function ChannelsPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeading title={t('nav.channels')} />
      <ChannelsPanel />
    </>
  );
}

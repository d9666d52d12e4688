/**
 * How a check-in reaches the person: one adapter per channel behind `CheckinChannel`. Email goes
 * through the transactional outbox (written in the caller's transaction, delivered with retries);
 * web push and LINE call their services directly. An adapter that cannot deliver throws a
 * DeliveryError, recorded on the check-in: a push plan without VAPID keys is reported as not
 * deliverable, never pretended sent.
 */
import webpush from 'web-push';
import type { Config } from '../../config.js';
import type { DB } from '../../db/database.js';
import { type ServerLocale, translate } from '../../i18n.js';
import { deliveryProblem } from '../notifications/channels.service.js';
import { enqueueEmail } from '../notifications/notifications.service.js';
import type { CheckinChannelKind } from './checkins.tables.js';

export interface CheckinLinks {
  /** The answer page (GET /c/{token}). */
  page: string;
  fine: string;
  talk: string;
  /** JSON answer endpoint for the push notification's action buttons. */
  api: string;
}

export interface PlanForDelivery {
  tenant_id: string;
  id: string;
  channel: CheckinChannelKind;
  address: string | null;
  push_subscription: unknown;
}

export interface CheckinForDelivery {
  id: string;
  due_at: Date;
  expires_at: Date;
  /** When this delivery attempt happens (the sweeper's clock). */
  at: Date;
}

/** A delivery that did not happen; `permanent` ones are not retried (not configured, no address, subscription gone). */
export class DeliveryError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

export interface CheckinChannel {
  /** Delivers (or enqueues, for email) the check-in. `db` is the caller's transaction. */
  send(plan: PlanForDelivery, checkin: CheckinForDelivery, links: CheckinLinks, db: DB): Promise<'queued' | 'sent'>;
}

export type CheckinChannels = Record<CheckinChannelKind, CheckinChannel>;

/** The text every channel sends; the person's own language is not known yet, so Japanese. */
function message(locale: ServerLocale, links: CheckinLinks) {
  return {
    title: translate(locale, 'checkins.message.title'),
    body: translate(locale, 'checkins.message.body'),
    fine: translate(locale, 'checkins.answer.fine'),
    talk: translate(locale, 'checkins.answer.talk'),
    links,
  };
}

/**
 * Email through the outbox. Without SMTP the outbox would only write the message to DATA_DIR/mail,
 * which nobody reads: the check-in is then recorded as not delivered (email_not_configured), so a
 * missing answer is never counted as the person's silence.
 */
export function emailChannel(smtpConfigured: boolean): CheckinChannel {
  return {
    async send(plan, checkin, links, db) {
      if (!smtpConfigured) throw new DeliveryError('email_not_configured', 'email is not configured: set SMTP_URL', true);
      if (!plan.address) throw new DeliveryError('no_address', 'the plan has no email address', true);
      const m = message('ja', links);
      const text = translate('ja', 'checkins.email.text', {
        body: m.body,
        fine: m.fine,
        fineUrl: links.fine,
        talk: m.talk,
        talkUrl: links.talk,
      });
      await enqueueEmail(db, plan.tenant_id, `checkin:${checkin.id}`, { to: plan.address, subject: m.title, text }, checkin.at);
      return 'queued';
    },
  };
}

/** What the push adapter needs from the `web-push` package; tests pass a fake. */
export type PushSender = (
  subscription: webpush.PushSubscription,
  payload: string,
  options: webpush.RequestOptions,
) => Promise<{ statusCode: number }>;

export function pushChannel(vapid: Config['vapid'], sender: PushSender = webpush.sendNotification): CheckinChannel {
  return {
    async send(plan, checkin, links) {
      if (!vapid)
        throw new DeliveryError(
          'push_not_configured',
          'web push is not configured: set VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY and VAPID_SUBJECT',
          true,
        );
      const sub = plan.push_subscription as webpush.PushSubscription | null;
      if (!sub?.endpoint) throw new DeliveryError('push_not_subscribed', 'the plan has no push subscription yet', true);
      const m = message('ja', links);
      const payload = JSON.stringify({
        title: m.title,
        body: m.body,
        url: links.page,
        answer_url: links.api,
        tag: `checkin-${checkin.id}`,
        actions: [
          { action: 'fine', title: m.fine },
          { action: 'talk', title: m.talk },
        ],
      });
      const ttl = Math.max(60, Math.floor((checkin.expires_at.getTime() - checkin.at.getTime()) / 1000));
      try {
        await sender(sub, payload, {
          vapidDetails: { subject: vapid.subject, publicKey: vapid.publicKey, privateKey: vapid.privateKey },
          TTL: ttl,
          urgency: 'high',
          timeout: 10_000,
        });
      } catch (err) {
        const status = (err as { statusCode?: number }).statusCode;
        // 404/410: the browser dropped the subscription; it will not come back by retrying.
        if (status === 404 || status === 410)
          throw new DeliveryError('push_subscription_gone', `push service answered ${status}: subscription expired`, true);
        throw new DeliveryError(
          'push_failed',
          `push failed${status ? ` (${status})` : ''}: ${(err as Error).message}`.slice(0, 300),
          status !== undefined && status >= 400 && status < 500 && status !== 429,
        );
      }
      return 'sent';
    },
  };
}

export type Fetch = typeof fetch;

/** LINE Messaging API push (a buttons template with the two answer links). `address` is the LINE user id. */
export function lineChannel(token: string | undefined, fetchImpl: Fetch = fetch): CheckinChannel {
  return {
    async send(plan, checkin, links) {
      if (!token) throw new DeliveryError('line_not_configured', 'LINE is not configured: set LINE_CHANNEL_ACCESS_TOKEN', true);
      if (!plan.address) throw new DeliveryError('no_address', 'the plan has no LINE user id', true);
      const m = message('ja', links);
      const res = await fetchImpl('https://api.line.me/v2/bot/message/push', {
        method: 'POST',
        // The retry key makes LINE accept a resent request only once.
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'x-line-retry-key': checkin.id },
        body: JSON.stringify({
          to: plan.address,
          messages: [
            {
              type: 'template',
              altText: `${m.title} ${links.page}`,
              template: {
                type: 'buttons',
                text: m.title,
                actions: [
                  { type: 'uri', label: m.fine, uri: links.fine },
                  { type: 'uri', label: m.talk, uri: links.talk },
                ],
              },
            },
          ],
        }),
        signal: AbortSignal.timeout(10_000),
      }).catch((err: Error) => {
        throw new DeliveryError('line_failed', `LINE request failed: ${err.message}`, false);
      });
      if (res.status === 409) return 'sent'; // already accepted under this retry key
      if (!res.ok) {
        throw new DeliveryError('line_failed', `LINE answered ${res.status}`, res.status >= 400 && res.status < 500 && res.status !== 429);
      }
      return 'sent';
    },
  };
}

export interface ChannelOverrides {
  pushSender?: PushSender;
  fetch?: Fetch;
}

/** The adapters for a running app, from config. */
export function createCheckinChannels(
  config: Pick<Config, 'smtpUrl' | 'vapid' | 'lineChannelAccessToken'>,
  o: ChannelOverrides = {},
): CheckinChannels {
  return {
    email: emailChannel(deliveryProblem(config, 'email') === null),
    push: pushChannel(config.vapid, o.pushSender),
    line: lineChannel(config.lineChannelAccessToken, o.fetch),
  };
}

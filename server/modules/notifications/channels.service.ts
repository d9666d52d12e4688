/**
 * Which delivery channels this deployment has configured. A channel that is off fails visibly
 * (watchers' and check-in messages say "not delivered"); this list says so up front, in the boot
 * log and for admins, hub leads and coordinators (GET /api/v1/settings/channels). It reads only
 * whether a setting is present, never its value.
 */
import type { Principal } from '../../access/principal.js';
import { requireAccess } from '../../access/require-access.js';
import type { Config } from '../../config.js';

export const CHANNELS = ['email', 'line', 'sms', 'web_push', 'mqtt'] as const;
export type ChannelName = (typeof CHANNELS)[number];

export interface ChannelState {
  channel: ChannelName;
  configured: boolean;
  /** The setting that turns it on (SMTP_URL, …), or null when nothing can yet (SMS has no provider). */
  setting: string | null;
}

export function channelStates(config: Pick<Config, 'smtpUrl' | 'lineChannelAccessToken' | 'vapid' | 'mqttUrl'>): ChannelState[] {
  return [
    { channel: 'email', configured: !!config.smtpUrl, setting: 'SMTP_URL' },
    { channel: 'line', configured: !!config.lineChannelAccessToken, setting: 'LINE_CHANNEL_ACCESS_TOKEN' },
    { channel: 'sms', configured: false, setting: null },
    { channel: 'web_push', configured: !!config.vapid, setting: 'VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY, VAPID_SUBJECT' },
    { channel: 'mqtt', configured: !!config.mqttUrl, setting: 'MQTT_URL' },
  ];
}

/** One line for the boot log: the channels that are off and what follows (no values, no personal data). */
export function channelsOffLine(config: Pick<Config, 'smtpUrl' | 'lineChannelAccessToken' | 'vapid' | 'mqttUrl'>): string | null {
  const effects: Record<ChannelName, string> = {
    email: 'email watchers and check-ins are not delivered (mail is only written to DATA_DIR/mail)',
    line: 'LINE watchers and check-ins are not delivered',
    sms: 'SMS watchers are not delivered (no provider)',
    web_push: 'web push check-ins are not delivered',
    mqtt: 'device telemetry by HTTP only',
  };
  const off = channelStates(config).filter((c) => !c.configured);
  if (off.length === 0) return null;
  return `Channels off: ${off.map((c) => `${c.channel}${c.setting ? ` (set ${c.setting})` : ''}: ${effects[c.channel]}`).join('; ')}`;
}

/** The channels a message to a person (watcher, check-in) can go by. */
export type MessageChannel = 'email' | 'line' | 'sms' | 'push';

/**
 * Why a message on this channel cannot reach anyone now, or null when it can. The one answer for
 * the alert ladder (does it wait for watchers?), the watcher list (warn when added), check-in plans
 * and the check-in sender: email without SMTP is written to DATA_DIR/mail, which nobody reads, so it
 * counts as not delivered like LINE without a token.
 */
export function deliveryProblem(
  config: Pick<Config, 'smtpUrl' | 'lineChannelAccessToken' | 'vapid'>,
  channel: MessageChannel,
): string | null {
  if (channel === 'email') return config.smtpUrl ? null : 'email_not_configured';
  if (channel === 'line') return config.lineChannelAccessToken ? null : 'line_not_configured';
  if (channel === 'sms') return 'sms_not_configured';
  return config.vapid ? null : 'push_not_configured';
}

export function listChannels(config: Config, principal: Principal | null) {
  requireAccess(principal, 'channel:read');
  return { items: channelStates(config) };
}

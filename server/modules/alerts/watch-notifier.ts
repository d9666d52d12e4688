/**
 * Watchers hear about an alert on their own channel: email goes through the ordinary outbox
 * dispatcher; LINE and SMS go through a WatchNotifier adapter, sent from outbox rows of kind
 * 'line' / 'sms' by dispatchWatchMessages (same SKIP LOCKED claim and backoff as email), so a
 * message is only sent for a committed alert step and a retry never sends twice.
 * With no credentials configured an adapter refuses with NotConfiguredError and the row is
 * marked failed at once with a clear error: we never pretend a message went out.
 */
import type { AppContext } from '../../context.js';
import type { WatchersTable } from './alerts.tables.js';

export type WatchChannel = WatchersTable['channel'];

export interface WatchMessage {
  text: string;
  /** Stable per outbox row: providers that support it use it to drop retried duplicates. */
  retryKey: string;
}

export interface WatchNotifier {
  send(watcher: { channel: WatchChannel; address: string }, message: WatchMessage): Promise<void>;
}

export class NotConfiguredError extends Error {}

/**
 * Settings for the watch channels. They are not in server/config.ts yet: until they are, the
 * adapters run unconfigured (every LINE/SMS row fails with "not configured").
 */
export interface WatchChannelsConfig {
  /** LINE Messaging API channel access token (long-lived). */
  lineChannelAccessToken?: string;
  /** Base URL of the LINE API (tests point it at a local server). */
  lineApiBase?: string;
}

/** LINE Messaging API push message: POST /v2/bot/message/push with the watcher's LINE user id. */
export class LineNotifier implements WatchNotifier {
  constructor(private readonly token: string | undefined, private readonly base = 'https://api.line.me', private readonly fetchFn: typeof fetch = fetch) {}

  async send(watcher: { address: string }, message: WatchMessage): Promise<void> {
    if (!this.token) throw new NotConfiguredError('LINE not configured: no channel access token');
    const res = await this.fetchFn(`${this.base}/v2/bot/message/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json', 'x-line-retry-key': message.retryKey },
      body: JSON.stringify({ to: watcher.address, messages: [{ type: 'text', text: message.text.slice(0, 5000) }] }),
      signal: AbortSignal.timeout(10_000),
    });
    // 409: a retry of a request LINE already accepted (same retry key): it was delivered.
    if (!res.ok && res.status !== 409) throw new Error(`LINE push failed: HTTP ${res.status}`);
  }
}

/** No SMS provider is integrated yet: the stub refuses, so the row fails visibly. */
export class SmsStubNotifier implements WatchNotifier {
  async send(): Promise<void> {
    throw new NotConfiguredError('SMS not configured: no SMS provider is set up');
  }
}

export function createWatchNotifiers(config: WatchChannelsConfig): Record<Exclude<WatchChannel, 'email'>, WatchNotifier> {
  return { line: new LineNotifier(config.lineChannelAccessToken, config.lineApiBase), sms: new SmsStubNotifier() };
}

const MAX_ATTEMPTS = 10;

/** Sends due 'line' and 'sms' outbox rows through their adapters; returns how many were sent. */
export async function dispatchWatchMessages(ctx: AppContext, notifiers: Record<'line' | 'sms', WatchNotifier>, batch = 20): Promise<number> {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const rows = await trx.selectFrom('outbox').selectAll()
      .where('kind', 'in', ['line', 'sms']).where('sent_at', 'is', null).where('failed_at', 'is', null).where('available_at', '<=', now)
      .orderBy('available_at').limit(batch).forUpdate().skipLocked().execute();
    let sent = 0;
    for (const row of rows) {
      const payload = row.payload as unknown as { to: string; text: string };
      try {
        await notifiers[row.kind as 'line' | 'sms'].send({ channel: row.kind as 'line' | 'sms', address: payload.to }, { text: payload.text, retryKey: row.id });
        await trx.updateTable('outbox').set({ sent_at: now, attempts: row.attempts + 1, last_error: null }).where('tenant_id', '=', row.tenant_id).where('id', '=', row.id).execute();
        sent++;
      } catch (err) {
        const attempts = row.attempts + 1;
        const permanent = err instanceof NotConfiguredError || attempts >= MAX_ATTEMPTS;
        const delay = Math.min(30_000 * 2 ** (attempts - 1), 3_600_000);
        await trx.updateTable('outbox')
          .set({ attempts, last_error: String((err as Error).message ?? err).slice(0, 500), available_at: new Date(now.getTime() + delay), failed_at: permanent ? now : null })
          .where('tenant_id', '=', row.tenant_id).where('id', '=', row.id).execute();
      }
    }
    return sent;
  });
}

/**
 * Short messages (LINE, SMS) leave through the outbox like email: one Messenger adapter per
 * channel, called by the dispatcher (outbox.ts) for rows of kind 'line' / 'sms'. With no
 * credentials configured an adapter refuses with NotConfiguredError and the row is marked failed
 * at once with a clear error: we never pretend a message went out.
 */
export type MessageChannel = 'line' | 'sms';

export interface ShortMessage {
  text: string;
  /** Stable per outbox row: providers that support it (LINE's X-Line-Retry-Key) drop retried duplicates. */
  retryKey: string;
}

export interface Messenger {
  send(to: { address: string }, message: ShortMessage): Promise<void>;
}

/** A channel that cannot deliver at all (no credentials): permanent, not retried. */
export class NotConfiguredError extends Error {}

/** LINE Messaging API push message: POST /v2/bot/message/push with the recipient's LINE user id. */
export class LineMessenger implements Messenger {
  constructor(
    private readonly token: string | undefined,
    private readonly base = 'https://api.line.me',
    private readonly fetchFn: typeof fetch = fetch,
  ) {}

  async send(to: { address: string }, message: ShortMessage): Promise<void> {
    if (!this.token) throw new NotConfiguredError('LINE not configured: no channel access token');
    const res = await this.fetchFn(`${this.base}/v2/bot/message/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json', 'x-line-retry-key': message.retryKey },
      body: JSON.stringify({ to: to.address, messages: [{ type: 'text', text: message.text.slice(0, 5000) }] }),
      signal: AbortSignal.timeout(10_000),
    });
    // 409: a retry of a request LINE already accepted (same retry key): it was delivered.
    if (!res.ok && res.status !== 409) throw new Error(`LINE push failed: HTTP ${res.status}`);
  }
}

/** No SMS provider is integrated yet: the stub refuses, so the row fails visibly. */
export class SmsStubMessenger implements Messenger {
  async send(): Promise<void> {
    throw new NotConfiguredError('SMS not configured: no SMS provider is set up');
  }
}

export function createMessengers(config: { lineChannelAccessToken?: string; lineApiBase?: string }): Record<MessageChannel, Messenger> {
  return { line: new LineMessenger(config.lineChannelAccessToken, config.lineApiBase), sms: new SmsStubMessenger() };
}

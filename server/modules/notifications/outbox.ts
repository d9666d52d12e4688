/**
 * The transactional outbox: side effects (email, LINE, SMS) are rows written in the same
 * transaction as the data they announce, so nothing is sent for uncommitted data and nothing
 * committed goes unsent. The dispatcher delivers them with retries and backoff.
 *
 * Delivery guarantee (docs/OPERATIONS.md "Outgoing messages"): at least once, per message, with a
 * stable identity. Each message is leased on its own just before it is sent (leaseDueMessages: one
 * autocommit statement, SKIP LOCKED between app copies), sent with no transaction open, then
 * marked sent by itself. A
 * crash between the provider accepting a message and our mark re-sends that one message after
 * LEASE_MS, never the others, and with the same identity: the email's Message-ID
 * `<outbox-id@tsunagari>` (mail clients and archives show one message) and LINE's
 * X-Line-Retry-Key (LINE itself drops the duplicate within 24 h). SMTP has no idempotency key, so
 * an email can in that narrow window arrive twice with one Message-ID; nothing is ever lost.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { uuidv7 } from 'uuidv7';
import type { AppContext } from '../../context.js';
import type { DB } from '../../db/database.js';
import { type MessageChannel, type Messenger, NotConfiguredError } from './messengers.js';
import {
  countPendingMessages,
  insertOutbox,
  leaseDueMessages,
  markMessageFailed,
  markMessageSent,
  type OutboxRow,
} from './notifications.queries.js';

export interface EmailPayload {
  to: string;
  subject: string;
  text: string;
}

export interface MailTransport {
  send(msg: EmailPayload & { from: string; messageId: string }): Promise<void>;
}

/** How the dispatcher delivers each kind of message; a kind without a deliverer is left for another pass. */
export interface Deliverers {
  email?: MailTransport;
  line?: Messenger;
  sms?: Messenger;
}

export const MAX_ATTEMPTS = 10;
/** Longer than any send may take (SMTP timeouts below, LINE 10 s): a lease outlives its try. */
export const LEASE_MS = 5 * 60_000;

/** Queues an email in the caller's transaction; a second one with the same dedupe key is dropped. */
export async function enqueueEmail(db: DB, tenantId: string, dedupeKey: string, payload: EmailPayload, now: Date): Promise<void> {
  await insertOutbox(db, {
    tenant_id: tenantId,
    id: uuidv7(),
    kind: 'email',
    dedupe_key: dedupeKey,
    payload: JSON.stringify(payload),
    created_at: now,
    available_at: now,
    attempts: 0,
  });
}

/** Queues a LINE or SMS message in the caller's transaction (same dedupe rule as email). */
export async function enqueueMessage(
  db: DB,
  tenantId: string,
  channel: MessageChannel,
  dedupeKey: string,
  payload: { to: string; text: string },
  now: Date,
): Promise<void> {
  await insertOutbox(db, {
    tenant_id: tenantId,
    id: uuidv7(),
    kind: channel,
    dedupe_key: dedupeKey,
    payload: JSON.stringify(payload),
    created_at: now,
    available_at: now,
    attempts: 0,
  });
}

/** SMTP when SMTP_URL is set; otherwise each message is written as an .eml file under DATA_DIR/mail. */
export function createMailTransport(smtpUrl: string | undefined, dataDir: string): MailTransport {
  if (smtpUrl) {
    // Bounded waits: a silent SMTP server fails this try (retried later) instead of holding the lease.
    const t = nodemailer.createTransport(smtpUrl, { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 } as never);
    return {
      send: async (m) => void (await t.sendMail({ from: m.from, to: m.to, subject: m.subject, text: m.text, messageId: m.messageId })),
    };
  }
  const t = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  const dir = path.join(dataDir, 'mail');
  return {
    async send(m) {
      const info = await t.sendMail({ from: m.from, to: m.to, subject: m.subject, text: m.text, messageId: m.messageId });
      await fs.mkdir(dir, { recursive: true });
      await fs.writeFile(path.join(dir, `${m.messageId.replace(/[<>@]/g, '_')}.eml`), info.message as Buffer);
    },
  };
}

/** The email's Message-ID: the same for every try of one outbox row. */
export function messageIdOf(row: { id: string }): string {
  return `<${row.id}@tsunagari>`;
}

async function deliver(ctx: AppContext, deliverers: Deliverers, row: OutboxRow): Promise<void> {
  const payload = row.payload as Record<string, string>;
  if (row.kind === 'email') {
    await deliverers.email!.send({
      to: payload.to!,
      subject: payload.subject!,
      text: payload.text!,
      from: ctx.config.mailFrom,
      messageId: messageIdOf(row),
    });
  } else {
    await deliverers[row.kind as MessageChannel]!.send({ address: payload.to! }, { text: payload.text!, retryKey: row.id });
  }
}

/**
 * Sends due messages one by one, leasing each just before its send (so a crash holds back only
 * the message in flight); returns how many were sent. `afterSend` runs between a send and its
 * mark (tests use it to stand for a crash at that moment).
 */
export async function dispatchOutbox(
  ctx: AppContext,
  deliverers: Deliverers,
  opts: { batch?: number; afterSend?: (row: OutboxRow) => Promise<void> | void } = {},
): Promise<number> {
  const kinds = (['email', 'line', 'sms'] as const).filter((k) => deliverers[k]);
  if (kinds.length === 0) return 0;
  let sent = 0;
  for (let i = 0; i < (opts.batch ?? 20); i++) {
    const now = ctx.clock.now();
    const [row] = await leaseDueMessages(ctx.db, kinds, now, new Date(now.getTime() + LEASE_MS), 1);
    if (!row) break;
    try {
      await deliver(ctx, deliverers, row);
    } catch (err) {
      // Exponential backoff from 30 s, capped at an hour; give up (and keep the row) after MAX_ATTEMPTS
      // or at once when the channel is not configured.
      const permanent = err instanceof NotConfiguredError || row.attempts >= MAX_ATTEMPTS;
      const delay = Math.min(30_000 * 2 ** (row.attempts - 1), 3_600_000);
      const at = ctx.clock.now();
      await markMessageFailed(
        ctx.db,
        row.tenant_id,
        row.id,
        String((err as Error).message ?? err).slice(0, 500),
        new Date(at.getTime() + delay),
        permanent ? at : null,
      );
      continue;
    }
    await opts.afterSend?.(row);
    await markMessageSent(ctx.db, row.tenant_id, row.id, ctx.clock.now());
    sent++;
  }
  return sent;
}

export function pendingOutboxCount(db: DB): Promise<number> {
  return countPendingMessages(db);
}

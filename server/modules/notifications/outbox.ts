/**
 * The transactional outbox: side effects (email now; webhooks and LINE later) are rows written
 * in the same transaction as the data they announce, so nothing is sent for uncommitted data
 * and nothing committed goes unsent. The dispatcher claims due rows with FOR UPDATE SKIP
 * LOCKED (several app copies never send one row twice) and retries with backoff.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { AppContext } from '../../context.js';
import type { DB } from '../../db/database.js';

export interface EmailPayload {
  to: string;
  subject: string;
  text: string;
}

export interface MailTransport {
  send(msg: EmailPayload & { from: string; messageId: string }): Promise<void>;
}

const MAX_ATTEMPTS = 10;

export async function enqueueEmail(db: DB, tenantId: string, dedupeKey: string, payload: EmailPayload, now: Date): Promise<void> {
  await db
    .insertInto('outbox')
    .values({ tenant_id: tenantId, id: uuidv7(), kind: 'email', dedupe_key: dedupeKey, payload: JSON.stringify(payload), created_at: now, available_at: now, attempts: 0 })
    .onConflict((oc) => oc.columns(['tenant_id', 'dedupe_key']).doNothing())
    .execute();
}

/** SMTP when SMTP_URL is set; otherwise each message is written as an .eml file under DATA_DIR/mail. */
export function createMailTransport(smtpUrl: string | undefined, dataDir: string): MailTransport {
  if (smtpUrl) {
    const t = nodemailer.createTransport(smtpUrl);
    return { send: async (m) => void (await t.sendMail({ from: m.from, to: m.to, subject: m.subject, text: m.text, messageId: m.messageId })) };
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

/** Sends due outbox rows; returns how many were sent. */
export async function dispatchOutbox(ctx: AppContext, transport: MailTransport, batch = 20): Promise<number> {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('outbox')
      .selectAll()
      .where('kind', '=', 'email') // LINE/SMS rows: alerts/watch-notifier.ts dispatchWatchMessages
      .where('sent_at', 'is', null)
      .where('failed_at', 'is', null)
      .where('available_at', '<=', now)
      .orderBy('available_at')
      .limit(batch)
      .forUpdate()
      .skipLocked()
      .execute();
    let sent = 0;
    for (const row of rows) {
      try {
        if (row.kind !== 'email') throw new Error(`unknown outbox kind ${row.kind}`);
        const payload = row.payload as unknown as EmailPayload;
        await transport.send({ ...payload, from: ctx.config.mailFrom, messageId: `<${row.id}@tsunagari>` });
        await trx.updateTable('outbox').set({ sent_at: now, attempts: row.attempts + 1, last_error: null }).where('tenant_id', '=', row.tenant_id).where('id', '=', row.id).execute();
        sent++;
      } catch (err) {
        const attempts = row.attempts + 1;
        // Exponential backoff from 30 s, capped at an hour; give up (and keep the row) after 10.
        const delay = Math.min(30_000 * 2 ** (attempts - 1), 3_600_000);
        await trx.updateTable('outbox')
          .set({
            attempts, last_error: String((err as Error).message ?? err).slice(0, 500),
            available_at: new Date(now.getTime() + delay), failed_at: attempts >= MAX_ATTEMPTS ? now : null,
          })
          .where('tenant_id', '=', row.tenant_id).where('id', '=', row.id).execute();
      }
    }
    return sent;
  });
}

export async function pendingOutboxCount(db: DB): Promise<number> {
  const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL`.execute(db);
  return r.rows[0]!.n;
}

/**
 * The outbox delivers through a real SMTP server (smtp-server in this process): each message once,
 * with a stable Message-ID; an SMTP outage heals by itself; a crash between a send and its mark
 * re-sends that one message (same Message-ID) and never the others; two app copies never send a
 * message twice.
 */
import { type AddressInfo, createServer } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { ManualClock } from '../../clock.js';
import type { AppContext } from '../../context.js';
import { createDb, createPool } from '../../db/database.js';
import { createMailTransport, dispatchOutbox, enqueueEmail, LEASE_MS, type MailTransport } from './outbox.js';

interface Received {
  to: string;
  subject: string;
  messageId: string;
}

let t: TestApp;
let inbox: Received[] = [];
let smtp: SMTPServer | null = null;
let port = 0;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

/** A small SMTP server that stores what it accepts. */
async function startSmtp(): Promise<void> {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        // The headers are all this test needs (ASCII subjects: no encoded words).
        const head = Buffer.concat(chunks)
          .toString('utf8')
          .split(/\r?\n\r?\n/)[0]!
          .replace(/\r?\n[ \t]+/g, ' ');
        const header = (name: string) => new RegExp(`^${name}: (.*)$`, 'im').exec(head)?.[1]?.trim() ?? '';
        inbox.push({ to: session.envelope.rcptTo[0]?.address ?? '', subject: header('Subject'), messageId: header('Message-ID') });
        done();
      });
    },
  });
  await new Promise<void>((resolve) => smtp!.listen(port, '127.0.0.1', resolve));
}

async function stopSmtp(): Promise<void> {
  await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
  smtp = null;
}

let transport: MailTransport;

async function queue(n: number, tag: string): Promise<string[]> {
  const keys: string[] = [];
  for (let i = 0; i < n; i++) {
    const key = `test:${tag}:${i}`;
    await enqueueEmail(t.ctx.db, t.tenant.id, key, { to: `w${i}@example.test`, subject: `${tag} ${i}`, text: 'テスト' }, t.clock.now());
    keys.push(key);
  }
  return keys;
}

const rowsOf = (tag: string) =>
  t.ctx.db.selectFrom('outbox').selectAll().where('dedupe_key', 'like', `test:${tag}:%`).orderBy('dedupe_key').execute();

beforeAll(async () => {
  t = await createTestApp();
  port = await freePort();
  await startSmtp();
  transport = createMailTransport(`smtp://127.0.0.1:${port}`, '/nonexistent');
});
afterAll(async () => {
  await stopSmtp();
  await t?.close();
});
beforeEach(async () => {
  inbox = [];
  // Earlier tests' messages must not be picked up by this one's dispatch.
  await t.ctx.db.updateTable('outbox').set({ sent_at: t.clock.now() }).where('sent_at', 'is', null).execute();
});

describe('outbox over SMTP', () => {
  it('delivers each message once, with the outbox row as its Message-ID', async () => {
    await queue(3, 'once');
    expect(await dispatchOutbox(t.ctx, { email: transport })).toBe(3);
    expect(await dispatchOutbox(t.ctx, { email: transport })).toBe(0);
    const rows = await rowsOf('once');
    expect(rows.every((r) => r.sent_at !== null && r.attempts === 1)).toBe(true);
    expect(inbox.map((m) => m.messageId).sort()).toEqual(rows.map((r) => `<${r.id}@tsunagari>`).sort());
    expect(inbox.map((m) => m.subject).sort()).toEqual(['once 0', 'once 1', 'once 2']);
  });

  it('keeps messages while the SMTP server is down and delivers them when it is back (heals by itself)', async () => {
    await queue(2, 'outage');
    await stopSmtp();
    expect(await dispatchOutbox(t.ctx, { email: transport })).toBe(0);
    let rows = await rowsOf('outage');
    expect(rows.map((r) => [r.sent_at, r.failed_at, r.attempts])).toEqual([
      [null, null, 1],
      [null, null, 1],
    ]);
    expect(rows[0]!.last_error).toBeTruthy();
    await startSmtp();
    expect(await dispatchOutbox(t.ctx, { email: transport })).toBe(0); // backing off
    t.clock.advance(31_000);
    expect(await dispatchOutbox(t.ctx, { email: transport })).toBe(2);
    rows = await rowsOf('outage');
    expect(rows.every((r) => r.sent_at !== null && r.attempts === 2)).toBe(true);
    expect(inbox).toHaveLength(2);
  });

  it('a crash between a send and its mark re-sends only that message, with the same Message-ID', async () => {
    await queue(5, 'crash');
    class Crash extends Error {}
    let sends = 0;
    // The 3rd message is accepted by the SMTP server, then "the process dies" before it is marked.
    await expect(
      dispatchOutbox(
        t.ctx,
        {
          email: transport,
        },
        {
          afterSend: () => {
            if (++sends === 3) throw new Crash('killed after send');
          },
        },
      ),
    ).rejects.toBeInstanceOf(Crash);
    expect(inbox).toHaveLength(3);
    const crashedId = inbox[2]!.messageId;
    // Nothing is re-sent while the lease runs; the messages after the crash go out normally.
    expect(await dispatchOutbox(t.ctx, { email: transport })).toBe(2);
    expect(inbox).toHaveLength(5);
    t.clock.advance(LEASE_MS + 1000);
    expect(await dispatchOutbox(t.ctx, { email: transport })).toBe(1);
    expect(inbox).toHaveLength(6);
    expect(inbox[5]!.messageId).toBe(crashedId);
    const ids = inbox.map((m) => m.messageId);
    expect(new Set(ids).size).toBe(5); // five messages, one of them twice under one Message-ID
    expect((await rowsOf('crash')).every((r) => r.sent_at !== null)).toBe(true);
  });

  it('two app copies dispatching at once send every message exactly once', async () => {
    await queue(30, 'copies');
    const second: AppContext = { ...t.ctx, db: createDb(createPool(t.testDb.url, 5)), clock: new ManualClock(t.clock.now()) };
    try {
      const runs = await Promise.all([
        dispatchOutbox(t.ctx, { email: transport }, { batch: 7 }),
        dispatchOutbox(second, { email: transport }, { batch: 7 }),
        dispatchOutbox(t.ctx, { email: transport }, { batch: 7 }),
        dispatchOutbox(second, { email: transport }, { batch: 7 }),
      ]);
      let sent = runs.reduce((a, b) => a + b, 0);
      while (sent < 30) {
        const more = await dispatchOutbox(t.ctx, { email: transport });
        if (more === 0) break;
        sent += more;
      }
      expect(sent).toBe(30);
      expect(inbox).toHaveLength(30);
      expect(new Set(inbox.map((m) => m.messageId)).size).toBe(30);
    } finally {
      await second.db.destroy();
    }
  });
});

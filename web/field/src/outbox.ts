/**
 * Sends the outbox: each report with its own idempotency key (and each photo with its own), so a
 * retry after a lost answer never makes a second concern. Runs in the page (online event, app
 * start, timer) and in the service worker (Background Sync); a Web Lock keeps one sender at a
 * time across tabs and the worker, and the keys make even a race harmless.
 */
import { getEnrollment, listOutbox, type OutboxItem, type OutboxState, putOutbox } from './store';

const MIN_DELAY = 5_000;
const MAX_DELAY = 10 * 60_000;
export const SYNC_TAG = 'tsunagari-outbox';

type Outcome = 'ok' | 'retry' | 'fail';

function backoff(attempts: number): number {
  return Math.min(MAX_DELAY, MIN_DELAY * 2 ** Math.max(0, attempts - 1));
}

function classify(status: number): Outcome {
  if (status >= 200 && status < 300) return 'ok';
  if (status === 408 || status === 429 || status >= 500) return 'retry';
  return 'fail';
}

async function errorOf(res: Response): Promise<{ code: string; message: string }> {
  const data = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
  return { code: data?.error?.code ?? `http_${res.status}`, message: data?.error?.message ?? '' };
}

async function sendOne(item: OutboxItem, token: string, lang: string): Promise<void> {
  const headers = { Authorization: `Bearer ${token}`, 'Accept-Language': lang, Accept: 'application/json' };
  const fail = async (res: Response, outcome: Outcome) => {
    const e = await errorOf(res);
    item.error_code = e.code;
    item.error_message = e.message;
    item.state = outcome === 'fail' ? 'failed' : 'waiting';
  };
  if (!item.concern_id) {
    const res = await fetch('/api/v1/concerns', {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'application/json', 'Idempotency-Key': item.idempotency_key },
      body: JSON.stringify(item.body),
    });
    const outcome = classify(res.status);
    if (outcome !== 'ok') return fail(res, outcome);
    const ack = (await res.json()) as { id: string; reference: string };
    item.concern_id = ack.id;
    item.reference = ack.reference;
    await putOutbox(item);
  }
  if (item.photo && !item.photo_done) {
    const res = await fetch(`/api/v1/concerns/${item.concern_id}/photos`, {
      method: 'POST',
      headers: { ...headers, 'Content-Type': item.photo_type ?? 'image/jpeg', 'Idempotency-Key': item.photo_key ?? item.idempotency_key },
      body: item.photo,
    });
    const outcome = classify(res.status);
    if (outcome === 'retry') return fail(res, outcome);
    if (outcome === 'fail') {
      // The concern itself arrived; a rejected photo must not hold it back.
      item.photo_error = (await errorOf(res)).code;
    }
    item.photo_done = true;
    item.photo = null;
  }
  item.state = 'sent';
  item.sent_at = Date.now();
  item.error_code = null;
  item.error_message = null;
}

export interface FlushOptions {
  /** Ignore the backoff schedule (the connection just came back, or the app started). */
  immediate?: boolean;
  /** Also retry reports the server refused ("send now"). */
  force?: boolean;
  lang?: string;
}

async function flushLocked(opts: FlushOptions): Promise<{ sent: number; pending: number }> {
  const enrollment = await getEnrollment();
  if (!enrollment) return { sent: 0, pending: 0 };
  let sent = 0;
  let pending = 0;
  const now = Date.now();
  for (const item of await listOutbox()) {
    if (item.state === 'sent') continue;
    if (item.state === 'failed' && !opts.force) continue;
    if (!opts.force && !opts.immediate && item.next_attempt_at > now) {
      pending++;
      continue;
    }
    item.state = 'sending';
    await putOutbox(item);
    try {
      await sendOne(item, enrollment.token, opts.lang ?? 'ja');
    } catch {
      // Network down: stays in the outbox, tried again later.
      item.state = 'waiting';
      item.error_code = 'network_error';
      item.error_message = null;
    }
    // sendOne moved the state on; re-read it without the narrowing from above.
    const state = item.state as OutboxState;
    if (state === 'sent') sent++;
    else {
      item.attempts++;
      item.next_attempt_at = Date.now() + backoff(item.attempts);
      if (state === 'waiting') pending++;
    }
    await putOutbox(item);
  }
  return { sent, pending };
}

let running: Promise<{ sent: number; pending: number }> | null = null;

/** Sends what is due (everything, failed ones included, when forced). Safe to call any time. */
export function flushOutbox(opts: FlushOptions = {}): Promise<{ sent: number; pending: number }> {
  if (running) return running.then(() => flushOutbox(opts));
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  const run: Promise<{ sent: number; pending: number }> = locks
    ? (locks.request(SYNC_TAG, () => flushLocked(opts)) as unknown as Promise<{ sent: number; pending: number }>)
    : flushLocked(opts);
  const p = run.finally(() => {
    running = null;
  });
  running = p;
  return p;
}

/** Items stuck in "sending" (the app was closed mid-send) go back to waiting on start. */
export async function recoverOutbox(): Promise<void> {
  for (const item of await listOutbox()) {
    if (item.state === 'sending') await putOutbox({ ...item, state: 'waiting', next_attempt_at: 0 });
  }
}

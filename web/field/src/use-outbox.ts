/**
 * The page side of the outbox: a live list for the UI, and the triggers that send it (app
 * start, the `online` event, a timer honouring each item's backoff, Background Sync).
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import { apiLanguage } from './i18n';
import { flushOutbox, recoverOutbox, SYNC_TAG } from './outbox';
import { type ConcernBody, listOutbox, type OutboxItem, putOutbox, uuid } from './store';

const listeners = new Set<() => void>();
export function outboxChanged(): void {
  for (const l of listeners) l();
}

export function useOutboxItems(): OutboxItem[] {
  const [items, setItems] = useState<OutboxItem[]>([]);
  useEffect(() => {
    let alive = true;
    const load = () => void listOutbox().then((i) => alive && setItems(i));
    listeners.add(load);
    load();
    return () => {
      alive = false;
      listeners.delete(load);
    };
  }, []);
  return items;
}

export async function sendNow(opts: { force?: boolean; immediate?: boolean } = {}): Promise<void> {
  const p = flushOutbox({ ...opts, lang: apiLanguage() });
  // Show "sending" while it runs, and the outcome after.
  setTimeout(outboxChanged, 50);
  await p;
  outboxChanged();
}

/** Puts a new report in the outbox (its idempotency keys made now) and tries to send it. */
export async function enqueue(body: ConcernBody, photo: { blob: Blob; type: string } | null): Promise<OutboxItem> {
  const item: OutboxItem = {
    id: uuid(),
    idempotency_key: uuid(),
    body,
    photo: photo?.blob ?? null,
    photo_type: photo?.type ?? null,
    photo_key: photo ? uuid() : null,
    photo_done: false,
    photo_error: null,
    state: 'waiting',
    attempts: 0,
    next_attempt_at: 0,
    created_at: Date.now(),
    sent_at: null,
    concern_id: null,
    reference: null,
    error_code: null,
    error_message: null,
  };
  await putOutbox(item);
  outboxChanged();
  try {
    const reg = await navigator.serviceWorker?.getRegistration();
    await (reg as (ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }) | undefined)?.sync?.register(SYNC_TAG);
  } catch {
    // Background Sync unavailable: the page's own triggers send it.
  }
  if (navigator.onLine) await sendNow({ immediate: true });
  return item;
}

/** Runs the outbox triggers while the field app is open. */
export function useOutboxDriver(enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    void recoverOutbox().then(() => sendNow({ immediate: true }));
    const online = () => void sendNow({ immediate: true });
    window.addEventListener('online', online);
    const timer = setInterval(() => {
      if (navigator.onLine) void sendNow();
    }, 15_000);
    const fromWorker = (e: MessageEvent) => {
      if ((e.data as { type?: string })?.type === 'outbox.changed') outboxChanged();
    };
    navigator.serviceWorker?.addEventListener('message', fromWorker);
    return () => {
      window.removeEventListener('online', online);
      clearInterval(timer);
      navigator.serviceWorker?.removeEventListener('message', fromWorker);
    };
  }, [enabled]);
}

export function useOnline(): boolean {
  return useSyncExternalStore(
    (l) => {
      window.addEventListener('online', l);
      window.addEventListener('offline', l);
      return () => {
        window.removeEventListener('online', l);
        window.removeEventListener('offline', l);
      };
    },
    () => navigator.onLine,
  );
}

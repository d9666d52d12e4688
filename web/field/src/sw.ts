/// <reference lib="webworker" />
/**
 * The field app's service worker (scope "/"). It precaches the field app's shell, its lazily
 * loaded chunks and every locale at install, answers navigations to /field* and /t/* from the
 * network with the cached shell as the offline fallback, serves the hashed assets cache-first,
 * and sends the outbox on Background Sync. The console and the API pass straight through.
 */
import { flushOutbox, SYNC_TAG } from './outbox';

declare const self: ServiceWorkerGlobalScope;
declare const __PRECACHE__: string[];
declare const __SW_VERSION__: string;

const CACHE = `tsunagari-field-${__SW_VERSION__}`;
const SHELL = '/field.html';
const LIST: string[] = __PRECACHE__;
const PRECACHED = new Set(LIST);
const NAV_TIMEOUT_MS = 4000;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((c) => c.addAll(LIST))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key.startsWith('tsunagari-field-') && key !== CACHE) await caches.delete(key);
      await self.clients.claim();
    })(),
  );
});

function isFieldPath(p: string): boolean {
  return p === '/field' || p.startsWith('/field/') || p.startsWith('/t/');
}

async function shellFromNetwork(request: Request): Promise<Response> {
  const cache = await caches.open(CACHE);
  try {
    const res = await Promise.race([
      fetch(request),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), NAV_TIMEOUT_MS)),
    ]);
    if (res.ok) return res;
    return (await cache.match(SHELL)) ?? res;
  } catch {
    const cached = await cache.match(SHELL);
    if (cached) return cached;
    throw new Error('offline and no cached shell');
  }
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    if (isFieldPath(url.pathname)) event.respondWith(shellFromNetwork(request));
    return;
  }
  if (PRECACHED.has(url.pathname)) {
    event.respondWith(caches.open(CACHE).then(async (c) => (await c.match(url.pathname)) ?? fetch(request)));
  }
});

interface SyncEvent extends ExtendableEvent {
  tag: string;
}

self.addEventListener('sync', ((event: SyncEvent) => {
  if (event.tag !== SYNC_TAG) return;
  event.waitUntil(
    flushOutbox().then(async ({ pending }) => {
      for (const client of await self.clients.matchAll()) client.postMessage({ type: 'outbox.changed' });
      // Still pending: reject so the browser schedules another sync attempt.
      if (pending > 0) throw new Error('outbox still pending');
    }),
  );
}) as EventListener);

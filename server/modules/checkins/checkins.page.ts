/**
 * The answer page a check-in link opens: server-rendered, no script, two very large buttons
 * that post a form, so it works on any phone and with a screen reader (WCAG 2.2 AA contrast,
 * targets far above 24×24 px, the page's language declared). Japanese, or English by
 * Accept-Language. Colours follow the Digital Agency design tokens.
 */
import { type ServerLocale, translate } from '../../i18n.js';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font-family:"Noto Sans JP",system-ui,sans-serif;font-size:1.25rem;line-height:1.7;color:#1a1a1c;background:#f8f8fb}
main{max-width:36rem;margin:0 auto;padding:2rem 1.25rem}
h1{font-size:2rem;line-height:1.4;margin:0 0 1rem}
p{margin:0 0 1.5rem}
form{margin:0 0 1.25rem}
button{display:block;width:100%;min-height:5rem;font:inherit;font-size:1.75rem;font-weight:700;border-radius:.75rem;cursor:pointer}
button:focus-visible{outline:4px solid #ffd43d;outline-offset:3px}
.fine{background:#0031d8;color:#fff;border:2px solid #0031d8}
.talk{background:#fff;color:#0031d8;border:3px solid #0031d8}
.note{font-size:1.125rem;color:#333}
`;

export function page(locale: ServerLocale, title: string, body: string): string {
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><meta name="referrer" content="no-referrer"><title>${esc(title)}</title><style>${STYLE}</style></head>
<body><main>${body}</main></body></html>`;
}

/** The question with both answers; the answer the link preselected comes first and takes focus. */
export function questionPage(locale: ServerLocale, token: string, preselect: 'fine' | 'talk' | undefined): string {
  const t = (k: string) => esc(translate(locale, k));
  const button = (a: 'fine' | 'talk') => `<form method="post" action="/c/${esc(token)}"><input type="hidden" name="answer" value="${a}">
<button type="submit" class="${a}"${preselect === a ? ' autofocus' : ''}>${t(`checkins.answer.${a}`)}</button></form>`;
  const order: ('fine' | 'talk')[] = preselect === 'talk' ? ['talk', 'fine'] : ['fine', 'talk'];
  return page(
    locale,
    translate(locale, 'checkins.message.title'),
    `<h1>${t('checkins.message.title')}</h1>
<p>${t('checkins.page.question')}</p>${order.map(button).join('')}<p class="note">${t('checkins.page.note')}</p>`,
  );
}

export function messagePage(locale: ServerLocale, key: string): string {
  return page(
    locale,
    translate(locale, 'checkins.message.title'),
    `<h1>${esc(translate(locale, `${key}.title`))}</h1><p>${esc(translate(locale, `${key}.body`))}</p>`,
  );
}

/** The web push opt-in page; the script and the service worker are same-origin files (the CSP allows no inline script). */
export function subscribePage(locale: ServerLocale, token: string, vapidPublicKey: string | undefined): string {
  const t = (k: string) => esc(translate(locale, k));
  if (!vapidPublicKey) return messagePage(locale, 'checkins.subscribe.not_configured');
  return page(
    locale,
    translate(locale, 'checkins.subscribe.title'),
    `<h1>${t('checkins.subscribe.title')}</h1><p>${t('checkins.subscribe.intro')}</p>
<button type="button" class="fine" id="subscribe" data-token="${esc(token)}" data-key="${esc(vapidPublicKey)}"
 data-done="${t('checkins.subscribe.done')}" data-failed="${t('checkins.subscribe.failed')}" data-unsupported="${t('checkins.subscribe.unsupported')}">${t('checkins.subscribe.button')}</button>
<p id="status" role="status" aria-live="polite"></p><script type="module" src="/c/subscribe.js"></script>`,
  );
}

export const SUBSCRIBE_JS = `
const b = document.getElementById('subscribe');
const status = document.getElementById('status');
const key = (s) => { const p = '='.repeat((4 - s.length % 4) % 4); const r = atob((s + p).replace(/-/g, '+').replace(/_/g, '/')); return Uint8Array.from(r, (c) => c.charCodeAt(0)); };
b.addEventListener('click', async () => {
  if (!('serviceWorker' in navigator) || !('PushManager' in window)) { status.textContent = b.dataset.unsupported; return; }
  try {
    if ((await Notification.requestPermission()) !== 'granted') { status.textContent = b.dataset.failed; return; }
    const reg = await navigator.serviceWorker.register('/c/sw.js', { scope: '/c/' });
    await navigator.serviceWorker.ready;
    const sub = await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key(b.dataset.key) });
    const res = await fetch('/api/v1/public/checkin-subscriptions/' + b.dataset.token, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(sub.toJSON()) });
    status.textContent = res.ok ? b.dataset.done : b.dataset.failed;
    if (res.ok) b.disabled = true;
  } catch { status.textContent = b.dataset.failed; }
});
`;

/** Shows the check-in with its two actions; an action answers through the JSON API without opening a page. */
export const SERVICE_WORKER_JS = `
self.addEventListener('push', (e) => {
  const d = e.data ? e.data.json() : {};
  e.waitUntil(self.registration.showNotification(d.title || 'お元気ですか？', {
    body: d.body, tag: d.tag, requireInteraction: true, actions: d.actions || [], data: { url: d.url, answer_url: d.answer_url },
  }));
});
self.addEventListener('notificationclick', (e) => {
  const n = e.notification; n.close();
  const d = n.data || {};
  if (e.action === 'fine' || e.action === 'talk') {
    e.waitUntil(fetch(d.answer_url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ answer: e.action }) })
      .then((r) => { if (!r.ok) return self.clients.openWindow(d.url); }).catch(() => self.clients.openWindow(d.url)));
  } else if (d.url) {
    e.waitUntil(self.clients.openWindow(d.url));
  }
});
`;

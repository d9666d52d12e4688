/**
 * The page a watcher opens from the notification: plain server-rendered HTML (Japanese or
 * English by Accept-Language), two large buttons in a form POST, no script and no account, so
 * it works on any phone. It shows nothing about the person beyond "the person you watch".
 */
import formbody from '@fastify/formbody';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { messageFor, pickLocale, type ServerLocale, translate } from '../../i18n.js';
import { answerConfirm, lookupConfirm } from './confirm.service.js';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const tokyo = (locale: ServerLocale) =>
  new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'ja-JP', { timeZone: 'Asia/Tokyo', dateStyle: 'medium', timeStyle: 'short' });

const STYLE = `body{font-family:"Noto Sans JP",system-ui,sans-serif;margin:0;padding:1.5rem;background:#f8f8fb;color:#1a1a1c;font-size:1.125rem;line-height:1.7}
main{max-width:36rem;margin:0 auto;background:#fff;border-radius:12px;padding:1.5rem;border:1px solid #d8d8db}
h1{font-size:1.5rem;margin-top:0}dl{display:grid;grid-template-columns:auto 1fr;gap:.25rem 1rem}dt{font-weight:700}
button{display:block;width:100%;min-height:4rem;margin:1rem 0;font-size:1.25rem;font-weight:700;border-radius:8px;cursor:pointer}
.safe{background:#0031d8;color:#fff;border:2px solid #0031d8}.help{background:#fff;color:#c74700;border:2px solid #c74700}
button:focus-visible{outline:4px solid #ffd43d;outline-offset:2px}.note{color:#424245;font-size:1rem}`;

function page(locale: ServerLocale, title: string, body: string): string {
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${esc(title)}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
}

function send(reply: FastifyReply, status: number, html: string) {
  return reply
    .status(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .send(html);
}

function errorPage(reply: FastifyReply, locale: ServerLocale, err: unknown) {
  if (!(err instanceof AppError)) throw err;
  const t = (k: string) => translate(locale, `confirm_page.${k}`);
  return send(
    reply,
    err.status,
    page(locale, t('title'), `<h1>${esc(t('title'))}</h1><p role="alert">${esc(messageFor(locale, err.code, err.params))}</p>`),
  );
}

function render(
  locale: ServerLocale,
  token: string,
  c: Awaited<ReturnType<typeof lookupConfirm>>,
  answered?: 'safe' | 'needs_help',
): string {
  const t = (k: string) => translate(locale, `confirm_page.${k}`);
  const facts = `<dl><dt>${esc(t('kind'))}</dt><dd>${esc(translate(locale, `alert_type.${c.type}`))}</dd>
<dt>${esc(t('raised'))}</dt><dd>${esc(tokyo(locale).format(new Date(c.raised_at)))}</dd></dl>`;
  if (answered === 'needs_help')
    return page(locale, t('title'), `<h1>${esc(t('title'))}</h1><p role="status">${esc(t('thanks_help'))}</p>${facts}`);
  if (c.confirmed)
    return page(
      locale,
      t('title'),
      `<h1>${esc(t('title'))}</h1><p role="status">${esc(answered ? t('thanks_safe') : t('already'))}</p>${facts}`,
    );
  const action = `/confirm/${encodeURIComponent(token)}`;
  return page(
    locale,
    t('title'),
    `<h1>${esc(t('title'))}</h1><p>${esc(t('lead'))}</p>${facts}
<form method="post" action="${action}"><button class="safe" type="submit" name="outcome" value="safe">${esc(t('safe'))}</button>
<button class="help" type="submit" name="outcome" value="needs_help">${esc(t('needs_help'))}</button></form>
<p class="note">${esc(t('emergency'))}</p>`,
  );
}

export const confirmPageRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (app, { ctx }) => {
  await app.register(formbody);
  app.get<{ Params: { token: string } }>(
    '/confirm/:token',
    { schema: { hide: true } },
    async (req: FastifyRequest<{ Params: { token: string } }>, reply) => {
      const locale = pickLocale(req.headers['accept-language']);
      try {
        return send(reply, 200, render(locale, req.params.token, await lookupConfirm(ctx, req.ip ?? null, req.params.token)));
      } catch (err) {
        return errorPage(reply, locale, err);
      }
    },
  );
  app.post<{ Params: { token: string }; Body: { outcome?: string } }>('/confirm/:token', { schema: { hide: true } }, async (req, reply) => {
    const locale = pickLocale(req.headers['accept-language']);
    const outcome = req.body?.outcome;
    try {
      if (outcome !== 'safe' && outcome !== 'needs_help') throw new AppError(400, 'invalid_input', undefined, { field: 'outcome' });
      const c = await answerConfirm(ctx, req.ip ?? null, req.params.token, { outcome });
      return send(reply, 200, render(locale, req.params.token, c, outcome));
    } catch (err) {
      return errorPage(reply, locale, err);
    }
  });
};

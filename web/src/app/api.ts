/**
 * The one HTTP client of the console: openapi-fetch over the generated `paths`, so every path,
 * parameter and body is checked against the server's OpenAPI document. Only the module api.ts
 * files use it; components call their typed functions and hooks.
 *
 * Cookies carry the session; the CSRF token lives only in memory (re-read from /auth/me after a
 * reload) and goes out as x-csrf-token on every write.
 */
import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from '../api/types';
import { ApiError } from './api-error';
import { i18n } from './i18n';

export { ApiError };

let csrfToken: string | null = null;
let onUnauthorized: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when any request (other than the session probe and login) answers 401. */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

/** Query strings drop empty values (an unset filter is left out, not sent as `x=`). */
function querySerializer(query: Record<string, unknown>): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') sp.set(k, String(v));
  return sp.toString();
}

const headers: Middleware = {
  onRequest({ request, options }) {
    // Read per request: the language can change and the token arrives after login.
    if (options.parseAs === 'json' && !request.headers.has('Accept')) request.headers.set('Accept', 'application/json');
    if (!request.headers.has('Accept-Language')) request.headers.set('Accept-Language', i18n.language || 'ja');
    if (request.method !== 'GET' && csrfToken) request.headers.set('x-csrf-token', csrfToken);
    return request;
  },
};

/**
 * The typed client. The document's paths carry the /api/v1 prefix (and Open311's its own), so
 * the base URL is the page's origin. For module api.ts files only.
 */
export const client = createClient<paths>({
  baseUrl: '',
  credentials: 'same-origin',
  querySerializer,
  // Looked up per call, not captured at load.
  fetch: (request) => globalThis.fetch(request),
});
client.use(headers);

interface Answer {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/** The data of a successful answer; `never` where the server answers with no body. */
type DataOf<R> = R extends { data: infer D } ? D : never;

export interface CallOptions {
  /** Do not treat 401 as "session ended" (used by the session probe and login). */
  quiet401?: boolean;
}

/**
 * Awaits a client call and returns its data, or throws an ApiError with the server's translated
 * message (`{ error: { code, message } }`); a request that never got an answer is a network error.
 */
export async function call<R extends Answer>(pending: Promise<R>, opts: CallOptions = {}): Promise<DataOf<R>> {
  let res: R;
  try {
    res = await pending;
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'network_error', i18n.t('common.networkError'));
  }
  const { response } = res;
  if (!response.ok) {
    if (response.status === 401 && !opts.quiet401) onUnauthorized?.();
    const body = res.error as { error?: { code?: string; message?: string } } | string | undefined;
    const err = typeof body === 'object' && body !== null ? body.error : undefined;
    throw new ApiError(response.status, err?.code ?? 'unknown', err?.message ?? i18n.t('common.unknownError', { status: response.status }));
  }
  return res.data as DataOf<R>;
}

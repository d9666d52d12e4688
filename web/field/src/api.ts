/**
 * HTTP for the field app: bearer device token (no cookies, no CSRF), Accept-Language from the
 * chosen language, errors as ApiError with the server's stable code.
 */
import { apiLanguage } from './i18n';
import { getEnrollment } from './store';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface RequestOptions {
  method?: 'GET' | 'POST';
  body?: unknown;
  headers?: Record<string, string>;
  /** Send the device token (default true when enrolled). */
  auth?: boolean;
  signal?: AbortSignal;
}

export async function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': apiLanguage(), ...opts.headers };
  if (opts.auth !== false) {
    const e = await getEnrollment();
    if (e) headers.Authorization = `Bearer ${e.token}`;
  }
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, {
      method: opts.method ?? 'GET',
      headers,
      credentials: 'omit',
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      signal: opts.signal,
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'network_error', '');
  }
  const data = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
  if (!res.ok) throw new ApiError(res.status, data?.error?.code ?? `http_${res.status}`, data?.error?.message ?? '');
  return data as T;
}

export interface PublicTenant {
  slug: string;
  name: string;
  tile_url: string | null;
  tile_attribution: string | null;
  categories: Category[];
  bbox: [number, number, number, number] | null;
  areas_geojson_url: string | null;
  hubs: { name: string; phone: string | null }[];
}

export interface Category {
  code: string;
  label: string;
  labels?: Record<string, string>;
  priority?: number;
}

export interface MyConcern {
  id: string;
  reference: string;
  category: string;
  place_text: string;
  received_at: string;
  status: 'received' | 'being_handled' | 'closed';
  thanks_message?: string | null;
  status_changed_at?: string | null;
}

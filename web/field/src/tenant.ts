/** Tenant data for the report screens, cached on the device so they work offline. */

import type { TFunction } from 'i18next';
import { useEffect, useState } from 'react';
import { ApiError, api, type Category, type PublicTenant } from './api';
import { getKv, setKv } from './store';

export type Loadable<T> = { state: 'loading' } | { state: 'ready'; data: T; stale: boolean } | { state: 'error'; error: ApiError };

/** Fetches with a cache-then-network fallback in IndexedDB under `key`. */
export function useCached<T>(key: string | null, fetcher: () => Promise<T>): Loadable<T> {
  const [value, setValue] = useState<Loadable<T>>({ state: 'loading' });
  // biome-ignore lint/correctness/useExhaustiveDependencies: the key names what is fetched; callers pass a new fetcher closure on every render
  useEffect(() => {
    if (!key) return;
    let alive = true;
    setValue({ state: 'loading' });
    void (async () => {
      try {
        const data = await fetcher();
        await setKv(key, data);
        if (alive) setValue({ state: 'ready', data, stale: false });
      } catch (err) {
        const cached = await getKv<T>(key);
        if (!alive) return;
        const e = err instanceof ApiError ? err : new ApiError(0, 'network_error', '');
        if (cached !== undefined && (e.status === 0 || e.status >= 500)) setValue({ state: 'ready', data: cached, stale: true });
        else setValue({ state: 'error', error: e });
      }
    })();
    return () => {
      alive = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return value;
}

export function usePublicTenant(slug: string | null): Loadable<PublicTenant> {
  return useCached(slug ? `tenant:${slug}` : null, () =>
    api<PublicTenant>(`/public/tenants/${encodeURIComponent(slug!)}`, { auth: false }),
  );
}

/** The device's categories (in the caller's language on the server; our own labels win). */
export function useDeviceCategories(): Loadable<Category[]> {
  return useCached('categories', async () => (await api<{ items: Category[] }>('/concern-categories')).items);
}

/** Our translation for known category codes, else the server's label. */
export function categoryLabel(t: TFunction, cat: Pick<Category, 'code' | 'label'>): string {
  return t(`cat.${cat.code}`, { defaultValue: cat.label });
}

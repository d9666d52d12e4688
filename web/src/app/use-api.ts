import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from './api';

export interface Loaded<T> {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
  reload: () => void;
}

/**
 * Runs `load` while mounted and keeps its answer: refetches when `key` changes (compared by
 * value, so pass the path and its parameters), when the UI language changes (answers carry
 * translated labels) and on reload(). The last data stays while a refetch runs. Pass a null
 * key to skip. For module api.ts hooks (`useCase(id)`), not components.
 */
export function useLoad<T>(key: readonly unknown[] | null, load: (signal: AbortSignal) => Promise<T>): Loaded<T> {
  const { i18n } = useTranslation();
  const k = key === null ? null : JSON.stringify(key);
  const loadRef = useRef(load);
  loadRef.current = load;
  const [state, setState] = useState<{ data: T | null; error: ApiError | null; loading: boolean }>({
    data: null,
    error: null,
    loading: k !== null,
  });
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((n) => n + 1), []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: tick (reload) and the UI language are the triggers to fetch again, on purpose
  useEffect(() => {
    if (k === null) return;
    const ctrl = new AbortController();
    setState((s) => ({ ...s, loading: true }));
    loadRef
      .current(ctrl.signal)
      .then((data) => setState({ data, error: null, loading: false }))
      .catch((err: unknown) => {
        if ((err as Error).name === 'AbortError') return;
        setState((s) => ({ data: s.data, error: err as ApiError, loading: false }));
      });
    return () => ctrl.abort();
  }, [k, tick, i18n.language]);

  return { ...state, reload };
}

/** Runs a write, exposing pending state and the server's translated error. */
export function useMutation<A extends unknown[], R>(fn: (...args: A) => Promise<R>) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const run = useCallback(
    async (...args: A): Promise<R | undefined> => {
      setPending(true);
      setError(null);
      try {
        return await fn(...args);
      } catch (err) {
        setError(err instanceof ApiError ? err : new ApiError(0, 'unknown', String(err)));
        return undefined;
      } finally {
        setPending(false);
      }
    },
    [fn],
  );
  return { run, pending, error, clearError: () => setError(null) };
}

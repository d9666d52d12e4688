import { useMemo } from 'react';
import { useApi } from '../../app/use-api';
import type { Category, Items, Settings } from '../../app/types';

/** Concern categories in the caller's language, plus a code → label lookup. */
export function useCategories() {
  const res = useApi<Items<Category>>('/concern-categories');
  const label = useMemo(() => {
    const map = new Map((res.data?.items ?? []).map((c) => [c.code, c.label]));
    return (code: string) => map.get(code) ?? code;
  }, [res.data]);
  return { ...res, items: res.data?.items ?? [], label };
}

export function useUrgencyTargets() {
  return useApi<Settings>('/settings').data?.urgency_targets_hours ?? { emergency: 1, high: 24, normal: 72, low: 168 };
}

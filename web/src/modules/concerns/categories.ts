import { useMemo } from 'react';
import { useConcernCategories, useSettings } from '../tenants/api';

/** Concern categories in the caller's language, plus a code → label lookup. */
export function useCategories() {
  const res = useConcernCategories();
  const label = useMemo(() => {
    const map = new Map((res.data?.items ?? []).map((c) => [c.code, c.label]));
    return (code: string) => map.get(code) ?? code;
  }, [res.data]);
  return { ...res, items: res.data?.items ?? [], label };
}

export function useUrgencyTargets() {
  return useSettings().data?.urgency_targets_hours ?? { emergency: 1, high: 24, normal: 72, low: 168 };
}

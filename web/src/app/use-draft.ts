/**
 * useDraft: form state that survives an ended session. The value is saved to localStorage on every
 * change under the logged-in account, the form and the object it is about, restored when the form
 * mounts again (after the login that follows an expired session, which returns to the same page),
 * and deleted by `clear()` after a successful submit. Storage rules and privacy: ./drafts.ts.
 *
 *   const draft = useDraft('note', caseId, { body: '' });
 *   <TextInput value={draft.value.body} onChange={(body) => draft.update({ body })} />
 *   if (await save(draft.value)) draft.clear();
 */
import { useCallback, useRef, useState } from 'react';
import { useAuth } from './auth';
import { draftKey, readDraft, writeDraft } from './drafts';

export interface Draft<T> {
  value: T;
  /** Replaces the whole value (or computes it from the current one). */
  set: (next: T | ((cur: T) => T)) => void;
  /** Changes some fields. */
  update: (patch: Partial<T>) => void;
  /** Back to `initial` and the stored draft deleted: call after a successful submit, or to discard. */
  clear: () => void;
  /** True when the value came from a saved draft (show the person it was restored). */
  restored: boolean;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Form state kept as a draft of the logged-in account. `form` names the form ("case-note"),
 * `objectKey` the object (a case id, or "new"); `initial` is the empty form (a draft equal to it
 * is not stored). With nobody logged in the state works but nothing is stored.
 */
export function useDraft<T extends object>(form: string, objectKey: string, initial: T): Draft<T> {
  const { me } = useAuth();
  const key = me ? draftKey(me.account_id, form, objectKey) : null;
  const initialRef = useRef(initial);
  initialRef.current = initial;

  const load = (k: string | null) => {
    const saved = k ? readDraft<T>(k) : undefined;
    // A stored draft fills the fields it has; fields added to the form since keep their initial value.
    return saved && typeof saved === 'object' && !same(saved, initial)
      ? { key: k, value: { ...initial, ...saved }, restored: true }
      : { key: k, value: initial, restored: false };
  };
  const [state, setState] = useState(() => load(key));
  // Another object (or account) under the same form: load its draft. A logout (key null) keeps
  // what is on screen and stores nothing more.
  let current = state;
  if (key !== null && state.key !== key) {
    current = load(key);
    setState(current);
  }
  const keyRef = useRef(key);
  keyRef.current = key;

  const set = useCallback((next: T | ((cur: T) => T)) => {
    setState((s) => {
      const value = typeof next === 'function' ? (next as (cur: T) => T)(s.value) : next;
      const k = keyRef.current;
      if (k) writeDraft(k, same(value, initialRef.current) ? undefined : value);
      return { ...s, value };
    });
  }, []);
  const update = useCallback((patch: Partial<T>) => set((cur) => ({ ...cur, ...patch })), [set]);
  const clear = useCallback(() => {
    if (keyRef.current) writeDraft(keyRef.current, undefined);
    setState((s) => ({ ...s, value: initialRef.current, restored: false }));
  }, []);

  return { value: current.value, set, update, clear, restored: current.restored };
}

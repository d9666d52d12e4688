/**
 * Form drafts kept in this browser's localStorage, so text typed when a session ends (idle
 * timeout, restart) is not lost: the login returns the person to the page and the form there
 * restores what they typed.
 *
 * Privacy on a shared municipal PC (drafts are personal notes about residents):
 * - every key names the account (`tsunagari.draft.v1:<account id>:<form>:<object id>`); a draft is
 *   only ever restored into a form of the same account, never shown to another login;
 * - logging out deletes all drafts of that account (the person finished on purpose);
 * - a draft older than DRAFT_MAX_AGE_MS (1 day) is deleted when the console starts and at each
 *   login, whoever logs in: a draft is for "my session ended while typing", not a notebook;
 * - a draft equal to the form's empty state is not stored, and a successful submit deletes it.
 * localStorage is not encrypted: someone with the same OS login and the browser's developer tools
 * could read a draft until one of the above removes it. The municipality's PC policy (one OS login
 * per person) is the stronger wall; this keeps the window small.
 */

const PREFIX = 'tsunagari.draft.v1:';
/** Drafts older than this are deleted at start and at every login (N = 1 day). */
export const DRAFT_MAX_AGE_MS = 24 * 60 * 60 * 1000;

interface Stored {
  /** Saved at (epoch ms). */
  at: number;
  v: unknown;
}

function store(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null; // storage blocked: drafts are simply not kept
  }
}

/** The storage key of one form's draft for one account and one object (a case id, "new"). */
export function draftKey(accountId: string, form: string, objectKey: string): string {
  return `${PREFIX}${accountId}:${form}:${objectKey}`;
}

/** The stored draft under `key`, or undefined (none, unreadable or too old). */
export function readDraft<T>(key: string, now = Date.now()): T | undefined {
  const s = store();
  if (!s) return undefined;
  try {
    const raw = s.getItem(key);
    if (!raw) return undefined;
    const d = JSON.parse(raw) as Stored;
    if (typeof d?.at !== 'number' || now - d.at > DRAFT_MAX_AGE_MS) {
      s.removeItem(key);
      return undefined;
    }
    return d.v as T;
  } catch {
    return undefined;
  }
}

/** Saves (or, with `undefined`, deletes) the draft under `key`. A full storage only loses the draft. */
export function writeDraft(key: string, value: unknown, now = Date.now()): void {
  const s = store();
  if (!s) return;
  try {
    if (value === undefined) s.removeItem(key);
    else s.setItem(key, JSON.stringify({ at: now, v: value } satisfies Stored));
  } catch {
    // quota exceeded or blocked: the form still works, only the draft is not kept
  }
}

/**
 * Deletes drafts: those of `accountId` (at logout), and in any case every draft older than
 * DRAFT_MAX_AGE_MS whoever it belongs to.
 */
export function purgeDrafts(opts: { accountId?: string; now?: number } = {}): void {
  const s = store();
  if (!s) return;
  const now = opts.now ?? Date.now();
  const doomed: string[] = [];
  try {
    for (let i = 0; i < s.length; i++) {
      const key = s.key(i);
      if (!key?.startsWith(PREFIX)) continue;
      if (opts.accountId && key.startsWith(`${PREFIX}${opts.accountId}:`)) {
        doomed.push(key);
        continue;
      }
      try {
        const d = JSON.parse(s.getItem(key) ?? '') as Stored;
        if (typeof d?.at !== 'number' || now - d.at > DRAFT_MAX_AGE_MS) doomed.push(key);
      } catch {
        doomed.push(key);
      }
    }
    for (const key of doomed) s.removeItem(key);
  } catch {
    // storage blocked
  }
}

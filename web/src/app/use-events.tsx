/**
 * One Server-Sent Events connection per tab (GET /api/v1/events, needs triage:read), shared by
 * every page that wants live updates. The browser reconnects by itself; after a reconnect
 * subscribers get a synthetic `reconnected` event so they can refetch what they missed. The
 * server sends `resync` when its own event connection to the database was lost and is back (the
 * stream stayed open, but events may have been missed): pages get `reconnected` for it too.
 */
import { createContext, type ReactNode, useContext, useEffect, useRef } from 'react';
import { useAuth } from './auth';

export const EVENT_NAMES = [
  'concern.received',
  'concern.triaged',
  'case.updated',
  'case.escalated',
  'notification.created',
  'alert.raised',
  'alert.updated',
  'resync',
] as const;
export interface ServerEvent {
  name: string;
  type?: string;
  id?: string;
}
type Listener = (ev: ServerEvent) => void;

const EventsContext = createContext<Set<Listener> | null>(null);

export function EventsProvider({ children }: { children: ReactNode }) {
  const { me, can } = useAuth();
  const listeners = useRef(new Set<Listener>());
  const enabled = !!me && can('triage:read');

  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    const es = new EventSource('/api/v1/events');
    const emit = (ev: ServerEvent) => {
      for (const l of listeners.current) l(ev);
    };
    let opened = false;
    es.onopen = () => {
      if (opened) emit({ name: 'reconnected' });
      opened = true;
    };
    for (const name of EVENT_NAMES) {
      es.addEventListener(name, (msg: MessageEvent) => {
        let data: { type?: string; id?: string } = {};
        try {
          data = JSON.parse(msg.data);
        } catch {
          // ids only; a malformed payload still means "something changed"
        }
        // A server-side gap is a gap like our own reconnect: every page refetches.
        if (name === 'resync') emit({ name: 'reconnected' });
        else emit({ name, ...data });
      });
    }
    return () => es.close();
  }, [enabled]);

  return <EventsContext.Provider value={listeners.current}>{children}</EventsContext.Provider>;
}

/** Calls `fn` for each server event (names from API.md) while the component is mounted. */
export function useServerEvents(fn: Listener): void {
  const set = useContext(EventsContext);
  const ref = useRef(fn);
  ref.current = fn;
  useEffect(() => {
    if (!set) return;
    const l: Listener = (ev) => ref.current(ev);
    set.add(l);
    return () => {
      set.delete(l);
    };
  }, [set]);
}

/**
 * Real-time events for the hub console. Writers call pg_notify inside their transaction, so an
 * event is delivered only when its data is committed; every app copy LISTENs on one channel and
 * fans events out to its own Server-Sent Events clients. No personal data travels in events:
 * only kinds and ids, and the console fetches what it may see.
 */
import pg from 'pg';
import { sql, type Kysely } from 'kysely';

export const EVENT_CHANNEL = 'tsunagari_events';

export interface HubEvent {
  tenantId: string;
  type: 'concern.received' | 'concern.triaged' | 'case.updated' | 'case.escalated' | 'notification.created';
  id: string;
  accountId?: string;
}

type Listener = (e: HubEvent) => void;

export interface EventBus {
  subscribe(tenantId: string, fn: Listener): () => void;
  close(): Promise<void>;
}

/** Queues an event in the caller's transaction. */
export async function publish(db: Kysely<any>, event: HubEvent): Promise<void> {
  await sql`SELECT pg_notify(${EVENT_CHANNEL}, ${JSON.stringify(event)})`.execute(db);
}

export class PgEventBus implements EventBus {
  private client: pg.Client | null = null;
  private listeners = new Map<string, Set<Listener>>();
  private closed = false;

  constructor(private readonly url: string, private readonly log: (msg: string) => void = () => {}) {}

  async start(): Promise<void> {
    await this.connect();
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url, application_name: 'tsunagari-listen' });
    client.on('notification', (msg) => {
      if (!msg.payload) return;
      let event: HubEvent;
      try {
        event = JSON.parse(msg.payload) as HubEvent;
      } catch {
        return;
      }
      for (const fn of this.listeners.get(event.tenantId) ?? []) fn(event);
    });
    client.on('error', () => {
      // A lost LISTEN connection is re-opened: consoles must not silently stop updating.
      if (this.closed) return;
      this.log('event bus connection lost; reconnecting');
      this.client = null;
      setTimeout(() => void this.connect().catch(() => {}), 1000).unref();
    });
    await client.connect();
    await client.query(`LISTEN ${EVENT_CHANNEL}`);
    this.client = client;
  }

  subscribe(tenantId: string, fn: Listener): () => void {
    let set = this.listeners.get(tenantId);
    if (!set) this.listeners.set(tenantId, (set = new Set()));
    set.add(fn);
    return () => {
      set!.delete(fn);
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.client?.end().catch(() => {});
  }
}

/**
 * Real-time events for the hub console. Services emit events inside a transaction
 * (withTransaction) and they are published only after it commits, so no event announces data
 * that does not exist. Each app copy batches what it publishes into one NOTIFY every few
 * milliseconds: a NOTIFY inside every write transaction would serialise all commits on
 * PostgreSQL's notify-queue lock (measured: 3,000 → 500 inserts/s). Every copy LISTENs on one
 * channel and fans events out to its own Server-Sent Events clients.
 * Events are a hint to refetch, best-effort by design (a crash between commit and publish loses
 * the hint, never the data; consoles also refetch on reconnect). They carry kinds and ids only.
 */
import pg from 'pg';

export const EVENT_CHANNEL = 'tsunagari_events';

export interface HubEvent {
  tenantId: string;
  type:
    | 'concern.received'
    | 'concern.triaged'
    | 'case.updated'
    | 'case.escalated'
    | 'notification.created'
    | 'concern.status'
    | 'alert.raised'
    | 'alert.updated'
    /** A watch device, ingestion credential or watch setting changed: copies drop their ingest caches. */
    | 'device.changed'
    /** Local only, never sent between copies: this copy's event connection was lost and is back; refetch. */
    | 'resync';
  id: string;
  accountId?: string;
}

type Listener = (e: HubEvent) => void;

export interface EventBus {
  subscribe(tenantId: string, fn: Listener): () => void;
  /** Publishes committed events to every app copy (batched). */
  publish(events: HubEvent[]): void;
  close(): Promise<void>;
}

/** NOTIFY payloads must stay under 8000 bytes. */
const MAX_PAYLOAD = 7000;
const FLUSH_MS = 10;

export class PgEventBus implements EventBus {
  private client: pg.Client | null = null;
  private listeners = new Map<string, Set<Listener>>();
  private closed = false;
  private pending: HubEvent[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly url: string,
    private readonly log: (msg: string) => void = () => {},
  ) {}

  async start(): Promise<void> {
    await this.connect();
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url, application_name: 'tsunagari-listen' });
    client.on('notification', (msg) => {
      if (!msg.payload) return;
      let batch: HubEvent[];
      try {
        const parsed = JSON.parse(msg.payload) as HubEvent | HubEvent[];
        batch = Array.isArray(parsed) ? parsed : [parsed];
      } catch {
        return;
      }
      for (const event of batch) for (const fn of this.listeners.get(event.tenantId) ?? []) fn(event);
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

  publish(events: HubEvent[]): void {
    if (events.length === 0 || this.closed) return;
    this.pending.push(...events);
    this.timer ??= setTimeout(() => {
      this.timer = null;
      this.flushing = this.flushing.then(() => this.flush());
    }, FLUSH_MS);
  }

  private async flush(): Promise<void> {
    const events = this.pending;
    this.pending = [];
    const chunks: string[] = [];
    let cur: HubEvent[] = [];
    for (const e of events) {
      cur.push(e);
      if (JSON.stringify(cur).length > MAX_PAYLOAD) {
        cur.pop();
        if (cur.length) chunks.push(JSON.stringify(cur));
        cur = [e];
      }
    }
    if (cur.length) chunks.push(JSON.stringify(cur));
    for (const payload of chunks) {
      try {
        await this.client?.query('SELECT pg_notify($1, $2)', [EVENT_CHANNEL, payload]);
      } catch (err) {
        this.log(`event publish failed: ${(err as Error).message}`);
      }
    }
  }

  async close(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
      this.flushing = this.flushing.then(() => this.flush());
    }
    await this.flushing;
    this.closed = true;
    await this.client?.end().catch(() => {});
  }
}

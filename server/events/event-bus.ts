/**
 * Real-time events for the hub console. Services emit events inside a transaction
 * (withTransaction) and they are published only after it commits, so no event announces data
 * that does not exist. Each app copy batches what it publishes into one NOTIFY every few
 * milliseconds: a NOTIFY inside every write transaction would serialise all commits on
 * PostgreSQL's notify-queue lock (measured: 3,000 → 500 inserts/s). Every copy LISTENs on one
 * channel and fans events out to its own Server-Sent Events clients.
 * Events are a hint to refetch, best-effort by design (a crash between commit and publish loses
 * the hint, never the data; consoles also refetch on reconnect). They carry kinds and ids only.
 * The LISTEN connection heals by itself: a lost one (error, end, or an unanswered heartbeat) is
 * re-opened with backoff forever, and after each reconnect every subscriber of this copy gets a
 * local `resync` event, since NOTIFYs sent while nobody listened are gone.
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
/** Events published while the connection is down are held (up to this many) and sent once it is back. */
const MAX_HELD = 10_000;

export interface PgEventBusOptions {
  /** First reconnect delay; it doubles with each failed attempt up to maxDelayMs (each delay jittered to between half and all of it). */
  minDelayMs?: number;
  maxDelayMs?: number;
  /** A frozen server or a cut network sends nothing, so silence is not health: the connection is probed this often… */
  heartbeatMs?: number;
  /** …and dropped (then re-opened) when a probe is not answered within this. */
  heartbeatTimeoutMs?: number;
  connectTimeoutMs?: number;
  random?: () => number;
  /** Schedules a reconnect attempt (tests record the delays instead of waiting them). */
  setTimer?: (fn: () => void, ms: number) => NodeJS.Timeout;
}

/** Why a connection was lost, for the log: a code or a message, never the URL or its password. */
function reason(err: unknown): string {
  if (!err) return 'connection closed';
  const e = err as { code?: string; message?: string };
  return e.code ? `${e.code}: ${e.message ?? ''}`.trim() : (e.message ?? String(err));
}

export class PgEventBus implements EventBus {
  private client: pg.Client | null = null;
  private listeners = new Map<string, Set<Listener>>();
  private closed = false;
  private pending: HubEvent[] = [];
  private dropped = 0;
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();
  private retry: NodeJS.Timeout | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private attempt = 0;
  private lostAt = 0;
  private readonly opts: Required<PgEventBusOptions>;

  constructor(
    private readonly url: string,
    private readonly log: (msg: string) => void = () => {},
    opts: PgEventBusOptions = {},
  ) {
    this.opts = {
      minDelayMs: 500,
      maxDelayMs: 30_000,
      heartbeatMs: 30_000,
      heartbeatTimeoutMs: 10_000,
      connectTimeoutMs: 10_000,
      random: Math.random,
      setTimer: (fn, ms) => setTimeout(fn, ms),
      ...opts,
    };
  }

  /** Opens the LISTEN connection; throws if the database cannot be reached now. Once started, a lost connection is re-opened forever. */
  async start(): Promise<void> {
    this.client = await this.open();
    this.startHeartbeat(this.client);
  }

  private async open(): Promise<pg.Client> {
    const client = new pg.Client({
      connectionString: this.url,
      application_name: 'tsunagari-listen',
      connectionTimeoutMillis: this.opts.connectTimeoutMs,
      keepAlive: true,
    });
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
    client.on('error', (err) => this.lost(client, err));
    client.on('end', () => this.lost(client, null));
    try {
      await client.connect();
      await client.query(`LISTEN ${EVENT_CHANNEL}`);
    } catch (err) {
      await client.end().catch(() => {});
      throw err;
    }
    return client;
  }

  /** The connection in use is gone (error, end, or an unanswered probe): reconnect with backoff, forever. */
  private lost(client: pg.Client, err: unknown): void {
    if (this.closed || client !== this.client) return;
    this.client = null;
    this.stopHeartbeat();
    void client.end().catch(() => {});
    this.lostAt = Date.now();
    this.attempt = 0;
    this.log(`event listener connection lost (${reason(err)}); reconnecting, live updates resume after`);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closed) return;
    const base = Math.min(this.opts.maxDelayMs, this.opts.minDelayMs * 2 ** this.attempt);
    const delay = Math.round(base / 2 + (this.opts.random() * base) / 2);
    this.attempt++;
    this.retry = this.opts.setTimer(() => void this.reconnect(), delay);
  }

  private async reconnect(): Promise<void> {
    this.retry = null;
    if (this.closed) return;
    let client: pg.Client;
    try {
      client = await this.open();
    } catch (err) {
      // Every attempt at the longest delay is logged (about twice a minute), the quick first ones not.
      if (this.opts.minDelayMs * 2 ** this.attempt >= this.opts.maxDelayMs) {
        this.log(`event listener still cannot reach the database after ${this.attempt} attempts (${reason(err)})`);
      }
      this.scheduleReconnect();
      return;
    }
    if (this.closed) {
      await client.end().catch(() => {});
      return;
    }
    this.client = client;
    this.startHeartbeat(client);
    const seconds = ((Date.now() - this.lostAt) / 1000).toFixed(1);
    const dropped = this.dropped ? `, ${this.dropped} held events dropped` : '';
    this.log(`event listener reconnected after ${this.attempt} attempt(s), ${seconds} s${dropped}; consoles told to refetch`);
    this.attempt = 0;
    this.dropped = 0;
    // What this copy published meanwhile goes out now; then everyone here refetches what
    // NOTIFYs from other copies may have carried while we were not listening.
    this.scheduleFlush();
    for (const [tenantId, set] of this.listeners) {
      for (const fn of [...set]) {
        try {
          fn({ tenantId, type: 'resync', id: '' });
        } catch (err) {
          this.log(`a resync subscriber failed: ${reason(err)}`);
        }
      }
    }
  }

  private startHeartbeat(client: pg.Client): void {
    this.stopHeartbeat();
    let probing = false;
    this.heartbeat = setInterval(() => {
      if (probing || client !== this.client) return;
      probing = true;
      const silent = setTimeout(() => this.lost(client, new Error('heartbeat not answered')), this.opts.heartbeatTimeoutMs);
      client
        .query('SELECT 1')
        .catch(() => {})
        .finally(() => {
          clearTimeout(silent);
          probing = false;
        });
    }, this.opts.heartbeatMs);
    this.heartbeat.unref();
  }

  private stopHeartbeat(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
  }

  subscribe(tenantId: string, fn: Listener): () => void {
    let set = this.listeners.get(tenantId);
    if (!set) this.listeners.set(tenantId, (set = new Set()));
    set.add(fn);
    return () => {
      set!.delete(fn);
    };
  }

  /** Never throws: while the connection is down events are held (bounded) and sent once it is back. */
  publish(events: HubEvent[]): void {
    if (events.length === 0 || this.closed) return;
    this.pending.push(...events);
    this.scheduleFlush();
  }

  private scheduleFlush(): void {
    this.timer ??= setTimeout(() => {
      this.timer = null;
      this.flushing = this.flushing.then(() => this.flush());
    }, FLUSH_MS);
  }

  private async flush(): Promise<void> {
    const client = this.client;
    if (!client) {
      this.hold([]);
      return;
    }
    const events = this.pending;
    this.pending = [];
    const chunks: HubEvent[][] = [];
    let cur: HubEvent[] = [];
    for (const e of events) {
      cur.push(e);
      if (JSON.stringify(cur).length > MAX_PAYLOAD) {
        cur.pop();
        if (cur.length) chunks.push(cur);
        cur = [e];
      }
    }
    if (cur.length) chunks.push(cur);
    for (let i = 0; i < chunks.length; i++) {
      try {
        await client.query('SELECT pg_notify($1, $2)', [EVENT_CHANNEL, JSON.stringify(chunks[i])]);
      } catch (err) {
        if (client !== this.client) {
          // The connection went down under us: keep this chunk and the rest for the next one.
          this.hold(chunks.slice(i).flat());
          return;
        }
        this.log(`event publish failed: ${reason(err)}`);
      }
    }
  }

  /** Puts unsent events back in front of newer ones, keeping the newest MAX_HELD. */
  private hold(unsent: HubEvent[]): void {
    this.pending = [...unsent, ...this.pending];
    const over = this.pending.length - MAX_HELD;
    if (over > 0) {
      this.pending.splice(0, over);
      if (this.dropped === 0) this.log(`event listener down: dropping the oldest held events (consoles refetch on reconnect)`);
      this.dropped += over;
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
    if (this.retry) clearTimeout(this.retry);
    this.stopHeartbeat();
    await this.client?.end().catch(() => {});
  }
}

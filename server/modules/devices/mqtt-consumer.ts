/**
 * MQTT ingestion: shared subscriptions (`$share/<group>/<root>/+/devices/+/telemetry`) so the
 * broker splits the stream between app copies (and between the connections of one copy). Topic
 * tsunagari/{tenant_slug}/devices/{device_key}/telemetry; payload `{token, readings: [{ts, kind,
 * value}]}` or a single reading `{token, ts, kind, value}`. The token must be that device's own
 * token (or an ingestion credential of the topic's tenant); anything else is counted and dropped.
 *
 * Delivery: a QoS 1 message is acknowledged to the broker only after its readings are committed
 * (MQTT.js customHandleAcks, MQTT 5). MQTT.js handles one unacknowledged message per connection at a time,
 * so each copy opens several connections and one batcher stores what they hold together (every
 * few ms). Sessions are persistent (clean: false, a stable client id per connection), so messages
 * a crashed copy had not acknowledged are redelivered when it reconnects; the broker holds them
 * meanwhile. Nothing is buffered beyond one message per connection. Re-sent readings are
 * idempotent (device, kind, ts). A bad message is acknowledged and counted, never blocks the stream:
 * bad readings are rejected, rate-limited or quarantined by the ingest path (counted here) and the
 * message acknowledged once the rest is committed. Only an unavailable database keeps messages
 * unacknowledged (tried again every second); a message that fails otherwise, even alone, is
 * acknowledged and counted as dropped rather than retried forever.
 */
import os from 'node:os';
import mqtt, { type MqttClient } from 'mqtt';
import { type IngestAuth, resolveIngestToken } from '../../access/authenticators/ingest-token.js';
import type { AppContext } from '../../context.js';
import { type IngestBatch, type IngestOutcome, ingestReadings, MAX_BATCH } from './telemetry.ingest.js';
import { tenantBySlug } from './telemetry-cache.js';
import { cannotWriteNow } from './telemetry-failures.js';
import { type MqttCounters, tenantCounters, zeroMqttCounters } from './telemetry-stats.js';
export interface MqttConsumerOptions {
  url: string;
  group: string;
  topicRoot?: string;
  /** How long the batcher waits for more messages before storing (ms). */
  flushMs?: number;
  maxBatch?: number;
  /** Connections per app copy: each holds at most one unacknowledged message. */
  connections?: number;
  /** Stable per app copy, so its persistent sessions are resumed after a restart. */
  clientIdPrefix?: string;
  /** Persistent sessions (default) keep unacknowledged messages across a crash; tests may opt out. */
  persistentSession?: boolean;
  onError?: (msg: string, err: unknown) => void;
}

interface Held {
  batch: IngestBatch;
  ack: () => void;
}

const consumers = new Set<TelemetryMqttConsumer>();

const zero = zeroMqttCounters;

/** Counters summed over this process's consumers. */
export function mqttStats(): MqttCounters & { consumers: number } {
  const out: MqttCounters & { consumers: number } = { ...zero(), consumers: consumers.size };
  for (const c of consumers) {
    for (const [k, v] of Object.entries(c.counters) as [keyof MqttCounters, number | boolean][]) {
      if (k === 'connected') out.connected ||= v as boolean;
      else out[k] += v as number;
    }
  }
  return out;
}

/** Readiness (/readyz): this process runs a consumer and at least one of its broker connections is up. */
export function mqttConnected(): boolean {
  for (const c of consumers) if (c.counters.connected) return true;
  return false;
}

export class TelemetryMqttConsumer {
  readonly counters: MqttCounters = zero();
  private clients: MqttClient[] = [];
  private held: Held[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();
  private readonly root: string;
  private readonly flushMs: number;
  private readonly maxBatch: number;
  private readonly connections: number;
  private readonly clientIdPrefix: string;
  private stopped = false;

  constructor(
    private readonly ctx: AppContext,
    private readonly opts: MqttConsumerOptions,
  ) {
    this.root = opts.topicRoot ?? 'tsunagari';
    this.flushMs = opts.flushMs ?? 5;
    this.maxBatch = Math.min(opts.maxBatch ?? 2000, MAX_BATCH);
    this.connections = opts.connections ?? 32;
    this.clientIdPrefix = opts.clientIdPrefix ?? `tsunagari-${opts.group}-${os.hostname()}`.slice(0, 60);
  }

  get topic(): string {
    return `$share/${this.opts.group}/${this.root}/+/devices/+/telemetry`;
  }

  /** Connects and subscribes every connection; resolves once all are subscribed. */
  async start(): Promise<void> {
    consumers.add(this);
    await Promise.all(Array.from({ length: this.connections }, (_, i) => this.connect(i)));
  }

  private connect(i: number): Promise<void> {
    const client = mqtt.connect(this.opts.url, {
      clientId: `${this.clientIdPrefix}-${i}`,
      reconnectPeriod: 1000,
      connectTimeout: 10_000,
      resubscribe: true,
      // MQTT 5: MQTT.js lets us delay acknowledgements only on v5; a session that outlives the
      // connection (an hour) is what lets the broker redeliver after a crash.
      protocolVersion: 5,
      clean: this.opts.persistentSession === false,
      properties: this.opts.persistentSession === false ? {} : { sessionExpiryInterval: 3600 },
      // Called for each QoS 1/2 message; `done` sends the acknowledgement, so it waits for the commit.
      customHandleAcks: (topic, payload, _packet, done) => this.onMessage(topic, payload, () => done(0)),
    });
    this.clients.push(client);
    // QoS 0 messages (at most once by definition) arrive here without an acknowledgement.
    client.on('message', (topic, payload, packet) => {
      if (packet.qos === 0) this.onMessage(topic, payload, () => {});
    });
    client.on('close', () => {
      this.counters.connected = this.clients.some((c) => c.connected);
    });
    client.on('reconnect', () => {
      this.counters.reconnects++;
    });
    client.on('error', (err) => this.opts.onError?.('mqtt client error', err));
    return new Promise((resolve, reject) => {
      let first = true;
      client.on('connect', (ack) => {
        this.counters.connected = true;
        if (!first) return;
        first = false;
        if (ack.sessionPresent) return resolve(); // the broker kept our subscription
        client.subscribe(this.topic, { qos: 1 }, (err, granted) => {
          if (err || granted?.some((g) => g.qos === 128)) reject(err ?? new Error(`subscription to ${this.topic} refused`));
          else resolve();
        });
      });
    });
  }

  private onMessage(topic: string, payload: Buffer, ack: () => void): void {
    this.counters.messages++;
    const parts = topic.split('/');
    let body: unknown;
    try {
      body = JSON.parse(payload.toString('utf8'));
    } catch {
      this.counters.malformed++;
      ack();
      return;
    }
    const [root, slug, devices, key, last] = parts;
    const b = body as { token?: unknown; readings?: unknown; kind?: unknown } | null;
    const readings = b && typeof b === 'object' ? (Array.isArray(b.readings) ? b.readings : b.kind !== undefined ? [b] : null) : null;
    if (
      parts.length !== 5 ||
      root !== this.root ||
      devices !== 'devices' ||
      last !== 'telemetry' ||
      !slug ||
      !key ||
      !readings ||
      readings.length === 0 ||
      readings.length > MAX_BATCH ||
      typeof b!.token !== 'string'
    ) {
      this.counters.malformed++;
      ack();
      return;
    }
    this.authorize(slug, key, b!.token)
      .then((auth) => {
        if (!auth) {
          this.counters.unauthorized++;
          ack();
          return;
        }
        tenantCounters(auth.tenantId).mqtt_messages++;
        // The topic names the device: a reading's own device_id is ignored.
        this.counters.readings_buffered += readings.length;
        this.held.push({ batch: { auth, readings, device: key }, ack });
        this.schedule();
      })
      .catch((err) => {
        // Not acknowledged: the broker redelivers it (after a reconnect at the latest).
        this.counters.flush_errors++;
        this.opts.onError?.('mqtt authorization failed', err);
      });
  }

  private async authorize(slug: string, key: string, token: string): Promise<IngestAuth | null> {
    const [auth, tenantId] = await Promise.all([resolveIngestToken(this.ctx, token), tenantBySlug(this.ctx, slug)]);
    if (!auth || !tenantId || auth.tenantId !== tenantId) return null;
    if (auth.kind === 'device' && auth.deviceKey !== key) return null;
    return { ...auth, deviceKey: key };
  }

  /** One batcher: every connection's held message is stored in the next batch, then acknowledged. */
  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(
      () => {
        this.timer = null;
        this.flushing = this.flushing.then(() => this.flush());
      },
      this.held.length >= this.connections ? 0 : this.flushMs,
    );
  }

  private async flush(): Promise<void> {
    while (this.held.length > 0) {
      const take: Held[] = [];
      let n = 0;
      while (this.held.length > 0 && (take.length === 0 || n + this.held[0]!.batch.readings.length <= this.maxBatch)) {
        const h = this.held.shift()!;
        take.push(h);
        n += h.batch.readings.length;
      }
      try {
        this.count(
          await ingestReadings(
            this.ctx,
            take.map((h) => h.batch),
            'ja',
            'mqtt',
          ),
        );
        this.counters.flushes++;
        for (const h of take) h.ack();
      } catch (err) {
        this.counters.flush_errors++;
        this.opts.onError?.('mqtt telemetry flush failed', err);
        // A failure that is not the database's (the ingest path isolates bad records itself, so
        // this is a defect): store the messages one by one so none holds back the others.
        const retry = cannotWriteNow(err) ? take : await this.oneByOne(take);
        if (retry.length === 0) continue;
        // The database is unavailable: keep them unacknowledged and try again shortly; the broker
        // holds them until then (and redelivers them if this copy stops).
        this.held.unshift(...retry);
        if (this.stopped) return;
        await new Promise((r) => setTimeout(r, 1000).unref());
      }
    }
  }

  /**
   * Stores messages one at a time; returns those to retry (the database is unavailable). A message
   * that still fails otherwise is acknowledged and counted as dropped: never retried forever.
   */
  private async oneByOne(take: Held[]): Promise<Held[]> {
    const retry: Held[] = [];
    for (const h of take) {
      if (retry.length) {
        retry.push(h);
        continue;
      }
      try {
        this.count(await ingestReadings(this.ctx, [h.batch], 'ja', 'mqtt'));
        h.ack();
      } catch (err) {
        if (cannotWriteNow(err)) {
          retry.push(h);
          continue;
        }
        this.counters.dropped++;
        this.opts.onError?.('mqtt telemetry message dropped', err);
        h.ack();
      }
    }
    return retry;
  }

  private count(r: IngestOutcome): void {
    this.counters.rejected += r.rejected.length;
    this.counters.rate_limited += r.counts.rate_limited ?? 0;
    this.counters.quarantined += r.counts.processing_failed ?? 0;
  }

  /** Stops receiving, stores what is held (and acknowledges it), and disconnects. */
  async stop(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    // One last try; what cannot be stored stays unacknowledged for the broker to redeliver.
    this.stopped = true;
    this.flushing = this.flushing.then(() => this.flush());
    await this.flushing;
    const clients = this.clients;
    this.clients = [];
    await Promise.all(clients.map((c) => c.endAsync().catch(() => {})));
    consumers.delete(this);
  }
}

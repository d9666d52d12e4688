/**
 * MQTT ingestion: one shared subscription (`$share/<group>/<root>/+/devices/+/telemetry`) per app
 * copy, so the broker splits the stream between copies. Topic tsunagari/{tenant_slug}/devices/
 * {device_key}/telemetry; payload `{token, readings: [{ts, kind, value}]}` or a single reading
 * `{token, ts, kind, value}`. The token must be that device's own token (or an ingestion
 * credential of the topic's tenant); anything else is counted and dropped. Messages are batched
 * (every 50 ms or 500 readings) into the same insert path as HTTP; a bad message never stops the
 * consumer, and MQTT.js reconnects (and resubscribes) after a broker loss.
 *
 * Delivery: QoS 1, acknowledged on receipt; a crash loses at most the unflushed buffer (≤ 50 ms).
 * Re-sent readings are idempotent (device, kind, ts), so devices may simply retry.
 */
import mqtt, { type MqttClient } from 'mqtt';
import { randomBytes } from 'node:crypto';
import type { AppContext } from '../../context.js';
import { resolveIngestToken, tenantBySlug, type IngestAuth } from './telemetry-auth.js';
import { tenantCounters, type MqttCounters } from './telemetry-stats.js';
import { ingestReadings, MAX_BATCH, type IngestEntry } from './telemetry.ingest.js';

export interface MqttConsumerOptions {
  url: string;
  group: string;
  topicRoot?: string;
  flushMs?: number;
  maxBatch?: number;
  maxInFlight?: number;
  onError?: (msg: string, err: unknown) => void;
}

const consumers = new Set<TelemetryMqttConsumer>();

/** Counters summed over this process's consumers. */
export function mqttStats(): MqttCounters & { consumers: number } {
  const out = { connected: false, messages: 0, malformed: 0, unauthorized: 0, readings_buffered: 0, flushes: 0, flush_errors: 0, reconnects: 0, consumers: consumers.size };
  for (const c of consumers) {
    const k = c.counters;
    out.connected ||= k.connected;
    out.messages += k.messages;
    out.malformed += k.malformed;
    out.unauthorized += k.unauthorized;
    out.readings_buffered += k.readings_buffered;
    out.flushes += k.flushes;
    out.flush_errors += k.flush_errors;
    out.reconnects += k.reconnects;
  }
  return out;
}

export class TelemetryMqttConsumer {
  readonly counters: MqttCounters = { connected: false, messages: 0, malformed: 0, unauthorized: 0, readings_buffered: 0, flushes: 0, flush_errors: 0, reconnects: 0 };
  private client: MqttClient | null = null;
  private buffer: IngestEntry[] = [];
  private timer: NodeJS.Timeout | null = null;
  private inFlight = new Set<Promise<void>>();
  private pendingAuth = new Set<Promise<void>>();
  private readonly root: string;
  private readonly flushMs: number;
  private readonly maxBatch: number;
  private readonly maxInFlight: number;

  constructor(private readonly ctx: AppContext, private readonly opts: MqttConsumerOptions) {
    this.root = opts.topicRoot ?? 'tsunagari';
    this.flushMs = opts.flushMs ?? 50;
    this.maxBatch = Math.min(opts.maxBatch ?? 500, MAX_BATCH);
    this.maxInFlight = opts.maxInFlight ?? 4;
  }

  get topic(): string {
    return `$share/${this.opts.group}/${this.root}/+/devices/+/telemetry`;
  }

  /** Connects and subscribes; resolves once subscribed (the client keeps reconnecting after). */
  start(): Promise<void> {
    consumers.add(this);
    const client = mqtt.connect(this.opts.url, {
      clientId: `tsunagari-${randomBytes(6).toString('hex')}`, clean: true, reconnectPeriod: 1000, connectTimeout: 10_000, resubscribe: true,
    });
    this.client = client;
    client.on('message', (topic, payload) => this.onMessage(topic, payload));
    client.on('close', () => { this.counters.connected = false; });
    client.on('reconnect', () => { this.counters.reconnects++; });
    client.on('error', (err) => this.opts.onError?.('mqtt client error', err));
    return new Promise((resolve, reject) => {
      let first = true;
      client.on('connect', () => {
        this.counters.connected = true;
        if (!first) return;
        first = false;
        client.subscribe(this.topic, { qos: 1 }, (err, granted) => {
          if (err || granted?.some((g) => g.qos === 128)) reject(err ?? new Error(`subscription to ${this.topic} refused`));
          else resolve();
        });
      });
    });
  }

  private onMessage(topic: string, payload: Buffer): void {
    this.counters.messages++;
    const parts = topic.split('/');
    let body: unknown;
    try {
      body = JSON.parse(payload.toString('utf8'));
    } catch {
      this.counters.malformed++;
      return;
    }
    const [root, slug, devices, key, last] = parts;
    const b = body as { token?: unknown; readings?: unknown; kind?: unknown } | null;
    const readings = b && typeof b === 'object' ? (Array.isArray(b.readings) ? b.readings : b.kind !== undefined ? [b] : null) : null;
    if (parts.length !== 5 || root !== this.root || devices !== 'devices' || last !== 'telemetry' || !slug || !key
      || !readings || readings.length === 0 || readings.length > MAX_BATCH || typeof b!.token !== 'string') {
      this.counters.malformed++;
      return;
    }
    const token = b!.token;
    const p = this.authorize(slug, key, token).then((auth) => {
      if (!auth) {
        this.counters.unauthorized++;
        return;
      }
      tenantCounters(auth.tenantId).mqtt_messages++;
      readings.forEach((r, i) => {
        // The topic names the device: a reading's own device_id is ignored.
        const reading = r && typeof r === 'object' && !Array.isArray(r) ? { ...(r as object), device_id: key } : r;
        this.buffer.push({ auth, reading, index: i });
      });
      this.counters.readings_buffered += readings.length;
      this.schedule();
    }).catch((err) => {
      this.counters.unauthorized++;
      this.opts.onError?.('mqtt authorization failed', err);
    }).finally(() => this.pendingAuth.delete(p));
    this.pendingAuth.add(p);
  }

  private async authorize(slug: string, key: string, token: string): Promise<IngestAuth | null> {
    const [auth, tenantId] = await Promise.all([resolveIngestToken(this.ctx, token), tenantBySlug(this.ctx, slug)]);
    if (!auth || !tenantId || auth.tenantId !== tenantId) return null;
    if (auth.kind === 'device' && auth.deviceKey !== key) return null;
    return { ...auth, deviceKey: key };
  }

  private schedule(): void {
    if (this.buffer.length >= this.maxBatch) {
      void this.flush();
      return;
    }
    this.timer ??= setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.flushMs);
  }

  private async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    while (this.buffer.length > 0) {
      if (this.inFlight.size >= this.maxInFlight) {
        await Promise.race(this.inFlight);
        continue;
      }
      const batch = this.buffer.splice(0, this.maxBatch);
      const p = ingestReadings(this.ctx, batch).then(() => {
        this.counters.flushes++;
      }, (err) => {
        this.counters.flush_errors++;
        this.opts.onError?.('mqtt telemetry flush failed', err);
      }).finally(() => this.inFlight.delete(p));
      this.inFlight.add(p);
    }
  }

  /** Stops receiving, writes what is buffered, and disconnects. */
  async stop(): Promise<void> {
    const client = this.client;
    this.client = null;
    if (client) await client.endAsync().catch(() => {});
    await Promise.allSettled([...this.pendingAuth]);
    await this.flush();
    await Promise.allSettled([...this.inFlight]);
    consumers.delete(this);
  }
}

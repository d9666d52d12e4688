/**
 * `npm run simulate -- devices [--url http://127.0.0.1:3000] [--speed 60] [--minutes 10] [--mqtt mqtt://127.0.0.1:1883]`
 *
 * Streams realistic telemetry for the demo municipality's watch devices (docs/SIMULATOR.md): daily
 * rhythms in Asia/Tokyo time (kettle in the morning, motion through the day, lights in the evening,
 * 30-minute power readings over a night-time standby baseline, later mornings at weekends),
 * batteries slowly draining, and a few real anomalies. Time is compressed by --speed and replayed
 * so that it catches up with the real clock exactly when the run ends (the server refuses future
 * timestamps): --minutes 10 --speed 60 replays the last 10 hours in 10 minutes. Stops by itself.
 */
import { parseArgs } from 'node:util';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const TOKYO = 9 * HOUR;
const TYPES = ['motion', 'door', 'power', 'plug', 'light', 'button'] as const;
const PROBE_MAX = 80;

interface Reading {
  device_id: string;
  ts: string;
  kind: string;
  value: number;
}
interface Device {
  key: string;
  type: (typeof TYPES)[number];
  battery: number;
  on: boolean;
  wake: number;
  sleep: number;
  silent: boolean;
  inactive: boolean;
  standby: boolean;
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    url: { type: 'string', default: process.env.TSUNAGARI_URL ?? 'http://127.0.0.1:3000' },
    speed: { type: 'string', default: '60' },
    minutes: { type: 'string', default: '10' },
    mqtt: { type: 'string' },
    token: { type: 'string', default: process.env.TSUNAGARI_INGEST_TOKEN ?? 'demo-ingest-credential-token' },
    tenant: { type: 'string', default: 'demo' },
    batch: { type: 'string', default: '500' },
    seed: { type: 'string', default: '7' },
    quiet: { type: 'boolean', default: false },
  },
});

if (positionals[0] !== 'devices') {
  console.error('usage: npm run simulate -- devices [--url URL] [--speed 60] [--minutes 10] [--mqtt mqtt://host:1883]');
  process.exit(2);
}
const speed = Math.max(1, Number(values.speed));
const minutes = Math.max(0.1, Number(values.minutes));
const batchSize = Math.min(5000, Math.max(1, Number(values.batch)));
if (!Number.isFinite(speed) || !Number.isFinite(minutes)) throw new Error('--speed and --minutes take numbers');
const simSpan = minutes * MIN * speed;
if (simSpan > 6.5 * DAY) throw new Error('--minutes × --speed must stay within 6.5 days (the server rejects older readings)');

// Seeded randomness, so two runs with the same --seed send the same shapes.
let state = Number(values.seed) >>> 0;
const rand = () => {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const between = (a: number, b: number) => a + (b - a) * rand();
const localHour = (t: number) => ((((t + TOKYO) % DAY) + DAY) % DAY) / HOUR;
const weekend = (t: number) => [0, 6].includes(new Date(t + TOKYO).getUTCDay());
const clock = (t: number) => new Date(t + TOKYO).toISOString().slice(5, 16).replace('T', ' ');

async function post(readings: Reading[]): Promise<{ accepted: number; duplicates: number; rejected: { index: number; code: string }[] }> {
  const res = await fetch(`${values.url}/api/v1/telemetry`, {
    method: 'POST',
    headers: { authorization: `Bearer ${values.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ readings }),
  });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(`POST /api/v1/telemetry answered ${res.status}: ${JSON.stringify(body)}`);
  return body;
}

/** Finds the demo devices: one heartbeat per candidate key; unknown keys come back rejected. */
async function discover(): Promise<Device[]> {
  const candidates = TYPES.flatMap((type) => Array.from({ length: PROBE_MAX }, (_, i) => ({ key: `demo-${type}-${i + 1}`, type })));
  const ts = new Date(Date.now() - MIN).toISOString();
  const result = await post(candidates.map((c) => ({ device_id: c.key, ts, kind: 'heartbeat', value: 1 })));
  const unknown = new Set(result.rejected.filter((r) => r.code === 'unknown_device').map((r) => r.index));
  return candidates
    .filter((_, i) => !unknown.has(i))
    .map((c) => ({
      ...c,
      battery: between(40, 95),
      on: false,
      wake: between(5.8, 7.5),
      sleep: between(21.3, 23),
      silent: false,
      inactive: false,
      standby: false,
    }));
}

function readingsFor(d: Device, from: number, to: number, out: Reading[]): void {
  const push = (t: number, kind: string, value: number) => {
    if (t >= from && t < to) out.push({ device_id: d.key, ts: new Date(Math.floor(t)).toISOString(), kind, value });
  };
  const span = to - from;
  const mid = from + span / 2;
  const h = localHour(mid);
  const wake = d.wake + (weekend(mid) ? 0.7 : 0);
  const awake = h >= wake && h < d.sleep;
  const chance = (perHour: number) => rand() < 1 - Math.exp(-perHour * (span / HOUR));
  // Boundaries crossed in [from, to): every 30 minutes for power, every 6 hours for heartbeats and batteries.
  for (let t = Math.ceil(from / (30 * MIN)) * 30 * MIN; t < to; t += 30 * MIN) {
    if (d.type === 'power') {
      const lh = localHour(t);
      const up = lh >= wake && lh < d.sleep;
      const peak = (lh >= wake && lh < wake + 2) || (lh >= 17.5 && lh < 20.5);
      let w = between(35, 55);
      if (up && !d.standby && !d.inactive) w += peak ? between(250, 600) : between(60, 200);
      if (d.standby || d.inactive) w = between(26, 38);
      push(t + 1_000, 'power_w', Math.round(w)); // a second after the seed's aligned readings
    }
  }
  for (let t = Math.ceil(from / (6 * HOUR)) * 6 * HOUR; t < to; t += 6 * HOUR) {
    if (d.type === 'button') push(t + 5_000, 'heartbeat', 1);
    if (['motion', 'door', 'button'].includes(d.type)) {
      d.battery = Math.max(0, d.battery - 0.08);
      push(t + 7_000, 'battery', Math.round(d.battery * 10) / 10);
    }
  }
  if (d.inactive) return;
  const at = () => from + rand() * span;
  switch (d.type) {
    case 'motion':
      if (awake ? chance(1.6) : chance(0.08)) push(at(), 'motion', 1);
      break;
    case 'door':
      if (awake && h > 8.5 && h < 18 && chance(0.25)) push(at(), 'door', 1);
      break;
    case 'plug':
      if (!d.on && ((h >= wake && h < 8.5 && chance(1.2)) || (h >= 14.5 && h < 16 && chance(0.4)))) {
        d.on = true;
        push(at(), 'plug_on', 1);
      } else if (d.on && chance(8)) {
        d.on = false;
        push(at(), 'plug_on', 0);
      }
      break;
    case 'light':
      if (!d.on && h >= 17 && h < d.sleep && chance(1.5)) {
        d.on = true;
        push(at(), 'light_on', 1);
      } else if (d.on && (h >= d.sleep || h < 5)) {
        d.on = false;
        push(at(), 'light_on', 0);
      }
      break;
    default:
      break;
  }
}

async function main(): Promise<void> {
  const devices = await discover();
  if (devices.length === 0)
    throw new Error(`no demo devices answered at ${values.url}: is the demo seeded (SEED_DEMO) and the token right?`);
  const byKey = new Map(devices.map((d) => [d.key, d]));
  const realStart = Date.now();
  const simStart = realStart - (simSpan - minutes * MIN);
  const simAt = (real: number) => simStart + (real - realStart) * speed;
  const counts = TYPES.map((t) => `${t} ${devices.filter((d) => d.type === t).length}`).join(', ');
  console.log(`simulating ${devices.length} demo devices (${counts}) over ${values.mqtt ? `MQTT ${values.mqtt}` : `HTTP ${values.url}`}`);
  console.log(
    `simulated time ${clock(simStart)} → ${clock(simAt(realStart + minutes * MIN))} (Asia/Tokyo), speed ×${speed}, ${minutes} min`,
  );

  // The anomalies (docs/SIMULATOR.md); the seed gave the first two people their story.
  const anomalies: { at: number; label: string; apply: () => Reading[] }[] = [];
  const mark = (key: string, what: (d: Device) => void) => {
    const d = byKey.get(key);
    if (d) what(d);
    return d;
  };
  if (
    mark('demo-motion-2', (d) => {
      d.inactive = true;
    }) &&
    mark('demo-power-2', (d) => {
      d.inactive = true;
    })
  ) {
    console.log(
      'anomaly: the person with demo-motion-2 / demo-power-2 has been inactive since yesterday evening (no motion, power at standby)',
    );
  }
  if (
    mark('demo-power-3', (d) => {
      d.standby = true;
    })
  )
    console.log('anomaly: demo-power-3 stays at the fridge-only standby baseline all day');
  const silentKey = devices.filter((d) => d.type === 'motion').at(-1)?.key;
  if (silentKey) {
    anomalies.push({
      at: 0.3,
      label: `${silentKey} goes silent (a device_silent technical alert follows after the silence threshold, 24 h by default)`,
      apply: () => {
        byKey.get(silentKey)!.silent = true;
        return [];
      },
    });
  }
  if (byKey.has('demo-button-1')) {
    anomalies.push({
      at: 0.6,
      label: 'demo-button-1: the emergency button is pressed',
      apply: () => [
        { device_id: 'demo-button-1', ts: new Date(Math.min(Date.now(), simAt(Date.now()))).toISOString(), kind: 'press', value: 1 },
      ],
    });
  }

  let publish: (readings: Reading[]) => Promise<{ accepted: number; duplicates: number; rejected: number }>;
  let close = async () => {};
  if (values.mqtt) {
    const mqtt = await import('mqtt');
    const client = await mqtt.connectAsync(values.mqtt, { clientId: `tsunagari-sim-${process.pid}`, reconnectPeriod: 1000 });
    close = () => client.endAsync();
    publish = async (readings) => {
      const groups = new Map<string, Omit<Reading, 'device_id'>[]>();
      for (const { device_id, ...r } of readings) (groups.get(device_id) ?? groups.set(device_id, []).get(device_id)!).push(r);
      await Promise.all(
        [...groups].map(([key, rs]) =>
          client.publishAsync(
            `tsunagari/${values.tenant}/devices/${key}/telemetry`,
            JSON.stringify({ token: values.token, readings: rs }),
            { qos: 1 },
          ),
        ),
      );
      return { accepted: readings.length, duplicates: 0, rejected: 0 };
    };
  } else {
    publish = async (readings) => {
      const r = await post(readings);
      if (r.rejected.length && !values.quiet) console.log(`  rejected: ${[...new Set(r.rejected.map((x) => x.code))].join(', ')}`);
      return { accepted: r.accepted, duplicates: r.duplicates, rejected: r.rejected.length };
    };
  }

  const end = realStart + minutes * MIN;
  let prev = simStart;
  const total = { sent: 0, accepted: 0 };
  while (Date.now() < end) {
    await new Promise((r) => setTimeout(r, Math.min(2000, Math.max(0, end - Date.now()))));
    const now = Math.min(Date.now(), end);
    const cur = Math.min(simAt(now), now);
    const progress = (now - realStart) / (end - realStart);
    const readings: Reading[] = [];
    for (const a of anomalies.filter((x) => x.at <= progress)) {
      console.log(`anomaly at ${clock(cur)}: ${a.label}`);
      readings.push(...a.apply());
    }
    anomalies.splice(0, anomalies.length, ...anomalies.filter((x) => x.at > progress));
    for (const d of devices) if (!d.silent) readingsFor(d, prev, cur, readings);
    prev = cur;
    for (let i = 0; i < readings.length; i += batchSize) {
      const batch = readings.slice(i, i + batchSize);
      const r = await publish(batch);
      total.sent += batch.length;
      total.accepted += r.accepted;
      if (!values.quiet) {
        const counts: Record<string, number> = {};
        for (const x of batch) counts[x.kind] = (counts[x.kind] ?? 0) + 1;
        const kinds = Object.entries(counts)
          .map(([k, n]) => `${k} ${n}`)
          .join(', ');
        console.log(
          `${clock(cur)}  sent ${batch.length} (${kinds}) → accepted ${r.accepted}${r.duplicates ? `, duplicates ${r.duplicates}` : ''}${r.rejected ? `, rejected ${r.rejected}` : ''}`,
        );
      }
    }
  }
  await close();
  console.log(
    `done: ${total.sent} readings sent, ${total.accepted} accepted. Open the console's 見守りアラート page to follow the alerts.`,
  );
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

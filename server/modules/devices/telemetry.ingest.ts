/**
 * The telemetry hot path, shared by HTTP and MQTT: validate each reading (errors per reading, the
 * rest kept), apply the rate limits (telemetry-limits.ts), store the batch idempotently per
 * (device, kind, ts), evaluate the rules on it (telemetry-rules.ts) and write what they need to
 * remember (device_state), raising an alert in the same transaction as its reading.
 *
 * One bad record never stops the stream (issue #8 §1). Emergency presses are stored first, on
 * their own, so they never wait behind or fail with anything else in the batch. If storing a
 * group fails for any reason but an unavailable database, it is retried per device, then per
 * reading; what still fails is quarantined (telemetry_quarantine) and rejected as
 * `processing_failed`, and the rest is stored. An unavailable database is thrown to the caller
 * (HTTP 503 through the error handler; MQTT leaves the message unacknowledged): nothing is wrong
 * with the readings then. A device whose state row is held by another transaction fails after
 * TELEMETRY_LOCK_TIMEOUT_MS and is handled last, alone, for a minute after (a suspect).
 *
 * Two paths, chosen per group:
 *   - fast: no alert to raise or resolve and no duplicate seen lately. One statement, atomic by
 *     itself: a plain INSERT of the readings and, in the same statement, the UPDATE of the state
 *     rows that need it (bounded by lock_timeout, see telemetry.queries.ts stateUpdate). A
 *     duplicate makes it fail (unique violation) and changes nothing; then
 *   - careful: INSERT … ON CONFLICT DO NOTHING RETURNING which readings were new, the rules on
 *     those only, the state update and any alert.
 * ON CONFLICT costs PostgreSQL about half as much again per row as a plain insert (a speculative
 * insertion probes the index twice), and duplicates are rare (a gateway's retry, a redelivery
 * after a crash), so the fast path is the usual one; after a duplicate, a copy stays on the
 * careful path for DUPLICATE_MODE_MS so a replaying client does not pay for a failed try each time.
 */

import type { IngestAuth } from '../../access/authenticators/ingest-token.js';
import type { AppContext } from '../../context.js';
import { messageFor, type ServerLocale } from '../../i18n.js';
import { devicesFor, settingsOf } from './telemetry-cache.js';
import { hasRoom, rateWindow } from './telemetry-limits.js';
import { storableText, type Valid, validValue } from './telemetry-rules.js';
import { tenantCounters } from './telemetry-stats.js';
import { GroupStore, type IngestBatch } from './telemetry-store.js';
import type { ResolvedSettings } from './watch-settings.js';

export const READING_KINDS = ['press', 'motion', 'door', 'power_w', 'energy_wh', 'plug_on', 'light_on', 'battery', 'heartbeat'] as const;
export type ReadingKind = (typeof READING_KINDS)[number];
const KINDS: ReadonlySet<string> = new Set(READING_KINDS);
export const MAX_BATCH = 5000;
const FUTURE_MS = 5 * 60_000;
const STALE_MS = 7 * 86_400_000;

export type RejectCode =
  | 'unknown_device'
  | 'future_timestamp'
  | 'stale_timestamp'
  | 'invalid_reading'
  | 'rate_limited'
  | 'processing_failed';

export type { IngestBatch } from './telemetry-store.js';

export interface IngestResult {
  accepted: number;
  duplicates: number;
  /** Positions in the sender's batch (per batch when several are stored together). */
  rejected: { index: number; code: RejectCode; message: string }[];
}

export interface IngestOutcome extends IngestResult {
  /** Readings rejected, per code (the MQTT consumer counts them). */
  counts: Partial<Record<RejectCode, number>>;
  /** The sender's own budget (a device token's device, a credential) refused all it sent and nothing was admitted. */
  limited: { retryAfterS: number } | null;
}

/**
 * Ingests readings from one or more senders. Never throws for a bad reading; throws only when
 * the database is unavailable (then nothing was acknowledged that is not stored).
 */
export async function ingestReadings(
  ctx: AppContext,
  batches: IngestBatch[],
  locale: ServerLocale = 'ja',
  source: 'http' | 'mqtt' = 'http',
): Promise<IngestOutcome> {
  const now = ctx.clock.now();
  const nowMs = now.getTime();
  const rejected: IngestResult['rejected'] = [];
  const counts: IngestOutcome['counts'] = {};
  const reject = (auth: IngestAuth, index: number, code: RejectCode) => {
    rejected.push({ index, code, message: messageFor(locale, code) });
    counts[code] = (counts[code] ?? 0) + 1;
    const c = tenantCounters(auth.tenantId);
    c.rejected++;
    if (code === 'rate_limited') c.rate_limited++;
    if (code === 'processing_failed') c.quarantined++;
  };
  const outcome = (accepted: number, duplicates: number, limited: IngestOutcome['limited'] = null): IngestOutcome => {
    if (rejected.length > 1) rejected.sort((a, b) => a.index - b.index);
    return { accepted, duplicates, rejected, counts, limited };
  };

  // 1. Shape, text and time, then the devices (one lookup per tenant for the cache misses).
  const valid: Valid[] = [];
  for (let bi = 0; bi < batches.length; bi++) {
    const b = batches[bi]!;
    const shaped: { index: number; key: string; kind: string; value: number; ts: number }[] = [];
    const keys = new Set<string>();
    for (let index = 0; index < b.readings.length; index++) {
      const r = b.readings[index] as Record<string, unknown> | null;
      if (!r || typeof r !== 'object' || Array.isArray(r)) {
        reject(b.auth, index, 'invalid_reading');
        continue;
      }
      const { kind, value, ts } = r;
      const key = b.device ?? (typeof r.device_id === 'string' ? r.device_id : b.auth.deviceKey);
      if (
        typeof kind !== 'string' ||
        !KINDS.has(kind) ||
        typeof value !== 'number' ||
        !Number.isFinite(value) ||
        !validValue(kind, value) ||
        typeof ts !== 'string' ||
        ts.length > 40 ||
        !storableText(ts) ||
        (key && key.length <= 200 && !storableText(key))
      ) {
        reject(b.auth, index, 'invalid_reading');
        continue;
      }
      const t = Date.parse(ts);
      if (Number.isNaN(t)) {
        reject(b.auth, index, 'invalid_reading');
        continue;
      }
      if (!key || key.length > 200) {
        reject(b.auth, index, 'unknown_device');
        continue;
      }
      shaped.push({ index, key, kind, value, ts: t });
      keys.add(key);
    }
    if (shaped.length === 0) continue;
    const devices = await devicesFor(ctx, b.auth.tenantId, keys);
    for (const s of shaped) {
      const device = devices.get(s.key);
      if (!device || (b.auth.deviceId !== null && b.auth.deviceId !== device.id)) {
        reject(b.auth, s.index, 'unknown_device');
        continue;
      }
      if (s.ts > nowMs + FUTURE_MS) {
        reject(b.auth, s.index, 'future_timestamp');
        continue;
      }
      if (s.ts < nowMs - STALE_MS) {
        reject(b.auth, s.index, 'stale_timestamp');
        continue;
      }
      valid.push({ device, kind: s.kind, ts: s.ts, value: s.value, batch: bi, index: s.index });
    }
  }

  // 2. Rate limits: per device (presses on a budget of their own) and per ingestion credential.
  const rw = rateWindow(ctx, nowMs);
  const cfg = ctx.config;
  const admitted: Valid[] = [];
  const credentialCounters = batches.map((b) =>
    b.auth.credentialId
      ? rw.counter('credential', b.auth.tenantId, b.auth.credentialId, b.auth.readingsPerMinute ?? cfg.telemetryCredentialReadingsPerMinute)
      : null,
  );
  let refusedBySender = 0;
  for (const v of valid) {
    const auth = batches[v.batch]!.auth;
    const d = v.device;
    if (v.kind === 'press') {
      const pc = rw.counter('press', d.tenantId, d.id, cfg.telemetryPressesPerMinute);
      if (hasRoom(pc)) {
        pc.pending++;
        admitted.push(v);
        continue;
      }
      if (auth.kind === 'device') refusedBySender++;
    } else {
      const dc = rw.counter('device', d.tenantId, d.id, cfg.telemetryDeviceReadingsPerMinute);
      const cc = credentialCounters[v.batch]!;
      const credentialFull = cc !== null && !hasRoom(cc);
      if (hasRoom(dc) && !credentialFull) {
        dc.pending++;
        if (cc) cc.pending++;
        admitted.push(v);
        continue;
      }
      if (auth.kind === 'device' || credentialFull) refusedBySender++;
    }
    reject(auth, v.index, 'rate_limited');
  }
  if (admitted.length === 0) return outcome(0, 0, refusedBySender > 0 ? { retryAfterS: rw.retryAfterS } : null);

  // 3. Store and apply: presses first, then the rest; each group isolated from its bad records.
  const store = new GroupStore(ctx, batches, await settingsByTenant(ctx, admitted), now, source);
  const presses = admitted.filter((v) => v.kind === 'press');
  const others = presses.length ? admitted.filter((v) => v.kind !== 'press') : admitted;
  let accepted = 0;
  if (presses.length) accepted += await store.isolated(presses);
  if (others.length) accepted += await store.isolated(others);
  for (const v of store.quarantined) reject(batches[v.batch]!.auth, v.index, 'processing_failed');

  // Counters split accepted/duplicates per tenant only approximately when a batch mixes tenants.
  const stored = admitted.length - store.quarantined.length;
  const perTenant = new Map<string, number>();
  for (const v of admitted) perTenant.set(v.device.tenantId, (perTenant.get(v.device.tenantId) ?? 0) + 1);
  let left = accepted;
  for (const [tenantId, n] of perTenant) {
    const acc = Math.min(n, left);
    left -= acc;
    const c = tenantCounters(tenantId);
    c.accepted += acc;
    c.duplicates += Math.max(0, n - acc);
  }
  return outcome(accepted, stored - accepted);
}

async function settingsByTenant(ctx: AppContext, valid: Valid[]): Promise<Map<string, ResolvedSettings>> {
  const persons = new Map<string, Set<string>>();
  for (const v of valid) {
    let set = persons.get(v.device.tenantId);
    if (!set) persons.set(v.device.tenantId, (set = new Set()));
    set.add(v.device.personId);
  }
  const out = new Map<string, ResolvedSettings>();
  for (const [tenantId, ids] of persons) for (const [id, s] of await settingsOf(ctx, tenantId, ids)) out.set(id, s);
  return out;
}

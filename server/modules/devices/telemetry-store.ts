/**
 * Storing one ingest call's readings so that one bad record never stops the stream (issue #8
 * §1): a group that fails for any reason but an unavailable database is split per device, then
 * per reading, and what still fails is quarantined (telemetry_quarantine). A device whose state
 * row another transaction held is a suspect for a minute: written last and alone. Each group
 * goes the fast or the careful path (telemetry.ingest.ts explains both).
 */
import { uuidv7 } from 'uuidv7';
import type { IngestAuth } from '../../access/authenticators/ingest-token.js';
import type { AppContext } from '../../context.js';
import type { DB } from '../../db/database.js';
import { type Emit, withTransaction } from '../../db/transaction.js';
import { raiseAlert, resolveRecoveredDeviceAlerts, type TechnicalAlertType } from '../alerts/alerts.service.js';
import {
  insertQuarantine,
  insertReadingsCareful,
  insertReadingsFast,
  type QuarantineRow,
  setLockTimeout,
  writeState,
} from './telemetry.queries.js';
import { type CachedDevice, forgetOpenTechnical, openTechnicalOf } from './telemetry-cache.js';
import { cannotWriteNow, failureReason, isDeviceWide } from './telemetry-failures.js';
import {
  type Agg,
  aggregate,
  batteryAlertDue,
  batteryAlertRaised,
  batteryRecovered,
  needsWrite,
  readingRows,
  recoveriesOf,
  rememberWritten,
  stateRows,
  storable,
  type Valid,
  writtenOf,
} from './telemetry-rules.js';
import type { ResolvedSettings } from './watch-settings.js';

/** Readings from one sender: an HTTP request, or one MQTT message. */
export interface IngestBatch {
  auth: IngestAuth;
  readings: unknown[];
  /** The device all readings are for (an MQTT topic names it); a reading's own device_id is then ignored. */
  device?: string;
}

const DUPLICATE_MODE_MS = 10_000;
const SUSPECT_MS = 60_000;

const duplicateSeenAt = new WeakMap<object, number>();
/** Devices whose state row was held by another transaction lately: handled last and alone. */
const suspects = new WeakMap<object, Map<string, number>>();
function suspectsOf(ctx: AppContext): Map<string, number> {
  let m = suspects.get(ctx.db);
  if (!m) suspects.set(ctx.db, (m = new Map()));
  return m;
}

async function retrying<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (attempt >= 4 || (code !== '40P01' && code !== '40001')) throw err;
    }
  }
}

function byDevice(group: Valid[]): Valid[][] {
  const m = new Map<CachedDevice, Valid[]>();
  for (const v of group) {
    const l = m.get(v.device);
    if (l) l.push(v);
    else m.set(v.device, [v]);
  }
  return [...m.values()];
}

/** Stores groups of one ingest call, splitting a group that fails until only its bad records are left. */
export class GroupStore {
  readonly quarantined: Valid[] = [];
  private readonly nowMs: number;
  private readonly written;
  private readonly suspects: Map<string, number>;

  constructor(
    private readonly ctx: AppContext,
    private readonly batches: IngestBatch[],
    private readonly settings: Map<string, ResolvedSettings>,
    private readonly now: Date,
    private readonly source: 'http' | 'mqtt',
  ) {
    this.nowMs = now.getTime();
    this.written = writtenOf(ctx);
    this.suspects = suspectsOf(ctx);
  }

  private suspect(d: CachedDevice): boolean {
    const at = this.suspects.get(d.id);
    if (at === undefined) return false;
    if (this.nowMs - at < SUSPECT_MS) return true;
    this.suspects.delete(d.id);
    return false;
  }

  /** Stores a group; returns how many readings were new. Throws only when the database is unavailable. */
  async isolated(group: Valid[]): Promise<number> {
    if (this.suspects.size > 0) {
      const held = group.filter((v) => this.suspect(v.device));
      if (held.length > 0) {
        let n = await this.attempt(group.filter((v) => !this.suspect(v.device)));
        for (const g of byDevice(held)) n += await this.attempt(g);
        return n;
      }
    }
    return this.attempt(group);
  }

  private async attempt(group: Valid[]): Promise<number> {
    if (group.length === 0) return 0;
    try {
      return await this.storeGroup(group);
    } catch (err) {
      if (cannotWriteNow(err)) throw err;
      const devices = byDevice(group);
      if (devices.length > 1) {
        let n = 0;
        for (const g of devices) n += await this.attempt(g);
        return n;
      }
      const deviceWide = isDeviceWide(err);
      if (deviceWide) {
        this.suspects.set(group[0]!.device.id, this.nowMs);
        if (this.suspects.size > 10_000) this.suspects.clear();
      } else if (group.length > 1) {
        let n = 0;
        for (const v of group) n += await this.attempt([v]);
        return n;
      }
      // One reading, or a device that fails as a whole. A press still raises its alert if it can
      // be stored without its device's state.
      let n = 0;
      const left: Valid[] = [];
      for (const v of group) {
        if (v.kind === 'press') {
          try {
            n += await this.storePressAlone(v);
            continue;
          } catch (e) {
            if (cannotWriteNow(e)) throw e;
          }
        }
        left.push(v);
      }
      await this.quarantine(left, err);
      return n;
    }
  }

  /** Sets readings aside with why (their own statement; if even that fails, the database is the problem). */
  private async quarantine(vs: Valid[], err: unknown): Promise<void> {
    if (vs.length === 0) return;
    const reason = storable(failureReason(err));
    const rows: QuarantineRow[] = vs.map((v) => {
      const r = this.batches[v.batch]!.readings[v.index] as Record<string, unknown>;
      return {
        tenantId: v.device.tenantId,
        id: uuidv7(),
        deviceId: v.device.id,
        deviceKey: v.device.deviceKey,
        kind: v.kind,
        ts: v.ts,
        value: v.value,
        // Its known fields only, as received (the text in them was checked).
        raw: JSON.stringify({ device_id: v.device.deviceKey, ts: r.ts, kind: r.kind, value: r.value }),
        reason,
        source: this.source,
      };
    });
    await insertQuarantine(this.ctx.db, rows, this.now);
    this.quarantined.push(...vs);
  }

  /** A press whose device cannot be processed: the reading and its alert, without the device's state. */
  private async storePressAlone(v: Valid): Promise<number> {
    return retrying(() =>
      withTransaction(this.ctx, async (trx, emit) => {
        await setLockTimeout(trx, this.ctx.config.telemetryLockTimeoutMs);
        const fresh = await insertReadingsCareful(trx, readingRows([v]), this.now);
        if (fresh.length === 0) return 0;
        await raisePress(trx, v.device, v.ts, this.now, emit);
        return 1;
      }),
    );
  }

  /** The fast or the careful path for one group (see the file's comment). */
  private async storeGroup(group: Valid[]): Promise<number> {
    const { ctx, now, nowMs, written } = this;
    const lockMs = ctx.config.telemetryLockTimeoutMs;
    const open = await this.openTechnical(group);
    const unique: Valid[] = [];
    const aggs = this.rules(group, unique, open);
    const alertsDue = aggs.some((a) => a.presses.length > 0 || a.batteryAlert || a.recover.length > 0);
    const recentDuplicate = nowMs - (duplicateSeenAt.get(ctx.db) ?? -Infinity) < DUPLICATE_MODE_MS;
    if (!alertsDue && !recentDuplicate) {
      const stale = aggs.filter((a) => needsWrite(a, written.get(a.device.id)));
      try {
        const missing = await retrying(() => insertReadingsFast(ctx.db, readingRows(unique), stateRows(stale), now, lockMs));
        if (missing) await retrying(() => withTransaction(ctx, (trx) => writeState(trx, stateRows(stale), now, lockMs)));
        rememberWritten(written, stale);
        return unique.length;
      } catch (err) {
        if ((err as { code?: string }).code !== '23505') throw err;
        duplicateSeenAt.set(ctx.db, nowMs);
      }
    }
    const res = await retrying(() =>
      withTransaction(ctx, async (trx, emit) => {
        await setLockTimeout(trx, lockMs);
        const fresh = (await insertReadingsCareful(trx, readingRows(unique), now)).map((i) => unique[i]!);
        if (fresh.length === 0) return { n: 0, stale: [] as Agg[], aggs: [] as Agg[] };
        const freshAggs = fresh.length === unique.length ? aggs : this.rules(fresh, [], open);
        const stale = freshAggs.filter((a) => needsWrite(a, written.get(a.device.id)));
        if (stale.length) await writeState(trx, stateRows(stale), now, lockMs);
        await this.alerts(trx, freshAggs, emit);
        return { n: fresh.length, stale, aggs: freshAggs };
      }),
    );
    rememberWritten(written, res.stale);
    for (const a of res.aggs) {
      if (a.batteryAlert) batteryAlertRaised(a.device.id, nowMs);
      if (a.recover.some((r) => r.type === 'battery_low')) batteryRecovered(a.device.id);
      if (a.batteryAlert || a.recover.length) forgetOpenTechnical(ctx, a.device.tenantId);
    }
    return res.n;
  }

  /** The batch rules per device, with the alerts due and the technical alerts it resolves. */
  private rules(rows: Valid[], unique: Valid[], open: Map<string, Map<string, Set<TechnicalAlertType>>>): Agg[] {
    const aggs = aggregate(rows, this.settings, unique);
    for (const a of aggs) {
      if (a.batteryAlert && !batteryAlertDue(a.device.id, this.nowMs)) a.batteryAlert = false;
      a.recover = recoveriesOf(a, open.get(a.device.tenantId)?.get(a.device.id));
    }
    return aggs;
  }

  private async openTechnical(group: Valid[]): Promise<Map<string, Map<string, Set<TechnicalAlertType>>>> {
    const out = new Map<string, Map<string, Set<TechnicalAlertType>>>();
    for (const v of group) {
      const t = v.device.tenantId;
      if (!out.has(t)) out.set(t, await openTechnicalOf(this.ctx, t));
    }
    return out;
  }

  /** Alerts the batch raises (emergency button, low battery) or resolves (the device recovered). */
  private async alerts(trx: DB, aggs: Agg[], emit: Emit): Promise<void> {
    const { now } = this;
    for (const a of aggs) {
      const d = a.device;
      // An emergency button is raised even for a paused device or an away person: someone pressed it.
      for (const ts of a.presses) await raisePress(trx, d, ts, now, emit);
      if (a.batteryAlert) {
        await raiseAlert(
          trx,
          {
            tenantId: d.tenantId,
            personId: d.personId,
            deviceId: d.id,
            type: 'battery_low',
            severity: 'low',
            at: now,
            detail: { battery: a.battery!.v, device_key: d.deviceKey },
          },
          emit,
        );
      }
      if (a.recover.length) await resolveRecoveredDeviceAlerts(trx, emit, d.tenantId, a.recover, now);
    }
  }
}

async function raisePress(trx: DB, d: CachedDevice, ts: number, now: Date, emit: Emit): Promise<void> {
  await raiseAlert(
    trx,
    {
      tenantId: d.tenantId,
      personId: d.personId,
      deviceId: d.id,
      type: 'emergency_button',
      severity: 'critical',
      at: now,
      detail: { pressed_at: new Date(ts).toISOString(), device_key: d.deviceKey },
    },
    emit,
  );
}

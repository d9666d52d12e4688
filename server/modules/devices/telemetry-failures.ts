/**
 * Why a telemetry write failed, which decides what the ingest path does with it (issue #8 §1):
 *  - the database is unavailable (connection lost or refused, server shutting down or out of
 *    resources, a standby after failover, a conflict that outlived its retries): nothing is wrong
 *    with the readings, so nothing is quarantined; HTTP answers 503 through the error handler and
 *    MQTT leaves the message unacknowledged for redelivery;
 *  - anything else is about the records in the batch: the batch is split (per device, then per
 *    reading) so the rest is stored, and what still fails is quarantined.
 */

import { AppError, DATABASE_RETRY_AFTER_S, isDatabaseUnavailable } from '../../errors.js';

/**
 * True when the failure says the database cannot take writes now, not that a record is bad:
 * what the error handler already answers with 503 (errors.ts isDatabaseUnavailable: connections
 * lost, refused or timed out, shutdown, too many connections, statement timeout), and also
 * SQLSTATE classes 53 (insufficient resources: disk full, out of memory), 58 (system / I/O
 * error), 57 (operator intervention), 25006 (read-only: a standby after failover), 40001 / 40P01
 * (serialization failure, deadlock: the ingest path has already retried them), a closed pool,
 * and a request past its deadline.
 */
export function cannotWriteNow(err: unknown): boolean {
  // A request past its deadline (REQUEST_TIMEOUT_MS) may start no more statements: 503 request_timeout.
  if (err instanceof AppError) return err.status === 503;
  if (isDatabaseUnavailable(err)) return true;
  const e = err as { code?: unknown; message?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : '';
  if (/^(53|57|58)/.test(code) || code === '25006' || code === '40001' || code === '40P01') return true;
  return typeof e?.message === 'string' && /Cannot use a pool after calling end/.test(e.message);
}

/** The same failure as the HTTP answer: 503 database_unavailable with Retry-After, never a 500. */
export function unavailableError(err: unknown): unknown {
  return isDatabaseUnavailable(err) || err instanceof AppError
    ? err
    : new AppError(503, 'database_unavailable', undefined, { retryAfterS: DATABASE_RETRY_AFTER_S });
}

/**
 * True when the failure concerns a device as a whole rather than one of its readings, so trying
 * its readings one by one would only fail (and wait) again: its state row is locked by another
 * transaction (lock_timeout, SQLSTATE 55P03).
 */
export function isDeviceWide(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === '55P03';
}

/** What the quarantine records as the reason: the SQLSTATE (or error name) and the message, short. */
export function failureReason(err: unknown): string {
  const e = err as { code?: unknown; name?: unknown; message?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : typeof e?.name === 'string' ? e.name : 'Error';
  const message = typeof e?.message === 'string' ? e.message : String(err);
  return `${code}: ${message}`.slice(0, 300);
}

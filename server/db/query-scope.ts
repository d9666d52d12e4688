/**
 * What the statements of one piece of work may do, carried with the work (AsyncLocalStorage)
 * so the pool applies it without every function passing it down: a longer client-side timeout
 * for maintenance (withStatementTimeout), and a request's deadline (RequestDeadline).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { AppError } from '../errors.js';

export interface QueryScope {
  /** Client-side limit for each statement, replacing the pool's (0: none). */
  queryTimeoutMs?: number;
  deadline?: RequestDeadline;
}

export const queryScope = new AsyncLocalStorage<QueryScope>();

/** How a statement can change what is stored, judged from its text and the session's transaction state. */
export type StatementKind = 'read' | 'write' | 'commit' | 'rollback';

const READ = /^\s*(select|show|begin|start\s+transaction|set|savepoint|release|values|explain|listen|unlisten)\b/i;

/** True when the statement may change stored data (conservatively: anything but plain reads and transaction control). */
export function mayWrite(text: string): boolean {
  return !READ.test(text) && !/^\s*(rollback|commit|end)\b/i.test(text);
}

/**
 * Classifies a statement: `commit` ends a transaction that wrote (`dirty`; a read-only
 * transaction's COMMIT saves nothing, and one in a failed transaction rolls back), `write` is a
 * data change that commits by itself (autocommit, including a CTE that inserts), `rollback` may
 * always run. `txStatus` is the session's: I idle, T in a transaction, E in a failed one.
 */
export function statementKind(text: string, txStatus: string | null, dirty: boolean): StatementKind {
  if (/^\s*rollback\b/i.test(text)) return 'rollback';
  if (/^\s*(commit|end)\b/i.test(text)) return txStatus === 'E' ? 'rollback' : dirty ? 'commit' : 'read';
  if (txStatus === 'T' || txStatus === 'E' || !mayWrite(text)) return 'read';
  return 'write';
}

/** Seconds a client should wait before retrying a request that ran out of time. */
export const REQUEST_RETRY_AFTER_S = 2;

/**
 * A request's deadline, seen by the pool. Before it passes nothing changes. When it passes
 * (expire), no statement but ROLLBACK may start any more, so the handler's open transaction can
 * only roll back; a COMMIT or an autocommit write already on its way is waited for (each is
 * bounded by the client-side query timeout), because only its outcome says whether the request
 * saved anything. A request that has committed a write is never cut short: it answers what
 * happened.
 */
export class RequestDeadline {
  private closed = false;
  private committed = false;
  private writing = 0;
  private idle: (() => void)[] = [];

  /** COMMITs and autocommit writes of the request now on their way to the database. */
  get writesInFlight(): number {
    return this.writing;
  }

  /** Called by the pool before a statement starts; returns what to call when it settles, or throws once the deadline has passed. */
  admit(kind: StatementKind): ((ok: boolean) => void) | null {
    if (this.closed && kind !== 'rollback') {
      throw new AppError(503, 'request_timeout', undefined, { retryAfterS: REQUEST_RETRY_AFTER_S });
    }
    if (kind !== 'write' && kind !== 'commit') return null;
    this.writing++;
    return (ok) => {
      this.writing--;
      if (ok) this.committed = true;
      if (this.writing === 0) for (const wake of this.idle.splice(0)) wake();
    };
  }

  /**
   * The deadline passed. Resolves true when the request may now answer 503 request_timeout:
   * nothing it did was committed and nothing it does from now on can be. Resolves false when a
   * write of the request was committed (before, or while this waited): the handler answers.
   */
  async expire(): Promise<boolean> {
    if (this.committed) return false;
    this.closed = true;
    while (this.writing > 0) await new Promise<void>((resolve) => this.idle.push(resolve));
    if (this.committed) {
      this.closed = false;
      return false;
    }
    return true;
  }
}

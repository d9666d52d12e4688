/**
 * The caller owns the transaction (CONVENTIONS.md rule 4). A service opens one with
 * withTransaction and passes `trx` and `emit` down to every function it calls, including other
 * modules' service functions; live events emitted inside are published only after the commit
 * (and dropped on rollback), so no event announces data that does not exist.
 */
import type { EventBus, HubEvent } from '../events/event-bus.js';
import type { DB } from './database.js';

/** Queues a live event for publication after the surrounding transaction commits. */
export type Emit = (e: HubEvent) => void;

/** What a service function needs to write inside its caller's transaction. */
export interface Tx {
  trx: DB;
  emit: Emit;
}

/** Runs fn in a transaction; its emitted events are published once the transaction has committed. */
export async function withTransaction<T>(ctx: { db: DB; events: EventBus }, fn: (trx: DB, emit: Emit) => Promise<T>): Promise<T> {
  const events: HubEvent[] = [];
  const out = await ctx.db.transaction().execute((trx) => fn(trx, (e) => events.push(e)));
  ctx.events.publish(events);
  return out;
}

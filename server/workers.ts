/**
 * Background loops of each app copy: the deadline sweeper and the outbox dispatcher. Both are
 * safe to run in every copy (SKIP LOCKED), so there is no leader to elect.
 */
import type { AppContext } from './context.js';
import { createMailTransport, dispatchOutbox } from './modules/notifications/outbox.js';
import { sweepEscalations, sweepExpired } from './modules/notifications/sweeper.js';

export interface Workers {
  stop(): Promise<void>;
}

export function startWorkers(ctx: AppContext, onError: (msg: string, err: unknown) => void): Workers {
  const transport = createMailTransport(ctx.config.smtpUrl, ctx.config.dataDir);
  let stopped = false;
  const running = new Set<Promise<unknown>>();
  const loop = (name: string, everyMs: number, fn: () => Promise<unknown>) => {
    const tick = async () => {
      if (stopped) return;
      const p = fn().catch((err) => onError(`${name} failed`, err));
      running.add(p);
      await p;
      running.delete(p);
      if (!stopped) timers.push(setTimeout(tick, everyMs));
    };
    timers.push(setTimeout(tick, 0));
  };
  const timers: NodeJS.Timeout[] = [];
  loop('sweeper', ctx.config.sweepIntervalMs, async () => {
    while ((await sweepEscalations(ctx)) > 0 && !stopped);
  });
  loop('dispatcher', ctx.config.dispatchIntervalMs, async () => {
    while ((await dispatchOutbox(ctx, transport)) > 0 && !stopped);
  });
  loop('housekeeping', 3_600_000, () => sweepExpired(ctx));
  return {
    async stop() {
      stopped = true;
      for (const t of timers) clearTimeout(t);
      await Promise.allSettled([...running]);
    },
  };
}

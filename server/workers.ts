/**
 * Background loops of each app copy: the deadline sweeper and the outbox dispatcher. Both are
 * safe to run in every copy (SKIP LOCKED), so there is no leader to elect.
 */
import type { AppContext } from './context.js';
import { createMailTransport, dispatchOutbox } from './modules/notifications/outbox.js';
import { sweepEscalations, sweepExpired } from './modules/notifications/sweeper.js';
import { startDeviceWorkers } from './modules/devices/devices.workers.js';
import { sweepAlerts } from './modules/alerts/ladder.js';
import { createWatchNotifiers, dispatchWatchMessages } from './modules/alerts/watch-notifier.js';
import { createCheckinChannels } from './modules/checkins/checkins.channels.js';
import { sweepCheckins } from './modules/checkins/checkins.sweeper.js';

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
  // The alert escalation ladder (watchers -> hub -> case) and LINE/SMS messages to watchers.
  const watchNotifiers = createWatchNotifiers({ lineChannelAccessToken: ctx.config.lineChannelAccessToken });
  loop('alert-ladder', ctx.config.sweepIntervalMs, () => sweepAlerts(ctx, 500, (err) => onError('alert ladder step failed', err)));
  loop('watch-dispatcher', ctx.config.dispatchIntervalMs, async () => {
    while ((await dispatchWatchMessages(ctx, watchNotifiers)) > 0 && !stopped);
  });
  const checkinChannels = createCheckinChannels(ctx.config);
  loop('checkins', ctx.config.sweepIntervalMs, async () => {
    while ((await sweepCheckins(ctx, checkinChannels)) > 0 && !stopped);
  });
  loop('housekeeping', 3_600_000, () => sweepExpired(ctx));
  const devices = startDeviceWorkers(ctx, onError);
  return {
    async stop() {
      stopped = true;
      await devices.stop();
      for (const t of timers) clearTimeout(t);
      await Promise.allSettled([...running]);
    },
  };
}

/**
 * Background loops of each app copy: the deadline sweeper and the outbox dispatcher. Both are
 * safe to run in every copy (SKIP LOCKED), so there is no leader to elect.
 */
import type { AppContext } from './context.js';
import { createLoops } from './loops.js';
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
  const loops = createLoops(onError);
  const loop = loops.loop;
  loop('sweeper', ctx.config.sweepIntervalMs, async () => {
    while ((await sweepEscalations(ctx)) > 0 && !loops.stopped);
  });
  loop('dispatcher', ctx.config.dispatchIntervalMs, async () => {
    while ((await dispatchOutbox(ctx, transport)) > 0 && !loops.stopped);
  });
  // The alert escalation ladder (watchers -> hub -> case) and LINE/SMS messages to watchers.
  const watchNotifiers = createWatchNotifiers({ lineChannelAccessToken: ctx.config.lineChannelAccessToken });
  loop('alert-ladder', ctx.config.sweepIntervalMs, () => sweepAlerts(ctx, 500, (err) => onError('alert ladder step failed', err)));
  loop('watch-dispatcher', ctx.config.dispatchIntervalMs, async () => {
    while ((await dispatchWatchMessages(ctx, watchNotifiers)) > 0 && !loops.stopped);
  });
  const checkinChannels = createCheckinChannels(ctx.config);
  loop('checkins', ctx.config.sweepIntervalMs, async () => {
    while ((await sweepCheckins(ctx, checkinChannels)) > 0 && !loops.stopped);
  });
  loop('housekeeping', 3_600_000, () => sweepExpired(ctx));
  const devices = startDeviceWorkers(ctx, onError);
  return {
    async stop() {
      const stopping = loops.stop();
      await devices.stop();
      await stopping;
    },
  };
}

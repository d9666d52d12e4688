/**
 * Background loops of each app copy: deadlines (first contact, alert ladder, check-ins, device
 * rules), the outbox dispatcher and housekeeping. All are safe to run in every copy (SKIP LOCKED
 * claims, leases), so there is no leader to elect.
 */
import { purgeLoginThrottle } from './access/authenticators/login-throttle.js';
import { purgeExpiredSessions } from './access/authenticators/session.js';
import { purgeRateLimits } from './access/rate-limit.js';
import type { AppContext } from './context.js';
import { createLoops } from './loops.js';
import { sweepAlerts } from './modules/alerts/ladder.sweeper.js';
import { sweepEscalations } from './modules/cases/escalation.sweeper.js';
import { createCheckinChannels } from './modules/checkins/checkins.channels.js';
import { sweepCheckins } from './modules/checkins/checkins.sweeper.js';
import { purgeIdempotencyKeys } from './modules/concerns/concerns.service.js';
import { startDeviceWorkers } from './modules/devices/devices.workers.js';
import { createMessengers } from './modules/notifications/messengers.js';
import { createMailTransport, dispatchOutbox } from './modules/notifications/outbox.js';

export interface Workers {
  stop(): Promise<void>;
}

export function startWorkers(ctx: AppContext, onError: (msg: string, err: unknown) => void): Workers {
  const deliverers = {
    email: createMailTransport(ctx.config.smtpUrl, ctx.config.dataDir),
    ...createMessengers({ lineChannelAccessToken: ctx.config.lineChannelAccessToken }),
  };
  const loops = createLoops(onError);
  const loop = loops.loop;
  loop('escalations', ctx.config.sweepIntervalMs, async () => {
    while ((await sweepEscalations(ctx)) > 0 && !loops.stopped);
  });
  // Email, LINE and SMS from the outbox (escalations, watcher messages, check-ins by email).
  loop('outbox', ctx.config.dispatchIntervalMs, async () => {
    while ((await dispatchOutbox(ctx, deliverers)) > 0 && !loops.stopped);
  });
  // The alert escalation ladder (watchers -> hub -> case).
  loop('alert-ladder', ctx.config.sweepIntervalMs, () => sweepAlerts(ctx, 500, (err) => onError('alert ladder step failed', err)));
  const checkinChannels = createCheckinChannels(ctx.config);
  loop('checkins', ctx.config.sweepIntervalMs, async () => {
    while ((await sweepCheckins(ctx, checkinChannels)) > 0 && !loops.stopped);
  });
  loop('housekeeping', 3_600_000, async () => {
    await purgeExpiredSessions(ctx);
    await purgeIdempotencyKeys(ctx);
    await purgeRateLimits(ctx.db, new Date(ctx.clock.now().getTime() - 86_400_000));
    await purgeLoginThrottle(ctx);
  });
  const devices = startDeviceWorkers(ctx, onError);
  return {
    async stop() {
      const stopping = loops.stop();
      await devices.stop();
      await stopping;
    },
  };
}

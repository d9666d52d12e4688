import os from 'node:os';
/**
 * Background work of the devices module in each app copy: telemetry partitions (at boot and
 * daily), the deadline rules (inactivity, standby, silence), the daily power-profile check, and
 * the MQTT consumer when MQTT_URL is set. All safe to run in every copy.
 */
import type { AppContext } from '../../context.js';
import { createLoops } from '../../loops.js';
import { sweepDailyProfiles, sweepInactivity, sweepSilence, sweepStandby } from './devices.sweeper.js';
import { TelemetryMqttConsumer } from './mqtt-consumer.js';
import { ensureTelemetryPartitions, purgeQuarantineBefore } from './telemetry.queries.js';
import { purgeTelemetryRateCounts, syncTelemetryLimits } from './telemetry-limits.js';

/** Quarantined readings are kept this long for coordinators to look into. */
const QUARANTINE_DAYS = 90;

export interface DeviceWorkers {
  mqtt: TelemetryMqttConsumer | null;
  stop(): Promise<void>;
}

export async function sweepDeviceRules(ctx: AppContext): Promise<void> {
  while ((await sweepInactivity(ctx)) > 0);
  while ((await sweepStandby(ctx)) > 0);
  while ((await sweepSilence(ctx)) > 0);
  await sweepDailyProfiles(ctx);
}

export function startDeviceWorkers(ctx: AppContext, onError: (msg: string, err: unknown) => void): DeviceWorkers {
  const loops = createLoops(onError);
  const loop = loops.loop;
  loop('telemetry partitions', 86_400_000, () => ensureTelemetryPartitions(ctx.db, ctx.clock.now()));
  loop('device rules', ctx.config.sweepIntervalMs, () => sweepDeviceRules(ctx));
  // Each copy shares its telemetry rate-limit counts with the others (telemetry-limits.ts).
  loop('telemetry rate sync', ctx.config.telemetryRateSyncMs, () => syncTelemetryLimits(ctx));
  loop('telemetry housekeeping', 3_600_000, async () => {
    await purgeTelemetryRateCounts(ctx);
    await purgeQuarantineBefore(ctx.db, new Date(ctx.clock.now().getTime() - QUARANTINE_DAYS * 86_400_000));
  });
  let mqtt: TelemetryMqttConsumer | null = null;
  if (ctx.config.mqttUrl) {
    // A client id stable across restarts (host and port), so this copy's sessions are resumed.
    mqtt = new TelemetryMqttConsumer(ctx, {
      url: ctx.config.mqttUrl,
      group: ctx.config.mqttSharedGroup,
      topicRoot: ctx.config.mqttTopicRoot,
      onError,
      connections: ctx.config.mqttConnections,
      clientIdPrefix: ctx.config.mqttClientId ?? `tsunagari-${os.hostname()}-${ctx.config.port}`.slice(0, 50),
    });
    // The broker may come up later: MQTT.js keeps retrying, so boot does not wait for it.
    mqtt.start().catch((err) => onError('mqtt subscribe failed', err));
  }
  return {
    mqtt,
    async stop() {
      // Stop scheduling first, then let the consumer store and acknowledge what it holds.
      const stopping = loops.stop();
      await mqtt?.stop();
      await stopping;
    },
  };
}

/**
 * A person's watch settings (見守り設定): when the device rules fire (inactivity with quiet hours,
 * standby power, silence, low battery, away periods) and the escalation ladder's timings. A PUT
 * merges the keys it is given (null removes one) and keeps the others; every key is validated
 * (devices.schemas.ts WatchSettingsFields). Deadlines already armed follow the new settings at
 * once: a lower inactivity threshold must not wait for the old, later deadline.
 */
import { audit } from '../../access/audit.js';
import type { Principal, RequestMeta } from '../../access/principal.js';
import { requireAccess } from '../../access/require-access.js';
import type { AppContext } from '../../context.js';
import type { DB } from '../../db/database.js';
import { withTransaction } from '../../db/transaction.js';
import { HOUR_MS } from '../../time.js';
import { ladderTimings } from '../alerts/alerts.service.js';
import { requirePerson } from '../people/people.service.js';
import { lockPersonDeviceStates, mergeWatchSettings, setDeviceDeadlines, storedWatchSettings } from './devices.queries.js';
import type { WatchSettingsBody } from './devices.schemas.js';
import { telemetryCachesChanged } from './telemetry-cache.js';
import { inactivityDueAt, type ResolvedSettings, resolveSettings } from './watch-settings.js';

const dto = (personId: string, settings: Record<string, unknown>) => ({
  person_id: personId,
  settings,
  effective: ladderTimings(settings),
});

export async function getWatchSettings(ctx: AppContext, principal: Principal | null, personId: string) {
  const p = requireAccess(principal, 'alert:read');
  await requirePerson(ctx.db, p.tenantId, personId);
  return dto(personId, await storedWatchSettings(ctx.db, p.tenantId, personId));
}

export async function putWatchSettings(
  ctx: AppContext,
  principal: Principal | null,
  meta: RequestMeta,
  personId: string,
  body: WatchSettingsBody,
) {
  const p = requireAccess(principal, 'watcher:write');
  await requirePerson(ctx.db, p.tenantId, personId);
  const now = ctx.clock.now();
  const patch = Object.fromEntries(Object.entries(body).filter(([, v]) => v !== null));
  const removed = Object.entries(body)
    .filter(([, v]) => v === null)
    .map(([k]) => k);
  const settings = await withTransaction(ctx, async (trx) => {
    const merged = await mergeWatchSettings(trx, p.tenantId, personId, patch, removed, now);
    await rearmDeadlines(trx, p.tenantId, personId, resolveSettings(merged));
    await audit(trx, p, meta, now, [
      { action: 'update', entityType: 'person', entityId: personId, detail: { watch_settings: Object.keys(body) } },
    ]);
    return merged;
  });
  telemetryCachesChanged(ctx, p.tenantId, personId);
  return dto(personId, settings);
}

/**
 * Moves the armed deadlines of a person's devices to what the settings now say: inactivity from
 * the last activity, a standby run from its start, silence from the last reading. Deadlines not
 * armed stay so (the ingest path arms them); the sweeper still re-checks each one when it comes up.
 */
async function rearmDeadlines(trx: DB, tenantId: string, personId: string, s: ResolvedSettings): Promise<void> {
  for (const d of await lockPersonDeviceStates(trx, tenantId, personId)) {
    const inactivity = d.inactivity_due_at && d.last_activity_at ? inactivityDueAt(d.last_activity_at, s) : d.inactivity_due_at;
    const standby = d.standby_due_at && d.standby_since ? new Date(d.standby_since.getTime() + s.standbyHours * HOUR_MS) : d.standby_due_at;
    const silence = d.silence_due_at && d.last_seen_at ? new Date(d.last_seen_at.getTime() + s.silenceHours * HOUR_MS) : d.silence_due_at;
    if (
      +(inactivity ?? 0) !== +(d.inactivity_due_at ?? 0) ||
      +(standby ?? 0) !== +(d.standby_due_at ?? 0) ||
      +(silence ?? 0) !== +(d.silence_due_at ?? 0)
    ) {
      await setDeviceDeadlines(trx, tenantId, d.device_id, { inactivity, standby, silence });
    }
  }
}

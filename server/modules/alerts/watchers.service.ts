/**
 * Watchers (family, neighbours) of a person, notified first when an alert is raised. (The
 * person's watch settings, including the ladder's timings, are the devices module's.)
 */

import type { Selectable } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { audit } from '../../access/audit.js';
import { requireWatcherRead } from '../../access/policies.js';
import type { Principal, RequestMeta } from '../../access/principal.js';
import { requireAccess } from '../../access/require-access.js';
import type { AppContext } from '../../context.js';
import { withTransaction } from '../../db/transaction.js';
import { AppError } from '../../errors.js';
import { deliveryProblem } from '../notifications/channels.service.js';
import { requirePerson } from '../people/people.service.js';
import { deleteWatcherRow, insertWatcher, lockWatcher, updateWatcherRow, watchersOf } from './alerts.queries.js';
import type { WatcherCreate, WatcherPatch } from './alerts.schemas.js';
import type { WatchersTable } from './alerts.tables.js';

type Watcher = Selectable<WatchersTable>;

const dto = (ctx: AppContext, w: Watcher) => ({
  id: w.id,
  person_id: w.person_id,
  name: w.name,
  relation: w.relation,
  channel: w.channel,
  address: w.address,
  priority: w.priority,
  active: w.active,
  created_at: w.created_at.toISOString(),
  person_label: w.person_label,
  // Shown when the watcher is added and on the list, so nobody counts on a message that cannot arrive.
  delivery_problem: deliveryProblem(ctx.config, w.channel),
});

const ADDRESS: Record<Watcher['channel'], RegExp> = {
  email: /^[^\s@]+@[^\s@]+\.[^\s@]+$/,
  line: /^U[0-9a-f]{32}$/, // a LINE user id, as the Messaging API push needs it
  sms: /^\+?[0-9][0-9 -]{6,19}$/,
};
function checkAddress(channel: Watcher['channel'], address: string): string {
  const a = address.trim();
  if (!ADDRESS[channel].test(a)) throw new AppError(400, 'invalid_watcher_address', undefined, { channel });
  return a;
}

export async function listWatchers(ctx: AppContext, principal: Principal | null, meta: RequestMeta, personId: string) {
  const p = requireAccess(principal, 'alert:read');
  requireWatcherRead(p);
  await requirePerson(ctx.db, p.tenantId, personId);
  const rows = await watchersOf(ctx.db, p.tenantId, personId);
  await audit(ctx.db, p, meta, ctx.clock.now(), [{ action: 'read', entityType: 'person', entityId: personId, detail: { watchers: true } }]);
  return { items: rows.map((w) => dto(ctx, w)) };
}

export async function createWatcher(
  ctx: AppContext,
  principal: Principal | null,
  meta: RequestMeta,
  personId: string,
  body: WatcherCreate,
) {
  const p = requireAccess(principal, 'watcher:write');
  await requirePerson(ctx.db, p.tenantId, personId);
  const now = ctx.clock.now();
  const row = await withTransaction(ctx, async (trx) => {
    const w = await insertWatcher(trx, {
      tenant_id: p.tenantId,
      id: uuidv7(),
      person_id: personId,
      name: body.name.trim(),
      relation: body.relation?.trim() || null,
      person_label: body.person_label?.trim() || null,
      channel: body.channel,
      address: checkAddress(body.channel, body.address),
      priority: body.priority ?? 1,
      active: body.active ?? true,
      created_at: now,
    });
    await audit(trx, p, meta, now, [{ action: 'create', entityType: 'person', entityId: personId, detail: { watcher_id: w.id } }]);
    return w;
  });
  return dto(ctx, row);
}

export async function updateWatcher(ctx: AppContext, principal: Principal | null, meta: RequestMeta, id: string, body: WatcherPatch) {
  const p = requireAccess(principal, 'watcher:write');
  const now = ctx.clock.now();
  const row = await withTransaction(ctx, async (trx) => {
    const cur = await lockWatcher(trx, p.tenantId, id);
    if (!cur) throw new AppError(404, 'watcher_not_found');
    const channel = body.channel ?? cur.channel;
    const set: Parameters<typeof updateWatcherRow>[3] = {};
    if (body.name !== undefined) set.name = body.name.trim();
    if (body.relation !== undefined) set.relation = body.relation?.trim() || null;
    if (body.person_label !== undefined) set.person_label = body.person_label?.trim() || null;
    if (body.channel !== undefined || body.address !== undefined) {
      set.channel = channel;
      set.address = checkAddress(channel, body.address ?? cur.address);
    }
    if (body.priority !== undefined) set.priority = body.priority;
    if (body.active !== undefined) set.active = body.active;
    const w = Object.keys(set).length ? await updateWatcherRow(trx, p.tenantId, id, set) : cur;
    await audit(trx, p, meta, now, [
      { action: 'update', entityType: 'person', entityId: cur.person_id, detail: { watcher_id: id, fields: Object.keys(set) } },
    ]);
    return w;
  });
  return dto(ctx, row);
}

export async function deleteWatcher(ctx: AppContext, principal: Principal | null, meta: RequestMeta, id: string): Promise<void> {
  const p = requireAccess(principal, 'watcher:write');
  const now = ctx.clock.now();
  await withTransaction(ctx, async (trx) => {
    const w = await deleteWatcherRow(trx, p.tenantId, id);
    if (!w) throw new AppError(404, 'watcher_not_found');
    await audit(trx, p, meta, now, [
      { action: 'update', entityType: 'person', entityId: w.person_id, detail: { watcher_id: id, deleted: true } },
    ]);
  });
}

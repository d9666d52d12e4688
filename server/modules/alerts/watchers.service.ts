/**
 * Watchers (family, neighbours) of a person, notified first when an alert is raised, and the
 * person's watch settings. The settings JSON is shared with the device rules: a PUT merges the
 * keys it is given (null removes one) and keeps the others.
 */
import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { audit } from '../../access/audit.js';
import type { Principal, RequestMeta } from '../../access/principal.js';
import { requireAccess } from '../../access/require-access.js';
import type { AppContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { requirePerson } from '../people/people.queries.js';
import { watchSettingsOf } from './alerts.queries.js';
import type { WatcherCreate, WatcherPatch } from './alerts.schemas.js';
import type { Selectable } from 'kysely';
import type { WatchersTable } from './alerts.tables.js';
import { ladderTimings } from './ladder.js';
import { telemetryCachesChanged } from '../devices/telemetry-cache.js';
import { requireWatcherRead } from '../../access/policies.js';

type Watcher = Selectable<WatchersTable>;
const dto = (w: Watcher) => ({
  id: w.id, person_id: w.person_id, name: w.name, relation: w.relation, channel: w.channel, address: w.address,
  priority: w.priority, active: w.active, created_at: w.created_at.toISOString(),
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
  const rows = await ctx.db.selectFrom('watchers').selectAll().where('tenant_id', '=', p.tenantId).where('person_id', '=', personId)
    .orderBy('priority').orderBy('created_at').execute();
  await audit(ctx.db, p, meta, ctx.clock.now(), [{ action: 'read', entityType: 'person', entityId: personId, detail: { watchers: true } }]);
  return { items: rows.map(dto) };
}

export async function createWatcher(ctx: AppContext, principal: Principal | null, meta: RequestMeta, personId: string, body: WatcherCreate) {
  const p = requireAccess(principal, 'watcher:write');
  await requirePerson(ctx.db, p.tenantId, personId);
  const now = ctx.clock.now();
  const row = await ctx.db.transaction().execute(async (trx) => {
    const w = await trx.insertInto('watchers').values({
      tenant_id: p.tenantId, id: uuidv7(), person_id: personId, name: body.name.trim(), relation: body.relation?.trim() || null,
      channel: body.channel, address: checkAddress(body.channel, body.address), priority: body.priority ?? 1, active: body.active ?? true, created_at: now,
    }).returningAll().executeTakeFirstOrThrow();
    await audit(trx, p, meta, now, [{ action: 'create', entityType: 'person', entityId: personId, detail: { watcher_id: w.id } }]);
    return w;
  });
  return dto(row);
}

export async function updateWatcher(ctx: AppContext, principal: Principal | null, meta: RequestMeta, id: string, body: WatcherPatch) {
  const p = requireAccess(principal, 'watcher:write');
  const now = ctx.clock.now();
  const row = await ctx.db.transaction().execute(async (trx) => {
    const cur = await trx.selectFrom('watchers').selectAll().where('tenant_id', '=', p.tenantId).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!cur) throw new AppError(404, 'watcher_not_found');
    const channel = body.channel ?? cur.channel;
    const set: Partial<Record<keyof Watcher, unknown>> = {};
    if (body.name !== undefined) set.name = body.name.trim();
    if (body.relation !== undefined) set.relation = body.relation?.trim() || null;
    if (body.channel !== undefined || body.address !== undefined) {
      set.channel = channel;
      set.address = checkAddress(channel, body.address ?? cur.address);
    }
    if (body.priority !== undefined) set.priority = body.priority;
    if (body.active !== undefined) set.active = body.active;
    const w = Object.keys(set).length
      ? await trx.updateTable('watchers').set(set as never).where('tenant_id', '=', p.tenantId).where('id', '=', id).returningAll().executeTakeFirstOrThrow()
      : cur;
    await audit(trx, p, meta, now, [{ action: 'update', entityType: 'person', entityId: cur.person_id, detail: { watcher_id: id, fields: Object.keys(set) } }]);
    return w;
  });
  return dto(row);
}

export async function deleteWatcher(ctx: AppContext, principal: Principal | null, meta: RequestMeta, id: string): Promise<void> {
  const p = requireAccess(principal, 'watcher:write');
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const w = await trx.deleteFrom('watchers').where('tenant_id', '=', p.tenantId).where('id', '=', id).returning('person_id').executeTakeFirst();
    if (!w) throw new AppError(404, 'watcher_not_found');
    await audit(trx, p, meta, now, [{ action: 'update', entityType: 'person', entityId: w.person_id, detail: { watcher_id: id, deleted: true } }]);
  });
}

const settingsDto = (personId: string, settings: Record<string, unknown>) => ({ person_id: personId, settings, effective: ladderTimings(settings) });

export async function getWatchSettings(ctx: AppContext, principal: Principal | null, personId: string) {
  const p = requireAccess(principal, 'alert:read');
  await requirePerson(ctx.db, p.tenantId, personId);
  return settingsDto(personId, await watchSettingsOf(ctx.db, p.tenantId, personId));
}

export async function putWatchSettings(ctx: AppContext, principal: Principal | null, meta: RequestMeta, personId: string, body: Record<string, unknown>) {
  const p = requireAccess(principal, 'watcher:write');
  await requirePerson(ctx.db, p.tenantId, personId);
  const now = ctx.clock.now();
  const patch = JSON.stringify(Object.fromEntries(Object.entries(body).filter(([, v]) => v !== null)));
  const removed = Object.entries(body).filter(([, v]) => v === null).map(([k]) => k);
  // One statement merges into whatever the device rules stored meanwhile.
  const row = await ctx.db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ settings: Record<string, unknown> }>`
      INSERT INTO watch_settings (tenant_id, person_id, settings, updated_at)
      VALUES (${p.tenantId}, ${personId}, (${patch}::jsonb) - ${removed}::text[], ${now})
      ON CONFLICT (tenant_id, person_id) DO UPDATE SET settings = (watch_settings.settings || EXCLUDED.settings) - ${removed}::text[], updated_at = EXCLUDED.updated_at
      RETURNING settings`.execute(trx);
    await audit(trx, p, meta, now, [{ action: 'update', entityType: 'person', entityId: personId, detail: { watch_settings: Object.keys(body) } }]);
    return rows[0]!;
  });
  telemetryCachesChanged(ctx, p.tenantId, personId);
  return settingsDto(personId, row.settings);
}

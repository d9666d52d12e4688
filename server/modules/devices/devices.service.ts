/**
 * Watch devices (見守り機器) registered to a person, their tokens, tenant-wide ingestion
 * credentials for vendor gateways. Tokens are shown once and
 * stored as sha256 hashes; every change is audited.
 */
import { uuidv7 } from 'uuidv7';
import { audit } from '../../access/audit.js';
import { hashIngestToken } from '../../access/authenticators/ingest-token.js';
import type { Principal, RequestMeta } from '../../access/principal.js';
import { requireAccess } from '../../access/require-access.js';
import { newSecret } from '../../access/secrets.js';
import type { AppContext } from '../../context.js';
import { withTransaction } from '../../db/transaction.js';
import { AppError } from '../../errors.js';
import { requirePerson } from '../people/people.service.js';
import {
  type DeviceRow,
  deviceKeyTaken,
  findDevice,
  insertCredential,
  insertDevice,
  listCredentials,
  lockCredential,
  personDevices,
  revokeCredentialRow,
  storedWatchSettings,
  updateCredentialRow,
  updateDeviceRow,
} from './devices.queries.js';
import type { CredentialCreate, CredentialPatch, DeviceCreate, DevicePatch, DeviceView } from './devices.schemas.js';
import { telemetryCachesChanged } from './telemetry-cache.js';
import { resolveSettings } from './watch-settings.js';

const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);

function view(r: DeviceRow): DeviceView {
  return {
    id: r.id,
    person_id: r.person_id,
    device_key: r.device_key,
    type: r.type,
    vendor: r.vendor,
    vendor_device_id: r.vendor_device_id,
    location_in_home: r.location_in_home,
    status: r.status,
    has_token: r.token_hash !== null,
    token_rotated_at: iso(r.token_rotated_at),
    created_at: iso(r.created_at)!,
    updated_at: iso(r.updated_at)!,
    state: {
      last_seen_at: iso(r.last_seen_at),
      last_activity_at: iso(r.last_activity_at),
      battery: r.battery ?? null,
      last_power_w: r.last_power_w ?? null,
      standby_since: iso(r.standby_since),
    },
  };
}

async function deviceOr404(ctx: AppContext, tenantId: string, id: string) {
  const d = await findDevice(ctx.db, tenantId, id);
  if (!d) throw new AppError(404, 'watch_device_not_found');
  return d;
}

export async function listPersonDevices(ctx: AppContext, principal: Principal | null, meta: RequestMeta, personId: string) {
  const p = requireAccess(principal, 'device:read');
  await requirePerson(ctx.db, p.tenantId, personId);
  const rows = await personDevices(ctx.db, p.tenantId, personId);
  await audit(ctx.db, p, meta, ctx.clock.now(), [
    { action: 'read', entityType: 'person', entityId: personId, detail: { devices: rows.length } },
  ]);
  return { items: rows.map(view) };
}

export async function registerDevice(
  ctx: AppContext,
  principal: Principal | null,
  meta: RequestMeta,
  personId: string,
  body: DeviceCreate,
) {
  const p = requireAccess(principal, 'device:write');
  const now = ctx.clock.now();
  const id = uuidv7();
  const token = newSecret();
  const deviceKey = body.device_key ?? `dev-${id.slice(-12)}`;
  const silenceHours = resolveSettings(await storedWatchSettings(ctx.db, p.tenantId, personId)).silenceHours;
  await withTransaction(ctx, async (trx) => {
    await requirePerson(trx, p.tenantId, personId);
    if (await deviceKeyTaken(trx, p.tenantId, deviceKey)) throw new AppError(409, 'device_key_taken');
    await insertDevice(
      trx,
      {
        tenant_id: p.tenantId,
        id,
        device_key: deviceKey,
        person_id: personId,
        type: body.type,
        vendor: body.vendor ?? null,
        vendor_device_id: body.vendor_device_id ?? null,
        location_in_home: body.location_in_home ?? null,
        status: 'active',
        token_hash: hashIngestToken(token),
        token_rotated_at: now,
        created_at: now,
        updated_at: now,
      },
      new Date(now.getTime() + silenceHours * 3_600_000),
    );
    await audit(trx, p, meta, now, [
      { action: 'create', entityType: 'device', entityId: id, detail: { person_id: personId, type: body.type } },
    ]);
  });
  telemetryCachesChanged(ctx, p.tenantId, id);
  return { ...view((await findDevice(ctx.db, p.tenantId, id))!), token };
}

export async function updateDevice(ctx: AppContext, principal: Principal | null, meta: RequestMeta, id: string, body: DevicePatch) {
  const p = requireAccess(principal, 'device:write');
  const now = ctx.clock.now();
  await deviceOr404(ctx, p.tenantId, id);
  await withTransaction(ctx, async (trx) => {
    // A retired device's token dies with it.
    await updateDeviceRow(trx, p.tenantId, id, { ...body, ...(body.status === 'retired' ? { token_hash: null } : {}), updated_at: now });
    await audit(trx, p, meta, now, [
      { action: 'update', entityType: 'device', entityId: id, detail: { fields: Object.keys(body), status: body.status } },
    ]);
  });
  telemetryCachesChanged(ctx, p.tenantId, id);
  return view((await findDevice(ctx.db, p.tenantId, id))!);
}

export async function rotateDeviceToken(ctx: AppContext, principal: Principal | null, meta: RequestMeta, id: string) {
  const p = requireAccess(principal, 'device:write');
  const now = ctx.clock.now();
  const d = await deviceOr404(ctx, p.tenantId, id);
  if (d.status === 'retired') throw new AppError(409, 'device_retired');
  const token = newSecret();
  await withTransaction(ctx, async (trx) => {
    await updateDeviceRow(trx, p.tenantId, id, { token_hash: hashIngestToken(token), token_rotated_at: now, updated_at: now });
    await audit(trx, p, meta, now, [{ action: 'update', entityType: 'device', entityId: id, detail: { token: 'rotated' } }]);
  });
  telemetryCachesChanged(ctx, p.tenantId, id);
  return { ...view((await findDevice(ctx.db, p.tenantId, id))!), token };
}

export async function revokeDeviceToken(ctx: AppContext, principal: Principal | null, meta: RequestMeta, id: string) {
  const p = requireAccess(principal, 'device:write');
  const now = ctx.clock.now();
  await deviceOr404(ctx, p.tenantId, id);
  await withTransaction(ctx, async (trx) => {
    await updateDeviceRow(trx, p.tenantId, id, { token_hash: null, token_rotated_at: now, updated_at: now });
    await audit(trx, p, meta, now, [{ action: 'update', entityType: 'device', entityId: id, detail: { token: 'revoked' } }]);
  });
  telemetryCachesChanged(ctx, p.tenantId, id);
  return view((await findDevice(ctx.db, p.tenantId, id))!);
}

const credView = (c: { id: string; label: string; readings_per_minute: number | null; created_at: Date; revoked_at: Date | null }) => ({
  id: c.id,
  label: c.label,
  readings_per_minute: c.readings_per_minute,
  created_at: iso(c.created_at)!,
  revoked_at: iso(c.revoked_at),
});

export async function createCredential(ctx: AppContext, principal: Principal | null, meta: RequestMeta, body: CredentialCreate) {
  const p = requireAccess(principal, 'device:write');
  const now = ctx.clock.now();
  const id = uuidv7();
  const token = newSecret();
  const row = { id, label: body.label, readings_per_minute: body.readings_per_minute ?? null, created_at: now, revoked_at: null };
  await withTransaction(ctx, async (trx) => {
    await insertCredential(trx, { tenant_id: p.tenantId, token_hash: hashIngestToken(token), ...row });
    await audit(trx, p, meta, now, [
      {
        action: 'create',
        entityType: 'api_key',
        entityId: id,
        detail: { ingest_credential: true, readings_per_minute: row.readings_per_minute },
      },
    ]);
  });
  return { ...credView(row), token };
}

/** Renames a credential or changes its telemetry rate limit (every copy follows at once: device.changed). */
export async function updateCredential(ctx: AppContext, principal: Principal | null, meta: RequestMeta, id: string, body: CredentialPatch) {
  const p = requireAccess(principal, 'device:write');
  const now = ctx.clock.now();
  const row = await withTransaction(ctx, async (trx) => {
    const c = await lockCredential(trx, p.tenantId, id);
    if (!c) throw new AppError(404, 'ingest_credential_not_found');
    const set = {
      ...(body.label !== undefined ? { label: body.label } : {}),
      ...(body.readings_per_minute !== undefined ? { readings_per_minute: body.readings_per_minute } : {}),
    };
    await updateCredentialRow(trx, p.tenantId, id, set);
    await audit(trx, p, meta, now, [{ action: 'update', entityType: 'api_key', entityId: id, detail: { ingest_credential: set } }]);
    return { ...c, ...set };
  });
  telemetryCachesChanged(ctx, p.tenantId, id);
  return credView(row);
}

export async function listIngestCredentials(ctx: AppContext, principal: Principal | null) {
  const p = requireAccess(principal, 'device:write');
  return { items: (await listCredentials(ctx.db, p.tenantId)).map(credView) };
}

export async function revokeCredential(ctx: AppContext, principal: Principal | null, meta: RequestMeta, id: string) {
  const p = requireAccess(principal, 'device:write');
  const now = ctx.clock.now();
  const row = await withTransaction(ctx, async (trx) => {
    const c = await lockCredential(trx, p.tenantId, id);
    if (!c) throw new AppError(404, 'ingest_credential_not_found');
    if (!c.revoked_at) {
      await revokeCredentialRow(trx, p.tenantId, id, now);
      c.revoked_at = now;
    }
    await audit(trx, p, meta, now, [{ action: 'update', entityType: 'api_key', entityId: id, detail: { ingest_credential: 'revoked' } }]);
    return c;
  });
  telemetryCachesChanged(ctx, p.tenantId, id);
  return credView(row);
}

/** Readiness of the MQTT consumer, for /readyz (server/health.ts). */
export { mqttConnected } from './mqtt-consumer.js';
/** Telemetry partitions for this month and the next two, made before the server takes readings (main.ts). */
export { ensureTelemetryPartitions } from './telemetry.queries.js';

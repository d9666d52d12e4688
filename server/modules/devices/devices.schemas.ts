import { type Static, Type } from 'typebox';
import { Nullable, StringEnum, Uuid } from '../../schema-helpers.js';
import { DEVICE_TYPES } from './devices.tables.js';

const DateTime = Type.String({ format: 'date-time' });
const DeviceKey = Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9._:-]+$' });

export const DeviceState = Type.Object({
  last_seen_at: Nullable(DateTime),
  last_activity_at: Nullable(DateTime),
  battery: Nullable(Type.Number()),
  last_power_w: Nullable(Type.Number()),
  standby_since: Nullable(DateTime),
});

export const DeviceView = Type.Object({
  id: Uuid,
  person_id: Uuid,
  device_key: Type.String(),
  type: StringEnum(DEVICE_TYPES),
  vendor: Nullable(Type.String()),
  vendor_device_id: Nullable(Type.String()),
  location_in_home: Nullable(Type.String()),
  status: StringEnum(['active', 'paused', 'retired'] as const),
  has_token: Type.Boolean(),
  token_rotated_at: Nullable(DateTime),
  created_at: DateTime,
  updated_at: DateTime,
  state: DeviceState,
});
export type DeviceView = Static<typeof DeviceView>;

export const DeviceWithToken = Type.Intersect([
  DeviceView,
  Type.Object({ token: Type.String({ description: 'Shown once; store it in the device.' }) }),
]);

export const DeviceCreate = Type.Object(
  {
    type: StringEnum(DEVICE_TYPES),
    device_key: Type.Optional(DeviceKey),
    vendor: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
    vendor_device_id: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    location_in_home: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  },
  { additionalProperties: false },
);
export type DeviceCreate = Static<typeof DeviceCreate>;

export const DevicePatch = Type.Object(
  {
    status: Type.Optional(StringEnum(['active', 'paused', 'retired'] as const)),
    vendor: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
    vendor_device_id: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    location_in_home: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type DevicePatch = Static<typeof DevicePatch>;

/** A credential's own telemetry rate limit: a vendor gateway carrying a whole city needs more than the default. */
const ReadingsPerMinute = Type.Integer({
  minimum: 1,
  maximum: 1_000_000_000,
  description: 'Readings per minute this credential may post (all its devices together); null: TELEMETRY_CREDENTIAL_READINGS_PER_MINUTE',
});
export const CredentialCreate = Type.Object(
  { label: Type.String({ minLength: 1, maxLength: 100 }), readings_per_minute: Type.Optional(Nullable(ReadingsPerMinute)) },
  { additionalProperties: false },
);
export type CredentialCreate = Static<typeof CredentialCreate>;
export const CredentialPatch = Type.Object(
  { label: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })), readings_per_minute: Type.Optional(Nullable(ReadingsPerMinute)) },
  { additionalProperties: false, minProperties: 1 },
);
export type CredentialPatch = Static<typeof CredentialPatch>;
export const CredentialView = Type.Object({
  id: Uuid,
  label: Type.String(),
  readings_per_minute: Nullable(Type.Integer()),
  created_at: DateTime,
  revoked_at: Nullable(DateTime),
});
export const CredentialWithToken = Type.Intersect([CredentialView, Type.Object({ token: Type.String() })]);

/** Readings are checked one by one (errors per reading, the rest kept), so items are loose here. */
export const TelemetryBody = Type.Object(
  {
    readings: Type.Array(
      Type.Object({
        device_id: Type.Optional(Type.String({ description: "The device's device_key; optional with a device token" })),
        ts: Type.Optional(Type.Unknown({ description: 'ISO 8601 with offset' })),
        kind: Type.Optional(
          Type.Unknown({ description: 'press, motion, door, power_w, energy_wh, plug_on, light_on, battery, heartbeat' }),
        ),
        value: Type.Optional(Type.Unknown()),
      }),
      { maxItems: 5000 },
    ),
  },
  { additionalProperties: false },
);
export const TelemetryResult = Type.Object({
  accepted: Type.Integer(),
  duplicates: Type.Integer(),
  rejected: Type.Array(
    Type.Object({
      index: Type.Integer(),
      code: Type.String({
        description:
          'unknown_device, future_timestamp, stale_timestamp, invalid_reading, rate_limited (send it again later), processing_failed (quarantined)',
      }),
      message: Type.String(),
    }),
  ),
});

export const QuarantineQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
    before: Type.Optional(Type.String({ format: 'uuid', description: 'The id of the last item of the previous page' })),
  },
  { additionalProperties: false },
);
export type QuarantineQuery = Static<typeof QuarantineQuery>;

/** A reading set aside because it could not be processed: device ids and the reading only, no personal data. */
export const QuarantineItem = Type.Object({
  id: Uuid,
  device_id: Nullable(Uuid),
  device_key: Nullable(Type.String()),
  kind: Nullable(Type.String()),
  ts: Nullable(DateTime),
  value: Nullable(Type.Number()),
  raw: Nullable(Type.String({ description: 'The reading as received (device_id, ts, kind, value)' })),
  reason: Type.String(),
  source: StringEnum(['http', 'mqtt'] as const),
  received_at: DateTime,
});
export const QuarantineList = Type.Object({ items: Type.Array(QuarantineItem), next_before: Nullable(Uuid) });

export const MqttAuthBody = Type.Object(
  {
    username: Type.String({ maxLength: 300 }),
    password: Type.Optional(Type.String({ maxLength: 300 })),
    clientid: Type.Optional(Type.String({ maxLength: 300 })),
  },
  { additionalProperties: true },
);
export const MqttAclBody = Type.Object(
  {
    username: Type.String({ maxLength: 300 }),
    topic: Type.String({ maxLength: 500 }),
    action: Type.Optional(Type.String({ maxLength: 20 })),
    acc: Type.Optional(Type.Integer()),
    clientid: Type.Optional(Type.String({ maxLength: 300 })),
  },
  { additionalProperties: true },
);
export const MqttDecision = Type.Object({ result: StringEnum(['allow', 'deny'] as const), ok: Type.Boolean() });

/** A local (Asia/Tokyo) time of day, HH:MM. */
const HourMinute = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' });
export const QuietHours = Type.Object({ from: HourMinute, to: HourMinute }, { additionalProperties: false });

/**
 * Every key a person's watch settings may hold, each with its range (DEVICES.md, ALERTS.md). The
 * device rules read these on every batch: a value outside them must never be stored, so unknown
 * keys are refused and each key is checked (400 invalid_input naming the key). null removes a key
 * (back to the default).
 */
export const WatchSettingsFields = {
  inactivityHours: Type.Optional(Nullable(Type.Number({ minimum: 1, maximum: 168 }))),
  quietHours: Type.Optional(Nullable(QuietHours)),
  standbyWatts: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: 10_000 }))),
  standbyHours: Type.Optional(Nullable(Type.Number({ minimum: 1, maximum: 168 }))),
  silenceHours: Type.Optional(Nullable(Type.Number({ minimum: 1, maximum: 720 }))),
  batteryLowPercent: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 99 }))),
  watcherConfirmMinutes: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 1440 }))),
  hubEscalateMinutes: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 10_080 }))),
  awayUntil: Type.Optional(Nullable(DateTime)),
};
export const WatchSettingsBody = Type.Object(WatchSettingsFields, { additionalProperties: false, minProperties: 1 });
export type WatchSettingsBody = Static<typeof WatchSettingsBody>;

export const WatchSettingsSchema = Type.Object({
  person_id: Type.String(),
  /** What is stored for the person (keys left out use the defaults). */
  settings: Type.Record(Type.String(), Type.Unknown()),
  /** The escalation ladder's timings in effect (stored or default). */
  effective: Type.Object({ watcherConfirmMinutes: Type.Number(), hubEscalateMinutes: Type.Number() }),
});

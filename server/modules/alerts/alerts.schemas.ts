import { type Static, Type } from 'typebox';
import { Nullable, StringEnum, Uuid } from '../../schema-helpers.js';
import { ALERT_OUTCOMES, ALERT_TYPES } from './alerts.tables.js';

const Time = Type.String({ format: 'date-time' });

export const AlertQuery = Type.Object(
  {
    status: Type.Optional(StringEnum(['open', 'active', 'acknowledged', 'resolved'] as const)),
    type: Type.Optional(StringEnum(ALERT_TYPES)),
    person_id: Type.Optional(Uuid),
    category: Type.Optional(StringEnum(['welfare', 'technical'] as const)),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 200 })),
  },
  { additionalProperties: false },
);
export type AlertQuery = Static<typeof AlertQuery>;

export const AlertSchema = Type.Object({
  id: Type.String(),
  type: Type.String(),
  category: Type.String(),
  severity: Type.String(),
  status: Type.String(),
  outcome: Nullable(Type.String()),
  person_id: Type.String(),
  /** Only for roles that may read people (person:read). */
  person_name: Nullable(Type.String()),
  /** False when the caller may not see names: the name is hidden, not missing. */
  person_visible: Type.Boolean(),
  device_id: Nullable(Type.String()),
  device_type: Nullable(Type.String()),
  location_in_home: Nullable(Type.String()),
  /** Where the device is: the person's address, area and the room; no name, no welfare data. */
  device_place: Nullable(
    Type.Object({ address: Nullable(Type.String()), area_name: Nullable(Type.String()), location_in_home: Nullable(Type.String()) }),
  ),
  raised_at: Time,
  last_seen_at: Time,
  occurrences: Type.Integer(),
  acknowledged_at: Nullable(Time),
  acknowledged_by_name: Nullable(Type.String()),
  resolved_at: Nullable(Time),
  resolved_via: Nullable(Type.String()),
  ladder: Type.Object({
    watchers_notified_at: Nullable(Time),
    hub_alerted_at: Nullable(Time),
    case_opened_at: Nullable(Time),
    case_id: Nullable(Type.String()),
    next_step_at: Nullable(Time),
    /** The watcher step as it really went (skipped with no watchers; per message, delivered or not). */
    watchers: Type.Object({
      state: StringEnum(['pending', 'skipped', 'done', 'not_delivered'] as const),
      reason: Nullable(Type.String()),
      delivered: Type.Integer(),
      messages: Type.Array(
        Type.Object({
          watcher_id: Type.String(),
          watcher_name: Nullable(Type.String()),
          watcher_relation: Nullable(Type.String()),
          channel: Type.String(),
          status: StringEnum(['sent', 'queued', 'retrying', 'not_delivered'] as const),
          problem: Nullable(Type.String()),
        }),
      ),
    }),
  }),
  /** What the caller may do with this alert. */
  actions: Type.Object({ acknowledge: Type.Boolean(), resolve: Type.Boolean() }),
  detail: Type.Record(Type.String(), Type.Unknown()),
});

export const AlertDetail = Type.Object({
  ...AlertSchema.properties,
  timeline: Type.Array(
    Type.Object({
      id: Type.String(),
      kind: Type.String(),
      at: Time,
      by: Nullable(Type.String()),
      data: Type.Record(Type.String(), Type.Unknown()),
    }),
  ),
});

export const ResolveBody = Type.Object(
  {
    outcome: StringEnum(ALERT_OUTCOMES),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
export type ResolveBody = Static<typeof ResolveBody>;

const WATCH_CHANNELS = ['email', 'line', 'sms'] as const;
export const WatcherCreate = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    relation: Type.Optional(Nullable(Type.String({ maxLength: 50 }))),
    /** How the watcher calls the person (「母」); their messages use it instead of the name. */
    person_label: Type.Optional(Nullable(Type.String({ maxLength: 20 }))),
    channel: StringEnum(WATCH_CHANNELS),
    address: Type.String({ minLength: 1, maxLength: 254 }),
    priority: Type.Optional(Type.Integer({ minimum: 1, maximum: 99 })),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type WatcherCreate = Static<typeof WatcherCreate>;
export const WatcherPatch = Type.Partial(WatcherCreate, { additionalProperties: false });
export type WatcherPatch = Static<typeof WatcherPatch>;

export const WatcherSchema = Type.Object({
  id: Type.String(),
  person_id: Type.String(),
  name: Type.String(),
  relation: Nullable(Type.String()),
  channel: Type.String(),
  address: Type.String(),
  priority: Type.Integer(),
  active: Type.Boolean(),
  created_at: Time,
  person_label: Nullable(Type.String()),
  /** Why messages to this watcher cannot be delivered now (line_not_configured, sms_not_configured), or null. */
  delivery_problem: Nullable(Type.String()),
});

/** Ladder timings are ours; other keys (the device rules' settings) pass through untouched. */
export const TokenParams = Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }) });
export const PublicConfirm = Type.Object({
  /** Deliberately nothing about the person: "the person you watch". */
  type: Type.String(),
  raised_at: Time,
  status: Type.String(),
  confirmed: Type.Boolean(),
  expires_at: Time,
});
export const PublicConfirmBody = Type.Object({ outcome: StringEnum(['safe', 'needs_help'] as const) }, { additionalProperties: false });
export type PublicConfirmBody = Static<typeof PublicConfirmBody>;

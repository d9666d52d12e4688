import { type Static, Type } from 'typebox';
import { StringEnum, Uuid } from '../../schema-helpers.js';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

/** What any reporter says about a concern; the staff, field and resident forms add their own fields. */
export const ConcernFields = {
  category: Type.String({ minLength: 1, maxLength: 64 }),
  description: Type.Optional(Type.String({ maxLength: 2000 })),
  observed_at: Type.Optional(Type.String({ format: 'date-time' })),
  place_text: Type.Optional(Type.String({ maxLength: 200 })),
  latitude: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
  longitude: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
};

export const ConcernCreateBody = Type.Object(
  {
    ...ConcernFields,
    channel: Type.Optional(StringEnum(['web', 'phone', 'counter', 'email', 'other'] as const)),
    reporter_kind: Type.Optional(StringEnum(['staff', 'partner', 'supporter', 'resident'] as const)),
    anonymous: Type.Optional(Type.Boolean()),
    callback_contact: Type.Optional(Type.String({ maxLength: 200 })),
    /** Staff who know whom the call is about (a person already on file); counts as where to go. */
    person_id: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
export type ConcernCreateBody = Static<typeof ConcernCreateBody>;

export const ConcernAck = Type.Object({
  id: Uuid,
  reference: Type.String(),
  received_at: Type.String({ format: 'date-time' }),
  status: Type.String(),
  category: Type.String(),
  outside_area: Type.Boolean(),
});
export type ConcernAck = Static<typeof ConcernAck>;

export const CoarseStatus = Type.Union([Type.Literal('received'), Type.Literal('being_handled'), Type.Literal('closed')]);

export const MyConcern = Type.Object({
  id: Uuid,
  reference: Type.String(),
  category: Type.String(),
  place_text: Type.String(),
  received_at: Type.String({ format: 'date-time' }),
  status: CoarseStatus,
  /** The hub's thank-you to the reporter, if any. */
  thanks_message: Type.Union([Type.String(), Type.Null()]),
  status_changed_at: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

export const TriageItem = Type.Object({
  id: Uuid,
  reference: Type.String(),
  category: Type.String(),
  category_label: Type.String(),
  priority: Type.Integer(),
  description: Type.String(),
  place_text: Type.String(),
  latitude: Type.Union([Type.Number(), Type.Null()]),
  longitude: Type.Union([Type.Number(), Type.Null()]),
  area_id: Nullable(Type.String()),
  area_name: Nullable(Type.String()),
  outside_area: Type.Boolean(),
  observed_at: Type.String({ format: 'date-time' }),
  received_at: Type.String({ format: 'date-time' }),
  channel: Type.String(),
  reporter_kind: Type.String(),
  anonymous: Type.Boolean(),
  /** The partner organisation the report came through (enrolled phone, login, sticker or Open311). */
  partner_name: Nullable(Type.String()),
  possible_duplicates: Type.Integer(),
  /** Neither a point, a place text nor a person: staff must find out where (場所不明). */
  place_unknown: Type.Boolean(),
});
export type TriageItem = Static<typeof TriageItem>;

/** Why a concern is suggested as a duplicate (stable codes; the console translates them). */
export const DUPLICATE_REASONS = ['same_place_text', 'nearby', 'same_person', 'same_household'] as const;
export type DuplicateReason = (typeof DUPLICATE_REASONS)[number];

export const DuplicateSuggestion = Type.Object({
  id: Uuid,
  reference: Type.String(),
  category: Type.String(),
  place_text: Type.String(),
  latitude: Type.Union([Type.Number(), Type.Null()]),
  longitude: Type.Union([Type.Number(), Type.Null()]),
  reasons: Type.Array(StringEnum(DUPLICATE_REASONS)),
  received_at: Type.String({ format: 'date-time' }),
  status: Type.String(),
  case_id: Nullable(Type.String()),
  case_number: Type.Union([Type.Integer(), Type.Null()]),
  distance_m: Type.Union([Type.Number(), Type.Null()]),
});

export const ConcernDetail = Type.Intersect([
  TriageItem,
  Type.Object({
    status: Type.String(),
    callback_contact: Nullable(Type.String()),
    reporter_account_id: Nullable(Type.String()),
    reporter_partner_id: Nullable(Type.String()),
    reporter_name: Nullable(Type.String()),
    triaged_at: Nullable(Type.String({ format: 'date-time' })),
    urgency: Nullable(Type.String()),
    case_id: Nullable(Type.String()),
    person_id: Nullable(Type.String()),
    duplicates: Type.Array(DuplicateSuggestion),
    /** Open cases with a concern near this one's point (none without a point). */
    nearby_cases: Type.Array(
      Type.Object({
        id: Uuid,
        case_number: Type.Integer(),
        status: Type.String(),
        urgency: Type.String(),
        latitude: Type.Number(),
        longitude: Type.Number(),
        distance_m: Type.Number(),
      }),
    ),
    photos: Type.Array(
      Type.Object({ id: Type.String(), width: Type.Integer(), height: Type.Integer(), size: Type.Integer(), content_type: Type.String() }),
    ),
    thanks_message: Nullable(Type.String()),
  }),
]);

export const ThanksBody = Type.Object({ message: Type.String({ minLength: 1, maxLength: 500 }) }, { additionalProperties: false });

export const DismissBody = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 1000 }) }, { additionalProperties: false });

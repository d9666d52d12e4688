import { type Static, type TSchema, Type } from 'typebox';
import { StringEnum, Uuid } from '../../schema-helpers.js';

const N = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const DateTime = Type.String({ format: 'date-time' });
export const CARE_SERVICE_USE = ['unknown', 'none', 'applied', 'certified', 'using'] as const;

export const EmergencyContact = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 100 }), relation: Type.String({ maxLength: 50 }), phone: Type.String({ maxLength: 30 }) },
  { additionalProperties: false },
);

const personFields = {
  name: Type.Optional(N(Type.String({ maxLength: 100 }))),
  kana: Type.Optional(N(Type.String({ maxLength: 100 }))),
  address: Type.Optional(N(Type.String({ maxLength: 200 }))),
  latitude: Type.Optional(N(Type.Number({ minimum: -90, maximum: 90 }))),
  longitude: Type.Optional(N(Type.Number({ minimum: -180, maximum: 180 }))),
  birth_year: Type.Optional(N(Type.Integer({ minimum: 1900, maximum: 2100 }))),
  /** YYYY-MM-DD; sets birth_year too. */
  birth_date: Type.Optional(N(Type.String({ format: 'date' }))),
  phone: Type.Optional(N(Type.String({ maxLength: 30 }))),
  living_alone: Type.Optional(N(Type.Boolean())),
  care_service_use: Type.Optional(StringEnum(CARE_SERVICE_USE)),
  emergency_contacts: Type.Optional(Type.Array(EmergencyContact, { maxItems: 10 })),
  note: Type.Optional(N(Type.String({ maxLength: 4000 }))),
  household_id: Type.Optional(N(Uuid)),
};

export const PersonCreate = Type.Object(personFields, { additionalProperties: false });
export type PersonCreate = Static<typeof PersonCreate>;
export const PersonPatch = Type.Object(personFields, { additionalProperties: false, minProperties: 1 });
export type PersonPatch = Static<typeof PersonPatch>;

export const PersonSummary = Type.Object({
  id: Uuid,
  name: N(Type.String()),
  kana: N(Type.String()),
  address: N(Type.String()),
  birth_year: N(Type.Integer()),
  living_alone: N(Type.Boolean()),
  area_name: N(Type.String()),
  open_cases: Type.Integer(),
});

export const CONSENT_METHODS = ['verbal', 'written'] as const;
/** What information a consent lets the hub share (scope_items). */
export const CONSENT_SCOPES = ['basic', 'health', 'care', 'living', 'family'] as const;
export const CONSENT_STATES = ['active', 'expired', 'withdrawn'] as const;

export const Consent = Type.Object({
  id: Uuid,
  /** A label for people: the covered agencies and kinds (or the free text of older records). */
  shared_with: Type.String(),
  agency_ids: Type.Array(Uuid),
  agency_names: Type.Array(Type.String()),
  agency_kinds: Type.Array(Type.String()),
  scope_items: Type.Array(Type.String()),
  scope: Type.String(),
  method: Type.String(),
  given_at: DateTime,
  expires_at: N(DateTime),
  withdrawn_at: N(DateTime),
  withdrawn_reason: N(Type.String()),
  /** Counts for referrals only when active (not expired, not withdrawn). */
  state: StringEnum(CONSENT_STATES),
  active: Type.Boolean(),
});
export type ConsentDto = Static<typeof Consent>;

/** Age in whole years on today's Tokyo date: exact from birth_date, else from birth_year (approximate). */
export const Age = Type.Object({ years: Type.Integer(), approximate: Type.Boolean() });

export const PersonDetail = Type.Object({
  id: Uuid,
  name: N(Type.String()),
  kana: N(Type.String()),
  address: N(Type.String()),
  latitude: N(Type.Number()),
  longitude: N(Type.Number()),
  area_id: N(Type.String()),
  area_name: N(Type.String()),
  birth_year: N(Type.Integer()),
  birth_date: N(Type.String({ format: 'date' })),
  age: N(Age),
  phone: N(Type.String()),
  living_alone: N(Type.Boolean()),
  care_service_use: Type.String(),
  emergency_contacts: Type.Array(EmergencyContact),
  note: N(Type.String()),
  household: N(
    Type.Object({
      id: Uuid,
      address: N(Type.String()),
      members: Type.Array(Type.Object({ id: Uuid, name: N(Type.String()), kana: N(Type.String()), birth_year: N(Type.Integer()) })),
    }),
  ),
  consents: Type.Array(Consent),
  created_at: DateTime,
  updated_at: DateTime,
});

/**
 * A consent to share: with named agencies and/or every agency of some kinds (at least one of the
 * three: agency_ids, agency_kinds, or the free-text shared_with of older clients, which covers an
 * agency only when it names it or its kind exactly), what information, how it was obtained.
 */
export const ConsentBody = Type.Object(
  {
    agency_ids: Type.Optional(Type.Array(Uuid, { maxItems: 50, uniqueItems: true })),
    agency_kinds: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 60 }), { maxItems: 30, uniqueItems: true })),
    shared_with: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    scope_items: Type.Optional(Type.Array(StringEnum(CONSENT_SCOPES), { maxItems: CONSENT_SCOPES.length, uniqueItems: true })),
    scope: Type.Optional(Type.String({ maxLength: 500 })),
    method: Type.Optional(StringEnum(CONSENT_METHODS)),
    /** When the person consented (default now); never in the future. */
    given_at: Type.Optional(DateTime),
    expires_at: Type.Optional(N(DateTime)),
  },
  { additionalProperties: false },
);
export type ConsentBody = Static<typeof ConsentBody>;

export const WithdrawBody = Type.Object(
  {
    reason: Type.Optional(Type.String({ maxLength: 500 })),
    /** When the person withdrew (default now); never in the future nor before the consent. */
    withdrawn_at: Type.Optional(DateTime),
  },
  { additionalProperties: false },
);
export type WithdrawBody = Static<typeof WithdrawBody>;
export const SearchQuery = Type.Object(
  { q: Type.String({ minLength: 1, maxLength: 100 }), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })) },
  { additionalProperties: false },
);

export const HouseholdCreate = Type.Object(
  {
    address: Type.Optional(Type.String({ maxLength: 200 })),
    latitude: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
    longitude: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
    note: Type.Optional(Type.String({ maxLength: 4000 })),
  },
  { additionalProperties: false },
);
export type HouseholdCreate = Static<typeof HouseholdCreate>;

export const HouseholdSchema = Type.Object({
  id: Uuid,
  address: N(Type.String()),
  latitude: N(Type.Number()),
  longitude: N(Type.Number()),
  area_id: N(Type.String()),
  note: N(Type.String()),
  members: Type.Array(Type.Object({ id: Uuid, name: N(Type.String()), kana: N(Type.String()), birth_year: N(Type.Integer()) })),
});

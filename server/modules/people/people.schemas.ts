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

export const Consent = Type.Object({
  id: Uuid,
  shared_with: Type.String(),
  scope: Type.String(),
  given_at: DateTime,
  withdrawn_at: N(DateTime),
  active: Type.Boolean(),
});

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

export const ConsentBody = Type.Object(
  { shared_with: Type.String({ minLength: 1, maxLength: 200 }), scope: Type.String({ minLength: 1, maxLength: 500 }) },
  { additionalProperties: false },
);
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

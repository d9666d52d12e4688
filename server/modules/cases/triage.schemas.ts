import { type Static, Type } from 'typebox';
import { UrgencySchema, Uuid } from '../../schema-helpers.js';

export const NewPerson = Type.Object(
  {
    name: Type.Optional(Type.String({ maxLength: 100 })),
    kana: Type.Optional(Type.String({ maxLength: 100 })),
    address: Type.Optional(Type.String({ maxLength: 200 })),
    birth_year: Type.Optional(Type.Integer({ minimum: 1900, maximum: 2100 })),
    phone: Type.Optional(Type.String({ maxLength: 30 })),
    living_alone: Type.Optional(Type.Boolean()),
    latitude: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
    longitude: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
  },
  { additionalProperties: false },
);

export const TriageBody = Type.Object(
  {
    urgency: UrgencySchema,
    person_id: Type.Optional(Uuid),
    case_id: Type.Optional(Uuid),
    new_person: Type.Optional(NewPerson),
    /** A known household (世帯) the concern is about, when no single person is identified. */
    household_id: Type.Optional(Uuid),
    assignee_id: Type.Optional(Uuid),
    note: Type.Optional(Type.String({ maxLength: 4000 })),
  },
  { additionalProperties: false },
);
export type TriageBody = Static<typeof TriageBody>;

import { type Static, type TSchema, Type } from 'typebox';
import { StringEnum, Uuid } from '../../schema-helpers.js';

const N = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
export const REFERRAL_STATUSES = ['sent', 'accepted', 'declined', 'completed'] as const;

export const ReferralBody = Type.Object(
  {
    agency_id: Uuid,
    reason: Type.String({ minLength: 1, maxLength: 2000 }),
    legal_basis: Type.Union([Type.Literal('consent'), Type.Literal('vital_interest')]),
    consent_id: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
export type ReferralBody = Static<typeof ReferralBody>;

export const ReferralPatch = Type.Object(
  { status: StringEnum(REFERRAL_STATUSES), outcome: Type.Optional(Type.String({ maxLength: 2000 })) },
  { additionalProperties: false },
);
export type ReferralPatch = Static<typeof ReferralPatch>;

export const ReferralSchema = Type.Object({
  id: Uuid,
  case_id: Uuid,
  agency_id: Uuid,
  agency_name: Type.String(),
  reason: Type.String(),
  status: Type.String(),
  legal_basis: Type.String(),
  consent_id: N(Type.String()),
  outcome: N(Type.String()),
  created_at: Type.String({ format: 'date-time' }),
  updated_at: Type.String({ format: 'date-time' }),
});

export const AgencySchema = Type.Object({ id: Uuid, name: Type.String(), kind: Type.String(), phone: N(Type.String()) });

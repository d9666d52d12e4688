import { type Static, type TSchema, Type } from 'typebox';
import { StringEnum, Uuid } from '../../schema-helpers.js';
import { Consent } from '../people/people.schemas.js';

const N = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
export const REFERRAL_STATUSES = ['sent', 'accepted', 'declined', 'completed'] as const;

export const ReferralBody = Type.Object(
  {
    agency_id: Uuid,
    reason: Type.String({ minLength: 1, maxLength: 2000 }),
    legal_basis: Type.Union([Type.Literal('consent'), Type.Literal('vital_interest')]),
    /** With consent: the consent relied on; left out, the newest active consent covering the agency. */
    consent_id: Type.Optional(Uuid),
    /** Required for protection of life: why consent cannot be obtained and what is at risk. */
    legal_basis_reason: Type.Optional(Type.String({ maxLength: 2000 })),
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
  legal_basis_reason: N(Type.String()),
  outcome: N(Type.String()),
  created_at: Type.String({ format: 'date-time' }),
  updated_at: Type.String({ format: 'date-time' }),
});

export const AgencySchema = Type.Object({ id: Uuid, name: Type.String(), kind: Type.String(), phone: N(Type.String()) });

export const REFERRAL_CHECK_REASONS = ['covered', 'no_person', 'no_consent', 'not_covered', 'expired', 'withdrawn'] as const;
export const ReferralCheckQuery = Type.Object({ agency_id: Uuid }, { additionalProperties: false });
/** Whether a referral of this case to the agency may rest on the person's consent, and why. */
export const ReferralCheckSchema = Type.Object({
  may_proceed: Type.Boolean(),
  reason: StringEnum(REFERRAL_CHECK_REASONS),
  agency: Type.Object({ id: Uuid, name: Type.String(), kind: Type.String() }),
  /** The consent that covers the agency, or the one that would have (expired, withdrawn). */
  consent: N(Consent),
});

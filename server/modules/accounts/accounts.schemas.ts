import { type Static, Type } from 'typebox';
import { ROLES } from '../../access/roles.js';
import { StringEnum } from '../../schema-helpers.js';

export const LoginBody = Type.Object(
  {
    email: Type.String({ format: 'email', maxLength: 254 }),
    password: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBody>;

export const Me = Type.Object({
  account_id: Type.String({ format: 'uuid' }),
  tenant_id: Type.String({ format: 'uuid' }),
  tenant_slug: Type.String(),
  tenant_name: Type.String(),
  email: Type.String(),
  display_name: Type.String(),
  role: StringEnum(ROLES),
  permissions: Type.Array(Type.String()),
  hub_id: Type.Union([Type.String(), Type.Null()]),
  locale: Type.String(),
  csrf_token: Type.String(),
});

export const LoginResponse = Type.Intersect([Me, Type.Object({ expires_at: Type.String({ format: 'date-time' }) })]);

export const AccountSummary = Type.Object({
  id: Type.String(),
  email: Type.String(),
  display_name: Type.String(),
  role: Type.String(),
  hub_id: Type.Union([Type.String(), Type.Null()]),
  disabled: Type.Boolean(),
});

const accountFields = {
  display_name: Type.String({ minLength: 1, maxLength: 100 }),
  role: StringEnum(ROLES),
  password: Type.String({ minLength: 12, maxLength: 200 }),
  hub_id: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
  partner_id: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
  locale: StringEnum(['ja', 'en'] as const),
};

export const AccountCreate = Type.Object(
  {
    email: Type.String({ format: 'email', maxLength: 254 }),
    display_name: accountFields.display_name,
    role: accountFields.role,
    password: accountFields.password,
    hub_id: Type.Optional(accountFields.hub_id),
    partner_id: Type.Optional(accountFields.partner_id),
    locale: Type.Optional(accountFields.locale),
  },
  { additionalProperties: false },
);

export const AccountPatch = Type.Partial(Type.Object({ ...accountFields, disabled: Type.Boolean() }), {
  additionalProperties: false,
  minProperties: 1,
});

export const AuditQuery = Type.Object(
  {
    entity_type: Type.Optional(StringEnum(['person', 'case', 'concern', 'household', 'account', 'session', 'referral'] as const)),
    entity_id: Type.Optional(Type.String({ format: 'uuid' })),
    account_id: Type.Optional(Type.String({ format: 'uuid' })),
    before: Type.Optional(Type.String({ format: 'date-time' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
  },
  { additionalProperties: false },
);

export const AuditEntrySchema = Type.Object({
  id: Type.String(),
  at: Type.String({ format: 'date-time' }),
  account_id: Type.Union([Type.String(), Type.Null()]),
  account_name: Type.Union([Type.String(), Type.Null()]),
  role: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(),
  entity_type: Type.String(),
  entity_id: Type.Union([Type.String(), Type.Null()]),
  ip: Type.Union([Type.String(), Type.Null()]),
  detail: Type.Record(Type.String(), Type.Unknown()),
});

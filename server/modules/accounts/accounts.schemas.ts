import { StringEnum } from '../../schema-helpers.js';
import { Type, type Static } from 'typebox';
import { ROLES } from '../../access/roles.js';

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

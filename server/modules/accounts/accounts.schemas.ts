import { type Static, Type } from 'typebox';
import { AUDIT_ACTIONS, AUDIT_ENTITY_TYPES } from '../../access/audit.js';
import { ROLES } from '../../access/roles.js';
import { exportQueryFields } from '../../export/table-export.js';
import { StringEnum } from '../../schema-helpers.js';

/** A day (taken as midnight in Asia/Tokyo) or an exact time. */
const DateOrTime = Type.Union([Type.String({ format: 'date' }), Type.String({ format: 'date-time' })]);

export const LoginBody = Type.Object(
  {
    email: Type.String({ format: 'email', maxLength: 254 }),
    password: Type.String({ minLength: 1, maxLength: 200 }),
    /** The municipality (its slug), needed only when the server answers 409 tenant_required. */
    tenant: Type.Optional(Type.String({ pattern: '^[a-z0-9][a-z0-9-]{1,62}$' })),
  },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBody>;

export const Me = Type.Object({
  account_id: Type.String({ format: 'uuid' }),
  tenant_id: Type.String({ format: 'uuid' }),
  tenant_slug: Type.String(),
  tenant_name: Type.String(),
  /** The account's email; null for a partner's enrolled phone, which has no account. */
  email: Type.Union([Type.String(), Type.Null()]),
  display_name: Type.String(),
  role: StringEnum(ROLES),
  permissions: Type.Array(Type.String()),
  hub_id: Type.Union([Type.String(), Type.Null()]),
  locale: Type.String(),
  /** Empty for an enrolled phone (bearer token: no cookie, so no CSRF token). */
  csrf_token: Type.String(),
  /** True until the account replaces its one-time password (POST /auth/password); all else is 403 until then. */
  password_change_required: Type.Boolean(),
  /** Set when the caller is an enrolled phone rather than a login. */
  device_id: Type.Optional(Type.String({ format: 'uuid' })),
});

export const PasswordChangeBody = Type.Object(
  {
    current_password: Type.String({ minLength: 1, maxLength: 200 }),
    new_password: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);

export const LoginResponse = Type.Intersect([Me, Type.Object({ expires_at: Type.String({ format: 'date-time' }) })]);

export const AccountSummary = Type.Object({
  id: Type.String(),
  email: Type.String(),
  display_name: Type.String(),
  role: Type.String(),
  hub_id: Type.Union([Type.String(), Type.Null()]),
  disabled: Type.Boolean(),
  password_change_required: Type.Boolean(),
});

const accountFields = {
  display_name: Type.String({ minLength: 1, maxLength: 100 }),
  role: StringEnum(ROLES),
  // Length and strength are judged by access/password-policy.ts (400 password_too_weak / _too_common).
  password: Type.String({ minLength: 1, maxLength: 200 }),
  hub_id: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
  partner_id: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
  locale: StringEnum(['ja', 'en'] as const),
  /** Make the person replace this password at their next login. */
  password_change_required: Type.Boolean(),
};

export const AccountCreate = Type.Object(
  {
    email: Type.String({ format: 'email', maxLength: 254 }),
    display_name: accountFields.display_name,
    role: accountFields.role,
    /** Omitted: the server makes a one-time password (returned once) that must be changed at first login. */
    password: Type.Optional(accountFields.password),
    hub_id: Type.Optional(accountFields.hub_id),
    partner_id: Type.Optional(accountFields.partner_id),
    locale: Type.Optional(accountFields.locale),
    password_change_required: Type.Optional(accountFields.password_change_required),
  },
  { additionalProperties: false },
);

export const AccountPatch = Type.Partial(Type.Object({ ...accountFields, disabled: Type.Boolean() }), {
  additionalProperties: false,
  minProperties: 1,
});

export const AuditQuery = Type.Object(
  {
    entity_type: Type.Optional(StringEnum(AUDIT_ENTITY_TYPES)),
    action: Type.Optional(StringEnum(AUDIT_ACTIONS)),
    entity_id: Type.Optional(Type.String({ format: 'uuid' })),
    account_id: Type.Optional(Type.String({ format: 'uuid' })),
    before: Type.Optional(Type.String({ format: 'date-time' })),
    /** From this day (Asia/Tokyo midnight) or instant. */
    from: Type.Optional(DateOrTime),
    /** To this day (inclusive: its end) or instant (exclusive). */
    to: Type.Optional(DateOrTime),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
  },
  { additionalProperties: false },
);
export type AuditQuery = Static<typeof AuditQuery>;

const { limit: _limit, before: _before, ...auditFilterFields } = AuditQuery.properties;
/** The audit log's filters (no paging: the export holds up to MAX_EXPORT_ROWS rows) and the file format. */
export const AuditExportQuery = Type.Object({ ...auditFilterFields, ...exportQueryFields }, { additionalProperties: false });
export type AuditExportQuery = Static<typeof AuditExportQuery>;

/** A new account; with the one-time password the server made when none was given (shown once). */
export const AccountCreated = Type.Intersect([AccountSummary, Type.Object({ one_time_password: Type.Optional(Type.String()) })]);

/** A reset password, shown once to the admin; the account must replace it at its next login. */
export const PasswordResetResponse = Type.Object({ account: AccountSummary, one_time_password: Type.String() });

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

import { type Static, Type } from 'typebox';
import { exportQueryFields } from '../../export/table-export.js';
import { Nullable as N, StringEnum, Uuid } from '../../schema-helpers.js';
import { AGREEMENT_STATUSES, PARTNER_KINDS, PARTNER_STATUSES } from './partners.tables.js';

const DateTime = Type.String({ format: 'date-time' });
const Day = Type.String({ format: 'date' });
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const OptText = (max: number) => Type.Optional(N(Type.String({ maxLength: max })));

const partnerFields = {
  name: Text(200),
  kind: StringEnum(PARTNER_KINDS),
  contact_name: OptText(100),
  contact_phone: OptText(30),
  contact_email: Type.Optional(N(Type.String({ maxLength: 200, format: 'email' }))),
  address: OptText(300),
  note: OptText(2000),
};
export const PartnerCreate = Type.Object(partnerFields, { additionalProperties: false });
export type PartnerCreate = Static<typeof PartnerCreate>;
export const PartnerPatch = Type.Object(
  {
    ...partnerFields,
    name: Type.Optional(Text(200)),
    kind: Type.Optional(StringEnum(PARTNER_KINDS)),
    status: Type.Optional(StringEnum(PARTNER_STATUSES)),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type PartnerPatch = Static<typeof PartnerPatch>;

const Counts = {
  reports: Type.Integer(),
  useful_reports: Type.Integer(),
  active_devices: Type.Integer(),
};
export const PartnerSummary = Type.Object({
  id: Uuid,
  name: Type.String(),
  kind: Type.String(),
  status: StringEnum(PARTNER_STATUSES),
  contact_name: N(Type.String()),
  ...Counts,
  agreement_status: N(StringEnum(AGREEMENT_STATUSES)),
  renewal_due: N(Day),
});
export const Partner = Type.Object({
  id: Uuid,
  name: Type.String(),
  kind: Type.String(),
  status: StringEnum(PARTNER_STATUSES),
  contact_name: N(Type.String()),
  contact_phone: N(Type.String()),
  contact_email: N(Type.String()),
  address: N(Type.String()),
  note: N(Type.String()),
  created_at: DateTime,
  updated_at: N(DateTime),
  ...Counts,
  reports_last_365_days: Type.Integer(),
  useful_reports_last_365_days: Type.Integer(),
});

export const AgreementCreate = Type.Object(
  {
    signed_on: Day,
    scope: Text(1000),
    contact_person: OptText(100),
    status: Type.Optional(StringEnum(AGREEMENT_STATUSES)),
    renewal_due: Type.Optional(N(Day)),
  },
  { additionalProperties: false },
);
export type AgreementCreate = Static<typeof AgreementCreate>;
export const AgreementPatch = Type.Object(
  {
    signed_on: Type.Optional(Day),
    scope: Type.Optional(Text(1000)),
    contact_person: OptText(100),
    status: Type.Optional(StringEnum(AGREEMENT_STATUSES)),
    renewal_due: Type.Optional(N(Day)),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type AgreementPatch = Static<typeof AgreementPatch>;
export const Agreement = Type.Object({
  id: Uuid,
  partner_id: Uuid,
  partner_name: Type.String(),
  number: Type.Integer(),
  signed_on: Day,
  scope: Type.String(),
  contact_person: N(Type.String()),
  status: StringEnum(AGREEMENT_STATUSES),
  renewal_due: N(Day),
  /** The renewal date falls within RENEWAL_WINDOW_DAYS (or has passed) and the agreement is live. */
  renewal_due_soon: Type.Boolean(),
  sticker_code: Type.String(),
  sticker_url: Type.String(),
  created_at: DateTime,
  updated_at: DateTime,
});

export const PartnerList = Type.Object({ items: Type.Array(PartnerSummary), renewals_due: Type.Array(Agreement) });

export const ReportStatsQuery = Type.Object(
  {
    from: Type.Optional(Type.Union([Day, DateTime])),
    to: Type.Optional(Type.Union([Day, DateTime])),
  },
  { additionalProperties: false },
);
/** The report counts' period and the file format. */
export const ReportStatsExportQuery = Type.Object(
  { ...ReportStatsQuery.properties, ...exportQueryFields },
  { additionalProperties: false },
);
const StatCells = {
  reports: Type.Integer(),
  useful_reports: Type.Integer(),
  previous_reports: Type.Integer(),
  previous_useful_reports: Type.Integer(),
  reports_change: N(Type.Number()),
  useful_reports_change: N(Type.Number()),
};
export const ReportStats = Type.Object({
  from: DateTime,
  to: DateTime,
  previous_from: DateTime,
  previous_to: DateTime,
  target_change: Type.Number(),
  totals: Type.Object(StatCells),
  items: Type.Array(Type.Object({ partner_id: Uuid, name: Type.String(), kind: Type.String(), status: Type.String(), ...StatCells })),
});

// Enrollment, devices, API keys
export const EnrollmentCreate = Type.Object(
  {
    label: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    expires_in_days: Type.Optional(Type.Integer({ minimum: 1, maximum: 90 })),
  },
  { additionalProperties: false },
);
export type EnrollmentCreate = Static<typeof EnrollmentCreate>;
export const EnrollmentCode = Type.Object({
  id: Uuid,
  code: Type.String(),
  url: Type.String(),
  qr_svg: Type.String(),
  expires_at: DateTime,
  label: N(Type.String()),
});
export const InvitationCreate = Type.Object(
  {
    display_name: Text(100),
    email: Type.Optional(Type.String({ maxLength: 200, format: 'email' })),
    expires_in_days: Type.Optional(Type.Integer({ minimum: 1, maximum: 90 })),
  },
  { additionalProperties: false },
);
export type InvitationCreate = Static<typeof InvitationCreate>;
export const Invitation = Type.Object({ ...EnrollmentCode.properties, account_id: Uuid, display_name: Type.String() });

export const EnrollBody = Type.Object(
  { code: Type.String({ minLength: 8, maxLength: 100 }), label: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })) },
  { additionalProperties: false },
);
export type EnrollBody = Static<typeof EnrollBody>;
export const Enrolled = Type.Object({
  token: Type.String(),
  device_id: Uuid,
  kind: StringEnum(['partner', 'supporter'] as const),
  partner_name: N(Type.String()),
  display_name: Type.String(),
  tenant_slug: Type.String(),
  tenant_name: Type.String(),
});
export const DeviceMe = Type.Object({
  device_id: Uuid,
  kind: StringEnum(['partner', 'supporter'] as const),
  label: N(Type.String()),
  partner_id: N(Uuid),
  partner_name: N(Type.String()),
  display_name: Type.String(),
  tenant_slug: Type.String(),
  tenant_name: Type.String(),
});
export const Device = Type.Object({
  id: Uuid,
  kind: StringEnum(['partner', 'supporter'] as const),
  partner_id: N(Uuid),
  partner_name: N(Type.String()),
  account_id: N(Uuid),
  account_name: N(Type.String()),
  label: N(Type.String()),
  user_agent: N(Type.String()),
  created_at: DateTime,
  last_used_at: N(DateTime),
  revoked_at: N(DateTime),
});
export const DeviceList = Type.Object({ items: Type.Array(Device) });
export const DevicesQuery = Type.Object(
  { kind: Type.Optional(StringEnum(['partner', 'supporter'] as const)) },
  { additionalProperties: false },
);

export const ApiKeyCreate = Type.Object({ label: Text(100) }, { additionalProperties: false });
export const ApiKey = Type.Object({
  id: Uuid,
  partner_id: N(Uuid),
  label: Type.String(),
  created_at: DateTime,
  last_used_at: N(DateTime),
  revoked_at: N(DateTime),
});
export const ApiKeyCreated = Type.Object({ ...ApiKey.properties, key: Type.String() });

export const EnrollmentStickerBody = Type.Object(
  { label: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })) },
  { additionalProperties: false },
);

import { type Static, Type } from 'typebox';
import { exportQueryFields } from '../../export/table-export.js';
import { StringEnum, UrgencySchema, Uuid } from '../../schema-helpers.js';

const N = <T extends import('typebox').TSchema>(t: T) => Type.Union([t, Type.Null()]);
const DateTime = Type.String({ format: 'date-time' });

export const OUTCOMES = [
  'connected_to_services',
  'resolved',
  'no_concern_found',
  'moved_away',
  'deceased',
  'declined_support',
  'other',
] as const;
export const CASE_STATUSES = ['open', 'supporting', 'closed'] as const;

export const CaseSchema = Type.Object({
  id: Uuid,
  case_number: Type.Integer(),
  status: StringEnum(CASE_STATUSES),
  outcome: N(Type.String()),
  urgency: UrgencySchema,
  person_id: N(Type.String()),
  person_name: N(Type.String()),
  household_id: N(Type.String()),
  hub_id: N(Type.String()),
  assignee_id: N(Type.String()),
  assignee_name: N(Type.String()),
  received_at: DateTime,
  first_contact_due_at: DateTime,
  first_contact_at: N(DateTime),
  overdue: Type.Boolean(),
  escalated_at: N(DateTime),
  opened_at: DateTime,
  closed_at: N(DateTime),
  concern_count: Type.Integer(),
});
export type CaseDto = Static<typeof CaseSchema>;

export const TimelineEntry = Type.Object({
  kind: StringEnum(['concern', 'contact', 'note', 'referral', 'event'] as const),
  id: Uuid,
  at: DateTime,
  by: N(Type.String()),
  data: Type.Record(Type.String(), Type.Unknown()),
});

export const CaseDetail = Type.Intersect([
  CaseSchema,
  Type.Object({
    first_contact_id: N(Type.String()),
    timeline: Type.Array(TimelineEntry),
  }),
]);

export const CaseListQuery = Type.Object(
  {
    status: Type.Optional(StringEnum(CASE_STATUSES)),
    urgency: Type.Optional(UrgencySchema),
    assignee_id: Type.Optional(Uuid),
    person_id: Type.Optional(Uuid),
    overdue: Type.Optional(Type.Boolean()),
    q: Type.Optional(Type.String({ maxLength: 100 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000, default: 0 })),
  },
  { additionalProperties: false },
);
export type CaseListQuery = Static<typeof CaseListQuery>;

const { limit: _limit, offset: _offset, ...caseFilterFields } = CaseListQuery.properties;
/** The case list's filters (no paging) and the file format. */
export const CaseExportQuery = Type.Object({ ...caseFilterFields, ...exportQueryFields }, { additionalProperties: false });
export type CaseExportQuery = Static<typeof CaseExportQuery>;

export const CasePatch = Type.Object(
  {
    assignee_id: Type.Optional(N(Uuid)),
    status: Type.Optional(StringEnum(CASE_STATUSES)),
    outcome: Type.Optional(StringEnum(OUTCOMES)),
    /** Raise or lower the urgency after triage; the first-contact deadline is recomputed from receipt. */
    urgency: Type.Optional(UrgencySchema),
    /** Required with a change of urgency; shown in the timeline. */
    urgency_reason: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type CasePatch = Static<typeof CasePatch>;

export const ContactBody = Type.Object(
  {
    method: Type.Union([Type.Literal('visit'), Type.Literal('phone'), Type.Literal('other')]),
    reached: Type.Boolean(),
    settled: Type.Optional(Type.Boolean()),
    occurred_at: DateTime,
    note: Type.String({ maxLength: 4000 }),
  },
  { additionalProperties: false },
);
export type ContactBody = Static<typeof ContactBody>;

export const ContactSchema = Type.Object({
  id: Uuid,
  case_id: Uuid,
  method: Type.String(),
  reached: Type.Boolean(),
  settled: Type.Boolean(),
  occurred_at: DateTime,
  recorded_at: DateTime,
  note: Type.String(),
  is_first_contact: Type.Boolean(),
});

export const NoteBody = Type.Object({ body: Type.String({ minLength: 1, maxLength: 8000 }) }, { additionalProperties: false });
export const NoteSchema = Type.Object({ id: Uuid, case_id: Uuid, body: Type.String(), created_at: DateTime });

import { type Static, Type } from 'typebox';
import { Nullable, StringEnum } from '../../schema-helpers.js';

const Time = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description: 'Local time in Asia/Tokyo, HH:MM' });
const Weekday = Type.Integer({ minimum: 0, maximum: 6, description: '0 = Sunday … 6 = Saturday (weekly plans)' });
const Channel = StringEnum(['email', 'push', 'line'] as const);

const planFields = {
  frequency: StringEnum(['daily', 'weekly'] as const),
  weekday: Type.Optional(Nullable(Weekday)),
  local_time: Time,
  channel: Channel,
  address: Type.Optional(Nullable(Type.String({ maxLength: 254, description: 'Email address, or LINE user id; none for push' }))),
  /** Misses in a row that raise an alert; 2 when a plan is created without one (the service applies it). */
  missed_threshold: Type.Optional(Type.Integer({ minimum: 1, maximum: 14 })),
  active: Type.Optional(Type.Boolean()),
};

export const PlanCreate = Type.Object(planFields, { additionalProperties: false });
export type PlanCreate = Static<typeof PlanCreate>;

// No defaults here: a partial update changes only what it names (a schema default would fill in
// missed_threshold and reset the plan's own value, and make an empty patch look non-empty).
export const PlanPatch = Type.Partial(Type.Object(planFields), { additionalProperties: false, minProperties: 1 });
export type PlanPatch = Static<typeof PlanPatch>;

export const PlanSchema = Type.Object({
  id: Type.String(),
  person_id: Type.String(),
  active: Type.Boolean(),
  frequency: Type.String(),
  weekday: Nullable(Type.Integer()),
  local_time: Type.String(),
  channel: Type.String(),
  address: Nullable(Type.String()),
  push_subscribed: Type.Boolean(),
  missed_threshold: Type.Integer(),
  consecutive_missed: Type.Integer(),
  next_due_at: Nullable(Type.String({ format: 'date-time' })),
  deliverable: Type.Boolean(),
  delivery_problem: Nullable(Type.String({ description: 'Why check-ins of this plan cannot be delivered now (e.g. push_not_configured)' })),
  created_at: Type.String({ format: 'date-time' }),
  updated_at: Type.String({ format: 'date-time' }),
});

export const CheckinSchema = Type.Object({
  id: Type.String(),
  plan_id: Type.String(),
  due_at: Type.String({ format: 'date-time' }),
  sent_at: Nullable(Type.String({ format: 'date-time' })),
  expires_at: Type.String({ format: 'date-time' }),
  channel: Type.String(),
  delivery_status: Type.String(),
  delivery_error: Nullable(Type.String()),
  status: StringEnum(['open', 'answered', 'missed', 'undelivered'] as const),
  answer: Nullable(Type.String()),
  answered_at: Nullable(Type.String({ format: 'date-time' })),
  missed_at: Nullable(Type.String({ format: 'date-time' })),
  concern_id: Nullable(Type.String()),
});

export const AnswerBody = Type.Object({ answer: StringEnum(['fine', 'talk'] as const) }, { additionalProperties: false });
export const AnswerResult = Type.Object({
  status: StringEnum(['recorded', 'already_answered'] as const),
  answer: Type.String(),
  answered_at: Type.String({ format: 'date-time' }),
});
export const TokenParams = Type.Object({ token: Type.String({ minLength: 1, maxLength: 100 }) });
export const PushSubscriptionBody = Type.Object(
  {
    endpoint: Type.String({ format: 'uri', maxLength: 2000 }),
    expirationTime: Type.Optional(Nullable(Type.Number())),
    keys: Type.Object({ p256dh: Type.String({ minLength: 1, maxLength: 200 }), auth: Type.String({ minLength: 1, maxLength: 100 }) }),
  },
  { additionalProperties: false },
);

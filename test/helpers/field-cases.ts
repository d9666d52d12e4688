/**
 * Field-level cases for test/invalid-input.test.ts, grouped by route. Each case: what it sends,
 * and what it expects — the field the 400 invalid_input message must name (in its parentheses),
 * '' for invalid_input with no single field, or another stable code the service answers with.
 */
import type { Role } from '../../server/access/roles.js';
import type { World } from './world.js';

const P = '/api/v1';
export type Expect = string | { code: string };
export interface FieldCases {
  route: string;
  as: Role | 'anonymous';
  url: (w: World) => string;
  cases: [string, unknown, Expect][];
}
const plan = { frequency: 'daily', local_time: '09:00', channel: 'email', address: 'a@example.test' };
const account = { email: 'z@alpha.test', display_name: 'x', role: 'hub_staff', password: 'a-long-password-9' };
const watcher = { name: '長男', channel: 'email', address: 'son@example.test' };
const TIME = '2026-11-02T00:00:00Z';
export const FIELD_CASES: FieldCases[] = [
  {
    route: 'POST /concerns/:id/triage',
    as: 'hub_staff',
    url: (w) => `${P}/concerns/${w.spareConcernId}/triage`,
    cases: [
      ['unknown urgency', { urgency: 'asap' }, 'urgency'],
      ['person_id not a uuid', { urgency: 'high', person_id: '12' }, 'person_id'],
      ['birth year out of range', { urgency: 'high', new_person: { birth_year: 1800 } }, 'new_person.birth_year'],
    ],
  },
  {
    route: 'POST /cases/:id/contacts',
    as: 'hub_staff',
    url: (w) => `${P}/cases/${w.caseId}/contacts`,
    cases: [
      ['unknown method', { method: 'letter', reached: true, occurred_at: TIME, note: '' }, 'method'],
      ['reached missing', { method: 'visit', occurred_at: TIME, note: '' }, 'reached'],
      ['occurred_at not a time', { method: 'visit', reached: true, occurred_at: 'today', note: '' }, 'occurred_at'],
    ],
  },
  {
    route: 'PATCH /cases/:id',
    as: 'hub_lead',
    url: (w) => `${P}/cases/${w.caseId}`,
    cases: [
      ['unknown outcome', { status: 'closed', outcome: 'gone' }, 'outcome'],
      ['empty', {}, ''],
    ],
  },
  {
    route: 'PATCH /people/:id',
    as: 'hub_staff',
    url: (w) => `${P}/people/${w.personId}`,
    cases: [
      ['name too long', { name: 'あ'.repeat(101) }, 'name'],
      ['emergency contact without name', { emergency_contacts: [{ relation: '長男', phone: '090' }] }, 'emergency_contacts.0.name'],
      ['removing longitude but not latitude', { longitude: null }, { code: 'coordinates_incomplete' }],
    ],
  },
  {
    route: 'POST /cases/:id/referrals',
    as: 'hub_lead',
    url: (w) => `${P}/cases/${w.caseId}/referrals`,
    cases: [
      ['unknown legal basis', { agency_id: crypto.randomUUID(), reason: 'x', legal_basis: 'because' }, 'legal_basis'],
      ['unknown agency', { agency_id: crypto.randomUUID(), reason: 'x', legal_basis: 'vital_interest' }, { code: 'agency_not_found' }],
    ],
  },
  {
    route: 'PATCH /settings',
    as: 'admin',
    url: () => `${P}/settings`,
    cases: [['zero hours', { urgency_targets_hours: { high: 0 } }, 'urgency_targets_hours.high']],
  },
  {
    route: 'POST /accounts',
    as: 'admin',
    url: () => `${P}/accounts`,
    cases: [
      ['email not an email', { ...account, email: 'not-an-email' }, 'email'],
      ['unknown role', { ...account, role: 'superuser' }, 'role'],
      ['empty password', { ...account, password: '' }, 'password'],
      ['weak password', { ...account, password: 'short' }, { code: 'password_too_weak' }],
    ],
  },
  {
    route: 'PATCH /accounts/:id',
    as: 'admin',
    url: (w) => `${P}/accounts/${w.tenant.accounts.outreach.id}`,
    cases: [
      ['empty', {}, ''],
      ['unknown locale', { locale: 'fr' }, 'locale'],
      ['hub_id not a uuid', { hub_id: 'north' }, 'hub_id'],
    ],
  },
  {
    route: 'POST /auth/password',
    as: 'hub_staff',
    url: () => `${P}/auth/password`,
    cases: [
      ['new_password missing', { current_password: 'x' }, 'new_password'],
      ['empty new_password', { current_password: 'x', new_password: '' }, 'new_password'],
    ],
  },
  {
    route: 'PUT /people/:id/watch-settings',
    as: 'hub_staff',
    url: (w) => `${P}/people/${w.personId}/watch-settings`,
    cases: [
      ['an unknown key', { sleepHours: 8 }, 'sleepHours'],
      ['quietHours not a range', { quietHours: 'never' }, 'quietHours'],
      ['quietHours.from not a time', { quietHours: { from: '25:00', to: '06:00' } }, 'quietHours.from'],
      ['inactivityHours out of range', { inactivityHours: 0 }, 'inactivityHours'],
      ['empty', {}, ''],
    ],
  },
  {
    route: 'POST /people/:id/watchers',
    as: 'hub_staff',
    url: (w) => `${P}/people/${w.personId}/watchers`,
    cases: [
      ['empty name', { ...watcher, name: '' }, 'name'],
      ['unknown channel', { ...watcher, channel: 'fax' }, 'channel'],
      ['address not an email', { ...watcher, address: 'not-mail' }, { code: 'invalid_watcher_address' }],
    ],
  },
  {
    route: 'PATCH /watchers/:id',
    as: 'coordinator',
    url: (w) => `${P}/watchers/${w.watcherId}`,
    cases: [['priority 0', { priority: 0 }, 'priority']],
  },
  {
    route: 'POST /people/:id/devices',
    as: 'hub_staff',
    url: (w) => `${P}/people/${w.personId}/devices`,
    cases: [
      ['unknown type', { type: 'toaster' }, 'type'],
      ['device_key with a space', { type: 'motion', device_key: 'has space' }, 'device_key'],
    ],
  },
  {
    route: 'PATCH /devices/watch/:id',
    as: 'coordinator',
    url: (w) => `${P}/devices/watch/${w.watchDeviceId}`,
    cases: [
      ['unknown status', { status: 'broken' }, 'status'],
      ['empty', {}, ''],
    ],
  },
  {
    route: 'POST /ingest-credentials',
    as: 'hub_staff',
    url: () => `${P}/ingest-credentials`,
    cases: [['empty label', { label: '' }, 'label']],
  },
  {
    route: 'PATCH /ingest-credentials/:id',
    as: 'hub_lead',
    url: (w) => `${P}/ingest-credentials/${w.credentialId}`,
    cases: [
      ['rate 0', { readings_per_minute: 0 }, 'readings_per_minute'],
      ['empty', {}, ''],
    ],
  },
  {
    route: 'POST /people/:id/checkin-plans',
    as: 'coordinator',
    url: (w) => `${P}/people/${w.personId}/checkin-plans`,
    cases: [
      ['hourly', { ...plan, frequency: 'hourly' }, 'frequency'],
      ['25:00', { ...plan, local_time: '25:00' }, 'local_time'],
      ['weekday 7', { ...plan, frequency: 'weekly', weekday: 7 }, 'weekday'],
      ['missed_threshold 0', { ...plan, missed_threshold: 0 }, 'missed_threshold'],
    ],
  },
  {
    route: 'PATCH /checkin-plans/:id',
    as: 'hub_staff',
    url: (w) => `${P}/checkin-plans/${w.planId}`,
    cases: [
      ['unknown channel', { channel: 'fax' }, 'channel'],
      ['empty', {}, ''],
    ],
  },
  {
    route: 'POST /checkin-plans/:id/subscribe-link',
    as: 'hub_staff',
    url: (w) => `${P}/checkin-plans/${w.planId}/subscribe-link`,
    cases: [['a body with a field', { url: 'x' }, '']],
  },
  {
    route: 'POST /partners',
    as: 'coordinator',
    url: () => `${P}/partners`,
    cases: [
      ['unknown kind', { name: '商店', kind: 'bank' }, 'kind'],
      ['empty name', { name: '', kind: 'retail' }, 'name'],
      ['contact_email not an email', { name: '商店', kind: 'retail', contact_email: 'nope' }, 'contact_email'],
    ],
  },
  {
    route: 'PATCH /partners/:id',
    as: 'coordinator',
    url: (w) => `${P}/partners/${w.partnerId}`,
    cases: [
      ['unknown status', { status: 'closed' }, 'status'],
      ['empty', {}, ''],
    ],
  },
  {
    route: 'POST /partners/:id/agreements',
    as: 'coordinator',
    url: (w) => `${P}/partners/${w.partnerId}/agreements`,
    cases: [
      ['signed_on not a date', { signed_on: 'yesterday', scope: 'x' }, 'signed_on'],
      ['scope missing', { signed_on: '2026-04-01' }, 'scope'],
    ],
  },
  {
    route: 'PATCH /agreements/:id',
    as: 'coordinator',
    url: (w) => `${P}/agreements/${w.agreementId}`,
    cases: [
      ['renewal_due in month 13', { renewal_due: '2026-13-01' }, 'renewal_due'],
      ['unknown status', { status: 'paused' }, 'status'],
    ],
  },
  {
    route: 'POST /partners/:id/enrollments',
    as: 'coordinator',
    url: (w) => `${P}/partners/${w.partnerId}/enrollments`,
    cases: [['expires in 0 days', { expires_in_days: 0 }, 'expires_in_days']],
  },
  {
    route: 'POST /partners/:id/api-keys',
    as: 'coordinator',
    url: (w) => `${P}/partners/${w.partnerId}/api-keys`,
    cases: [['empty label', { label: '' }, 'label']],
  },
  {
    route: 'POST /supporters/invitations',
    as: 'coordinator',
    url: () => `${P}/supporters/invitations`,
    cases: [['email not an email', { display_name: 'x', email: 'nope' }, 'email']],
  },
  {
    route: 'POST /alerts/:id/resolve',
    as: 'hub_staff',
    url: (w) => `${P}/alerts/${w.alertId}/resolve`,
    cases: [['unknown outcome', { outcome: 'maybe' }, 'outcome']],
  },
  {
    route: 'POST /public/confirm/:token',
    as: 'anonymous',
    url: (w) => `${P}/public/confirm/${w.confirmToken}`,
    cases: [['unknown outcome', { outcome: 'perhaps' }, 'outcome']],
  },
  {
    route: 'POST /public/checkins/:token',
    as: 'anonymous',
    url: (w) => `${P}/public/checkins/${w.checkinToken}`,
    cases: [['unknown answer', { answer: 'maybe' }, 'answer']],
  },
  {
    route: 'POST /public/tenants/:slug/concerns',
    as: 'anonymous',
    url: (w) => `${P}/public/tenants/${w.slug}/concerns`,
    cases: [['anonymous missing', { category: 'other' }, 'anonymous']],
  },
];

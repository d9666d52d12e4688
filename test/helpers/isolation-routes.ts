/**
 * How each /api route is called from tenant B against tenant A's rows (test/tenant-isolation.test.ts).
 * `req(x, b)` builds the request: x is A's world (or the same shape full of random ids), b the
 * caller's own. The harness sends it as every role of B that the route allows (or `roles`), once
 * with A's ids and once with random ids, and wants the same status and error code, no marker of
 * A in the answer, and (for writes) A's rows unchanged. `shows` names something of B's own that
 * the same request aimed at B's rows must return, so a check cannot pass by answering nothing.
 * `mode: 'own'` is for capability links (the token is the key): sent once with B's own token.
 * A string instead of a probe says why isolation does not apply.
 */
import type { Role } from '../../server/access/roles.js';
import type { TestApp } from './app.js';
import type { World } from './world.js';

export interface Req {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  url: string;
  body?: unknown;
  raw?: Buffer;
  headers?: Record<string, string>;
}
export interface Probe {
  req: (x: World, b: World) => Req;
  roles?: (Role | 'anonymous')[];
  shows?: (b: World) => string;
  mode?: 'compare' | 'own';
  /** For 2xx answers: the part that must be equal for A's ids and random ids. */
  view?: (json: any) => unknown;
}
export type Entry = string | Probe | Probe[];

const P = '/api/v1';
const get = (url: string): Req => ({ method: 'GET', url });
const post = (url: string, body?: unknown): Req => ({ method: 'POST', url, body });
const patch = (url: string, body: unknown): Req => ({ method: 'PATCH', url, body });
const bearer = (r: Req, token: string): Req => ({ ...r, headers: { authorization: `Bearer ${token}` } });
const q = encodeURIComponent;
const anon: ['anonymous'] = ['anonymous'];
const SSE = 'a Server-Sent Events stream (kinds and ids only): "live events stay in their tenant" below listens to it';
// A 1×1 PNG: the smallest photo the upload accepts.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

export function isolationRoutes(t: TestApp): Record<string, Entry> {
  const now = () => t.clock.now().toISOString();
  let n = 0;
  return {
    // Sessions and accounts
    'POST /api/v1/auth/login': 'names an email and a password, no row of a tenant; the tenant comes from the account',
    'POST /api/v1/auth/logout': "ends the caller's own session and takes no id",
    'POST /api/v1/auth/password': "changes the caller's own password: takes no id and names no other account",
    'GET /api/v1/auth/me': { req: () => get(`${P}/auth/me`), shows: (b) => b.tenant.id },
    'GET /api/v1/accounts': { req: () => get(`${P}/accounts`), shows: (b) => b.accountId },
    'POST /api/v1/accounts': [
      {
        req: (x, b) =>
          post(`${P}/accounts`, {
            email: `new-${++n}@${b.slug}.test`,
            display_name: '新規',
            role: 'hub_staff',
            password: 'a-long-password-123',
            hub_id: x.hubId,
          }),
      },
      {
        req: (x, b) =>
          post(`${P}/accounts`, {
            email: `new-${++n}@${b.slug}.test`,
            display_name: '新規',
            role: 'partner',
            password: 'a-long-password-123',
            partner_id: x.partnerId,
          }),
      },
    ],
    'PATCH /api/v1/accounts/:id': [
      { req: (x) => patch(`${P}/accounts/${x.accountId}`, { display_name: '乗っ取り', disabled: true }) },
      { req: (x, b) => patch(`${P}/accounts/${b.tenant.accounts.outreach.id}`, { hub_id: x.hubId }) },
      { req: (x, b) => patch(`${P}/accounts/${b.tenant.accounts.partner.id}`, { partner_id: x.partnerId }) },
    ],
    'POST /api/v1/accounts/:id/reset-password': { req: (x) => post(`${P}/accounts/${x.accountId}/reset-password`) },
    // Exports: CSV so the markers can be searched; filtered so the export's own audit row is not in the next answer.
    'GET /api/v1/audit/export': [
      { req: () => get(`${P}/audit/export?format=csv&entity_type=person`), shows: (b) => b.personId },
      { req: (x) => get(`${P}/audit/export?format=csv&entity_id=${x.personId}`) },
      { req: (x) => get(`${P}/audit/export?format=csv&account_id=${x.accountId}`) },
    ],
    'GET /api/v1/audit': [
      { req: () => get(`${P}/audit?limit=500`), shows: (b) => b.accountId },
      { req: (x) => get(`${P}/audit?entity_id=${x.personId}`) },
      { req: (x) => get(`${P}/audit?account_id=${x.accountId}`) },
    ],

    // Directory and settings
    'GET /api/v1/concern-categories': { req: () => get(`${P}/concern-categories`) },
    'GET /api/v1/settings': { req: () => get(`${P}/settings`) },
    'PATCH /api/v1/settings': { req: () => patch(`${P}/settings`, { urgency_targets_hours: { low: 168 } }) },
    'GET /api/v1/areas': { req: () => get(`${P}/areas`), shows: (b) => b.tenant.areaIds[0]! },
    'GET /api/v1/areas.geojson': { req: () => get(`${P}/areas.geojson`), shows: (b) => b.tenant.areaIds[0]! },
    'GET /api/v1/hubs': { req: () => get(`${P}/hubs`), shows: (b) => b.hubId },
    'GET /api/v1/agencies': { req: () => get(`${P}/agencies`), shows: (b) => b.agencyId },

    // Concerns, triage, photos
    'POST /api/v1/concerns': { req: (_x, b) => post(`${P}/concerns`, { category: 'mail_piling_up', place_text: `${b.label}の別件` }) },
    'GET /api/v1/concerns/mine': { req: () => get(`${P}/concerns/mine?limit=200`), shows: (b) => b.concernId },
    'GET /api/v1/concerns/mine/events': SSE,
    'POST /api/v1/concerns/:id/thanks': { req: (x) => post(`${P}/concerns/${x.triagedConcernId}/thanks`, { message: '横取り' }) },
    'GET /api/v1/concerns/:id': [
      { req: (x) => get(`${P}/concerns/${x.concernId}`), shows: (b) => b.label },
      { req: (x) => get(`${P}/concerns/${x.triagedConcernId}`) },
    ],
    'GET /api/v1/triage': { req: () => get(`${P}/triage?limit=200`), shows: (b) => b.spareConcernId },
    'POST /api/v1/concerns/:id/dismiss': { req: (x) => post(`${P}/concerns/${x.spareConcernId}/dismiss`, { reason: '横取り' }) },
    'POST /api/v1/concerns/:id/triage': [
      { req: (x) => post(`${P}/concerns/${x.spareConcernId}/triage`, { urgency: 'emergency', new_person: { name: '横取り' } }) },
      { req: (x, b) => post(`${P}/concerns/${b.spareConcernId}/triage`, { urgency: 'low', person_id: x.personId }) },
      { req: (x, b) => post(`${P}/concerns/${b.spareConcernId}/triage`, { urgency: 'low', case_id: x.caseId }) },
      { req: (x, b) => post(`${P}/concerns/${b.spareConcernId}/triage`, { urgency: 'low', household_id: x.householdId }) },
      {
        req: (x, b) =>
          post(`${P}/concerns/${b.spareConcernId}/triage`, { urgency: 'low', person_id: b.personId, assignee_id: x.accountId }),
      },
    ],
    'POST /api/v1/concerns/:id/photos': {
      req: (x) => ({ method: 'POST', url: `${P}/concerns/${x.concernId}/photos`, raw: PNG, headers: { 'content-type': 'image/png' } }),
    },
    'GET /api/v1/concerns/:id/photos/:photoId': [
      { req: (x) => get(`${P}/concerns/${x.concernId}/photos/${x.photoId}`), shows: () => '' },
      { req: (x, b) => get(`${P}/concerns/${b.concernId}/photos/${x.photoId}`) },
    ],

    // Cases, people, referrals
    'GET /api/v1/cases/export': [
      { req: () => get(`${P}/cases/export?format=csv`), shows: (b) => `${b.label} 太郎` },
      { req: (x) => get(`${P}/cases/export?format=csv&person_id=${x.personId}`) },
      { req: (x) => get(`${P}/cases/export?format=csv&assignee_id=${x.accountId}`) },
    ],
    'GET /api/v1/cases': [
      { req: () => get(`${P}/cases?limit=200`), shows: (b) => b.caseId },
      { req: (x) => get(`${P}/cases?person_id=${x.personId}`) },
      { req: (x) => get(`${P}/cases?assignee_id=${x.accountId}`) },
      { req: (x) => get(`${P}/cases?q=${q(x.label)}`) },
    ],
    'GET /api/v1/cases/:id': { req: (x) => get(`${P}/cases/${x.caseId}`), shows: (b) => b.label },
    'PATCH /api/v1/cases/:id': [
      { req: (x) => patch(`${P}/cases/${x.caseId}`, { status: 'closed', outcome: 'resolved' }) },
      { req: (x, b) => patch(`${P}/cases/${b.caseId}`, { assignee_id: x.accountId }) },
    ],
    'POST /api/v1/cases/:id/contacts': {
      req: (x) => post(`${P}/cases/${x.caseId}/contacts`, { method: 'phone', reached: true, occurred_at: now(), note: '横取り' }),
    },
    'POST /api/v1/cases/:id/notes': { req: (x) => post(`${P}/cases/${x.caseId}/notes`, { body: '横取り' }) },
    'POST /api/v1/cases/:id/referrals': [
      {
        req: (x, b) =>
          post(`${P}/cases/${x.caseId}/referrals`, { agency_id: b.agencyId, reason: 'x', legal_basis: 'consent', consent_id: b.consentId }),
      },
      {
        req: (x) =>
          post(`${P}/cases/${x.caseId}/referrals`, {
            agency_id: x.agencyId,
            reason: 'x',
            legal_basis: 'vital_interest',
            legal_basis_reason: 'x',
          }),
      },
      {
        req: (x, b) =>
          post(`${P}/cases/${b.caseId}/referrals`, { agency_id: x.agencyId, reason: 'x', legal_basis: 'consent', consent_id: b.consentId }),
      },
      {
        req: (x, b) =>
          post(`${P}/cases/${b.caseId}/referrals`, { agency_id: b.agencyId, reason: 'x', legal_basis: 'consent', consent_id: x.consentId }),
      },
    ],
    'GET /api/v1/cases/:id/referral-check': [
      { req: (x) => get(`${P}/cases/${x.caseId}/referral-check?agency_id=${x.agencyId}`), shows: (b) => b.label },
      { req: (x, b) => get(`${P}/cases/${b.caseId}/referral-check?agency_id=${x.agencyId}`) },
    ],
    'PATCH /api/v1/referrals/:id': { req: (x) => patch(`${P}/referrals/${x.referralId}`, { status: 'declined', outcome: '横取り' }) },
    'GET /api/v1/people': [
      { req: (x) => get(`${P}/people?q=${q(x.label)}`) },
      { req: () => get(`${P}/people?q=${q('太郎')}`), shows: (b) => b.personId },
    ],
    'GET /api/v1/people/:id': { req: (x) => get(`${P}/people/${x.personId}`), shows: (b) => b.label },
    'POST /api/v1/people': { req: (x) => post(`${P}/people`, { name: '新規 次郎', household_id: x.householdId }) },
    'PATCH /api/v1/people/:id': [
      { req: (x) => patch(`${P}/people/${x.personId}`, { name: '改ざん' }) },
      { req: (x, b) => patch(`${P}/people/${b.personId}`, { household_id: x.householdId }) },
    ],
    'POST /api/v1/people/:id/consents': [
      { req: (x) => post(`${P}/people/${x.personId}/consents`, { shared_with: 'x', scope: 'x' }) },
      { req: (x, b) => post(`${P}/people/${b.personId}/consents`, { agency_ids: [x.agencyId] }) },
    ],
    'POST /api/v1/consents/:id/withdraw': { req: (x) => post(`${P}/consents/${x.spareConsentId}/withdraw`) },
    'POST /api/v1/households': { req: (_x, b) => post(`${P}/households`, { address: `${b.label}町2-2` }) },
    'GET /api/v1/households/:id': { req: (x) => get(`${P}/households/${x.householdId}`), shows: (b) => b.label },

    // KPIs and notifications (the counts themselves: "KPIs count only B's rows" below)
    'GET /api/v1/kpis/first-contact': { req: () => get(`${P}/kpis/first-contact`) },
    'GET /api/v1/kpis/safety-checks': { req: () => get(`${P}/kpis/safety-checks`) },
    'GET /api/v1/kpis/export': [
      { req: () => get(`${P}/kpis/export?format=csv`) },
      { req: () => get(`${P}/kpis/export?format=csv&kind=safety_checks`) },
    ],
    'GET /api/v1/notifications': { req: () => get(`${P}/notifications`), shows: (b) => b.notificationId },
    'GET /api/v1/settings/channels': { req: () => get(`${P}/settings/channels`) },
    'GET /api/v1/concerns/:id/resident-updates': { req: (x) => get(`${P}/concerns/${x.concernId}/resident-updates`) },
    'POST /api/v1/notifications/:id/read': { req: (x) => post(`${P}/notifications/${x.notificationId}/read`) },
    'GET /api/v1/events': SSE,

    // Partners, agreements, enrollment, phones, API keys
    'GET /api/v1/partners': { req: () => get(`${P}/partners`), shows: (b) => b.partnerId },
    'POST /api/v1/partners': { req: (_x, b) => post(`${P}/partners`, { name: `${b.label}商店`, kind: 'retail' }) },
    'GET /api/v1/partners/report-stats': { req: () => get(`${P}/partners/report-stats`), shows: (b) => b.partnerId },
    'GET /api/v1/partners/report-stats/export': {
      req: () => get(`${P}/partners/report-stats/export?format=csv`),
      shows: (b) => `${b.label}配達`,
    },
    'GET /api/v1/partners/:id': { req: (x) => get(`${P}/partners/${x.partnerId}`), shows: (b) => b.label },
    'PATCH /api/v1/partners/:id': { req: (x) => patch(`${P}/partners/${x.partnerId}`, { status: 'suspended', note: '横取り' }) },
    'GET /api/v1/partners/:id/agreements': { req: (x) => get(`${P}/partners/${x.partnerId}/agreements`), shows: (b) => b.agreementId },
    'POST /api/v1/partners/:id/agreements': {
      req: (x) => post(`${P}/partners/${x.partnerId}/agreements`, { signed_on: '2026-05-01', scope: '横取り' }),
    },
    'PATCH /api/v1/agreements/:id': { req: (x) => patch(`${P}/agreements/${x.agreementId}`, { status: 'ended' }) },
    'GET /api/v1/agreements/:id/sticker.pdf': { req: (x) => get(`${P}/agreements/${x.agreementId}/sticker.pdf`), shows: () => '' },
    'POST /api/v1/agreements/:id/enrollment-sticker.pdf': {
      req: (x) => post(`${P}/agreements/${x.agreementId}/enrollment-sticker.pdf`, {}),
    },
    'POST /api/v1/partners/:id/enrollments': { req: (x) => post(`${P}/partners/${x.partnerId}/enrollments`, { label: '横取り' }) },
    'GET /api/v1/partners/:id/api-keys': { req: (x) => get(`${P}/partners/${x.partnerId}/api-keys`), shows: (b) => b.apiKeyId },
    'POST /api/v1/partners/:id/api-keys': { req: (x) => post(`${P}/partners/${x.partnerId}/api-keys`, { label: '横取り' }) },
    'POST /api/v1/api-keys/:id/revoke': { req: (x) => post(`${P}/api-keys/${x.apiKeyId}/revoke`) },
    'POST /api/v1/enroll': { mode: 'own', roles: anon, req: (_x, b) => post(`${P}/enroll`, { code: b.spareEnrollCode }) },
    'GET /api/v1/device/me': { roles: anon, req: (_x, b) => bearer(get(`${P}/device/me`), b.phoneToken), shows: (b) => b.phoneDeviceId },
    'GET /api/v1/partners/:id/devices': { req: (x) => get(`${P}/partners/${x.partnerId}/devices`), shows: (b) => b.phoneDeviceId },
    'GET /api/v1/devices': { req: () => get(`${P}/devices`), shows: (b) => b.phoneDeviceId },
    'POST /api/v1/devices/:id/revoke': { req: (x) => post(`${P}/devices/${x.phoneDeviceId}/revoke`) },
    'POST /api/v1/supporters/invitations': { req: (_x, b) => post(`${P}/supporters/invitations`, { display_name: `${b.label}新人` }) },

    // Watch devices, telemetry, the broker's hooks
    'GET /api/v1/people/:id/devices': { req: (x) => get(`${P}/people/${x.personId}/devices`), shows: (b) => b.watchDeviceId },
    'POST /api/v1/people/:id/devices': { req: (x) => post(`${P}/people/${x.personId}/devices`, { type: 'motion' }) },
    'PATCH /api/v1/devices/watch/:id': { req: (x) => patch(`${P}/devices/watch/${x.watchDeviceId}`, { status: 'retired' }) },
    'POST /api/v1/devices/watch/:id/rotate-token': { req: (x) => post(`${P}/devices/watch/${x.watchDeviceId}/rotate-token`) },
    'POST /api/v1/devices/watch/:id/revoke-token': { req: (x) => post(`${P}/devices/watch/${x.watchDeviceId}/revoke-token`) },
    'GET /api/v1/ingest-credentials': { req: () => get(`${P}/ingest-credentials`), shows: (b) => b.credentialId },
    'POST /api/v1/ingest-credentials': { req: (_x, b) => post(`${P}/ingest-credentials`, { label: `${b.label}新規` }) },
    'PATCH /api/v1/ingest-credentials/:id': {
      req: (x) => patch(`${P}/ingest-credentials/${x.credentialId}`, { label: '横取り', readings_per_minute: 1 }),
    },
    'POST /api/v1/ingest-credentials/:id/revoke': { req: (x) => post(`${P}/ingest-credentials/${x.credentialId}/revoke`) },
    'GET /api/v1/people/:id/watch-settings': { req: (x) => get(`${P}/people/${x.personId}/watch-settings`), shows: (b) => b.personId },
    'PUT /api/v1/people/:id/watch-settings': {
      req: (x) => ({ method: 'PUT', url: `${P}/people/${x.personId}/watch-settings`, body: { watcherConfirmMinutes: 5 } }),
    },
    'POST /api/v1/telemetry': [
      // B's gateway credential, and B's own device token, naming A's device.
      {
        roles: anon,
        req: (x, b) =>
          bearer(
            post(`${P}/telemetry`, { readings: [{ device_id: x.watchDeviceKey, ts: now(), kind: 'press', value: 1 }] }),
            b.credentialToken,
          ),
        view: (j) => ({ accepted: j.accepted, rejected: j.rejected.map((r: { code: string }) => r.code) }),
      },
      {
        roles: anon,
        req: (x, b) =>
          bearer(
            post(`${P}/telemetry`, { readings: [{ device_id: x.watchDeviceKey, ts: now(), kind: 'motion', value: 1 }] }),
            b.watchDeviceToken,
          ),
        view: (j) => ({ accepted: j.accepted, rejected: j.rejected.map((r: { code: string }) => r.code) }),
      },
    ],
    'GET /api/v1/telemetry/stats': { req: () => get(`${P}/telemetry/stats`) },
    'GET /api/v1/telemetry/quarantine': [
      { req: () => get(`${P}/telemetry/quarantine?limit=500`), shows: (b) => b.quarantineId },
      { req: (x) => get(`${P}/telemetry/quarantine?before=${x.quarantineId}`) },
    ],
    'POST /api/v1/mqtt/auth': [
      { roles: anon, req: (x, b) => post(`${P}/mqtt/auth`, { username: x.watchDeviceKey, password: b.watchDeviceToken }), view: (j) => j },
      {
        roles: anon,
        req: (x, b) => post(`${P}/mqtt/auth`, { username: `${x.slug}/${b.watchDeviceKey}`, password: b.watchDeviceToken }),
        view: (j) => j,
      },
    ],
    'POST /api/v1/mqtt/acl': [
      {
        roles: anon,
        req: (x, b) =>
          post(`${P}/mqtt/acl`, {
            username: `${b.slug}/${b.watchDeviceKey}`,
            topic: `tsunagari/${x.slug}/devices/${x.watchDeviceKey}/telemetry`,
            action: 'publish',
          }),
        view: (j) => j,
      },
      {
        roles: anon,
        req: (x, b) =>
          post(`${P}/mqtt/acl`, {
            username: `${b.slug}/${x.watchDeviceKey}`,
            topic: `tsunagari/${x.slug}/devices/${x.watchDeviceKey}/telemetry`,
            action: 'publish',
          }),
        view: (j) => j,
      },
    ],

    // Public pages: B's slug shows and files only B's; a sticker code of A credits nothing of A
    'GET /api/v1/public/tenants/:slug': { roles: anon, req: (_x, b) => get(`${P}/public/tenants/${b.slug}`), shows: (b) => `${b.slug} 市` },
    'GET /api/v1/public/tenants/:slug/areas.geojson': {
      roles: anon,
      req: (_x, b) => get(`${P}/public/tenants/${b.slug}/areas.geojson`),
      shows: (b) => b.tenant.areaIds[0]!,
    },
    'POST /api/v1/public/tenants/:slug/concerns': {
      roles: anon,
      req: (x, b) => post(`${P}/public/tenants/${b.slug}/concerns`, { category: 'other', anonymous: true, ref: x.stickerCode }),
      view: (j) => j.status,
    },

    // Check-ins
    'GET /api/v1/people/:id/checkin-plans': { req: (x) => get(`${P}/people/${x.personId}/checkin-plans`), shows: (b) => b.planId },
    'POST /api/v1/people/:id/checkin-plans': {
      req: (x) =>
        post(`${P}/people/${x.personId}/checkin-plans`, {
          frequency: 'daily',
          local_time: '10:00',
          channel: 'email',
          address: 'x@example.test',
        }),
    },
    'PATCH /api/v1/checkin-plans/:id': { req: (x) => patch(`${P}/checkin-plans/${x.planId}`, { active: false }) },
    'POST /api/v1/checkin-plans/:id/subscribe-link': { req: (x) => post(`${P}/checkin-plans/${x.planId}/subscribe-link`) },
    'GET /api/v1/people/:id/checkins': { req: (x) => get(`${P}/people/${x.personId}/checkins`), shows: (b) => b.checkinId },
    'POST /api/v1/public/checkins/:token': {
      mode: 'own',
      roles: anon,
      req: (_x, b) => post(`${P}/public/checkins/${b.checkinToken}`, { answer: 'talk' }),
    },
    'POST /api/v1/public/checkin-subscriptions/:token': {
      mode: 'own',
      roles: anon,
      req: (_x, b) =>
        post(`${P}/public/checkin-subscriptions/${b.subscribeToken}`, {
          endpoint: 'https://push.example.test/b',
          keys: { p256dh: 'k', auth: 'a' },
        }),
    },

    // Alerts, watchers, the watchers' confirm link
    'GET /api/v1/alerts': [
      { req: () => get(`${P}/alerts?limit=500`), shows: (b) => b.alertId },
      { req: () => get(`${P}/alerts?category=technical`), shows: (b) => b.techAlertId },
      { req: (x) => get(`${P}/alerts?person_id=${x.personId}`) },
    ],
    'GET /api/v1/alerts/:id': [
      { req: (x) => get(`${P}/alerts/${x.alertId}`), shows: (b) => b.label },
      { req: (x) => get(`${P}/alerts/${x.techAlertId}`), shows: (b) => b.techAlertId },
    ],
    'POST /api/v1/alerts/:id/acknowledge': [
      { req: (x) => post(`${P}/alerts/${x.alertId}/acknowledge`) },
      { req: (x) => post(`${P}/alerts/${x.techAlertId}/acknowledge`) },
    ],
    'POST /api/v1/alerts/:id/resolve': [
      { req: (x) => post(`${P}/alerts/${x.alertId}/resolve`, { outcome: 'false_alarm' }) },
      { req: (x) => post(`${P}/alerts/${x.techAlertId}/resolve`, { outcome: 'technical_fixed' }) },
    ],
    'GET /api/v1/people/:id/watchers': { req: (x) => get(`${P}/people/${x.personId}/watchers`), shows: (b) => b.watcherId },
    'POST /api/v1/people/:id/watchers': {
      req: (x) => post(`${P}/people/${x.personId}/watchers`, { name: '横取り', channel: 'email', address: 'thief@example.test' }),
    },
    'PATCH /api/v1/watchers/:id': { req: (x) => patch(`${P}/watchers/${x.watcherId}`, { address: 'thief@example.test' }) },
    'DELETE /api/v1/watchers/:id': { req: (x) => ({ method: 'DELETE', url: `${P}/watchers/${x.watcherId}` }) },
    'GET /api/v1/public/confirm/:token': { mode: 'own', roles: anon, req: (_x, b) => get(`${P}/public/confirm/${b.confirmToken}`) },
    'POST /api/v1/public/confirm/:token': {
      mode: 'own',
      roles: anon,
      req: (_x, b) => post(`${P}/public/confirm/${b.confirmToken}`, { outcome: 'needs_help' }),
    },
  };
}

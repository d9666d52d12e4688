/**
 * One valid request per /api route, for the role matrix (test/access-matrix.test.ts): a role the
 * matrix allows must get past access control with it (never 401/403, never invalid_input), so
 * the request aims at real rows of the caller's tenant where the route needs them, or a random
 * id where a 404 is as good an answer. `url` defaults to the route with its :params as random UUIDs.
 */
import type { Role } from '../../server/access/roles.js';
import type { TestApp } from './app.js';
import { TEST_PASSWORD } from './factories.js';
import type { World } from './world.js';

export interface Sample {
  url?: (w: World) => string;
  body?: (w: World, role: Role | 'anonymous') => unknown;
  stream?: boolean; // Server-Sent Events: read headers only
  freshSession?: boolean; // the call ends or changes the session (logout), so use a new one
  headers?: (w: World) => Record<string, string>;
}

const P = '/api/v1';
const NO_TOKEN = 'z'.repeat(43); // a well-formed link token that matches nothing: public, 404 for everyone

export function accessSamples(t: TestApp): Record<string, Sample> {
  let made = 0;
  return {
    // Sessions and accounts
    [`POST ${P}/auth/login`]: {
      body: (_w, role) => ({ email: role === 'anonymous' ? 'nobody@alpha.test' : t.tenant.accounts[role].email, password: TEST_PASSWORD }),
    },
    [`POST ${P}/auth/logout`]: { freshSession: true },
    // A wrong current password: 400 current_password_incorrect, after access control, and nothing changes.
    [`POST ${P}/auth/password`]: {
      freshSession: true,
      body: () => ({ current_password: 'not-the-password', new_password: 'a-new-long-passphrase' }),
    },
    [`GET ${P}/auth/me`]: {},
    [`GET ${P}/accounts`]: {},
    [`POST ${P}/accounts`]: {
      body: () => ({
        email: `new-${++made}@alpha.test`,
        display_name: '新規 職員',
        role: 'hub_staff',
        password: 'a-long-password-123',
        hub_id: t.tenant.hubId,
      }),
    },
    [`PATCH ${P}/accounts/:id`]: { body: () => ({ display_name: '改名' }) }, // random id: 404 for allowed roles
    [`GET ${P}/audit`]: {},
    [`POST ${P}/accounts/:id/reset-password`]: {}, // random id: 404 for admins
    [`GET ${P}/audit/export`]: { url: () => `${P}/audit/export?format=csv&action=login` },
    [`GET ${P}/cases/export`]: { url: () => `${P}/cases/export?format=csv` },
    [`GET ${P}/kpis/export`]: { url: () => `${P}/kpis/export?format=csv` },
    [`GET ${P}/partners/report-stats/export`]: { url: () => `${P}/partners/report-stats/export?format=csv` },

    // Directory and settings
    [`GET ${P}/concern-categories`]: {},
    [`GET ${P}/settings`]: {},
    [`PATCH ${P}/settings`]: { body: () => ({ urgency_targets_hours: { low: 168 } }) }, // the default: changes nothing
    [`GET ${P}/areas`]: {},
    [`GET ${P}/areas.geojson`]: {},
    [`GET ${P}/hubs`]: {},
    [`GET ${P}/agencies`]: {},

    // Concerns, triage, photos
    [`POST ${P}/concerns`]: {
      body: () => ({ category: 'mail_piling_up', description: '新聞がたまっている', place_text: 'メゾン北101号室' }),
    },
    [`GET ${P}/concerns/mine`]: {},
    [`GET ${P}/concerns/mine/events`]: { stream: true },
    [`GET ${P}/concerns/:id`]: { url: (w) => `${P}/concerns/${w.concernId}` },
    [`POST ${P}/concerns/:id/thanks`]: {
      url: (w) => `${P}/concerns/${w.triagedConcernId}/thanks`,
      body: () => ({ message: 'ありがとう' }),
    },
    [`GET ${P}/triage`]: {},
    [`POST ${P}/concerns/:id/triage`]: { url: (w) => `${P}/concerns/${w.spareConcernId}/triage`, body: () => ({ urgency: 'normal' }) },
    [`POST ${P}/concerns/:id/dismiss`]: { url: (w) => `${P}/concerns/${w.concernId}/dismiss`, body: () => ({ reason: '対応不要' }) },
    [`POST ${P}/concerns/:id/photos`]: { url: (w) => `${P}/concerns/${w.concernId}/photos`, body: () => ({ not: 'an image' }) }, // JSON: 415 for allowed roles
    [`GET ${P}/concerns/:id/photos/:photoId`]: { url: (w) => `${P}/concerns/${w.concernId}/photos/${w.photoId}` },
    [`GET ${P}/events`]: { stream: true },

    // Cases, people, referrals
    [`GET ${P}/cases`]: {},
    [`GET ${P}/cases/:id`]: { url: (w) => `${P}/cases/${w.caseId}` },
    [`PATCH ${P}/cases/:id`]: { url: (w) => `${P}/cases/${w.caseId}`, body: () => ({ status: 'supporting' }) },
    [`POST ${P}/cases/:id/contacts`]: {
      url: (w) => `${P}/cases/${w.caseId}/contacts`,
      body: () => ({ method: 'phone', reached: false, occurred_at: t.clock.now().toISOString(), note: '不在' }),
    },
    [`POST ${P}/cases/:id/notes`]: { url: (w) => `${P}/cases/${w.caseId}/notes`, body: () => ({ body: 'メモ' }) },
    [`POST ${P}/cases/:id/referrals`]: {
      url: (w) => `${P}/cases/${w.caseId}/referrals`,
      body: (w) => ({ agency_id: w.agencyId, reason: '健康相談', legal_basis: 'consent', consent_id: w.consentId }),
    },
    [`GET ${P}/cases/:id/referral-check`]: { url: (w) => `${P}/cases/${w.caseId}/referral-check?agency_id=${w.agencyId}` },
    [`PATCH ${P}/referrals/:id`]: { url: (w) => `${P}/referrals/${w.referralId}`, body: () => ({ status: 'accepted' }) },
    [`GET ${P}/people`]: { url: () => `${P}/people?q=${encodeURIComponent('太郎')}` },
    [`GET ${P}/people/:id`]: { url: (w) => `${P}/people/${w.personId}` },
    [`POST ${P}/people`]: { body: () => ({ name: '佐藤 花子', kana: 'サトウ ハナコ', birth_year: 1940 }) },
    [`PATCH ${P}/people/:id`]: { url: (w) => `${P}/people/${w.personId}`, body: () => ({ living_alone: true }) },
    [`POST ${P}/people/:id/consents`]: {
      url: (w) => `${P}/people/${w.personId}/consents`,
      body: () => ({ shared_with: '保健センター', scope: '健康相談' }),
    },
    [`POST ${P}/consents/:id/withdraw`]: { url: (w) => `${P}/consents/${w.spareConsentId}/withdraw` },
    [`POST ${P}/households`]: { body: () => ({ address: '北一丁目1-1' }) },
    [`GET ${P}/households/:id`]: { url: (w) => `${P}/households/${w.householdId}` },

    // KPIs and notifications
    [`GET ${P}/kpis/first-contact`]: {},
    [`GET ${P}/kpis/safety-checks`]: {},
    [`GET ${P}/notifications`]: {},
    [`GET ${P}/settings/channels`]: {},
    [`GET ${P}/concerns/:id/resident-updates`]: { url: (w) => `${P}/concerns/${w.concernId}/resident-updates` },
    [`POST ${P}/notifications/:id/read`]: {}, // random id: 404 for allowed roles

    // Partners, agreements, enrollment, phones, API keys
    [`GET ${P}/partners`]: {},
    [`POST ${P}/partners`]: { body: () => ({ name: `協力事業者${++made}`, kind: 'retail' }) },
    [`GET ${P}/partners/report-stats`]: {},
    [`GET ${P}/partners/:id`]: { url: (w) => `${P}/partners/${w.partnerId}` },
    [`PATCH ${P}/partners/:id`]: { url: (w) => `${P}/partners/${w.partnerId}`, body: () => ({ note: 'メモ' }) },
    [`GET ${P}/partners/:id/agreements`]: { url: (w) => `${P}/partners/${w.partnerId}/agreements` },
    [`POST ${P}/partners/:id/agreements`]: {
      url: (w) => `${P}/partners/${w.partnerId}/agreements`,
      body: () => ({ signed_on: '2026-04-01', scope: '配達時の見守り' }),
    },
    [`PATCH ${P}/agreements/:id`]: { url: (w) => `${P}/agreements/${w.agreementId}`, body: () => ({ scope: '見守り' }) },
    [`GET ${P}/agreements/:id/sticker.pdf`]: { url: (w) => `${P}/agreements/${w.agreementId}/sticker.pdf` },
    [`POST ${P}/agreements/:id/enrollment-sticker.pdf`]: { body: () => ({}) }, // random id: 404 for allowed roles
    [`POST ${P}/partners/:id/enrollments`]: { url: (w) => `${P}/partners/${w.partnerId}/enrollments`, body: () => ({ label: '配達員' }) },
    [`GET ${P}/partners/:id/api-keys`]: { url: (w) => `${P}/partners/${w.partnerId}/api-keys` },
    [`POST ${P}/partners/:id/api-keys`]: { url: (w) => `${P}/partners/${w.partnerId}/api-keys`, body: () => ({ label: 'Open311' }) },
    [`POST ${P}/api-keys/:id/revoke`]: {}, // random id: 404 for allowed roles
    [`POST ${P}/enroll`]: { body: () => ({ code: 'not-a-real-enrollment-code' }) }, // public: 404 for everyone
    [`GET ${P}/device/me`]: {}, // a login is not a device: 404 for roles that may file concerns
    [`GET ${P}/partners/:id/devices`]: { url: (w) => `${P}/partners/${w.partnerId}/devices` },
    [`GET ${P}/devices`]: {},
    [`POST ${P}/devices/:id/revoke`]: {}, // random id: 404 for allowed roles
    [`POST ${P}/supporters/invitations`]: { body: () => ({ display_name: 'サポーター' }) },

    // Watch devices, telemetry, the broker's hooks
    [`GET ${P}/people/:id/devices`]: { url: (w) => `${P}/people/${w.personId}/devices` },
    [`POST ${P}/people/:id/devices`]: {
      url: (w) => `${P}/people/${w.personId}/devices`,
      body: () => ({ type: 'motion', location_in_home: '居間' }),
    },
    [`PATCH ${P}/devices/watch/:id`]: { url: (w) => `${P}/devices/watch/${w.watchDeviceId}`, body: () => ({ location_in_home: '寝室' }) },
    [`POST ${P}/devices/watch/:id/rotate-token`]: {}, // random id: 404 for allowed roles
    [`POST ${P}/devices/watch/:id/revoke-token`]: {}, // random id: 404 for allowed roles
    [`GET ${P}/ingest-credentials`]: {},
    [`POST ${P}/ingest-credentials`]: { body: () => ({ label: 'ゲートウェイ' }) },
    [`PATCH ${P}/ingest-credentials/:id`]: {
      url: (w) => `${P}/ingest-credentials/${w.credentialId}`,
      body: () => ({ label: 'ゲートウェイ' }),
    },
    [`POST ${P}/ingest-credentials/:id/revoke`]: {}, // random id: 404 for allowed roles
    [`GET ${P}/people/:id/watch-settings`]: { url: (w) => `${P}/people/${w.personId}/watch-settings` },
    [`PUT ${P}/people/:id/watch-settings`]: {
      url: (w) => `${P}/people/${w.personId}/watch-settings`,
      body: () => ({ watcherConfirmMinutes: 15 }),
    },
    [`POST ${P}/telemetry`]: {
      // public: the device's own bearer token, not the session
      headers: (w) => ({ authorization: `Bearer ${w.credentialToken}` }),
      body: (w) => ({ readings: [{ device_id: w.watchDeviceKey, ts: t.clock.now().toISOString(), kind: 'heartbeat', value: 1 }] }),
    },
    [`GET ${P}/telemetry/stats`]: {},
    [`GET ${P}/telemetry/quarantine`]: {},
    [`POST ${P}/mqtt/auth`]: { body: (w) => ({ username: w.watchDeviceKey, password: w.watchDeviceToken }) }, // the broker's hook
    [`POST ${P}/mqtt/acl`]: {
      body: (w) => ({ username: w.watchDeviceKey, topic: `tsunagari/${w.slug}/devices/${w.watchDeviceKey}/telemetry`, action: 'publish' }),
    },

    // Public pages
    [`GET ${P}/public/tenants/:slug`]: { url: (w) => `${P}/public/tenants/${w.slug}` },
    [`GET ${P}/public/tenants/:slug/areas.geojson`]: { url: (w) => `${P}/public/tenants/${w.slug}/areas.geojson` },
    [`POST ${P}/public/tenants/:slug/concerns`]: {
      url: (w) => `${P}/public/tenants/${w.slug}/concerns`,
      body: () => ({ category: 'other', anonymous: true }),
    },

    // Check-ins
    [`GET ${P}/people/:id/checkin-plans`]: { url: (w) => `${P}/people/${w.personId}/checkin-plans` },
    [`POST ${P}/people/:id/checkin-plans`]: {
      url: (w) => `${P}/people/${w.personId}/checkin-plans`,
      body: () => ({ frequency: 'daily', local_time: '09:00', channel: 'email', address: 'watch@example.test' }),
    },
    [`PATCH ${P}/checkin-plans/:id`]: { url: (w) => `${P}/checkin-plans/${w.planId}`, body: () => ({ local_time: '10:00' }) },
    [`POST ${P}/checkin-plans/:id/subscribe-link`]: { url: (w) => `${P}/checkin-plans/${w.planId}/subscribe-link` },
    [`GET ${P}/people/:id/checkins`]: { url: (w) => `${P}/people/${w.personId}/checkins` },
    [`POST ${P}/public/checkins/:token`]: { url: () => `${P}/public/checkins/${NO_TOKEN}`, body: () => ({ answer: 'fine' }) },
    [`POST ${P}/public/checkin-subscriptions/:token`]: {
      url: () => `${P}/public/checkin-subscriptions/${NO_TOKEN}`,
      body: () => ({ endpoint: 'https://push.example.test/x', keys: { p256dh: 'k', auth: 'a' } }),
    },

    // Alerts, watchers, the watchers' confirm link
    [`GET ${P}/alerts`]: { url: () => `${P}/alerts?status=open` },
    [`GET ${P}/alerts/:id`]: { url: (w) => `${P}/alerts/${w.techAlertId}` },
    [`POST ${P}/alerts/:id/acknowledge`]: {}, // random id: 404 for allowed roles
    [`POST ${P}/alerts/:id/resolve`]: { body: () => ({ outcome: 'safe' }) }, // random id: 404 for allowed roles
    [`GET ${P}/people/:id/watchers`]: { url: (w) => `${P}/people/${w.personId}/watchers` },
    [`POST ${P}/people/:id/watchers`]: {
      url: (w) => `${P}/people/${w.personId}/watchers`,
      body: () => ({ name: '長女', channel: 'email', address: `w${++made}@example.test` }),
    },
    [`PATCH ${P}/watchers/:id`]: { url: (w) => `${P}/watchers/${w.watcherId}`, body: () => ({ active: true }) },
    [`DELETE ${P}/watchers/:id`]: {}, // random id: 404 for allowed roles
    [`GET ${P}/public/confirm/:token`]: { url: () => `${P}/public/confirm/${NO_TOKEN}` },
    [`POST ${P}/public/confirm/:token`]: { url: () => `${P}/public/confirm/${NO_TOKEN}`, body: () => ({ outcome: 'safe' }) },
  };
}

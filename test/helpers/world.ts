/**
 * A tenant with a row of every kind, made through the API as that tenant's own users (and the
 * sweepers for what only they make: alert notifications, confirm links, check-ins): the ids the
 * tenant-isolation, invalid-input and access-matrix tests aim at. Every free text carries the
 * tenant's label, so a response that leaks the tenant's data can be found by its markers.
 */
import sharp from 'sharp';
import { uuidv7 } from 'uuidv7';
import { expect } from 'vitest';
import type { Role } from '../../server/access/roles.js';
import { sweepAlerts } from '../../server/modules/alerts/ladder.sweeper.js';
import { createCheckinChannels } from '../../server/modules/checkins/checkins.channels.js';
import { sweepCheckins } from '../../server/modules/checkins/checkins.sweeper.js';
import { insertQuarantine } from '../../server/modules/devices/telemetry.queries.js';
import { SMTP_CONFIGURED, type TestApp } from './app.js';
import type { TestTenant } from './factories.js';

const P = '/api/v1';

export interface World {
  tenant: TestTenant;
  slug: string;
  /** Text every name, note and address of this tenant carries. */
  label: string;
  accountId: string; // the tenant's hub_staff
  hubId: string;
  agencyId: string;
  concernId: string; // filed by the partner, untriaged, with a photo
  concernRef: string;
  photoId: string;
  spareConcernId: string; // untriaged, never touched by the seed
  triagedConcernId: string; // the one behind caseId, thanked
  caseId: string;
  personId: string;
  householdId: string;
  consentId: string;
  spareConsentId: string; // active, for withdraw
  referralId: string;
  contactId: string;
  noteId: string;
  partnerId: string; // made through the API
  agreementId: string;
  stickerCode: string;
  enrollmentId: string;
  spareEnrollCode: string; // not redeemed
  phoneDeviceId: string; // an enrolled phone of the partner
  phoneToken: string;
  supporterAccountId: string; // made by an invitation
  apiKeyId: string;
  watchDeviceId: string; // an emergency button of personId
  watchDeviceKey: string;
  watchDeviceToken: string;
  credentialId: string;
  credentialToken: string;
  watcherId: string;
  alertId: string; // welfare (emergency button), watchers notified and hub alerted
  techAlertId: string; // battery_low
  quarantineId: string; // a reading of watchDeviceKey set aside by the ingest path
  confirmToken: string;
  notificationId: string; // the hub lead's in-app alert for alertId
  planId: string;
  checkinId: string;
  checkinToken: string;
  subscribeToken: string;
}

/** Answers `status` or throws with the body, and returns the JSON. */
async function ok(res: Promise<{ statusCode: number; body: string; json(): any }>, status = 200) {
  const r = await res;
  expect(r.statusCode, r.body).toBe(status);
  return r.json();
}

function hhmm(d: Date): string {
  const tokyo = new Date(d.getTime() + 9 * 3_600_000);
  return `${String(tokyo.getUTCHours()).padStart(2, '0')}:${String(tokyo.getUTCMinutes()).padStart(2, '0')}`;
}

/** Builds one tenant's world. Moves the clock by a few minutes (the check-in falls due). */
export async function buildWorld(t: TestApp, tenant: TestTenant, label: string): Promise<World> {
  const as = (role: Role) => t.as(role, tenant);
  const partner = await as('partner');
  const staff = await as('hub_staff');
  const coordinator = await as('coordinator');
  const w = { tenant, slug: tenant.slug, label, accountId: tenant.accounts.hub_staff.id, hubId: tenant.hubId, agencyId: tenant.agencyId };

  const file = async (n: number) =>
    (await ok(
      partner.post(`${P}/concerns`, {
        category: 'mail_piling_up',
        description: `${label}の秘密メモ${n}`,
        place_text: `${label}荘${n}号室`,
        latitude: 35.625,
        longitude: 139.685,
      }),
      201,
    )) as { id: string; reference: string };
  const concern = await file(1);
  const jpeg = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#6b8e23' } })
    .jpeg()
    .toBuffer();
  const photo = await ok(
    partner.inject({ method: 'POST', url: `${P}/concerns/${concern.id}/photos`, payload: jpeg, headers: { 'content-type': 'image/jpeg' } }),
    201,
  );
  const spare = await file(2);
  const triaged = await file(3);
  const kase = await ok(
    staff.post(`${P}/concerns/${triaged.id}/triage`, { urgency: 'high', new_person: { name: `${label} 太郎`, kana: 'ミマモリ タロウ' } }),
  );
  await ok(staff.post(`${P}/concerns/${triaged.id}/thanks`, { message: `${label}からのお礼` }));
  const household = await ok(staff.post(`${P}/households`, { address: `${label}町1-1`, note: `${label}世帯` }), 201);
  await ok(staff.patch(`${P}/people/${kase.person_id}`, { household_id: household.id, address: `${label}町1-1` }));
  const contact = await ok(
    staff.post(`${P}/cases/${kase.id}/contacts`, {
      method: 'visit',
      reached: true,
      occurred_at: t.clock.now().toISOString(),
      note: `${label}訪問`,
    }),
    201,
  );
  const note = await ok(staff.post(`${P}/cases/${kase.id}/notes`, { body: `${label}のケースメモ` }), 201);
  const consent = await ok(
    staff.post(`${P}/people/${kase.person_id}/consents`, {
      agency_ids: [tenant.agencyId],
      shared_with: `${label}保健センター`,
      scope: '健康相談',
      method: 'written',
    }),
    201,
  );
  const spareConsent = await ok(
    staff.post(`${P}/people/${kase.person_id}/consents`, { agency_ids: [tenant.agencyId], shared_with: `${label}社協`, scope: '見守り' }),
    201,
  );
  const referral = await ok(
    staff.post(`${P}/cases/${kase.id}/referrals`, {
      agency_id: tenant.agencyId,
      reason: `${label}の紹介理由`,
      legal_basis: 'consent',
      consent_id: consent.id,
    }),
    201,
  );

  // Partners: a partner, its agreement (sticker), an enrolled phone, a spare code, an API key, a supporter.
  const org = await ok(coordinator.post(`${P}/partners`, { name: `${label}配達`, kind: 'delivery', note: `${label}の協定先` }), 201);
  const agreement = await ok(
    coordinator.post(`${P}/partners/${org.id}/agreements`, {
      signed_on: '2026-04-01',
      scope: `${label}の見守り`,
      contact_person: `${label}係長`,
    }),
    201,
  );
  const enrollment = await ok(coordinator.post(`${P}/partners/${org.id}/enrollments`, { label: `${label}配達員` }), 201);
  const phone = await ok(t.anonymous().post(`${P}/enroll`, { code: enrollment.code, label: `${label}の電話` }));
  const spareCode = await ok(coordinator.post(`${P}/partners/${org.id}/enrollments`, { label: `${label}予備` }), 201);
  const apiKey = await ok(coordinator.post(`${P}/partners/${org.id}/api-keys`, { label: `${label}連携` }), 201);
  const supporter = await ok(coordinator.post(`${P}/supporters/invitations`, { display_name: `${label}サポーター` }), 201);

  // Watch devices, watchers, settings, an ingestion credential; alerts raised through telemetry.
  const device = await ok(
    staff.post(`${P}/people/${kase.person_id}/devices`, {
      type: 'emergency_button',
      device_key: `${tenant.slug}-button-1`,
      location_in_home: `${label}の居間`,
    }),
    201,
  );
  const credential = await ok(staff.post(`${P}/ingest-credentials`, { label: `${label}ゲートウェイ` }), 201);
  const watcher = await ok(
    staff.post(`${P}/people/${kase.person_id}/watchers`, {
      name: `${label}長女`,
      relation: '長女',
      channel: 'email',
      address: `daughter@${tenant.slug}-watch.test`,
    }),
    201,
  );
  await ok(staff.inject({ method: 'PUT', url: `${P}/people/${kase.person_id}/watch-settings`, payload: { watcherConfirmMinutes: 20 } }));
  const now = t.clock.now().toISOString();
  const ingest = await ok(
    t.anonymous().post(
      `${P}/telemetry`,
      {
        readings: [
          { ts: now, kind: 'press', value: 1 },
          { ts: now, kind: 'battery', value: 3 },
        ],
      },
      { authorization: `Bearer ${device.token}` },
    ),
  );
  expect(ingest.rejected).toEqual([]);
  const alerts = await t.ctx.db
    .selectFrom('alerts')
    .select(['id', 'type'])
    .where('tenant_id', '=', tenant.id)
    .where('device_id', '=', device.id)
    .execute();
  const alertId = alerts.find((a) => a.type === 'emergency_button')!.id;
  await sweepAlerts(t.ctx); // watchers get their link, the hub its in-app alert
  const mail = await t.ctx.db
    .selectFrom('outbox')
    .select('payload')
    .where('dedupe_key', 'like', `watch:${alertId}:%`)
    .where('kind', '=', 'email')
    .executeTakeFirstOrThrow();
  const confirmToken = /\/confirm\/([A-Za-z0-9_-]+)/.exec((mail.payload as { text: string }).text)![1]!;
  // Only a failed write quarantines a reading; the ingest path's own writer records one here.
  const quarantineId = uuidv7();
  await insertQuarantine(
    t.ctx.db,
    [
      {
        tenantId: tenant.id,
        id: quarantineId,
        deviceId: device.id,
        deviceKey: device.device_key,
        kind: 'motion',
        ts: t.clock.now().getTime(),
        value: 1,
        raw: `{"device_id":"${device.device_key}","note":"${label}"}`,
        reason: `${label}: could not be stored`,
        source: 'http',
      },
    ],
    t.clock.now(),
  );
  const notification = await t.ctx.db
    .selectFrom('notifications')
    .select('id')
    .where('tenant_id', '=', tenant.id)
    .where('account_id', '=', tenant.accounts.hub_lead.id)
    .executeTakeFirstOrThrow();

  // A daily check-in falling due two minutes from now, sent by email; a push subscribe link.
  const plan = await ok(
    staff.post(`${P}/people/${kase.person_id}/checkin-plans`, {
      frequency: 'daily',
      local_time: hhmm(new Date(t.clock.now().getTime() + 120_000)),
      channel: 'email',
      address: `self@${tenant.slug}-watch.test`,
    }),
    201,
  );
  const link = await ok(staff.post(`${P}/checkin-plans/${plan.id}/subscribe-link`), 201);
  t.clock.advance(180_000);
  // Sent as if SMTP were configured: the world needs a check-in with an answer link in the outbox.
  const channels = createCheckinChannels({ ...t.ctx.config, smtpUrl: SMTP_CONFIGURED.SMTP_URL });
  while ((await sweepCheckins(t.ctx, channels)) > 0);
  const checkin = await t.ctx.db.selectFrom('checkins').select('id').where('plan_id', '=', plan.id).executeTakeFirstOrThrow();
  const checkinMail = await t.ctx.db
    .selectFrom('outbox')
    .select('payload')
    .where('dedupe_key', '=', `checkin:${checkin.id}`)
    .executeTakeFirstOrThrow();

  return {
    ...w,
    concernId: concern.id,
    concernRef: concern.reference,
    photoId: photo.id,
    spareConcernId: spare.id,
    triagedConcernId: triaged.id,
    caseId: kase.id,
    personId: kase.person_id,
    householdId: household.id,
    consentId: consent.id,
    spareConsentId: spareConsent.id,
    referralId: referral.id,
    contactId: contact.id,
    noteId: note.id,
    partnerId: org.id,
    agreementId: agreement.id,
    stickerCode: agreement.sticker_code,
    enrollmentId: enrollment.id,
    spareEnrollCode: spareCode.code,
    phoneDeviceId: phone.device_id,
    phoneToken: phone.token,
    supporterAccountId: supporter.account_id,
    apiKeyId: apiKey.id,
    watchDeviceId: device.id,
    watchDeviceKey: device.device_key,
    watchDeviceToken: device.token,
    credentialId: credential.id,
    credentialToken: credential.token,
    watcherId: watcher.id,
    alertId,
    techAlertId: alerts.find((a) => a.type === 'battery_low')!.id,
    quarantineId,
    confirmToken,
    notificationId: notification.id,
    planId: plan.id,
    checkinId: checkin.id,
    checkinToken: /\/c\/([A-Za-z0-9_-]{43})/.exec((checkinMail.payload as { text: string }).text)![1]!,
    subscribeToken: /\/c\/subscribe\/([A-Za-z0-9_-]+)/.exec(link.url)![1]!,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The same shape with nothing real in it: random UUIDs for ids, random tokens of the same
 * length, an unknown slug. "What a random id answers" is what the route says to this.
 */
export function randomWorld(like: World): World {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(like)) {
    if (typeof v !== 'string') out[k] = v;
    else if (UUID.test(v)) out[k] = crypto.randomUUID();
    else if (k.endsWith('Token') || k.endsWith('Code'))
      out[k] = Buffer.from(crypto.getRandomValues(new Uint8Array(64)))
        .toString('base64url')
        .slice(0, v.length);
    else out[k] = `nobody-${crypto.randomUUID().slice(0, 8)}`;
  }
  return out as unknown as World;
}

/** Every string of the world that must never reach another tenant: ids, texts, tokens, emails. */
export function markersOf(w: World): string[] {
  const fromTenant = [w.tenant.id, ...w.tenant.areaIds, ...Object.values(w.tenant.accounts).map((a) => a.id), `@${w.slug}.test`];
  const own = Object.entries(w)
    .filter(([k, v]) => typeof v === 'string' && k !== 'slug')
    .map(([, v]) => v as string);
  return [...new Set([...own, ...fromTenant, `${w.slug} 市`, `${w.slug} 新聞店`, `${w.slug}-watch.test`])];
}

/**
 * 90 days of the core loop for the demo municipality: concerns arriving by day and hour, their
 * triage into cases (some merged), first contacts against the urgency targets (a few breached and
 * escalated), follow-ups, notes, referrals and closures. Built in memory; times relative to `now`.
 */

import { placeKey } from '../modules/concerns/concerns.service.js';
import { DEFAULT_CATEGORIES, DEFAULT_TARGET_HOURS } from '../modules/tenants/tenants.service.js';
import type { Urgency } from '../schema-helpers.js';
import type { Rng } from './demo-random.js';
import {
  CASE_NOTES,
  CONCERN_TEXT,
  EMERGENCY_NOTES,
  QUICK_OUTCOMES,
  REACHED_NOTES,
  REFERRAL_OUTCOMES,
  REFERRAL_REASONS,
  SETTLED_NOTES,
  SUPPORT_OUTCOMES,
  UNREACHED_NOTES,
} from './demo-text.js';
import { address, type DemoArea, type DemoHub, type DemoPerson, type NewId, pointIn, type Row, type World } from './demo-world.js';

const MIN = 60_000;
const H = 3_600_000;
const DAY = 86_400_000;

export interface Flow {
  rows: {
    cases: Row<'cases'>[];
    concerns: Row<'concerns'>[];
    case_contacts: Row<'case_contacts'>[];
    case_notes: Row<'case_notes'>[];
    referrals: Row<'referrals'>[];
    case_events: Row<'case_events'>[];
    notifications: Row<'notifications'>[];
  };
  caseCount: number;
}

const CATEGORY_WEIGHTS: [string, number][] = [
  ['mail_piling_up', 20],
  ['not_seen', 18],
  ['lights', 12],
  ['smell_noise', 10],
  ['laundry', 5],
  ['appearance', 7],
  ['dementia', 8],
  ['consumer_fraud', 5],
  ['hoarding', 4],
  ['abuse_neglect', 2],
  ['child_alone', 1.2],
  ['other', 5],
];

/** Urgency staff give by category; emergencies come from their own slots (about 3% of cases). */
function urgencyWeights(category: string): [Urgency, number][] {
  switch (category) {
    case 'abuse_neglect':
    case 'child_alone':
      return [
        ['high', 90],
        ['normal', 10],
      ];
    case 'smell_noise':
      return [
        ['high', 50],
        ['normal', 47],
        ['low', 3],
      ];
    case 'not_seen':
    case 'mail_piling_up':
      return [
        ['high', 40],
        ['normal', 51],
        ['low', 9],
      ];
    case 'lights':
    case 'laundry':
      return [
        ['high', 25],
        ['normal', 61],
        ['low', 14],
      ];
    case 'dementia':
    case 'consumer_fraud':
      return [
        ['high', 36],
        ['normal', 52],
        ['low', 12],
      ];
    default:
      return [
        ['high', 8],
        ['normal', 55],
        ['low', 37],
      ];
  }
}

/** Which partners notice what on their rounds. */
const PARTNER_SEES: Record<string, string[]> = {
  newspaper: ['mail_piling_up', 'not_seen', 'lights'],
  utility: ['lights', 'not_seen', 'smell_noise'],
  delivery: ['not_seen', 'mail_piling_up', 'smell_noise', 'hoarding'],
  finance: ['consumer_fraud', 'dementia', 'appearance'],
  retail: ['dementia', 'not_seen', 'appearance', 'child_alone'],
  cooperative: ['mail_piling_up', 'not_seen', 'appearance'],
  care: ['appearance', 'dementia', 'abuse_neglect', 'hoarding'],
};

const AGENCY_FOR: Record<string, string[]> = {
  dementia: ['community_support_center', 'medical'],
  abuse_neglect: ['welfare_office', 'police'],
  consumer_fraud: ['consumer_center', 'police'],
  hoarding: ['public_health', 'social_welfare_council'],
  child_alone: ['welfare_office'],
  smell_noise: ['public_health', 'medical'],
  appearance: ['community_support_center', 'medical'],
  other: ['social_welfare_council', 'welfare_office'],
};
const AGENCY_DEFAULT = ['welfare_commissioners', 'community_support_center', 'social_welfare_council'];

/** Relative frequency of reports by hour of day in Japan: a daytime peak, quiet nights. */
const HOUR_WEIGHTS = [0.2, 0.1, 0.1, 0.1, 0.1, 0.2, 0.5, 1, 2.5, 4.5, 5, 5, 3, 4, 5, 4.5, 4, 3, 2, 1.5, 1, 0.6, 0.4, 0.3];

/** Points just outside the demo areas (代官山町 and 中町二丁目 directions). */
const OUTSIDE = [
  { lon: 139.7035, lat: 35.6505, place: '代官山町付近の集合住宅' },
  { lon: 139.6935, lat: 35.6275, place: '中町二丁目付近の戸建て' },
];

const PRIORITY = new Map(DEFAULT_CATEGORIES.map((c) => [c.code, c.priority]));

interface Reporter {
  reporter_kind: 'staff' | 'partner' | 'supporter' | 'resident';
  channel: 'web' | 'phone' | 'counter' | 'field';
  reporter_account_id: string | null;
  reporter_partner_id: string | null;
  anonymous: boolean;
  callback_contact: string | null;
}

interface Place {
  latitude: number;
  longitude: number;
  area: DemoArea | null;
  placeText: string;
}

interface Escalation {
  leadId: string;
  at: number;
  due: number;
  readAt: number | null;
}

interface CaseState {
  id: string;
  person: DemoPerson | null;
  place: Place;
  hub: DemoHub;
  urgency: Urgency;
  receivedAt: number;
  openedAt: number;
  closedAt: number | null;
  category: string;
  escalation: Escalation | null;
  row: Row<'cases'>;
}

export function buildFlow(rng: Rng, newId: NewId, tenantId: string, now: Date, world: World): Flow {
  const t0 = now.getTime();
  const rows: Flow['rows'] = {
    cases: [],
    concerns: [],
    case_contacts: [],
    case_notes: [],
    referrals: [],
    case_events: [],
    notifications: [],
  };
  const hubOf = (area: DemoArea | null) => world.hubs.find((h) => h.id === area?.hubId) ?? world.hubs[1];
  const areaWeights = world.areas.map((a) => [a, a.population] as const);
  const busyUntil = new Map<string, number>();
  const cases: CaseState[] = [];
  const clampNow = (t: number) => Math.min(t, t0 - MIN);

  // --- when concerns arrive -------------------------------------------------------------
  const jstMidnight = Math.floor((t0 + 9 * H) / DAY) * DAY - 9 * H;
  const mainTime = (): number => {
    for (;;) {
      const dayStart = jstMidnight - rng.int(0, 90) * DAY;
      const weekday = new Date(dayStart + 9 * H).getUTCDay();
      if ((weekday === 0 || weekday === 6) && rng.chance(0.45)) continue; // fewer rounds at weekends
      const t = dayStart + rng.weighted(HOUR_WEIGHTS.map((w, h) => [h, w] as const)) * H + rng.between(0, 60) * MIN;
      if (t >= t0 - 90 * DAY && t <= t0 - 16 * H) return Math.floor(t);
    }
  };
  type SlotKind = 'main' | 'emergency' | 'overdue' | 'queue' | 'outside_queue' | 'outside_dismissed';
  const slots: { at: number; kind: SlotKind }[] = [
    ...Array.from({ length: 276 }, () => ({ at: mainTime(), kind: 'main' as const })),
    // Life at risk (target 1 h): a fixed handful, so the demo always has some.
    ...Array.from({ length: 7 }, () => ({ at: mainTime(), kind: 'emergency' as const })),
    // Triaged, high urgency, no contact yet and past the 24 h target: the sweeper escalates them.
    ...Array.from({ length: 3 }, () => ({ at: Math.floor(t0 - rng.between(25, 31) * H), kind: 'overdue' as const })),
    { at: mainTime(), kind: 'outside_dismissed' as const },
    // The triage queue: the most recent reports, not yet triaged.
    ...Array.from({ length: 11 }, () => ({ at: Math.floor(t0 - rng.between(0.1, 15) * H), kind: 'queue' as const })),
    { at: Math.floor(t0 - rng.between(1, 10) * H), kind: 'outside_queue' as const },
  ].sort((a, b) => a.at - b.at);

  // --- helpers ----------------------------------------------------------------------------
  const randomPlace = (): Place => {
    const area = rng.weighted(areaWeights);
    const [longitude, latitude] = pointIn(rng, area);
    return { latitude, longitude, area, placeText: address(rng, area).placeText };
  };
  const personPlace = (p: DemoPerson): Place => ({ latitude: p.latitude, longitude: p.longitude, area: p.area, placeText: p.placeText });
  const pickPerson = (at: number): DemoPerson | null => {
    const free = world.people.filter((p) => (busyUntil.get(p.id) ?? -Infinity) < at);
    return free.length ? rng.weighted(free.map((p) => [p, p.weight] as const)) : null;
  };
  const phone = () => `${rng.pick(['090', '080', '070'])}-0000-${String(rng.int(0, 9999)).padStart(4, '0')}`;

  const reporterFor = (category: string, place: Place, person: DemoPerson | null): Reporter => {
    const hub = hubOf(place.area);
    const partners = world.partners.filter((p) => PARTNER_SEES[p.kind]?.includes(category));
    const kind = rng.weighted([
      ['partner', partners.length ? 36 : 0],
      ['supporter', person?.supporterId ? 30 : 14],
      ['resident', 36],
      ['staff', 12],
    ] as const);
    const base = { reporter_account_id: null, reporter_partner_id: null, anonymous: false, callback_contact: null };
    if (kind === 'partner') {
      const p = rng.pick(partners);
      // Partners with an account file from the partner app; the others phone the hub.
      return {
        ...base,
        reporter_kind: 'partner',
        channel: p.accountId ? 'web' : 'phone',
        reporter_account_id: p.accountId,
        reporter_partner_id: p.id,
      };
    }
    if (kind === 'supporter') {
      return {
        ...base,
        reporter_kind: 'supporter',
        channel: rng.chance(0.6) ? 'web' : 'field',
        reporter_account_id: person?.supporterId ?? rng.pick(world.supporterIds),
      };
    }
    if (kind === 'staff') {
      return {
        ...base,
        reporter_kind: 'staff',
        channel: rng.chance(0.6) ? 'field' : 'counter',
        reporter_account_id: rng.pick([...hub.staffIds, ...hub.outreachIds]),
      };
    }
    const channel = rng.weighted([
      ['phone', 75],
      ['web', 20],
      ['counter', 5],
    ] as const);
    const anonymous = rng.chance(channel === 'phone' ? 0.25 : channel === 'web' ? 0.5 : 0);
    return { ...base, reporter_kind: 'resident', channel, anonymous, callback_contact: anonymous ? null : phone() };
  };

  const concern = (at: number, category: string, place: Place, rep: Reporter, extra: Partial<Row<'concerns'>>): Row<'concerns'> => {
    const row: Row<'concerns'> = {
      tenant_id: tenantId,
      id: newId(at),
      received_at: new Date(at),
      observed_at: new Date(at - Math.min(72 * H, Math.max(2 * H, rng.logNormal(10 * H, 0.8)))),
      category,
      description: rng.pick(CONCERN_TEXT[category]),
      place_text: place.placeText,
      place_key: placeKey(place.placeText),
      latitude: place.latitude,
      longitude: place.longitude,
      area_id: place.area?.id ?? null,
      outside_area: place.area === null,
      ...rep,
      priority: PRIORITY.get(category) ?? 3,
      status: 'received',
      triaged_at: null,
      triaged_by: null,
      urgency: null,
      case_id: null,
      person_id: null,
      duplicate_of: null,
      ...extra,
    };
    rows.concerns.push(row);
    return row;
  };
  const event = (caseId: string, kind: string, at: number, actor: string | null, data: Record<string, unknown>) => {
    rows.case_events.push({
      tenant_id: tenantId,
      id: newId(at),
      case_id: caseId,
      kind,
      at: new Date(at),
      actor_id: actor,
      data: JSON.stringify(data),
    });
  };
  const contact = (
    caseId: string,
    at: number,
    method: 'visit' | 'phone' | 'other',
    reached: boolean,
    settled: boolean,
    note: string,
    by: string,
  ) => {
    const id = newId(at);
    const recorded = Math.floor(Math.min(t0, at + Math.min(8 * H, Math.max(2 * MIN, rng.logNormal(30 * MIN, 1)))));
    rows.case_contacts.push({
      tenant_id: tenantId,
      id,
      case_id: caseId,
      method,
      reached,
      settled,
      occurred_at: new Date(at),
      recorded_at: new Date(recorded),
      note,
      recorded_by: by,
    });
    return { id, recorded };
  };
  const method = () =>
    rng.weighted([
      ['visit', 60],
      ['phone', 35],
      ['other', 5],
    ] as const);

  // --- the loop -------------------------------------------------------------------------
  for (const slot of slots) {
    const { at } = slot;
    if (slot.kind === 'queue' || slot.kind === 'outside_queue') {
      const person = slot.kind === 'queue' && rng.chance(0.6) ? rng.pick(world.people) : null;
      const place =
        slot.kind === 'outside_queue'
          ? { latitude: OUTSIDE[0].lat, longitude: OUTSIDE[0].lon, area: null, placeText: OUTSIDE[0].place }
          : person
            ? personPlace(person)
            : randomPlace();
      const category = rng.weighted(CATEGORY_WEIGHTS);
      concern(at, category, place, reporterFor(category, place, person), {});
      continue;
    }
    if (slot.kind === 'outside_dismissed' || (slot.kind === 'main' && rng.chance(0.02))) {
      const place =
        slot.kind === 'outside_dismissed'
          ? { latitude: OUTSIDE[1].lat, longitude: OUTSIDE[1].lon, area: null, placeText: OUTSIDE[1].place }
          : randomPlace();
      const category = rng.weighted([
        ['other', 3],
        ['appearance', 1],
        ['laundry', 1],
      ] as const);
      concern(at, category, place, reporterFor(category, place, null), {
        status: 'dismissed',
        triaged_at: new Date(at + rng.between(0.3, 6) * H),
        triaged_by: rng.pick(hubOf(place.area).staffIds),
      });
      continue;
    }

    // Another report about a case still open: merged into it.
    const mergeable =
      slot.kind === 'main'
        ? cases.filter((c) => c.person && c.receivedAt >= at - 10 * DAY && (c.closedAt === null || c.closedAt > at + 12 * H))
        : [];
    if (mergeable.length && rng.chance(0.2)) {
      const c = rng.pick(mergeable);
      const category = rng.chance(0.6) ? c.category : rng.weighted(CATEGORY_WEIGHTS);
      const triagedAt = clampNow(Math.max(at + rng.between(0.2, 6) * H, c.openedAt + MIN));
      const by = rng.pick(c.hub.staffIds);
      // As triage does when a concern joins an open case: triaged into it, with a case event.
      const merged = concern(at, category, c.place, reporterFor(category, c.place, c.person), {
        status: 'triaged',
        triaged_at: new Date(triagedAt),
        triaged_by: by,
        urgency: c.urgency,
        case_id: c.id,
        person_id: c.person?.id ?? null,
      });
      event(c.id, 'concern_merged', triagedAt, by, { concern_id: merged.id, urgency: c.urgency });
      continue;
    }

    // A new case.
    const category =
      slot.kind === 'overdue'
        ? rng.pick(['not_seen', 'mail_piling_up'])
        : slot.kind === 'emergency'
          ? rng.pick(['smell_noise', 'smell_noise', 'not_seen', 'abuse_neglect'])
          : rng.weighted(CATEGORY_WEIGHTS);
    const urgency: Urgency =
      slot.kind === 'overdue' ? 'high' : slot.kind === 'emergency' ? 'emergency' : rng.weighted(urgencyWeights(category));
    const person = rng.chance(0.87) ? pickPerson(at) : null;
    const place = person ? personPlace(person) : randomPlace();
    const hub = hubOf(place.area);
    const triager = rng.weighted([...hub.staffIds.map((id) => [id, 3] as const), [hub.leadId, 1] as const]);
    const assignee = rng.chance(0.15) ? rng.pick(hub.outreachIds) : rng.pick(hub.staffIds);
    const openedAt = Math.floor(
      at + (urgency === 'emergency' ? rng.between(0.05, 0.25) : Math.min(8, Math.max(0.2, rng.logNormal(1.2, 0.9)))) * H,
    );
    const target = DEFAULT_TARGET_HOURS[urgency];
    const due = at + target * H;
    const caseId = newId(openedAt);

    const first = concern(at, category, place, reporterFor(category, place, person), {
      status: 'triaged',
      triaged_at: new Date(openedAt),
      triaged_by: triager,
      urgency,
      case_id: caseId,
      person_id: person?.id ?? null,
    });

    // First contact: mostly within target, ~10-15% late; recent cases may have none yet.
    let fc: number | null = null;
    let breach = false;
    if (slot.kind !== 'overdue' && !(at > t0 - 4 * DAY && rng.chance(0.3))) {
      breach = rng.chance(urgency === 'emergency' ? 0.08 : 0.13);
      const median = { emergency: 0.55, high: 7, normal: 12, low: 20 }[urgency];
      fc = breach
        ? due + Math.max(0.1, rng.logNormal(urgency === 'emergency' ? 1 : 6, 0.8)) * H
        : Math.max(openedAt + 0.1 * H, at + Math.min(rng.logNormal(median, 0.6), target * 0.97) * H);
      if (urgency === 'emergency' && !breach) fc = Math.max(openedAt + 0.05 * H, at + rng.between(0.3, 0.95) * H);
      fc = Math.floor(fc);
      if (fc > t0 - 10 * MIN) fc = null;
    }
    const escalatedAt = (fc !== null && fc > due) || (fc === null && due < t0 - 12 * H) ? due : null;

    // Unreached attempts before the contact that reached the person.
    const attempts =
      (fc === null
        ? rng.chance(0.5)
          ? 1
          : 0
        : rng.weighted([
            [0, 60],
            [1, 30],
            [2, 10],
          ] as const)) + (breach ? 1 : 0);
    const attemptEnd = fc ?? t0 - 30 * MIN;
    for (let k = 0; k < attempts; k++) {
      const when = Math.floor(openedAt + ((attemptEnd - openedAt) * (k + rng.between(0.3, 0.9))) / (attempts + 0.5));
      if (when <= openedAt || when >= attemptEnd) continue;
      const m = method();
      contact(caseId, when, m, false, false, rng.pick(UNREACHED_NOTES[m]), assignee);
    }
    let fcId: string | null = null;
    let fcRecordedAt = 0;
    let emergencyFound = false;
    if (fc !== null) {
      if (urgency === 'emergency' && rng.chance(0.4)) {
        emergencyFound = true;
        ({ id: fcId, recorded: fcRecordedAt } = contact(caseId, fc, 'visit', true, false, rng.pick(EMERGENCY_NOTES), assignee));
      } else if (rng.chance(0.08)) {
        ({ id: fcId, recorded: fcRecordedAt } = contact(caseId, fc, 'phone', false, true, rng.pick(SETTLED_NOTES), assignee));
      } else {
        const m = method();
        ({ id: fcId, recorded: fcRecordedAt } = contact(caseId, fc, m, true, false, rng.pick(REACHED_NOTES[m]), assignee));
      }
    }

    // Status: closed soon after contact; or kept open while staff assess, then closed; or
    // supported for weeks and then closed.
    let status: 'open' | 'supporting' | 'closed' = 'open';
    let supportingAt: number | null = null;
    let closedAt: number | null = null;
    let outcome: string | null = null;
    let closingNote = '';
    if (fc !== null) {
      const path = emergencyFound
        ? 'support'
        : rng.weighted([
            ['quick', 22],
            ['assess', 24],
            ['support', 54],
          ] as const);
      if (path === 'quick') {
        const close = Math.floor(fc + Math.min(14, Math.max(0.05, rng.logNormal(1.5, 0.9))) * DAY);
        if (close < t0) [status, closedAt, [outcome, closingNote]] = ['closed', close, rng.pick(QUICK_OUTCOMES)];
      } else if (path === 'assess') {
        const close = Math.floor(fc + rng.logNormal(30, 0.6) * DAY);
        if (close < t0) [status, closedAt, [outcome, closingNote]] = ['closed', close, rng.pick(SUPPORT_OUTCOMES)];
      } else {
        const sup = Math.floor(fc + rng.between(0.01, 1) * DAY);
        if (sup < t0) {
          [status, supportingAt] = ['supporting', sup];
          const close = Math.floor(sup + rng.logNormal(50, 0.5) * DAY);
          if (close < t0) [status, closedAt, [outcome, closingNote]] = ['closed', close, rng.pick(SUPPORT_OUTCOMES)];
        }
      }
    }
    if (supportingAt !== null) {
      const end = closedAt ?? t0 - H;
      for (let k = rng.int(1, 3); k > 0; k--) {
        const when = Math.floor(rng.between(supportingAt, end));
        const m = method();
        contact(caseId, when, m, true, false, rng.pick(REACHED_NOTES[m]), rng.chance(0.8) ? assignee : rng.pick(hub.outreachIds));
      }
    }
    const end = closedAt ?? t0 - 10 * MIN;
    for (let k = rng.int(0, 2) + (supportingAt !== null ? 1 : 0); k > 0; k--) {
      const when = Math.floor(rng.between(openedAt, end));
      rows.case_notes.push({
        tenant_id: tenantId,
        id: newId(when),
        case_id: caseId,
        body: rng.pick(CASE_NOTES),
        created_by: assignee,
        created_at: new Date(when),
      });
    }
    if (closedAt !== null) {
      rows.case_notes.push({
        tenant_id: tenantId,
        id: newId(closedAt - MIN),
        case_id: caseId,
        body: closingNote,
        created_by: assignee,
        created_at: new Date(closedAt - MIN),
      });
    }

    event(caseId, 'opened', openedAt, triager, { concern_id: first.id, urgency });
    event(caseId, 'assigned', openedAt, triager, { assignee_id: assignee });
    // As the sweeper does on a breach: escalated event and a notification to the hub lead.
    let escalation: Escalation | null = null;
    if (escalatedAt !== null) {
      event(caseId, 'escalated', escalatedAt, null, { due_at: new Date(due).toISOString(), notified: 1 });
      escalation = {
        leadId: hub.leadId,
        at: escalatedAt,
        due,
        readAt: escalatedAt < t0 - DAY ? Math.floor(escalatedAt + rng.between(0.2, 6) * H) : null,
      };
    }
    if (fcId !== null)
      event(caseId, 'first_contact', fcRecordedAt, assignee, { contact_id: fcId, occurred_at: new Date(fc!).toISOString() });
    if (supportingAt !== null) event(caseId, 'status_changed', supportingAt, assignee, { from: 'open', to: 'supporting', outcome: null });
    if (closedAt !== null)
      event(caseId, 'status_changed', closedAt, assignee, { from: supportingAt !== null ? 'supporting' : 'open', to: 'closed', outcome });

    // Referrals need a legal basis: consent, or protection of life when consent cannot be had.
    if (person && fc !== null && status !== 'open') {
      const refAt = Math.floor(fc + rng.between(0.2, 10) * DAY);
      const limit = (closedAt ?? t0) - 2 * H;
      const consent = person.consent;
      const consentValid = consent !== null && consent.givenAt < refAt && (consent.withdrawnAt === null || consent.withdrawnAt > refAt);
      const vital =
        !consentValid &&
        (urgency === 'emergency' || urgency === 'high') &&
        ['abuse_neglect', 'smell_noise', 'not_seen', 'child_alone'].includes(category) &&
        rng.chance(0.3);
      if (refAt < limit && ((consentValid && rng.chance(0.95)) || vital)) {
        const kind = emergencyFound ? rng.pick(['fire', 'medical']) : rng.pick(AGENCY_FOR[category] ?? AGENCY_DEFAULT);
        const age = t0 - refAt;
        let refStatus: 'sent' | 'accepted' | 'declined' | 'completed' = 'sent';
        let updated = refAt;
        let refOutcome: string | null = null;
        const refId = newId(refAt);
        const refBy = vital ? hub.leadId : assignee;
        event(caseId, 'referred', refAt, refBy, { referral_id: refId, legal_basis: vital ? 'vital_interest' : 'consent' });
        if (age > 2 * DAY) {
          refStatus = rng.weighted([
            ['accepted', 70],
            ['declined', 10],
            ['sent', closedAt === null ? 20 : 0],
          ] as const);
          if (refStatus !== 'sent') {
            updated = Math.floor(Math.min(t0 - H, refAt + rng.between(0.2, 3) * DAY));
            event(caseId, 'referral_updated', updated, assignee, { referral_id: refId, from: 'sent', to: refStatus });
          }
          if (refStatus === 'declined') refOutcome = rng.pick(REFERRAL_OUTCOMES.declined);
          const completed = Math.floor(updated + rng.between(3, 20) * DAY);
          if (refStatus === 'accepted' && completed < t0 && rng.chance(0.6)) {
            [refStatus, updated, refOutcome] = ['completed', completed, rng.pick(REFERRAL_OUTCOMES.completed)];
            event(caseId, 'referral_updated', updated, assignee, { referral_id: refId, from: 'accepted', to: 'completed' });
          }
        }
        rows.referrals.push({
          tenant_id: tenantId,
          id: refId,
          case_id: caseId,
          agency_id: world.agencyIdByKind[kind],
          reason: REFERRAL_REASONS[kind],
          status: refStatus,
          legal_basis: vital ? 'vital_interest' : 'consent',
          consent_id: vital ? null : consent!.id,
          legal_basis_reason: vital ? '呼びかけに応答がなく、本人の同意を得ることができない。生命・身体の危険があるため' : null,
          outcome: refOutcome,
          created_by: refBy,
          created_at: new Date(refAt),
          updated_at: new Date(updated),
        });
      }
    }

    const updatedAt = Math.max(openedAt, fc ?? 0, supportingAt ?? 0, closedAt ?? 0, escalatedAt ?? 0);
    const row: Row<'cases'> = {
      tenant_id: tenantId,
      id: caseId,
      case_number: 0,
      person_id: person?.id ?? null,
      household_id: person?.householdId ?? null,
      hub_id: hub.id,
      assignee_id: assignee,
      status,
      outcome,
      urgency,
      received_at: new Date(at),
      first_contact_due_at: new Date(due),
      first_contact_at: fc === null ? null : new Date(fc),
      first_contact_id: fcId,
      escalated_at: escalatedAt === null ? null : new Date(escalatedAt),
      opened_at: new Date(openedAt),
      closed_at: closedAt === null ? null : new Date(closedAt),
      created_by: triager,
      updated_at: new Date(Math.min(t0, updatedAt)),
    };
    cases.push({ id: caseId, person, place, hub, urgency, receivedAt: at, openedAt, closedAt, category, escalation, row });
    if (person) busyUntil.set(person.id, closedAt ?? Infinity);
  }

  // Case numbers follow the order in which triage opened the cases.
  cases.sort((a, b) => a.openedAt - b.openedAt);
  // Scripted for the maps and duplicates of issue #9: a report with a point only (the field app's
  // GPS), and one door typed two ways by two reporters (suggested as the same place).
  {
    const gps = { ...randomPlace(), placeText: '' };
    concern(t0 - 2 * H, 'not_seen', gps, reporterFor('not_seen', gps, null), {});
    const door = randomPlace();
    const first = { ...door, placeText: 'さくら荘103' };
    concern(t0 - 5 * H, 'mail_piling_up', first, reporterFor('mail_piling_up', first, null), {
      latitude: null,
      longitude: null,
      area_id: null,
    });
    const second = { ...door, placeText: 'さくら荘103号室' };
    concern(t0 - 3 * H, 'lights', second, reporterFor('lights', second, null), {});
  }
  cases.forEach((c, i) => {
    rows.cases.push({ ...c.row, case_number: i + 1 });
    const e = c.escalation;
    if (e) {
      rows.notifications.push({
        tenant_id: tenantId,
        id: newId(e.at),
        account_id: e.leadId,
        kind: 'first_contact_overdue',
        case_id: c.id,
        created_at: new Date(e.at),
        read_at: e.readAt === null ? null : new Date(e.readAt),
        data: JSON.stringify({ case_number: i + 1, urgency: c.urgency, due_at: new Date(e.due).toISOString() }),
      });
    }
  });
  return { rows, caseCount: cases.length };
}

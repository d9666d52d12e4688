/**
 * The demo municipality's organisations, accounts and residents, built in memory from a seeded
 * stream (see demo.ts). Nothing here touches the database.
 */
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { Insertable } from 'kysely';
import type { Role } from '../access/roles.js';
import type { Database } from '../db/schema.js';
import type { AreaGeometry } from './areas-import.js';
import type { Rng } from './demo-random.js';
import {
  BUILDINGS,
  HOUSEHOLD_NOTES,
  MIDDLE_AGED,
  type Named,
  OLDER_MEN,
  OLDER_WOMEN,
  PERSON_NOTES,
  RELATIONS,
  SURNAMES,
  YOUNG,
} from './demo-text.js';

export type Row<T extends keyof Database> = Insertable<Database[T]>;
export type NewId = (at: Date | number) => string;

const DAY = 86_400_000;

export interface DemoArea {
  id: string;
  code: string;
  name: string;
  population: number;
  geometry: AreaGeometry;
  bbox: number[];
  hubId: string;
}

export interface DemoHub {
  id: string;
  name: string;
  leadId: string;
  staffIds: string[];
  outreachIds: string[];
}

export interface DemoPerson {
  id: string;
  householdId: string;
  area: DemoArea;
  latitude: number;
  longitude: number;
  placeText: string;
  supporterId: string | null;
  /** Active consent usable for a referral, with when it was given and withdrawn. */
  consent: { id: string; givenAt: number; withdrawnAt: number | null } | null;
  /** Persons with consent or many risk factors get more cases. */
  weight: number;
}

export interface DemoPartner {
  id: string;
  kind: string;
  accountId: string | null;
}

export interface World {
  rows: {
    hubs: Row<'hubs'>[];
    hub_areas: Row<'hub_areas'>[];
    partners: Row<'partners'>[];
    agencies: Row<'agencies'>[];
    accounts: Row<'accounts'>[];
    households: Row<'households'>[];
    people: Row<'people'>[];
    consents: Row<'consents'>[];
  };
  hubs: DemoHub[];
  areas: DemoArea[];
  partners: DemoPartner[];
  agencyIdByKind: Record<string, string>;
  supporterIds: string[];
  staffIds: string[];
  people: DemoPerson[];
}

/** The areas of each hub, by name prefix: 上目黒 in the north, 中目黒・祐天寺 in the south. */
const HUBS = [
  { name: '北部地域包括支援センター', phone: '03-0000-1101', areaPrefixes: ['上目黒'] },
  { name: '南部地域包括支援センター', phone: '03-0000-1201', areaPrefixes: ['中目黒', '祐天寺'] },
];

const PARTNERS = [
  { name: '目黒中央新聞販売所', kind: 'newspaper', account: ['partner', '店長 小西 達也'] },
  { name: 'つながりガス 検針センター', kind: 'utility', account: ['partner2', '検針員 大野 聡'] },
  { name: 'つながり市水道 検針受託事業者', kind: 'utility', account: null },
  { name: 'やまびこ運輸 中目黒営業所', kind: 'delivery', account: ['partner3', 'ドライバー 水野 拓也'] },
  { name: '目黒つながり信用金庫 中目黒支店', kind: 'finance', account: null },
  { name: 'サンライズマート 祐天寺店', kind: 'retail', account: ['partner4', '店員 川口 彩'] },
  { name: 'みどり生活協同組合 目黒センター', kind: 'cooperative', account: ['partner5', '配達担当 野村 翔'] },
  { name: 'ひだまり訪問介護ステーション', kind: 'care', account: null },
] as const;

const AGENCIES = [
  { kind: 'community_support_center', name: 'つながり市基幹型地域包括支援センター', phone: '03-0000-2001' },
  { kind: 'public_health', name: 'つながり市保健センター', phone: '03-0000-2002' },
  { kind: 'police', name: 'つながり警察署 生活安全課', phone: '03-0000-2003' },
  { kind: 'fire', name: 'つながり消防署 救急係', phone: '03-0000-2004' },
  { kind: 'social_welfare_council', name: 'つながり市社会福祉協議会', phone: '03-0000-2005' },
  { kind: 'welfare_commissioners', name: 'つながり市民生委員・児童委員協議会', phone: '03-0000-2006' },
  { kind: 'welfare_office', name: 'つながり市福祉事務所（生活保護担当）', phone: '03-0000-2007' },
  { kind: 'consumer_center', name: 'つながり市消費生活センター', phone: '03-0000-2008' },
  { kind: 'medical', name: 'つながり総合病院 地域医療連携室', phone: '03-0000-2009' },
] as const;

/** [local part, role, display name, hub index or null] for staff and volunteers. */
const STAFF: [string, Role, string, number | null][] = [
  ['hub_lead', 'hub_lead', '高橋 由美子', 0],
  ['hub_staff', 'hub_staff', '佐藤 美咲', 0],
  ['hub_staff2', 'hub_staff', '中村 健太', 0],
  ['outreach', 'outreach', '小島 拓海', 0],
  ['hub_lead2', 'hub_lead', '森田 浩之', 1],
  ['hub_staff3', 'hub_staff', '石田 真理', 1],
  ['hub_staff4', 'hub_staff', '岡 直人', 1],
  ['outreach2', 'outreach', '杉山 早紀', 1],
  ['supporter', 'supporter', '民生委員 田村 和子', null],
  ['supporter2', 'supporter', '見守りサポーター 荒木 隆', null],
  ['supporter3', 'supporter', '見守りサポーター 内田 恵美', null],
  ['coordinator', 'coordinator', '社協 菅原 学', null],
  ['counselor', 'counselor', '相談員 永井 香', null],
  ['helper', 'helper', 'ソーシャルメイト 桑原 悠', null],
  ['analyst', 'analyst', '政策企画課 宮本 亮', null],
  ['admin', 'admin', 'システム管理 今井 誠', null],
];

/** A random point inside the area, rounded to 6 decimals (about 0.1 m) and still inside. */
export function pointIn(rng: Rng, area: DemoArea): [number, number] {
  const [minX, minY, maxX, maxY] = area.bbox;
  const polygon = area.geometry as Parameters<typeof booleanPointInPolygon>[1];
  for (let i = 0; i < 10_000; i++) {
    const p: [number, number] = [Number(rng.between(minX, maxX).toFixed(6)), Number(rng.between(minY, maxY).toFixed(6))];
    if (booleanPointInPolygon(p, polygon)) return p;
  }
  throw new Error(`no point found inside ${area.name}`);
}

function phone(rng: Rng, mobile = true): string {
  return `${mobile ? rng.pick(['090', '080', '070']) : '03'}-0000-${String(rng.int(0, 9999)).padStart(4, '0')}`;
}

/** An address and the place text a reporter would give for it. */
export function address(rng: Rng, area: DemoArea): { address: string; placeText: string } {
  const lot = `${area.name}${rng.int(1, 24)}-${rng.int(1, 18)}`;
  if (rng.chance(0.4)) return { address: lot, placeText: `${lot}付近の戸建て` };
  const building = rng.pick(BUILDINGS);
  const room = `${rng.int(1, 4)}0${rng.int(1, 6)}`;
  return { address: `${lot} ${building}${room}`, placeText: `${building}${room}号室` };
}

type Kind = 'alone' | 'with_family' | 'couple' | '8050' | 'young_carer' | 'siblings';

export function buildWorld(
  rng: Rng,
  newId: NewId,
  tenantId: string,
  now: Date,
  passwordHash: string,
  areas: Omit<DemoArea, 'hubId'>[],
): World {
  const t0 = now.getTime();
  const created = new Date(t0 - 400 * DAY);
  const rows: World['rows'] = {
    hubs: [],
    hub_areas: [],
    partners: [],
    agencies: [],
    accounts: [],
    households: [],
    people: [],
    consents: [],
  };

  const hubIds = HUBS.map(() => newId(created));
  for (const [i, h] of HUBS.entries()) rows.hubs.push({ tenant_id: tenantId, id: hubIds[i], name: h.name, phone: h.phone });
  const demoAreas: DemoArea[] = areas.map((a) => {
    const hub = HUBS.findIndex((h) => h.areaPrefixes.some((p) => a.name.startsWith(p)));
    const hubId = hubIds[hub === -1 ? 1 : hub];
    rows.hub_areas.push({ tenant_id: tenantId, hub_id: hubId, area_id: a.id });
    return { ...a, hubId };
  });

  const account = (local: string, role: Role, displayName: string, hubId: string | null, partnerId: string | null): string => {
    const id = newId(created);
    rows.accounts.push({
      tenant_id: tenantId,
      id,
      email: `${local}@demo.example`,
      display_name: displayName,
      role,
      password_hash: passwordHash,
      hub_id: hubId,
      partner_id: partnerId,
      locale: 'ja',
      disabled_at: null,
      created_at: created,
    });
    return id;
  };

  const hubs: DemoHub[] = hubIds.map((id, i) => ({ id, name: HUBS[i].name, leadId: '', staffIds: [], outreachIds: [] }));
  const supporterIds: string[] = [];
  for (const [local, role, name, hub] of STAFF) {
    const id = account(local, role, name, hub === null ? null : hubIds[hub], null);
    if (hub !== null && role === 'hub_lead') hubs[hub].leadId = id;
    if (hub !== null && role === 'hub_staff') hubs[hub].staffIds.push(id);
    if (hub !== null && role === 'outreach') hubs[hub].outreachIds.push(id);
    if (role === 'supporter') supporterIds.push(id);
  }

  const partners: DemoPartner[] = PARTNERS.map((p) => {
    const id = newId(created);
    rows.partners.push({ tenant_id: tenantId, id, name: p.name, kind: p.kind, created_at: created });
    const accountId = p.account ? account(p.account[0], 'partner', `${p.name} ${p.account[1]}`, null, id) : null;
    return { id, kind: p.kind, accountId };
  });

  const agencyIdByKind: Record<string, string> = {};
  for (const a of AGENCIES) {
    const id = newId(created);
    agencyIdByKind[a.kind] = id;
    rows.agencies.push({ tenant_id: tenantId, id, name: a.name, kind: a.kind, phone: a.phone });
  }

  // Households: ~60% of the people live alone; pairs are couples, 8050 households, young carers
  // and elderly sisters; a few live with family that is not on file.
  const plan: Kind[] = [
    ...Array<Kind>(120).fill('alone'),
    ...Array<Kind>(10).fill('with_family'),
    ...Array<Kind>(15).fill('couple'),
    ...Array<Kind>(10).fill('8050'),
    ...Array<Kind>(4).fill('young_carer'),
    ...Array<Kind>(6).fill('siblings'),
  ];
  const areaWeights = demoAreas.map((a) => [a, a.population] as const);
  const people: DemoPerson[] = [];
  const year = new Date(t0 + 9 * 3600_000).getUTCFullYear(); // the year in Japan
  const olderAge = () =>
    rng.weighted([
      [rng.int(66, 74), 30],
      [rng.int(75, 84), 45],
      [rng.int(85, 96), 25],
    ] as const);

  for (const kind of plan) {
    const area = rng.weighted(areaWeights);
    const [lon, lat] = pointIn(rng, area);
    const addr = address(rng, area);
    const householdId = newId(t0 - rng.between(100, 1500) * DAY);
    const hhCreated = new Date(t0 - rng.between(100, 1500) * DAY);
    const hub = hubs.find((h) => h.id === area.hubId)!;
    rows.households.push({
      tenant_id: tenantId,
      id: householdId,
      address: addr.address,
      latitude: lat,
      longitude: lon,
      area_id: area.id,
      note: HOUSEHOLD_NOTES[kind] ?? null,
      created_at: hhCreated,
    });
    const surname = rng.pick(SURNAMES);
    const members: { given: Named; age: number; alone: boolean | null; note?: string }[] = [];
    const elder = (female = rng.chance(0.62)) => ({ given: rng.pick(female ? OLDER_WOMEN : OLDER_MEN), age: olderAge() });
    if (kind === 'alone') members.push({ ...elder(), alone: rng.chance(0.04) ? null : true });
    else if (kind === 'with_family') members.push({ ...elder(), alone: false, note: '長男家族と同居（日中は独居）。' });
    else if (kind === 'couple') members.push({ ...elder(false), alone: false }, { ...elder(true), alone: false });
    else if (kind === 'siblings') members.push({ ...elder(true), alone: false }, { ...elder(true), alone: false });
    else if (kind === '8050') {
      members.push({ given: rng.pick(rng.chance(0.7) ? OLDER_WOMEN : OLDER_MEN), age: rng.int(78, 95), alone: false });
      members.push({ given: rng.pick(MIDDLE_AGED), age: rng.int(48, 62), alone: false, note: '就労しておらず、外出はほとんどない。' });
    } else {
      members.push({
        given: rng.pick(rng.chance(0.5) ? OLDER_WOMEN : MIDDLE_AGED),
        age: rng.int(45, 88),
        alone: false,
        note: '持病があり家事が難しい。',
      });
      members.push({ given: rng.pick(YOUNG), age: rng.int(12, 17), alone: false, note: '中学生。家族の介護と家事を担っている。' });
    }
    const supporterId = rng.chance(0.2) ? rng.pick(supporterIds) : null;
    for (const m of members) {
      const createdAt = new Date(hhCreated.getTime() + rng.between(0, 30) * DAY);
      const id = newId(createdAt);
      const old = m.age >= 65;
      const care = old
        ? rng.weighted([
            ['none', 30],
            ['unknown', 15],
            ['applied', 10],
            ['certified', 15],
            ['using', m.age >= 80 ? 40 : 15],
          ] as const)
        : rng.weighted([
            ['none', 70],
            ['unknown', 30],
          ] as const);
      const contacts =
        old && rng.chance(0.45)
          ? Array.from({ length: rng.int(1, 2) }, () => {
              const relation = rng.pick(RELATIONS);
              const family = !['友人', '担当ケアマネジャー'].includes(relation);
              return {
                name: `${family ? surname[0] : rng.pick(SURNAMES)[0]} ${rng.pick(MIDDLE_AGED)[0]}`,
                relation,
                phone: phone(rng, relation !== '担当ケアマネジャー'),
              };
            })
          : [];
      const note = m.note ?? (rng.chance(0.35) ? rng.pick(PERSON_NOTES) : null);
      rows.people.push({
        tenant_id: tenantId,
        id,
        household_id: householdId,
        name: `${surname[0]} ${m.given[0]}`,
        kana: `${surname[1]} ${m.given[1]}`,
        address: addr.address,
        latitude: lat,
        longitude: lon,
        area_id: area.id,
        birth_year: year - m.age,
        // A birth date for most (the person box shows 82歳), a landline for many older people.
        birth_date: rng.chance(0.8)
          ? `${year - m.age}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`
          : null,
        phone: rng.chance(old ? 0.75 : 0.5) ? phone(rng, !old) : null,
        living_alone: m.alone,
        care_service_use: care,
        emergency_contacts: JSON.stringify(contacts),
        note,
        supporter_account_id: supporterId,
        created_at: createdAt,
        updated_at: new Date(createdAt.getTime() + rng.between(0, 60) * DAY),
      });
      let consent: DemoPerson['consent'] = null;
      if (rng.chance(0.33)) {
        const givenAt = createdAt.getTime() + rng.between(1, 60) * DAY;
        const withdrawnAt = rng.chance(0.05) ? t0 - rng.between(2, 40) * DAY : null;
        const cid = newId(givenAt);
        rows.consents.push({
          tenant_id: tenantId,
          id: cid,
          person_id: id,
          shared_with: rng.weighted([
            ['地域包括支援センター・関係機関', 5],
            ['民生委員', 3],
            ['地域包括支援センター', 3],
          ] as const),
          scope: '見守りと支援に必要な範囲での氏名・住所・連絡先・心身の状況の共有',
          given_at: new Date(givenAt),
          withdrawn_at: withdrawnAt === null ? null : new Date(withdrawnAt),
          recorded_by: rng.pick(hub.staffIds),
          // Structured (issue #9): the kinds of agency the demo referrals go to, what and how.
          agency_kinds: AGENCIES.map((a) => a.kind),
          scope_items: ['basic', 'health', 'care', 'family'],
          method: rng.chance(0.7) ? 'written' : 'verbal',
          withdrawn_reason: withdrawnAt === null ? null : '本人から「もう共有しないでほしい」との申し出',
          recorded_at: new Date(givenAt),
        });
        consent = { id: cid, givenAt, withdrawnAt };
      }
      people.push({
        id,
        householdId,
        area,
        latitude: lat,
        longitude: lon,
        placeText: addr.placeText,
        supporterId,
        consent,
        weight: (consent ? 2.5 : 1) * (m.alone ? 1.3 : 1) * (old ? 1 : 0.5),
      });
    }
  }

  return {
    rows,
    hubs,
    areas: demoAreas,
    partners,
    agencyIdByKind,
    supporterIds,
    staffIds: hubs.flatMap((h) => [h.leadId, ...h.staffIds, ...h.outreachIds]),
    people,
  };
}

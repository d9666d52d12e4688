/** Test data: a tenant with a hub, two areas and one account per role. */
import { uuidv7 } from 'uuidv7';
import { hashPassword } from '../../server/access/passwords.js';
import { ROLES, type Role } from '../../server/access/roles.js';
import type { DB } from '../../server/db/database.js';

export const TEST_PASSWORD = 'test-password';
let passwordHash: Promise<string> | null = null;

export interface TestTenant {
  id: string;
  slug: string;
  hubId: string;
  areaIds: string[];
  partnerId: string;
  agencyId: string;
  accounts: Record<Role, { id: string; email: string }>;
}

// Two squares near 目黒区: (35.62–35.63, 139.68–139.69) and (35.63–35.64, 139.68–139.69).
export const AREA_SQUARES = [
  {
    code: 'A1',
    name: '北一丁目',
    ring: [
      [139.68, 35.62],
      [139.69, 35.62],
      [139.69, 35.63],
      [139.68, 35.63],
      [139.68, 35.62],
    ],
  },
  {
    code: 'A2',
    name: '北二丁目',
    ring: [
      [139.68, 35.63],
      [139.69, 35.63],
      [139.69, 35.64],
      [139.68, 35.64],
      [139.68, 35.63],
    ],
  },
];

export async function createTenant(db: DB, slug: string, now = new Date()): Promise<TestTenant> {
  const id = uuidv7();
  const hubId = uuidv7();
  const partnerId = uuidv7();
  const agencyId = uuidv7();
  const hash = await (passwordHash ??= hashPassword(TEST_PASSWORD));
  await db
    .insertInto('tenants')
    .values({ id, slug, name: `${slug} 市`, settings: JSON.stringify({}), created_at: now })
    .execute();
  await db
    .insertInto('hubs')
    .values({ tenant_id: id, id: hubId, name: `${slug} ハブ`, phone: null })
    .execute();
  const areaIds: string[] = [];
  for (const a of AREA_SQUARES) {
    const areaId = uuidv7();
    areaIds.push(areaId);
    const xs = a.ring.map((p) => p[0]);
    const ys = a.ring.map((p) => p[1]);
    await db
      .insertInto('areas')
      .values({
        tenant_id: id,
        id: areaId,
        code: a.code,
        name: a.name,
        population: 1000,
        households: 500,
        geometry: JSON.stringify({ type: 'Polygon', coordinates: [a.ring] }),
        bbox: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)],
      })
      .execute();
    await db.insertInto('hub_areas').values({ tenant_id: id, hub_id: hubId, area_id: areaId }).execute();
  }
  await db
    .insertInto('partners')
    .values({ tenant_id: id, id: partnerId, name: `${slug} 新聞店`, kind: 'newspaper', created_at: now })
    .execute();
  await db
    .insertInto('agencies')
    .values({ tenant_id: id, id: agencyId, name: `${slug} 保健センター`, kind: 'health', phone: null })
    .execute();
  const accounts = {} as TestTenant['accounts'];
  for (const role of ROLES) {
    const accountId = uuidv7();
    const email = `${role}@${slug}.test`;
    accounts[role] = { id: accountId, email };
    await db
      .insertInto('accounts')
      .values({
        tenant_id: id,
        id: accountId,
        email,
        display_name: `${role} ${slug}`,
        role,
        password_hash: hash,
        hub_id: ['hub_staff', 'hub_lead', 'outreach'].includes(role) ? hubId : null,
        partner_id: role === 'partner' ? partnerId : null,
        locale: 'ja',
        created_at: now,
      })
      .execute();
  }
  return { id, slug, hubId, areaIds, partnerId, agencyId, accounts };
}

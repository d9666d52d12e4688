/**
 * Demo data: the fictional municipality 「つながり市（デモ）」 (slug `demo`) with 90 days of
 * concerns, cases, contacts and referrals, so every screen and KPI has something real-looking
 * to show. Its geography is the real boundaries of 10 町丁目 of 東京都目黒区 (e-Stat, see
 * data/SOURCE.md); everything else is invented.
 *
 * Deterministic: a fixed seed and times relative to clock.now(), so the same clock gives the
 * same rows (ids included). Everything happens in one transaction.
 */
import { readFileSync } from 'node:fs';
import { type Insertable, type Kysely, sql } from 'kysely';
import { hashPassword } from '../access/passwords.js';
import type { Clock } from '../clock.js';
import type { Database } from '../db/schema.js';
import { type AreaFeatureCollection, importAreas, parseAreaFeatures } from './areas-import.js';
import { buildFlow } from './demo-cases.js';
import { seedDemoDevices } from './demo-devices.js';
import { seedDemoPartners } from './demo-partners.js';
import { Rng, uuidv7Factory } from './demo-random.js';
import { seedDemoSignals } from './demo-signals.js';
import { buildWorld } from './demo-world.js';

export const DEMO_PASSWORD = 'tsunagari-demo';
export const DEMO_SLUG = 'demo';
export const DEMO_TENANT_NAME = 'つながり市（デモ）';

const DEMO_SEED = 20201001;
/** Serialises demo seeding across app copies starting at once (pg_advisory_xact_lock key). */
const SEED_LOCK = 7_420_117;
const AREAS_FILE = new URL('./data/demo-areas.geojson', import.meta.url);
const DAY = 86_400_000;

/** Rows written per table. */
export type DemoCounts = Record<string, number>;

async function demoTenantId(db: Kysely<Database>): Promise<string | null> {
  const row = await db.selectFrom('tenants').select('id').where('slug', '=', DEMO_SLUG).executeTakeFirst();
  return row?.id ?? null;
}

async function lock(trx: Kysely<Database>): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${SEED_LOCK})`.execute(trx);
}

/**
 * Creates the demo tenant unless it exists. Returns true if it created the data.
 * Safe when several app copies start together: the second waits and then finds the tenant.
 */
export async function ensureDemoData(db: Kysely<Database>, clock: Clock): Promise<boolean> {
  if (await demoTenantId(db)) return false;
  // argon2id is deliberately slow: hash once, outside the transaction, for every demo account.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction().execute(async (trx) => {
    await lock(trx);
    if (await demoTenantId(trx)) return false;
    await createDemo(trx, clock.now(), passwordHash);
    return true;
  });
}

/** Deletes the demo tenant (if any) with every row it owns and creates it afresh. */
export async function resetDemoData(db: Kysely<Database>, clock: Clock): Promise<DemoCounts> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction().execute(async (trx) => {
    await lock(trx);
    const tenantId = await demoTenantId(trx);
    if (tenantId) await deleteTenantRows(trx, tenantId);
    return createDemo(trx, clock.now(), passwordHash);
  });
}

/**
 * Deletes the tenant's rows from every table with a tenant_id column (found in the catalog, so
 * tables added by later migrations are covered), children before parents, then the tenant.
 *
 * audit_log is append-only and its trigger refuses DELETE. Regenerating the demo is the one
 * sanctioned exception: the trigger is disabled inside this transaction (ALTER TABLE takes an
 * exclusive lock, so no other session can slip a change past it) and re-enabled before commit.
 */
async function deleteTenantRows(trx: Kysely<Database>, tenantId: string): Promise<void> {
  const { rows: tables } = await sql<{ name: string }>`
    SELECT c.relname AS name FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
    WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition`.execute(trx);
  const { rows: fks } = await sql<{ child: string; parent: string }>`
    SELECT cc.relname AS child, pc.relname AS parent FROM pg_constraint k
    JOIN pg_class cc ON cc.oid = k.conrelid
    JOIN pg_class pc ON pc.oid = k.confrelid
    JOIN pg_namespace n ON n.oid = cc.relnamespace
    WHERE k.contype = 'f' AND n.nspname = current_schema()`.execute(trx);
  const remaining = new Set(tables.map((t) => t.name));
  await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`.execute(trx);
  while (remaining.size) {
    const leaves = [...remaining].filter((t) => !fks.some((fk) => fk.parent === t && fk.child !== t && remaining.has(fk.child)));
    if (!leaves.length) throw new Error(`cannot order the deletion of ${[...remaining].join(', ')}: foreign key cycle`);
    for (const t of leaves) {
      await sql`DELETE FROM ${sql.table(t)} WHERE tenant_id = ${tenantId}`.execute(trx);
      remaining.delete(t);
    }
  }
  await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update`.execute(trx);
  await trx.deleteFrom('tenants').where('id', '=', tenantId).execute();
}

async function insertChunks<T extends keyof Database & string>(
  trx: Kysely<Database>,
  table: T,
  rows: Insertable<Database[T]>[],
): Promise<number> {
  for (let i = 0; i < rows.length; i += 500) {
    await trx
      .insertInto(table)
      .values(rows.slice(i, i + 500) as never)
      .execute();
  }
  return rows.length;
}

async function createDemo(trx: Kysely<Database>, now: Date, passwordHash: string): Promise<DemoCounts> {
  const rng = new Rng(DEMO_SEED);
  const newId = uuidv7Factory(DEMO_SEED + 1);
  const created = new Date(now.getTime() - 400 * DAY);
  const tenantId = newId(created);
  await trx
    .insertInto('tenants')
    .values({ id: tenantId, slug: DEMO_SLUG, name: DEMO_TENANT_NAME, settings: JSON.stringify({}), created_at: created })
    .execute();

  const collection = JSON.parse(readFileSync(AREAS_FILE, 'utf8')) as AreaFeatureCollection;
  const imported = await importAreas(trx, tenantId, collection, { newId: () => newId(created) });
  const idByCode = new Map(imported.map((a) => [a.code, a.id]));
  const areas = parseAreaFeatures(collection).map((a) => ({
    id: idByCode.get(a.code)!,
    code: a.code,
    name: a.name,
    population: a.population ?? 1,
    geometry: a.geometry,
    bbox: a.bbox,
  }));

  const world = buildWorld(rng, newId, tenantId, now, passwordHash, areas);
  const flow = buildFlow(rng, newId, tenantId, now, world);
  const counts: DemoCounts = { tenants: 1, areas: imported.length };
  const w = world.rows;
  const f = flow.rows;
  counts.hubs = await insertChunks(trx, 'hubs', w.hubs);
  counts.hub_areas = await insertChunks(trx, 'hub_areas', w.hub_areas);
  counts.partners = await insertChunks(trx, 'partners', w.partners);
  counts.agencies = await insertChunks(trx, 'agencies', w.agencies);
  counts.accounts = await insertChunks(trx, 'accounts', w.accounts);
  counts.households = await insertChunks(trx, 'households', w.households);
  counts.people = await insertChunks(trx, 'people', w.people);
  counts.consents = await insertChunks(trx, 'consents', w.consents);
  counts.cases = await insertChunks(trx, 'cases', f.cases);
  counts.concerns = await insertChunks(trx, 'concerns', f.concerns);
  counts.case_contacts = await insertChunks(trx, 'case_contacts', f.case_contacts);
  counts.case_notes = await insertChunks(trx, 'case_notes', f.case_notes);
  counts.referrals = await insertChunks(trx, 'referrals', f.referrals);
  counts.case_events = await insertChunks(trx, 'case_events', f.case_events);
  counts.notifications = await insertChunks(trx, 'notifications', f.notifications);
  counts.partner_agreements = await seedDemoPartners(trx, newId, tenantId, now, world.partners);
  Object.assign(counts, await seedDemoDevices(trx, newId, tenantId, now, w.people, world.staffIds, f.cases));
  Object.assign(counts, await seedDemoSignals(trx, newId, tenantId, now));
  await trx.insertInto('tenant_counters').values({ tenant_id: tenantId, name: 'case_number', value: flow.caseCount }).execute();
  counts.api_keys = 1;
  counts.tenant_counters = 2;
  return counts;
}

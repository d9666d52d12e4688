/**
 * Demo partner details: contacts, watch agreements (one due for renewal soon, one draft) and the
 * Open311 API key `demo-open311-key` (issue #3) held by the newspaper distributor.
 */
import type { Kysely } from 'kysely';
import { hashApiKey } from '../access/authenticators/open311-key.js';
import type { Database } from '../db/schema.js';
import type { DemoPartner } from './demo-world.js';

export const DEMO_OPEN311_KEY = 'demo-open311-key';
const DAY = 86_400_000;
const day = (d: Date) => new Date(d.getTime() + 9 * 3_600_000).toISOString().slice(0, 10);

const CONTACTS = ['小西 達也', '大野 聡', '三浦 恵', '水野 拓也', '森田 直子', '川口 彩', '野村 翔', '石井 久美'];
const SCOPES: Record<string, string> = {
  newspaper: '配達時に新聞受けの滞留や異変に気づいたときの連絡',
  utility: '検針時にメーターの異常な使用量・不使用に気づいたときの連絡',
  delivery: '配達時に応答がない、荷物がたまっている等に気づいたときの連絡',
  finance: '窓口・訪問時に気になる様子の高齢者に気づいたときの連絡',
  retail: '来店時の様子の変化（認知症の疑い等）に気づいたときの連絡',
  cooperative: '個配時の見守りと異変時の連絡',
  care: '訪問時に把握した地域の気になる世帯の連絡',
};

export async function seedDemoPartners(
  trx: Kysely<Database>,
  newId: (at: Date) => string,
  tenantId: string,
  now: Date,
  partners: DemoPartner[],
): Promise<number> {
  let number = 0;
  for (const [i, p] of partners.entries()) {
    await trx
      .updateTable('partners')
      .set({
        contact_name: CONTACTS[i % CONTACTS.length]!,
        contact_phone: `03-0000-3${String(i + 1).padStart(3, '0')}`,
        contact_email: `partner${i + 1}@example.jp`,
        address: `つながり市中央${i + 1}丁目${i + 2}番`,
        updated_at: now,
      })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', p.id)
      .execute();
    // The last partner is still negotiating; the second's agreement is due for renewal within 60 days.
    const signed = new Date(now.getTime() - (700 - i * 60) * DAY);
    const renewal = i === 1 ? new Date(now.getTime() + 40 * DAY) : new Date(signed.getTime() + 3 * 365 * DAY);
    const created = new Date(signed.getTime() + 9 * 3_600_000);
    await trx
      .insertInto('partner_agreements')
      .values({
        tenant_id: tenantId,
        id: newId(created),
        partner_id: p.id,
        number: ++number,
        signed_on: day(signed),
        scope: SCOPES[p.kind] ?? '業務中の見守りと異変時の連絡',
        contact_person: CONTACTS[i % CONTACTS.length]!,
        status: i === partners.length - 1 ? 'draft' : 'active',
        renewal_due: day(renewal),
        sticker_code: `demo${String(i + 1).padStart(8, '0')}`,
        created_at: created,
        updated_at: created,
      })
      .execute();
  }
  await trx.insertInto('tenant_counters').values({ tenant_id: tenantId, name: 'agreement_number', value: number }).execute();
  const keyHolder = partners.find((p) => p.kind === 'newspaper') ?? partners[0]!;
  await trx
    .insertInto('api_keys')
    .values({
      tenant_id: tenantId,
      id: newId(now),
      partner_id: keyHolder.id,
      key_hash: hashApiKey(DEMO_OPEN311_KEY),
      label: 'Open311 デモ',
      created_at: now,
      last_used_at: null,
      revoked_at: null,
    })
    .execute();
  return number;
}

/**
 * Tenant settings: urgency targets and the concern category list are data each municipality
 * can change; these are the defaults from DESIGN.md §2 and issue #2.
 */
import type { Urgency } from '../../schema-helpers.js';

export interface ConcernCategory {
  code: string;
  /** Queue order before triage: 0 looks most urgent. Staff set the real urgency. */
  priority: number;
  labels: Record<string, string>;
}

export interface TenantSettings {
  /** Target hours from receipt (覚知) to first contact, per urgency. */
  urgencyTargetsHours?: Partial<Record<Urgency, number>>;
  categories?: ConcernCategory[];
  /** Distance and window within which an open concern counts as a possible duplicate. */
  duplicateRadiusMeters?: number;
  duplicateWindowDays?: number;
}

export const DEFAULT_TARGET_HOURS: Record<Urgency, number> = { emergency: 1, high: 24, normal: 72, low: 168 };

export const DEFAULT_CATEGORIES: ConcernCategory[] = [
  { code: 'mail_piling_up', priority: 1, labels: { ja: '新聞・郵便物がたまっている', en: 'Newspapers or mail piling up' } },
  { code: 'not_seen', priority: 1, labels: { ja: 'しばらく姿を見ない', en: 'Not seen recently' } },
  { code: 'lights', priority: 2, labels: { ja: '電気が一日中ついている・消えている', en: 'Lights on or off all day' } },
  { code: 'laundry', priority: 2, labels: { ja: '洗濯物が干したまま', en: 'Laundry left out' } },
  { code: 'smell_noise', priority: 1, labels: { ja: '異臭・物音', en: 'Smell or noise' } },
  { code: 'appearance', priority: 3, labels: { ja: '様子・身なりの変化', en: 'Changed appearance' } },
  { code: 'dementia', priority: 2, labels: { ja: '認知症・徘徊の心配', en: 'Signs of dementia or wandering' } },
  { code: 'abuse_neglect', priority: 0, labels: { ja: '虐待・ネグレクトの疑い', en: 'Suspected abuse or neglect' } },
  { code: 'consumer_fraud', priority: 2, labels: { ja: '消費者被害・詐欺の疑い', en: 'Suspected consumer fraud' } },
  { code: 'hoarding', priority: 3, labels: { ja: 'ごみ屋敷・ため込み', en: 'Hoarding' } },
  { code: 'child_alone', priority: 0, labels: { ja: '子どもだけでいる・ヤングケアラー', en: 'A child alone / young carer' } },
  { code: 'other', priority: 3, labels: { ja: 'その他', en: 'Other' } },
];

export function targetHours(settings: TenantSettings, urgency: Urgency): number {
  return settings.urgencyTargetsHours?.[urgency] ?? DEFAULT_TARGET_HOURS[urgency];
}

export function categoriesOf(settings: TenantSettings): ConcernCategory[] {
  return settings.categories?.length ? settings.categories : DEFAULT_CATEGORIES;
}

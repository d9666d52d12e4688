/**
 * The service catalogue: each concern category of the tenant is an Open311 service, and the
 * extra questions of the field app are service-definition attributes. Submitted attribute
 * values are checked here and mapped onto the concern (observed time, place, anonymity, and
 * lines of the description that staff read).
 */
import { AppError } from '../../errors.js';
import { type ServerLocale, translate } from '../../i18n.js';
import type { ConcernCategory } from '../tenants/tenants.service.js';

type Datatype = 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';

interface AttributeDef {
  code: string;
  datatype: Datatype;
  required: boolean;
  values?: readonly string[];
  /** Only for these categories; every category when absent. */
  categories?: readonly string[];
}

/** The attributes, in presentation order (`order` = index + 1). */
const ATTRIBUTES: readonly AttributeDef[] = [
  { code: 'observed_at', datatype: 'datetime', required: false },
  { code: 'place_text', datatype: 'string', required: false },
  { code: 'duration', datatype: 'singlevaluelist', required: false, values: ['today', 'few_days', 'week', 'month_plus', 'unknown'] },
  { code: 'days_piled', datatype: 'number', required: false, categories: ['mail_piling_up'] },
  { code: 'contact_ok', datatype: 'singlevaluelist', required: false, values: ['yes', 'no'] },
];

function attributesOf(category: string): AttributeDef[] {
  return ATTRIBUTES.filter((a) => !a.categories || a.categories.includes(category));
}

export function serviceName(c: ConcernCategory, locale: ServerLocale): string {
  return c.labels[locale] ?? c.labels.ja ?? c.code;
}

/** One entry of GET services. Every service has questions, so metadata is true. */
export function serviceListItem(c: ConcernCategory, locale: ServerLocale) {
  return {
    service_code: c.code,
    service_name: serviceName(c, locale),
    description: translate(locale, 'open311.service_description', { name: serviceName(c, locale) }),
    metadata: true,
    type: 'realtime',
    keywords: [c.labels.ja, c.labels.en].filter(Boolean).join(', '),
    group: translate(locale, 'open311.group'),
  };
}

/** GET services/{code}: the service definition with its attributes. */
export function serviceDefinition(c: ConcernCategory, locale: ServerLocale) {
  return {
    service_code: c.code,
    attributes: attributesOf(c.code).map((a, i) => ({
      variable: true,
      code: a.code,
      datatype: a.datatype,
      required: a.required,
      datatype_description: translate(locale, `open311.attributes.${a.code}.datatype_description`),
      order: i + 1,
      description: translate(locale, `open311.attributes.${a.code}.description`),
      values: (a.values ?? []).map((v) => ({ key: v, name: translate(locale, `open311.attributes.${a.code}.values.${v}`) })),
    })),
  };
}

/** What the attributes contribute to the concern. */
export interface MappedAttributes {
  observedAt?: string;
  placeText?: string;
  /** false when the reporter said not to contact them. */
  contactOk?: boolean;
  /** Lines appended to the description, in the tenant's working language (ja). */
  notes: string[];
}

const W3_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** Parses a w3 datetime with a zone (the spec requires one); undefined when invalid. */
export function parseW3(value: string): Date | undefined {
  if (!W3_DATETIME.test(value)) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/**
 * Checks `attribute[code]` values against the service definition. Unknown codes are ignored
 * (clients may send their own); a value of the wrong type is 400.
 */
export function mapAttributes(category: string, raw: Record<string, string[]>): MappedAttributes {
  const out: MappedAttributes = { notes: [] };
  for (const def of attributesOf(category)) {
    const values = (raw[def.code] ?? []).map((v) => v.trim()).filter((v) => v !== '');
    if (!values.length) {
      if (def.required) throw new AppError(400, 'attribute_required', undefined, { attribute: def.code });
      continue;
    }
    const v = values[0]!;
    const bad = () => new AppError(400, 'invalid_attribute', undefined, { attribute: def.code });
    if (values.length > 1 && def.datatype !== 'multivaluelist') throw bad();
    switch (def.datatype) {
      case 'datetime':
        if (!parseW3(v)) throw bad();
        if (def.code === 'observed_at') out.observedAt = v;
        break;
      case 'number': {
        const n = Number(v);
        if (!Number.isFinite(n) || n < 0 || n > 10_000) throw bad();
        out.notes.push(translate('ja', `open311.attributes.${def.code}.note`, { value: n }));
        break;
      }
      case 'singlevaluelist':
        if (!def.values!.includes(v)) throw bad();
        if (def.code === 'contact_ok') out.contactOk = v === 'yes';
        else
          out.notes.push(
            `${translate('ja', `open311.attributes.${def.code}.label`)}: ${translate('ja', `open311.attributes.${def.code}.values.${v}`)}`,
          );
        break;
      default:
        if (v.length > 200) throw bad();
        if (def.code === 'place_text') out.placeText = v;
    }
  }
  return out;
}

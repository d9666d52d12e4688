/** Shared helpers for the Open311 conformance tests: API keys, form posts, XML parsing. */
import { XMLParser } from 'fast-xml-parser';
import { uuidv7 } from 'uuidv7';
import type { TestApp } from '../../../test/helpers/app.js';
import { hashApiKey } from '../../access/authenticators/open311-key.js';

export const P = '/open311/v2';

/** Elements that repeat (lists): parsed as arrays even when one is present. */
const LISTS = new Set([
  'services.service',
  'service_requests.request',
  'errors.error',
  'service_request_updates.request_update',
  'service_definition.attributes.attribute',
  'service_definition.attributes.attribute.values.value',
  'discovery.endpoints.endpoint',
  'discovery.endpoints.endpoint.formats.format',
]);
const parser = new XMLParser({
  isArray: (_name, jpath) => LISTS.has(String(jpath)),
  parseTagValue: false,
  ignoreDeclaration: false,
  ignoreAttributes: false,
});

/** Parses an XML body (same library as the server) and checks the declaration. */
export function xml(body: string): any {
  const doc = parser.parse(body);
  if (doc['?xml']?.['@_encoding']?.toLowerCase() !== 'utf-8') throw new Error(`no utf-8 XML declaration: ${body.slice(0, 80)}`);
  delete doc['?xml'];
  return doc;
}

export async function addKey(
  t: TestApp,
  opts: { tenantId?: string; partnerId?: string | null; revoked?: boolean; key?: string } = {},
): Promise<string> {
  const key = opts.key ?? `k-${uuidv7()}`;
  await t.ctx.db
    .insertInto('api_keys')
    .values({
      tenant_id: opts.tenantId ?? t.tenant.id,
      id: uuidv7(),
      partner_id: opts.partnerId === undefined ? t.tenant.partnerId : opts.partnerId,
      key_hash: hashApiKey(key),
      label: 'test',
      created_at: t.clock.now(),
      last_used_at: null,
      revoked_at: opts.revoked ? t.clock.now() : null,
    })
    .execute();
  return key;
}

export function form(fields: Record<string, string | undefined>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) p.append(k, v);
  return p.toString();
}

export function post(t: TestApp, format: 'json' | 'xml', fields: Record<string, string | undefined>, headers: Record<string, string> = {}) {
  return t.app.inject({
    method: 'POST',
    url: `${P}/requests.${format}`,
    payload: form(fields),
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', ...headers },
  });
}

export function get(t: TestApp, path: string, query: Record<string, string | undefined> = {}, headers: Record<string, string> = {}) {
  const qs = form(query);
  return t.app.inject({ method: 'GET', url: `${P}/${path}${qs ? `?${qs}` : ''}`, headers });
}

/** A valid request for the alpha tenant's area. */
export function sample(key: string, extra: Record<string, string | undefined> = {}) {
  return {
    api_key: key,
    jurisdiction_id: 'alpha',
    service_code: 'mail_piling_up',
    lat: '35.62512',
    long: '139.68534',
    description: '新聞が3日分たまっている',
    'attribute[duration]': 'few_days',
    ...extra,
  };
}

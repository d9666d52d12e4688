/**
 * The Open311 GeoReport v2 gateway (issue #3 §4): civic-reporting apps file concerns and follow
 * their coarse status. Nothing personal leaves through it: reads show the category, a coarse
 * status with generic notes, the responsible hub, times and a point rounded to about 100 m,
 * and only for requests filed through the caller's own partner's keys. Names, phone numbers
 * and emails sent with a request become the concern's callback contact, seen by hub staff only.
 */
import { createHash } from 'node:crypto';
import type { AppContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { type ServerLocale, translate } from '../../i18n.js';
import type { ConcernAck } from '../concerns/concerns.schemas.js';
import { coarseStatus, fileConcern, storedAck } from '../concerns/concerns.service.js';
import { type ConcernCategory, categoriesOf, tenantInfo } from '../tenants/tenants.service.js';
import { type ApiKeyHolder, requireApiKey, resolveJurisdiction } from './open311.auth.js';
import { mapAttributes, parseW3, serviceDefinition, serviceListItem, serviceName } from './open311.catalogue.js';
import { countFiledSince, findRequests, findUpdates, type RequestRow, type Scope } from './open311.queries.js';

export type FormBody = Record<string, string | string[] | undefined>;
export type Query = Record<string, string | undefined>;

const DAY_MS = 86_400_000;
/** The spec's default and maximum window, and its result cap. */
const WINDOW_MS = 90 * DAY_MS;
const MAX_RESULTS = 1000;
/** Identical submissions through one key within this window are one request (see docs/OPEN311.md). */
const DEDUPE_BUCKET_MS = 10 * 60_000;
/** Filing limits per API key; welfare concerns are few, so these only stop runaway clients. */
export const RATE_LIMITS = [
  { windowMs: 60_000, max: 20 },
  { windowMs: 3_600_000, max: 300 },
] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const REFERENCE = /^[0-9A-HJKMNP-TV-Z]{4}-?[0-9A-HJKMNP-TV-Z]{4}$/i;
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** w3 datetime without milliseconds, in UTC. */
function w3(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** About 100 m: 0.001° is 111 m north-south and 90 m east-west at Tokyo's latitude. */
function coarse(x: number | null): number | null {
  return x === null ? null : Math.round(x * 1000) / 1000;
}

export function discovery(baseUrl: string, locale: ServerLocale) {
  const changeset = '2026-11-22T00:00:00Z';
  return {
    changeset,
    contact: translate(locale, 'open311.discovery_contact'),
    key_service: translate(locale, 'open311.key_service'),
    endpoints: [
      {
        specification: 'http://wiki.open311.org/GeoReport_v2',
        url: baseUrl,
        changeset,
        type: 'production',
        formats: ['text/xml', 'application/json'],
      },
    ],
  };
}

async function categoriesFor(ctx: AppContext, tenantId: string): Promise<ConcernCategory[]> {
  return categoriesOf((await tenantInfo(ctx.db, tenantId)).settings);
}

export async function listServices(ctx: AppContext, q: Query, locale: ServerLocale) {
  const j = await resolveJurisdiction(ctx, q.jurisdiction_id);
  return (await categoriesFor(ctx, j.tenantId)).map((c) => serviceListItem(c, locale));
}

export async function getService(ctx: AppContext, code: string, q: Query, locale: ServerLocale) {
  const j = await resolveJurisdiction(ctx, q.jurisdiction_id);
  const c = (await categoriesFor(ctx, j.tenantId)).find((x) => x.code === code);
  if (!c) throw new AppError(404, 'service_not_found', undefined, { service: code.slice(0, 64) });
  return serviceDefinition(c, locale);
}

function field(body: FormBody, name: string): string | undefined {
  const v = body[name];
  const s = Array.isArray(v) ? v[0] : v;
  const t = s?.trim();
  return t ? t : undefined;
}

/** `attribute[code]=v` and `attribute[code][]=v` (multivaluelist) as code -> values. */
function attributesOf(body: FormBody): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(body)) {
    const m = /^attribute\[([^\]]{1,64})\](\[\])?$/.exec(k);
    if (!m || v === undefined) continue;
    (out[m[1]!] ??= []).push(...(Array.isArray(v) ? v : [v]));
  }
  return out;
}

function tooLong(value: string | undefined, max: number, name: string): void {
  if (value && value.length > max) throw new AppError(400, 'field_too_long', undefined, { field: name, max });
}

function coordinate(value: string | undefined, name: 'lat' | 'long'): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  const limit = name === 'lat' ? 90 : 180;
  if (!/^-?\d+(\.\d+)?$/.test(value) || !Number.isFinite(n) || Math.abs(n) > limit) throw new AppError(400, 'invalid_coordinates');
  return n;
}

/** POST requests: files a concern for the key's partner (or as a resident's report). */
export async function createRequest(ctx: AppContext, body: FormBody, locale: ServerLocale) {
  const holder = await requireApiKey(ctx, field(body, 'api_key'), field(body, 'jurisdiction_id'));
  const code = field(body, 'service_code');
  if (!code) throw new AppError(400, 'service_code_required');
  const category = (await categoriesFor(ctx, holder.tenantId)).find((c) => c.code === code);
  if (!category) throw new AppError(404, 'service_not_found', undefined, { service: code.slice(0, 64) });

  const latRaw = field(body, 'lat');
  const longRaw = field(body, 'long');
  if ((latRaw === undefined) !== (longRaw === undefined)) throw new AppError(400, 'coordinates_incomplete');
  const lat = coordinate(latRaw, 'lat');
  const long = coordinate(longRaw, 'long');
  const addressString = field(body, 'address_string');
  const addressId = field(body, 'address_id');
  const description = field(body, 'description');
  const mediaUrl = field(body, 'media_url');
  const first = field(body, 'first_name');
  const last = field(body, 'last_name');
  const email = field(body, 'email');
  const phone = field(body, 'phone');
  tooLong(description, 4000, 'description');
  tooLong(addressString, 200, 'address_string');
  tooLong(addressId, 100, 'address_id');
  tooLong(mediaUrl, 1000, 'media_url');
  for (const [v, n] of [
    [first, 'first_name'],
    [last, 'last_name'],
    [email, 'email'],
    [phone, 'phone'],
  ] as const)
    tooLong(v, 100, n);
  const attrs = mapAttributes(category.code, attributesOf(body));
  const placeText = attrs.placeText ?? addressString ?? (addressId ? `address_id: ${addressId}` : undefined);
  if (lat === undefined && !placeText) throw new AppError(400, 'location_required');

  // The spec has no idempotency: the same submission through one key within ten minutes (a
  // client's retry after a lost response) is answered with the first request's id.
  const now = ctx.clock.now();
  const material = JSON.stringify([
    code,
    latRaw,
    longRaw,
    addressString,
    addressId,
    description,
    mediaUrl,
    first,
    last,
    email,
    phone,
    field(body, 'device_id'),
    field(body, 'account_id'),
    Object.entries(attributesOf(body)).sort(),
  ]);
  const hash = createHash('sha256').update(material).digest('base64url');
  const bucket = Math.floor(now.getTime() / DEDUPE_BUCKET_MS);
  const prior =
    (await storedAck(ctx.db, holder.tenantId, holder.keyId, `open311:${hash}:${bucket}`)) ??
    (await storedAck(ctx.db, holder.tenantId, holder.keyId, `open311:${hash}:${bucket - 1}`));
  if (prior) return { ack: prior, replayed: true, locale };

  for (const { windowMs, max } of RATE_LIMITS) {
    if ((await countFiledSince(ctx.db, holder.tenantId, holder.keyId, new Date(now.getTime() - windowMs))) >= max) {
      throw new AppError(429, 'open311_rate_limited', undefined, { seconds: Math.round(windowMs / 1000) });
    }
  }

  const contact = [[last, first].filter(Boolean).join(' '), phone, email].filter(Boolean).join(' / ');
  const notes = [...attrs.notes, ...(mediaUrl ? [translate('ja', 'open311.media_note', { url: mediaUrl })] : [])];
  const { ack, replayed } = await fileConcern(
    ctx,
    {
      tenantId: holder.tenantId,
      reporterKind: holder.partnerId ? 'partner' : 'resident',
      channel: 'open311',
      reporterAccountId: holder.keyId,
      reporterPartnerId: holder.partnerId,
      reporterDeviceId: null,
      anonymous: !contact || attrs.contactOk === false,
      callbackContact: contact || null,
      idempotencyPrincipal: holder.keyId,
      open311: true,
    },
    {
      category: category.code,
      description: [description, ...notes].filter(Boolean).join('\n'),
      ...(attrs.observedAt ? { observed_at: attrs.observedAt } : {}),
      ...(placeText ? { place_text: placeText } : {}),
      ...(lat !== undefined && long !== undefined ? { latitude: lat, longitude: long } : {}),
    },
    `open311:${hash}:${bucket}`,
  );
  return { ack, replayed, locale };
}

export function createdBody(ack: ConcernAck, locale: ServerLocale) {
  return [{ service_request_id: ack.id, service_notice: translate(locale, 'open311.service_notice'), account_id: null }];
}

function scopeOf(h: ApiKeyHolder): Scope {
  return { tenantId: h.tenantId, keyId: h.keyId, partnerId: h.partnerId };
}

function statusOf(r: Pick<RequestRow, 'status' | 'case_status'>) {
  const c = coarseStatus(r.status, r.case_status);
  return { status: c === 'closed' ? 'closed' : 'open', coarse: c };
}

async function present(ctx: AppContext, h: ApiKeyHolder, rows: RequestRow[], locale: ServerLocale) {
  const cats = await categoriesFor(ctx, h.tenantId);
  return rows.map((r) => {
    const cat = cats.find((c) => c.code === r.category);
    const name = cat ? serviceName(cat, locale) : r.category;
    const { status, coarse: c } = statusOf(r);
    const changed = [r.received_at, r.status_changed_at, status === 'closed' ? r.case_closed_at : null]
      .filter((d): d is Date => d instanceof Date)
      .reduce((a, b) => new Date(Math.max(a.getTime(), b.getTime())));
    return {
      service_request_id: r.id,
      status,
      status_notes: translate(locale, `open311.status_notes.${c}`),
      service_name: name,
      service_code: r.category,
      // Never the reporter's text: it may name people or rooms (docs/OPEN311.md).
      description: name,
      agency_responsible: r.hub_name ?? h.name,
      service_notice: translate(locale, 'open311.service_notice'),
      requested_datetime: w3(r.received_at),
      updated_datetime: w3(changed),
      address: null,
      address_id: null,
      zipcode: null,
      lat: coarse(r.latitude),
      long: coarse(r.longitude),
      media_url: null,
    };
  });
}

/** Parses start_date / end_date (w3, with a zone) into a window of at most 90 days. */
function window(q: Query, now: Date, maxMs: number | null): { from: Date; to: Date } {
  const parse = (name: string) => {
    const v = q[name]?.trim();
    if (!v) return undefined;
    const d = parseW3(v);
    if (!d) throw new AppError(400, 'invalid_date', undefined, { field: name });
    return d;
  };
  const start = parse('start_date');
  const end = parse('end_date');
  if (start && end && end < start) throw new AppError(400, 'invalid_date', undefined, { field: 'end_date' });
  if (start && end && maxMs !== null && end.getTime() - start.getTime() > maxMs) throw new AppError(400, 'date_range_too_long');
  const to = end ?? (start ? new Date(start.getTime() + WINDOW_MS) : now);
  const from = start ?? new Date(to.getTime() - WINDOW_MS);
  return { from, to };
}

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

export async function listRequests(ctx: AppContext, q: Query, locale: ServerLocale) {
  const h = await requireApiKey(ctx, q.api_key, q.jurisdiction_id);
  const ids = list(q.service_request_id);
  if (ids.length) {
    // The spec: service_request_id overrides every other argument.
    const rows = await findRequests(ctx.db, scopeOf(h), { ids: ids.filter((i) => UUID.test(i)).slice(0, MAX_RESULTS), limit: MAX_RESULTS });
    return present(ctx, h, rows, locale);
  }
  const statuses = list(q.status).map((s) => s.toLowerCase());
  if (statuses.some((s) => s !== 'open' && s !== 'closed')) throw new AppError(400, 'invalid_status_filter');
  const { from, to } = window(q, ctx.clock.now(), WINDOW_MS);
  const rows = await findRequests(ctx.db, scopeOf(h), {
    serviceCodes: list(q.service_code),
    statuses: [...new Set(statuses)] as ('open' | 'closed')[],
    from,
    to,
    limit: MAX_RESULTS,
  });
  return present(ctx, h, rows, locale);
}

export async function getRequest(ctx: AppContext, id: string, q: Query, locale: ServerLocale) {
  const h = await requireApiKey(ctx, q.api_key, q.jurisdiction_id);
  const rows = UUID.test(id) ? await findRequests(ctx.db, scopeOf(h), { ids: [id], limit: 1 }) : [];
  if (!rows.length) throw new AppError(404, 'request_not_found');
  return present(ctx, h, rows, locale);
}

/**
 * Requests are realtime, so POST returns ids, never tokens. A token here is the short
 * reference code a reporter can quote on the phone ("K7Q4-M2XA"); it resolves to the id.
 */
export async function getToken(ctx: AppContext, token: string, q: Query) {
  const h = await requireApiKey(ctx, q.api_key, q.jurisdiction_id);
  if (!REFERENCE.test(token)) throw new AppError(404, 'token_not_found');
  let n = 0n;
  for (const ch of token.replace('-', '').toUpperCase()) n = (n << 5n) | BigInt(CROCKFORD.indexOf(ch));
  const suffix = n.toString(16).padStart(10, '0');
  const rows = await findRequests(ctx.db, scopeOf(h), { idSuffix: suffix, limit: 1 });
  if (!rows.length) throw new AppError(404, 'token_not_found');
  return [{ service_request_id: rows[0]!.id, token }];
}

/** FixMyStreet's servicerequestupdates: reporter-visible status changes, generic text only. */
export async function listUpdates(ctx: AppContext, q: Query, locale: ServerLocale) {
  const h = await requireApiKey(ctx, q.api_key, q.jurisdiction_id);
  const { from, to } = window(q, ctx.clock.now(), null);
  const rows = await findUpdates(ctx.db, scopeOf(h), from, to, MAX_RESULTS);
  return rows.map((u) => ({
    update_id: u.update_id,
    service_request_id: u.concern_id,
    status: u.closed ? 'closed' : 'open',
    updated_datetime: w3(u.at),
    description: translate(locale, `open311.status_notes.${u.closed ? 'closed' : 'being_handled'}`),
    media_url: '',
  }));
}

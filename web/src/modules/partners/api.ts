/**
 * Partners (見守り協力事業者), their agreements and stickers, enrolled phones, supporter
 * invitations and Open311 API keys (server: modules/partners).
 */
import { allOf, type Body, type Item, type Json } from '../../api/types';
import { call, client } from '../../app/api';
import { useLoad } from '../../app/use-api';

export type PartnerList = Json<'/api/v1/partners'>;
export type PartnerSummary = Item<PartnerList>;
export type Partner = Json<'/api/v1/partners/{id}'>;
export type NewPartner = Body<'/api/v1/partners', 'post'>;
export type PartnerUpdate = Body<'/api/v1/partners/{id}', 'patch'>;
export type PartnerKind = NewPartner['kind'];
export type PartnerStatus = Partner['status'];
export type Agreement = Item<Json<'/api/v1/partners/{id}/agreements'>>;
export type NewAgreement = Body<'/api/v1/partners/{id}/agreements', 'post'>;
export type AgreementStatus = Agreement['status'];
/** A one-time enrollment code: QR code, link and expiry (shown once). */
export type OneTimeCode = Json<'/api/v1/partners/{id}/enrollments', 'post'>;
export type Invitation = Json<'/api/v1/supporters/invitations', 'post'>;
/** An enrolled phone (partner or supporter). */
export type Device = Item<Json<'/api/v1/devices'>>;
export type DeviceKind = Device['kind'];
export type ApiKey = Item<Json<'/api/v1/partners/{id}/api-keys'>>;
export type ReportStats = Json<'/api/v1/partners/report-stats'>;

export const PARTNER_KINDS = allOf<PartnerKind>()([
  'newspaper',
  'utility',
  'delivery',
  'finance',
  'retail',
  'care',
  'cooperative',
  'other',
]);
export const PARTNER_STATUSES = allOf<PartnerStatus>()(['active', 'suspended', 'ended']);
export const AGREEMENT_STATUSES = allOf<AgreementStatus>()(['draft', 'active', 'suspended', 'ended']);

/** Partners with report counts and agreement status, and the agreements due for renewal. */
export function usePartners() {
  return useLoad(['/api/v1/partners'], (signal) => call(client.GET('/api/v1/partners', { signal })));
}

/** Reports and useful reports per partner against the same period a year earlier. */
export function useReportStats() {
  return useLoad(['/api/v1/partners/report-stats'], (signal) => call(client.GET('/api/v1/partners/report-stats', { signal })));
}

export function usePartner(id: string) {
  return useLoad(['/api/v1/partners/{id}', id], (signal) =>
    call(client.GET('/api/v1/partners/{id}', { params: { path: { id } }, signal })),
  );
}

export function createPartner(body: NewPartner): Promise<Partner> {
  return call(client.POST('/api/v1/partners', { body }));
}

export function updatePartner(id: string, body: PartnerUpdate) {
  return call(client.PATCH('/api/v1/partners/{id}', { params: { path: { id } }, body }));
}

export function useAgreements(partnerId: string) {
  return useLoad(['/api/v1/partners/{id}/agreements', partnerId], (signal) =>
    call(client.GET('/api/v1/partners/{id}/agreements', { params: { path: { id: partnerId } }, signal })),
  );
}

export function addAgreement(partnerId: string, body: NewAgreement) {
  return call(client.POST('/api/v1/partners/{id}/agreements', { params: { path: { id: partnerId } }, body }));
}

export function setAgreementStatus(id: string, status: AgreementStatus) {
  return call(client.PATCH('/api/v1/agreements/{id}', { params: { path: { id } }, body: { status } }));
}

/** The sticker PDF with a fresh one-time enrollment QR code (a write: each call makes a code). */
export function enrollmentSticker(
  agreementId: string,
  body: Body<'/api/v1/agreements/{id}/enrollment-sticker.pdf', 'post'>,
): Promise<Blob> {
  return call(
    client.POST('/api/v1/agreements/{id}/enrollment-sticker.pdf', { params: { path: { id: agreementId } }, body, parseAs: 'blob' }),
  );
}

/** Where the printable sticker of an agreement is (opened as a link, not fetched). */
export function stickerUrl(agreementId: string): string {
  return `/api/v1/agreements/${encodeURIComponent(agreementId)}/sticker.pdf`;
}

export function usePartnerDevices(partnerId: string) {
  return useLoad(['/api/v1/partners/{id}/devices', partnerId], (signal) =>
    call(client.GET('/api/v1/partners/{id}/devices', { params: { path: { id: partnerId } }, signal })),
  );
}

/** Enrolled phones of the tenant of one kind. */
export function useDevices(kind: DeviceKind) {
  const query = { kind };
  return useLoad(['/api/v1/devices', query], (signal) => call(client.GET('/api/v1/devices', { params: { query }, signal })));
}

export function revokeDevice(id: string) {
  return call(client.POST('/api/v1/devices/{id}/revoke', { params: { path: { id } } }));
}

/** A one-time code that enrolls one phone for the partner. */
export function enrollPhone(partnerId: string): Promise<OneTimeCode> {
  return call(client.POST('/api/v1/partners/{id}/enrollments', { params: { path: { id: partnerId } }, body: {} }));
}

/** Creates the supporter's account and a one-time enrollment code. */
export function inviteSupporter(body: Body<'/api/v1/supporters/invitations', 'post'>): Promise<Invitation> {
  return call(client.POST('/api/v1/supporters/invitations', { body }));
}

export function useApiKeys(partnerId: string) {
  return useLoad(['/api/v1/partners/{id}/api-keys', partnerId], (signal) =>
    call(client.GET('/api/v1/partners/{id}/api-keys', { params: { path: { id: partnerId } }, signal })),
  );
}

/** Creates an Open311 API key; the answer's `key` is shown once. */
export function createApiKey(partnerId: string, label: string) {
  return call(client.POST('/api/v1/partners/{id}/api-keys', { params: { path: { id: partnerId } }, body: { label } }));
}

export function revokeApiKey(id: string) {
  return call(client.POST('/api/v1/api-keys/{id}/revoke', { params: { path: { id } } }));
}

/** Where the report counts download from as .xlsx / CSV (export links). */
export const REPORT_STATS_EXPORT_PATH = '/api/v1/partners/report-stats/export';

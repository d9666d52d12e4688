/** People (対象者), their households and consents to share (server: modules/people). */
import type { Body, Item, Json } from '../../api/types';
import { call, client } from '../../app/api';
import { useLoad } from '../../app/use-api';

export type Person = Json<'/api/v1/people/{id}'>;
export type PersonSummary = Item<Json<'/api/v1/people'>>;
export type Consent = Person['consents'][number];
export type EmergencyContact = Person['emergency_contacts'][number];
export type NewConsent = Body<'/api/v1/people/{id}/consents', 'post'>;

/** A person with household and consents; pass null to skip. */
export function usePerson(id: string | null) {
  return useLoad(id === null ? null : ['/api/v1/people/{id}', id], (signal) =>
    call(client.GET('/api/v1/people/{id}', { params: { path: { id: id ?? '' } }, signal })),
  );
}

/** Search by name, kana or address (each search is audited). */
export function searchPeople(q: string, limit: number, signal?: AbortSignal) {
  return call(client.GET('/api/v1/people', { params: { query: { q, limit } }, signal }));
}

/** Search results for `q` (50 at most); an empty q searches nothing. */
export function usePeopleSearch(q: string) {
  return useLoad(q ? ['/api/v1/people', q] : null, (signal) => searchPeople(q, 50, signal));
}

export function addConsent(personId: string, body: NewConsent) {
  return call(client.POST('/api/v1/people/{id}/consents', { params: { path: { id: personId } }, body }));
}

export type ConsentWithdrawal = NonNullable<Body<'/api/v1/consents/{id}/withdraw', 'post'>>;

/** Withdraws a consent (reason optional, date default now); it no longer counts for referrals. */
export function withdrawConsent(id: string, body: ConsentWithdrawal = {}) {
  return call(client.POST('/api/v1/consents/{id}/withdraw', { params: { path: { id } }, body }));
}

/**
 * Cases, their contacts, notes and referrals to agencies (server: modules/cases and
 * modules/referrals, whose screens live here).
 */
import { allOf, type Body, type Item, type Json, type Query } from '../../api/types';
import { call, client } from '../../app/api';
import { useLoad } from '../../app/use-api';

export type CaseList = Json<'/api/v1/cases'>;
export type CaseQuery = Query<'/api/v1/cases'>;
export type Case = Item<CaseList>;
export type CaseDetail = Json<'/api/v1/cases/{id}'>;
/** One timeline entry; `kind` says what `data` holds. `by` is the actor's display name. */
export type TimelineItem = CaseDetail['timeline'][number];
export type CaseStatus = Case['status'];
export type Urgency = Case['urgency'];
export type CaseUpdate = Body<'/api/v1/cases/{id}', 'patch'>;
export type Outcome = NonNullable<CaseUpdate['outcome']>;
export type NewContact = Body<'/api/v1/cases/{id}/contacts', 'post'>;
export type ContactMethod = NewContact['method'];
export type NewReferral = Body<'/api/v1/cases/{id}/referrals', 'post'>;
export type LegalBasis = NewReferral['legal_basis'];
export type ReferralStatus = Body<'/api/v1/referrals/{id}', 'patch'>['status'];
export type Agency = Item<Json<'/api/v1/agencies'>>;
export type ReferralCheck = Json<'/api/v1/cases/{id}/referral-check'>;

export const URGENCIES = allOf<Urgency>()(['emergency', 'high', 'normal', 'low']);
export const CASE_STATUSES = allOf<CaseStatus>()(['open', 'supporting', 'closed']);
export const OUTCOMES = allOf<Outcome>()([
  'connected_to_services',
  'resolved',
  'no_concern_found',
  'moved_away',
  'deceased',
  'declined_support',
  'other',
]);
export const CONTACT_METHODS = allOf<ContactMethod>()(['visit', 'phone', 'other']);

export function listCases(query: CaseQuery, signal?: AbortSignal): Promise<CaseList> {
  return call(client.GET('/api/v1/cases', { params: { query }, signal }));
}

/** Cases matching `query`; refetched when it changes. Pass null to skip. */
export function useCases(query: CaseQuery | null) {
  return useLoad(query && ['/api/v1/cases', query], (signal) => listCases(query ?? {}, signal));
}

/** A case with its timeline. */
export function useCase(id: string) {
  return useLoad(['/api/v1/cases/{id}', id], (signal) => call(client.GET('/api/v1/cases/{id}', { params: { path: { id } }, signal })));
}

/** Assign, change status, close with an outcome. */
export function updateCase(id: string, body: CaseUpdate) {
  return call(client.PATCH('/api/v1/cases/{id}', { params: { path: { id } }, body }));
}

export function addContact(caseId: string, body: NewContact) {
  return call(client.POST('/api/v1/cases/{id}/contacts', { params: { path: { id: caseId } }, body }));
}

export function addNote(caseId: string, text: string) {
  return call(client.POST('/api/v1/cases/{id}/notes', { params: { path: { id: caseId } }, body: { body: text } }));
}

export function addReferral(caseId: string, body: NewReferral) {
  return call(client.POST('/api/v1/cases/{id}/referrals', { params: { path: { id: caseId } }, body }));
}

/** The agency's answer to a referral. */
export function setReferralStatus(id: string, status: ReferralStatus) {
  return call(client.PATCH('/api/v1/referrals/{id}', { params: { path: { id } }, body: { status } }));
}

export function useAgencies() {
  return useLoad(['/api/v1/agencies'], (signal) => call(client.GET('/api/v1/agencies', { signal })));
}

/**
 * Whether a referral of the case to the agency may rest on the person's consent, and why not
 * (live in the referral form; each check is an audited read). Pass an empty agency to skip.
 */
export function useReferralCheck(caseId: string, agencyId: string) {
  return useLoad(agencyId ? ['/api/v1/cases/{id}/referral-check', caseId, agencyId] : null, (signal) =>
    call(client.GET('/api/v1/cases/{id}/referral-check', { params: { path: { id: caseId }, query: { agency_id: agencyId } }, signal })),
  );
}

/** Where the case list downloads from as .xlsx / CSV, with the list's filters (export links). */
export const CASES_EXPORT_PATH = '/api/v1/cases/export';

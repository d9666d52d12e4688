/** Concerns (気づき): filing, the triage queue, triage, dismissal and thanks (server: modules/concerns). */
import { allOf, type Body, type Item, type Json } from '../../api/types';
import { call, client } from '../../app/api';
import { useLoad } from '../../app/use-api';

export type Concern = Json<'/api/v1/concerns/{id}'>;
export type DuplicateConcern = Concern['duplicates'][number];
/** A concern in the triage queue. */
export type ConcernSummary = Item<Json<'/api/v1/triage'>>;
/** What the reporter gets back: reference and receipt time. */
export type Acknowledgement = Json<'/api/v1/concerns', 'post'>;
export type NewConcern = Body<'/api/v1/concerns', 'post'>;
export type Channel = NonNullable<NewConcern['channel']>;
export type ReporterKind = NonNullable<NewConcern['reporter_kind']>;
/** One of the caller's own reports, with a coarse status only. */
export type MyReport = Item<Json<'/api/v1/concerns/mine'>>;
export type Triage = Body<'/api/v1/concerns/{id}/triage', 'post'>;
export type NewPersonBody = NonNullable<Triage['new_person']>;

export const CHANNELS = allOf<Channel>()(['phone', 'counter', 'email', 'web', 'other']);
export const REPORTER_KINDS = allOf<ReporterKind>()(['resident', 'partner', 'supporter', 'staff']);

/** A concern with its possible duplicates and photos. */
export function useConcern(id: string) {
  return useLoad(['/api/v1/concerns/{id}', id], (signal) =>
    call(client.GET('/api/v1/concerns/{id}', { params: { path: { id } }, signal })),
  );
}

/** Untriaged concerns, most urgent-looking and oldest first. */
export function useTriageQueue() {
  const query = { limit: 100 };
  return useLoad(['/api/v1/triage', query], (signal) => call(client.GET('/api/v1/triage', { params: { query }, signal })));
}

export function useMyReports() {
  return useLoad(['/api/v1/concerns/mine'], (signal) => call(client.GET('/api/v1/concerns/mine', { signal })));
}

/** Files a concern; the same idempotency key files it once however often it is sent. */
export function fileConcern(body: NewConcern, idempotencyKey: string): Promise<Acknowledgement> {
  return call(client.POST('/api/v1/concerns', { params: { header: { 'idempotency-key': idempotencyKey } }, body }));
}

/** Sets urgency and opens or joins a case; answers the case. */
export function triageConcern(id: string, body: Triage) {
  return call(client.POST('/api/v1/concerns/{id}/triage', { params: { path: { id } }, body }));
}

export function dismissConcern(id: string, reason: string) {
  return call(client.POST('/api/v1/concerns/{id}/dismiss', { params: { path: { id } }, body: { reason } }));
}

export function thankReporter(id: string, message: string) {
  return call(client.POST('/api/v1/concerns/{id}/thanks', { params: { path: { id } }, body: { message } }));
}

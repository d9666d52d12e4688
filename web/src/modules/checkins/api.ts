/** Check-in plans (定期安否確認) and their recent check-ins (server: modules/checkins). */
import { allOf, type Body, type Item, type Json } from '../../api/types';
import { call, client } from '../../app/api';
import { useLoad } from '../../app/use-api';

export type CheckinPlan = Item<Json<'/api/v1/people/{id}/checkin-plans'>>;
export type Checkin = Item<Json<'/api/v1/people/{id}/checkins'>>;
export type NewCheckinPlan = Body<'/api/v1/people/{id}/checkin-plans', 'post'>;
export type Frequency = NewCheckinPlan['frequency'];
export type CheckinChannel = NewCheckinPlan['channel'];

export const FREQUENCIES = allOf<Frequency>()(['daily', 'weekly']);
export const CHECKIN_CHANNELS = allOf<CheckinChannel>()(['email', 'push', 'line']);

export function useCheckinPlans(personId: string) {
  return useLoad(['/api/v1/people/{id}/checkin-plans', personId], (signal) =>
    call(client.GET('/api/v1/people/{id}/checkin-plans', { params: { path: { id: personId } }, signal })),
  );
}

/** The person's latest `limit` check-ins and their answers. */
export function useRecentCheckins(personId: string, limit: number) {
  return useLoad(['/api/v1/people/{id}/checkins', personId, limit], (signal) =>
    call(client.GET('/api/v1/people/{id}/checkins', { params: { path: { id: personId }, query: { limit } }, signal })),
  );
}

export function addCheckinPlan(personId: string, body: NewCheckinPlan) {
  return call(client.POST('/api/v1/people/{id}/checkin-plans', { params: { path: { id: personId } }, body }));
}

export function updateCheckinPlan(id: string, body: Body<'/api/v1/checkin-plans/{id}', 'patch'>) {
  return call(client.PATCH('/api/v1/checkin-plans/{id}', { params: { path: { id } }, body }));
}

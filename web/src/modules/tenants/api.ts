/** Tenant reference data: concern categories and urgency targets (server: modules/tenants). */
import type { Item, Json } from '../../api/types';
import { call, client } from '../../app/api';
import { useLoad } from '../../app/use-api';

export type Category = Item<Json<'/api/v1/concern-categories'>>;
export type Settings = Json<'/api/v1/settings'>;

/** Concern categories, labelled in the caller's language (refetched when it changes). */
export function useConcernCategories() {
  return useLoad(['/api/v1/concern-categories'], (signal) => call(client.GET('/api/v1/concern-categories', { signal })));
}

export function useSettings() {
  return useLoad(['/api/v1/settings'], (signal) => call(client.GET('/api/v1/settings', { signal })));
}

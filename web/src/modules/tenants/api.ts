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

/** What a map needs: the tenant's tile URL and attribution (the public page's config) and its bounding box. */
export type MapBase = Pick<Json<'/api/v1/public/tenants/{slug}'>, 'tile_url' | 'tile_attribution' | 'bbox'>;

/** An area (町丁目) polygon with its name, from GET /areas.geojson. */
export interface AreaFeature {
  type: 'Feature';
  id: string;
  properties: { code: string; name: string };
  geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon;
}
export interface AreaCollection {
  type: 'FeatureCollection';
  features: AreaFeature[];
}

// Tiles config and area shapes change rarely and every map on a page needs them: one request per
// tenant for the life of the page. A failed request is forgotten so the next map retries.
const baseCache = new Map<string, Promise<MapBase>>();
const areaCache = new Map<string, Promise<AreaCollection>>();

function cached<T>(cache: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
  let p = cache.get(key);
  if (!p) {
    p = load();
    p.catch(() => cache.delete(key));
    cache.set(key, p);
  }
  return p;
}

/** The tenant's map tiles and bounds (the same config the field app and public page use). */
export function useMapBase(slug: string | null) {
  return useLoad(slug ? ['map-base', slug] : null, () =>
    cached(baseCache, slug!, () => call(client.GET('/api/v1/public/tenants/{slug}', { params: { path: { slug: slug! } } }))),
  );
}

/** The tenant's areas as GeoJSON: drawn on every map, so a map shows something without tiles. */
export function useAreaShapes(slug: string | null) {
  return useLoad(slug ? ['areas.geojson', slug] : null, () =>
    cached(areaCache, slug!, async () => (await call(client.GET('/api/v1/areas.geojson'))) as unknown as AreaCollection),
  );
}

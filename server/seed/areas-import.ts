/**
 * Imports 町丁目 boundaries in the shape of e-Stat's census small-area data (令和2年国勢調査
 * 小地域境界, converted to GeoJSON e.g. with `ogr2ogr -f GeoJSON`) into `areas`.
 * KEY_CODE → code, S_NAME → name, JINKO → population, SETAI → households; the bbox is computed.
 * Re-importing updates areas by code and keeps their ids, so hub_areas and area_id references
 * stay valid when a municipality loads a newer census.
 */
import { type Kysely, sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../db/schema.js';

type Position = number[];

export interface AreaGeometry {
  type: 'Polygon' | 'MultiPolygon';
  coordinates: Position[][] | Position[][][];
}

export interface AreaFeature {
  type: 'Feature';
  properties: Record<string, unknown> | null;
  geometry: AreaGeometry | null;
}

export interface AreaFeatureCollection {
  type: 'FeatureCollection';
  features: AreaFeature[];
}

export interface ImportedArea {
  id: string;
  code: string;
  name: string;
  inserted: boolean;
}

export interface ImportAreasOptions {
  /** Id for a new area; the demo passes a deterministic generator. Default: uuidv7(). */
  newId?: () => string;
}

export class AreaImportError extends Error {}

/** [minLon, minLat, maxLon, maxLat] over every ring of a Polygon or MultiPolygon. */
export function geometryBbox(geometry: AreaGeometry): [number, number, number, number] {
  let minX = Infinity,
    minY = Infinity,
    maxX = -Infinity,
    maxY = -Infinity;
  const polygons = (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates) as Position[][][];
  for (const polygon of polygons) {
    for (const ring of polygon) {
      for (const [x, y] of ring) {
        if (x < minX) minX = x;
        if (x > maxX) maxX = x;
        if (y < minY) minY = y;
        if (y > maxY) maxY = y;
      }
    }
  }
  if (!Number.isFinite(minX)) throw new AreaImportError('geometry has no coordinates');
  return [minX, minY, maxX, maxY];
}

function validRing(ring: unknown): boolean {
  return (
    Array.isArray(ring) &&
    ring.length >= 4 &&
    ring.every(
      (p) =>
        Array.isArray(p) &&
        p.length >= 2 &&
        Number.isFinite(p[0]) &&
        Number.isFinite(p[1]) &&
        Math.abs(p[0]) <= 180 &&
        Math.abs(p[1]) <= 90,
    )
  );
}

function validGeometry(g: AreaGeometry | null): g is AreaGeometry {
  if (!g || !Array.isArray(g.coordinates)) return false;
  if (g.type === 'Polygon') return g.coordinates.length > 0 && g.coordinates.every(validRing);
  if (g.type === 'MultiPolygon') {
    return g.coordinates.length > 0 && g.coordinates.every((poly) => Array.isArray(poly) && poly.length > 0 && poly.every(validRing));
  }
  return false;
}

function optionalCount(v: unknown, what: string): number | null {
  if (v === null || v === undefined || v === '' || v === '-' || v === '*') return null; // e-Stat marks secret cells with *
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isInteger(n) || n < 0) throw new AreaImportError(`${what} must be a non-negative integer, got ${JSON.stringify(v)}`);
  return n;
}

interface AreaRow {
  code: string;
  name: string;
  population: number | null;
  households: number | null;
  geometry: AreaGeometry;
  bbox: number[];
}

/** Checks and maps the features; throws AreaImportError naming the first bad feature. */
export function parseAreaFeatures(fc: AreaFeatureCollection): AreaRow[] {
  if (fc?.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
    throw new AreaImportError('expected a GeoJSON FeatureCollection');
  }
  const seen = new Set<string>();
  return fc.features.map((f, i) => {
    const p = f?.properties ?? {};
    const code = String(p.KEY_CODE ?? '').trim();
    const name = String(p.S_NAME ?? '').trim();
    if (!code) throw new AreaImportError(`feature ${i}: KEY_CODE is missing`);
    if (!name) throw new AreaImportError(`feature ${i} (${code}): S_NAME is missing`);
    if (seen.has(code)) {
      // e-Stat splits some 町字 into several polygons with the same KEY_CODE (KIGO_E); merge
      // them into a MultiPolygon before importing.
      throw new AreaImportError(`feature ${i}: KEY_CODE ${code} appears twice; merge its polygons first`);
    }
    seen.add(code);
    if (!validGeometry(f.geometry)) throw new AreaImportError(`feature ${i} (${code}): geometry must be a valid Polygon or MultiPolygon`);
    return {
      code,
      name,
      population: optionalCount(p.JINKO, `feature ${i} (${code}): JINKO`),
      households: optionalCount(p.SETAI, `feature ${i} (${code}): SETAI`),
      geometry: { type: f.geometry.type, coordinates: f.geometry.coordinates },
      bbox: geometryBbox(f.geometry),
    };
  });
}

/**
 * Upserts the collection's areas for the tenant (by code) in the caller's transaction or
 * connection. Areas of the tenant that are not in the file are left alone.
 */
export async function importAreas(
  db: Kysely<Database>,
  tenantId: string,
  featureCollection: AreaFeatureCollection,
  options: ImportAreasOptions = {},
): Promise<ImportedArea[]> {
  const rows = parseAreaFeatures(featureCollection);
  const newId = options.newId ?? uuidv7;
  const out: ImportedArea[] = [];
  // Geometries can be large (a real municipality's file is megabytes), so insert in modest chunks.
  for (let i = 0; i < rows.length; i += 200) {
    const chunk = rows.slice(i, i + 200);
    const result = await db
      .insertInto('areas')
      .values(
        chunk.map((r) => ({
          tenant_id: tenantId,
          id: newId(),
          code: r.code,
          name: r.name,
          population: r.population,
          households: r.households,
          geometry: JSON.stringify(r.geometry),
          bbox: r.bbox,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['tenant_id', 'code']).doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          population: eb.ref('excluded.population'),
          households: eb.ref('excluded.households'),
          geometry: eb.ref('excluded.geometry'),
          bbox: eb.ref('excluded.bbox'),
        })),
      )
      // xmax = 0 only on a freshly inserted row version: tells inserts from updates.
      .returning(['id', 'code', 'name', sql<boolean>`(xmax = 0)`.as('inserted')])
      .execute();
    out.push(...result);
  }
  return out;
}

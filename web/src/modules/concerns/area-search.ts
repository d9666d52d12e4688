/**
 * Finding an area (町丁目) from what someone types or hears on the phone: "目黒本町3-5-12",
 * "めぐろほんちょう", "目黒本町３丁目" all find 目黒本町三丁目. Client-side over the tenant's areas.
 */
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { chomeToDigits, foldWidthCaseKana } from '../../../../shared/japanese';
import type { AreaFeature } from '../tenants/api';

/** Width, case, katakana, spaces and 丁目 numbers folded; "三丁目" and "3丁目" and "3-" become "3丁目". */
export function foldAddress(text: string): string {
  const s = chomeToDigits(foldWidthCaseKana(text).replace(/\s+/g, ''));
  // "目黒本町3-5-12" names 目黒本町三丁目: a leading number after the town is its 丁目.
  return s.replace(/^(\D+?)(\d+)(?:[-‐−ーｰ－の]|番|$).*$/, '$1$2丁目');
}

/** Areas whose name matches the query, best first (the query's 丁目 exactly, then by name). */
export function searchAreas(areas: AreaFeature[], query: string, max = 6): AreaFeature[] {
  const q = foldAddress(query);
  if (!q) return [];
  const scored: [number, AreaFeature][] = [];
  for (const a of areas) {
    const name = foldAddress(a.properties.name);
    if (name === q) scored.push([0, a]);
    else if (name.startsWith(q)) scored.push([1, a]);
    else if (name.includes(q)) scored.push([2, a]);
  }
  return scored
    .sort((x, y) => x[0] - y[0] || x[1].properties.name.localeCompare(y[1].properties.name, 'ja'))
    .slice(0, max)
    .map(([, a]) => a);
}

/** The bounds of an area as [[south, west], [north, east]]. */
export function areaBounds(a: AreaFeature): [[number, number], [number, number]] {
  const rings = a.geometry.type === 'Polygon' ? a.geometry.coordinates : a.geometry.coordinates.flat();
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const ring of rings) {
    for (const [x, y] of ring) {
      minX = Math.min(minX, x!);
      maxX = Math.max(maxX, x!);
      minY = Math.min(minY, y!);
      maxY = Math.max(maxY, y!);
    }
  }
  return [
    [minY, minX],
    [maxY, maxX],
  ];
}

/** The area a point lies in, or null. */
export function areaAt(areas: AreaFeature[], lat: number, lon: number): AreaFeature | null {
  return areas.find((a) => booleanPointInPolygon([lon, lat], a.geometry)) ?? null;
}

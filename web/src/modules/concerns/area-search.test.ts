import { describe, expect, it } from 'vitest';
import type { AreaFeature } from '../tenants/api';
import { areaAt, areaBounds, foldAddress, searchAreas } from './area-search';

const square = (x: number, y: number): AreaFeature['geometry'] => ({
  type: 'Polygon',
  coordinates: [
    [
      [x, y],
      [x + 0.01, y],
      [x + 0.01, y + 0.01],
      [x, y + 0.01],
      [x, y],
    ],
  ],
});
const area = (id: string, name: string, x = 139.7, y = 35.6): AreaFeature => ({
  type: 'Feature',
  id,
  properties: { code: id, name },
  geometry: square(x, y),
});
const AREAS = [
  area('a1', '目黒本町一丁目'),
  area('a3', '目黒本町三丁目', 139.71),
  area('a13', '目黒本町十三丁目'),
  area('k2', '上目黒二丁目', 139.72),
];

describe('area search (intake forms)', () => {
  it('folds the ways people write a 丁目', () => {
    expect(foldAddress('目黒本町三丁目')).toBe('目黒本町3丁目');
    expect(foldAddress('目黒本町３丁目')).toBe('目黒本町3丁目');
    expect(foldAddress('目黒本町3-5-12')).toBe('目黒本町3丁目');
    expect(foldAddress('目黒本町3番')).toBe('目黒本町3丁目');
    expect(foldAddress('目黒本町 3')).toBe('目黒本町3丁目');
    expect(foldAddress('目黒本町十三丁目')).toBe('目黒本町13丁目');
  });

  it('finds an area from an address, a partial name or a different width', () => {
    expect(searchAreas(AREAS, '目黒本町3-5-12').map((a) => a.id)).toEqual(['a3']);
    expect(searchAreas(AREAS, '目黒本町３丁目').map((a) => a.id)).toEqual(['a3']);
    expect(searchAreas(AREAS, '目黒本町').map((a) => a.id)).toEqual(['a1', 'a3', 'a13']);
    expect(searchAreas(AREAS, '上目黒').map((a) => a.id)).toEqual(['k2']);
    expect(searchAreas(AREAS, '本町13').map((a) => a.id)).toEqual(['a13']);
    expect(searchAreas(AREAS, '  ')).toEqual([]);
    expect(searchAreas(AREAS, '世田谷')).toEqual([]);
  });

  it('knows which area a point is in and the bounds to show', () => {
    expect(areaAt(AREAS, 35.605, 139.715)?.id).toBe('a3');
    expect(areaAt(AREAS, 35.5, 139.0)).toBeNull();
    const [[s, w], [n, e]] = areaBounds(AREAS[0]!);
    expect([s, w, n, e].map((v) => v.toFixed(5))).toEqual(['35.60000', '139.70000', '35.61000', '139.71000']);
  });
});

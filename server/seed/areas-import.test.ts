import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../test/helpers/db.js';
import { createTenant, type TestTenant } from '../../test/helpers/factories.js';
import { type AreaFeatureCollection, AreaImportError, importAreas } from './areas-import.js';

const square = (code: string, name: string, x: number, y: number, jinko: unknown = 1200, setai: unknown = 600) => ({
  type: 'Feature' as const,
  properties: { KEY_CODE: code, S_NAME: name, JINKO: jinko, SETAI: setai, HCODE: 8101 },
  geometry: {
    type: 'Polygon' as const,
    coordinates: [
      [
        [x, y],
        [x + 0.01, y],
        [x + 0.01, y + 0.01],
        [x, y + 0.01],
        [x, y],
      ],
    ],
  },
});
const fc = (...features: ReturnType<typeof square>[]): AreaFeatureCollection => ({ type: 'FeatureCollection', features });

describe('importAreas', () => {
  let tdb: TestDb;
  let tenant: TestTenant;
  beforeAll(async () => {
    tdb = await createTestDb();
    tenant = await createTenant(tdb.db, 'areas');
  });
  afterAll(() => tdb?.drop());

  const areas = () =>
    tdb.db.selectFrom('areas').selectAll().where('tenant_id', '=', tenant.id).where('code', 'like', '131%').orderBy('code').execute();

  it('maps e-Stat attributes and computes the bbox', async () => {
    const result = await importAreas(
      tdb.db,
      tenant.id,
      fc(square('13110005001', '上目黒一丁目', 139.69, 35.64), square('13110005002', '上目黒二丁目', 139.7, 35.64, '4448', '*')),
    );
    expect(result.map((r) => [r.code, r.inserted])).toEqual([
      ['13110005001', true],
      ['13110005002', true],
    ]);
    const [a, b] = await areas();
    expect(a).toMatchObject({ code: '13110005001', name: '上目黒一丁目', population: 1200, households: 600 });
    expect(a.bbox).toEqual([139.69, 35.64, 139.7, 35.65]);
    expect((a.geometry as { type: string }).type).toBe('Polygon');
    expect(b).toMatchObject({ population: 4448, households: null }); // '*' is a suppressed cell in e-Stat tables
  });

  it('updates areas by code on re-import and keeps their ids', async () => {
    const before = await areas();
    const result = await importAreas(tdb.db, tenant.id, fc(square('13110005001', '上目黒一丁目', 139.69, 35.64, 1300, 650)));
    expect(result).toEqual([{ id: before[0].id, code: '13110005001', name: '上目黒一丁目', inserted: false }]);
    const after = await areas();
    expect(after.map((a) => a.id)).toEqual(before.map((a) => a.id));
    expect(after[0]).toMatchObject({ population: 1300, households: 650 });
  });

  it('imports the bundled demo geography', async () => {
    const demo = JSON.parse(readFileSync(new URL('./data/demo-areas.geojson', import.meta.url), 'utf8')) as AreaFeatureCollection;
    const other = await createTenant(tdb.db, 'areas-demo');
    const result = await importAreas(tdb.db, other.id, demo);
    expect(result).toHaveLength(10);
    expect(result.every((r) => r.inserted)).toBe(true);
  });

  it('rejects a bad file and writes nothing', async () => {
    const before = await areas();
    const noCode = square('', '名無し', 139.6, 35.6);
    await expect(importAreas(tdb.db, tenant.id, fc(square('13110009001', '下目黒一丁目', 139.7, 35.63), noCode))).rejects.toThrow(
      AreaImportError,
    );
    await expect(
      importAreas(tdb.db, tenant.id, fc(square('13110009001', 'x', 139.7, 35.63), square('13110009001', 'x', 139.7, 35.63))),
    ).rejects.toThrow(/appears twice/);
    const broken = { ...square('13110009002', 'x', 139.7, 35.63), geometry: { type: 'Polygon' as const, coordinates: [[[139.7, 35.63]]] } };
    await expect(importAreas(tdb.db, tenant.id, fc(broken))).rejects.toThrow(/geometry/);
    await expect(importAreas(tdb.db, tenant.id, { type: 'Feature' } as unknown as AreaFeatureCollection)).rejects.toThrow(
      /FeatureCollection/,
    );
    expect(await areas()).toEqual(before);
  });
});

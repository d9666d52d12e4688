/**
 * The walls between rooms hold (docs/CONVENTIONS.md "Walls"): modules reach each other only
 * through *.service.ts / *.schemas.ts, never another module's queries or tables; the module graph
 * has no cycles; access/ and the shared floor import no module; SQL lives in *.queries.ts; and
 * landed migrations are frozen (their hashes are in server/db/migrations/migrations.lock.json).
 * `npm run lint` checks the import walls file by file (dependency-cruiser); this test checks the
 * module-level shape and the rules a linter cannot express.
 */
import { describe, expect, it } from 'vitest';
import { architectureReport } from '../scripts/architecture-report.js';
import { migrationHashes, readLock } from '../scripts/migrations-lock.js';

const report = await architectureReport();

describe('module walls', () => {
  it('finds the modules', () => {
    expect(report.modules.length).toBeGreaterThanOrEqual(14);
  });

  it("no module imports another module's queries or tables", () => {
    expect(report.foreignQueriesOrTables).toEqual([]);
  });

  it('modules reach each other only through *.service.ts and *.schemas.ts', () => {
    expect(report.foreignInternals).toEqual([]);
  });

  it('the module graph has no cycles (no back-edges)', () => {
    expect(report.cycles).toEqual([]);
  });

  it('access/ and the shared floor import no module', () => {
    expect(report.floorToModules).toEqual([]);
  });

  it('SQL lives in *.queries.ts (no query builder or raw SQL in services, routes or helpers)', () => {
    expect(report.sqlOutsideQueries).toEqual({});
  });
});

describe('migrations are frozen once landed', () => {
  const lock = readLock();
  const files = migrationHashes();

  it.each(Object.keys(lock))('%s is unchanged since it landed', (file) => {
    expect(files[file], `${file} was deleted or renamed; add a new migration instead`).toBeDefined();
    expect(files[file], `${file} was edited after it landed; change the schema in a new migration`).toBe(lock[file]);
  });

  it('every migration is in the lock (run `npm run migrations:lock` when adding one)', () => {
    expect(Object.keys(files).filter((f) => !(f in lock))).toEqual([]);
  });
});

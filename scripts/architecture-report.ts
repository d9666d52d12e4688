/**
 * Prints the structure of the server as rooms and doors: which modules import which, how many of
 * those imports reach into another module's queries or tables, module-level cycles (back-edges),
 * and SQL written outside *.queries.ts. Used for the architecture test and for before/after
 * figures: `npm run arch -- [repo-dir]` (default: this repository).
 */
import fs from 'node:fs';
import path from 'node:path';
import { cruise, type ICruiseResult } from 'dependency-cruiser';

export interface ArchitectureReport {
  modules: string[];
  /** module -> modules it imports (any file of the other module). */
  edges: Record<string, string[]>;
  /** Imports that cross from one module into another (file-level count). */
  crossModuleImports: number;
  /** Cross-module imports of another module's *.queries.ts or *.tables.ts. */
  foreignQueriesOrTables: string[];
  /** Cross-module imports of anything but *.service.ts / *.schemas.ts. */
  foreignInternals: string[];
  /** Module pairs that import each other, directly or through others (strongly connected components > 1). */
  cycles: string[][];
  /** Imports from access/ or the shared floor into modules. */
  floorToModules: string[];
  /** Query-builder calls outside *.queries.ts in server/modules and server/access (file: count). */
  sqlOutsideQueries: Record<string, number>;
}

const MODULE = /^server\/modules\/([^/]+)\//;
const SQL_CALL = /\.(selectFrom|insertInto|updateTable|deleteFrom)\(|\bsql(<[^>]*>)?`|CompiledQuery\.raw|\.transaction\(\)/g;

function sccs(nodes: string[], edges: Record<string, string[]>): string[][] {
  // Tarjan's algorithm: any component with more than one module is a cycle among rooms.
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of edges[v] ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const comp: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        comp.push(w);
      } while (w !== v);
      if (comp.length > 1) out.push(comp.sort());
    }
  };
  for (const n of nodes) if (!idx.has(n)) visit(n);
  return out;
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p));
    else if (e.name.endsWith('.ts')) out.push(p);
  }
  return out;
}

export async function architectureReport(repo = process.cwd()): Promise<ArchitectureReport> {
  const cwd = process.cwd();
  process.chdir(repo);
  let result: ICruiseResult;
  try {
    const r = await cruise(
      ['server'],
      {
        doNotFollow: { path: 'node_modules' },
        exclude: { path: '\\.test\\.ts$|test-support\\.ts$' },
        tsPreCompilationDeps: true,
        tsConfig: { fileName: 'tsconfig.json' },
      },
      { extensions: ['.ts', '.js', '.json'] } as never,
    );
    result = r.output as ICruiseResult;
  } finally {
    process.chdir(cwd);
  }
  const edges: Record<string, Set<string>> = {};
  const modules = new Set<string>();
  let crossModuleImports = 0;
  const foreignQueriesOrTables: string[] = [];
  const foreignInternals: string[] = [];
  const floorToModules: string[] = [];
  for (const m of result.modules) {
    const from = MODULE.exec(m.source)?.[1];
    if (from) modules.add(from);
    for (const d of m.dependencies) {
      const to = MODULE.exec(d.resolved)?.[1];
      if (to) modules.add(to);
      if (!to) continue;
      if (!from) {
        if (
          /^server\/(access|db|events|export)\/|^server\/(time|schema-helpers|errors|i18n|config|clock|context|loops)\.ts$/.test(
            m.source,
          ) &&
          m.source !== 'server/db/schema.ts'
        )
          floorToModules.push(`${m.source} -> ${d.resolved}`);
        continue;
      }
      if (from === to) continue;
      crossModuleImports++;
      (edges[from] ??= new Set()).add(to);
      if (/\.(queries|tables)\.ts$/.test(d.resolved)) foreignQueriesOrTables.push(`${m.source} -> ${d.resolved}`);
      if (!/\.(service|schemas)\.ts$/.test(d.resolved)) foreignInternals.push(`${m.source} -> ${d.resolved}`);
    }
  }
  const sqlOutsideQueries: Record<string, number> = {};
  for (const dir of ['server/modules', 'server/access']) {
    const abs = path.join(repo, dir);
    if (!fs.existsSync(abs)) continue;
    for (const file of walk(abs)) {
      const rel = path.relative(repo, file);
      if (/\.(queries|test)\.ts$|test-support\.ts$/.test(rel)) continue;
      const n = (fs.readFileSync(file, 'utf8').match(SQL_CALL) ?? []).length;
      if (n) sqlOutsideQueries[rel] = n;
    }
  }
  const list = [...modules].sort();
  const e = Object.fromEntries(list.map((m) => [m, [...(edges[m] ?? [])].sort()]));
  return {
    modules: list,
    edges: e,
    crossModuleImports,
    foreignQueriesOrTables,
    foreignInternals,
    cycles: sccs(list, e),
    floorToModules,
    sqlOutsideQueries,
  };
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('architecture-report.ts')) {
  const repo = path.resolve(process.argv[2] ?? '.');
  const r = await architectureReport(repo);
  const sql = Object.values(r.sqlOutsideQueries).reduce((a, b) => a + b, 0);
  console.log(`Architecture of ${repo}`);
  console.log(
    `  modules: ${r.modules.length}; module pairs with an import: ${Object.values(r.edges).reduce((a, b) => a + b.length, 0)}; cross-module file imports: ${r.crossModuleImports}`,
  );
  console.log(
    `  imports of another module's queries/tables: ${r.foreignQueriesOrTables.length}; of other internals (not service/schemas): ${r.foreignInternals.length}`,
  );
  console.log(`  module cycles (back-edges): ${r.cycles.length ? r.cycles.map((c) => c.join(' <-> ')).join('; ') : 'none'}`);
  console.log(`  access/shared floor importing modules: ${r.floorToModules.length}`);
  console.log(`  SQL call sites outside *.queries.ts (modules, access): ${sql} in ${Object.keys(r.sqlOutsideQueries).length} files`);
  for (const [m, to] of Object.entries(r.edges)) if (to.length) console.log(`    ${m} -> ${to.join(', ')}`);
}

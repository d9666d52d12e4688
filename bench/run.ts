/**
 * `npm run bench -- <name>...`: runs the named benchmarks (all of them with no name).
 * Each prints one JSON line per scenario on stdout, plus a human summary line; progress goes
 * to stderr. A benchmark is a module exporting `run(): Promise<boolean>` (false: a check failed);
 * add new ones (e.g. telemetry) to BENCHES.
 */
const BENCHES: Record<string, () => Promise<{ run(): Promise<boolean> }>> = {
  concerns: () => import('./concerns.bench.js'),
  telemetry: () => import('./telemetry.bench.js'),
};

async function main(): Promise<void> {
  const names = process.argv.slice(2).filter((a) => a !== '--');
  const unknown = names.filter((n) => !(n in BENCHES));
  if (unknown.length) {
    console.error(`unknown benchmark(s): ${unknown.join(', ')}; available: ${Object.keys(BENCHES).join(', ')}`);
    process.exit(2);
  }
  let ok = true;
  for (const name of names.length ? names : Object.keys(BENCHES)) {
    const bench = await BENCHES[name]!();
    if (!(await bench.run())) {
      console.error(`bench ${name}: a correctness check failed (see the JSON lines)`);
      ok = false;
    }
  }
  process.exit(ok ? 0 : 1);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

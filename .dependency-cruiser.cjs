/**
 * The walls between rooms, enforced by `npm run lint` (docs/CONVENTIONS.md "Walls").
 * Modules (server/modules/<name>/) reach each other only through *.service.ts (functions that
 * take the caller's transaction) and *.schemas.ts (API schemas and types); never through another
 * module's queries, tables, routes or helpers. access/ and the shared floor (db, events, time,
 * schema helpers, errors, config) import no module code. Migrations import no app code.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'module-walls',
      severity: 'error',
      comment:
        'A module reaches another only through its *.service.ts and *.schemas.ts (never its queries, tables, routes or helpers). Tests may arrange state through anything.',
      from: { path: '^server/modules/([^/]+)/', pathNot: '\\.test\\.ts$|test-support\\.ts$' },
      to: { path: '^server/modules/([^/]+)/', pathNot: ['^server/modules/$1/', '\\.(service|schemas)\\.ts$'] },
    },
    {
      name: 'access-imports-no-module',
      severity: 'error',
      comment: 'access/ owns every credential check and resource rule; it depends on no module (modules depend on it).',
      from: { path: '^server/access/', pathNot: '\\.test\\.ts$' },
      to: { path: '^server/modules/' },
    },
    {
      name: 'shared-floor-imports-no-module',
      severity: 'error',
      comment:
        'The shared floor (db, events, export, time, schema helpers, errors, i18n, config, clock, loops) is plumbing under every module. db/schema.ts only assembles the table types for Kysely.',
      from: {
        path: '^server/(db|events|export)/|^server/(time|schema-helpers|errors|i18n|config|clock|context|loops)\\.ts$',
        pathNot: '^server/db/schema\\.ts$|\\.test\\.ts$',
      },
      to: { path: '^server/modules/|^server/access/' },
    },
    {
      name: 'schema-assembles-tables-only',
      severity: 'error',
      comment: 'db/schema.ts may import *.tables.ts files (types) and nothing else of the modules.',
      from: { path: '^server/db/schema\\.ts$' },
      to: { path: '^server/(modules|access)/', pathNot: '\\.tables\\.ts$' },
    },
    {
      name: 'migrations-are-frozen-and-standalone',
      severity: 'error',
      comment: 'Migrations use Kysely<any> and import no app code (their behaviour must not change when the app does).',
      from: { path: '^server/db/migrations/[^/]+\\.ts$', pathNot: '^server/db/migrations/index\\.ts$' },
      to: { path: '^server/', pathNot: '^server/db/migrations/' },
    },
    {
      name: 'server-does-not-import-web',
      severity: 'error',
      from: { path: '^server/' },
      to: { path: '^web/' },
    },
    {
      name: 'web-does-not-import-server',
      severity: 'error',
      comment: 'The console knows the server only through the generated OpenAPI types (web/src/api/).',
      from: { path: '^web/', pathNot: '\\.test\\.tsx?$' },
      to: { path: '^server/' },
    },
    {
      name: 'shared-is-standalone',
      severity: 'error',
      comment:
        'shared/ holds pure functions both the server and the console run (Japanese text folding, 和暦); it imports nothing of either side, so it runs unchanged in both.',
      from: { path: '^shared/' },
      to: { path: '^(server|web)/' },
    },
    {
      name: 'web-components-call-through-module-api',
      severity: 'error',
      comment:
        "Only a web module's api.ts (typed calls and hooks) and app/ plumbing use the HTTP client; components never call the API inline.",
      from: { path: '^web/src/modules/', pathNot: '/api\\.ts$' },
      to: { path: '^web/src/app/api\\.ts$' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Import cycles make load order fragile and hide back-edges between rooms.',
      from: { path: '^server/' },
      to: { circular: true, dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|web/dist|data|test-results)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};

/**
 * Generates web/src/api/schema.d.ts, the console's API types, from the server's OpenAPI document
 * (`npm run api:types`). The app is built in memory and never listens or queries: the pool
 * points at a closed port and connects lazily, so no database is needed.
 * web/src/api/schema.test.ts fails when the committed file no longer matches the server.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import { buildApp } from '../server/app.js';
import { systemClock } from '../server/clock.js';
import { loadConfig } from '../server/config.js';
import type { AppContext } from '../server/context.js';
import { createDb, createPool } from '../server/db/database.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Where the generated types are committed. */
export const SCHEMA_FILE = path.join(root, 'web', 'src', 'api', 'schema.d.ts');

const HEADER = `/**
 * GENERATED FILE: do not edit. The console's API types, from the server's OpenAPI document
 * (GET /openapi.json) by openapi-typescript. Regenerate after changing a route schema:
 *
 *   npm run api:types
 *
 * (scripts/openapi-types.ts; web/src/api/schema.test.ts fails while this file is stale.)
 */

`;

/** The server's OpenAPI document, from an app that is built but never listens or queries. */
export async function openApiDocument(): Promise<OpenAPI3> {
  const pool = createPool('postgres://unused@127.0.0.1:1/unused', 1);
  const ctx: AppContext = {
    db: createDb(pool),
    clock: systemClock,
    config: loadConfig({ LOG_LEVEL: 'silent', SEED_DEMO: 'false' }),
    events: { subscribe: () => () => {}, publish() {}, close: async () => {} },
  };
  const app = await buildApp(ctx, { serveWeb: false });
  try {
    await app.ready();
    // @fastify/swagger types its answer with openapi-types; the document is the same object.
    return app.swagger() as unknown as OpenAPI3;
  } finally {
    await app.close();
    await pool.end();
  }
}

/** The text of web/src/api/schema.d.ts as the current server would have it. */
export async function generateApiTypes(): Promise<string> {
  const doc = await openApiDocument();
  const ast = await openapiTS(doc);
  return HEADER + astToString(ast);
}

async function main(): Promise<void> {
  const text = await generateApiTypes();
  fs.mkdirSync(path.dirname(SCHEMA_FILE), { recursive: true });
  fs.writeFileSync(SCHEMA_FILE, text);
  console.log(`wrote ${path.relative(process.cwd(), SCHEMA_FILE)} (${text.split('\n').length} lines)`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}

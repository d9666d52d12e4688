import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** scripts/openapi-types.ts, loaded at run time: the console's tsconfig must not type-check server code. */
interface Generator {
  generateApiTypes(): Promise<string>;
  SCHEMA_FILE: string;
}
const script = fileURLToPath(new URL('../../../scripts/openapi-types.ts', import.meta.url));

describe('generated API types (web/src/api/schema.d.ts)', () => {
  it('match what the server documents today', async () => {
    const { generateApiTypes, SCHEMA_FILE } = (await import(/* @vite-ignore */ script)) as Generator;
    const fresh = await generateApiTypes();
    const committed = fs.readFileSync(SCHEMA_FILE, 'utf8');
    expect(
      committed,
      "web/src/api/schema.d.ts does not match the server's OpenAPI document (a route schema changed, or the file was edited by hand). Run `npm run api:types` and commit the result.",
    ).toBe(fresh);
  });
});

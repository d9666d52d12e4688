// Runs the field app's unit tests on their own (`npx vitest run --config web/field/vitest.config.ts`)
// until the root vitest.config.ts includes web/field/**/*.test.ts.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  test: { include: ['src/**/*.test.ts'] },
});

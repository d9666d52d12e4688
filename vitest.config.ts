import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['server/**/*.test.ts', 'web/src/**/*.test.{ts,tsx}', 'web/field/**/*.test.ts', 'test/**/*.test.ts', 'test/e2e/**/*.spec.ts'],
    globalSetup: ['test/global-setup.ts'],
    // Integration tests each get a database cloned from a migrated template; two cores, so two forks.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});

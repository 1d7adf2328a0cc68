import { defineConfig } from 'vitest/config';
import { reporters } from '../../vitest.shared';

export default defineConfig({
  test: {
    reporters: reporters('api'),
    include: ['test/**/*.test.ts'],
    // One embedded Postgres per run, a migrated template copied per test file.
    globalSetup: ['../db/src/testing/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

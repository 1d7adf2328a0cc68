// Browser tests: the real server (started per test file by e2e/harness.ts) and
// the system Chromium. Run by `pnpm test` after the unit tests.
import { defineConfig } from 'vitest/config';
import { reporters } from '../../../vitest.shared';

export default defineConfig({
  test: {
    reporters: reporters('web-e2e'),
    include: ['e2e/**/*.e2e.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});

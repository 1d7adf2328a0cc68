// Browser tests against a running Pursuit (E2E_BASE_URL), driving the system
// Chromium with playwright-core. Not part of `pnpm test` in apps/web, which
// runs unit tests only; run with: npx vitest run --config e2e/vitest.config.ts
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});

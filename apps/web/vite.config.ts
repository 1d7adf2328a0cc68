import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { reporters } from '../../vitest.shared';

export default defineConfig({
  plugins: [sveltekit()],
  build: { sourcemap: process.env.BUNDLE_MAP === '1' },
  test: {
    reporters: reporters('web'),
    // Unit tests only; browser tests live in e2e/ (e2e/vitest.config.ts).
    include: ['src/**/*.test.ts'],
  },
});

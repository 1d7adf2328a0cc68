import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [sveltekit()],
  test: {
    // Unit tests only; browser tests live in e2e/ and are run by the server package.
    include: ['src/**/*.test.ts'],
  },
});

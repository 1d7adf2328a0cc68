// Lint for the web app: the workspace's type-checked base, plus Svelte files
// parsed by svelte-eslint-parser with typescript-eslint inside <script>.
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { base } from '../../eslint.config.js';
import svelteConfig from './svelte.config.js';

export default tseslint.config(
  ...base,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: {
      globals: { ...globals.browser, ...globals.node },
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: {
        projectService: true,
        extraFileExtensions: ['.svelte'],
        parser: tseslint.parser,
        svelteConfig,
      },
    },
  },
  {
    rules: {
      // The app is always served at the origin's root (no paths.base), and
      // most links carry query strings, so resolve() would add noise only.
      'svelte/no-navigation-without-resolve': 'off',
    },
  },
  {
    // SvelteKit keeps the service worker out of the app's tsconfig (it runs with
    // the WebWorker library, not the DOM), so type-aware rules cannot see it; its
    // rules are in src/lib/offline/sw-routes.ts, linted and tested.
    ignores: ['e2e/**', 'test-results/**', 'src/service-worker.ts'],
  },
);

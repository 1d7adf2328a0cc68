import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

// app.html's one inline script (the saved theme, before first paint) is
// allowed by its hash, read from the file so an edit to it cannot silently
// break the policy. It must stay a plain <script> with no attributes.
const template = readFileSync(new URL('./src/app.html', import.meta.url), 'utf8');
const templateScripts = [...template.matchAll(/<script>([\s\S]*?)<\/script>/g)].map(
  ([, body]) =>
    /** @type {const} */ (`sha256-${createHash('sha256').update(body).digest('base64')}`),
);

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    adapter: adapter({ out: 'build' }),
    // Absolute asset paths: the service worker serves the one offline shell
    // (/offline) at every address, and relative ones would break below "/".
    paths: { relative: false },
    // The app registers src/service-worker.ts itself once the page is live and
    // the browser idle (src/lib/offline/register.ts), not on the load event.
    serviceWorker: { register: false },
    // apps/server checks Origin on every tRPC mutation; SvelteKit's own form
    // check stays on for its form actions.

    // Content-Security-Policy on every page: code and styles from the app
    // only. 'auto' puts a fresh nonce on SvelteKit's own inline script of each
    // rendered page (hashes if a page is ever prerendered). Style *attributes*
    // are allowed: Svelte renders `style:width` and `style="…"` on the server,
    // and hydration keeps what the server wrote, so refusing them would leave
    // progress bars empty; an attribute cannot load anything that img-src,
    // font-src and connect-src do not allow. <style> elements stay 'self' only.
    // The WebSocket origin joins connect-src at run time, from ORIGIN
    // (src/lib/security-headers.server.ts).
    csp: {
      mode: 'auto',
      directives: {
        'default-src': ['self'],
        'script-src': ['self', ...templateScripts],
        'style-src': ['self'],
        'style-src-attr': ['unsafe-inline'],
        'img-src': ['self', 'data:'],
        'font-src': ['self'],
        'connect-src': ['self'],
        'object-src': ['none'],
        'base-uri': ['self'],
        'form-action': ['self'],
        'frame-ancestors': ['none'],
      },
    },
  },
};

export default config;

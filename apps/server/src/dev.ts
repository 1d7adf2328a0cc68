// `pnpm dev`: the same one-process server as `pnpm start`, but the SvelteKit
// app is served by Vite in middleware mode (hot reload; its HMR socket on its
// own port), and server code restarts on change (node --watch).
import { fileURLToPath } from 'node:url';
import { createServer as createVite } from 'vite';
import { createPursuit, runUntilSignal, type WebApp } from './boot';
import { readEnv } from './env';

const env = readEnv();
const log = (line: string) => console.log(`[pursuit dev] ${line}`);

async function viteWebApp(): Promise<WebApp> {
  const webRoot = fileURLToPath(new URL('../../web', import.meta.url));
  // SvelteKit's dev SSR resolves its externals (svelte/store, …) from the
  // working directory; run it from the web app's folder as `vite dev` would.
  process.chdir(webRoot);
  const vite = await createVite({
    root: webRoot,
    server: { middlewareMode: true },
    appType: 'custom',
  });
  return {
    handler: (req, res, next) => vite.middlewares(req, res, next),
    close: () => vite.close(),
  };
}

await runUntilSignal(createPursuit({ env, log, serve: { web: viteWebApp } }), 'pursuit dev', log);
log(`open ${env.origin} (hot reload on)`);

// `pnpm dev`: the same one-process server as `pnpm start`, but the SvelteKit
// app is served by Vite in middleware mode (hot reload; its HMR socket on its
// own port), and server code restarts on change (node --watch).
import { fileURLToPath } from 'node:url';
import { createServer as createVite } from 'vite';
import { connectDatabases } from './database';
import { startDocuments } from './documents';
import { readEnv } from './env';
import { createPursuitServer } from './http';

const env = readEnv();
const log = (line: string) => console.log(`[pursuit dev] ${line}`);

async function main() {
  const databases = await connectDatabases(env, log);
  const documents = await startDocuments(env.documents, databases, log);
  const webRoot = fileURLToPath(new URL('../../web', import.meta.url));
  // SvelteKit's dev SSR resolves its externals (svelte/store, …) from the
  // working directory; run it from the web app's folder as `vite dev` would.
  process.chdir(webRoot);
  const vite = await createVite({
    root: webRoot,
    server: { middlewareMode: true },
    appType: 'custom',
  });
  const pursuit = createPursuitServer({
    app: databases.app,
    owner: databases.owner,
    origin: env.origin,
    web: (req, res, next) => vite.middlewares(req, res, next),
    log,
    changeLogRetentionSeconds: env.changeLogRetentionSeconds,
    documents: documents.services,
  });
  await pursuit.ready;
  pursuit.server.listen(env.port, env.host, () => log(`open ${env.origin} (hot reload on)`));
  const stop = () => {
    void pursuit
      .close()
      .then(() => vite.close())
      .then(() => documents.jobs.stop())
      .then(() => databases.close())
      .finally(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error('[pursuit dev] failed to start:', error);
  process.exit(1);
});

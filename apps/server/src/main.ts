// `pnpm start`: the whole of Pursuit in one process. Connects to Postgres
// (embedded unless DATABASE_URL is set), then serves the built web app, the
// API and live updates on PORT until SIGTERM.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { connectDatabases } from './database';
import { startDocuments } from './documents';
import { readEnv } from './env';
import { createPursuitServer, type NodeHandler } from './http';

const env = readEnv();
const log = (line: string) => {
  if (env.logLevel !== 'silent') console.log(`[pursuit] ${line}`);
};

async function loadWebHandler(): Promise<NodeHandler> {
  const built = fileURLToPath(new URL('../../web/build/handler.js', import.meta.url));
  if (!existsSync(built)) {
    throw new Error(
      'The web app is not built. Run `pnpm start` from the repository root (it builds first).',
    );
  }
  // adapter-node reads ORIGIN when its handler module loads.
  process.env.ORIGIN = env.origin;
  const { handler } = await import('@pursuit/web/handler');
  return handler;
}

async function main() {
  const started = Date.now();
  const web = await loadWebHandler();
  const databases = await connectDatabases(env, log);
  const documents = await startDocuments(env.documents, databases, log);
  const pursuit = createPursuitServer({
    app: databases.app,
    owner: databases.owner,
    origin: env.origin,
    web,
    log,
    changeLogRetentionSeconds: env.changeLogRetentionSeconds,
    documents: documents.services,
  });
  await pursuit.ready;
  await new Promise<void>((resolve, reject) => {
    pursuit.server.once('error', reject);
    pursuit.server.listen(env.port, env.host, () => resolve());
  });
  log(`ready in ${Date.now() - started} ms: open ${env.origin}`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: closing connections and stopping the database`);
    pursuit
      .close()
      .then(() => documents.jobs.stop())
      .then(() => databases.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(error);
          process.exit(1);
        },
      );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  console.error('[pursuit] failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});

// `pnpm start`: the whole of Pursuit in one process. Connects to Postgres
// (embedded unless DATABASE_URL is set), then serves the built web app, the
// API and live updates on PORT until SIGTERM.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createPursuit, runUntilSignal, type WebApp } from './boot';
import { readEnv } from './env';

const env = readEnv();
const log = (line: string) => {
  if (env.logLevel !== 'silent') console.log(`[pursuit] ${line}`);
};

async function builtWebApp(): Promise<WebApp> {
  const built = fileURLToPath(new URL('../../web/build/handler.js', import.meta.url));
  if (!existsSync(built)) {
    throw new Error(
      'The web app is not built. Run `pnpm start` from the repository root (it builds first).',
    );
  }
  // adapter-node reads ORIGIN when its handler module loads.
  process.env.ORIGIN = env.origin;
  const { handler } = await import('@pursuit/web/handler');
  return { handler };
}

const started = Date.now();
await runUntilSignal(createPursuit({ env, log, serve: { web: builtWebApp } }), 'pursuit', log);
log(`ready in ${Date.now() - started} ms: open ${env.origin}`);

// The only reader of process.env in the server. Every setting has a default
// that makes `pnpm start` work on a fresh machine.
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

export interface Env {
  port: number;
  host: string;
  origin: string;
  databaseUrl: string | undefined;
  appDatabaseUrl: string | undefined;
  dataDir: string;
  logLevel: 'silent' | 'info';
}

function resolveFromCaller(path: string): string {
  // pnpm runs package scripts inside the package; INIT_CWD is where the person typed the command.
  return isAbsolute(path) ? path : resolve(process.env.INIT_CWD ?? process.cwd(), path);
}

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const port = Number(source.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a port number, got ${source.PORT}`);
  }
  const origin = (source.ORIGIN ?? `http://localhost:${port}`).replace(/\/$/, '');
  try {
    new URL(origin);
  } catch {
    throw new Error(`ORIGIN must be a URL like https://pursuit.example.com, got ${origin}`);
  }
  return {
    port,
    host: source.HOST ?? '0.0.0.0',
    origin,
    databaseUrl: source.DATABASE_URL || undefined,
    appDatabaseUrl: source.APP_DATABASE_URL || undefined,
    dataDir: source.DATA_DIR ? resolveFromCaller(source.DATA_DIR) : resolve(repoRoot, '.data'),
    logLevel: source.LOG_LEVEL === 'silent' ? 'silent' : 'info',
  };
}

// The one place that wires Pursuit together: databases, the job queue with its
// crontab, the live hub, and the HTTP + WebSocket server. main.ts, dev.ts and
// worker.ts choose what to run; start() builds it, stop() takes it down in reverse.
import type { Server } from 'node:http';
import { connectDatabases } from './database';
import { startDocuments } from './documents';
import type { Env } from './env';
import { createExports } from './export';
import { createPursuitServer, type NodeHandler, type PursuitServer } from './http';
import { raiseOpenFileLimit } from './open-files';

/** The SvelteKit app as the server mounts it, and how to stop it (Vite in dev). */
export interface WebApp {
  handler: NodeHandler;
  close?: () => Promise<void>;
}

export interface BootOptions {
  env: Env;
  log: (line: string) => void;
  /** Serve HTTP, with the web app this returns (called first, so a missing build fails fast). */
  serve?: { web?: () => Promise<WebApp> };
  /** Run the job worker (and its crontab) here; default WORKER. */
  work?: boolean;
}

export interface Pursuit {
  /** The HTTP side once started (null in a worker-only process). */
  readonly server: PursuitServer | null;
  start(): Promise<void>;
  /** Stops whatever start() got to, last built first; safe to call once after a failed start. */
  stop(): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

export function createPursuit(options: BootOptions): Pursuit {
  const { env, log } = options;
  const closers: (() => Promise<void>)[] = [];
  let server: PursuitServer | null = null;
  return {
    get server() {
      return server;
    },
    async start() {
      // Every live socket is an open file: as many as the machine allows.
      if (options.serve) log(raiseOpenFileLimit().line);
      const web = await options.serve?.web?.();
      if (web?.close) closers.push(web.close);
      const databases = await connectDatabases(env, log);
      closers.push(() => databases.close());
      const documents = await startDocuments(
        env.documents,
        databases,
        log,
        options.work ?? env.documents.worker,
        env.changeLogRetentionSeconds,
        env.smtpUrl
          ? {
              smtpUrl: env.smtpUrl,
              from: env.digestFrom,
              origin: env.origin,
              ghostedAfterDays: env.ghostedAfterDays,
            }
          : undefined,
      );
      closers.push(() => documents.jobs.stop());
      if (!options.serve) return;
      const pursuit = createPursuitServer({
        app: databases.app,
        owner: databases.owner,
        origin: env.origin,
        signup: env.signup,
        ghostedAfterDays: env.ghostedAfterDays,
        digestAvailable: env.smtpUrl !== undefined,
        captureAllowHosts: env.captureAllowHosts,
        trustProxy: env.trustProxy,
        web: web?.handler,
        log,
        documents: documents.services,
        exports: createExports({
          app: databases.app,
          db: databases.exports,
          stallMs: env.exportStallSeconds * 1000,
          log,
        }),
      });
      server = pursuit;
      closers.push(() => pursuit.close());
      await pursuit.ready;
      await listen(pursuit.server, env.port, env.host);
    },
    async stop() {
      for (let close = closers.pop(); close; close = closers.pop()) await close();
    },
  };
}

/**
 * Starts `pursuit` and stops it on SIGTERM or SIGINT, exiting 0 when all is
 * closed (1 if closing failed). A failed start is reported and exits 1.
 */
export async function runUntilSignal(
  pursuit: Pursuit,
  label: string,
  log: (line: string) => void,
): Promise<void> {
  try {
    await pursuit.start();
  } catch (error) {
    console.error(`[${label}] failed to start:`, error instanceof Error ? error.message : error);
    await pursuit.stop().catch(() => undefined);
    process.exit(1);
  }
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: closing connections and stopping`);
    pursuit.stop().then(
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

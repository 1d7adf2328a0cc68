// Connects the server to Postgres: DATABASE_URL when given, otherwise the
// embedded cluster under DATA_DIR. Either way migrations have run and the
// request role has been checked before anything is served.
import {
  assertRequestRole,
  createDb,
  prepareExternalDatabase,
  REQUEST_TIMEOUTS,
  type Database,
} from '@pursuit/db';
import { startEmbeddedDatabase } from '@pursuit/db/embedded';
import type { Env } from './env';

/** Concurrent export downloads per instance (the rest wait for a connection). */
export const EXPORT_CONNECTIONS = 3;

export interface Databases {
  /** Request role: every API call goes through this (RLS applies). */
  app: Database;
  /**
   * Request role too, for the streamed exports only: a few connections of
   * their own, so slow downloads can never take the requests' connections.
   */
  exports: Database;
  /** Owner role: LISTEN for cross-instance notices, background jobs. */
  owner: Database;
  /** Where we are, for the start-up line. */
  description: string;
  /** Owner-role URL, for the job queue's own connections. */
  ownerUrl: string;
  close(): Promise<void>;
}

export async function connectDatabases(env: Env, log: (line: string) => void): Promise<Databases> {
  let urls: { ownerUrl: string; appUrl: string };
  let stopEmbedded: (() => Promise<void>) | undefined;
  let description: string;
  if (env.databaseUrl) {
    urls = await prepareExternalDatabase(env.databaseUrl, env.appDatabaseUrl);
    description = `Postgres at ${new URL(env.databaseUrl).host}`;
  } else {
    // Not on the port this server is about to listen on (free until then).
    const embedded = await startEmbeddedDatabase({ dataDir: env.dataDir, avoidPorts: [env.port] });
    urls = embedded;
    stopEmbedded = () => embedded.cluster.stop();
    description = `embedded Postgres in ${env.dataDir} (port ${embedded.cluster.port})`;
  }
  const app = createDb(urls.appUrl, { max: 20, name: 'pursuit-app', timeouts: REQUEST_TIMEOUTS });
  const exports = createDb(urls.appUrl, {
    max: EXPORT_CONNECTIONS,
    name: 'pursuit-export',
    // An export is one transaction whose cursors stay open while the reader
    // drains (export.ts cuts a reader stalled for EXPORT_STALL_SECONDS); these
    // are Postgres's own backstops: 15 minutes for a whole cursor read, and a
    // little past the stall limit between two statements.
    timeouts: {
      statementMs: 15 * 60_000,
      idleInTransactionMs: env.exportStallSeconds * 1000 + 30_000,
    },
  });
  const owner = createDb(urls.ownerUrl, { max: 4, name: 'pursuit-owner' });
  const all = () => Promise.all([app.close(), exports.close(), owner.close()]);
  try {
    await assertRequestRole(app);
  } catch (error) {
    await all();
    await stopEmbedded?.();
    throw error;
  }
  log(`database: ${description}`);
  return {
    app,
    exports,
    owner,
    description,
    ownerUrl: urls.ownerUrl,
    async close() {
      await all();
      await stopEmbedded?.();
    },
  };
}

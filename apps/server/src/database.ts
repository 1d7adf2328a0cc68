// Connects the server to Postgres: DATABASE_URL when given, otherwise the
// embedded cluster under DATA_DIR. Either way migrations have run and the
// request role has been checked before anything is served.
import { assertRequestRole, createDb, prepareExternalDatabase, type Database } from '@pursuit/db';
import { startEmbeddedDatabase } from '@pursuit/db/embedded';
import type { Env } from './env';

export interface Databases {
  /** Request role: every API call goes through this (RLS applies). */
  app: Database;
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
    const embedded = await startEmbeddedDatabase({ dataDir: env.dataDir });
    urls = embedded;
    stopEmbedded = () => embedded.cluster.stop();
    description = `embedded Postgres in ${env.dataDir} (port ${embedded.cluster.port})`;
  }
  const app = createDb(urls.appUrl, { max: 20, name: 'pursuit-app' });
  const owner = createDb(urls.ownerUrl, { max: 4, name: 'pursuit-owner' });
  try {
    await assertRequestRole(app);
  } catch (error) {
    await Promise.all([app.close(), owner.close()]);
    await stopEmbedded?.();
    throw error;
  }
  log(`database: ${description}`);
  return {
    app,
    owner,
    description,
    ownerUrl: urls.ownerUrl,
    async close() {
      await Promise.all([app.close(), owner.close()]);
      await stopEmbedded?.();
    },
  };
}

// A fresh embedded Postgres for one run (roles, database, migrations) in a temp dir the
// run owns, with an owner connection and the line naming the machine it runs on.
import { startEmbeddedDatabase } from '@pursuit/db/embedded';
import postgres from 'postgres';
import { describeMachine } from './results';
import { log, own, ownTempDir } from './run';

export interface BenchDatabase {
  /** The request role's URL (pursuit_app, RLS applies) and the owner's. */
  appUrl: string;
  ownerUrl: string;
  /** The cluster's data lives below this temp dir (in `pg/`). */
  dataDir: string;
  /** A connection as the owner (bypasses RLS), for seeding and counts. */
  owner: postgres.Sql;
  machine: string;
}

/** Starts the cluster; the run stops it and removes its files at clean-up. */
export async function startBenchDatabase(
  tmpPrefix: string,
  ownerConnections: number,
): Promise<BenchDatabase> {
  const dataDir = ownTempDir(tmpPrefix);
  log(`starting a fresh embedded Postgres in ${dataDir}`);
  const db = await startEmbeddedDatabase({ dataDir });
  own({
    release: () =>
      db.cluster
        .stop()
        .catch((error: unknown) => log(`stopping Postgres failed: ${String(error)}`)),
  });
  const owner = ownClient(postgres(db.ownerUrl, { max: ownerConnections, onnotice: () => {} }));
  const [{ server_version: pgVersion } = { server_version: '?' }] = await owner<
    { server_version: string }[]
  >`show server_version`;
  const machine = describeMachine(pgVersion);
  log(`machine: ${machine}`);
  return { appUrl: db.appUrl, ownerUrl: db.ownerUrl, dataDir, owner, machine };
}

/** A postgres.js client the run ends at clean-up. */
export function ownClient(sql: postgres.Sql): postgres.Sql {
  own({ release: () => sql.end({ timeout: 2 }).catch(() => undefined) });
  return sql;
}

// The two database clients of ARCHITECTURE.md: the owner (migrations, the
// live feed reader) and the request role. User data is reached only through
// withUser, which scopes a transaction to one user for row-level security.
import { sql } from 'drizzle-orm';
import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema/index';

export type Schema = typeof schema;
export type Drizzle = PostgresJsDatabase<Schema>;
export type Tx = Parameters<Parameters<Drizzle['transaction']>[0]>[0];

export interface Database {
  /** The raw postgres.js client, for LISTEN and hand-written statements. */
  sql: postgres.Sql;
  db: Drizzle;
  close(): Promise<void>;
}

export interface DbOptions {
  max?: number;
  /** Application name shown in pg_stat_activity. */
  name?: string;
  /**
   * Server-side limits for every connection of this pool, sent as start-up
   * parameters (so they hold from the first statement, whatever the role's
   * own settings): a statement running longer, or a transaction left idle
   * longer, is ended by Postgres and its connection freed. 0 = no limit.
   */
  timeouts?: { statementMs: number; idleInTransactionMs: number };
}

/** The request role's limits (ARCHITECTURE: one short transaction per request). */
export const REQUEST_TIMEOUTS = { statementMs: 15_000, idleInTransactionMs: 30_000 } as const;

/**
 * Seconds before reconnecting after `retries` failed connections. postgres.js
 * grows its default to 20 s (3^n / 100, with one counter for the whole pool),
 * so after a Postgres restart of a few seconds every query queued for 5-20 s
 * more (issue 10's restart test). Doubling from 50 ms to at most 0.5 s keeps
 * the retry rate low while Postgres is down and recovers within half a second.
 */
export function reconnectBackoff(retries: number): number {
  return Math.min(0.05 * 2 ** retries, 0.5);
}

export function createDb(url: string, options: DbOptions = {}): Database {
  const limits = options.timeouts;
  const client = postgres(url, {
    max: options.max ?? 10,
    backoff: reconnectBackoff,
    onnotice: () => {},
    connection: {
      application_name: options.name ?? 'pursuit',
      ...(limits && {
        statement_timeout: limits.statementMs,
        idle_in_transaction_session_timeout: limits.idleInTransactionMs,
      }),
    },
  });
  const db = drizzle(client, { schema });
  return { sql: client, db, close: () => client.end({ timeout: 5 }) };
}

/**
 * Runs `work` in one transaction as `userId` (bound parameter, transaction-local),
 * so every policy sees that user. `null` runs with no user: nothing is visible.
 */
export function withUser<T>(
  database: Database,
  userId: string | null,
  work: (tx: Tx) => Promise<T>,
): Promise<T> {
  return database.db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('app.user_id', ${userId ?? ''}, true)`);
    return work(tx);
  });
}

/** Like withUser, but changes are recorded as made by the system (history, feed). */
export function withSystemActor<T>(
  database: Database,
  userId: string,
  work: (tx: Tx) => Promise<T>,
): Promise<T> {
  return database.db.transaction(async (tx) => {
    await tx.execute(
      sql`select set_config('app.user_id', ${userId}, true), set_config('app.actor', 'system', true)`,
    );
    return work(tx);
  });
}

/**
 * Refuses to serve requests through a role that could bypass row-level
 * security: a superuser, a BYPASSRLS role, or a role owning any table.
 */
export async function assertRequestRole(database: Database): Promise<void> {
  const [row] = await database.sql<
    { rolname: string; rolsuper: boolean; rolbypassrls: boolean; owned: number }[]
  >`
    select r.rolname, r.rolsuper, r.rolbypassrls,
           (select count(*)::int from pg_class c where c.relowner = r.oid and c.relkind in ('r', 'p')) as owned
      from pg_roles r where r.rolname = current_user`;
  if (!row) throw new Error('could not read the request role');
  if (row.rolsuper || row.rolbypassrls || row.owned > 0) {
    throw new Error(
      `the request role ${row.rolname} must not be a superuser, bypass RLS or own tables`,
    );
  }
}

// Issue 10: a request-role connection cannot be held forever. Postgres itself
// ends a statement running past statement_timeout and a session left idle in
// a transaction past idle_in_transaction_session_timeout, which createDb sets
// on every connection of a pool (REQUEST_TIMEOUTS for the request pool).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, REQUEST_TIMEOUTS, type Database } from '../src/client';
import { createTestDatabase, type TestDatabase } from '../src/testing/index';
import { pgCode } from './support/rls';

let t: TestDatabase;
let limited: Database;

beforeAll(async () => {
  t = await createTestDatabase();
  limited = createDb(t.appUrl, {
    max: 2,
    name: 'pursuit-limited',
    timeouts: { statementMs: 200, idleInTransactionMs: 300 },
  });
});

afterAll(async () => {
  await limited?.close();
  await t?.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('issue 10: request-role timeouts', () => {
  it('the request pool limits are 15 s per statement and 30 s idle in a transaction', () => {
    expect(REQUEST_TIMEOUTS).toEqual({ statementMs: 15_000, idleInTransactionMs: 30_000 });
  });

  it('a statement running past statement_timeout is cancelled', async () => {
    const error = await limited.sql`select pg_sleep(2)`.then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(pgCode(error)).toBe('57014'); // query_canceled
  });

  it('a transaction left idle past idle_in_transaction_session_timeout is ended', async () => {
    const outcome = await limited.sql
      .begin(async (tx) => {
        await tx`select 1`;
        await sleep(1_000);
        await tx`select 1`;
      })
      .then(
        () => 'committed',
        (caught: unknown) => caught,
      );
    expect(outcome).not.toBe('committed');
    // The pool carries on with a fresh connection.
    const [row] = await limited.sql<{ n: number }[]>`select 1 as n`;
    expect(row?.n).toBe(1);
  });
});

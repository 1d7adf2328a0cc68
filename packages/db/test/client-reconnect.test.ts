// postgres.js keeps the server's error for the query in flight when a
// connection is cut ("terminating connection due to administrator command").
// Unpatched, that stale error failed the first query sent after the client
// reconnected, carrying the cut-off query's stack (the postgres-restart fault
// test's flake). patches/postgres@3.4.9.patch clears it when the socket closes.
import postgres from 'postgres';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, superuserUrlFor, type TestDatabase } from '../src/testing/index';

let t: TestDatabase;
let admin: postgres.Sql;

beforeAll(async () => {
  t = await createTestDatabase();
  admin = postgres(superuserUrlFor(t), { max: 1, onnotice: () => {} });
});

afterAll(async () => {
  await admin?.end();
  await t?.close();
});

it('a query after a terminated connection runs on the new one, free of the old error', async () => {
  const client = postgres(t.ownerUrl, { max: 1, onnotice: () => {} });
  try {
    for (let round = 0; round < 5; round += 1) {
      const [backend] = await client<{ pid: number }[]>`select pg_backend_pid() as pid`;
      const pid = backend!.pid;
      const cut = client`select pg_sleep(5)`.then(
        () => 'finished',
        (error: { code?: string }) => error.code ?? 'error',
      );
      // Wait until the sleep is running on that backend, then terminate it.
      for (;;) {
        const [row] = await admin<{ n: number }[]>`
          select count(*)::int as n from pg_stat_activity where pid = ${pid} and query like '%pg_sleep%'`;
        if (row!.n > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      await admin`select pg_terminate_backend(${pid})`;
      expect(await cut).not.toBe('finished');
      const [after] = await client<{ ok: number }[]>`select 1 as ok`;
      expect(after).toEqual({ ok: 1 });
    }
  } finally {
    await client.end({ timeout: 1 });
  }
});

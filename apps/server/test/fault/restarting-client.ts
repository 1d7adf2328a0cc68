// A child process for postgres-client.test.ts: a pool of the server's kind
// (createDb) under steady transactions while its own Postgres is stopped and
// started ROUNDS times. Prints one line per round ("round N ok <ms>") and exits
// 0; a hung pool prints "hang", and an exception or rejection outside any
// query (what postgres.js 3.4.9 raised on a closed socket, or when a connection
// closed while fetching array types) ends the process with code 70.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb } from '@pursuit/db';
import { freePort, startEmbeddedCluster } from '@pursuit/db/embedded';

process.on('uncaughtException', (error) => {
  console.log(`uncaught ${error.stack?.split('\n').slice(0, 3).join(' | ')}`);
  process.exit(70);
});

const ROUNDS = 4;
const dataDir = await mkdtemp(join(tmpdir(), 'pursuit-client-fault-'));
const port = await freePort();
let cluster = await startEmbeddedCluster({ dataDir, port });
const db = createDb(cluster.superuserUrl, { max: 4, name: 'restarting-client' });
let stopping = false;
const loops = Array.from({ length: 12 }, async (_, i) => {
  while (!stopping) {
    await db.sql
      .begin(async (tx) => {
        await tx`select set_config('app.user_id', ${String(i)}, true)`;
        await tx`select pg_sleep(0.005), ${i}::int as n`;
      })
      .catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
});
// Fresh clients connecting over and over: a stop lands while some are in
// their first round trips (postgres.js fetches array types right after auth).
const churn = Array.from({ length: 4 }, async () => {
  while (!stopping) {
    const fresh = createDb(cluster.superuserUrl, { max: 1, name: 'restarting-fresh' });
    await fresh.sql`select 1`.catch(() => undefined);
    await fresh.close().catch(() => undefined);
  }
});
const within = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([promise, new Promise<'hang'>((resolve) => setTimeout(() => resolve('hang'), ms))]);

let code = 0;
for (let round = 0; round < ROUNDS; round += 1) {
  await new Promise((resolve) => setTimeout(resolve, 400));
  await cluster.stop();
  await new Promise((resolve) => setTimeout(resolve, 300));
  cluster = await startEmbeddedCluster({ dataDir, port });
  const started = Date.now();
  const answer = await within(
    db.sql`select 1`.then(() => 'ok'),
    8000,
  );
  console.log(`round ${round} ${answer} ${Date.now() - started}`);
  if (answer !== 'ok') code = 1;
}
stopping = true;
if ((await within(Promise.all([...loops, ...churn]), 10_000)) === 'hang') {
  console.log('hang: the pool did not finish its transactions');
  code = 1;
}
await db.close();
await cluster.stop();
await rm(dataDir, { recursive: true, force: true });
process.exit(code);

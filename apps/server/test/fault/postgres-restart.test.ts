// Issue 10, fault: Postgres restarts while clients are subscribed and writing.
// The server keeps running, every client is live again within 5 s of Postgres
// accepting connections, and each client has every change written or a
// resync covering it: none silently missed. The test owns its Postgres.
import { createDb, currentLivePosition, encodeEventId, type Database } from '@pursuit/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sleep, startServer, subscribed, type Running } from '../live/harness';
import {
  applicationsFound,
  coverage,
  ownPostgres,
  ResumingClient,
  signUpPerson,
  Writer,
  type OwnPostgres,
} from './support';

const PEOPLE = 4;
const LIVE_WITHIN_MS = 5000;

let pg: OwnPostgres;
let app: Database;
let owner: Database;
let running: Running;

beforeAll(async () => {
  pg = await ownPostgres();
  app = createDb(pg.appUrl, { max: 20, name: 'fault-app' });
  owner = createDb(pg.ownerUrl, { max: 4, name: 'fault-owner' });
  running = await startServer(app, owner);
}, 90_000);

afterAll(async () => {
  await running?.pursuit.close();
  await Promise.all([app?.close(), owner?.close()]);
  await pg?.destroy();
});

describe('issue 10: Postgres restarts under live clients', () => {
  it('keeps the server up; every client is live again within 5 s and misses nothing', async () => {
    const people = [];
    for (let i = 0; i < PEOPLE; i += 1) people.push(await signUpPerson(running.base, `Fault${i}`));
    const start = encodeEventId(await currentLivePosition(owner));
    const clients = people.map((p) => new ResumingClient(() => running.wsUrl, p.cookie));
    await Promise.all(clients.map((c) => c.start(start)));
    for (const p of people) await subscribed(running, p.id, 1);
    const writers = people.map((p, i) => new Writer(() => running.base, p.cookie, `Fault${i}`));
    for (const w of writers) w.start();

    await sleep(800);
    const stoppedAt = Date.now();
    await pg.stop();
    await sleep(700);
    await pg.start();
    const upAt = Date.now();

    // Live again: a write acknowledged after Postgres came back reaches the client.
    const liveAfter = await Promise.all(
      clients.map(async (client, i) => {
        await client.waitFor(
          () =>
            writers[i]!.acknowledged.some(
              (a) =>
                a.startedAt >= upAt &&
                client.events.some((e) => e.table === 'applications' && e.id === a.id),
            ),
          LIVE_WITHIN_MS + 5000,
          `client ${i} to be live again`,
        );
        return Date.now() - upAt;
      }),
    );
    await sleep(500);
    for (const w of writers) await w.stop();

    // Let everything acknowledged reach the hub and the clients.
    const target = encodeEventId(await currentLivePosition(owner));
    await clients[0]!.waitFor(
      () => running.pursuit.live.cursor() >= target,
      5000,
      'the hub to catch up',
    );
    await sleep(300);

    // The hub is woken by NOTIFY again, not only by its 1 s poll: its LISTEN is back.
    const [listening] = await owner.sql<{ count: number }[]>`
      select count(*)::int as count from pg_stat_activity
       where application_name = 'fault-owner' and query ilike 'listen %'`;

    const acknowledged = writers.flatMap((w) => w.acknowledged.map((a) => a.id));
    const found = await applicationsFound(owner, acknowledged);
    const results = await Promise.all(
      people.map((p, i) => coverage(owner, p.id, start, clients[i]!)),
    );
    const failedWrites = writers.reduce((n, w) => n + w.failed, 0);
    console.log(
      `issue 10 fault, Postgres restart: down ${upAt - stoppedAt} ms; clients live again after ` +
        `${liveAfter.join(', ')} ms (max ${Math.max(...liveAfter)} ms); writes acknowledged ` +
        `${acknowledged.length}, found ${found.size}, failed while down ${failedWrites}; ` +
        `changes ${results.reduce((n, r) => n + r.changes, 0)}, received ` +
        `${results.reduce((n, r) => n + r.received, 0)}, resyncs ` +
        `${results.reduce((n, r) => n + r.resyncs, 0)}, reconnects ` +
        `${clients.reduce((n, c) => n + c.connections - 1, 0)}, missed ` +
        `${results.reduce((n, r) => n + r.missed.length, 0)}`,
    );
    for (const c of clients) c.close();

    expect(running.pursuit.server.listening).toBe(true);
    expect((await fetch(`${running.base}/healthz`)).status).toBe(200);
    expect(Math.max(...liveAfter), 'ms until the slowest client was live').toBeLessThanOrEqual(
      LIVE_WITHIN_MS,
    );
    expect(found.size, 'acknowledged writes found').toBe(acknowledged.length);
    expect(listening!.count, 'LISTEN connections of the hub').toBeGreaterThanOrEqual(1);
    for (const r of results) expect(r.missed, 'changes neither received nor resynced').toEqual([]);
  }, 60_000);
});

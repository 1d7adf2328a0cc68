// Issue 10: no input gets a 5xx. Every query and mutation of appRouter gets
// a few hundred generated and mutated inputs over real HTTP (campaign.ts says
// how), as a signed-in user with data; the server must answer each below 500
// and still pass its health check afterwards. FUZZ_RUNS and FUZZ_SEED
// override the count and the seed; a failure prints fast-check's seed and
// the smallest input found.
import { createTestDatabase, type TestDatabase } from '@pursuit/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORIGIN, startServer, type Running } from '../live/harness';
import { formatResults, fuzzTargets, healthy, runCampaign, seedWorld } from './campaign';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);

let t: TestDatabase;
let server: Running;

beforeAll(async () => {
  t = await createTestDatabase();
  server = await startServer(t.app, t.owner);
});

afterAll(async () => {
  await server?.pursuit.close();
  await t?.close();
});

describe('issue 10: property fuzz of every procedure over HTTP', () => {
  it(
    'no generated or mutated input to any query or mutation gets a 5xx',
    { timeout: 600_000 },
    async () => {
      const { targets, skipped } = fuzzTargets();
      expect(targets.length).toBeGreaterThan(50);
      // Subscriptions are WebSocket-only: sync.changes and presence.watch, nothing else.
      expect(skipped.map((s) => s.path).sort()).toEqual(['presence.watch', 'sync.changes']);
      const seeded = await seedWorld(server.base, ORIGIN, t.owner);
      const results = await runCampaign(targets, seeded, {
        base: server.base,
        origin: ORIGIN,
        owner: t.owner,
        runs: RUNS,
        concurrency: 6,
        ...(SEED === undefined ? {} : { seed: SEED }),
      });
      console.log(formatResults(results));
      const failures = results.flatMap((r) =>
        r.failure ? [`${r.failure}\nfirst: ${r.firstServerError ?? '?'}`] : [],
      );
      expect(failures, failures.join('\n\n')).toEqual([]);
      expect(results.every((r) => r.sent >= RUNS)).toBe(true);
      expect(await healthy(server.base)).toBe(true);
    },
  );
});

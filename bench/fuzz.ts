// `pnpm bench:fuzz`: the property fuzz of issue 10 at volume. FUZZ_RUNS
// inputs (default 10,000) per query and mutation of appRouter, generated from
// each procedure's zod input and mutated (apps/server/test/fuzz, the same
// generators `pnpm test` runs a few hundred of), sent over HTTP to the real
// server in its own process (bench/server.ts) on a fresh embedded Postgres.
// Prints, per procedure, inputs sent and responses by status, writes
// "## Fuzz (issue 10)" into bench/RESULTS.md, and exits non-zero on any 5xx.
import { createDb } from '@pursuit/db';
import {
  formatResults,
  fuzzTargets,
  healthy,
  runCampaign,
  seedWorld,
  type ProcedureResult,
} from '@pursuit/server/testing/fuzz';
import { startBenchDatabase } from './lib/database';
import { int } from './lib/format';
import { runDate, writeSection } from './lib/results';
import { elapsedSeconds, log, own, ownChild, runBenchmark } from './lib/run';
import { startServerChild } from './setup';

const ORIGIN = 'http://pursuit.bench';
const SECTION = '## Fuzz (issue 10)';
const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const CONCURRENCY = Number(process.env.FUZZ_CONCURRENCY ?? 8);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
const RUN_LIMIT_MS = Number(process.env.FUZZ_LIMIT_MINUTES ?? 24 * 60) * 60_000;

async function main(): Promise<void> {
  const { machine, appUrl, ownerUrl } = await startBenchDatabase('pursuit-bench-fuzz-', 2);
  const owner = createDb(ownerUrl, { max: 4, name: 'pursuit-bench-fuzz' });
  own({ release: () => owner.close() });
  const server = await startServerChild({ appUrl, ownerUrl, origin: ORIGIN });
  ownChild(server);
  const base = `http://127.0.0.1:${server.port}`;

  const { targets, skipped } = fuzzTargets();
  const seeded = await seedWorld(base, ORIGIN, owner);
  log(`${targets.length} procedures × ${int(RUNS)} inputs, ${CONCURRENCY} at a time`);
  const started = elapsedSeconds();
  const results = await runCampaign(targets, seeded, {
    base,
    origin: ORIGIN,
    owner,
    runs: RUNS,
    concurrency: CONCURRENCY,
    ...(SEED === undefined ? {} : { seed: SEED }),
    onDone: (r: ProcedureResult) =>
      log(`${r.path}: ${int(r.sent)} sent${r.failure ? ', FAILED (below)' : ''}`),
  });
  const seconds = elapsedSeconds() - started;
  const stillHealthy = await healthy(base);
  const table = formatResults(results);
  const sent = results.reduce((sum, r) => sum + r.sent, 0);
  const failures = results.filter((r) => r.failure);
  process.stdout.write(`${table}\n`);

  const section = [
    SECTION,
    '',
    `Run ${runDate()} UTC with \`FUZZ_RUNS=${RUNS} pnpm bench:fuzz\`: ${int(sent)} inputs to ${targets.length} procedures in ${seconds.toFixed(0)} s (${int(sent / seconds)}/s). Machine: ${machine}. Server, Postgres and the fuzzing client share these cores.`,
    '',
    `**${failures.length === 0 ? 'No' : failures.length} procedure${failures.length === 1 ? '' : 's'} answered 5xx**; /healthz after the run: ${stillHealthy ? '200' : 'FAILED'}.`,
    '',
    table,
    '',
    'How it was measured:',
    '',
    "- Every query and mutation of appRouter (`_def.procedures`); inputs derived from its zod input (`toJSONSchema`, input side) with fast-check: mostly valid-shaped values (so services and Postgres are reached), the rest with one hostile change (wrong type, NUL, lone surrogate, 1 k–2 MB strings, deep nesting, a missing or extra key such as `__proto__` or `userId`, another user's record id) and some raw bodies (broken JSON, hostile superjson meta, 100,000-deep nesting). The generators are apps/server/test/fuzz/arbitraries.ts, the same `pnpm test` runs.",
    '- Sent over HTTP to bench/server.ts in its own process (superjson wire format, Origin header, the session cookie of a user who has one of every record; another user has the same). Destructive procedures (logout, revokeSession, changePassword, deleteAccount) get a new throwaway account and session for every input.',
    '- `other` counts statuses outside the named columns; `closed` is Node refusing a GET whose URL passes its 16 KiB header limit. 5xx counts 500–599 plus timeouts (30 s) and dropped connections. 429 is the sign-in throttle.',
    ...skipped.map((s) => `- Not fuzzed over HTTP: ${s.path} (${s.reason}).`),
    ...failures.map((r) => `- 5xx: ${r.firstServerError ?? r.failure}`),
    '',
  ].join('\n');
  log(`wrote ${writeSection(SECTION, section)}`);
  if (failures.length > 0 || !stillHealthy) {
    throw new Error(
      `${failures.length} procedure(s) answered 5xx:\n${failures.map((r) => r.failure).join('\n\n')}`,
    );
  }
}

await runBenchmark(main, RUN_LIMIT_MS);

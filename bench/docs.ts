// `pnpm bench:docs`: how long the built-in generator takes, and how long a
// person waits for a document. Two parts, both bounded in count and time:
//
//   1. the pure functions: generateBuiltin for each document type and
//      analyzeMatch, over the committed fixtures (packages/api/test/fixtures/
//      generator/*.json, each job with a strong and a weak profile), in this
//      process, many iterations (docs/pure.ts);
//   2. end to end: a fresh embedded Postgres and the real server
//      (apps/server/src/main.ts with its document worker) in a child process;
//      one person signs up over HTTP, fills in a profile from a fixture, adds
//      the application, and a second session of theirs listens on the
//      WebSocket (sync.changes); document.generate is called over HTTP and the
//      clock stops when that second client receives the documents row with
//      status "ready" and the new version. Without pacing
//      (BUILTIN_WORDS_PER_SECOND=0), repeated; then once with the default
//      pacing (150 words/s): first draft text and ready.
//
// Prints the figures and writes "## Documents (pnpm bench:docs)" into
// bench/RESULTS.md, leaving every other section as it is.
import { freePort } from '@pursuit/db/embedded';
import { startBenchDatabase } from './lib/database';
import { runDate, writeSection } from './lib/results';
import { elapsedSeconds, log, ownChild, runBenchmark } from './lib/run';
import { generateOnce, type GenerationRun } from './docs/generate';
import { Listener } from './docs/listener';
import { preparePerson, signIn } from './docs/person';
import { loadFixtures, measurePure, type DocumentType } from './docs/pure';
import { ms, renderSection, SECTION } from './docs/report';
import { ensureWebBuild, startPursuitMain, waitForWebBuild } from './setup';

/** Part 2: regenerations of the research report without pacing, and of the later phases. */
const E2E_RUNS = 20;
const E2E_LATER_RUNS = 5;
const E2E_TIMEOUT_MS = 30_000;
const PACED_TIMEOUT_MS = 120_000;
const E2E_FIXTURE = 'backend-engineer';
const RUN_LIMIT_MS = 9 * 60_000;

async function main(): Promise<void> {
  const fixtures = loadFixtures();
  log(`part 1: generateBuiltin and analyzeMatch over ${fixtures.length} fixtures × 2 profiles`);
  const pure = measurePure(fixtures);
  for (const t of pure.perType) {
    log(
      `${t.type}: p50 ${ms(t.time.p50)}, p95 ${ms(t.time.p95)}, max ${ms(t.time.max)} (${t.time.n} calls)`,
    );
  }

  const buildNote = await ensureWebBuild(log);
  log('part 2: end to end');
  const db = await startBenchDatabase('pursuit-bench-docs-', 1);
  const fixture = fixtures.find((f) => f.id === E2E_FIXTURE) ?? fixtures[0]!;
  const startServer = async (wordsPerSecond: string) => {
    await waitForWebBuild(180_000, log);
    const port = await freePort();
    const server = await startPursuitMain({
      ownerUrl: db.ownerUrl,
      appUrl: db.appUrl,
      port,
      env: { BUILTIN_WORDS_PER_SECOND: wordsPerSecond, AI_MONTHLY_LIMIT: '', OPENAI_BASE_URL: '' },
    });
    ownChild(server);
    return server;
  };

  // Without pacing.
  let server = await startServer('0');
  log(`server (BUILTIN_WORDS_PER_SECOND=0) ready on ${server.url}, pid ${server.pid}`);
  const person = await preparePerson(server.url, fixture);
  log(
    `signed up; profile from ${fixture.id}/strong: ${person.skills} skills, ${person.experiences} roles, resume ${person.resume}`,
  );
  let listener = await Listener.open(
    server.wsUrl,
    server.url,
    await signIn(server.url, person.email),
  );

  const versions: Record<DocumentType, number> = {
    research_report: 0,
    optimized_resume: 0,
    cover_letter: 0,
    follow_up_email: 0,
  };
  const runs: GenerationRun[] = [];
  const once = async (type: DocumentType, timeoutMs: number) => {
    const run = await generateOnce(
      server.url,
      person.cookie,
      listener,
      person.applicationId,
      type,
      versions[type],
      timeoutMs,
    );
    versions[type] = run.version;
    return run;
  };
  // The first one warms the worker and the code paths; not counted.
  const warmup = await once('research_report', E2E_TIMEOUT_MS);
  log(`warm-up: research_report ready after ${ms(warmup.ready)}`);
  const e2eDeadline = performance.now() + 3 * 60_000;
  for (let i = 0; i < E2E_RUNS && performance.now() < e2eDeadline; i += 1) {
    const run = await once('research_report', E2E_TIMEOUT_MS);
    runs.push(run);
    log(
      `research_report ${i + 1}/${E2E_RUNS}: enqueue ${ms(run.enqueue)}, generating seen ${ms(run.generating)}, ` +
        `ready seen ${ms(run.ready)} (v${run.version}, ${run.frames} frames)`,
    );
  }
  for (const type of ['optimized_resume', 'cover_letter'] as const) {
    for (let i = 0; i < E2E_LATER_RUNS + 1 && performance.now() < e2eDeadline; i += 1) {
      const run = await once(type, E2E_TIMEOUT_MS);
      if (i > 0) runs.push(run); // the first of each type warms its path
      log(`${type} ${i}/${E2E_LATER_RUNS}: ready seen ${ms(run.ready)} (v${run.version})`);
    }
  }
  const errorFramesUnpaced = listener.errorFrames;
  listener.close();
  await server.stop();

  // With the default pacing (BUILTIN_WORDS_PER_SECOND unset = 150 words/s).
  server = await startServer('');
  log(`server (default pacing) ready on ${server.url}, pid ${server.pid}`);
  listener = await Listener.open(server.wsUrl, server.url, await signIn(server.url, person.email));
  // A fresh process again: one paced generation first to warm it, not counted.
  const pacedWarmup = await once('optimized_resume', PACED_TIMEOUT_MS);
  log(
    `paced warm-up (optimized_resume): first draft text ${ms(pacedWarmup.firstDraft)}, ready ${ms(pacedWarmup.ready)}`,
  );
  const paced = await once('research_report', PACED_TIMEOUT_MS);
  log(
    `paced research_report: first draft text ${ms(paced.firstDraft)}, ready ${ms(paced.ready)}, ` +
      `${paced.frames} frames (max ${paced.maxPerSecond} in one second), ${paced.words} words`,
  );
  const pacedLater = await once('cover_letter', PACED_TIMEOUT_MS);
  log(
    `paced cover_letter: first draft text ${ms(pacedLater.firstDraft)}, ready ${ms(pacedLater.ready)}`,
  );
  const errorFrames = errorFramesUnpaced + listener.errorFrames;
  listener.close();

  const [counts] = await db.owner<{ versions: number; matches: number }[]>`
    select (select count(*)::int from document_versions) as versions,
           (select count(*)::int from match_results) as matches`;

  const section = renderSection({
    date: runDate(),
    seconds: Math.round(elapsedSeconds()),
    machine: db.machine,
    pure,
    runs,
    warmup,
    paced,
    pacedLater,
    pacedWarmup,
    counts: counts!,
    errorFrames,
    fixture,
    person,
    buildNote,
  });
  const file = writeSection(SECTION, section);
  process.stdout.write(`${section}\n`);
  log(`wrote ${file}`);
}

await runBenchmark(main, RUN_LIMIT_MS);

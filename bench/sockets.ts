// `pnpm bench:sockets`: how many idle people one server process holds. The
// server runs as `pnpm start` runs it (apps/server/src/main.ts: web app, API,
// live feed and the embedded job worker) on a fresh embedded Postgres, with
// the V8 inspector on 127.0.0.1 so the benchmark can force a GC and read the
// heap. Users and their sessions are inserted in SQL (two sessions per user,
// one socket each, like two tabs). For each step (10,000 then 50,000 sockets)
// a fresh server gets that many authenticated WebSockets, each with
// sync.changes started (tRPC's "started" frame), opened from generator child
// processes (each at most GENERATOR_SOCKETS, from its own loopback source
// address, so no process runs out of open files and no address out of
// ephemeral ports). Then: the server's RSS (VmRSS), its heap after a full GC,
// the cost per socket; then one write per user committed in SQL, and every
// socket must receive its user's write exactly once (any loss, duplicate or
// wrong-user frame fails the run). A step larger than the server's open-file
// limit allows is measured at what fits, and says so.
//
// SOCKETS_PROFILE=<n>: instead, heap snapshots of a fresh server before and
// after n sockets, printed per kind of object per socket (what a socket is
// made of). SOCKETS_STEPS=10000,50000 overrides the steps.
//
// Prints the figures and writes "## Idle sockets (pnpm bench:sockets)" into
// bench/RESULTS.md, leaving every other section as it is.
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { freePort } from '@pursuit/db/embedded';
import { startBenchDatabase } from './lib/database';
import { procMemory, waitForQuiet } from './lib/proc';
import { runDate, writeSection } from './lib/results';
import { elapsedSeconds, log, own, ownChild, runBenchmark } from './lib/run';
import { sleep } from './measure';
import { perSocketDiff, Inspector } from './sockets/inspector';
import type { GeneratorReply, GeneratorRequest, SocketSpec } from './sockets/protocol';
import {
  benchPasswordHash,
  createCompany,
  createUsers,
  ensureWebBuild,
  startPursuitMain,
  waitForWebBuild,
  type BenchUser,
  type PursuitChild,
} from './setup';

const SECTION = '## Idle sockets (pnpm bench:sockets)';
const STEPS = (process.env.SOCKETS_STEPS ?? '10000,50000').split(',').map(Number);
const PROFILE = Number(process.env.SOCKETS_PROFILE ?? 0);
const SESSIONS_PER_USER = 2;
/** Sockets per generator process (its open-file limit) and per source address. */
const GENERATOR_SOCKETS = 8_000;
const OPEN = { batch: 100, timeoutMs: 60_000 };
/** Open files the server keeps for itself (Postgres pools, epoll, logs…) besides sockets. */
const SERVER_SPARE_FILES = 300;
/** One write per user, this many per transaction, one transaction per WRITE_PAUSE_MS. */
const WRITE_BATCH = 250;
const WRITE_PAUSE_MS = 100;
const DELIVERY_TIMEOUT_MS = 180_000;
const SETTLE_MS = 5_000;
const TARGET = { sockets: 50_000, rssBytes: 2 * 1024 ** 3 };
const RUN_LIMIT_MS = 25 * 60_000;
const QUIET = { attempts: 30, busyPercent: 25 };

const generatorScript = fileURLToPath(new URL('./sockets/generator.ts', import.meta.url));

interface Generator {
  child: ChildProcess;
  request(message: GeneratorRequest, expect: GeneratorReply['type']): Promise<GeneratorReply>;
}

async function startGenerator(): Promise<Generator> {
  const child = fork(generatorScript, [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiting: {
    type: string;
    resolve: (reply: GeneratorReply) => void;
    reject: (error: Error) => void;
  }[] = [];
  child.on('message', (reply: GeneratorReply) => {
    const index = waiting.findIndex((w) => w.type === reply.type);
    if (index >= 0) waiting.splice(index, 1)[0]!.resolve(reply);
  });
  child.once('exit', (code) => {
    for (const w of waiting.splice(0)) w.reject(new Error(`generator exited (${code})`));
  });
  const next = (type: string) =>
    new Promise<GeneratorReply>((resolve, reject) => waiting.push({ type, resolve, reject }));
  own({ release: () => child.kill('SIGKILL'), onExit: () => child.kill('SIGKILL') });
  await next('ready');
  return {
    child,
    request(message, expect) {
      const reply = next(expect);
      child.send(message);
      return reply;
    },
  };
}

function serverFileLimit(pid: number): number {
  const line = readFileSync(`/proc/${pid}/limits`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('Max open files'));
  const soft = line?.slice('Max open files'.length).trim().split(/\s+/)[0];
  return soft === 'unlimited' ? Infinity : Number(soft);
}

function serverLimitLine(server: PursuitChild): string {
  return server.log.find((l) => l.includes('open files:'))?.replace(/^\[pursuit\] /, '') ?? '';
}

async function startServer(db: { ownerUrl: string; appUrl: string }) {
  await waitForWebBuild(180_000, log);
  const port = await freePort();
  const inspectPort = await freePort();
  const server = await startPursuitMain({
    ownerUrl: db.ownerUrl,
    appUrl: db.appUrl,
    port,
    env: { NODE_OPTIONS: `--inspect=127.0.0.1:${inspectPort}` },
  });
  ownChild(server);
  const inspector = await Inspector.connect(inspectPort);
  own({ release: () => inspector.close() });
  log(`server pid ${server.pid} on ${server.url}; ${serverLimitLine(server)}`);
  return { server, inspector };
}

/** Opens `specs` spread over generator processes; resolves with how many started. */
async function openSockets(server: PursuitChild, specs: SocketSpec[]) {
  const generators: Generator[] = [];
  const parts: SocketSpec[][] = [];
  for (let i = 0; i < specs.length; i += GENERATOR_SOCKETS) {
    parts.push(specs.slice(i, i + GENERATOR_SOCKETS));
  }
  for (const _ of parts) generators.push(await startGenerator());
  const openStart = performance.now();
  const replies = await Promise.all(
    parts.map((part, index) =>
      generators[index]!.request(
        {
          type: 'open',
          wsUrl: server.wsUrl,
          origin: server.url,
          localAddress: `127.0.0.${2 + index}`,
          specs: part,
          ...OPEN,
        },
        'opened',
      ),
    ),
  );
  const seconds = (performance.now() - openStart) / 1000;
  let started = 0;
  let retried = 0;
  const failures: string[] = [];
  for (const reply of replies) {
    if (reply.type !== 'opened') continue;
    started += reply.started;
    retried += reply.retried;
    failures.push(...reply.failures);
  }
  log(
    `${started} of ${specs.length} subscribed in ${seconds.toFixed(1)} s from ${generators.length} processes` +
      ` (${retried} upgrades refused with 503 and retried)` +
      (failures.length ? `; failures: ${failures.slice(0, 3).join('; ')}` : ''),
  );
  return { generators, started, seconds, failures, retried };
}

async function tally(generators: Generator[]) {
  const sum = { sockets: 0, received: 0, duplicates: 0, wrongUser: 0, closedAfterStart: 0 };
  for (const g of generators) {
    const reply = await g.request({ type: 'tally' }, 'tally');
    if (reply.type !== 'tally') continue;
    sum.sockets += reply.sockets;
    sum.received += reply.received;
    sum.duplicates += reply.duplicates;
    sum.wrongUser += reply.wrongUser;
    sum.closedAfterStart += reply.closedAfterStart;
  }
  return sum;
}

interface StepFigures {
  requested: number;
  /** What was opened: `requested`, or less when the open-file limit is lower. */
  count: number;
  /** Capped by the server's open-file limit, when it was. */
  cappedBy: number | null;
  started: number;
  openSeconds: number;
  /** Upgrades refused with 503 (session check too slow) and retried. */
  retried: number;
  baselineRss: number;
  rss: number;
  rssAfterDelivery: number;
  /** After a full GC once the deliveries are in: RSS, and the heap used. */
  rssAfterDeliveryGc: number;
  heapAfterDelivery: number;
  baselineHeap: number;
  heap: number;
  writes: number;
  delivered: number;
  duplicates: number;
  wrongUser: number;
  closedAfterStart: number;
  deliverySeconds: number;
  load: string;
  limitLine: string;
}

function specsFor(users: BenchUser[], sockets: number): SocketSpec[] {
  const specs: SocketSpec[] = [];
  for (let u = 0; u < users.length && specs.length < sockets; u += 1) {
    for (const cookie of users[u]!.cookies) {
      if (specs.length < sockets) specs.push({ cookie, user: u });
    }
  }
  return specs;
}

async function measureStep(
  db: Awaited<ReturnType<typeof startBenchDatabase>>,
  users: BenchUser[],
  requested: number,
): Promise<StepFigures> {
  const { server, inspector } = await startServer(db);
  const limit = serverFileLimit(server.pid);
  const fits = Math.max(0, limit - SERVER_SPARE_FILES);
  const count = Math.min(requested, fits);
  if (count < requested) {
    log(`the server may open ${limit} files: measuring ${count} sockets, not ${requested}`);
  }
  await sleep(3000);
  const baselineHeap = (await inspector.memoryAfterGc()).heapUsed;
  const baselineRss = procMemory(server.pid);
  const specs = specsFor(users, count);
  const opened = await openSockets(server, specs);
  await sleep(SETTLE_MS);
  const rss = procMemory(server.pid);
  const heap = (await inspector.memoryAfterGc()).heapUsed;
  const perSocket = (rss - baselineRss) / Math.max(1, opened.started);
  log(
    `RSS ${mib(baselineRss)} → ${mib(rss)} with ${opened.started} sockets ` +
      `(${(perSocket / 1024).toFixed(1)} KiB each); heap after GC ${mib(baselineHeap)} → ${mib(heap)}`,
  );
  const load = loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

  // One write per user whose sockets are open: each of their sockets must get it once.
  const userCount = Math.ceil(specs.length / SESSIONS_PER_USER);
  const writeStart = performance.now();
  for (let first = 0; first < userCount; first += WRITE_BATCH) {
    const batch = users.slice(first, Math.min(userCount, first + WRITE_BATCH));
    const ids = batch.map((u) => u.applicationId!);
    const notes = batch.map((_, i) => `b${first + i}`);
    await db.owner`
      update applications set notes = data.notes
      from (select unnest(${ids}::uuid[]) as id, unnest(${notes}::text[]) as notes) as data
      where applications.id = data.id`;
    await sleep(WRITE_PAUSE_MS);
  }
  log(`${userCount} writes committed in ${((performance.now() - writeStart) / 1000).toFixed(1)} s`);
  let sum = await tally(opened.generators);
  const deadline = writeStart + DELIVERY_TIMEOUT_MS;
  while (sum.received < opened.started && performance.now() < deadline) {
    await sleep(1000);
    sum = await tally(opened.generators);
  }
  const deliverySeconds = (performance.now() - writeStart) / 1000;
  await sleep(2000);
  sum = await tally(opened.generators);
  const rssAfterDelivery = procMemory(server.pid);
  // What stays once the garbage of the deliveries is collected.
  const heapAfterDelivery = (await inspector.memoryAfterGc()).heapUsed;
  await sleep(1000);
  const rssAfterDeliveryGc = procMemory(server.pid);
  log(
    `${sum.received} of ${opened.started} sockets received their user's write in ` +
      `${deliverySeconds.toFixed(1)} s; duplicates ${sum.duplicates}, wrong user ${sum.wrongUser}, ` +
      `closed by the server ${sum.closedAfterStart}; RSS now ${mib(rssAfterDelivery)}, ` +
      `after a GC ${mib(rssAfterDeliveryGc)} (heap ${mib(heapAfterDelivery)})`,
  );
  const limitLine = serverLimitLine(server);
  for (const g of opened.generators) g.child.send({ type: 'close' } satisfies GeneratorRequest);
  inspector.close();
  await server.stop();
  return {
    requested,
    count,
    cappedBy: count < requested ? limit : null,
    started: opened.started,
    openSeconds: opened.seconds,
    retried: opened.retried,
    baselineRss,
    rss,
    rssAfterDelivery,
    rssAfterDeliveryGc,
    heapAfterDelivery,
    baselineHeap,
    heap,
    writes: userCount,
    delivered: sum.received,
    duplicates: sum.duplicates,
    wrongUser: sum.wrongUser,
    closedAfterStart: sum.closedAfterStart,
    deliverySeconds,
    load,
    limitLine,
  };
}

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const int = (n: number) => n.toLocaleString('en-US');

async function profile(db: Awaited<ReturnType<typeof startBenchDatabase>>, users: BenchUser[]) {
  const { server, inspector } = await startServer(db);
  await sleep(3000);
  const before = await inspector.heapSummary();
  const rssBefore = procMemory(server.pid);
  const opened = await openSockets(server, specsFor(users, PROFILE));
  await sleep(SETTLE_MS);
  const after = await inspector.heapSummary();
  const rssAfter = procMemory(server.pid);
  const rows = perSocketDiff(before, after, opened.started);
  const heapPerSocket = rows.reduce((a, r) => a + r.bytesPerSocket, 0);
  process.stdout.write(
    `\n${int(opened.started)} sockets: RSS ${kib((rssAfter - rssBefore) / opened.started)} per socket, ` +
      `of which V8 heap ${kib(heapPerSocket)}\n| kind | per socket | bytes per socket |\n|---|---:|---:|\n` +
      rows
        .filter((r) => Math.abs(r.bytesPerSocket) >= 16)
        .slice(0, 40)
        .map((r) => `| ${r.kind} | ${r.perSocket.toFixed(2)} | ${r.bytesPerSocket.toFixed(0)} |`)
        .join('\n') +
      '\n',
  );
  for (const g of opened.generators) g.child.send({ type: 'close' } satisfies GeneratorRequest);
  inspector.close();
  await server.stop();
}

function render(machine: string, quiet: number, build: string, steps: StepFigures[]): string {
  const lines = [
    SECTION,
    '',
    `${runDate()} UTC, ${machine}; machine ${quiet.toFixed(0)}% busy before the run. ` +
      `The server as \`pnpm start\` runs it (main.ts, embedded worker, ${build}), with --inspect on ` +
      `127.0.0.1 for the GC and heap figures. Sockets: ${SESSIONS_PER_USER} sessions per user, one ` +
      `socket each, sync.changes started, opened ${OPEN.batch} at a time per generator process ` +
      `(at most ${int(GENERATOR_SOCKETS)} each, each from its own 127.0.0.x address).`,
    '',
    '| sockets (asked) | opened in | RSS before | RSS with sockets | per socket | heap after GC before → with | per socket (heap) | load (1/5/15 min) |',
    '|---:|---:|---:|---:|---:|---:|---:|---|',
  ];
  for (const s of steps) {
    lines.push(
      `| ${int(s.started)} (${int(s.requested)}) | ${s.openSeconds.toFixed(0)} s (${s.retried} 503s retried) | ${mib(s.baselineRss)} | ${mib(s.rss)} | ` +
        `${kib((s.rss - s.baselineRss) / Math.max(1, s.started))} | ${mib(s.baselineHeap)} → ${mib(s.heap)} | ` +
        `${kib((s.heap - s.baselineHeap) / Math.max(1, s.started))} | ${s.load} |`,
    );
  }
  lines.push(
    '',
    '| sockets | writes (one per user) | sockets that got theirs | all in | duplicates | wrong user | closed by server | RSS after | after a GC: RSS, heap |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  );
  for (const s of steps) {
    lines.push(
      `| ${int(s.started)} | ${int(s.writes)} | ${int(s.delivered)} | ${s.deliverySeconds.toFixed(1)} s | ` +
        `${s.duplicates} | ${s.wrongUser} | ${s.closedAfterStart} | ${mib(s.rssAfterDelivery)} | ` +
        `${mib(s.rssAfterDeliveryGc)}, ${mib(s.heapAfterDelivery)} |`,
    );
  }
  lines.push('');
  const largest = steps.reduce((a, b) => (b.started > a.started ? b : a), steps[0]!);
  const perSocket = (largest.rss - largest.baselineRss) / Math.max(1, largest.started);
  const projected = largest.baselineRss + TARGET.sockets * perSocket;
  const capped = steps.find((s) => s.cappedBy !== null);
  if (largest.started >= TARGET.sockets) {
    lines.push(
      `Target ${int(TARGET.sockets)} sockets in < 2 GiB: ${largest.rss < TARGET.rssBytes ? 'met' : 'NOT met'} ` +
        `(${mib(largest.rss)}).`,
    );
  } else {
    lines.push(
      `Target ${int(TARGET.sockets)} sockets in < 2 GiB: not measurable on this machine` +
        (capped
          ? `: the server may open only ${int(capped.cappedBy!)} files (${capped.limitLine})`
          : '') +
        `. Projected from ${int(largest.started)} sockets (before + ${int(TARGET.sockets)} × per socket): ` +
        `${mib(projected)}, ${projected < TARGET.rssBytes ? 'under' : 'OVER'} 2 GiB.`,
    );
  }
  return `${lines.join('\n')}\n`;
}

async function main(): Promise<void> {
  const quiet = await waitForQuiet(QUIET);
  log(`machine ${quiet.toFixed(0)}% busy before the run; load ${loadavg().join(' ')}`);
  const build = await ensureWebBuild(log);
  const db = await startBenchDatabase('pursuit-bench-sockets-', 4);
  const most = PROFILE > 0 ? PROFILE : Math.max(...STEPS);
  log(
    `creating ${int(Math.ceil(most / SESSIONS_PER_USER))} users with ${SESSIONS_PER_USER} sessions each`,
  );
  const users = await createUsers(db.owner, {
    tag: 'sockets',
    count: Math.ceil(most / SESSIONS_PER_USER),
    sessionsPerUser: SESSIONS_PER_USER,
    withApplication: true,
    passwordHash: await benchPasswordHash(),
    companyId: await createCompany(db.owner),
  });
  await db.owner`analyze`;
  if (PROFILE > 0) {
    await profile(db, users);
    return;
  }
  const steps: StepFigures[] = [];
  for (const requested of STEPS) steps.push(await measureStep(db, users, requested));
  const section = render(db.machine, quiet, build, steps);
  process.stdout.write(`\n${section}`);
  log(`written to ${writeSection(SECTION, section)}`);
  const failures = steps.filter(
    (s) =>
      s.started < s.count ||
      s.delivered < s.started ||
      s.duplicates > 0 ||
      s.wrongUser > 0 ||
      s.closedAfterStart > 0,
  );
  if (failures.length > 0) {
    throw new Error(
      `${failures.length} step(s) lost sockets or deliveries: ` +
        failures
          .map((s) => `${s.started}/${s.requested} subscribed, ${s.delivered} delivered`)
          .join('; '),
    );
  }
  log(`done in ${elapsedSeconds().toFixed(0)} s`);
}

await runBenchmark(main, RUN_LIMIT_MS);

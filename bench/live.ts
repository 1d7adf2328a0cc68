// `pnpm bench:live`: how fast a committed change reaches every open session,
// and what 10,000 idle sockets cost. One bounded run (a few minutes) against a
// fresh embedded Postgres and the real server in a child process, all on
// 127.0.0.1; it prints the figures beside the targets of issue 3 and writes
// them into bench/RESULTS.md ("## Live sync (pnpm bench:live)").
//
//   1. floor: raw postgres.js LISTEN, commit → notification (live/floor.ts)
//   2. Pursuit at 1,000 sockets (500 users × 2 tabs), 200 writes/s, commit → WS frame
//   3. write-rate steps on the same sockets until p95 ≥ 50 ms (live/phases.ts)
//   4. shared searches (issue 12): one owner's change to the owner + 20 grantees,
//      and deliveries/s to 100 coaches each watching 20 people (live/sharing.ts)
//   5. server RSS with 10,000 idle authenticated subscribed sockets (live/memory.ts)
//
// BENCH_LIVE_ONLY=sharing runs step 4 alone and prints it (RESULTS.md untouched).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import postgres from 'postgres';
import { ownClient, startBenchDatabase } from './lib/database';
import { openFileLimits, waitForQuiet } from './lib/proc';
import { runDate, writeSection } from './lib/results';
import { elapsedSeconds, log, own, ownChild, runBenchmark } from './lib/run';
import { sleep } from './measure';
import { Fleet, type SocketSpec } from './live/fleet';
import { measureFloor, measureWriteFloor } from './live/floor';
import { measureIdleSockets } from './live/memory';
import { measurePhase, measureSteady, stepRates, type PhaseContext } from './live/phases';
import { renderFanout, renderSection, renderSharing, SECTION } from './live/report';
import { measureFanout } from './live/fanout';
import { measureSharing } from './live/sharing';
import { Tracker } from './live/tracker';
import { Writers, type WriteTarget } from './live/writers';
import { benchPasswordHash, createCompany, createUsers, startServerChild } from './setup';

const ORIGIN = 'http://pursuit.bench';
/** The floor: pg_notify commits to a LISTEN client. */
const FLOOR = { samples: 2000, rate: 200 };
/** 1,000 sockets: 500 users with 2 tabs each (both tabs on the one session of the user). */
const TAB_USERS = 500;
const TABS = 2;
const WARMUP_MS = 3_000;
/** The headline window, measured again when other processes took `outsideLoadPercent` of the machine. */
const STEADY = { rate: 200, durationMs: 20_000, attempts: 2, outsideLoadPercent: 15 };
/** Rising write rates on the same sockets; a step that breaks is tried once more. */
const STEPS = {
  rates: [200, 400, 800, 1200, 1600, 2400],
  durationMs: 8_000,
  p95LimitMs: 50,
  attempts: 2,
};
const DRAIN_MS = 5_000;
const WRITER_CONNECTIONS = 32;
/** 10,000 idle sockets: one per session. */
const IDLE = { users: 2000, sessionsPerUser: 5 };
const OPEN = { batch: 500, timeoutMs: 60_000 };
/** The whole run is cut off after this, whatever happens. */
const RUN_LIMIT_MS = 10 * 60_000;
/** Wait up to a minute for a 2 s window with the machine under a quarter busy. */
const QUIET = { attempts: 30, busyPercent: 25 };
const NEEDED_FILES = IDLE.users * IDLE.sessionsPerUser + 500;

async function main(): Promise<void> {
  const idleMachine = await waitForQuiet(QUIET);
  log(`machine ${idleMachine.toFixed(0)}% busy before the run`);
  const limits = openFileLimits();
  log(
    `open files: soft ${limits.soft}, hard ${limits.hard} (need about ${NEEDED_FILES} here and in the server)`,
  );

  const db = await startBenchDatabase('pursuit-bench-live-', 4);
  const { owner, machine } = db;
  const postmasterPid = Number(
    readFileSync(join(db.dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0],
  );

  log('creating users, sessions and applications');
  const passwordHash = await benchPasswordHash();
  const companyId = await createCompany(owner);
  const sharingOptions = {
    owner,
    appUrl: db.appUrl,
    ownerUrl: db.ownerUrl,
    origin: ORIGIN,
    passwordHash,
    companyId,
    postmasterPid,
  };
  if (process.env.BENCH_LIVE_ONLY === 'fanout') {
    const fanout = await measureFanout(sharingOptions);
    process.stdout.write(`\n${renderFanout(fanout).join('\n')}\n`);
    return;
  }
  if (process.env.BENCH_LIVE_ONLY === 'sharing') {
    const sharing = await measureSharing(sharingOptions);
    process.stdout.write(`\n${renderSharing(sharing)}\n`);
    return;
  }
  const users = { passwordHash, companyId };
  const tabUsers = await createUsers(owner, {
    ...users,
    tag: 'tabs',
    count: TAB_USERS,
    sessionsPerUser: 1,
    withApplication: true,
  });
  const idleUsers = await createUsers(owner, {
    ...users,
    tag: 'idle',
    count: IDLE.users,
    sessionsPerUser: IDLE.sessionsPerUser,
    withApplication: false,
  });
  await owner`analyze`;

  log(`floor: ${FLOOR.samples} pg_notify commits at ${FLOOR.rate}/s to a LISTEN client`);
  const floor = await measureFloor(db.ownerUrl, FLOOR.samples, FLOOR.rate);
  log(
    `floor p50/p95/p99: ${floor.p50.toFixed(2)} / ${floor.p95.toFixed(2)} / ${floor.p99.toFixed(2)} ms`,
  );
  const first = tabUsers[0]!;
  const writeFloor = await measureWriteFloor(
    db.ownerUrl,
    db.appUrl,
    { userId: first.userId, applicationId: first.applicationId! },
    FLOOR.samples,
    FLOOR.rate,
  );
  log(
    `write floor (the benchmark's write + pg_notify) p50/p95/p99: ${writeFloor.p50.toFixed(2)} / ${writeFloor.p95.toFixed(2)} / ${writeFloor.p99.toFixed(2)} ms`,
  );

  // ------------------------------------------------ 1,000 sockets, 200 writes/s
  const server = await startServerChild({
    appUrl: db.appUrl,
    ownerUrl: db.ownerUrl,
    origin: ORIGIN,
  });
  ownChild(server);
  log(`server pid ${server.pid} on port ${server.port}`);
  const tracker = new Tracker(200_000, TABS);
  const fleet = new Fleet(server.wsUrl, ORIGIN, (seq, user, at, eventId, socket) =>
    tracker.delivered(seq, user, at, eventId, socket),
  );
  own({ release: () => fleet.terminate() });
  const specs: SocketSpec[] = [];
  tabUsers.forEach((user, index) => {
    for (let tab = 0; tab < TABS; tab += 1) specs.push({ cookie: user.cookies[0]!, user: index });
  });
  log(`opening ${specs.length} sockets (${TAB_USERS} users × ${TABS} tabs)`);
  await fleet.open(specs, OPEN.batch, OPEN.timeoutMs);
  const opened = await server.stats(false);
  if (fleet.started !== specs.length || opened.subscriptions !== specs.length) {
    throw new Error(
      `only ${fleet.started} of ${specs.length} sockets subscribed (server sees ${opened.subscriptions}); ` +
        `first failures: ${fleet.failures.slice(0, 3).join('; ')}`,
    );
  }
  log(`${fleet.started} sockets subscribed; server sees ${opened.subscriptions} subscriptions`);

  const writerSql = ownClient(postgres(db.appUrl, { max: WRITER_CONNECTIONS, onnotice: () => {} }));
  const targets: WriteTarget[] = tabUsers.map((user, index) => ({
    user: index,
    userId: user.userId,
    applicationId: user.applicationId!,
  }));
  const writers = new Writers(writerSql, WRITER_CONNECTIONS, tracker, targets);
  own({
    release: async () => {
      writers.stop();
      await sleep(200); // let in-flight writes finish before their connections go
      writers.release();
    },
  });
  await writers.init();
  const ctx: PhaseContext = { server, tracker, writers, postmasterPid, drainMs: DRAIN_MS };

  log(`warm-up: ${WARMUP_MS / 1000} s at ${STEADY.rate} writes/s`);
  const warm = await measurePhase(ctx, STEADY.rate, WARMUP_MS);
  if (warm.run.errors.length > 0) throw new Error(`writes failed: ${warm.run.errors.join('; ')}`);
  log(`warm-up p95 ${warm.latency.p95.toFixed(2)} ms, lost ${warm.latency.lost}`);
  const { steady, windows } = await measureSteady(ctx, STEADY);
  const { steps, heldRate, brokeAt } = await stepRates(ctx, STEPS);
  writers.release();
  fleet.terminate();
  await server.stop();

  // ------------------------------------------------ shared searches (issue 12)
  const sharing = await measureSharing(sharingOptions);

  // ------------------------------------------------ many sockets per owner; a resume (issue 15)
  const fanout = await measureFanout(sharingOptions);

  // ------------------------------------------------ 10,000 idle sockets: RSS
  const idle = await measureIdleSockets({
    appUrl: db.appUrl,
    ownerUrl: db.ownerUrl,
    origin: ORIGIN,
    users: idleUsers,
    batch: OPEN.batch,
    timeoutMs: OPEN.timeoutMs,
  });

  // Every phase's deliveries count: a wrong user, a duplicate or a lost one
  // anywhere fails the run (after the figures are written, to explain it).
  const routing = {
    misrouted: tracker.misrouted + sharing.routing.misrouted + fanout.routing.misrouted,
    duplicates: tracker.duplicates + sharing.routing.duplicates + fanout.routing.duplicates,
    duplicateSamples: [
      ...tracker.duplicateSamples,
      ...sharing.routing.duplicateSamples,
      ...fanout.routing.duplicateSamples,
    ],
    stray: tracker.stray + sharing.routing.stray + fanout.routing.stray,
    errorFrames: fleet.errorFrames + idle.errorFrames,
    lost:
      warm.latency.lost +
      steady.latency.lost +
      steps.reduce((sum, step) => sum + step.latency.lost, 0) +
      sharing.fanout.latency.lost +
      sharing.coaches.latency.lost +
      fanout.routing.lost +
      fanout.resume.incomplete,
    superseded: tracker.superseded + sharing.routing.superseded + fanout.routing.superseded,
  };
  const section = renderSection({
    date: `${runDate()} UTC`,
    machine,
    command:
      process.env.npm_lifecycle_event === 'bench:live'
        ? 'pnpm bench:live'
        : 'node --import tsx live.ts (in bench/)',
    durationSeconds: elapsedSeconds(),
    writeMethod:
      `direct transactions as the request role pursuit_app (not the HTTP API), one simple-protocol message each: ` +
      `\`begin; select set_config('app.user_id', <user>, true); update applications set notes = 'b<seq>' where id = <app> returning id; commit\`, ` +
      `from ${WRITER_CONNECTIONS} connections, round-robin over the ${TAB_USERS} users`,
    floor: { latency: floor, rate: FLOOR.rate },
    writeFloor,
    steady: {
      sockets: specs.length,
      users: TAB_USERS,
      run: steady.run,
      latency: steady.latency,
      ack: steady.ack,
      afterCommit: steady.afterCommit,
      deliveredPerSecond: steady.deliveredPerSecond,
      expectedPerSecond: steady.expectedPerSecond,
      cpu: steady.cpu,
      generatorLagP99: steady.generatorLagP99,
      avgBatch: steady.avgBatch,
      rereadsPerSecond: steady.rereadsPerSecond,
      windows: windows.map((w) => ({ p95: w.latency.p95, others: w.cpu.others })),
    },
    idleMachine,
    steps,
    stepMs: STEPS.durationMs,
    heldRate,
    brokeAt,
    memory: idle.memory,
    sharing,
    fanout,
    routing,
  });
  process.stdout.write(`\n${section}\n`);
  log(`written to ${writeSection(SECTION, section)}`);
  for (const sample of routing.duplicateSamples) log(`duplicate: ${sample}`);
  const errors =
    routing.misrouted + routing.duplicates + routing.lost + routing.stray + routing.errorFrames;
  if (errors > 0) {
    throw new Error(
      `routing checks failed: ${routing.misrouted} misrouted, ${routing.duplicates} duplicates, ` +
        `${routing.lost} lost, ${routing.stray} unknown, ${routing.errorFrames} error frames`,
    );
  }
}

/** This process holds one end of every socket: re-runs it with a higher open-files limit. */
function raiseLimitAndRerun(): void {
  const child = spawn(
    'bash',
    [
      '-c',
      'ulimit -n 65536 2>/dev/null || ulimit -Sn "$(ulimit -Hn)" 2>/dev/null; exec "$0" "$@"',
      process.execPath,
      ...process.execArgv,
      ...process.argv.slice(1),
    ],
    { stdio: 'inherit', env: { ...process.env, BENCH_LIMIT_RAISED: '1' } },
  );
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 130 : 1)));
}

if (openFileLimits().soft < NEEDED_FILES && !process.env.BENCH_LIMIT_RAISED) {
  raiseLimitAndRerun();
} else {
  await runBenchmark(main, RUN_LIMIT_MS);
}

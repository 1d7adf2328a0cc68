// The live benchmark's section of bench/RESULTS.md: the measured figures side by side
// with the targets of issue 3 and the published reference, and how they were measured.
import type { CpuShare } from '../lib/proc';
import { int, met as mark, mib } from '../lib/format';
import type { Summary } from '../measure';
import type { FanoutFigures } from './fanout';
import type { SharingFigures } from './sharing';
import type { RunResult } from './writers';

export const SECTION = '## Live sync (pnpm bench:live)';

export interface StepFigure {
  run: RunResult;
  latency: Summary;
  afterCommit: Summary;
  ack: Summary;
  cpu: CpuShare;
  avgBatch: number;
  /** 1, or 2 when the step is re-run after breaking once. */
  attempt: number;
}

export interface LiveFigures {
  date: string;
  machine: string;
  command: string;
  durationSeconds: number;
  writeMethod: string;
  floor: { latency: Summary; rate: number };
  /** The benchmark's write transaction with a pg_notify added, commit → notification. */
  writeFloor: Summary;
  steady: {
    sockets: number;
    users: number;
    run: RunResult;
    latency: Summary;
    ack: Summary;
    afterCommit: Summary;
    deliveredPerSecond: number;
    expectedPerSecond: number;
    cpu: CpuShare;
    generatorLagP99: number;
    avgBatch: number;
    rereadsPerSecond: number;
    /** Every steady window measured (a second one only under outside load). */
    windows: { p95: number; others: number }[];
  };
  steps: StepFigure[];
  stepMs: number;
  heldRate: number | null;
  brokeAt: StepFigure | null;
  memory: {
    sockets: number;
    requested: number;
    baseline: number;
    withSockets: number;
    heapAfterGcBaseline: number;
    heapAfterGcWith: number;
  };
  /** Shared searches (issue 12). */
  sharing?: SharingFigures;
  /** Many sockets per owner, and a resume after 100 missed changes (issue 15). */
  fanout?: FanoutFigures;
  routing: {
    misrouted: number;
    duplicates: number;
    duplicateSamples: string[];
    stray: number;
    errorFrames: number;
    /** Expected deliveries that never came, over every phase. */
    lost: number;
    /** Writes overwritten before the feed sent them, counted as delivered by the later frame. */
    superseded: number;
  };
  /** Percent of the machine busy in the 2 s just before the run. */
  idleMachine: number;
}

/** Milliseconds without the unit: two decimals below 10, else one; "lost" for +Infinity. */
const ms = (x: number) => (!Number.isFinite(x) ? 'lost' : x < 10 ? x.toFixed(2) : x.toFixed(1));
const pct = (s: Summary) => `${ms(s.p50)} / ${ms(s.p95)} / ${ms(s.p99)} ms`;

export function renderSection(f: LiveFigures): string {
  const ratio = f.steady.latency.p95 / f.floor.latency.p95;
  const perSocket = (f.memory.withSockets - f.memory.baseline) / Math.max(1, f.memory.sockets);
  const steadyOk = f.steady.latency.p95 <= 25 && ratio <= 3;
  const rssOk = f.memory.withSockets < 1024 ** 3 && f.memory.sockets === f.memory.requested;
  const lines: string[] = [];
  lines.push(SECTION, '');
  lines.push(
    `Run ${f.date} in ${Math.round(f.durationSeconds)} s with \`${f.command}\`. ` +
      `Machine: ${f.machine}. The load generator, the server and Postgres share these cores.`,
    '',
  );
  lines.push('| figure | measured | target | reference |');
  lines.push('|---|---|---|---|');
  lines.push(
    `| Floor: raw postgres.js LISTEN, commit → notification, p50 / p95 / p99 ` +
      `(${int(f.floor.latency.n)} samples at ${f.floor.rate}/s) | ${pct(f.floor.latency)} | | |`,
  );
  lines.push(
    `| Pursuit: commit → WS client receive, ${int(f.steady.sockets)} sockets (${int(f.steady.users)} users × 2 tabs), ` +
      `${f.steady.run.targetRate} writes/s, p50 / p95 / p99 (${int(f.steady.latency.n)} deliveries) | ` +
      `${pct(f.steady.latency)} | p95 ≤ 25 ms: ${mark(f.steady.latency.p95 <= 25)} | ` +
      `Supabase Realtime: p95 228 ms (500 clients, 30 changes/s, RLS, 2-core instance) |`,
  );
  const ratio99 = f.steady.latency.p99 / f.floor.latency.p99;
  lines.push(`| Pursuit p95 ÷ floor p95 | ${ratio.toFixed(1)}× | ≤ 3×: ${mark(ratio <= 3)} | |`);
  lines.push(
    `| Pursuit p99 ÷ floor p99 | ${ratio99.toFixed(1)}× | ≤ 10×: ${mark(ratio99 <= 10)} | |`,
  );
  lines.push(
    `| Floor for a write: the benchmark's write transaction with a pg_notify added (WAL flushed at commit), ` +
      `commit → notification, p50 / p95 / p99 (${int(f.writeFloor.n)} samples at ${f.floor.rate}/s) | ${pct(f.writeFloor)} | | |`,
  );
  lines.push(
    `| Pursuit p95 ÷ write floor p95; p99 ÷ write floor p99 | ` +
      `${(f.steady.latency.p95 / f.writeFloor.p95).toFixed(1)}×; ${(f.steady.latency.p99 / f.writeFloor.p99).toFixed(1)}× | | |`,
  );
  lines.push(
    `| Delivered messages/s at ${f.steady.run.targetRate} writes/s | ${int(f.steady.deliveredPerSecond)} ` +
      `(expected ${int(f.steady.expectedPerSecond)}; lost ${f.steady.latency.lost}) | | |`,
  );
  lines.push(
    `| Largest write rate held with p95 < 50 ms (${int(f.steady.sockets)} sockets, ${f.stepMs / 1000} s steps) | ` +
      `${f.heldRate === null ? 'none of the steps' : `${int(f.heldRate)} writes/s`}` +
      `${f.brokeAt ? ` (broke at ${int(f.brokeAt.run.targetRate)}: p95 ${ms(f.brokeAt.latency.p95)} ms)` : ' (no step broke)'} | ` +
      `≥ 2,000 writes/s: ${mark((f.heldRate ?? 0) >= 2000)} | |`,
  );
  if (f.sharing) lines.push(...sharingRows(f.sharing));
  if (f.fanout) lines.push(...renderFanout(f.fanout));
  lines.push(`| Server RSS, idle, before sockets | ${mib(f.memory.baseline)} | | |`);
  lines.push(
    `| Server RSS with ${int(f.memory.sockets)} idle authenticated subscribed sockets | ${mib(f.memory.withSockets)} | ` +
      `< 1 GiB at 10,000: ${mark(rssOk)} | |`,
  );
  lines.push(`| Per socket | ${(perSocket / 1024).toFixed(1)} KiB | | |`);
  lines.push('');
  lines.push(
    `Overall: 1,000-socket target ${mark(steadyOk)}; 10,000-socket memory target ${mark(rssOk)}. ` +
      `During the ${f.steady.run.targetRate} writes/s window other processes on the host used ` +
      `${f.steady.cpu.others.toFixed(0)}% of the machine` +
      (f.steady.cpu.others >= 15
        ? ': the latencies are then upper bounds for this machine.'
        : '.') +
      (f.steady.windows.length > 1
        ? ` The window was measured ${f.steady.windows.length} times because of outside load ` +
          `(p95 ${f.steady.windows.map((w) => `${ms(w.p95)} ms with ${w.others.toFixed(0)}% outside`).join(', ')}); ` +
          'the quieter one is reported.'
        : ''),
    '',
  );
  lines.push(
    'Write-rate steps (same sockets; lost deliveries count as infinitely late; a step whose p95 reaches ' +
      '50 ms is run once more before the stepping stops):',
    '',
  );
  lines.push(
    '| target writes/s | achieved | commit → receive p50 / p95 / p99 | lost | commit round trip p50 / p95 | ack → receive p50 / p95 | rows per feed batch | server CPU | Postgres CPU | generator CPU | other processes |',
  );
  lines.push('|---|---|---|---|---|---|---|---|---|---|---|');
  for (const s of f.steps) {
    lines.push(
      `| ${int(s.run.targetRate)}${s.attempt > 1 ? ` (again)` : ''} | ${int(s.run.achievedRate)} | ${pct(s.latency)} | ${s.latency.lost} | ` +
        `${ms(s.ack.p50)} / ${ms(s.ack.p95)} ms | ${ms(s.afterCommit.p50)} / ${ms(s.afterCommit.p95)} ms | ` +
        `${s.avgBatch.toFixed(1)} | ${s.cpu.server.toFixed(0)}% | ${s.cpu.postgres.toFixed(0)}% | ${s.cpu.generator.toFixed(0)}% | ${s.cpu.others.toFixed(0)}% of machine |`,
    );
  }
  lines.push('');
  lines.push('How it was measured:', '');
  lines.push(
    `- Fresh embedded Postgres in a temp dir (roles, database, migrations); the server is bench/server.ts ` +
      `in its own process, the server as \`pnpm start\` runs it: apps/server's createPursuit with env.ts's configuration ` +
      `(app pool 20, owner pool 4, the embedded job worker and its crontab, document services, the built web app), ` +
      `started once the embedding catch-up of the applications the benchmark inserted by SQL is done; ` +
      `sockets and writes come from this process over 127.0.0.1. Each phase (1,000 sockets, sharing, many sockets per owner, memory) has its own server process.`,
  );
  lines.push(`- Writes: ${f.writeMethod}.`);
  lines.push(
    `- t0 just before the committing message is sent; t1 when the WS frame carrying that write's sequence number ` +
      `arrives, on each of the user's 2 sockets (one latency sample per socket). Floor: t0 before ` +
      `\`select pg_notify('bench_floor', seq)\` (autocommit) is sent, t1 when the notification arrives. ` +
      `Write floor: the same, for one message of the benchmark's write with \`select pg_notify('bench_floor_write', seq)\` ` +
      `before its commit (one user's application, as pursuit_app), measured before the server starts.`,
  );
  lines.push(
    `- At ${f.steady.run.targetRate} writes/s: commit round trip p50 / p95 ${ms(f.steady.ack.p50)} / ${ms(f.steady.ack.p95)} ms; ` +
      `from COMMIT acknowledged to receive p50 / p95 / p99 ${pct(f.steady.afterCommit)}; ` +
      `server CPU ${f.steady.cpu.server.toFixed(0)}%, Postgres ${f.steady.cpu.postgres.toFixed(0)}%, ` +
      `generator ${f.steady.cpu.generator.toFixed(0)}% of one core (machine ${f.steady.cpu.machine.toFixed(0)}% busy, ` +
      `${f.steady.cpu.others.toFixed(0)}% of it by other processes; ${f.idleMachine.toFixed(0)}% busy in the 2 s before the run); ` +
      `${f.steady.avgBatch.toFixed(1)} rows per feed batch, ${int(f.steady.rereadsPerSecond)} per-user re-reads/s; ` +
      `generator event-loop delay p99 ${ms(f.steady.generatorLagP99)} ms.`,
  );
  lines.push(
    `- Memory: a second, fresh server process; RSS is VmRSS from /proc/<pid>/status, read 5 s after the last socket ` +
      `subscribed (${int(f.memory.requested)} sockets requested: 2,000 users × 5 sessions, one socket each, opened 500 at a time). ` +
      `V8 heap used after a forced GC: ${mib(f.memory.heapAfterGcBaseline)} before, ${mib(f.memory.heapAfterGcWith)} with sockets.`,
  );
  lines.push(
    `- Routing checks over the whole run (the benchmark exits non-zero unless all are 0): ` +
      `${f.routing.misrouted} frames to the wrong user, ${f.routing.duplicates} duplicates, ` +
      `${f.routing.lost} lost, ${f.routing.stray} unknown, ${f.routing.errorFrames} error frames. ` +
      `${int(f.routing.superseded)} writes were overwritten before the feed read them and arrived as the later write's frame ` +
      `(the feed sends a row's current content once; issue 15).`,
  );
  for (const sample of f.routing.duplicateSamples) lines.push(`  - duplicate: ${sample}`);
  lines.push('');
  return lines.join('\n');
}

/** The table rows of the shared-search figures (issue 12). */
export function renderFanout(f: FanoutFigures): string[] {
  const steps = f.steps
    .map(
      (s) =>
        `${int(s.rate)} writes/s → ${int(s.deliveredPerSecond)}/s (p95 ${ms(s.latency.p95)} ms, lost ${s.latency.lost})`,
    )
    .join('; ');
  return [
    `| Deliveries/s with many sockets per owner: ${int(f.sockets)} sockets, ${f.socketsPerOwner} per owner ` +
      `(4 devices × 16 tabs), most held with p95 < 50 ms and none lost (steps: ${steps}) | ` +
      `${int(f.held)}/s | ≥ 50,000/s: ${mark(f.held >= 50_000)} | |`,
    `| Reconnect after missing ${f.resume.missed} changes (to ${f.resume.missed} rows): socket opened with the last event id → ` +
      `all ${f.resume.missed} received, p50 / p95 / max (${f.resume.runs} runs; ${f.resume.incomplete} incomplete) | ` +
      `${ms(f.resume.latency.p50)} / ${ms(f.resume.latency.p95)} / ${ms(f.resume.latency.max)} ms | ` +
      `< 200 ms: ${mark(f.resume.latency.p95 < 200)} | |`,
  ];
}

function sharingRows(s: SharingFigures): string[] {
  return [
    `| Shared search: one owner's change → the owner + ${s.fanout.sockets - 1} grantees (one socket each), ` +
      `commit → receive p50 / p95 / p99 at ${s.fanout.rate} writes/s (${int(s.fanout.latency.n)} deliveries; ` +
      `lost ${s.fanout.latency.lost}) | ${pct(s.fanout.latency)} | | |`,
    `| Shared searches: deliveries/s to ${int(s.coaches.coaches)} coaches each watching ${s.coaches.perCoach} people, ` +
      `at ${int(s.coaches.rate)} writes/s (achieved ${int(s.coaches.achievedRate)}) | ${int(s.coaches.deliveredPerSecond)} ` +
      `(expected ${int(s.coaches.expectedPerSecond)}; lost ${s.coaches.latency.lost}; p95 ${ms(s.coaches.latency.p95)} ms) | | |`,
  ];
}

/** The shared-search figures alone (BENCH_LIVE_ONLY=sharing). */
export function renderSharing(s: SharingFigures): string {
  return [
    '| figure | measured | target | reference |',
    '|---|---|---|---|',
    ...sharingRows(s),
  ].join('\n');
}

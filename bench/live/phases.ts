// The measured windows of the live benchmark on open sockets: one window at a write
// rate, the headline steady window (again under outside load), and the rising steps.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { cpuShare, cpuSnapshot, type CpuShare } from '../lib/proc';
import { log } from '../lib/run';
import { sleep, type Summary } from '../measure';
import type { ServerChild } from '../setup';
import type { StepFigure } from './report';
import type { Tracker } from './tracker';
import type { RunResult, Writers } from './writers';

export interface PhaseContext {
  server: ServerChild;
  tracker: Tracker;
  writers: Writers;
  postmasterPid: number;
  /** How long to wait for late deliveries after the writes stop. */
  drainMs: number;
}

export interface PhaseMeasure {
  run: RunResult;
  cpu: CpuShare;
  latency: Summary;
  afterCommit: Summary;
  ack: Summary;
  deliveredPerSecond: number;
  expectedPerSecond: number;
  avgBatch: number;
  rereadsPerSecond: number;
  generatorLagP99: number;
}

/** Writes at `rate` for `durationMs` and reads every figure of that window. */
export async function measurePhase(
  ctx: PhaseContext,
  rate: number,
  durationMs: number,
): Promise<PhaseMeasure> {
  const { server, tracker, writers, postmasterPid } = ctx;
  const phase = tracker.newPhase();
  const before = await server.stats(false);
  const lag = monitorEventLoopDelay({ resolution: 5 });
  lag.enable();
  const cpuBefore = cpuSnapshot(server.pid, postmasterPid);
  const run = await writers.run(phase, rate, durationMs);
  const cpu = cpuShare(cpuBefore, cpuSnapshot(server.pid, postmasterPid));
  lag.disable();
  await tracker.drained(phase, ctx.drainMs);
  const after = await server.stats(false);
  if (after.trace) log(`  feed trace: ${JSON.stringify(after.trace)}`);
  const figures = tracker.figures(phase);
  const batches = after.feed.batches - before.feed.batches;
  return {
    run,
    cpu,
    latency: figures.latency,
    afterCommit: figures.afterCommit,
    ack: figures.ack,
    deliveredPerSecond: figures.received / (durationMs / 1000),
    expectedPerSecond: figures.expected / (durationMs / 1000),
    avgBatch: batches > 0 ? (after.feed.changes - before.feed.changes) / batches : 0,
    rereadsPerSecond: (after.feed.rereads - before.feed.rereads) / (durationMs / 1000),
    generatorLagP99: lag.percentile(99) / 1e6,
  };
}

/**
 * The headline window, measured again (up to `attempts` in all) while other
 * processes on the host took `outsideLoadPercent` or more of it; the quieter
 * window is reported, every window is listed.
 */
export async function measureSteady(
  ctx: PhaseContext,
  options: { rate: number; durationMs: number; attempts: number; outsideLoadPercent: number },
): Promise<{ steady: PhaseMeasure; windows: PhaseMeasure[] }> {
  const { rate, durationMs } = options;
  const windows: PhaseMeasure[] = [];
  for (let attempt = 1; attempt <= options.attempts; attempt += 1) {
    log(
      `steady: ${durationMs / 1000} s at ${rate} writes/s${attempt > 1 ? ' (again: outside load)' : ''}`,
    );
    const window = await measurePhase(ctx, rate, durationMs);
    windows.push(window);
    log(
      `steady p50/p95/p99 ${window.latency.p50.toFixed(2)} / ${window.latency.p95.toFixed(2)} / ` +
        `${window.latency.p99.toFixed(2)} ms, ${Math.round(window.deliveredPerSecond)} msgs/s, ` +
        `lost ${window.latency.lost}, others ${window.cpu.others.toFixed(0)}% of machine`,
    );
    if (window.cpu.others < options.outsideLoadPercent) break;
  }
  const steady = windows.reduce((a, b) => (b.cpu.others < a.cpu.others ? b : a));
  return { steady, windows };
}

/**
 * Rising write rates until p95 reaches `p95LimitMs` or the rate is not
 * sustained. A step that breaks is tried again (up to `attempts`): other
 * work on the host can starve one window, and the break should be the
 * system's, not that.
 */
export async function stepRates(
  ctx: PhaseContext,
  options: { rates: number[]; durationMs: number; p95LimitMs: number; attempts: number },
): Promise<{ steps: StepFigure[]; heldRate: number | null; brokeAt: StepFigure | null }> {
  const steps: StepFigure[] = [];
  let heldRate: number | null = null;
  let brokeAt: StepFigure | null = null;
  stepping: for (const rate of options.rates) {
    for (let attempt = 1; attempt <= options.attempts; attempt += 1) {
      log(
        `step: ${options.durationMs / 1000} s at ${rate} writes/s${attempt > 1 ? ` (attempt ${attempt})` : ''}`,
      );
      const m = await measurePhase(ctx, rate, options.durationMs);
      const step: StepFigure = {
        run: m.run,
        latency: m.latency,
        afterCommit: m.afterCommit,
        ack: m.ack,
        cpu: m.cpu,
        avgBatch: m.avgBatch,
        attempt,
      };
      steps.push(step);
      log(
        `  achieved ${Math.round(m.run.achievedRate)}/s, p50/p95/p99 ${m.latency.p50.toFixed(2)} / ` +
          `${m.latency.p95.toFixed(2)} / ${m.latency.p99.toFixed(2)} ms, lost ${m.latency.lost}, ` +
          `server ${m.cpu.server.toFixed(0)}% pg ${m.cpu.postgres.toFixed(0)}% gen ${m.cpu.generator.toFixed(0)}% ` +
          `others ${m.cpu.others.toFixed(0)}% of machine`,
      );
      await sleep(500);
      const sustained = m.run.achievedRate >= 0.95 * rate;
      if (m.latency.p95 < options.p95LimitMs && sustained) {
        heldRate = rate;
        brokeAt = null;
        continue stepping;
      }
      brokeAt = step;
    }
    break;
  }
  return { steps, heldRate, brokeAt };
}

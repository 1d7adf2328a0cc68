// Measuring pieces of the live benchmark: latency bookkeeping per write, the
// WebSocket fleet (raw tRPC frames), the paced writers, and /proc readers for
// RSS and CPU. Everything here is bounded in count and time.
import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import type postgres from 'postgres';
import WebSocket from 'ws';

// ---------------------------------------------------------------- statistics

export interface Summary {
  n: number;
  lost: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentiles; `lost` samples count as +Infinity. */
export function summarize(samples: readonly number[], lost = 0): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  for (let i = 0; i < lost; i += 1) sorted.push(Number.POSITIVE_INFINITY);
  const at = (q: number) =>
    sorted.length === 0 ? Number.NaN : sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]!;
  return { n: samples.length, lost, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: at(1) };
}

// ---------------------------------------------------------- per-write tracker

export interface PhaseTally {
  /** Sequence numbers [first, end) belong to this phase (phases do not overlap). */
  first: number;
  end: number;
  writes: number;
  expected: number;
  received: number;
}

export interface PhaseFigures {
  writes: number;
  expected: number;
  received: number;
  /** t0 (just before the commit is sent) → frame received, one sample per delivery. */
  latency: Summary;
  /** COMMIT acknowledged to the writer → frame received: the feed's own share. */
  afterCommit: Summary;
  /** Commit round trip as the writer saw it. */
  ack: Summary;
}

/** t0 per write sequence number; deliveries are matched back to it. */
export class Tracker {
  private readonly t0: Float64Array;
  private readonly ackAt: Float64Array;
  private readonly t1: Float64Array;
  private readonly phaseOf: Uint16Array;
  private readonly userOf: Int32Array;
  private readonly got: Uint8Array;
  private readonly failedSeq: Uint8Array;
  private count = 0;
  readonly phases: PhaseTally[] = [];
  misrouted = 0;
  duplicates = 0;
  stray = 0;
  /** Event ids seen per write, to explain duplicates. */
  private readonly eventIds: (string[] | undefined)[] = [];
  readonly duplicateSamples: string[] = [];

  constructor(
    private readonly capacity: number,
    /** Deliveries expected per write (sockets of the writing user). */
    private readonly fanout: number,
  ) {
    this.t0 = new Float64Array(capacity).fill(Number.NaN);
    this.ackAt = new Float64Array(capacity).fill(Number.NaN);
    this.t1 = new Float64Array(capacity * fanout).fill(Number.NaN);
    this.phaseOf = new Uint16Array(capacity);
    this.userOf = new Int32Array(capacity);
    this.got = new Uint8Array(capacity);
    this.failedSeq = new Uint8Array(capacity);
  }

  /** The sequence number the next `sent` will take. */
  get next(): number {
    return this.count;
  }

  newPhase(): number {
    const last = this.phases.at(-1);
    if (last) last.end = this.count;
    this.phases.push({
      first: this.count,
      end: this.capacity,
      writes: 0,
      expected: 0,
      received: 0,
    });
    return this.phases.length - 1;
  }

  /** Takes the next sequence number and stamps t0: call right before the commit is sent. */
  sent(phase: number, user: number): number {
    if (this.count >= this.capacity) throw new Error('tracker capacity exceeded');
    const seq = this.count;
    this.count += 1;
    this.phaseOf[seq] = phase;
    this.userOf[seq] = user;
    const tally = this.phases[phase]!;
    tally.writes += 1;
    tally.expected += this.fanout;
    this.t0[seq] = performance.now();
    return seq;
  }

  acked(seq: number, at: number): void {
    this.ackAt[seq] = at;
  }

  /** The write failed: nothing is expected from it. */
  failed(seq: number): void {
    const tally = this.phases[this.phaseOf[seq]!]!;
    tally.writes -= 1;
    tally.expected -= this.fanout;
    this.failedSeq[seq] = 1;
  }

  delivered(seq: number, user: number, at: number, eventId = '?', socket = -1): void {
    if (!(seq < this.count)) {
      this.stray += 1;
      return;
    }
    if (this.userOf[seq] !== user) {
      this.misrouted += 1;
      return;
    }
    const got = (this.got[seq] ?? 0) + 1;
    this.got[seq] = got;
    const seen = (this.eventIds[seq] ??= []);
    seen.push(`${eventId}@socket${socket}`);
    if (got > this.fanout) {
      this.duplicates += 1;
      if (this.duplicateSamples.length < 5) {
        this.duplicateSamples.push(
          `write ${seq} delivered ${got}x, ${(at - this.t0[seq]!).toFixed(1)} ms after t0: ${seen.join(', ')}`,
        );
      }
      return;
    }
    this.t1[seq * this.fanout + got - 1] = at;
    if (!this.failedSeq[seq]) this.phases[this.phaseOf[seq]!]!.received += 1;
  }

  /** Waits until every expected delivery of `phase` arrived, or `timeoutMs` passed. */
  async drained(phase: number, timeoutMs: number): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    const tally = this.phases[phase]!;
    while (tally.received < tally.expected && performance.now() < deadline) await sleep(20);
  }

  figures(phase: number): PhaseFigures {
    const tally = this.phases[phase]!;
    const latency: number[] = [];
    const afterCommit: number[] = [];
    const ack: number[] = [];
    const end = Math.min(tally.end, this.count);
    for (let seq = tally.first; seq < end; seq += 1) {
      if (this.failedSeq[seq]) continue;
      const t0 = this.t0[seq]!;
      const acked = this.ackAt[seq]!;
      if (!Number.isNaN(acked)) ack.push(acked - t0);
      for (let k = 0; k < this.fanout; k += 1) {
        const t1 = this.t1[seq * this.fanout + k]!;
        if (Number.isNaN(t1)) continue;
        latency.push(t1 - t0);
        if (!Number.isNaN(acked)) afterCommit.push(t1 - acked);
      }
    }
    const lost = tally.expected - latency.length;
    return {
      writes: tally.writes,
      expected: tally.expected,
      received: latency.length,
      latency: summarize(latency, lost),
      afterCommit: summarize(afterCommit, lost),
      ack: summarize(ack),
    };
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// ------------------------------------------------------------- socket fleet

export interface SocketSpec {
  cookie: string;
  /** Index of the user the socket belongs to (for routing checks). */
  user: number;
}

const seqInFrame = /"notes":"b(\d+)"/;
const eventIdInFrame = /"id":"([0-9a-f]{16}-[0-9a-f]{16})"/;

/**
 * tRPC WebSocket clients at the protocol level: each opens with the session
 * cookie and the server's Origin, subscribes to sync.changes, answers PING,
 * and reports the write sequence number carried in each data frame.
 */
export class Fleet {
  readonly sockets: WebSocket[] = [];
  started = 0;
  failures: string[] = [];
  errorFrames = 0;
  firstErrorFrame: string | undefined;
  closedEarly = 0;
  private closing = false;

  constructor(
    private readonly wsUrl: string,
    private readonly origin: string,
    private readonly onSeq: (
      seq: number,
      user: number,
      at: number,
      eventId: string,
      socket: number,
    ) => void,
  ) {}

  /** Opens and subscribes `specs` in batches; never rejects (failures are counted). */
  async open(specs: readonly SocketSpec[], batchSize: number, timeoutMs: number): Promise<void> {
    for (let i = 0; i < specs.length && !this.closing; i += batchSize) {
      await Promise.all(specs.slice(i, i + batchSize).map((spec) => this.openOne(spec, timeoutMs)));
    }
  }

  private openOne(spec: SocketSpec, timeoutMs: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const ws = new WebSocket(this.wsUrl, {
        headers: { cookie: spec.cookie },
        origin: this.origin,
        perMessageDeflate: false,
        handshakeTimeout: timeoutMs,
      });
      const index = this.sockets.length;
      this.sockets.push(ws);
      let settled = false;
      const settle = (failure?: string) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (failure) {
          this.failures.push(failure);
          ws.terminate();
        }
        resolve();
      };
      const timer = setTimeout(() => settle('timed out opening or subscribing'), timeoutMs);
      ws.once('unexpected-response', (_req, res) => settle(`upgrade refused: ${res.statusCode}`));
      ws.once('error', (error) => settle(`socket error: ${error.message}`));
      ws.once('open', () => {
        ws.send(
          JSON.stringify({
            id: 1,
            method: 'subscription',
            params: { path: 'sync.changes', input: { json: { lastEventId: null } } },
          }),
        );
      });
      ws.on('close', () => {
        if (!this.closing && settled) this.closedEarly += 1;
        settle('closed before the subscription started');
      });
      ws.on('message', (data: WebSocket.RawData) => {
        const at = performance.now();
        const text = Buffer.isBuffer(data)
          ? data.toString('utf8')
          : Buffer.concat(Array.isArray(data) ? data : [Buffer.from(data)]).toString('utf8');
        if (text === 'PING') {
          ws.send('PONG');
          return;
        }
        const match = seqInFrame.exec(text);
        if (match) {
          this.onSeq(Number(match[1]), spec.user, at, eventIdInFrame.exec(text)?.[1] ?? '?', index);
          return;
        }
        if (text.includes('"type":"started"')) {
          this.started += 1;
          settle();
          return;
        }
        if (text.includes('"error"')) {
          this.errorFrames += 1;
          this.firstErrorFrame ??= text.slice(0, 300);
          settle(`error frame: ${text.slice(0, 200)}`);
        }
      });
    });
  }

  /** Ends every socket at once (no close handshake). */
  terminate(): void {
    this.closing = true;
    for (const ws of this.sockets) ws.terminate();
    this.sockets.length = 0;
  }
}

// -------------------------------------------------------------- paced writes

export interface WriteTarget {
  user: number;
  userId: string;
  applicationId: string;
}

export interface RunResult {
  targetRate: number;
  achievedRate: number;
  issued: number;
  /** Writes due that no writer connection was free to send before the step ended. */
  skipped: number;
  errors: string[];
}

const uuidShape = /^[0-9a-f-]{36}$/;

/**
 * A fixed pool of reserved connections as the request role. Each write is one
 * transaction, sent as one simple-protocol message:
 *   begin; select set_config('app.user_id', <user>, true);
 *   update applications set notes = 'b<seq>' where id = <application> returning id; commit
 * t0 is taken just before that message (and with it the COMMIT) is sent.
 */
export class Writers {
  private readonly idle: postgres.ReservedSql[] = [];
  private readonly all: postgres.ReservedSql[] = [];
  private cursor = 0;
  private stopped = false;
  private stopRun: (() => void) | undefined;

  constructor(
    private readonly sql: postgres.Sql,
    private readonly count: number,
    private readonly tracker: Tracker,
    private readonly targets: readonly WriteTarget[],
  ) {
    for (const t of targets) {
      if (!uuidShape.test(t.userId) || !uuidShape.test(t.applicationId))
        throw new Error('bad target id');
    }
  }

  async init(): Promise<void> {
    for (let i = 0; i < this.count; i += 1) {
      const conn = await this.sql.reserve();
      this.all.push(conn);
      this.idle.push(conn);
    }
  }

  /** Sends no further writes; a running `run` resolves once its in-flight writes end. */
  stop(): void {
    this.stopped = true;
    this.stopRun?.();
  }

  release(): void {
    for (const conn of this.all) conn.release();
    this.all.length = 0;
    this.idle.length = 0;
  }

  /** Writes at `rate` per second for `durationMs`, spread round-robin over the targets. */
  run(phase: number, rate: number, durationMs: number): Promise<RunResult> {
    return new Promise<RunResult>((resolve) => {
      const result: RunResult = {
        targetRate: rate,
        achievedRate: 0,
        issued: 0,
        skipped: 0,
        errors: [],
      };
      const start = performance.now();
      let scheduled = 0;
      let pending = 0;
      let inFlight = 0;
      let ending = false;

      const write = async (conn: postgres.ReservedSql) => {
        const target = this.targets[this.cursor % this.targets.length]!;
        this.cursor += 1;
        const seq = this.tracker.next;
        const text =
          `begin; select set_config('app.user_id', '${target.userId}', true); ` +
          `update applications set notes = 'b${seq}' where id = '${target.applicationId}' returning id; commit`;
        this.tracker.sent(phase, target.user);
        try {
          // Simple-protocol results list only the statements that return rows.
          const results = (await conn.unsafe(text)) as unknown as unknown[][];
          this.tracker.acked(seq, performance.now());
          const updated = results[2]?.length ?? 0;
          if (updated !== 1) {
            this.tracker.failed(seq);
            if (result.errors.length < 5) result.errors.push(`update touched ${updated} rows`);
          }
        } catch (error) {
          this.tracker.failed(seq);
          if (result.errors.length < 5) result.errors.push(String(error));
        }
      };

      const pump = () => {
        while (pending > 0 && this.idle.length > 0 && !this.stopped) {
          pending -= 1;
          inFlight += 1;
          result.issued += 1;
          const conn = this.idle.pop()!;
          void write(conn).finally(() => {
            this.idle.push(conn);
            inFlight -= 1;
            pump();
            finish();
          });
        }
      };

      const finish = () => {
        if (!ending || inFlight > 0) return;
        ending = false;
        clearInterval(ticker);
        result.achievedRate = result.issued / (durationMs / 1000);
        resolve(result);
      };

      this.stopRun = () => {
        ending = true;
        pending = 0;
        finish();
      };
      const ticker = setInterval(() => {
        const elapsed = performance.now() - start;
        if (elapsed >= durationMs || this.stopped) {
          if (!ending) {
            ending = true;
            result.skipped += pending;
            pending = 0;
          }
          finish();
          return;
        }
        const due = Math.floor((elapsed * rate) / 1000) - scheduled;
        scheduled += due;
        pending += due;
        // Never let a backlog of more than 1 s build up in the generator.
        if (pending > rate) {
          result.skipped += pending - rate;
          pending = rate;
        }
        pump();
      }, 1);
    });
  }
}

// --------------------------------------------------------------------- /proc

/** VmRSS (or another Vm* line) of a process, in bytes. */
export function procMemory(pid: number, field = 'VmRSS'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  if (!match) throw new Error(`no ${field} for pid ${pid}`);
  return Number(match[1]) * 1024;
}

interface ProcStat {
  ppid: number;
  ticks: number;
}

function procStat(pid: number): ProcStat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    // Fields after the command: state(3) ppid(4) ... utime(14) stime(15).
    return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return null;
  }
}

const CLOCK_TICKS = 100; // USER_HZ on Linux

export interface CpuSnapshot {
  at: number;
  server: number;
  postgres: number;
  generator: number;
  machineBusy: number;
  machineAll: number;
}

export interface CpuShare {
  /** Percent of one core. */
  server: number;
  postgres: number;
  generator: number;
  /** Percent of the whole machine (all cores). */
  machine: number;
  /** Percent of the whole machine used by anything else (other processes on the host). */
  others: number;
}

/** CPU time so far of the server, of Postgres (postmaster + backends) and of this process. */
export function cpuSnapshot(serverPid: number, postmasterPid: number): CpuSnapshot {
  let postgresTicks = 0;
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const pid = Number(name);
    const stat = procStat(pid);
    if (stat && (pid === postmasterPid || stat.ppid === postmasterPid)) postgresTicks += stat.ticks;
  }
  const usage = process.cpuUsage();
  const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!;
  const ticks = line.trim().split(/\s+/).slice(1).map(Number);
  const all = ticks.reduce((a, b) => a + b, 0);
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
  return {
    at: performance.now(),
    server: (procStat(serverPid)?.ticks ?? 0) / CLOCK_TICKS,
    postgres: postgresTicks / CLOCK_TICKS,
    generator: (usage.user + usage.system) / 1e6,
    machineBusy: all - idle,
    machineAll: all,
  };
}

export function cpuShare(a: CpuSnapshot, b: CpuSnapshot): CpuShare {
  const seconds = (b.at - a.at) / 1000;
  const pct = (x: number) => (100 * x) / seconds;
  const server = pct(b.server - a.server);
  const postgres = pct(b.postgres - a.postgres);
  const generator = pct(b.generator - a.generator);
  const machine =
    (100 * (b.machineBusy - a.machineBusy)) / Math.max(1, b.machineAll - a.machineAll);
  const ours = (server + postgres + generator) / cpus().length;
  return { server, postgres, generator, machine, others: Math.max(0, machine - ours) };
}

/** Soft and hard limits on open files of this process. */
export function openFileLimits(): { soft: number; hard: number } {
  const line = readFileSync('/proc/self/limits', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('Max open files'));
  const parts = line?.trim().split(/\s+/) ?? [];
  const parse = (v: string | undefined) => (v === 'unlimited' ? Infinity : Number(v));
  return { soft: parse(parts[3]), hard: parse(parts[4]) };
}

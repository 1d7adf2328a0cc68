// Readers of /proc (Linux only): a process's memory, CPU time of processes and of the
// whole machine, open-file limits, and a bounded wait for the machine to quieten.
import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { sleep } from '../measure';
import { log } from './run';

/** VmRSS (or another Vm* line) of a process, in bytes. */
export function procMemory(pid: number, field = 'VmRSS'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  if (!match) throw new Error(`no ${field} for pid ${pid}`);
  return Number(match[1]) * 1024;
}

export interface ProcStat {
  ppid: number;
  /** User + system CPU time, in clock ticks. */
  ticks: number;
}

/** Parent and CPU ticks of a process; null when it is gone. */
export function procStat(pid: number): ProcStat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    // Fields after the command: state(3) ppid(4) ... utime(14) stime(15).
    return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return null;
  }
}

/** Every live process id. */
export function pids(): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number);
}

export const CLOCK_TICKS = 100; // USER_HZ on Linux

/** Busy and all ticks of the whole machine so far (the first line of /proc/stat). */
export function machineTicks(): { busy: number; all: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!;
  const ticks = line.trim().split(/\s+/).slice(1).map(Number);
  const all = ticks.reduce((a, b) => a + b, 0);
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
  return { busy: all - idle, all };
}

/** Percent of the whole machine busy between two readings of machineTicks. */
export function machineBusy(
  a: { busy: number; all: number },
  b: { busy: number; all: number },
): number {
  return (100 * (b.busy - a.busy)) / Math.max(1, b.all - a.all);
}

/** Percent of the whole machine busy over the next 2 s. */
async function busyOverTwoSeconds(): Promise<number> {
  const before = machineTicks();
  await sleep(2000);
  return machineBusy(before, machineTicks());
}

/**
 * Other work on the host skews every figure: waits (at most `attempts` × 2 s)
 * for a 2 s window with the machine under `busyPercent`; returns how busy the
 * last window was, for the report.
 */
export async function waitForQuiet(quiet: {
  attempts: number;
  busyPercent: number;
}): Promise<number> {
  const { attempts, busyPercent } = quiet;
  let busy = Number.NaN;
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    busy = await busyOverTwoSeconds();
    if (busy < busyPercent) break;
    if (attempt === 0)
      log(`machine ${busy.toFixed(0)}% busy: waiting up to ${attempts * 2} s for it to quieten`);
  }
  return busy;
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

/** CPU time so far, in seconds, of each party of the live benchmark, and of the machine in ticks. */
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
  for (const pid of pids()) {
    const stat = procStat(pid);
    if (stat && (pid === postmasterPid || stat.ppid === postmasterPid)) postgresTicks += stat.ticks;
  }
  const usage = process.cpuUsage();
  const machine = machineTicks();
  return {
    at: performance.now(),
    server: (procStat(serverPid)?.ticks ?? 0) / CLOCK_TICKS,
    postgres: postgresTicks / CLOCK_TICKS,
    generator: (usage.user + usage.system) / 1e6,
    machineBusy: machine.busy,
    machineAll: machine.all,
  };
}

export function cpuShare(a: CpuSnapshot, b: CpuSnapshot): CpuShare {
  const seconds = (b.at - a.at) / 1000;
  const pct = (x: number) => (100 * x) / seconds;
  const server = pct(b.server - a.server);
  const postgres = pct(b.postgres - a.postgres);
  const generator = pct(b.generator - a.generator);
  const machine = machineBusy(
    { busy: a.machineBusy, all: a.machineAll },
    { busy: b.machineBusy, all: b.machineAll },
  );
  const ours = (server + postgres + generator) / cpus().length;
  return { server, postgres, generator, machine, others: Math.max(0, machine - ours) };
}

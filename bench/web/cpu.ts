// CPU shares during one page load of the web benchmark: this benchmark's whole process
// tree (server, Postgres, Chromium) against the machine, from /proc.
import { cpus } from 'node:os';
import { machineBusy, machineTicks, pids, procStat } from '../lib/proc';

/** CPU ticks of `root` and every process below it (server, Postgres, Chromium). */
function treeTicks(root: number): number {
  const parent = new Map<number, number>();
  const ticks = new Map<number, number>();
  for (const pid of pids()) {
    const stat = procStat(pid); // null: gone meanwhile
    if (!stat) continue;
    parent.set(pid, stat.ppid);
    ticks.set(pid, stat.ticks);
  }
  let total = 0;
  for (const [pid, t] of ticks) {
    for (
      let p: number | undefined = pid, hops = 0;
      p !== undefined && p > 1 && hops < 64;
      hops += 1
    ) {
      if (p === root) {
        total += t;
        break;
      }
      p = parent.get(p);
    }
  }
  return total;
}

export interface CpuMark {
  at: number;
  tree: number;
  busy: number;
  all: number;
}

export function cpuMark(): CpuMark {
  const { busy, all } = machineTicks();
  return { at: performance.now(), tree: treeTicks(process.pid), busy, all };
}

export interface TreeCpuShare {
  /** Percent of the whole machine busy. */
  machine: number;
  /** Percent of the whole machine used by this benchmark's process tree. */
  ours: number;
  /** The rest: other processes on the host. */
  others: number;
}

export function cpuBetween(a: CpuMark, b: CpuMark): TreeCpuShare {
  const machine = machineBusy(a, b);
  const seconds = (b.at - a.at) / 1000;
  const ours = Math.min(100, (100 * (b.tree - a.tree)) / 100 / seconds / cpus().length);
  return { machine, ours, others: Math.max(0, machine - ours) };
}

// CPU time, which a loaded machine does not inflate the way it inflates wall
// time: this process's (process.cpuUsage) and one Postgres backend's
// (/proc/<pid>/stat utime + stime, in clock ticks of 10 ms).
import { readFileSync } from 'node:fs';

const TICK_MS = 10;

/** User + system CPU of process `pid` so far, in ms (10 ms resolution). */
export function processCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces) start at ") ".
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

/** This Node process's user + system CPU so far, in ms. */
export function ownCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

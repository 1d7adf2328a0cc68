// Background work: the graphile-worker queue (in the server process by default,
// or alone with `pnpm worker`), running document generations and the crontab
// housekeeping of sweeps.ts.
import {
  EMBED_SWEEP_TASK,
  EMBED_TASK,
  builtinEmbedder,
  embedSubject,
  staleSubjects,
  type EmbedPayload,
  type Embedder,
  GENERATE_TASK,
  runGeneration,
  type GeneratePayload,
  type JobQueue,
  type TextGenerator,
} from '@pursuit/api/server';
import type { Database } from '@pursuit/db';
import {
  Logger,
  makeWorkerUtils,
  parseCronItems,
  run,
  type Runner,
  type WorkerUtils,
} from 'graphile-worker';
import pg from 'pg';
import { digestJobs, type DigestOptions } from './digest';
import { SNAPSHOT_TASK, snapshotSchedule, snapshotTask } from './snapshots';
import { sweepDocuments, sweepSchedule, sweepTasks } from './sweeps';

export interface JobsOptions {
  ownerUrl: string;
  /** Request-role database: generations run as the document's owner. */
  app: Database;
  owner: Database;
  generator: TextGenerator;
  /** Search by meaning's model: embedding jobs write its vectors (default built-in). */
  embedder?: Embedder;
  retentionDays: number;
  /** Run the worker here; false for web-only instances (jobs still queue). */
  work: boolean;
  concurrency?: number;
  /** A generation without a heartbeat this long has lost its worker (default 120). */
  staleSeconds?: number;
  /** How long change_log keeps events (CHANGE_LOG_RETENTION); default 7 days. */
  changeLogRetentionSeconds?: number;
  throttleMs?: number;
  /** The daily email digest's settings; absent (no SMTP_URL), it is not scheduled. */
  digest?: Pick<DigestOptions, 'smtpUrl' | 'from' | 'origin' | 'ghostedAfterDays'>;
  log?: (line: string) => void;
}

export interface Jobs {
  queue: JobQueue;
  stop(): Promise<void>;
}

function quietLogger(log: (line: string) => void): Logger {
  return new Logger(() => (level, message) => {
    // LogLevel is a const enum we cannot import here; its values are these strings.
    const name = level as string;
    if (name === 'error' || name === 'warning') log(`worker ${name}: ${message}`);
  });
}

/**
 * Every ten minutes, and at start: queue an embedding job for each subject
 * whose vector of the current model is missing or older than its text (the
 * trigger queues them as text changes; this catches a worker that was down,
 * rows written before the queue existed, and a newly configured model).
 */
const embedSweepSchedule = parseCronItems([
  {
    task: EMBED_SWEEP_TASK,
    match: '*/10 * * * *',
    identifier: EMBED_SWEEP_TASK,
    options: { maxAttempts: 1, jobKey: EMBED_SWEEP_TASK },
  },
]);

export async function startJobs(options: JobsOptions): Promise<Jobs> {
  const log = options.log ?? (() => {});
  const logger = quietLogger(log);
  // Our own pool, so a connection the database drops (a restart, a shutdown)
  // is logged instead of crashing the process as an unhandled 'error'.
  const pool = new pg.Pool({
    connectionString: options.ownerUrl,
    max: (options.concurrency ?? 2) + 3,
  });
  pool.on('error', (error) => log(`job queue connection lost: ${error.message}`));
  const utils: WorkerUtils = await makeWorkerUtils({ pgPool: pool, logger });
  await utils.migrate();

  const staleSeconds = options.staleSeconds ?? 120;
  // Four heartbeats fit in the stale limit, so one slow write cannot fail a
  // generation; at most one every 10 s, since each is a live-feed event.
  const heartbeatMs = Math.min(10_000, (staleSeconds * 1000) / 4);
  const sweeps = {
    owner: options.owner,
    staleSeconds,
    changeLogRetentionSeconds: options.changeLogRetentionSeconds ?? 7 * 24 * 3600,
    log,
  };
  const digest = digestJobs(
    options.digest ? { ...options.digest, owner: options.owner, app: options.app, log } : null,
  );
  const embedder = options.embedder ?? builtinEmbedder;
  let runner: Runner | undefined;
  if (options.work) {
    // Right away, before taking jobs: a restart after a crash finds the stuck ones.
    await sweepDocuments(sweeps).catch((error: unknown) =>
      log(`document sweep failed: ${String(error)}`),
    );
    runner = await run({
      pgPool: pool,
      concurrency: options.concurrency ?? 2,
      noHandleSignals: true,
      pollInterval: 1000,
      logger,
      parsedCronItems: [
        ...sweepSchedule,
        ...snapshotSchedule,
        ...digest.schedule,
        ...embedSweepSchedule,
      ],
      taskList: {
        ...sweepTasks(sweeps),
        [SNAPSHOT_TASK]: snapshotTask(options.owner, log),
        ...digest.tasks,
        [EMBED_TASK]: async (payload) => {
          await embedSubject(options.app, embedder, payload as EmbedPayload);
        },
        [EMBED_SWEEP_TASK]: async (_payload, helpers) => {
          const stale = await staleSubjects(options.owner, embedder.model);
          for (const subject of stale) {
            await helpers.addJob(EMBED_TASK, subject, {
              jobKey: `${EMBED_TASK}:${subject.documentId ?? subject.applicationId}`,
              maxAttempts: 5,
            });
          }
          if (stale.length > 0) log(`embeddings: queued ${stale.length} missing or stale`);
        },
        [GENERATE_TASK]: async (payload) => {
          const outcome = await runGeneration(
            {
              db: options.app,
              generator: options.generator,
              retentionDays: options.retentionDays,
              throttleMs: options.throttleMs,
              heartbeatMs,
            },
            payload as GeneratePayload,
          );
          if (outcome === 'failed')
            log(`generation of document ${(payload as GeneratePayload).documentId} failed`);
        },
      },
    });
  }

  if (runner) {
    // Catch up at start, not only at the next tenth minute.
    await utils.addJob(EMBED_SWEEP_TASK, {}, { jobKey: EMBED_SWEEP_TASK, maxAttempts: 1 });
  }

  return {
    queue: {
      async enqueueGeneration(payload) {
        const job = await utils.addJob(GENERATE_TASK, payload, {
          jobKey: payload.jobId,
          maxAttempts: 1,
        });
        return job.id;
      },
      async cancel(jobId) {
        await utils.withPgClient((client) =>
          client.query('select graphile_worker.remove_job($1)', [jobId]),
        );
      },
    },
    async stop() {
      await runner?.stop();
      await utils.release();
      await pool.end();
    },
  };
}

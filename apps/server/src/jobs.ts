// Background work: the graphile-worker queue (in the server process by default,
// or alone with `pnpm worker`), running document generations, plus the
// housekeeping sweeps for generations whose worker died and expired versions.
import {
  failStaleGenerations,
  GENERATE_TASK,
  pruneExpiredVersions,
  runGeneration,
  type GeneratePayload,
  type JobQueue,
  type TextGenerator,
} from '@pursuit/api/server';
import type { Database } from '@pursuit/db';
import { Logger, makeWorkerUtils, run, type Runner, type WorkerUtils } from 'graphile-worker';
import pg from 'pg';

export interface JobsOptions {
  ownerUrl: string;
  /** Request-role database: generations run as the document's owner. */
  app: Database;
  owner: Database;
  generator: TextGenerator;
  retentionDays: number;
  /** Run the worker here; false for web-only instances (jobs still queue). */
  work: boolean;
  concurrency?: number;
  /** A generation silent this long has lost its worker. */
  staleSeconds?: number;
  sweepMs?: number;
  throttleMs?: number;
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

  let runner: Runner | undefined;
  if (options.work) {
    runner = await run({
      pgPool: pool,
      concurrency: options.concurrency ?? 2,
      noHandleSignals: true,
      pollInterval: 1000,
      logger,
      taskList: {
        [GENERATE_TASK]: async (payload) => {
          const outcome = await runGeneration(
            {
              db: options.app,
              generator: options.generator,
              retentionDays: options.retentionDays,
              throttleMs: options.throttleMs,
            },
            payload as GeneratePayload,
          );
          if (outcome === 'failed')
            log(`generation of document ${(payload as GeneratePayload).documentId} failed`);
        },
      },
    });
  }

  const sweep = async () => {
    try {
      const failed = await failStaleGenerations(options.owner, options.staleSeconds ?? 60);
      const pruned = await pruneExpiredVersions(options.owner);
      if (failed > 0) log(`documents: ${failed} stale generation(s) marked failed`);
      if (pruned > 0) log(`documents: pruned ${pruned} expired version(s)`);
    } catch (error) {
      log(`document sweep failed: ${String(error)}`);
    }
  };
  // Right away (a restart after a crash finds the stuck ones), then periodically.
  if (options.work) await sweep();
  const timer = options.work
    ? setInterval(() => void sweep(), options.sweepMs ?? 30_000)
    : undefined;
  timer?.unref();

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
      clearInterval(timer);
      await runner?.stop();
      await utils.release();
      await pool.end();
    },
  };
}

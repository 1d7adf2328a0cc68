// The awkward parts of the document pipeline: cancelling, a worker that dies
// mid-job, the write throttle, and retention of superseded versions.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failStaleGenerations, pruneExpiredVersions } from '@pursuit/api/server';
import { createTestDatabase, type TestDatabase } from '@pursuit/db/testing';
import { startDocuments } from '../../src/documents';
import type { Jobs } from '../../src/jobs';
import { call, createApplication, signUp, sleep, startServer, type Running } from '../live/harness';

let db: TestDatabase;
let running: Running;
let queueOnly: Jobs;
const extraJobs: Jobs[] = [];

const env = (wordsPerSecond: number) => ({
  retentionDays: 30,
  monthlyLimit: null,
  openai: null,
  builtinWordsPerSecond: wordsPerSecond,
  worker: false,
});

beforeAll(async () => {
  db = await createTestDatabase();
  // This process queues jobs but runs none: each test brings its own worker.
  const started = await startDocuments(
    env(0),
    { app: db.app, owner: db.owner, ownerUrl: db.ownerUrl },
    () => {},
    false,
  );
  queueOnly = started.jobs;
  running = await startServer(db.app, db.owner, { documents: started.services });
});

afterAll(async () => {
  await running?.pursuit.close();
  for (const jobs of extraJobs) await jobs.stop();
  await queueOnly?.stop();
  await db?.close();
});

async function worker(wordsPerSecond: number) {
  const { jobs } = await startDocuments(
    env(wordsPerSecond),
    { app: db.app, owner: db.owner, ownerUrl: db.ownerUrl },
    () => {},
    true,
  );
  extraJobs.push(jobs);
  return jobs;
}

async function documentRow(applicationId: string) {
  const [row] = await db.owner.sql<
    {
      id: string;
      status: string;
      draft: string | null;
      current_version: number | null;
      error: string | null;
    }[]
  >`
    select id, status, draft, current_version, error from documents where application_id = ${applicationId}`;
  return row;
}

async function until<T>(
  probe: () => Promise<T>,
  ok: (value: T) => boolean,
  what: string,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

describe('document pipeline life cycle', () => {
  it('cancel stops a running generation and keeps no version of it', async () => {
    const owner = await signUp(running.base, 'Canceller');
    const application = await createApplication(running.base, owner.cookie);
    const slow = await worker(20);
    const { data } = await call<{ documentId: string }>(
      running.base,
      'document.generate',
      { applicationId: application.id, type: 'research_report' },
      owner.cookie,
    );
    await until(
      () => documentRow(application.id),
      (r) => r?.status === 'generating' && (r.draft?.length ?? 0) > 0,
      'generating',
    );
    const { data: cancelled } = await call<{ cancelled: boolean }>(
      running.base,
      'document.cancel',
      { documentId: data.documentId },
      owner.cookie,
    );
    expect(cancelled.cancelled).toBe(true);
    await sleep(1500); // the worker's next write finds it cancelled and stops
    const row = await documentRow(application.id);
    expect(row).toMatchObject({ status: 'idle', draft: null, current_version: null });
    const [counted] = await db.owner.sql<
      { n: number }[]
    >`select count(*)::int as n from document_versions where document_id = ${data.documentId}`;
    expect(counted!.n).toBe(0);
    await slow.stop();
    extraJobs.splice(extraJobs.indexOf(slow), 1);
  });

  it('a worker killed mid-job leaves the document failed, and retrying works', async () => {
    const owner = await signUp(running.base, 'Survivor');
    const application = await createApplication(running.base, owner.cookie);
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(new URL('../../src/worker.ts', import.meta.url))],
      {
        env: {
          ...process.env,
          DATABASE_URL: db.ownerUrl,
          APP_DATABASE_URL: db.appUrl,
          BUILTIN_WORDS_PER_SECOND: '15',
          LOG_LEVEL: 'silent',
        },
        stdio: 'ignore',
      },
    );
    try {
      await call(
        running.base,
        'document.generate',
        { applicationId: application.id, type: 'research_report' },
        owner.cookie,
      );
      await until(
        () => documentRow(application.id),
        (r) => r?.status === 'generating' && (r.draft?.length ?? 0) > 0,
        'the child worker to start writing',
        30_000,
      );
    } finally {
      child.kill('SIGKILL');
    }
    await new Promise((resolve) => child.once('exit', resolve));
    expect((await documentRow(application.id))!.status).toBe('generating'); // stuck, until the sweep
    await sleep(1200);
    expect(await failStaleGenerations(db.owner, 1)).toBeGreaterThanOrEqual(1);
    const failed = await documentRow(application.id);
    expect(failed).toMatchObject({ status: 'failed', draft: null });
    expect(failed!.error).toMatch(/stopped before finishing/);

    const retry = await worker(0);
    await call(
      running.base,
      'document.generate',
      { applicationId: application.id, type: 'research_report' },
      owner.cookie,
    );
    const ready = await until(
      () => documentRow(application.id),
      (r) => r?.status === 'ready',
      'the retry to finish',
    );
    expect(ready!.current_version).toBe(1);
    // Each test runs only its own worker, so the next one's pace is its own.
    await retry.stop();
    extraJobs.splice(extraJobs.indexOf(retry), 1);
  });

  it('writes the text at most about ten times a second', async () => {
    const owner = await signUp(running.base, 'Throttled');
    // A long, rich posting makes a long report: enough text for many writes.
    const fixture = JSON.parse(
      readFileSync(
        new URL(
          '../../../../packages/api/test/fixtures/generator/backend-engineer.json',
          import.meta.url,
        ),
        'utf8',
      ),
    ) as { job: { company: string; roleTitle: string; description: string } };
    const { data: application } = await call<{ id: string }>(
      running.base,
      'application.create',
      {
        companyName: fixture.job.company,
        roleTitle: fixture.job.roleTitle,
        jobDescription: fixture.job.description,
      },
      owner.cookie,
    );
    const fast = await worker(600); // ~75 pieces a second from the generator
    await call(
      running.base,
      'document.generate',
      { applicationId: application.id, type: 'research_report' },
      owner.cookie,
    );
    const doc = await until(
      () => documentRow(application.id),
      (r) => r?.status === 'ready',
      'ready',
    );
    // Every write of the row is in the change log, stamped with its time.
    const writes = await db.owner.sql<{ at: number }[]>`
      select extract(epoch from changed_at) * 1000 as at from pursuit_internal.change_log
       where table_name = 'documents' and op = 'update' and row_id = ${doc!.id}
       order by id`;
    const times = writes.map((w) => Number(w.at));
    expect(times.length).toBeGreaterThan(8); // the text went out in many pieces…
    let busiest = 0;
    for (const start of times)
      busiest = Math.max(busiest, times.filter((t) => t >= start && t < start + 1000).length);
    expect(busiest).toBeLessThanOrEqual(12); // …at most ~10 draft writes a second, plus status changes
    await fast.stop();
    extraJobs.splice(extraJobs.indexOf(fast), 1);
  });

  it('retention prunes only superseded versions past their expiry, never the current one', async () => {
    const owner = await signUp(running.base, 'Keeper');
    const application = await createApplication(running.base, owner.cookie);
    const jobs = await worker(0);
    for (let i = 0; i < 3; i += 1) {
      await call(
        running.base,
        'document.generate',
        { applicationId: application.id, type: 'research_report' },
        owner.cookie,
      );
      await until(
        () => documentRow(application.id),
        (r) => r?.status === 'ready' && r.current_version === i + 1,
        `version ${i + 1}`,
      );
    }
    const doc = (await documentRow(application.id))!;
    // Version 1 has expired; version 2 is superseded but not yet expired; 3 is current.
    await db.owner
      .sql`update document_versions set expires_at = now() - interval '1 day' where document_id = ${doc.id} and version = 1`;
    // Even a current version with a stale expiry must survive.
    await db.owner
      .sql`update document_versions set expires_at = now() - interval '1 day' where document_id = ${doc.id} and version = 3`;
    expect(await pruneExpiredVersions(db.owner)).toBe(1);
    const left = await db.owner.sql<
      { version: number }[]
    >`select version from document_versions where document_id = ${doc.id} order by version`;
    expect(left.map((r) => r.version)).toEqual([2, 3]);
    await jobs.stop();
    extraJobs.splice(extraJobs.indexOf(jobs), 1);
  });
});

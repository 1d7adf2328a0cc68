// Issue 10: the document sweep repairs generations that can never finish
// because their job is gone or has used all its attempts, not only those
// whose worker died mid-way. Jobs are real graphile-worker jobs on the test
// database; the sweep is the one the crontab runs.
import { randomUUID } from 'node:crypto';
import { builtinGenerator } from '@pursuit/api/server';
import { createTestDatabase, type TestDatabase } from '@pursuit/db/testing';
import { makeWorkerUtils, type WorkerUtils } from 'graphile-worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startJobs, type Jobs } from '../src/jobs';
import { sweepDocuments } from '../src/sweeps';

let db: TestDatabase;
let jobs: Jobs;
let utils: WorkerUtils;
let userId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  // A queue with no worker here: jobs stay where the test puts them.
  jobs = await startJobs({
    ownerUrl: db.ownerUrl,
    app: db.app,
    owner: db.owner,
    generator: builtinGenerator(),
    retentionDays: 30,
    work: false,
  });
  utils = await makeWorkerUtils({ connectionString: db.ownerUrl });
  userId = randomUUID();
  await db.owner.sql`
    insert into users (id, email, password_hash, display_name)
    values (${userId}, ${`sweep-${userId}@example.com`}, 'x', 'Sweep')`;
});

afterAll(async () => {
  await utils?.release();
  await jobs?.stop();
  await db?.close();
});

const sweep = () =>
  sweepDocuments({
    owner: db.owner,
    staleSeconds: 60,
    changeLogRetentionSeconds: 3600,
    log: () => {},
  });

/** A queued document (on its own application), last touched `ageSeconds` ago. */
async function queuedDocument(ageSeconds: number) {
  const jobId = randomUUID();
  const [application] = await db.owner.sql<{ id: string }[]>`
    with company as (insert into companies (name) values (${`Company ${jobId}`}) returning id)
    insert into applications (user_id, company_id, company_name, role_title, job_description, position)
    select ${userId}, company.id, '', 'Engineer', repeat('Build the thing well. ', 5), ${`a${jobId}`}
      from company returning id`;
  const [doc] = await db.owner.sql<{ id: string }[]>`
    insert into documents (application_id, user_id, type, status, job_id, updated_at)
    values (${application!.id}, ${userId}, 'research_report', 'queued', ${jobId},
            now() - make_interval(secs => ${ageSeconds}))
    returning id`;
  return { documentId: doc!.id, jobId, userId };
}

async function documentRow(id: string) {
  const [row] = await db.owner.sql<
    { status: string; error: string | null; job_id: string | null }[]
  >`
    select status, error, job_id from documents where id = ${id}`;
  return row!;
}

describe('issue 10: the sweep repairs documents whose job is gone or exhausted', () => {
  it('a queued document whose job failed for good is failed at once, with a message to act on', async () => {
    const doc = await queuedDocument(0);
    const queueId = await jobs.queue.enqueueGeneration(doc);
    await utils.permanentlyFailJobs([queueId], 'the task crashed before taking the document');
    await sweep();
    expect(await documentRow(doc.documentId)).toEqual({
      status: 'failed',
      error: 'The generation could not start. Try again.',
      job_id: null,
    });
  });

  it('a queued document with no job is failed once the stale limit has passed', async () => {
    const doc = await queuedDocument(120);
    await sweep();
    expect(await documentRow(doc.documentId)).toEqual({
      status: 'failed',
      error: 'The generation could not start. Try again.',
      job_id: null,
    });
  });

  it('a queued document whose job is still waiting to run stays queued, however old', async () => {
    const doc = await queuedDocument(3600);
    await jobs.queue.enqueueGeneration(doc);
    await sweep();
    expect(await documentRow(doc.documentId)).toMatchObject({ status: 'queued', error: null });
  });

  it('a document queued a moment ago, its job not yet added, stays queued', async () => {
    const doc = await queuedDocument(0);
    await sweep();
    expect(await documentRow(doc.documentId)).toMatchObject({ status: 'queued' });
  });
});

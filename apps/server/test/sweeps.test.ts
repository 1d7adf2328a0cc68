// Housekeeping runs from graphile-worker's crontab, recorded in the database,
// so every worker shares one schedule instead of each keeping its own timer.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { EMBED_SWEEP_TASK } from '@pursuit/api/server';
import { createTestDatabase, type TestDatabase } from '@pursuit/db/testing';
import { startDocuments } from '../src/documents';
import type { Jobs } from '../src/jobs';
import { SNAPSHOT_TASK } from '../src/snapshots';
import { PRUNE_CHANGE_LOG_TASK, SWEEP_DOCUMENTS_TASK } from '../src/sweeps';

let db: TestDatabase;
const workers: Jobs[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
});

afterAll(async () => {
  for (const jobs of workers) await jobs.stop();
  await db?.close();
});

it('two workers on one database share one crontab entry per sweep', async () => {
  for (let i = 0; i < 2; i += 1) {
    const { jobs } = await startDocuments(
      {
        retentionDays: 30,
        monthlyLimit: null,
        openai: null,
        builtinWordsPerSecond: 0,
        worker: true,
      },
      { app: db.app, owner: db.owner, ownerUrl: db.ownerUrl },
      () => {},
      true,
    );
    workers.push(jobs);
  }
  const known = await db.owner.sql<{ identifier: string }[]>`
    select identifier from graphile_worker._private_known_crontabs order by identifier`;
  expect(known.map((row) => row.identifier)).toEqual(
    [PRUNE_CHANGE_LOG_TASK, SWEEP_DOCUMENTS_TASK, SNAPSHOT_TASK, EMBED_SWEEP_TASK].sort(),
  );
});

// AI_MONTHLY_LIMIT is enforced in Postgres: 20 concurrent generation requests
// with 10 left succeed exactly 10 times, and the rest get a clear message.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@pursuit/db/testing';
import { startDocuments } from '../../src/documents';
import type { Jobs } from '../../src/jobs';
import {
  call,
  createApplication,
  signUp,
  startServer,
  TrpcError,
  type Running,
} from '../live/harness';

let db: TestDatabase;
let running: Running;
let jobs: Jobs;

beforeAll(async () => {
  db = await createTestDatabase();
  const started = await startDocuments(
    { retentionDays: 30, monthlyLimit: 10, openai: null, builtinWordsPerSecond: 0, worker: false },
    { app: db.app, owner: db.owner, ownerUrl: db.ownerUrl },
    () => {},
    false,
  );
  jobs = started.jobs;
  running = await startServer(db.app, db.owner, { documents: started.services });
});

afterAll(async () => {
  await running?.pursuit.close();
  await jobs?.stop();
  await db?.close();
});

it('20 concurrent requests with 10 left succeed exactly 10 times', async () => {
  const owner = await signUp(running.base, 'Quota');
  const applications = [];
  for (let i = 0; i < 20; i += 1)
    applications.push(await createApplication(running.base, owner.cookie, `Company ${i}`));
  const results = await Promise.allSettled(
    applications.map((a) =>
      call(
        running.base,
        'document.generate',
        { applicationId: a.id, type: 'research_report' },
        owner.cookie,
      ),
    ),
  );
  const ok = results.filter((r) => r.status === 'fulfilled');
  const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  expect(ok).toHaveLength(10);
  expect(refused).toHaveLength(10);
  for (const r of refused) {
    expect(r.reason).toBeInstanceOf(TrpcError);
    expect((r.reason as TrpcError).status).toBe(429);
    expect(JSON.stringify((r.reason as TrpcError).body)).toContain('all 10 generations');
  }
  const { data: settings } = await call<{ quota: { used: number; left: number; limit: number } }>(
    running.base,
    'document.settings',
    undefined,
    owner.cookie,
    'query',
  );
  expect(settings.quota).toMatchObject({ used: 10, left: 0, limit: 10 });
  const [history] = await db.owner.sql<
    { n: number }[]
  >`select count(*)::int as n from quota_history`;
  expect(history!.n).toBe(10);
});

// AI_MONTHLY_LIMIT over the wire: a generation past the limit is HTTP 429
// with the message. The rule itself (20 concurrent requests with 10 left
// succeed exactly 10 times) is tested through the router in
// packages/api/test/router/document.test.ts.
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
    { retentionDays: 30, monthlyLimit: 1, openai: null, builtinWordsPerSecond: 0, worker: false },
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

it('a generation past the monthly limit is HTTP 429 with the message', async () => {
  const owner = await signUp(running.base, 'Quota');
  const first = await createApplication(running.base, owner.cookie, 'Company 1');
  const second = await createApplication(running.base, owner.cookie, 'Company 2');
  const generate = (applicationId: string) =>
    call(
      running.base,
      'document.generate',
      { applicationId, type: 'research_report' },
      owner.cookie,
    );
  await generate(first.id);
  const refused = await generate(second.id).then(
    () => null,
    (error: unknown) => error,
  );
  expect(refused).toBeInstanceOf(TrpcError);
  expect((refused as TrpcError).status).toBe(429);
  expect(JSON.stringify((refused as TrpcError).body)).toContain('all 1 generations');
  const { data: settings } = await call<{ quota: { used: number; left: number; limit: number } }>(
    running.base,
    'document.settings',
    undefined,
    owner.cookie,
    'query',
  );
  expect(settings.quota).toMatchObject({ used: 1, left: 0, limit: 1 });
});

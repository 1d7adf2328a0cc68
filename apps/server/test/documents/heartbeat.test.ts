// Issue 10: a model slow to give its first token (a local model loading, a
// busy provider) is not taken for a dead worker. The worker beats a heartbeat
// while it waits; the sweep fails only generations whose heartbeat is older
// than GENERATION_STALE_SECONDS. The model is a local server speaking the
// Chat Completions streaming protocol, answering after a long silence.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTestDatabase, type TestDatabase } from '@pursuit/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDocuments } from '../../src/documents';
import type { Jobs } from '../../src/jobs';
import { sweepDocuments } from '../../src/sweeps';
import { call, createApplication, signUp, sleep, startServer, type Running } from '../live/harness';

const STALE_SECONDS = 1;
const FIRST_TOKEN_MS = 3_500;

let db: TestDatabase;
let model: Server;
let running: Running;
let jobs: Jobs;

function chunk(delta: Record<string, string>, finish: string | null = null) {
  return `data: ${JSON.stringify({
    id: 'chatcmpl-slow',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'slow-model',
    choices: [{ index: 0, delta, finish_reason: finish }],
  })}\n\n`;
}

beforeAll(async () => {
  db = await createTestDatabase();
  model = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
        res.write(chunk({ role: 'assistant', content: '# Research report\n\n' }));
        res.write(chunk({ content: 'The role in brief: backend work.' }));
        res.write(chunk({}, 'stop'));
        res.end('data: [DONE]\n\n');
      }, FIRST_TOKEN_MS);
    });
  });
  model.listen(0, '127.0.0.1');
  await new Promise((resolve) => model.once('listening', resolve));
  const started = await startDocuments(
    {
      retentionDays: 30,
      monthlyLimit: null,
      openai: {
        baseUrl: `http://127.0.0.1:${(model.address() as AddressInfo).port}/v1`,
        apiKey: 'test-key',
        model: 'slow-model',
      },
      builtinWordsPerSecond: 0,
      worker: true,
      staleSeconds: STALE_SECONDS,
    },
    { app: db.app, owner: db.owner, ownerUrl: db.ownerUrl },
    () => {},
  );
  jobs = started.jobs;
  running = await startServer(db.app, db.owner, { documents: started.services });
});

afterAll(async () => {
  await running?.pursuit.close();
  await jobs?.stop();
  await new Promise((resolve) => model?.close(resolve));
  await db?.close();
});

async function documentRow(applicationId: string) {
  const [row] = await db.owner.sql<{ status: string; error: string | null }[]>`
    select status, error from documents where application_id = ${applicationId}`;
  return row;
}

describe('issue 10: generation heartbeat', () => {
  it('a model silent for longer than the stale limit is not failed by the sweep, and finishes', async () => {
    const owner = await signUp(running.base, 'Patient');
    const application = await createApplication(running.base, owner.cookie, 'Slowpoke');
    await call(
      running.base,
      'document.generate',
      { applicationId: application.id, type: 'research_report' },
      owner.cookie,
    );
    // The sweep runs again and again while the model says nothing.
    const silentUntil = Date.now() + FIRST_TOKEN_MS - 300;
    let sawGenerating = false;
    while (Date.now() < silentUntil) {
      await sweepDocuments({
        owner: db.owner,
        staleSeconds: STALE_SECONDS,
        changeLogRetentionSeconds: 3600,
        log: () => {},
      });
      const row = await documentRow(application.id);
      expect(row?.status, row?.error ?? '').not.toBe('failed');
      sawGenerating ||= row?.status === 'generating';
      await sleep(250);
    }
    expect(sawGenerating).toBe(true);
    for (let i = 0; i < 100; i += 1) {
      const row = await documentRow(application.id);
      if (row?.status === 'ready') return;
      expect(row?.status, row?.error ?? '').not.toBe('failed');
      await sleep(100);
    }
    throw new Error('the generation never finished');
  });
});

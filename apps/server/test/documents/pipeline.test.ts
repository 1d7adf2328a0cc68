// The document pipeline end to end: the API queues a generation, the worker
// (graphile-worker on the test database) streams it into the document row,
// and the change feed carries status, progress and the growing text to every
// open session of the owner, and to nobody else.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@pursuit/db/testing';
import { startDocuments } from '../../src/documents';
import type { Jobs } from '../../src/jobs';
import {
  call,
  createApplication,
  RawSubscriber,
  signUp,
  sleep,
  startServer,
  subscribed,
  TrpcError,
  type Running,
} from '../live/harness';

let db: TestDatabase;
let running: Running;
let jobs: Jobs;

const documentsEnv = {
  retentionDays: 30,
  monthlyLimit: null,
  openai: null,
  builtinWordsPerSecond: 400,
  worker: true,
};

beforeAll(async () => {
  db = await createTestDatabase();
  const started = await startDocuments(
    documentsEnv,
    { app: db.app, owner: db.owner, ownerUrl: db.ownerUrl },
    () => {},
  );
  jobs = started.jobs;
  running = await startServer(db.app, db.owner, { documents: started.services });
});

afterAll(async () => {
  await running?.pursuit.close();
  await jobs?.stop();
  await db?.close();
});

interface DocRow {
  id: string;
  status: string;
  progress: number;
  draft: string | null;
  currentVersion: number | null;
  applicationId: string;
}

function documentEvents(sub: RawSubscriber) {
  return sub.events.filter((e) => e.table === 'documents').map((e) => e.row as unknown as DocRow);
}

async function forApplication(cookie: string, applicationId: string) {
  const { data } = await call<{
    documents: (DocRow & {
      type: string;
      content: string | null;
      versions: { version: number }[];
    })[];
    match: { score: number } | null;
  }>(running.base, 'document.forApplication', { applicationId }, cookie, 'query');
  return data;
}

async function waitForStatus(cookie: string, applicationId: string, type: string, status: string) {
  for (let i = 0; i < 100; i += 1) {
    const { documents } = await forApplication(cookie, applicationId);
    const doc = documents.find((d) => d.type === type);
    if (doc?.status === status) return doc;
    await sleep(100);
  }
  throw new Error(`document ${type} never became ${status}`);
}

describe('generation', () => {
  it('streams status, progress and growing text to both of the owner’s sockets, and nothing to another user', async () => {
    const owner = await signUp(running.base, 'Writer');
    const other = await signUp(running.base, 'Bystander');
    const application = await createApplication(running.base, owner.cookie, 'Streamline');
    const tabs = [
      await RawSubscriber.open(running.wsUrl, owner.cookie),
      await RawSubscriber.open(running.wsUrl, owner.cookie),
    ];
    const stranger = await RawSubscriber.open(running.wsUrl, other.cookie);
    for (const s of [...tabs, stranger]) s.subscribe();
    await subscribed(running, owner.id, 2);
    await subscribed(running, other.id, 1);

    const { data: started } = await call<{ documentId: string; jobId: string }>(
      running.base,
      'document.generate',
      { applicationId: application.id, type: 'research_report' },
      owner.cookie,
    );
    for (const tab of tabs) {
      await tab.waitFor(
        () => documentEvents(tab).some((d) => d.status === 'ready'),
        15_000,
        'the research report to be ready',
      );
      const seen = documentEvents(tab);
      const statuses = [...new Set(seen.map((d) => d.status))];
      expect(statuses).toEqual(expect.arrayContaining(['queued', 'generating', 'ready']));
      const drafts = seen
        .filter((d) => d.status === 'generating' && d.draft)
        .map((d) => d.draft!.length);
      expect(drafts.length).toBeGreaterThan(2); // the text arrived in pieces…
      expect([...drafts].sort((a, b) => a - b)).toEqual(drafts); // …each longer than the last
      const progress = seen.filter((d) => d.status === 'generating').map((d) => d.progress);
      expect(progress.at(-1)).toBeGreaterThan(progress[0]!);
      expect(seen.at(-1)).toMatchObject({
        status: 'ready',
        progress: 100,
        currentVersion: 1,
        draft: null,
      });
    }
    await sleep(300);
    expect(stranger.events).toEqual([]);
    expect(
      stranger.frames.some((f) => f.includes(started.documentId) || f.includes('Streamline')),
    ).toBe(false);

    // Phase flag and match score follow.
    const { data: detail } = await call<{ researchCompleted: boolean; matchScore: number | null }>(
      running.base,
      'application.byId',
      { id: application.id },
      owner.cookie,
      'query',
    );
    expect(detail.researchCompleted).toBe(true);
    expect(detail.matchScore).not.toBeNull();
    for (const s of [...tabs, stranger]) s.close();
  });

  it('refuses a phase before the one it builds on, saying which comes first', async () => {
    const owner = await signUp(running.base, 'Eager');
    const application = await createApplication(running.base, owner.cookie);
    for (const [type, first] of [
      ['optimized_resume', 'research report'],
      ['cover_letter', 'tailored resume'],
    ] as const) {
      const error = await call(
        running.base,
        'document.generate',
        { applicationId: application.id, type },
        owner.cookie,
      ).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TrpcError);
      expect((error as TrpcError).status).toBe(412);
      expect(JSON.stringify((error as TrpcError).body)).toContain(first);
    }
  });

  it('returns the same job when asked again while one is queued or running', async () => {
    const owner = await signUp(running.base, 'Impatient');
    const application = await createApplication(running.base, owner.cookie);
    const asks = await Promise.all(
      Array.from({ length: 5 }, () =>
        call<{ jobId: string; deduplicated: boolean }>(
          running.base,
          'document.generate',
          { applicationId: application.id, type: 'research_report' },
          owner.cookie,
        ),
      ),
    );
    expect(new Set(asks.map((a) => a.data.jobId)).size).toBe(1);
    expect(asks.filter((a) => !a.data.deduplicated)).toHaveLength(1);
    await waitForStatus(owner.cookie, application.id, 'research_report', 'ready');
    const { documents } = await forApplication(owner.cookie, application.id);
    expect(documents.find((d) => d.type === 'research_report')!.versions).toHaveLength(1);
  });

  it('regenerating makes version 2 and keeps version 1 readable; then the next phase may start', async () => {
    const owner = await signUp(running.base, 'Again');
    const application = await createApplication(running.base, owner.cookie);
    const generate = (type: string) =>
      call(
        running.base,
        'document.generate',
        { applicationId: application.id, type },
        owner.cookie,
      );
    await generate('research_report');
    await waitForStatus(owner.cookie, application.id, 'research_report', 'ready');
    await generate('research_report');
    await sleep(200);
    const ready = await waitForStatus(owner.cookie, application.id, 'research_report', 'ready');
    expect(ready.currentVersion).toBe(2);
    expect(ready.versions.map((v) => v.version)).toEqual([1, 2]);
    const { data: v1 } = await call<{ content: string; expiresAt: string | null }>(
      running.base,
      'document.version',
      { documentId: ready.id, version: 1 },
      owner.cookie,
      'query',
    );
    expect(v1.content).toContain('# Research');
    expect(v1.expiresAt).not.toBeNull(); // superseded: expires after the retention period

    await generate('optimized_resume');
    await waitForStatus(owner.cookie, application.id, 'optimized_resume', 'ready');
    const { data: flags } = await call<{ resumeOptimized: boolean }>(
      running.base,
      'application.byId',
      { id: application.id },
      owner.cookie,
      'query',
    );
    expect(flags.resumeOptimized).toBe(true);
  });

  it('a hand edit is a new version marked as edited; restoring brings old text back as the newest', async () => {
    const owner = await signUp(running.base, 'Editor');
    const application = await createApplication(running.base, owner.cookie);
    await call(
      running.base,
      'document.generate',
      { applicationId: application.id, type: 'research_report' },
      owner.cookie,
    );
    const ready = await waitForStatus(owner.cookie, application.id, 'research_report', 'ready');
    await call(
      running.base,
      'document.edit',
      { documentId: ready.id, content: '# My own notes' },
      owner.cookie,
    );
    await call(
      running.base,
      'document.restore',
      { documentId: ready.id, version: 1 },
      owner.cookie,
    );
    const { documents } = await forApplication(owner.cookie, application.id);
    const doc = documents.find((d) => d.type === 'research_report')!;
    expect(doc.currentVersion).toBe(3);
    expect(doc.content).toBe(ready.content);
    const { data: edited } = await call<{ userEdited: boolean; content: string }>(
      running.base,
      'document.version',
      { documentId: ready.id, version: 2 },
      owner.cookie,
      'query',
    );
    expect(edited).toMatchObject({ userEdited: true, content: '# My own notes' });
  });

  it("another user's application or document is not found", async () => {
    const owner = await signUp(running.base, 'Mine');
    const thief = await signUp(running.base, 'Thief');
    const application = await createApplication(running.base, owner.cookie);
    const error = await call(
      running.base,
      'document.generate',
      { applicationId: application.id, type: 'research_report' },
      thief.cookie,
    ).catch((e: unknown) => e as TrpcError);
    expect((error as TrpcError).status).toBe(404);
    const listed = await call(
      running.base,
      'document.forApplication',
      { applicationId: application.id },
      thief.cookie,
      'query',
    ).catch((e: unknown) => e as TrpcError);
    expect((listed as TrpcError).status).toBe(404);
  });
});

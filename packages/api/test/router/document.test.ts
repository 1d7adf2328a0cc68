// The documents router against the real database, with a job queue that only
// records what it was asked (no worker runs): phase order, deduplication,
// the monthly quota under concurrency, cancel, and versions by hand.
import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import {
  noDocumentServices,
  openAIGenerator,
  redactUrl,
  type DocumentServices,
  type GeneratePayload,
} from '../../src/server';
import { callerFor, failureOf, setUp, signUp, type Person } from '../support/accounts';
import { createApplication } from '../support/applications';

const world = setUp('ada');

/** Document services whose queue records jobs instead of running them. */
function recordingServices(monthlyLimit: number | null) {
  const queued: GeneratePayload[] = [];
  const cancelled: string[] = [];
  const services: DocumentServices = {
    ...noDocumentServices,
    monthlyLimit,
    jobs: {
      enqueueGeneration: (payload) => {
        queued.push(payload);
        return Promise.resolve(payload.jobId);
      },
      cancel: (jobId) => {
        cancelled.push(jobId);
        return Promise.resolve();
      },
    },
  };
  return { services, queued, cancelled };
}

function withServices(person: Person, services: DocumentServices) {
  return callerFor(world.t, person.token, services);
}

describe('documents', () => {
  it('a later phase before the earlier one is refused with what to do first', async () => {
    const application = await createApplication(world.ada);
    const { services } = recordingServices(null);
    const failure = await failureOf(
      withServices(world.ada, services).document.generate({
        applicationId: application.id,
        type: 'optimized_resume',
      }),
    );
    expect(failure).toMatchObject({
      code: 'PRECONDITION_FAILED',
      message: 'Generate the research report first: the tailored resume builds on it.',
    });
  });

  it('a second request while one is queued returns the same job instead of another', async () => {
    const application = await createApplication(world.ada);
    const { services, queued, cancelled } = recordingServices(null);
    const api = withServices(world.ada, services);
    const first = await api.document.generate({
      applicationId: application.id,
      type: 'research_report',
    });
    const second = await api.document.generate({
      applicationId: application.id,
      type: 'research_report',
    });
    expect(first.deduplicated).toBe(false);
    expect(second).toEqual({ ...first, deduplicated: true });
    expect(queued.map((job) => job.jobId)).toEqual([first.jobId]);
    expect(await api.document.cancel({ documentId: first.documentId })).toEqual({
      cancelled: true,
    });
    expect(cancelled).toEqual([first.jobId]);
  });

  it('20 concurrent requests with 10 left succeed exactly 10 times', async () => {
    const owner = await signUp(world.t, 'quota');
    const applications = [];
    for (let i = 0; i < 20; i += 1) {
      applications.push(await createApplication(owner, { companyName: `Company ${i}` }));
    }
    const api = withServices(owner, recordingServices(10).services);
    const results = await Promise.allSettled(
      applications.map((a) =>
        api.document.generate({ applicationId: a.id, type: 'research_report' }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(10);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(refused).toHaveLength(10);
    for (const r of refused) {
      expect(r.reason).toBeInstanceOf(TRPCError);
      expect((r.reason as TRPCError).code).toBe('TOO_MANY_REQUESTS');
      expect((r.reason as TRPCError).message).toContain('all 10 generations');
    }
    const settings = await api.document.settings();
    expect(settings.quota).toMatchObject({ used: 10, left: 0, limit: 10 });
    const [history] = await world.t.owner.sql<{ n: number }[]>`
      select count(*)::int as n from quota_history where user_id = ${owner.id}`;
    expect(history!.n).toBe(10);
  });

  it('editing and restoring add versions; the old ones stay readable', async () => {
    const application = await createApplication(world.ada);
    const { services } = recordingServices(null);
    const api = withServices(world.ada, services);
    const { documentId } = await api.document.generate({
      applicationId: application.id,
      type: 'research_report',
    });
    const busy = await failureOf(api.document.edit({ documentId, content: 'Too soon.' }));
    expect(busy).toMatchObject({
      code: 'CONFLICT',
      message: 'Wait for the generation to finish (or cancel it) before editing.',
    });
    await api.document.cancel({ documentId });
    await api.document.edit({ documentId, content: 'First notes.' });
    await api.document.edit({ documentId, content: 'Second notes.' });
    const restored = await api.document.restore({ documentId, version: 1 });
    expect(restored.currentVersion).toBe(3);
    const third = await api.document.version({ documentId, version: 3 });
    expect(third).toMatchObject({ content: 'First notes.', settings: { restoredFrom: 1 } });
    const view = await api.document.forApplication({ applicationId: application.id });
    expect(view.documents[0]!.versions.map((v) => v.version)).toEqual([1, 2, 3]);
    expect(view.documents[0]!.content).toBe('First notes.');
  });
});

describe("issue 10: the settings never show a base URL's credentials", () => {
  it('redactUrl hides userinfo and secret-looking query values, and keeps the rest', () => {
    expect(redactUrl('https://user:s3cret@llm.example.com:8443/v1')).toBe(
      'https://***:***@llm.example.com:8443/v1',
    );
    expect(redactUrl('https://token@llm.example.com/v1')).toBe('https://***@llm.example.com/v1');
    expect(
      redactUrl('https://llm.example.com/v1?api_key=sk-live-123&api-version=2024-06-01&sig=abc'),
    ).toBe('https://llm.example.com/v1?api_key=***&api-version=2024-06-01&sig=***');
    expect(redactUrl('http://localhost:11434/v1')).toBe('http://localhost:11434/v1');
    expect(redactUrl('https://llm.example.com/v1#access_token=xyz')).toBe(
      'https://llm.example.com/v1',
    );
    expect(redactUrl('not a url with sk-live-123')).toBe('(not a valid URL)');
  });

  it('document.settings, what the settings page loads, carries no secret from the base URL', async () => {
    const services: DocumentServices = {
      ...noDocumentServices,
      generator: {
        name: 'gpt-4o-mini',
        kind: 'openai',
        baseUrl: 'https://alice:hunter2-secret@llm.example.com/v1?api_key=sk-live-123&region=eu',
      },
    };
    const settings = await withServices(world.ada, services).document.settings();
    const wire = JSON.stringify(settings);
    expect(wire).not.toContain('hunter2');
    expect(wire).not.toContain('alice');
    expect(wire).not.toContain('sk-live-123');
    expect(settings.generator.baseUrl).toBe(
      'https://***:***@llm.example.com/v1?api_key=***&region=eu',
    );
  });

  it('the settings stored with each generated version name the server without its credentials', () => {
    const generator = openAIGenerator({
      baseURL: 'https://alice:hunter2-secret@llm.example.com/v1?api_key=sk-live-123',
      apiKey: 'sk-live-456',
    });
    const stored = JSON.stringify(generator.settings);
    expect(stored).not.toMatch(/hunter2|alice|sk-live/);
    expect(generator.settings).toMatchObject({
      baseURL: 'https://***:***@llm.example.com/v1?api_key=***',
    });
  });
});

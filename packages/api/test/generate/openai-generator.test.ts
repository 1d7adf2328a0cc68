// The OpenAI-compatible generator against a local server that speaks the Chat
// Completions streaming protocol (server-sent events ending in data: [DONE]).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAIGenerator } from '../../src/generate/openai';
import type { Candidate } from '../../src/generate/candidate';
import { chunk, sendStream, startOpenAIServer, type OpenAIServer } from '../support/openai-server';

let server: OpenAIServer;

beforeAll(async () => {
  server = await startOpenAIServer();
});

afterAll(() => server.close());

const candidate: Candidate = {
  firstName: 'Ada',
  lastName: 'Lovelace',
  headline: 'Senior Backend Engineer',
  yearsOfExperience: 8,
  skills: [{ name: 'TypeScript', proficiency: 'expert', years: 6 }],
  experiences: [
    {
      company: 'Analytical Engines',
      title: 'Senior Engineer',
      achievements: [
        'Cut p95 latency from 480 ms to 120 ms by rewriting the query layer in TypeScript',
      ],
      technologies: ['TypeScript', 'PostgreSQL'],
    },
  ],
  education: [],
  certifications: [],
};
const posting = {
  company: 'Acme',
  roleTitle: 'Backend Engineer',
  description:
    'We need a backend engineer with strong TypeScript and PostgreSQL and Kubernetes experience.',
};

async function collect(iterable: AsyncIterable<string>) {
  const parts: string[] = [];
  for await (const part of iterable) parts.push(part);
  return parts;
}

describe('OpenAI-compatible generator', () => {
  it('streams the deltas in order and sends the model, stream flag and key', async () => {
    server.handle((_request, res) => sendStream(res, ['# Cover', ' letter\n\nDear', ' team,']));
    const generator = openAIGenerator({
      baseURL: server.baseURL,
      apiKey: 'sk-test',
      model: 'test-model',
    });
    const parts = await collect(generator.generate('cover_letter', candidate, posting));
    expect(parts).toEqual(['# Cover', ' letter\n\nDear', ' team,']);
    const last = server.requests.at(-1)!;
    expect(last.body.model).toBe('test-model');
    expect(last.body.stream).toBe(true);
    expect(last.headers.authorization).toBe('Bearer sk-test');
    expect(generator.name).toBe('test-model');
  });

  it('surfaces an error event sent mid-stream as a failure, after the text so far', async () => {
    server.handle((_request, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(chunk('# Cover'));
      res.write(chunk(' letter\n\nDear'));
      res.end(
        `event: error\ndata: ${JSON.stringify({ error: { message: 'model overloaded', type: 'server_error' } })}\n\n`,
      );
    });
    const parts: string[] = [];
    await expect(async () => {
      for await (const part of openAIGenerator({ baseURL: server.baseURL, model: 'm' }).generate(
        'cover_letter',
        candidate,
        posting,
      )) {
        parts.push(part);
      }
    }).rejects.toThrow(/overloaded/);
    expect(parts.join('')).toBe('# Cover letter\n\nDear');
  });

  it('fails when the connection is cut mid-stream', async () => {
    server.handle((_request, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(chunk('# Cover'));
      res.socket?.destroy();
    });
    await expect(
      collect(
        openAIGenerator({ baseURL: server.baseURL, model: 'm' }).generate(
          'cover_letter',
          candidate,
          posting,
        ),
      ),
    ).rejects.toThrow();
  });

  it('builds its prompt from the extracted facts and forbids invention', async () => {
    server.handle((_request, res) => sendStream(res, ['ok']));
    await collect(
      openAIGenerator({ baseURL: server.baseURL, model: 'm' }).generate(
        'cover_letter',
        candidate,
        posting,
      ),
    );
    const [system, user] = server.requests.at(-1)!.body.messages;
    expect(system!.content).toMatch(/Never invent/);
    expect(user!.content).toContain('"gaps": [\n      "Kubernetes"');
    expect(user!.content).toContain('Cut p95 latency from 480 ms to 120 ms');
  });
});

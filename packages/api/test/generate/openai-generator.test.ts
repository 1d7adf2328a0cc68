// The OpenAI-compatible generator against a local server that speaks the Chat
// Completions streaming protocol (server-sent events ending in data: [DONE]).
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAIGenerator } from '../../src/generate/openai';
import type { Candidate } from '../../src/generate/candidate';

interface Recorded {
  body: { model: string; stream: boolean; messages: { role: string; content: string }[] };
  headers: IncomingMessage['headers'];
}

let server: Server;
let baseURL: string;
const requests: Recorded[] = [];
let mode: 'ok' | 'error-event' | 'cut' = 'ok';

function chunk(content: string) {
  return `data: ${JSON.stringify({
    id: 'chatcmpl-1',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'test-model',
    choices: [{ index: 0, delta: { content }, finish_reason: null }],
  })}\n\n`;
}

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      requests.push({ body: JSON.parse(raw) as Recorded['body'], headers: req.headers });
      if (req.url !== '/v1/chat/completions') {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      res.write(chunk('# Cover'));
      res.write(chunk(' letter\n\nDear'));
      if (mode === 'error-event') {
        res.write(
          `event: error\ndata: ${JSON.stringify({ error: { message: 'model overloaded', type: 'server_error' } })}\n\n`,
        );
        res.end();
        return;
      }
      if (mode === 'cut') {
        res.socket?.destroy();
        return;
      }
      res.write(chunk(' team,'));
      res.write(
        `data: ${JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: 'test-model', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\n`,
      );
      res.write('data: [DONE]\n\n');
      res.end();
    });
  });
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

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
    mode = 'ok';
    const generator = openAIGenerator({ baseURL, apiKey: 'sk-test', model: 'test-model' });
    const parts = await collect(generator.generate('cover_letter', candidate, posting));
    expect(parts).toEqual(['# Cover', ' letter\n\nDear', ' team,']);
    const last = requests.at(-1)!;
    expect(last.body.model).toBe('test-model');
    expect(last.body.stream).toBe(true);
    expect(last.headers.authorization).toBe('Bearer sk-test');
    expect(generator.name).toBe('test-model');
  });

  it('builds its prompt from the extracted facts and forbids invention', async () => {
    mode = 'ok';
    await collect(
      openAIGenerator({ baseURL, model: 'm' }).generate('cover_letter', candidate, posting),
    );
    const [system, user] = requests.at(-1)!.body.messages;
    expect(system!.content).toMatch(/Never invent/);
    expect(user!.content).toContain('"gaps": [\n      "Kubernetes"');
    expect(user!.content).toContain('Cut p95 latency from 480 ms to 120 ms');
  });

  it('surfaces an error event sent mid-stream as a failure, after the text so far', async () => {
    mode = 'error-event';
    const parts: string[] = [];
    await expect(async () => {
      for await (const part of openAIGenerator({ baseURL, model: 'm' }).generate(
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
    mode = 'cut';
    await expect(
      collect(
        openAIGenerator({ baseURL, model: 'm' }).generate('cover_letter', candidate, posting),
      ),
    ).rejects.toThrow();
  });
});

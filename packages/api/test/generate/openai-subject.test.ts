// The OpenAI-compatible quality subject against a local Chat Completions
// server: documents are the streamed text joined, the match is structured.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAISubject } from '../quality/subjects/openai';
import {
  sendCompletion,
  sendStream,
  startOpenAIServer,
  type OpenAIServer,
} from '../support/openai-server';
import { englishJob, staffEngineer } from './openai-fixtures';

let server: OpenAIServer;

beforeAll(async () => {
  server = await startOpenAIServer();
});

afterAll(() => server.close());

describe('OpenAI-compatible quality subject', () => {
  it('is named for the model and returns a document as the streamed text joined', async () => {
    server.handle((_request, res) => sendStream(res, ['# Research', ' report\n\n', 'Kafka.']));
    const subject = openAISubject({ baseURL: server.baseURL, model: 'test-model' });
    expect(subject.name).toBe('test-model');
    await expect(subject.document('research_report', staffEngineer, englishJob)).resolves.toBe(
      '# Research report\n\nKafka.',
    );
    expect(server.requests.at(-1)!.body.stream).toBe(true);
  });

  it('matches through structured output', async () => {
    server.handle((_request, res) =>
      sendCompletion(
        res,
        JSON.stringify({
          items: [
            {
              name: 'Kafka',
              anyOf: [],
              kind: 'required',
              shown: true,
              evidence: 'skills (Infrastructure)',
              sources: [{ where: 'skills (Infrastructure)', quote: 'Kafka' }],
              advice: null,
            },
          ],
          score: 77,
          yearsRequired: null,
          seniority: null,
          highlights: [],
          feedback: 'Lead with Kafka.',
          explanation: 'One of one required shown.',
        }),
      ),
    );
    const result = await openAISubject({ baseURL: server.baseURL, model: 'test-model' }).match(
      staffEngineer,
      englishJob,
    );
    expect(server.requests.at(-1)!.body.response_format?.type).toBe('json_schema');
    expect(result.score).toBe(77);
    expect(result.details.items).toEqual([
      expect.objectContaining({ name: 'Kafka', shown: true, evidence: 'skills (Infrastructure)' }),
    ]);
  });
});

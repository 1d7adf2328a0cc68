// The match from an OpenAI-compatible model, as structured output, against a
// local server that speaks the Chat Completions protocol: the strict
// json_schema request, the fallbacks for servers that refuse it, validation of
// the reply, and the model's claims held to the profile.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAIAnalyzeMatch } from '../../src/generate/openai';
import {
  sendCompletion,
  sendError,
  startOpenAIServer,
  type OpenAIServer,
} from '../support/openai-server';
import { englishJob, germanJob, staffEngineer } from './openai-fixtures';

let server: OpenAIServer;

beforeAll(async () => {
  server = await startOpenAIServer();
});

afterAll(() => server.close());

const options = () => ({ baseURL: server.baseURL, apiKey: 'sk-test', model: 'test-model' });

/** A reply a model might give for the staff engineer against the English job. */
function reply(overrides: Record<string, unknown> = {}) {
  return {
    items: [
      {
        name: 'Kafka',
        anyOf: [],
        kind: 'required',
        shown: true,
        evidence: "skills (Infrastructure); 'replication fetch path' at Confluent",
        sources: [
          { where: 'skills (Infrastructure)', quote: null },
          {
            where: 'Staff Software Engineer at Confluent',
            quote: 'Rewrote the replication fetch path',
          },
        ],
        advice: null,
      },
      {
        name: 'Payments or fintech',
        anyOf: ['payments', 'fintech'],
        kind: 'preferred',
        shown: false,
        evidence: '',
        sources: [],
        advice: 'Read up on card settlement and mention the ledgerlite project.',
      },
    ],
    score: 82,
    yearsRequired: 6,
    seniority: 'senior',
    highlights: ['Rewrote the replication fetch path, cutting follower lag by 40%'],
    feedback: 'A strong fit: lead with Kafka.',
    explanation: 'Shows every required item; one preferred item missing.',
    ...overrides,
  };
}

function answer(body: unknown) {
  server.handle((_request, res) => sendCompletion(res, JSON.stringify(body)));
}

describe('OpenAI-compatible match', () => {
  it('asks for strict json_schema structured output, not a stream', async () => {
    answer(reply());
    const before = server.requests.length;
    await openAIAnalyzeMatch(options(), staffEngineer, englishJob);
    expect(server.requests.length - before).toBe(1);
    const { body, headers } = server.requests.at(-1)!;
    expect(headers.authorization).toBe('Bearer sk-test');
    expect(body.model).toBe('test-model');
    expect(body.stream).toBeFalsy();
    expect(body.response_format?.type).toBe('json_schema');
    const format = body.response_format!.json_schema!;
    expect(format.name).toBe('match_analysis');
    expect(format.strict).toBe(true);
    // Strict mode: every property required, nothing else allowed.
    const schema = format.schema as {
      properties: Record<string, unknown>;
      required: string[];
      additionalProperties: boolean;
    };
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required.sort()).toEqual(Object.keys(schema.properties).sort());
    expect(schema.required).toEqual(expect.arrayContaining(['items', 'score', 'feedback']));
  });

  it('carries the whole profile in the match prompt: keywords, projects, courses, languages', async () => {
    answer(reply());
    await openAIAnalyzeMatch(options(), staffEngineer, englishJob);
    const user = server.requests.at(-1)!.body.messages.at(-1)!.content;
    for (const fact of [
      'Terraform',
      'ledgerlite',
      'Handles 5,000 transfers a second',
      'Distributed Algorithms',
      '"languages"',
      'Native speaker',
      'Led the tiered storage rollout',
    ]) {
      expect(user).toContain(fact);
    }
    expect(user).toContain(englishJob.description);
  });

  it('returns the model’s match with its evidence, strengths only for shown items', async () => {
    answer(reply());
    const result = await openAIAnalyzeMatch(options(), staffEngineer, englishJob);
    expect(result.score).toBe(82);
    expect(result.feedback).toBe('A strong fit: lead with Kafka.');
    expect(result.details.items[0]).toMatchObject({
      name: 'Kafka',
      kind: 'required',
      shown: true,
      evidence: "skills (Infrastructure); 'replication fetch path' at Confluent",
    });
    expect(result.details.items[1]).toMatchObject({
      name: 'Payments or fintech',
      kind: 'preferred',
      shown: false,
      advice: 'Read up on card settlement and mention the ledgerlite project.',
    });
    expect(result.strengths).toEqual([
      "Kafka — skills (Infrastructure); 'replication fetch path' at Confluent",
    ]);
    expect(result.weaknesses).toEqual(['Payments or fintech (preferred)']);
    expect(result.highlights).toEqual([
      'Rewrote the replication fetch path, cutting follower lag by 40%',
    ]);
    expect(result.details.years.required).toBe(6);
    expect(result.details.explanation).toBe(
      'Shows every required item; one preferred item missing.',
    );
    const parts = Object.fromEntries(result.details.parts.map((p) => [p.name, p.value]));
    expect(parts).toMatchObject({ required: 1, preferred: 0 });
    expect(result.details.parts.reduce((sum, p) => sum + p.weight, 0)).toBeCloseTo(1);
  });

  it('does not keep a quote or highlight the person never wrote', async () => {
    const invented = reply({
      highlights: ['Led the Kafka 4.0 release', 'Led the tiered storage rollout'],
    });
    invented.items[0]!.sources = [
      { where: 'Staff Software Engineer at Confluent', quote: 'Led the Kafka 4.0 release' },
      { where: 'skills (Infrastructure)', quote: 'Kafka' },
    ];
    answer(invented);
    const result = await openAIAnalyzeMatch(options(), staffEngineer, englishJob);
    expect(result.details.items[0]!.shown).toBe(true);
    expect(result.details.items[0]!.sources).toEqual([
      { where: 'skills (Infrastructure)', quote: 'Kafka' },
    ]);
    expect(result.highlights).toEqual(['Led the tiered storage rollout']);
  });

  it('turns a claimed gap that the profile shows into a match (no false gaps)', async () => {
    answer(
      reply({
        items: [
          {
            name: 'Terraform',
            anyOf: [],
            kind: 'required',
            shown: false,
            evidence: 'Not in the profile.',
            sources: [],
            advice: 'Take a Terraform course.',
          },
        ],
      }),
    );
    const result = await openAIAnalyzeMatch(options(), staffEngineer, englishJob);
    const [terraform] = result.details.items;
    expect(terraform).toMatchObject({ name: 'Terraform', kind: 'required', shown: true });
    expect(terraform!.advice).toBeUndefined();
    expect(terraform!.evidence).not.toBe('Not in the profile.');
    expect(result.weaknesses).toEqual([]);
    expect(result.strengths[0]).toMatch(/^Terraform — /);
  });

  it('turns a claimed gap the profile names under an alias into a match', async () => {
    const gap = (name: string) => ({
      name,
      anyOf: [],
      kind: 'required',
      shown: false,
      evidence: '',
      sources: [],
      advice: `Learn ${name}.`,
    });
    answer(reply({ items: [gap('k8s'), gap('Distributed Algorithms'), gap('Payments')] }));
    const result = await openAIAnalyzeMatch(options(), staffEngineer, englishJob);
    expect(result.details.items.map((i) => [i.name, i.shown])).toEqual([
      ['k8s', true],
      ['Distributed Algorithms', true],
      // The built-in shows "Payments or Fintech or Rust" through Rust: that says nothing of payments.
      ['Payments', false],
    ]);
    expect(result.details.items[1]!.sources).toEqual([
      { where: 'course at TU Berlin', quote: 'Distributed Algorithms' },
    ]);
    expect(result.details.items[2]).toMatchObject({
      evidence: 'not in your profile',
      advice: 'Learn Payments.',
    });
  });

  it('clamps the score to 0–100', async () => {
    answer(reply({ score: 140 }));
    expect((await openAIAnalyzeMatch(options(), staffEngineer, englishJob)).score).toBe(100);
    answer(reply({ score: -12.4 }));
    expect((await openAIAnalyzeMatch(options(), staffEngineer, englishJob)).score).toBe(0);
  });

  it('falls back to json_object when the server refuses json_schema', async () => {
    const before = server.requests.length;
    server.handle((request, res) => {
      if (request.body.response_format?.type === 'json_schema') {
        sendError(res, 400, 'response_format json_schema not supported');
      } else {
        sendCompletion(res, JSON.stringify(reply()));
      }
    });
    const result = await openAIAnalyzeMatch(options(), staffEngineer, englishJob);
    expect(result.score).toBe(82);
    const sent = server.requests.slice(before).map((r) => r.body.response_format?.type);
    expect(sent).toEqual(['json_schema', 'json_object']);
    // Without a schema on the wire, the prompt spells the shape out.
    expect(server.requests.at(-1)!.body.messages.at(-1)!.content).toMatch(
      /one JSON object only[\s\S]*"additionalProperties":false/,
    );
  });

  it('falls back to plain instructions when the server refuses both formats (422 too)', async () => {
    const before = server.requests.length;
    server.handle((request, res) => {
      if (request.body.response_format) {
        sendError(res, 422, `response_format ${request.body.response_format.type} not supported`);
      } else {
        sendCompletion(res, `Here is the match:\n\`\`\`json\n${JSON.stringify(reply())}\n\`\`\``);
      }
    });
    const result = await openAIAnalyzeMatch(options(), staffEngineer, englishJob);
    expect(result.score).toBe(82);
    const sent = server.requests.slice(before).map((r) => r.body.response_format?.type ?? 'plain');
    expect(sent).toEqual(['json_schema', 'json_object', 'plain']);
  });

  it('does not fall back on an error that is not about the response format', async () => {
    const before = server.requests.length;
    server.handle((_request, res) => sendError(res, 400, 'model "test-model" not found'));
    await expect(openAIAnalyzeMatch(options(), staffEngineer, englishJob)).rejects.toThrow(
      /not found/,
    );
    expect(server.requests.length - before).toBe(1);
  });

  it('rejects a reply in the wrong shape with a message naming the field', async () => {
    const wrong = reply();
    (wrong.items[0] as { kind: string }).kind = 'must-have';
    answer(wrong);
    await expect(openAIAnalyzeMatch(options(), staffEngineer, englishJob)).rejects.toThrow(
      /wrong shape[\s\S]*items\[0\]\.kind/,
    );
    answer({ score: 80 });
    await expect(openAIAnalyzeMatch(options(), staffEngineer, englishJob)).rejects.toThrow(
      /wrong shape[\s\S]*items/,
    );
  });

  it('rejects a reply that is not JSON, quoting what came back', async () => {
    server.handle((_request, res) => sendCompletion(res, 'I think this candidate is great.'));
    await expect(openAIAnalyzeMatch(options(), staffEngineer, englishJob)).rejects.toThrow(
      /did not reply with JSON.*I think this candidate is great/,
    );
  });

  it('asks for German when the job description is in German', async () => {
    answer(reply());
    await openAIAnalyzeMatch(options(), staffEngineer, germanJob);
    expect(server.requests.at(-1)!.body.messages.at(-1)!.content).toMatch(
      /in German, the language of the job description/,
    );
  });
});

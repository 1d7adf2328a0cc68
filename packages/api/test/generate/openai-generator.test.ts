// The OpenAI-compatible generator against a local server that speaks the Chat
// Completions streaming protocol (server-sent events ending in data: [DONE]):
// what it streams, and what its prompts carry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAIGenerator } from '../../src/generate/openai';
import type { DocumentType } from '../../src/generate/documents';
import type { Candidate, JobPosting } from '../../src/generate/candidate';
import { chunk, sendStream, startOpenAIServer, type OpenAIServer } from '../support/openai-server';
import { englishJob, germanJob, staffEngineer } from './openai-fixtures';

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

/** The system and user messages sent for one document. */
async function promptFor(type: DocumentType, person: Candidate, job: JobPosting) {
  server.handle((_request, res) => sendStream(res, ['ok']));
  await collect(
    openAIGenerator({ baseURL: server.baseURL, model: 'm' }).generate(type, person, job),
  );
  const [system, user] = server.requests.at(-1)!.body.messages;
  return { system: system!.content, user: user!.content };
}

/** The "Facts (JSON)" block of a prompt: pretty-printed, so it ends at the first unindented brace. */
function factsIn(user: string): unknown {
  const start = user.indexOf('Facts (JSON):\n{') + 'Facts (JSON):\n'.length;
  return JSON.parse(user.slice(start, user.indexOf('\n}', start) + 2));
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
});

describe('OpenAI-compatible prompts', () => {
  it('forbid invention and carry the person’s own achievements', async () => {
    const { system, user } = await promptFor('cover_letter', candidate, posting);
    expect(system).toMatch(/Never invent/);
    expect(user).toContain('Cut p95 latency from 480 ms to 120 ms');
  });

  it('carry the whole profile: skill keywords, languages, projects, courses, résumé and notes', async () => {
    const { user } = await promptFor('research_report', staffEngineer, englishJob);
    const facts = factsIn(user) as {
      candidate: {
        skills: { name: string; keywords: string[] }[];
        languages: { name: string }[];
        projects: { name: string; keywords: string[]; highlights: string[] }[];
        education: { courses: string[] }[];
        experiences: { startDate: string | null; endDate: string | null }[];
        certifications: { name: string }[];
        notesForTheWriter: string | null;
      };
    };
    const person = facts.candidate;
    expect(person.skills).toContainEqual(
      expect.objectContaining({
        name: 'Infrastructure',
        keywords: ['Kafka', 'Kubernetes', 'Terraform'],
      }),
    );
    expect(person.languages).toEqual([expect.objectContaining({ name: 'German' })]);
    expect(person.skills.map((s) => s.name)).not.toContain('German');
    expect(person.projects).toEqual([
      expect.objectContaining({
        name: 'ledgerlite',
        keywords: ['PostgreSQL', 'Rust'],
        highlights: ['Handles 5,000 transfers a second on one node'],
      }),
    ]);
    expect(person.education[0]!.courses).toEqual(['Distributed Algorithms']);
    expect(person.experiences[0]).toMatchObject({ startDate: '2019-03', endDate: 'present' });
    expect(person.certifications).toEqual([
      expect.objectContaining({ name: 'Certified Kubernetes Administrator' }),
    ]);
    expect(person.notesForTheWriter).toBe('Emphasise mentoring.');
    expect(user).toContain('Led the tiered storage rollout');
  });

  it('carry the built-in analysis: each requirement, required or preferred, and where it is shown', async () => {
    const { user } = await promptFor('research_report', staffEngineer, englishJob);
    const facts = factsIn(user) as {
      analysis: {
        requirements: { name: string; kind: string; shown: boolean; evidence: string }[];
      };
    };
    expect(facts.analysis.requirements.length).toBeGreaterThan(0);
    expect(facts.analysis.requirements.map((r) => r.kind)).toContain('required');
    for (const r of facts.analysis.requirements) expect(typeof r.evidence).toBe('string');
  });

  it('ask for the document in German when the job description is in German', async () => {
    const { system, user } = await promptFor('cover_letter', staffEngineer, germanJob);
    expect(user).toMatch(/write the whole document in German/);
    expect(system).toMatch(/Write in German/);
  });

  it('ask for English when the job description is in English', async () => {
    const { user } = await promptFor('cover_letter', staffEngineer, englishJob);
    expect(user).toMatch(/write the whole document in English/);
  });

  it('ask for a cover letter of 200–350 words with three matches that does not volunteer gaps', async () => {
    const { user } = await promptFor('cover_letter', staffEngineer, englishJob);
    expect(user).toMatch(/200 to 350 words/);
    expect(user).toMatch(/three strongest matches/);
    expect(user).toMatch(/Do not mention gaps/);
  });

  it('ask for a research report grouped as required and preferred, with a way to address each gap', async () => {
    const { user } = await promptFor('research_report', staffEngineer, englishJob);
    expect(user).toMatch(/"Required" and "Preferred"/);
    expect(user).toMatch(/one concrete way to address it/);
    expect(user).toMatch(/drawn from something specific in the job description/);
  });

  it('ask for a résumé that leads with the matching skills and keeps everything else', async () => {
    const { user } = await promptFor('optimized_resume', staffEngineer, englishJob);
    expect(user).toMatch(/leads with the skills matching the requirements/);
    expect(user).toMatch(/everything else is kept/);
  });
});

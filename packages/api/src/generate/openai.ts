// The OpenAI-compatible generator (OpenAI, Ollama, llama.cpp server, vLLM):
// Chat Completions with streaming. Its prompts are built from the same
// extracted facts as the built-in documents, and tell the model not to invent.
import OpenAI from 'openai';
import { fullName, type Candidate, type JobPosting } from './candidate';
import { analyze, withResumeExperience, type DocumentType } from './documents';
import type { TextGenerator } from './stream';
import { redactUrl } from '../documents/services';

export interface OpenAIGeneratorOptions {
  baseURL: string;
  apiKey?: string;
  model?: string;
  temperature?: number;
}

const TASKS: Record<DocumentType, string> = {
  research_report:
    'Write a research report for this application: the role in brief, the requirements ranked by emphasis, how the candidate’s experience maps to each (cite their own achievements), the gaps, and 5 questions to ask in the interview.',
  optimized_resume:
    'Rewrite the candidate’s resume for this job: a summary aimed at the role, the matched skills first, experience bullets ordered by relevance to the requirements, irrelevant detail trimmed. Keep every employer, title, date and figure exactly as given.',
  cover_letter:
    'Write a cover letter addressed to the company’s hiring team for this role: the three strongest matches with evidence from the candidate’s achievements, one honest sentence about the main gap, and a short closing. Under 350 words.',
};

const RULES = [
  'Use only the facts given below. Never invent a skill, employer, title, date, degree, certification or number the candidate did not provide.',
  'If something the job asks for is missing from the candidate’s facts, treat it as a gap; do not claim it.',
  'Answer in Markdown only, with no preamble.',
].join(' ');

export function buildPrompt(type: DocumentType, candidate: Candidate, posting: JobPosting) {
  const person = withResumeExperience(candidate);
  const { job, mapping } = analyze(person, posting);
  const facts = {
    job: {
      company: posting.company,
      roleTitle: posting.roleTitle,
      seniority: job.seniority,
      yearsRequired: job.yearsRequired,
      workArrangement: job.workArrangement,
      salary: job.salary,
      requirements: job.requirements.map((r) => ({
        name: r.name,
        required: r.required,
        preferred: r.preferred,
        emphasis: r.weight,
      })),
      responsibilities: job.responsibilities,
    },
    candidate: {
      name: fullName(person) || null,
      headline: person.headline ?? null,
      summary: person.summary ?? null,
      contact: {
        email: person.email ?? null,
        phone: person.phone ?? null,
        location: person.location ?? null,
      },
      yearsOfExperience: person.yearsOfExperience ?? null,
      skills: person.skills,
      experiences: person.experiences,
      education: person.education,
      certifications: person.certifications,
      notesForTheWriter: person.generatorContext ?? null,
    },
    analysis: {
      matched: mapping.matched.map((e) => e.requirement.name),
      gaps: mapping.gaps.map((e) => e.requirement.name),
    },
  };
  return [
    { role: 'system' as const, content: `You are a careful career writer. ${RULES}` },
    {
      role: 'user' as const,
      content: `${TASKS[type]}\n\nFacts (JSON):\n${JSON.stringify(facts, null, 2)}\n\nJob description:\n${posting.description}`,
    },
  ];
}

export function openAIGenerator(options: OpenAIGeneratorOptions): TextGenerator {
  const client = new OpenAI({
    baseURL: options.baseURL,
    // Local servers (Ollama, llama.cpp) need no key, but the SDK insists on one.
    apiKey: options.apiKey || 'not-needed',
    maxRetries: 1,
    timeout: 120_000,
  });
  const model = options.model || 'gpt-4o-mini';
  const temperature = options.temperature ?? 0.3;
  return {
    name: model,
    // Stored with every version the person can read and export: no credentials.
    settings: { model, temperature, baseURL: redactUrl(options.baseURL) },
    async *generate(type, candidate, posting, signal) {
      const stream = await client.chat.completions.create(
        { model, temperature, stream: true, messages: buildPrompt(type, candidate, posting) },
        { signal },
      );
      for await (const chunk of stream) {
        const delta = chunk.choices[0]?.delta?.content;
        if (delta) yield delta;
      }
    },
  };
}

// The OpenAI-compatible generator (OpenAI, Ollama, llama.cpp server, vLLM):
// documents streamed from Chat Completions. Prompts carry the whole profile,
// the built-in analysis of where it shows each requirement, and the language
// of the job; they tell the model not to invent.
import type { MatchDetails } from '@pursuit/db';
import type { Candidate, JobPosting } from './candidate';
import type { DocumentType } from './documents';
import { addressee, dayOf, daysBetween, howLongAgo } from './follow-up';
import { analyzeMatch } from './match';
import { createClient, DEFAULT_MODEL, type OpenAIGeneratorOptions } from './openai-client';
import { detectLanguage, type Language } from './language';
import { candidateFacts, jobBlock, resumeBlock } from './openai-facts';
import type { TextGenerator } from './stream';
import { redactUrl } from '../documents/services';

export type { OpenAIGeneratorOptions } from './openai-client';
export { openAIAnalyzeMatch } from './openai-match';

/** The built-in analysis, trimmed to what a writer needs. */
function analysisFacts(details: MatchDetails) {
  return {
    requirements: details.items.map((i) => ({
      name: i.name,
      anyOf: i.anyOf ?? [],
      kind: i.kind,
      shown: i.shown,
      evidence: i.evidence,
      sources: i.sources,
      advice: i.advice ?? null,
    })),
    years: details.years,
    seniority: details.seniority,
    explanation: details.explanation,
  };
}

/** The application's history as the follow-up email refers to it, dates already written out. */
function followUpFacts(posting: JobPosting) {
  const facts = posting.followUp;
  if (!facts) return null;
  const contact = addressee(facts.contacts);
  return {
    today: dayOf(facts.now, facts.now),
    appliedOn: facts.appliedAt ? dayOf(facts.appliedAt, facts.now) : null,
    daysSinceApplied: facts.appliedAt ? daysBetween(facts.appliedAt, facts.now) : null,
    appliedHowLongAgo: facts.appliedAt ? howLongAgo(daysBetween(facts.appliedAt, facts.now)) : null,
    writeTo: contact ? { name: contact.name, role: contact.role ?? null } : null,
    contacts: facts.contacts.map((c) => ({ name: c.name, role: c.role ?? null })),
    lastInterview: facts.lastInterview
      ? {
          kind: facts.lastInterview.kind,
          on: dayOf(facts.lastInterview.scheduledAt, facts.now),
        }
      : null,
  };
}

function task(type: DocumentType, posting: JobPosting, language: Language): string {
  const tasks: Record<DocumentType, string> = {
    research_report: [
      `Write a research report on this application for the ${posting.roleTitle} role at ${posting.company}.`,
      'Sections: the role in brief;',
      'the requirements grouped under "Required" and "Preferred", each with how the candidate meets it, citing the evidence from the analysis (where the profile shows it), or stating plainly that the profile does not show it;',
      'gaps — only the requirements the analysis marks as not shown, each with one concrete way to address it (a course, a certification, a small project, or adjacent experience to talk about);',
      'and 5 questions to ask in the interview, each drawn from something specific in the job description (its responsibilities, team, product or stack), not generic questions.',
    ].join(' '),
    optimized_resume: [
      `Rewrite the candidate's résumé for the ${posting.roleTitle} role at ${posting.company}.`,
      'A summary aimed at the role; a skills section that leads with the skills matching the requirements;',
      'every experience kept, its bullets ordered so the ones carrying evidence for a requirement come first;',
      'education (with courses), certifications, projects and languages kept.',
      'Keep every employer, title, date, figure, degree and name exactly as given; everything else is kept too, only reordered; add nothing that is not in the facts.',
    ].join(' '),
    cover_letter: [
      `Write a cover letter to the hiring team at ${posting.company} for the ${posting.roleTitle} role, 200 to 350 words.`,
      'An opening specific to this company and role, drawn from the job description;',
      'the three strongest matches from the analysis, each with one concrete highlight from the candidate’s own achievements, projects or experience;',
      'and a short closing.',
      'Do not mention gaps or anything the candidate lacks — the research report covers those.',
    ].join(' '),
    follow_up_email: [
      `Write a short, polite follow-up email (under 180 words) about the candidate's application for the ${posting.roleTitle} role at ${posting.company}.`,
      'Start with a "Subject:" line, then a greeting to the contact named in "followUp" (or the hiring team at the company when there is none);',
      'say which role it is about and when the candidate applied (the date and how long ago, as given in "followUp");',
      'if "followUp" names a last interview, thank them for it by its kind and date;',
      'one or two concrete strengths from the analysis, each with a highlight from the candidate’s own achievements;',
      'a clear, courteous ask about where the application stands and the next steps;',
      'and sign off with the candidate’s name.',
      'Do not invent dates, names, interviews or promises beyond what "followUp" gives.',
    ].join(' '),
  };
  return `${tasks[type]}\n\nThe job description is in ${language.name}: write the whole document in ${language.name}.`;
}

function rules(language: Language): string {
  return [
    'Use only the facts given below. Never invent a skill, employer, title, date, degree, certification or number the candidate did not provide.',
    'If something the job asks for is missing from the candidate’s facts, treat it as a gap; do not claim it.',
    `Write in ${language.name}, the language of the job description; keep names, employers, titles and technical terms as given.`,
    'Answer in Markdown only, with no preamble.',
  ].join(' ');
}

export function buildPrompt(type: DocumentType, candidate: Candidate, posting: JobPosting) {
  const language = detectLanguage(posting.description);
  const facts = {
    candidate: candidateFacts(candidate),
    analysis: analysisFacts(analyzeMatch(candidate, posting).details),
    ...(type === 'follow_up_email' ? { followUp: followUpFacts(posting) } : {}),
  };
  return [
    { role: 'system' as const, content: `You are a careful career writer. ${rules(language)}` },
    {
      role: 'user' as const,
      content: `${task(type, posting, language)}\n\nFacts (JSON):\n${JSON.stringify(facts, null, 2)}${resumeBlock(candidate)}\n\nJob description:\n${jobBlock(posting, language)}`,
    },
  ];
}

export function openAIGenerator(options: OpenAIGeneratorOptions): TextGenerator {
  const client = createClient(options);
  const model = options.model || DEFAULT_MODEL;
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

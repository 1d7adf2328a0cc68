// The match from an OpenAI-compatible model, as structured output: a strict
// json_schema where the server supports it, json_object or plain instructions
// where it does not; the reply validated, then held to the person's profile.
import OpenAI from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import type { ResponseFormatJSONObject, ResponseFormatJSONSchema } from 'openai/resources/shared';
import { z } from 'zod';
import type { MatchDetails, MatchItem, MatchSource } from '@pursuit/db';
import type { Candidate, JobPosting } from './candidate';
import { profileTexts, skillNamesIn } from './evidence';
import { personSeniority, yearsShown } from './experience';
import type { Seniority } from './extract';
import { analyzeMatch, roleFit, scoreParts, type MatchResult, type ShareOfItems } from './match';
import { createClient, DEFAULT_MODEL, type OpenAIGeneratorOptions } from './openai-client';
import { detectLanguage } from './language';
import { candidateFacts, jobBlock, resumeBlock } from './openai-facts';
import { redactUrl } from '../documents/services';

const SENIORITIES = [
  'intern',
  'junior',
  'mid',
  'senior',
  'staff',
  'principal',
  'lead',
  'manager',
  'director',
] as const satisfies readonly Seniority[];

// What the model returns. Every field is required and optional ones are
// nullable, as strict Structured Outputs demand; bounds are checked here, not
// in the schema, since not every server supports them.
const MatchReply = z.object({
  items: z
    .array(
      z.object({
        name: z.string().describe('The requirement as the job states it, in a few words.'),
        anyOf: z
          .array(z.string())
          .describe('Alternatives that each satisfy it ("Tableau or Looker Studio"); else empty.'),
        kind: z.enum(['required', 'preferred']),
        shown: z.boolean().describe('Whether the candidate’s profile shows it.'),
        evidence: z
          .string()
          .describe('Where the profile shows it, in one line; empty when not shown.'),
        sources: z
          .array(
            z.object({
              where: z.string().describe('"skills (Infrastructure)", "Title at Company", …'),
              quote: z
                .string()
                .nullable()
                .describe('The candidate’s own words there, copied exactly, or null.'),
            }),
          )
          .describe('The places in the profile that show it; empty when not shown.'),
        advice: z
          .string()
          .nullable()
          .describe('For a requirement not shown: one concrete way to address it; else null.'),
      }),
    )
    .describe('Every requirement the job description states, required or preferred.'),
  score: z
    .number()
    .describe(
      '0–100: driven by the share of required items shown, then preferred items, years and seniority.',
    ),
  yearsRequired: z.number().nullable().describe('Years of experience the job asks for, or null.'),
  seniority: z.enum(SENIORITIES).nullable().describe('The level the job asks for, or null.'),
  highlights: z
    .array(z.string())
    .describe('Up to 3 of the candidate’s own bullets that best fit the job, copied exactly.'),
  feedback: z.string().describe('One or two sentences of advice to the candidate.'),
  explanation: z.string().describe('How the score was reached, in one or two sentences.'),
});
type MatchReply = z.infer<typeof MatchReply>;

const MATCH_FORMAT: ResponseFormatJSONSchema = zodResponseFormat(MatchReply, 'match_analysis');

const MATCH_SYSTEM = [
  'You are a careful recruiter reading a candidate’s profile against a job description.',
  'List every requirement the job states, required or preferred as the job says (a "nice to have", "bonus" or "preferred" item is preferred; responsibilities and the company blurb are not requirements).',
  'A requirement is shown when anything in the profile shows it: a skill or its keywords, an experience, an achievement, a technology, a project, a course, a certification, a language, the summary or the résumé. Quote the candidate’s own words exactly; never invent evidence.',
  'Someone who shows nearly everything required scores high (80 or more); someone who shows little scores low (under 40).',
].join(' ');

/** The match prompt: the profile and the job, without the built-in analysis, so the two can be compared. */
function buildMatchPrompt(candidate: Candidate, posting: JobPosting, mode: MatchMode) {
  const language = detectLanguage(posting.description);
  const shape =
    mode === 'json_schema'
      ? ''
      : `\n\nReply with one JSON object only, no prose and no code fence, matching this JSON Schema:\n${JSON.stringify(MATCH_FORMAT.json_schema.schema)}`;
  return [
    { role: 'system' as const, content: MATCH_SYSTEM },
    {
      role: 'user' as const,
      content: `Match this candidate against the job. Write evidence, advice, feedback and explanation in ${language.name}, the language of the job description.${shape}\n\nCandidate (JSON):\n${JSON.stringify(candidateFacts(candidate), null, 2)}${resumeBlock(candidate)}\n\nJob description:\n${jobBlock(posting, language)}`,
    },
  ];
}

type MatchMode = 'json_schema' | 'json_object' | 'plain';
const MATCH_MODES: MatchMode[] = ['json_schema', 'json_object', 'plain'];

const JSON_OBJECT: ResponseFormatJSONObject = { type: 'json_object' };

/** A server that does not support this response_format (Ollama, llama.cpp builds say so with 400/422). */
function refusesFormat(error: unknown): boolean {
  return (
    error instanceof OpenAI.APIError &&
    (error.status === 400 || error.status === 422) &&
    /response_format|json_schema|json_object|structured/i.test(error.message)
  );
}

/** The JSON in a reply, allowing for a code fence or a sentence around it (plain mode). */
function parseReply(content: string, where: string): MatchReply {
  const start = content.indexOf('{');
  const end = content.lastIndexOf('}');
  let raw: unknown;
  try {
    raw = JSON.parse(start >= 0 && end > start ? content.slice(start, end + 1) : content);
  } catch {
    throw new Error(
      `The model at ${where} did not reply with JSON for the match: "${content.slice(0, 200)}"`,
    );
  }
  const parsed = MatchReply.safeParse(raw);
  if (!parsed.success) {
    throw new Error(
      `The model at ${where} replied with a match in the wrong shape:\n${z.prettifyError(parsed.error)}`,
    );
  }
  return parsed.data;
}

// ---------------------------------------------------------------------------
// Checking the model's items against the profile

/** Lower case, one space between words, padded, so " kafka " finds a whole word. */
function normalize(text: string): string {
  const words = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[‘’´`]/g, "'")
    .match(/[\p{L}\p{N}+#'.]+/gu);
  return ` ${(words ?? []).map((w) => w.replace(/^[.']+|[.']+$/g, '')).join(' ')} `;
}

/** Every string in a value, depth first. */
function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringsIn);
  return [];
}

/** Everything the person wrote, as one searchable text. */
function profileText(candidate: Candidate): string {
  return normalize(
    [...stringsIn(candidateFacts(candidate)), candidate.primaryResume ?? ''].join(' '),
  );
}

/** The skill a name stands for: the lexicon's name ("k8s" → Kubernetes), else the name as written. */
function skillKey(name: string): string {
  const known = [...skillNamesIn(name)];
  return normalize(known.length === 1 ? known[0]! : name);
}

/** What satisfies an item: any one of its alternatives, or its name. */
function alternatives(item: { name: string; anyOf?: string[] }): string[] {
  return (item.anyOf?.length ? item.anyOf : [item.name]).map(skillKey).filter((k) => k.trim());
}

/**
 * A built-in item that settles the model's: shown, and asking for nothing the
 * model's item does not accept ("PostgreSQL" settles "Postgres or MySQL"; "Payments
 * or Rust", shown through Rust, does not settle "Payments").
 */
function settles(builtin: MatchItem, item: MatchReply['items'][number]): boolean {
  const accepted = new Set([skillKey(item.name), ...alternatives(item)]);
  return builtin.shown && alternatives(builtin).every((k) => accepted.has(k));
}

/**
 * The model's items, held to the profile: a claimed match keeps the model's
 * evidence but loses any quote the person never wrote; a claimed gap that the
 * profile contradicts (the built-in analysis shows it, or the profile names it
 * outright, through the alias lexicon) is a false gap and becomes a match with
 * the profile's evidence.
 */
function checkItems(reply: MatchReply, candidate: Candidate, builtin: MatchDetails): MatchItem[] {
  const text = profileText(candidate);
  // Each place in the profile by the skill it names outright (a skill, keyword, technology, course).
  const named = new Map(profileTexts(candidate).map((t) => [skillKey(t.text), t] as const));
  return reply.items
    .filter((item) => item.name.trim())
    .map((item): MatchItem => {
      const anyOf = item.anyOf.length > 0 ? { anyOf: item.anyOf } : {};
      if (item.shown) {
        const sources: MatchSource[] = item.sources
          .filter((s) => !s.quote?.trim() || text.includes(normalize(s.quote)))
          .map((s) => (s.quote?.trim() ? { where: s.where, quote: s.quote } : { where: s.where }));
        return {
          name: item.name,
          ...anyOf,
          kind: item.kind,
          shown: true,
          evidence: item.evidence,
          sources,
        };
      }
      const known = builtin.items.find((b) => settles(b, item));
      if (known) {
        return {
          name: item.name,
          ...anyOf,
          kind: item.kind,
          shown: true,
          evidence: known.evidence,
          sources: known.sources,
        };
      }
      const place = alternatives(item)
        .map((k) => named.get(k))
        .find((t) => t !== undefined);
      if (place) {
        return {
          name: item.name,
          ...anyOf,
          kind: item.kind,
          shown: true,
          evidence: place.where,
          sources: [
            place.quotable ? { where: place.where, quote: place.text } : { where: place.where },
          ],
        };
      }
      return {
        name: item.name,
        ...anyOf,
        kind: item.kind,
        shown: false,
        evidence: item.evidence.trim() || 'not in your profile',
        sources: [],
        ...(item.advice ? { advice: item.advice } : {}),
      };
    });
}

/** Required or preferred items as a share, as the built-in counts them (the model's items are all full-strength). */
function shownShare(items: MatchItem[], kind: MatchItem['kind']): ShareOfItems | null {
  const ofKind = items.filter((i) => i.kind === kind);
  if (ofKind.length === 0) return null;
  const shown = ofKind.filter((i) => i.shown).length;
  return { value: shown / ofKind.length, shown, total: ofKind.length, weak: 0 };
}

function toMatchResult(reply: MatchReply, candidate: Candidate, posting: JobPosting): MatchResult {
  const builtin = analyzeMatch(candidate, posting).details;
  const items = checkItems(reply, candidate, builtin);
  const text = profileText(candidate);
  const years = yearsShown(candidate);
  const person = personSeniority(candidate, years);
  const score = Math.round(
    Math.min(100, Math.max(0, Number.isFinite(reply.score) ? reply.score : 0)),
  );
  return {
    score,
    strengths: items.filter((i) => i.shown).map((i) => `${i.name} — ${i.evidence}`),
    weaknesses: items.filter((i) => !i.shown).map((i) => `${i.name} (${i.kind})`),
    // Only the person's own words: a highlight the profile does not hold is dropped.
    highlights: reply.highlights.filter((h) => text.includes(normalize(h))).slice(0, 3),
    feedback: reply.feedback,
    details: {
      items,
      years: { required: reply.yearsRequired, shown: years },
      seniority: { job: reply.seniority, person },
      parts: scoreParts({
        required: shownShare(items, 'required'),
        preferred: shownShare(items, 'preferred'),
        yearsRequired:
          reply.yearsRequired !== null && reply.yearsRequired > 0 ? reply.yearsRequired : null,
        years,
        jobSeniority: reply.seniority,
        person,
        role: roleFit(candidate, posting.roleTitle),
      }),
      explanation: reply.explanation,
    },
  };
}

/**
 * The match from the model, as structured output: json_schema (strict) where
 * the server supports it, else json_object, else plain instructions. The reply
 * is validated; one that does not validate is an error, never a default.
 */
export async function openAIAnalyzeMatch(
  options: OpenAIGeneratorOptions,
  candidate: Candidate,
  posting: JobPosting,
  signal?: AbortSignal,
): Promise<MatchResult> {
  const client = createClient(options);
  const model = options.model || DEFAULT_MODEL;
  const where = `${redactUrl(options.baseURL)} (${model})`;
  for (const mode of MATCH_MODES) {
    const format =
      mode === 'json_schema' ? MATCH_FORMAT : mode === 'json_object' ? JSON_OBJECT : undefined;
    let completion: OpenAI.ChatCompletion;
    try {
      completion = await client.chat.completions.create(
        {
          model,
          temperature: options.temperature ?? 0,
          messages: buildMatchPrompt(candidate, posting, mode),
          ...(format ? { response_format: format } : {}),
        },
        { signal },
      );
    } catch (error) {
      if (mode !== 'plain' && refusesFormat(error)) continue;
      throw error;
    }
    const message = completion.choices[0]?.message;
    if (message?.refusal)
      throw new Error(`The model at ${where} refused the match: ${message.refusal}`);
    if (!message?.content)
      throw new Error(`The model at ${where} sent an empty reply for the match.`);
    return toMatchResult(parseReply(message.content, where), candidate, posting);
  }
  // Unreachable: the plain mode either returns or throws.
  throw new Error(`The model at ${where} gave no match.`);
}

// Invented facts in a document the person would send (tailored résumé, cover
// letter): a lexicon skill the profile does not show, a number the profile does
// not contain, an employer the profile does not name. Each finding carries the
// line it came from, so a reader can judge it.
import type { Candidate, JobPosting } from '../../src/server';
import { lexiconSkillsIn, normalizeName } from './skills';

export type FactKind = 'skill' | 'number' | 'employer';

export interface InventedFact {
  kind: FactKind;
  /** The skill, number or employer as the document wrote it. */
  value: string;
  /** The document line it appears in. */
  line: string;
}

export interface FactContext {
  candidate: Candidate;
  /** The candidate's text (load.ts candidateText). */
  profileText: string;
  /** The labelled shown-set of the profile. */
  shows: readonly string[];
  posting: JobPosting;
}

const escape = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const QUOTED = /“([^”]+)”|"([^"\n]+)"/g;
const squash = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/**
 * The document without what names no fact about the person: the posting's
 * company and role title, and the posting's own words where the document
 * quotes them (“Run tailored product demos…”). Unquoted copies stay: "strong
 * experience with PostgreSQL" lifted from the job is exactly what to catch.
 */
function withoutPosting(text: string, posting: JobPosting): string {
  const source = squash(posting.description);
  let out = text.replace(QUOTED, (whole, curly?: string, straight?: string) => {
    const quoted = squash(curly ?? straight ?? '');
    return quoted && source.includes(quoted) ? ' ' : whole;
  });
  for (const phrase of [posting.roleTitle, posting.company]) {
    if (phrase.trim()) out = out.replace(new RegExp(escape(phrase.trim()), 'gi'), ' ');
  }
  return out;
}

const NUMBER = /(?<![\w.$-])\$?\d[\d,]*(?:\.\d+)?(?:%|[KkMm]\b)?/g;

/** "$1,400" → "1400", "02" → "2", "40%" → "40": the value a number states. */
function numberValue(token: string): string {
  const digits = token.replace(/[$,%KkMm]/g, '');
  const [whole = '', fraction] = digits.split('.');
  const trimmed = whole.replace(/^0+(?=\d)/, '');
  return fraction && /[1-9]/.test(fraction) ? `${trimmed}.${fraction.replace(/0+$/, '')}` : trimmed;
}

function numbersIn(text: string): Set<string> {
  const found = new Set<string>();
  for (const match of text.matchAll(/\d[\d,]*(?:\.\d+)?/g)) found.add(numberValue(match[0]));
  return found;
}

/** Whole years from the earliest dated start to the latest end (or today). */
function datedYears(candidate: Candidate, now = new Date()): number {
  const starts: number[] = [];
  const ends: number[] = [];
  for (const job of candidate.experiences) {
    const start = job.startDate ? Date.parse(job.startDate) : Number.NaN;
    if (Number.isNaN(start)) continue;
    starts.push(start);
    const end = job.endDate ? Date.parse(job.endDate) : now.getTime();
    ends.push(Number.isNaN(end) ? now.getTime() : end);
  }
  if (!starts.length) return 0;
  return (Math.max(...ends) - Math.min(...starts)) / (365.25 * 24 * 3600 * 1000);
}

function skillFacts(doc: string, context: FactContext): InventedFact[] {
  const shown = new Set(context.shows.map(normalizeName));
  const inProfile = lexiconSkillsIn(context.profileText);
  const out: InventedFact[] = [];
  const reported = new Set<string>();
  for (const line of doc.split('\n')) {
    for (const skill of lexiconSkillsIn(line)) {
      if (shown.has(normalizeName(skill)) || inProfile.has(skill) || reported.has(skill)) continue;
      reported.add(skill);
      out.push({ kind: 'skill', value: skill, line: line.trim() });
    }
  }
  return out;
}

function numberFacts(doc: string, context: FactContext): InventedFact[] {
  const known = numbersIn(context.profileText);
  const years = datedYears(context.candidate);
  const out: InventedFact[] = [];
  for (const raw of doc.split('\n')) {
    // A numbered list's "1." is layout, not a figure.
    const line = raw.replace(/^\s*\d+\.\s/, '');
    for (const match of line.matchAll(NUMBER)) {
      const value = numberValue(match[0]);
      if (known.has(value)) continue;
      // "9 years of experience" is a figure the dates support, when they do.
      const after = line.slice((match.index ?? 0) + match[0].length, (match.index ?? 0) + 12);
      if (/^\+?\s*years?\b/i.test(after) && Number(value) <= years + 0.5) continue;
      out.push({ kind: 'number', value: match[0], line: raw.trim() });
    }
  }
  return out;
}

// Capitalised words (two letters or more, so "at Dropbox I" stops before "I"),
// joined by "&" or "of"; a dot only inside a word, so a sentence's end stops it.
const WORD = String.raw`[A-Z][\w&'’-]+(?:\.[\w&'’-]+)*`;
const ORG = String.raw`${WORD}(?:\s+(?:${WORD}|&|of))*`;
const AT_ORG = new RegExp(String.raw`(?:\b[Aa]t|\bjoined|\bJoined)\s+(${ORG})`, 'g');

function employerFacts(doc: string, context: FactContext): InventedFact[] {
  const known = normalizeName(
    [context.profileText, context.posting.company, context.posting.roleTitle].join('\n'),
  );
  const isKnown = (name: string) =>
    known.includes(normalizeName(name.replace(/['’]s$/, '').replace(/[.,;:]+$/, '')));
  const titles = context.candidate.experiences
    .map((job) => normalizeName(job.title))
    .filter(Boolean);
  const out: InventedFact[] = [];
  for (const line of doc.split('\n')) {
    const plain = line.replace(/[*_`#>]/g, ' ').trim();
    for (const match of plain.matchAll(AT_ORG)) {
      const name = match[1]!;
      if (!isKnown(name)) out.push({ kind: 'employer', value: name, line: line.trim() });
    }
    // "### Title — Company": a heading for one of the person's roles names its employer.
    if (!/^#{2,6}\s/.test(line)) continue;
    const parts = plain
      .split(/\s+[—–|·]\s+|\s+-\s+|,\s+|\s+at\s+/)
      .map((part) => part.trim())
      .filter(Boolean);
    if (!parts.some((part) => titles.includes(normalizeName(part)))) continue;
    for (const part of parts) {
      if (/\d/.test(part) || titles.includes(normalizeName(part)) || isKnown(part)) continue;
      out.push({ kind: 'employer', value: part, line: line.trim() });
    }
  }
  return out;
}

/** Every invented fact in one document. */
export function inventedFacts(doc: string, context: FactContext): InventedFact[] {
  const text = withoutPosting(doc, context.posting);
  return [
    ...skillFacts(text, context),
    ...numberFacts(text, context),
    ...employerFacts(doc, context),
  ];
}

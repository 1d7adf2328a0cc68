// What the built-in documents share: the analysis they are written from, and
// small helpers that keep to the person's own words.
import type { DocumentType } from '@pursuit/db';
import type { Candidate, CandidateExperience, JobPosting } from './candidate';
import { extractRequirements, type ExtractedJob } from './extract';
import { mapEvidence, profileTexts, skillNamesIn, type Evidence, type Mapping } from './evidence';
import { detectLanguage } from './language';

/** The document types, as the database names them (three phases and the follow-up email). */
export type { DocumentType };

export interface Analysis {
  job: ExtractedJob;
  mapping: Mapping;
}

export function analyze(candidate: Candidate, posting: JobPosting): Analysis {
  const job = extractRequirements(posting.description, posting.roleTitle);
  return { job, mapping: mapEvidence(withResumeExperience(candidate), job, posting.roleTitle) };
}

/**
 * When the person has a resume but no structured experience yet, its
 * "### Title — Company" sections and their bullets stand in for it.
 */
export function withResumeExperience(candidate: Candidate): Candidate {
  if (candidate.experiences.length > 0 || !candidate.primaryResume) return candidate;
  const experiences: CandidateExperience[] = [];
  let current: CandidateExperience | null = null;
  for (const raw of candidate.primaryResume.split(/\r?\n/)) {
    const heading = /^#{2,4}\s+(.+)$/.exec(raw.trim());
    if (heading) {
      const [title, company] = heading[1]!.split(/\s+[—–-]\s+|\s+at\s+|,\s+/);
      current = {
        title: title ?? heading[1]!,
        company: company ?? '',
        achievements: [],
        technologies: [],
      };
      experiences.push(current);
      continue;
    }
    const bullet = /^\s*[-*]\s+(.+)$/.exec(raw);
    if (bullet && current) current.achievements.push(bullet[1]!.trim());
  }
  return { ...candidate, experiences: experiences.filter((e) => e.achievements.length > 0) };
}

export function period(e: {
  startDate?: string | null;
  endDate?: string | null;
  current?: boolean;
}): string {
  if (!e.startDate && !e.endDate) return '';
  return `${e.startDate ?? ''} – ${e.current || !e.endDate ? 'Present' : e.endDate}`;
}

/**
 * A note when the posting is not in English: the built-in generator writes
 * English, and says so rather than answering a German posting in English
 * without a word.
 */
export function languageNote(posting: JobPosting, forSending: boolean): string[] {
  const language = detectLanguage(posting.description);
  if (language.code === 'en') return [];
  const name = language.name;
  return [
    `> ${forSending ? 'Note from Pursuit (delete before sending): ' : ''}the built-in generator writes English, and this posting is in ${name}. For documents in ${name}, set up an OpenAI-compatible model in Settings and regenerate.`,
    '',
  ];
}

/** The names a matched item is shown by in the person's own entries (not only implied). */
export function shownNames(e: Evidence, personSkills: Set<string>): string[] {
  return (e.requirement.anyOf ?? [e.requirement.name]).filter((n) => personSkills.has(n));
}

/** Every lexicon skill the person's own words name, and their skill names as written. */
export function skillsOfPerson(candidate: Candidate): Set<string> {
  const names = new Set<string>();
  for (const entry of profileTexts(candidate)) {
    for (const name of skillNamesIn(entry.text)) names.add(name);
    if (entry.kind === 'skill' || entry.kind === 'keyword') names.add(entry.text.trim());
  }
  return names;
}

/** Lower-cases a line's first letter unless it starts an acronym or a name with capitals inside. */
export function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

export function contactLine(candidate: Candidate): string {
  return [candidate.email, candidate.phone, candidate.location].filter(Boolean).join(' · ');
}

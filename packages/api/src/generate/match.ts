// Match analysis: a 0–100 score a person can read. It is driven by the share
// of required items the profile shows, then preferred items, then years of
// experience against what the posting asks, then seniority; each part is
// reported with its weight, and every item with where the profile shows it.
import type { MatchDetails, MatchItem } from '@pursuit/db';
import type { Candidate, JobPosting } from './candidate';
import { extractRequirements, type Seniority } from './extract';
import {
  evidenceLine,
  mapEvidence,
  rankBullets,
  queryTerms,
  type Evidence,
  type Mapping,
} from './evidence';
import { adviceFor } from './advice';
import { personSeniority, yearsShown } from './experience';
import { tokenize } from './text';

export interface MatchResult {
  score: number;
  strengths: string[];
  weaknesses: string[];
  highlights: string[];
  feedback: string;
  details: MatchDetails;
}

export const WEIGHTS = { required: 0.55, preferred: 0.15, years: 0.1, seniority: 0.2 } as const;

const LEVEL: Record<Seniority, number> = {
  intern: 0,
  junior: 1,
  mid: 2,
  senior: 3,
  lead: 4,
  staff: 4,
  manager: 4,
  principal: 5,
  director: 6,
};

/** How well the person's level fits the role's: below it costs more than above it. */
export function seniorityFit(job: Seniority, person: Seniority | null): number {
  if (person === null) return 0.5;
  const gap = LEVEL[person] - LEVEL[job];
  if (gap >= 0) return gap <= 2 ? 1 : 0.8;
  return gap === -1 ? 0.6 : gap === -2 ? 0.3 : 0;
}

/** Soft skills count half: nearly everyone claims them, so they rank little. */
function itemWeight(e: Evidence): number {
  return e.requirement.category === 'soft' ? 0.5 : 1;
}

/**
 * How strongly the profile shows an item: listed or used in a role, project,
 * certification or the résumé counts fully; only through a skill that implies
 * it, 0.8; only in a course, a degree or the summary, 0.6.
 */
export function evidenceStrength(e: Evidence): number {
  if (!e.covered) return 0;
  const full = e.sources.some(
    (s) => !s.implied && !['education', 'summary', 'context'].includes(s.kind),
  );
  if (full) return 1;
  if (e.sources.some((s) => !['education', 'summary', 'context'].includes(s.kind))) return 0.8;
  return 0.6;
}

function share(items: Evidence[]): ShareOfItems {
  const total = items.reduce((sum, e) => sum + itemWeight(e), 0);
  const shown = items.reduce((sum, e) => sum + itemWeight(e) * evidenceStrength(e), 0);
  return {
    value: total === 0 ? 0 : shown / total,
    shown: items.filter((e) => e.covered).length,
    total: items.length,
    weak: items.filter((e) => e.covered && evidenceStrength(e) < 1).length,
  };
}

/** "; 1 only in a course, your summary or through a related skill, counted at 60–80%". */
function weakNote(weak: number): string {
  return weak === 0
    ? ''
    : ` (${weak} only in a course, your summary or through a related skill, counted at 60–80%)`;
}

const percent = (value: number) => `${Math.round(value * 100)}%`;

export function matchItem(e: Evidence, candidate: Candidate, mapping: Mapping): MatchItem {
  const r = e.requirement;
  return {
    name: r.name,
    ...(r.anyOf ? { anyOf: r.anyOf } : {}),
    kind: r.required ? 'required' : 'preferred',
    shown: e.covered,
    evidence: e.covered ? evidenceLine(e) : 'not in your profile',
    sources: e.sources.slice(0, 5).map((s) => ({
      where: s.implied ? `${s.where}, via ${s.implied}` : s.where,
      ...(s.quote ? { quote: s.quote } : {}),
    })),
    ...(e.covered ? {} : { advice: adviceFor(e, candidate, mapping) }),
  };
}

const LEVEL_WORDS =
  /\b(?:senior|sr|staff|principal|lead|junior|jr|intern|associate|head|chief|i{1,3}|iv|entry|level|mid)\b/g;

/** A title's words, spelled one way: "Front-end Developer" and "Frontend Engineer" agree. */
function titleWords(title: string): Set<string> {
  const normal = title
    .toLowerCase()
    .replace(/\bfront[- ]?end\b/g, 'frontend')
    .replace(/\bback[- ]?end\b/g, 'backend')
    .replace(/\bfull[- ]?stack\b/g, 'fullstack')
    .replace(/\bdeveloper\b/g, 'engineer')
    .replace(/\bswe\b/g, 'software engineer')
    .replace(/\b(?:rn|registered nurse)\b/g, 'nurse')
    .replace(/\bux\b|\buser experience\b/g, 'ux')
    .replace(LEVEL_WORDS, ' ');
  return new Set(tokenize(normal).filter((w) => w.length > 1));
}

/**
 * How much of the role's name the person's headline or titles carry (0–1),
 * or null when the role title says nothing beyond its level.
 */
export function roleFit(candidate: Candidate, roleTitle: string): number | null {
  const wanted = titleWords(roleTitle);
  if (wanted.size === 0) return null;
  const titles = [candidate.headline ?? '', ...candidate.experiences.map((e) => e.title)];
  let best = 0;
  for (const title of titles) {
    const have = titleWords(title);
    const shared = [...wanted].filter((w) => have.has(w)).length;
    best = Math.max(best, shared / wanted.size);
  }
  return best;
}

export interface ShareOfItems {
  /** 0–1, each item weighted (soft skills half) and by how strongly it is shown. */
  value: number;
  shown: number;
  total: number;
  /** Shown only weakly (a course, the summary, a related skill). */
  weak: number;
}

export interface PartInputs {
  required: ShareOfItems | null;
  preferred: ShareOfItems | null;
  yearsRequired: number | null;
  years: number | null;
  jobSeniority: Seniority | null;
  person: Seniority | null;
  /** roleFit: how much of the role's name the person's titles carry. */
  role: number | null;
}

/**
 * The parts a score is made of, each with its value, weight (normalised over
 * the parts that apply) and a label a person can read. Shared by the built-in
 * match and the OpenAI-compatible one, so both read the same in the panel.
 */
export function scoreParts(inputs: PartInputs): MatchDetails['parts'] {
  const { years, person, role } = inputs;
  const parts: MatchDetails['parts'] = [];
  if (inputs.required) {
    const s = inputs.required;
    parts.push({
      name: 'required',
      value: s.value,
      weight: WEIGHTS.required,
      label: `Required: your profile shows ${s.shown} of ${s.total}${weakNote(s.weak)}`,
    });
  }
  if (inputs.preferred) {
    const s = inputs.preferred;
    parts.push({
      name: 'preferred',
      value: s.value,
      weight: WEIGHTS.preferred,
      label: `Preferred: ${s.shown} of ${s.total}${weakNote(s.weak)}`,
    });
  }
  if (inputs.yearsRequired !== null) {
    const value = years === null ? 0.5 : Math.min(1, years / inputs.yearsRequired);
    parts.push({
      name: 'years',
      value,
      weight: WEIGHTS.years,
      label:
        years === null
          ? `Years: the posting asks for ${inputs.yearsRequired}+; your profile has no dated experience`
          : `Years: about ${years} against ${inputs.yearsRequired}+ asked`,
    });
  }
  if (inputs.jobSeniority !== null || role !== null) {
    const level = inputs.jobSeniority === null ? null : seniorityFit(inputs.jobSeniority, person);
    const value = level === null ? role! : role === null ? level : 0.5 * level + 0.5 * role;
    const said: string[] = [];
    if (inputs.jobSeniority !== null)
      said.push(`a ${inputs.jobSeniority} role${person ? `; your profile reads ${person}` : ''}`);
    if (role !== null)
      said.push(
        role >= 1
          ? 'your titles name this role'
          : role > 0
            ? 'your titles share part of this role’s name'
            : 'none of your titles names this kind of role',
      );
    parts.push({
      name: 'seniority',
      value,
      weight: WEIGHTS.seniority,
      label: `Level and role: ${said.join('; ')}`,
    });
  }
  // Years count as far as the profile shows what is asked: ten years as a
  // nurse do not make ten years as an engineer.
  const relevance = Math.sqrt(parts.find((p) => p.name === 'required')?.value ?? 1);
  for (const p of parts) {
    if (p.name === 'years' && relevance < 1) {
      p.value *= relevance;
      p.label += ` — counted as far as your profile shows what is asked (${percent(relevance)})`;
    }
  }
  const totalWeight = parts.reduce((sum, p) => sum + p.weight, 0);
  for (const p of parts) p.weight = Math.round((p.weight / totalWeight) * 1000) / 1000;
  return parts;
}

/** The score the parts make: their weighted sum, 0–100. */
export function scoreOf(parts: MatchDetails['parts']): number {
  return parts.length === 0
    ? 0
    : Math.round(100 * parts.reduce((sum, p) => sum + p.value * p.weight, 0));
}

export function analyzeMatch(
  candidate: Candidate,
  job: JobPosting,
  mapping?: Mapping,
): MatchResult {
  const extracted = mapping?.job ?? extractRequirements(job.description, job.roleTitle);
  const map = mapping ?? mapEvidence(candidate, extracted, job.roleTitle);
  const required = map.evidence.filter((e) => e.requirement.required);
  const preferred = map.evidence.filter((e) => !e.requirement.required);
  const years = yearsShown(candidate);
  const person = personSeniority(candidate, years);

  const parts = scoreParts({
    required: required.length > 0 ? share(required) : null,
    preferred: preferred.length > 0 ? share(preferred) : null,
    yearsRequired: extracted.yearsRequired,
    years,
    jobSeniority: extracted.seniority,
    person,
    role: roleFit(candidate, job.roleTitle),
  });
  const score = scoreOf(parts);

  const items = map.evidence.map((e) => matchItem(e, candidate, map));
  const explanation =
    parts.length === 0
      ? 'The posting names nothing Pursuit recognises as a skill, years or level, so there is no score to give; read it and judge the fit yourself.'
      : `${parts.map((p) => `${p.label} (${percent(p.value)}, weight ${percent(p.weight)})`).join('; ')}.`;

  const strengths = map.matched
    .slice()
    .sort((a, b) => Number(b.requirement.required) - Number(a.requirement.required))
    .slice(0, 8)
    .map((e) => `${e.requirement.name} — ${evidenceLine(e, 2)}`);
  const weaknesses = map.gaps
    .slice()
    .sort((a, b) => Number(b.requirement.required) - Number(a.requirement.required))
    .slice(0, 8)
    .map((e) => `${e.requirement.name}${e.requirement.required ? ' (required)' : ' (preferred)'}`);
  const highlights = rankBullets(candidate, queryTerms(extracted, job.roleTitle))
    .filter((b) => b.score > 0)
    .slice(0, 3)
    .map((b) => b.text);

  const topGap = map.gaps.find((g) => g.requirement.required);
  const lead = map.matched.find((e) => e.requirement.required) ?? map.matched[0];
  const feedback =
    score >= 75
      ? `A strong fit: lead with ${lead?.requirement.name ?? 'your closest experience'}${topGap ? ` and have an answer ready on ${topGap.requirement.name}` : ''}.`
      : score >= 50
        ? `A reasonable fit${topGap ? `; the main gap is ${topGap.requirement.name}` : ''} — show how your experience transfers.`
        : `A stretch${topGap ? `: ${topGap.requirement.name} and other required items are not in your profile` : ''}; apply if you can show them another way.`;

  return {
    score,
    strengths,
    weaknesses,
    highlights,
    feedback,
    details: {
      items,
      years: { required: extracted.yearsRequired, shown: years },
      seniority: { job: extracted.seniority, person },
      parts,
      explanation,
    },
  };
}

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

export interface MatchResult {
  score: number;
  strengths: string[];
  weaknesses: string[];
  highlights: string[];
  feedback: string;
  details: MatchDetails;
}

const WEIGHTS = { required: 0.6, preferred: 0.15, years: 0.15, seniority: 0.1 } as const;

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

function share(items: Evidence[]): { value: number; shown: number; total: number } {
  const total = items.reduce((sum, e) => sum + itemWeight(e), 0);
  const shown = items.filter((e) => e.covered).reduce((sum, e) => sum + itemWeight(e), 0);
  return {
    value: total === 0 ? 0 : shown / total,
    shown: items.filter((e) => e.covered).length,
    total: items.length,
  };
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

  const parts: MatchDetails['parts'] = [];
  if (required.length > 0) {
    const s = share(required);
    parts.push({
      name: 'required',
      value: s.value,
      weight: WEIGHTS.required,
      label: `Required: your profile shows ${s.shown} of ${s.total}`,
    });
  }
  if (preferred.length > 0) {
    const s = share(preferred);
    parts.push({
      name: 'preferred',
      value: s.value,
      weight: WEIGHTS.preferred,
      label: `Preferred: ${s.shown} of ${s.total}`,
    });
  }
  if (extracted.yearsRequired !== null) {
    const value = years === null ? 0.5 : Math.min(1, years / extracted.yearsRequired);
    parts.push({
      name: 'years',
      value,
      weight: WEIGHTS.years,
      label:
        years === null
          ? `Years: the posting asks for ${extracted.yearsRequired}+; your profile has no dated experience`
          : `Years: about ${years} against ${extracted.yearsRequired}+ asked`,
    });
  }
  if (extracted.seniority !== null) {
    parts.push({
      name: 'seniority',
      value: seniorityFit(extracted.seniority, person),
      weight: WEIGHTS.seniority,
      label: `Level: a ${extracted.seniority} role${person ? `; your profile reads ${person}` : ''}`,
    });
  }
  const totalWeight = parts.reduce((sum, p) => sum + p.weight, 0);
  for (const p of parts) p.weight = Math.round((p.weight / totalWeight) * 1000) / 1000;
  const score =
    parts.length === 0
      ? 0
      : Math.round(100 * parts.reduce((sum, p) => sum + p.value * p.weight, 0));

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

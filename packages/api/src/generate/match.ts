// Match analysis: a 0–100 score from weighted requirement coverage, experience
// fit and title similarity, with strengths, weaknesses and highlights drawn
// only from what the person entered.
import type { Candidate, JobPosting } from './candidate';
import { extractRequirements } from './extract';
import { mapEvidence, rankBullets, queryTerms, type Evidence, type Mapping } from './evidence';
import { tokenize } from './text';

export interface MatchResult {
  score: number;
  strengths: string[];
  weaknesses: string[];
  highlights: string[];
  feedback: string;
  /** The parts of the score, for the UI and tests. */
  breakdown: { coverage: number; experience: number; title: number };
}

function evidenceStrength(e: Evidence): number {
  if (!e.covered) return 0;
  let strength = 0;
  if (e.skill)
    strength +=
      e.skill.proficiency === 'expert' || e.skill.proficiency === 'advanced' ? 0.55 : 0.45;
  if (e.bullets.length > 0) strength += 0.45;
  if (e.certification) strength += 0.35;
  if (e.inResume) strength += 0.3;
  return Math.min(1, strength);
}

function requirementWeight(e: Evidence): number {
  return e.requirement.weight * (e.requirement.required ? 1.5 : e.requirement.preferred ? 0.6 : 1);
}

export function coverageScore(mapping: Mapping): number {
  const total = mapping.evidence.reduce((sum, e) => sum + requirementWeight(e), 0);
  if (total === 0) return 0.5;
  return (
    mapping.evidence.reduce((sum, e) => sum + requirementWeight(e) * evidenceStrength(e), 0) / total
  );
}

function experienceScore(candidate: Candidate, yearsRequired: number | null): number {
  const years = candidate.yearsOfExperience ?? null;
  if (yearsRequired === null) return years === null ? 0.6 : Math.min(1, 0.6 + years / 20);
  if (years === null) return 0.4;
  if (years >= yearsRequired) return 1;
  return Math.max(0, years / yearsRequired);
}

function titleScore(candidate: Candidate, roleTitle: string): number {
  const wanted = new Set(tokenize(roleTitle));
  if (wanted.size === 0) return 0.5;
  const titles = [
    candidate.headline ?? '',
    ...candidate.experiences.slice(0, 3).map((e) => e.title),
  ];
  let best = 0;
  for (const title of titles) {
    const have = new Set(tokenize(title));
    const shared = [...wanted].filter((w) => have.has(w)).length;
    const union = new Set([...wanted, ...have]).size;
    if (union > 0) best = Math.max(best, shared / union);
  }
  return Math.min(1, best * 1.5);
}

export function analyzeMatch(
  candidate: Candidate,
  job: JobPosting,
  mapping?: Mapping,
): MatchResult {
  const extracted = mapping?.job ?? extractRequirements(job.description, job.roleTitle);
  const map = mapping ?? mapEvidence(candidate, extracted, job.roleTitle);
  const coverage = coverageScore(map);
  const experience = experienceScore(candidate, extracted.yearsRequired);
  const title = titleScore(candidate, job.roleTitle);
  const score = Math.round(100 * (0.7 * coverage + 0.15 * experience + 0.15 * title));

  const strengths = map.matched
    .slice()
    .sort(
      (a, b) =>
        requirementWeight(b) * evidenceStrength(b) - requirementWeight(a) * evidenceStrength(a),
    )
    .slice(0, 5)
    .map((e) => {
      const where = e.bullets[0] ? ` (${e.bullets[0].title} at ${e.bullets[0].company})` : '';
      return `${e.requirement.name}${where}`;
    });
  const weaknesses = map.gaps
    .slice()
    .sort(
      (a, b) =>
        Number(b.requirement.required) - Number(a.requirement.required) ||
        requirementWeight(b) - requirementWeight(a),
    )
    .slice(0, 5)
    .map((e) => `${e.requirement.name}${e.requirement.required ? ' (required)' : ''}`);
  const highlights = rankBullets(candidate, queryTerms(extracted, job.roleTitle))
    .filter((b) => b.score > 0)
    .slice(0, 3)
    .map((b) => b.text);

  const topGap = map.gaps.find((g) => g.requirement.required) ?? map.gaps[0];
  const feedback =
    score >= 75
      ? `A strong fit: lead with ${strengths[0]?.split(' (')[0] ?? 'your closest experience'}${topGap ? ` and have an answer ready on ${topGap.requirement.name}` : ''}.`
      : score >= 50
        ? `A reasonable fit${topGap ? `; the main gap is ${topGap.requirement.name}` : ''} — show how your experience transfers.`
        : `A stretch${topGap ? `: ${topGap.requirement.name} and other core requirements are missing from your profile` : ''}; apply only if you can show them another way.`;

  return {
    score,
    strengths,
    weaknesses,
    highlights,
    feedback,
    breakdown: { coverage, experience, title },
  };
}

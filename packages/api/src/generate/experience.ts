// The person's working years and level, read from their dated experience:
// the union of their roles' date ranges (overlaps counted once), or the years
// they stated when no role is dated.
import type { Candidate } from './candidate';
import type { Seniority } from './extract';

/** A partial date ("2020", "2020-02", "2020-02-01") as months since year 0. */
function months(date: string | null | undefined): number | null {
  const match = /^(\d{4})(?:-(\d{2}))?/.exec(date ?? '');
  if (!match) return null;
  return Number(match[1]) * 12 + (match[2] ? Number(match[2]) - 1 : 0);
}

/** Whole years of dated experience, or the years the person stated; null when neither. */
export function yearsShown(candidate: Candidate, now = new Date()): number | null {
  const today = now.getUTCFullYear() * 12 + now.getUTCMonth();
  const ranges = candidate.experiences
    .map((e) => {
      const start = months(e.startDate);
      if (start === null) return null;
      const end = e.current || !e.endDate ? today : (months(e.endDate) ?? today);
      return [start, Math.max(start, end)] as const;
    })
    .filter((r): r is readonly [number, number] => r !== null)
    .sort((a, b) => a[0] - b[0]);
  let total = 0;
  let reach = -Infinity;
  for (const [start, end] of ranges) {
    const from = Math.max(start, reach);
    if (end > from) total += end - from;
    reach = Math.max(reach, end);
  }
  const dated = ranges.length > 0 ? Math.floor(total / 12) : null;
  const stated = candidate.yearsOfExperience ?? null;
  if (dated === null) return stated;
  return stated === null ? dated : Math.max(dated, stated);
}

const TITLE_LEVELS: [RegExp, Seniority][] = [
  [/\bintern(?:ship)?\b/i, 'intern'],
  [/\b(?:director|head of|vp|vice president|chief)\b/i, 'director'],
  [/\bprincipal\b/i, 'principal'],
  [/\bstaff\b/i, 'staff'],
  [/\b(?:lead|charge nurse)\b/i, 'lead'],
  [/\bmanager\b/i, 'manager'],
  [/\b(?:senior|sr\.?)\b/i, 'senior'],
  [/\b(?:junior|jr\.?|associate|assistant|entry[- ]level|graduate|trainee)\b/i, 'junior'],
];

function fromYears(years: number): Seniority {
  if (years < 2) return 'junior';
  if (years < 5) return 'mid';
  if (years < 9) return 'senior';
  return 'staff';
}

/**
 * The person's level: their current (or latest) title's level word, checked
 * against their years — a "Senior" title with 20 years reads staff-level
 * experience, an untitled role reads by years alone.
 */
export function personSeniority(candidate: Candidate, years: number | null): Seniority | null {
  const latest = candidate.experiences.find((e) => e.current) ?? candidate.experiences[0];
  const titles = [latest?.title, candidate.headline].filter((t): t is string => Boolean(t));
  for (const title of titles)
    for (const [pattern, level] of TITLE_LEVELS) if (pattern.test(title)) return level;
  return years === null ? null : fromYears(years);
}

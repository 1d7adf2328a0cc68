// Requirement extraction from a job description: skills from the curated
// lexicon (with aliases), weighted by where and how often they appear; the
// seniority, years of experience, responsibilities, work arrangement and
// salary when the posting states them. Pure and deterministic.
import { CASE_SENSITIVE_ALIASES, LEXICON, STOP_PHRASES, type SkillCategory } from './lexicon';
import { escapeRegExp, lines } from './text';

export interface Requirement {
  name: string;
  category: SkillCategory;
  /** How many times the posting mentions it (any alias). */
  mentions: number;
  /** Stated as required (in a requirements section or with must/required wording). */
  required: boolean;
  /** Only in a nice-to-have section. */
  preferred: boolean;
  /** Emphasis used for ranking and scoring (higher = more central to the role). */
  weight: number;
}

export type Seniority =
  'intern' | 'junior' | 'mid' | 'senior' | 'staff' | 'principal' | 'lead' | 'manager' | 'director';

export interface Salary {
  min: number;
  max: number;
  currency: string;
}

export interface ExtractedJob {
  requirements: Requirement[];
  seniority: Seniority | null;
  yearsRequired: number | null;
  responsibilities: string[];
  workArrangement: 'remote' | 'hybrid' | 'onsite' | null;
  salary: Salary | null;
}

type Section = 'intro' | 'responsibilities' | 'requirements' | 'preferred' | 'benefits';

const SECTION_HEADINGS: [RegExp, Section][] = [
  [
    /^(?:nice[- ]to[- ]haves?|preferred|bonus|bonus points|pluses|good to have|extra credit)\b/i,
    'preferred',
  ],
  [/(?:nice[- ]to[- ]have|bonus points|preferred qualifications|it'?s a plus)/i, 'preferred'],
  [
    /^(?:requirements|qualifications|required|must[- ]haves?|minimum qualifications|basic qualifications|what you(?:'ll)? (?:need|bring)|what we(?:'re)? looking for|who you are|about you|you have|skills|your (?:skills|experience|profile))\b/i,
    'requirements',
  ],
  [
    /^(?:responsibilities|what you(?:'ll)? do|the role|your role|in this role|key responsibilities|duties|day[- ]to[- ]day|you will)\b/i,
    'responsibilities',
  ],
  [/^(?:benefits|perks|what we offer|compensation|why join|our offer)\b/i, 'benefits'],
];

function headingOf(line: string): Section | null {
  const bare = line.replace(/[:#*_]+/g, '').trim();
  if (bare.length > 60) return null;
  for (const [pattern, section] of SECTION_HEADINGS) if (pattern.test(bare)) return section;
  return null;
}

function aliasPattern(alias: string): RegExp {
  const flags = CASE_SENSITIVE_ALIASES.has(alias) ? 'g' : 'gi';
  // Word boundaries that also work for C++, C#, .NET and Node.js.
  return new RegExp(
    `(?<![A-Za-z0-9_.#+/-])${escapeRegExp(alias)}(?![A-Za-z0-9_#+&]|-to\\b|\\.[A-Za-z])`,
    flags,
  );
}

interface CompiledAlias {
  /** Index into LEXICON, or -1 for a stop phrase. */
  entry: number;
  pattern: RegExp;
}

const COMPILED: CompiledAlias[] = [
  ...STOP_PHRASES.map((phrase) => ({ entry: -1, pattern: aliasPattern(phrase) })),
  ...LEXICON.flatMap((entry, index) =>
    [entry.name, ...entry.aliases].map((alias) => ({ entry: index, pattern: aliasPattern(alias) })),
  ),
];

/**
 * How often each lexicon skill is named in `text`. Where aliases overlap
 * ("React" in "React Native", "Looker" in "Looker Studio") the longest match
 * wins, and stop phrases hide what they contain.
 */
export function skillMentions(text: string): Map<number, number> {
  const found: { entry: number; start: number; end: number }[] = [];
  for (const { entry, pattern } of COMPILED) {
    pattern.lastIndex = 0;
    for (const match of text.matchAll(pattern)) {
      found.push({ entry, start: match.index, end: match.index + match[0].length });
    }
  }
  found.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const taken: [number, number][] = [];
  const counts = new Map<number, number>();
  for (const hit of found) {
    if (taken.some(([s, e]) => hit.start < e && hit.end > s)) continue;
    taken.push([hit.start, hit.end]);
    if (hit.entry >= 0) counts.set(hit.entry, (counts.get(hit.entry) ?? 0) + 1);
  }
  return counts;
}

const REQUIRED_WORDING =
  /\b(?:must|required|requires|need(?:s)?|essential|minimum|mandatory|proficien(?:t|cy)|strong|solid|expert(?:ise)?|deep)\b/i;

export function extractRequirements(description: string, roleTitle = ''): ExtractedJob {
  const allLines = lines(description);
  let section: Section = 'intro';
  const tagged: { line: string; section: Section }[] = [];
  for (const line of allLines) {
    const heading = headingOf(line);
    if (
      heading &&
      line
        .replace(/[:#*_]+/g, '')
        .trim()
        .split(/\s+/).length <= 8
    ) {
      section = heading;
      continue;
    }
    tagged.push({ line, section });
  }

  const perLine = tagged.map((t) => ({ ...t, counts: skillMentions(t.line) }));
  const titleCounts = skillMentions(roleTitle);
  const requirements: Requirement[] = [];
  LEXICON.forEach((entry, index) => {
    let mentions = 0;
    let requiredHits = 0;
    let preferredHits = 0;
    let responsibilityHits = 0;
    for (const { line, section: where, counts } of perLine) {
      if (where === 'benefits') continue;
      const n = counts.get(index) ?? 0;
      if (n === 0) continue;
      mentions += n;
      if (where === 'requirements' || (where !== 'preferred' && REQUIRED_WORDING.test(line)))
        requiredHits += n;
      if (where === 'preferred' || /\b(?:nice to have|a plus|bonus|preferred)\b/i.test(line))
        preferredHits += n;
      if (where === 'responsibilities') responsibilityHits += n;
    }
    const inTitle = titleCounts.get(index) ?? 0;
    if (mentions === 0 && inTitle === 0) return;
    const preferred = preferredHits > 0 && preferredHits === mentions && inTitle === 0;
    const required = !preferred && (requiredHits > 0 || inTitle > 0);
    const weight =
      mentions +
      inTitle * 3 +
      requiredHits * 1.5 +
      responsibilityHits * 0.5 -
      (preferred ? mentions * 0.5 : 0) +
      (entry.category === 'soft' ? -0.5 : 0);
    requirements.push({
      name: entry.name,
      category: entry.category,
      mentions: mentions + inTitle,
      required,
      preferred,
      weight: Math.max(0.25, Math.round(weight * 100) / 100),
    });
  });
  requirements.sort((a, b) => b.weight - a.weight || a.name.localeCompare(b.name));

  const responsibilities = tagged
    .filter((t) => t.section === 'responsibilities' && t.line.length > 15)
    .map((t) => t.line.replace(/[.;]+$/, ''))
    .slice(0, 8);

  return {
    requirements,
    seniority: seniorityOf(roleTitle, description),
    yearsRequired: yearsRequired(description),
    responsibilities,
    workArrangement: workArrangementOf(description),
    salary: salaryOf(description),
  };
}

const SENIORITY_WORDS: [RegExp, Seniority][] = [
  [/\bintern(?:ship)?\b/i, 'intern'],
  [/\bdirector\b|\bhead of\b|\bvp\b/i, 'director'],
  [/\bprincipal\b/i, 'principal'],
  [/\bstaff\b/i, 'staff'],
  [/\b(?:engineering |team |tech )?lead\b/i, 'lead'],
  [/\bmanager\b/i, 'manager'],
  [/\bsenior\b|\bsr\.?\b/i, 'senior'],
  [/\bjunior\b|\bjr\.?\b|\bentry[- ]level\b|\bgraduate\b|\bnew grad\b/i, 'junior'],
  [/\bmid[- ]level\b|\bintermediate\b/i, 'mid'],
];

function seniorityOf(title: string, description: string): Seniority | null {
  for (const [pattern, level] of SENIORITY_WORDS) if (pattern.test(title)) return level;
  // Only explicit level words in the body: "manager" there often names someone else.
  for (const [pattern, level] of SENIORITY_WORDS) {
    if (level === 'manager' || level === 'lead' || level === 'director' || level === 'staff')
      continue;
    if (
      new RegExp(
        `${pattern.source}\\s+(?:level|role|position|engineer|designer|nurse|accountant)`,
        'i',
      ).test(description)
    )
      return level;
  }
  return null;
}

const NUMBER_WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
};

/** The first "N+ years of experience" the posting states: its headline requirement. */
function yearsRequired(description: string): number | null {
  const pattern =
    /\b(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)\s*\+?\s*(?:(?:-|–|to)\s*\d{1,2}\s*)?(?:\+\s*)?years?\b/gi;
  for (const match of description.matchAll(pattern)) {
    const raw = match[1]!.toLowerCase();
    const value = NUMBER_WORDS[raw] ?? Number(raw);
    const context = description.slice(match.index, match.index + 90).toLowerCase();
    if (!/experience|\bexp\b|working|professional|building|as an? /.test(context)) continue;
    if (/\b(?:old|ago|warranty|commitment)\b/.test(context.slice(0, 40))) continue;
    if (value > 0 && value <= 30) return value;
  }
  return null;
}

const EXPLICIT_REMOTE =
  /\b(?:fully remote|remote[- ]first|100% remote|work from anywhere|remote[- ]friendly|work remotely|remote (?:role|position|job|opportunity|team|company)|(?:role|position|job) is remote|remote within|remote in the|open to remote)\b/i;
const ONSITE =
  /\b(?:on[- ]?site|in[- ]office|in the office|in person|in-person)\b(?!\s+(?:parking|gym|cafeteria|childcare|daycare|amenities|perks|clinic|fitness|lunch))/i;

function workArrangementOf(description: string): ExtractedJob['workArrangement'] {
  if (/\bhybrid\b/i.test(description)) return 'hybrid';
  if (EXPLICIT_REMOTE.test(description)) return 'remote';
  if (ONSITE.test(description)) return 'onsite';
  // A bare "remote" that is not a product name ("Remote Config").
  if (/\bremote\b(?!\s+(?:config|control|controls|monitoring|access))/i.test(description))
    return 'remote';
  return null;
}

const CURRENCY_PREFIXES: Record<string, string> = {
  $: 'USD',
  US$: 'USD',
  '€': 'EUR',
  '£': 'GBP',
  CA$: 'CAD',
  C$: 'CAD',
  A$: 'AUD',
  AU$: 'AUD',
  NZ$: 'NZD',
};

function amount(value: string, k: string | undefined): number {
  const n = Number(value.replace(/,/g, ''));
  return Math.round(k ? n * 1000 : n);
}

const MONEY = String.raw`(US\$|CA\$|C\$|AU\$|A\$|NZ\$|[$€£])\s?(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s?([kK])?`;
const RANGE = new RegExp(
  String.raw`${MONEY}\s*(?:-|–|—|to)\s*(?:US\$|CA\$|C\$|AU\$|A\$|NZ\$|[$€£])?\s?(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s?([kK])?(?![MmBb])(?:\s*(USD|EUR|GBP|CAD|AUD|NZD))?`,
  'g',
);
const CODED_RANGE =
  /(\d{1,3}(?:,\d{3})+|\d+)\s?([kK])?\s*(?:-|–|to)\s*(\d{1,3}(?:,\d{3})+|\d+)\s?([kK])?\s*(USD|EUR|GBP|CAD|AUD|NZD)\b/g;
const SALARY_WORDS = /salary|compensation|\bpay\b|\bbase\b|\bOTE\b|per year|annually|\/yr|a year/i;

/** A stated salary range, preferring one on a line that talks about pay. */
function salaryOf(description: string): Salary | null {
  const candidates: { salary: Salary; aboutPay: boolean }[] = [];
  for (const line of description.split(/\r?\n/)) {
    const aboutPay = SALARY_WORDS.test(line);
    for (const m of line.matchAll(RANGE)) {
      const k = m[3] ?? m[5];
      const min = amount(m[2]!, k);
      const max = amount(m[4]!, m[5] ?? k);
      const currency = m[6] ?? CURRENCY_PREFIXES[m[1]!] ?? 'USD';
      if (min >= 1000 && max >= min) candidates.push({ salary: { min, max, currency }, aboutPay });
    }
    for (const m of line.matchAll(CODED_RANGE)) {
      const min = amount(m[1]!, m[2] ?? m[4]);
      const max = amount(m[3]!, m[4]);
      if (min >= 1000 && max >= min)
        candidates.push({ salary: { min, max, currency: m[5]! }, aboutPay });
    }
  }
  return (candidates.find((c) => c.aboutPay) ?? candidates[0])?.salary ?? null;
}

// Requirement extraction from a job description as people paste it: the text
// is cut into sections by headings and inline cues ("Requirements: …; Nice to
// have: …"); skills from the curated lexicon (with aliases) named in the
// requirement sections are required or preferred by their section or cue,
// alternatives ("Tableau or Looker Studio") stay one item, and what the work
// is, the company and the benefits are context. Also the seniority, years,
// responsibilities, work arrangement and salary the posting states. Pure and
// deterministic.
import { CASE_SENSITIVE_ALIASES, LEXICON, STOP_PHRASES, type SkillCategory } from './lexicon';
import { escapeRegExp } from './text';

export interface Requirement {
  /** The lexicon's name, or "A or B" for alternatives. */
  name: string;
  /** Alternatives, any one of which satisfies it ("Tableau or Looker Studio"). */
  anyOf?: string[];
  category: SkillCategory;
  /** How many items of the posting name it (any alias). */
  mentions: number;
  /** Asked as required: in a requirements section or cue, without a "plus" cue on its clause. */
  required: boolean;
  /** Asked as a plus: a preferred / nice-to-have section or cue. Always !required. */
  preferred: boolean;
  /** Emphasis used for ranking (higher = more central to the role). */
  weight: number;
  /** The posting's own words that ask for it (the first item naming it). */
  asked: string;
}

export type Seniority =
  'intern' | 'junior' | 'mid' | 'senior' | 'staff' | 'principal' | 'lead' | 'manager' | 'director';

export interface Salary {
  min: number;
  max: number;
  currency: string;
}

export interface ExtractedJob {
  /** Required first, then preferred; each by emphasis. */
  requirements: Requirement[];
  /** Skills the posting names only as context (what the work is, the company, benefits). */
  context: string[];
  seniority: Seniority | null;
  yearsRequired: number | null;
  responsibilities: string[];
  /** What the posting says about the company and team. */
  about: string[];
  workArrangement: 'remote' | 'hybrid' | 'onsite' | null;
  salary: Salary | null;
}

export type Section =
  'intro' | 'responsibilities' | 'requirements' | 'preferred' | 'about' | 'benefits';

// Headings people use, whole-line ("## What you'll need", "Nice to have:") or
// as an inline cue inside a paragraph ("… Requirements: …; Nice to have: …").
const PREFERRED_HEADING = String.raw`nice[- ]to[- ]haves?|preferred(?: qualifications| skills| experience)?|bonus(?: points)?|pluses|plusses|good to have|extra credit|it'?s a plus|even better|desirable|desired(?: qualifications| skills)?|ideally(?: you have)?`;
const REQUIRED_HEADING = String.raw`requirements|required(?: qualifications| skills| experience)?|qualifications|minimum qualifications|basic qualifications|must[- ]haves?|what you(?:'ll| will)? need|what we need|what we expect|you should have|you(?:'ll| will) have|what you need to succeed|what you(?:'ll| will)? bring|what we(?:'re| are) looking for|who you are|about you|you have|you bring|you are|you might be a fit if|skills(?: and experience| & experience)?|experience|your (?:skills|experience|profile|background)|essential(?: skills| criteria)?|key (?:skills|qualifications|requirements)`;
const RESPONSIBILITY_HEADING = String.raw`responsibilities|key responsibilities|what you(?:'ll| will) do|what you(?:'ll| will) be doing|the role|your role|role overview|in this role(?: you will)?|duties|day[- ]to[- ]day|you will|your impact|what you(?:'ll| will) work on|the job|the opportunity|about the (?:role|job|position)|role description|job description|overview`;
const ABOUT_HEADING = String.raw`about us|about the (?:company|team)|who we are|our (?:company|team|mission|story|culture)|the team|company (?:description|overview)|why us|life at [\w&.' -]+`;
/** "About Ledgerline": a capitalised name after "About" (case-sensitive, so "about you" is not it). */
const ABOUT_NAMED = String.raw`(?:About|ABOUT) [A-Z][\w&.'-]*(?: [A-Z][\w&.'-]*){0,2}`;
const BENEFITS_HEADING = String.raw`benefits|perks|what we offer|we offer|compensation(?: and benefits| & benefits)?|why join(?: us)?|our offer|salary|pay|what's in it for you`;

const HEADINGS: [RegExp, Section][] = [
  [new RegExp(`^(?:${PREFERRED_HEADING})$`, 'i'), 'preferred'],
  [new RegExp(`^(?:${REQUIRED_HEADING})$`, 'i'), 'requirements'],
  [new RegExp(`^(?:${RESPONSIBILITY_HEADING})$`, 'i'), 'responsibilities'],
  [new RegExp(`^(?:${ABOUT_HEADING})$`, 'i'), 'about'],
  [new RegExp(`^${ABOUT_NAMED}$`), 'about'],
  [new RegExp(`^(?:${BENEFITS_HEADING})$`, 'i'), 'benefits'],
];

/** An inline cue: a heading word followed by a colon, inside running text. */
const INLINE_CUE = new RegExp(
  String.raw`(?:^|(?<=[\s.;!?)]))(${PREFERRED_HEADING}|${REQUIRED_HEADING}|${RESPONSIBILITY_HEADING}|${BENEFITS_HEADING}|about us|about the (?:company|team|role))\s*[:：]\s*`,
  'gi',
);

/** Emoji, markdown emphasis and decoration around a heading. */
function bareHeading(line: string): string {
  return line
    .replace(/\p{Extended_Pictographic}|\uFE0F/gu, '')
    .replace(/^[#>*_\s]+|[*_\s]+$/g, '')
    .replace(/[:：]\s*$/, '')
    .replace(/[*_]/g, '')
    .replace(/’/g, "'")
    .trim();
}

/**
 * Words that name a section inside a longer heading ("Job Requirements",
 * "Perks & Benefits", "Skills & Qualifications"), tried only on lines that
 * look like headings, so a list item such as "Python experience" stays content.
 */
const HEADING_WORDS: [RegExp, Section][] = [
  [
    /\b(?:nice|bonus|pluse?s?|preferred|desired|desirable|ideally|would love|great if)\b/i,
    'preferred',
  ],
  [/\b(?:benefits|perks|we offer|compensation|salary)\b/i, 'benefits'],
  [
    /\b(?:responsibilit\w*|duties|what you(?:'ll| will) (?:do|work on)|day[- ]to[- ]day)\b/i,
    'responsibilities',
  ],
  [
    /\b(?:requirements?|qualifications?|must|need|looking for|who you are|about you|you have|you bring|skills|experience|competencies)\b/i,
    'requirements',
  ],
  [
    /\b(?:about|who we are|our (?:company|team|mission|stack|culture|values)|tech stack|culture)\b/i,
    'about',
  ],
];

/** Marked as a heading: "## …", "**…**", "…:", ALL CAPS, or led by an emoji. */
function looksLikeHeading(line: string): boolean {
  return (
    /^#{1,6}\s/.test(line) ||
    /^\*\*[^*]+\*\*:?$/.test(line) ||
    /^__[^_]+__:?$/.test(line) ||
    /[:：]$/.test(line) ||
    (/[A-Z]{3}/.test(line) && line === line.toUpperCase()) ||
    /^\p{Extended_Pictographic}/u.test(line)
  );
}

/** The section a whole line announces, or null when it is content. */
export function headingOf(line: string): Section | null {
  const bare = bareHeading(line).replace(/\s*\([^)]*\)$/, '');
  if (bare.length === 0 || bare.length > 60 || bare.split(/\s+/).length > 8) return null;
  for (const [pattern, section] of HEADINGS) if (pattern.test(bare)) return section;
  if (!looksLikeHeading(line.trim())) return null;
  return headingByWords(line);
}

/** A section named by the words of a short line ("What we need", "Job Requirements"). */
function headingByWords(line: string): Section | null {
  const bare = bareHeading(line).replace(/\s*\([^)]*\)$/, '');
  if (bare.split(/\s+/).length > 6 || /[.!?,;]$/.test(bare)) return null;
  for (const [pattern, section] of HEADING_WORDS) if (pattern.test(bare)) return section;
  return null;
}

const LIST_ITEM = /^(?:[-*•·▪◦‣⁃–]|\d+[.)]|[a-z][.)])\s+/i;

/** A short plain line right before a list is that list's heading. */
function introducesList(line: string, next: string): boolean {
  return !LIST_ITEM.test(line) && LIST_ITEM.test(next) && line.split(/\s+/).length <= 6;
}

export interface Segment {
  section: Section;
  text: string;
}

/**
 * The posting cut into sections: by heading lines, and by inline cues inside
 * a line ("… Requirements: a; b. Nice to have: c."). Each segment is one
 * line's worth of content under one section.
 */
export function segment(description: string): Segment[] {
  const out: Segment[] = [];
  let section: Section = 'intro';
  let previous = '';
  const rows = description.replace(/\r\n?/g, '\n').split('\n');
  for (const [index, raw] of rows.entries()) {
    const line = raw.trim();
    const next =
      rows
        .slice(index + 1)
        .find((row) => row.trim())
        ?.trim() ?? '';
    if (!line) {
      previous = '';
      continue;
    }
    // Text copied from a PDF wraps lines mid-sentence: a line that starts in
    // lower case after one that did not end a sentence continues it.
    const last = out.at(-1);
    if (
      last &&
      previous &&
      /^[a-z(]/.test(line) &&
      !/[.;:!?]$/.test(previous) &&
      !headingOf(line)
    ) {
      last.text = `${last.text} ${line}`;
      previous = line;
      continue;
    }
    previous = line;
    const heading = headingOf(line) ?? (introducesList(line, next) ? headingByWords(line) : null);
    if (heading) {
      section = heading;
      previous = '';
      continue;
    }
    const content = line.replace(LIST_ITEM, '').replace(/’/g, "'");
    let at = 0;
    let current = section;
    for (const match of content.matchAll(INLINE_CUE)) {
      const cued = headingOf(match[1]!);
      if (!cued) continue;
      const before = content.slice(at, match.index).trim();
      if (before) out.push({ section: current, text: before });
      current = cued;
      at = match.index + match[0].length;
    }
    const rest = content.slice(at).trim();
    if (rest) out.push({ section: current, text: rest });
    // A cue in a paragraph carries on to the lines after it.
    section = current;
  }
  return out;
}

/** Items of a segment: its sentences and semicolon-separated clauses. */
function items(text: string): string[] {
  return text
    .split(/;\s+|(?<=[.!?])\s+(?=[A-Z0-9(])/)
    .map((item) => item.trim().replace(/[.;,]+$/, ''))
    .filter((item) => item.length > 0);
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

export interface SkillHit {
  /** Index into LEXICON. */
  entry: number;
  start: number;
  end: number;
}

/**
 * Where lexicon skills are named in `text`, in order. Where aliases overlap
 * ("React" in "React Native", "Looker" in "Looker Studio") the longest match
 * wins, and stop phrases hide what they contain.
 */
export function skillHits(text: string): SkillHit[] {
  const found: SkillHit[] = [];
  for (const { entry, pattern } of COMPILED) {
    pattern.lastIndex = 0;
    for (const match of text.matchAll(pattern)) {
      found.push({ entry, start: match.index, end: match.index + match[0].length });
    }
  }
  found.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const taken: SkillHit[] = [];
  for (const hit of found) {
    if (taken.some((t) => hit.start < t.end && hit.end > t.start)) continue;
    taken.push(hit);
  }
  return taken.filter((hit) => hit.entry >= 0).sort((a, b) => a.start - b.start);
}

/** How often each lexicon skill is named in `text`. */
export function skillMentions(text: string): Map<number, number> {
  const counts = new Map<number, number>();
  for (const hit of skillHits(text)) counts.set(hit.entry, (counts.get(hit.entry) ?? 0) + 1);
  return counts;
}

const PREFERRED_CUE =
  /\b(?:nice[- ]to[- ]have|(?:is |are |a |would be a |big )?plus(?:es)?\b|bonus|preferred|preferably|ideally|desirable|advantageous|an advantage|not required|helpful|appreciated|great if|even better|welcome)\b/i;
/** A cue that makes what follows it a plus: "Strong Python, ideally with Django". */
const FORWARD_CUE =
  /,?\s*\b(?:ideally|preferably|bonus (?:points )?(?:if|for)|even better if|great if|nice if|a plus if|plus if)\b/i;

/** Skills of one item, alternatives grouped ("Tableau or Looker Studio", "AWS, GCP or Azure"). */
function groupsOf(item: string): number[][] {
  const hits = skillHits(item).filter(
    (hit, i, all) => all.findIndex((h) => h.entry === hit.entry) === i,
  );
  const groups: number[][] = [];
  let run: SkillHit[] = [];
  let alternative = false;
  /** The run follows "such as" / "e.g.": its commas list alternatives too. */
  let examples = false;
  const close = () => {
    if (run.length === 0) return;
    if (alternative) groups.push(run.map((h) => h.entry));
    else for (const h of run) groups.push([h.entry]);
    run = [];
    alternative = false;
    examples = false;
  };
  for (const hit of hits) {
    const previous = run.at(-1);
    const between = previous ? item.slice(previous.end, hit.start) : '';
    if (previous && /^\s*(?:,\s*)?(?:or|\/|,)\s*(?:or\s+)?$/i.test(between)) {
      const or = /\bor\b|\//i.test(between);
      // An Oxford list puts its commas before the "or" ("AWS, GCP, or Azure");
      // a comma after one starts a new item ("payments or fintech, Rust").
      if (or || !alternative || examples) {
        if (or) alternative = true;
        run.push(hit);
        continue;
      }
    }
    // Examples are alternatives: "a BI tool (e.g. Tableau, Looker)".
    if (
      previous &&
      /^\s*(?:\(|,)?\s*(?:e\.g\.?|such as|like|for example|including)\s*$/i.test(between)
    ) {
      run.push(hit);
      alternative = true;
      examples = true;
      continue;
    }
    close();
    run = [hit];
    if (/(?:e\.g\.?|such as|like|for example)\s*$/i.test(item.slice(0, hit.start))) {
      alternative = true;
      examples = true;
    }
  }
  // A run that mixes "," and "or" ("AWS, GCP, or Azure") is one set of alternatives;
  // a run of commas only ("Python, SQL, dbt") is separate skills.
  close();
  return groups;
}

interface Asked {
  group: number[];
  required: boolean;
  section: Section;
  item: string;
  order: number;
}

export function extractRequirements(description: string, roleTitle = ''): ExtractedJob {
  const segments = segment(description);
  const sectioned = segments.some((s) => s.section === 'requirements' || s.section === 'preferred');
  const asked: Asked[] = [];
  const context = new Set<string>();
  let order = 0;
  for (const seg of segments) {
    for (const item of items(seg.text)) {
      const groups = groupsOf(item);
      if (groups.length === 0) continue;
      const askable = sectioned
        ? seg.section === 'requirements' || seg.section === 'preferred'
        : seg.section === 'intro' || seg.section === 'responsibilities';
      if (!askable) {
        for (const group of groups) for (const entry of group) context.add(LEXICON[entry]!.name);
        continue;
      }
      // "Strong Python, ideally with Django": the clause after a forward cue is
      // a plus; the rest is judged by its section and any "is a plus" in it.
      const cue = FORWARD_CUE.exec(item);
      const clauses =
        cue && cue.index > 0
          ? [
              { text: item.slice(0, cue.index), plus: false },
              { text: item.slice(cue.index), plus: true },
            ]
          : [{ text: item, plus: false }];
      for (const clause of clauses) {
        const required =
          seg.section !== 'preferred' && !clause.plus && !PREFERRED_CUE.test(clause.text);
        for (const group of clauses.length > 1 ? groupsOf(clause.text) : groups) {
          asked.push({ group, required, section: seg.section, item, order: order++ });
        }
      }
    }
  }
  // Skills in the role title are required ("Senior Go Engineer").
  for (const hit of skillHits(roleTitle)) {
    asked.push({
      group: [hit.entry],
      required: true,
      section: 'requirements',
      item: roleTitle,
      order: -1,
    });
  }

  const byName = new Map<string, Requirement & { first: number; inTitle: boolean }>();
  for (const a of asked) {
    const names = a.group.map((entry) => LEXICON[entry]!.name);
    const name = names.length > 1 ? names.join(' or ') : names[0]!;
    // A skill asked on its own elsewhere is not also an alternative.
    const existing = byName.get(name);
    const category = LEXICON[a.group[0]!]!.category;
    if (existing) {
      existing.mentions += 1;
      if (a.required && !existing.required) {
        existing.required = true;
        existing.preferred = false;
        existing.asked = a.item;
      }
      existing.inTitle ||= a.order === -1;
      continue;
    }
    byName.set(name, {
      name,
      ...(names.length > 1 ? { anyOf: names } : {}),
      category,
      mentions: 1,
      required: a.required,
      preferred: !a.required,
      weight: 0,
      asked: a.item,
      first: a.order,
      inTitle: a.order === -1,
    });
  }
  // An alternative group whose every member is also asked alone adds nothing.
  for (const [name, r] of byName) {
    if (
      r.anyOf &&
      r.anyOf.some((n) => byName.get(n)?.required === true || (byName.has(n) && !r.required))
    )
      byName.delete(name);
  }
  const total = Math.max(1, order);
  const requirements = [...byName.values()]
    .map(({ first, inTitle, ...r }) => {
      const early = 1 - Math.max(0, first) / total;
      const weight =
        (r.required ? 3 : 1) +
        Math.min(2, (r.mentions - 1) * 0.5) +
        (inTitle ? 1 : 0) +
        early * 0.5 -
        (r.category === 'soft' ? 1 : 0);
      return { ...r, weight: Math.max(0.25, Math.round(weight * 100) / 100) };
    })
    .sort(
      (a, b) =>
        Number(b.required) - Number(a.required) ||
        b.weight - a.weight ||
        a.name.localeCompare(b.name),
    );
  for (const r of requirements) for (const n of r.anyOf ?? [r.name]) context.delete(n);

  const responsibilities = segments
    .filter((s) => s.section === 'responsibilities')
    .flatMap((s) => (s.text.length > 200 ? items(s.text) : [s.text]))
    .filter((line) => line.length > 15)
    .map((line) => line.replace(/[.;]+$/, ''))
    .slice(0, 8);
  const about = segments
    .filter((s) => s.section === 'about' || (s.section === 'intro' && sectioned))
    .flatMap((s) => items(s.text))
    .filter((line) => line.length > 20)
    .slice(0, 6);

  return {
    requirements,
    context: [...context].sort(),
    seniority: seniorityOf(roleTitle, description),
    yearsRequired:
      yearsRequired(
        segments
          .filter((s) => s.section === 'requirements' || s.section === 'intro')
          .map((s) => s.text)
          .join('\n') || description,
      ) ?? yearsRequired(description),
    responsibilities,
    about,
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

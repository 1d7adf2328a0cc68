// The built-in documents: research report, tailored resume and cover letter,
// as Markdown. Every fact in them comes from the person's own entries or the
// job posting; nothing is invented — no skill the person did not list or use,
// no employer, date or figure they did not enter.
import { fullName, type Candidate, type CandidateExperience, type JobPosting } from './candidate';
import { extractRequirements, type ExtractedJob } from './extract';
import {
  evidenceLine,
  mapEvidence,
  profileTexts,
  queryTerms,
  rankBullets,
  skillNamesIn,
  type Evidence,
  type Mapping,
} from './evidence';
import { adviceFor } from './advice';
import { detectLanguage } from './language';
import { analyzeMatch } from './match';
import { listJoin, tokenize } from './text';

export type DocumentType = 'research_report' | 'optimized_resume' | 'cover_letter';

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

const SENIORITY_LABEL: Record<string, string> = {
  intern: 'An internship',
  junior: 'A junior-level role',
  mid: 'A mid-level role',
  senior: 'A senior role',
  staff: 'A staff-level role',
  principal: 'A principal-level role',
  lead: 'A lead role',
  manager: 'A management role',
  director: 'A director-level role',
};

function money(n: number): string {
  return n.toLocaleString('en-US');
}

function period(e: {
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
function languageNote(posting: JobPosting, forSending: boolean): string[] {
  const language = detectLanguage(posting.description);
  if (language.code === 'en') return [];
  const name = language.name;
  return [
    `> ${forSending ? 'Note from Pursuit (delete before sending): ' : ''}the built-in generator writes English, and this posting is in ${name}. For documents in ${name}, set up an OpenAI-compatible model in Settings and regenerate.`,
    '',
  ];
}

/** The names a matched item is shown by in the person's own entries (not only implied). */
function shownNames(e: Evidence, personSkills: Set<string>): string[] {
  return (e.requirement.anyOf ?? [e.requirement.name]).filter((n) => personSkills.has(n));
}

/** Every lexicon skill the person's own words name, and their skill names as written. */
function skillsOfPerson(candidate: Candidate): Set<string> {
  const names = new Set<string>();
  for (const entry of profileTexts(candidate)) {
    for (const name of skillNamesIn(entry.text)) names.add(name);
    if (entry.kind === 'skill' || entry.kind === 'keyword') names.add(entry.text.trim());
  }
  return names;
}

export function researchReport(
  candidate: Candidate,
  posting: JobPosting,
  analysis = analyze(candidate, posting),
): string {
  const { job, mapping } = analysis;
  const person = withResumeExperience(candidate);
  const match = analyzeMatch(person, posting, mapping);
  const out: string[] = [];
  out.push(`# Research: ${posting.roleTitle} at ${posting.company}`, '');
  out.push(...languageNote(posting, false));

  out.push('## The role in brief', '');
  const facts: string[] = [
    `${job.seniority ? SENIORITY_LABEL[job.seniority] : 'A role'} as ${posting.roleTitle} at ${posting.company}.`,
  ];
  if (job.workArrangement) facts.push(`Work arrangement: ${job.workArrangement}.`);
  if (job.yearsRequired !== null) {
    const years = match.details.years.shown;
    facts.push(
      `Asks for ${job.yearsRequired}+ years of experience${years !== null ? ` (your dated experience comes to about ${years})` : ''}.`,
    );
  }
  if (job.salary)
    facts.push(
      `Salary stated: ${money(job.salary.min)}–${money(job.salary.max)} ${job.salary.currency}.`,
    );
  const required = mapping.evidence.filter((e) => e.requirement.required);
  const preferred = mapping.evidence.filter((e) => !e.requirement.required);
  if (required.length + preferred.length > 0)
    facts.push(
      `It asks for ${required.length} ${required.length === 1 ? 'thing' : 'things'}${preferred.length ? ` and would like ${preferred.length} more` : ''}; your profile shows ${mapping.matched.length} of the ${mapping.evidence.length}.`,
    );
  out.push(facts.join(' '), '');

  out.push('## Where you stand', '');
  out.push(`**${match.score}/100** — ${match.details.explanation} ${match.feedback}`, '');

  const list = (title: string, items: Evidence[]) => {
    if (items.length === 0) return;
    out.push(`## ${title}`, '');
    for (const e of items) {
      const name = e.requirement.anyOf
        ? `${e.requirement.name} (either will do)`
        : e.requirement.name;
      out.push(
        e.covered
          ? `- ✓ **${name}** — where your profile shows it: ${evidenceLine(e)}`
          : `- ✗ **${name}** — not in your profile (see the gaps below). The posting: “${e.requirement.asked}”`,
      );
    }
    out.push('');
  };
  if (mapping.evidence.length === 0) {
    out.push(
      '## What they ask for',
      '',
      'The posting names no specific skills Pursuit recognises; read it for the kind of work, and ask in the interview what success looks like.',
      '',
    );
  }
  list('Required', required);
  list('Preferred', preferred);

  out.push('## Gaps to prepare for', '');
  if (mapping.gaps.length === 0) {
    out.push(
      mapping.evidence.length === 0
        ? 'None named.'
        : 'None: your profile shows everything the posting names.',
      '',
    );
  }
  const gaps = mapping.gaps
    .slice()
    .sort((a, b) => Number(b.requirement.required) - Number(a.requirement.required));
  for (const e of gaps) {
    out.push(
      `- **${e.requirement.name}** (${e.requirement.required ? 'required' : 'preferred'}) — ${adviceFor(e, person, mapping)}`,
    );
  }
  out.push('');

  if (job.responsibilities.length > 0) {
    out.push('## What the work is', '');
    for (const line of job.responsibilities) out.push(`- ${line}`);
    out.push('');
  }
  if (job.about.length > 0) {
    out.push(`## About ${posting.company}, in the posting's words`, '');
    for (const line of job.about.slice(0, 4)) out.push(`- ${line}`);
    out.push('');
  }

  out.push('## Questions to ask in the interview', '');
  for (const question of interviewQuestions(posting, job, mapping)) out.push(`- ${question}`);
  out.push('');
  return out.join('\n');
}

/** Lower-cases a line's first letter unless it starts an acronym or a name with capitals inside. */
function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

/** Questions drawn from the posting's own content: its work, its pluses, its team, its setup. */
function interviewQuestions(posting: JobPosting, job: ExtractedJob, mapping: Mapping): string[] {
  const questions: string[] = [];
  const [first, second] = job.responsibilities;
  if (first)
    questions.push(
      `The posting says the work includes “${first}”. What would good look like there in the first 90 days?`,
    );
  if (second)
    questions.push(`How is “${second}” done today, and what would you want changed about it?`);
  const top = job.requirements.find((r) => r.required);
  if (top)
    questions.push(
      `${top.anyOf ? top.anyOf.join(' and ') : top.name} ${top.anyOf ? 'are' : 'is'} at the top of what you ask for: where does it come up day to day, and what is hardest about it here?`,
    );
  const plus = job.requirements.find((r) => !r.required);
  if (plus)
    questions.push(
      `You list ${plus.name} as a plus: how much does it come up in the work, and would I learn it on the job?`,
    );
  // A hard skill: "how much Communication on day one" is not a question to ask.
  const gap = mapping.gaps.find((g) => g.requirement.required && g.requirement.category !== 'soft');
  if (gap && gap.requirement !== top)
    questions.push(
      `How much ${gap.requirement.name} does someone need on day one, and how do new people learn it here?`,
    );
  const team = [...job.about, ...job.responsibilities].find((line) =>
    /\b(?:report(?:s|ing)? to|work(?:ing)? (?:alongside|with|closely)|team of|partner with)\b/i.test(
      line,
    ),
  );
  if (team) questions.push(`The posting mentions “${team}”. Who would I work with most closely?`);
  else questions.push(`Who would I work with most closely at ${posting.company}?`);
  if (job.workArrangement === 'remote' || job.workArrangement === 'hybrid')
    questions.push(
      `The role is ${job.workArrangement}: how does the team work across locations, and which meetings are live?`,
    );
  if (/\bon[- ]call\b/i.test(posting.description))
    questions.push('The posting mentions on-call: how often, and how noisy is it?');
  if (questions.length < 5)
    questions.push('What is the biggest challenge the team faces in the next six months?');
  return questions;
}

function contactLine(candidate: Candidate): string {
  return [candidate.email, candidate.phone, candidate.location].filter(Boolean).join(' · ');
}

export function tailoredResume(
  candidate: Candidate,
  posting: JobPosting,
  analysis = analyze(candidate, posting),
): string {
  const person = withResumeExperience(candidate);
  const { job, mapping } = analysis;
  const personSkills = skillsOfPerson(person);
  const out: string[] = [];
  out.push(...languageNote(posting, true));
  out.push(`# ${fullName(person) || 'Your Name'}`, '');
  if (person.headline) out.push(`**${person.headline}**`, '');
  const contact = contactLine(person);
  if (contact) out.push(contact, '');

  // The job's emphasis decides the order; only names the person's own entries show are used.
  const matched = [
    ...new Set(
      mapping.matched
        .slice()
        .sort((a, b) => Number(b.requirement.required) - Number(a.requirement.required))
        .flatMap((e) => shownNames(e, personSkills)),
    ),
  ];
  const summary: string[] = [];
  if (person.summary) summary.push(person.summary.trim());
  if (matched.length > 0) summary.push(`Strongest in ${listJoin(matched.slice(0, 5))}.`);
  if (summary.length > 0) out.push('## Summary', '', summary.join(' '), '');

  const relevant = (names: string[]) =>
    names.filter((n) => matched.some((m) => skillNamesIn(n).has(m) || n === m));
  const groups = person.skills.filter((s) => s.category !== 'language');
  if (groups.length > 0) {
    out.push('## Skills', '');
    const listedMatches = matched.filter((m) =>
      groups.some(
        (g) => relevant([g.name, ...(g.keywords ?? [])]).length > 0 && personSkills.has(m),
      ),
    );
    if (listedMatches.length > 0) out.push(`**Most relevant:** ${listedMatches.join(', ')}`, '');
    const withKeywords = groups.filter((g) => (g.keywords ?? []).length > 0);
    const plain = groups.filter((g) => (g.keywords ?? []).length === 0);
    // Groups with the most relevant keywords first; inside each, relevant keywords first.
    withKeywords.sort((a, b) => relevant(b.keywords!).length - relevant(a.keywords!).length);
    for (const g of withKeywords) {
      const first = relevant(g.keywords!);
      const rest = g.keywords!.filter((k) => !first.includes(k));
      out.push(`**${g.name}:** ${[...first, ...rest].join(', ')}`, '');
    }
    if (plain.length > 0) {
      const first = plain.filter((g) => relevant([g.name]).length > 0);
      const rest = plain.filter((g) => !first.includes(g));
      out.push(
        `${withKeywords.length > 0 ? '**Also:** ' : ''}${[...first, ...rest].map((g) => g.name).join(', ')}`,
        '',
      );
    }
  }

  const ranked = rankBullets(person, queryTerms(job, posting.roleTitle));
  const order = new Map(ranked.map((b, i) => [b.text, i]));
  // Bullets that carry evidence for what the job asks come first, then by relevance; none dropped.
  const evidenced = new Set(mapping.matched.flatMap((e) => e.bullets.map((b) => b.text)));
  const byEvidence = (texts: string[]) =>
    texts
      .slice()
      .sort(
        (a, b) =>
          Number(evidenced.has(b)) - Number(evidenced.has(a)) ||
          (order.get(a) ?? 1e9) - (order.get(b) ?? 1e9),
      );
  if (person.experiences.length > 0) {
    out.push('## Experience', '');
    for (const experience of person.experiences) {
      out.push(`### ${experience.title} — ${experience.company}`);
      const meta = [experience.location, period(experience)].filter(Boolean).join(' · ');
      if (meta) out.push(`*${meta}*`);
      out.push('');
      if (experience.description) out.push(experience.description, '');
      for (const bullet of byEvidence(experience.achievements)) out.push(`- ${bullet}`);
      if (experience.achievements.length > 0) out.push('');
      const tech = experience.technologies.filter(Boolean);
      if (tech.length > 0) out.push(`Technologies: ${tech.join(', ')}`, '');
    }
  }

  const projects = person.projects ?? [];
  if (projects.length > 0) {
    out.push('## Projects', '');
    const scored = projects
      .map((p, index) => ({
        p,
        index,
        hits: relevant(
          [p.name, p.description ?? '', ...p.highlights, ...p.keywords].flatMap((t) => [
            ...skillNamesIn(t),
          ]),
        ).length,
      }))
      .sort((a, b) => b.hits - a.hits || a.index - b.index);
    for (const { p } of scored) {
      out.push(`### ${p.name}`);
      const meta = [p.roles?.join(', '), period(p), p.url].filter(Boolean).join(' · ');
      if (meta) out.push(`*${meta}*`);
      out.push('');
      if (p.description) out.push(p.description, '');
      for (const h of p.highlights) out.push(`- ${h}`);
      if (p.highlights.length > 0) out.push('');
      if (p.keywords.length > 0) out.push(`Keywords: ${p.keywords.join(', ')}`, '');
    }
  }

  if (person.education.length > 0) {
    out.push('## Education', '');
    for (const e of person.education) {
      const what = [e.degree, e.fieldOfStudy].filter(Boolean).join(', ');
      out.push(
        `- ${what ? `${what} — ` : ''}${e.institution}${period(e) ? ` (${period(e)})` : ''}`,
      );
      if (e.courses && e.courses.length > 0) out.push(`  - Courses: ${e.courses.join(', ')}`);
    }
    out.push('');
  }
  if (person.certifications.length > 0) {
    out.push('## Certifications', '');
    for (const c of person.certifications) {
      out.push(
        `- ${c.name}${c.issuingOrganization ? ` — ${c.issuingOrganization}` : ''}${c.issueDate ? ` (${c.issueDate})` : ''}`,
      );
    }
    out.push('');
  }
  const languages = person.skills.filter((s) => s.category === 'language');
  if (languages.length > 0) {
    out.push('## Languages', '');
    out.push(
      languages.map((l) => `${l.name}${l.proficiency ? ` (${l.proficiency})` : ''}`).join(', '),
      '',
    );
  }
  return out.join('\n');
}

/** Achievement bullets that open with a past-tense verb read well after "I". */
const PAST_TENSE =
  /^(?:[A-Z][a-z]+ed|Led|Built|Ran|Wrote|Cut|Grew|Drove|Made|Won|Set|Took|Shipped|Brought|Began|Kept|Sold|Taught|Spent|Found|Held|Rebuilt|Rewrote|Owned|Lead|Overs[a-z]+|Upheld|Met|Beat|Hit|Chose|Gave|Became)\b/;

/** An achievement as something the person did ("I cut …"), or quoted when it is not a deed. */
function asAction(text: string): string {
  const line = text.trim().replace(/\.$/, '');
  if (PAST_TENSE.test(line) && !/^\S+\s+(?:in|by|at|as|for|to|with|from)\b/i.test(line))
    return `I ${lowerFirst(line)}`;
  return `one line from my record there: “${line}”`;
}

/** An imperative responsibility ("Design and run …") reads after "The chance to". */
const IMPERATIVE =
  /^(?:design|build|own|lead|run|shape|develop|create|drive|partner|work|help|manage|deliver|improve|scale|ship|write|analy[sz]e|support|care|provide|plan|coordinate|grow|sell|close|maintain|operate|define|mentor|establish|champion|collaborate|implement|deploy|monitor|conduct|prepare|review|turn|bring|make|set)\b/i;

function words(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/** The person's summary as a sentence in the first person, when it can be one. */
function firstPersonSummary(summary: string | null | undefined): string | null {
  const first = summary?.trim().split(/(?<=[.!?])\s+/)[0];
  if (!first) return null;
  if (/^(?:I|I'm|My)\b/.test(first)) return first;
  if (/^(?:A|An)\s/.test(first)) return `I am ${lowerFirst(first)}`;
  if (
    /^[A-Z][a-z]+(?:[\s-][a-z]+)*\s(?:with|who|and|turned|passionate|focused|specializing|specialising|experienced|skilled)\b/.test(
      first,
    )
  ) {
    return `I am ${/^[AEIOU]/.test(first) ? 'an' : 'a'} ${lowerFirst(first)}`;
  }
  return null;
}

export function coverLetter(
  candidate: Candidate,
  posting: JobPosting,
  analysis = analyze(candidate, posting),
): string {
  const person = withResumeExperience(candidate);
  const { job, mapping } = analysis;
  const personSkills = skillsOfPerson(person);
  const name = fullName(person);
  const head: string[] = [...languageNote(posting, true)];
  if (name) head.push(`**${name}**`);
  const contact = contactLine(person);
  if (contact) head.push(contact);
  if (head.length > 0) head.push('');
  head.push(`Dear ${posting.company} hiring team,`, '');

  // Opening: the role, and what in the posting draws the person to it (its own words, no figures).
  const noFigures = (line: string) => !/\d/.test(line) && line.length <= 180;
  const work = job.responsibilities.find((l) => noFigures(l) && IMPERATIVE.test(l));
  const blurb = job.about.find(
    (line) =>
      noFigures(line) &&
      !/^(?:we(?:'re| are) (?:hiring|looking|seeking|searching)|join\b|apply\b|this (?:role|position))/i.test(
        line,
      ),
  );
  const ranked = mapping.matched
    .slice()
    .sort(
      (a, b) =>
        Number(b.requirement.required) - Number(a.requirement.required) ||
        Number(b.bullets.length > 0) - Number(a.bullets.length > 0) ||
        b.requirement.weight - a.requirement.weight,
    );
  const top = [...new Set(ranked.flatMap((e) => shownNames(e, personSkills)))];
  const opening = [
    `I am writing to apply for the ${posting.roleTitle} role at ${posting.company}.`,
  ];
  if (work) {
    opening.push(
      `The work you describe, “${lowerFirst(work.replace(/^you(?:'ll| will)\s+/i, '')).replace(/[.;]$/, '')}”, is exactly what I want to do next.`,
    );
  } else if (blurb) {
    opening.push(
      `What you describe, “${blurb.replace(/[.;]$/, '')}”, is work I want to be part of.`,
    );
  }
  if (person.headline || top.length > 0) {
    const who = person.headline
      ? `As ${/^[aeiou]/i.test(person.headline) ? 'an' : 'a'} ${person.headline}${person.yearsOfExperience ? ` with ${person.yearsOfExperience} years of experience` : ''}`
      : 'In my work so far';
    opening.push(
      top.length > 0
        ? `${who}, I bring ${listJoin(top.slice(0, 3))}, which ${top.length === 1 ? 'is' : 'sit'} at the centre of what you ask for.`
        : `${who}, I would bring care and a record of finishing what I start.`,
    );
  }

  // The three strongest matches, each with a different concrete highlight in the person's own words.
  const used = new Set<string>();
  const paragraphs: string[] = [];
  const templates = [
    (n: string, where: string, act: string) => `You ask for ${n}. ${where}, ${act}.`,
    (n: string, where: string, act: string) => `On ${n}: ${lowerFirst(where)}, ${act}.`,
    (n: string, where: string, act: string) =>
      `${n} runs through my work as well. ${where}, ${act}.`,
  ];
  for (const e of ranked) {
    if (paragraphs.length >= 3) break;
    const label = shownNames(e, personSkills)[0];
    if (!label) continue;
    const make = templates[paragraphs.length]!;
    const bullet = e.bullets.find((b) => !used.has(b.text));
    if (bullet) {
      used.add(bullet.text);
      paragraphs.push(
        make(label, `At ${bullet.company}, as ${bullet.title}`, asAction(bullet.text)),
      );
      continue;
    }
    const project = (person.projects ?? []).find((p) =>
      [p.name, p.description ?? '', ...p.highlights, ...p.keywords].some((t) =>
        skillNamesIn(t).has(label),
      ),
    );
    const highlight = project?.highlights.find((h) => !used.has(h));
    if (project && highlight) {
      used.add(highlight);
      paragraphs.push(make(label, `In my project ${project.name}`, asAction(highlight)));
      continue;
    }
    // Shown by a listed skill only: say so, and pair it with the person's most
    // relevant unused achievement (which is not claimed to have used it).
    const listed = e.sources.find((source) => source.kind === 'skill' || source.kind === 'keyword');
    const group = person.skills.find(
      (skill) =>
        listed !== undefined &&
        (listed.where === `skills (${skill.name})` ||
          (listed.kind === 'skill' &&
            (skill.name === label || skillNamesIn(skill.name).has(label)))),
    );
    const focus = tokenize([label, group?.name ?? '', ...(group?.keywords ?? [])].join(' '));
    const query = [...focus, ...focus, ...focus, ...queryTerms(job, posting.roleTitle)];
    const other = rankBullets(person, query).find(
      (b) => !used.has(b.text) && b.experience.achievements.includes(b.text),
    );
    if (listed && other) {
      used.add(other.text);
      const among = listed.kind === 'keyword' && group ? `${group.name} skills` : 'skills';
      paragraphs.push(
        [
          `You ask for ${label}, which I list among my ${among}. At ${other.experience.company}, as ${other.experience.title}, ${asAction(other.text)}.`,
          `${label} is among my ${among} too. As ${other.experience.title} at ${other.experience.company}, ${asAction(other.text)}.`,
          `And ${label}, also among my ${among}: at ${other.experience.company}, as ${other.experience.title}, ${asAction(other.text)}.`,
        ][paragraphs.length]!,
      );
    }
  }

  // Fewer than three matches with a highlight: the person's most relevant
  // other achievements, said as what they are (not claimed as a match).
  const general = rankBullets(person, queryTerms(job, posting.roleTitle)).filter(
    (b) => !used.has(b.text) && b.experience.achievements.includes(b.text),
  );
  for (const bullet of general) {
    if (paragraphs.length >= 3) break;
    if (paragraphs.some((p) => p.includes(bullet.experience.company)) && general.length > 3)
      continue;
    used.add(bullet.text);
    paragraphs.push(
      `${paragraphs.at(-1)?.includes(`at ${bullet.experience.company},`) || paragraphs.at(-1)?.startsWith(`At ${bullet.experience.company},`) ? 'Also at' : 'At'} ${bullet.experience.company}, as ${bullet.experience.title}, ${asAction(bullet.text)}.`,
    );
  }

  const extras: string[] = [];
  const about = firstPersonSummary(person.summary);
  if (about) extras.push(about.replace(/([^.!?])$/, '$1.'));
  const plus = [
    ...new Set(
      mapping.matched
        .filter((e) => !e.requirement.required)
        .flatMap((e) => shownNames(e, personSkills))
        .filter((n) => !top.slice(0, 3).includes(n)),
    ),
  ];
  if (plus.length > 0)
    extras.push(
      `You also list ${listJoin(plus.slice(0, 3))} as a plus, and ${plus.length === 1 ? 'it is' : 'they are'} part of my experience too.`,
    );
  const otherWork = job.responsibilities.find((l) => l !== work && noFigures(l));
  if (otherWork)
    extras.push(
      `I read that the role also means “${otherWork.replace(/[.;]$/, '')}”, and I would bring the same care to it that I have brought to the work above.`,
    );
  const rest = top.slice(3).filter((n) => !plus.includes(n));
  if (rest.length > 0)
    extras.push(
      `The rest of what you ask for is in my profile as well: ${listJoin(rest.slice(0, 5))}.`,
    );
  const school = person.education.find((e) => e.degree || e.fieldOfStudy);
  if (school)
    extras.push(
      `I studied at ${school.institution}${school.degree ? ` (${[school.degree, school.fieldOfStudy].filter(Boolean).join(', ')})` : ` (${school.fieldOfStudy})`}${person.certifications[0] ? `, and I hold the ${person.certifications[0].name} certification` : ''}.`,
    );
  else if (person.certifications[0])
    extras.push(`I hold the ${person.certifications[0].name} certification.`);
  const project = (person.projects ?? []).find((p) => p.description || p.highlights[0]);
  if (project) {
    const what = (project.description ?? project.highlights[0]!).replace(/\.$/, '');
    extras.push(`One project of mine shows how I work: ${project.name} (${lowerFirst(what)}).`);
  }
  const listed = [
    ...new Set(
      person.skills
        .filter((skill) => skill.category !== 'language')
        .flatMap((skill) => ((skill.keywords ?? []).length > 0 ? skill.keywords! : [skill.name])),
    ),
  ].filter((name) => !top.slice(0, 3).includes(name));
  if (listed.length > 0) extras.push(`Among my other skills: ${listJoin(listed.slice(0, 6))}.`);
  const remaining = ranked.filter(
    (e) => e.bullets.some((b) => !used.has(b.text)) && shownNames(e, personSkills).length > 0,
  );

  let closing = `I would welcome the chance to talk about how I could help ${posting.company}. Thank you for your time and consideration.`;
  const compose = (body: string[]) =>
    [
      ...head,
      opening.join(' '),
      '',
      ...body.flatMap((p) => [p, '']),
      closing,
      '',
      'Sincerely,',
      name || '',
    ]
      .join('\n')
      .trimEnd() + '\n';
  const bodyWords = (body: string[]) => words([opening.join(' '), ...body, closing].join(' '));

  // 200–350 words: add the person's own summary, their pluses and the rest of
  // the work until it is long enough; trim from the end when it is too long.
  const body = [...paragraphs];
  for (const extra of extras) {
    if (bodyWords(body) >= 240) break;
    body.push(extra);
  }
  for (const e of remaining) {
    if (bodyWords(body) >= 200) break;
    const bullet = e.bullets.find((b) => !used.has(b.text))!;
    used.add(bullet.text);
    const label = shownNames(e, personSkills)[0]!;
    body.push(`For ${label}, too: at ${bullet.company} ${asAction(bullet.text)}.`);
  }
  if (bodyWords(body) < 200)
    body.push(
      `I am glad to go into any of this in more detail, to walk through the work behind it, and to hear what matters most to the team at ${posting.company} right now.`,
    );
  if (bodyWords(body) < 200)
    closing = `I would welcome the chance to talk about how my experience could help ${posting.company}, and to learn more about the role and the people I would work with. Thank you for your time and consideration; I look forward to hearing from you.`;
  while (bodyWords(body) > 350 && body.length > 1) body.pop();
  return compose(body);
}

export function generateBuiltin(
  type: DocumentType,
  candidate: Candidate,
  posting: JobPosting,
): string {
  const analysis = analyze(candidate, posting);
  switch (type) {
    case 'research_report':
      return researchReport(candidate, posting, analysis);
    case 'optimized_resume':
      return tailoredResume(candidate, posting, analysis);
    case 'cover_letter':
      return coverLetter(candidate, posting, analysis);
  }
}

export { analyzeMatch };

// The built-in documents: research report, tailored resume and cover letter,
// as Markdown. Every fact in them comes from the person's own entries or the
// job posting; nothing is invented — no skill the person did not list or use,
// no employer, date or figure they did not enter.
import { fullName, type Candidate, type CandidateExperience, type JobPosting } from './candidate';
import { extractRequirements, type ExtractedJob } from './extract';
import { mapEvidence, rankBullets, queryTerms, skillNamesIn, type Mapping } from './evidence';
import { analyzeMatch } from './match';
import { listJoin } from './text';

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

export function researchReport(
  candidate: Candidate,
  posting: JobPosting,
  analysis = analyze(candidate, posting),
): string {
  const { job, mapping } = analysis;
  const out: string[] = [];
  out.push(`# Research: ${posting.roleTitle} at ${posting.company}`, '');
  out.push('## The role in brief', '');
  const facts: string[] = [];
  facts.push(
    `${job.seniority ? SENIORITY_LABEL[job.seniority] : 'A role'} as ${posting.roleTitle} at ${posting.company}.`,
  );
  if (job.workArrangement) facts.push(`Work arrangement: ${job.workArrangement}.`);
  if (job.yearsRequired !== null) facts.push(`Asks for ${job.yearsRequired}+ years of experience.`);
  if (job.salary)
    facts.push(
      `Salary stated: ${money(job.salary.min)}–${money(job.salary.max)} ${job.salary.currency}.`,
    );
  const core = job.requirements
    .filter((r) => r.required)
    .slice(0, 5)
    .map((r) => r.name);
  if (core.length > 0) facts.push(`At its core: ${listJoin(core)}.`);
  out.push(facts.join(' '), '');

  out.push('## What they ask for, by emphasis', '');
  if (job.requirements.length === 0) {
    out.push(
      'The posting names no specific skills; read it for the kind of work and ask in the interview what success looks like.',
      '',
    );
  } else {
    out.push('| Requirement | Emphasis | Asked as | You |', '|---|---|---|---|');
    for (const e of mapping.evidence) {
      const r = e.requirement;
      const asked = r.required ? 'required' : r.preferred ? 'nice to have' : 'mentioned';
      out.push(
        `| ${r.name} | ${'●'.repeat(Math.min(5, Math.max(1, Math.round(r.weight / 1.5))))} | ${asked} | ${e.covered ? 'yes' : 'gap'} |`,
      );
    }
    out.push('');
  }

  out.push('## How your experience maps', '');
  if (mapping.matched.length === 0)
    out.push('Nothing in your profile matches the named requirements yet.', '');
  for (const e of mapping.matched) {
    const parts: string[] = [];
    if (e.skill) {
      const detail = [e.skill.proficiency, e.skill.years ? `${e.skill.years} years` : null]
        .filter(Boolean)
        .join(', ');
      parts.push(`you list it${detail ? ` (${detail})` : ''}`);
    }
    if (e.certification) parts.push(`certified: ${e.certification}`);
    if (e.bullets[0])
      parts.push(`as ${e.bullets[0].title} at ${e.bullets[0].company}: “${e.bullets[0].text}”`);
    else if (e.inResume) parts.push('named in your resume');
    out.push(`- **${e.requirement.name}** — ${parts.join('; ')}`);
  }
  out.push('');

  out.push('## Gaps to prepare for', '');
  if (mapping.gaps.length === 0)
    out.push('None of the named requirements is missing from your profile.', '');
  for (const e of mapping.gaps) {
    out.push(
      `- **${e.requirement.name}**${e.requirement.required ? ' (required)' : ''} — nothing in your profile shows it. Be ready to say how close your experience comes, or what you would do to learn it.`,
    );
  }
  out.push('');

  if (job.responsibilities.length > 0) {
    out.push('## What the work is', '');
    for (const line of job.responsibilities) out.push(`- ${line}`);
    out.push('');
  }

  out.push('## Questions to ask in the interview', '');
  for (const question of interviewQuestions(posting, job, mapping)) out.push(`- ${question}`);
  out.push('');
  return out.join('\n');
}

function interviewQuestions(posting: JobPosting, job: ExtractedJob, mapping: Mapping): string[] {
  const questions: string[] = [];
  const top = job.requirements[0];
  if (top)
    questions.push(
      `How does the team use ${top.name} day to day, and what would you want improved first?`,
    );
  if (job.responsibilities[0]) {
    questions.push(
      `What does success look like in the first 90 days for “${job.responsibilities[0]}”?`,
    );
  } else {
    questions.push(`What does success look like in the first 90 days in this role?`);
  }
  const gap = mapping.gaps.find((g) => g.requirement.required) ?? mapping.gaps[0];
  if (gap)
    questions.push(
      `How much ${gap.requirement.name} experience does someone need on day one, and how do new people learn it here?`,
    );
  if (job.workArrangement === 'remote' || job.workArrangement === 'hybrid') {
    questions.push(
      'How does the team collaborate across locations, and which meetings are synchronous?',
    );
  }
  questions.push(
    `Who would I work with most closely at ${posting.company}, and how are decisions made?`,
  );
  questions.push('What is the biggest challenge the team faces in the next six months?');
  return questions;
}

/** Skills the person has that the job asks for, in the job's order of emphasis. */
function matchedSkillNames(mapping: Mapping): string[] {
  return mapping.matched
    .filter((e) => e.skill || e.bullets.length > 0 || e.certification)
    .map((e) => e.requirement.name);
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
  const out: string[] = [];
  const name = fullName(person) || 'Your Name';
  out.push(`# ${name}`, '');
  if (person.headline) out.push(`**${person.headline}**`, '');
  const contact = contactLine(person);
  if (contact) out.push(contact, '');

  const matched = matchedSkillNames(mapping);
  // A resume speaks only of the person: the target role shapes the order and
  // emphasis, but its words (which may name skills they lack) are not used.
  const summary: string[] = [];
  const lead = person.headline ?? person.experiences[0]?.title;
  if (lead) {
    summary.push(
      `${lead}${person.yearsOfExperience ? ` with ${person.yearsOfExperience} years of experience` : ''}.`,
    );
  }
  if (matched.length > 0) summary.push(`Strongest in ${listJoin(matched.slice(0, 4))}.`);
  if (person.summary) summary.push(person.summary.trim());
  if (summary.length > 0) out.push('## Summary', '', summary.join(' '), '');

  const listed = person.skills.map((s) => s.name);
  if (listed.length > 0 || matched.length > 0) {
    out.push('## Skills', '');
    const first = matched.filter((m) =>
      listed.some((l) => skillNamesIn(l).has(m) || l.toLowerCase() === m.toLowerCase()),
    );
    const firstSet = new Set(first.map((m) => m.toLowerCase()));
    const rest = listed.filter(
      (l) =>
        ![...skillNamesIn(l)].some((n) => firstSet.has(n.toLowerCase())) &&
        !firstSet.has(l.toLowerCase()),
    );
    if (first.length > 0) out.push(`**Most relevant:** ${first.join(', ')}`, '');
    if (rest.length > 0) out.push(`**Also:** ${rest.join(', ')}`, '');
  }

  if (person.experiences.length > 0) {
    out.push('## Experience', '');
    const ranked = rankBullets(person, queryTerms(job, posting.roleTitle));
    for (const experience of person.experiences) {
      out.push(`### ${experience.title} — ${experience.company}`);
      const meta = [experience.location, period(experience)].filter(Boolean).join(' · ');
      if (meta) out.push(`*${meta}*`);
      out.push('');
      const own = ranked.filter(
        (b) => b.experience === experience && experience.achievements.includes(b.text),
      );
      // Relevant bullets first; bullets with nothing in common with the job
      // are trimmed when there are enough relevant ones.
      const relevant = own.filter((b) => b.score > 0);
      const kept = (relevant.length >= 2 ? relevant : own).slice(0, 5);
      for (const bullet of kept) out.push(`- ${bullet.text}`);
      if (kept.length === 0 && experience.description) out.push(experience.description);
      const tech = experience.technologies.filter(Boolean);
      if (tech.length > 0) out.push('', `Technologies: ${tech.join(', ')}`);
      out.push('');
    }
  }

  if (person.education.length > 0) {
    out.push('## Education', '');
    for (const e of person.education) {
      const what = [e.degree, e.fieldOfStudy].filter(Boolean).join(', ');
      out.push(
        `- ${what ? `${what} — ` : ''}${e.institution}${period(e) ? ` (${period(e)})` : ''}`,
      );
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
  return out.join('\n');
}

/** Achievement bullets that open with a past-tense verb read well after "I". */
const PAST_TENSE =
  /^(?:[A-Z][a-z]+ed|Led|Built|Ran|Wrote|Cut|Grew|Drove|Made|Won|Set|Took|Shipped|Brought|Began|Kept|Sold|Taught|Spent|Found|Held|Rebuilt|Rewrote|Owned|Lead)\b/;

export function coverLetter(
  candidate: Candidate,
  posting: JobPosting,
  analysis = analyze(candidate, posting),
): string {
  const person = withResumeExperience(candidate);
  const { mapping } = analysis;
  const name = fullName(person);
  const out: string[] = [];
  if (name) out.push(`**${name}**`);
  const contact = contactLine(person);
  if (contact) out.push(contact);
  if (out.length > 0) out.push('');
  out.push(`Dear ${posting.company} hiring team,`, '');
  const intro = [`I am applying for the ${posting.roleTitle} role at ${posting.company}.`];
  if (person.headline) {
    const fit = mapping.matched.length >= Math.max(3, mapping.evidence.length / 2);
    intro.push(
      `I work as ${/^[aeiou]/i.test(person.headline) ? 'an' : 'a'} ${person.headline}${person.yearsOfExperience ? ` with ${person.yearsOfExperience} years of experience` : ''}${fit ? ', and the role asks for much of what I do best' : ''}.`,
    );
  }
  out.push(intro.join(' '), '');

  // The three strongest matches with evidence in the person's own words,
  // each backed by a different achievement where possible.
  const strongest = mapping.matched
    .filter((e) => e.bullets.some((b) => b.named))
    .concat(mapping.matched.filter((e) => e.bullets.length > 0 && !e.bullets.some((b) => b.named)))
    .slice(0, 3);
  const usedBullets = new Set<string>();
  for (const e of strongest) {
    const bullet = e.bullets.find((b) => !usedBullets.has(b.text)) ?? e.bullets[0]!;
    usedBullets.add(bullet.text);
    const text = bullet.text.replace(/\.$/, '');
    const startsWithVerb = PAST_TENSE.test(text);
    out.push(
      `You are looking for ${e.requirement.name}. At ${bullet.company}, as ${bullet.title}, ${
        startsWithVerb
          ? `I ${text.charAt(0).toLowerCase()}${text.slice(1)}`
          : `my work included this: ${text}`
      }.`,
      '',
    );
  }
  if (strongest.length === 0) {
    const listed = matchedSkillNames(mapping);
    if (listed.length > 0)
      out.push(`I bring ${listJoin(listed.slice(0, 3))}, which this role asks for.`, '');
  }

  // The main gap: a required hard skill before anything else.
  const gap =
    mapping.gaps.find((g) => g.requirement.required && g.requirement.category !== 'soft') ??
    mapping.gaps.find((g) => g.requirement.category !== 'soft') ??
    mapping.gaps[0];
  if (gap) {
    const bridge = strongest[0]?.requirement.name;
    out.push(
      `To be direct about the gap: I have not yet worked with ${gap.requirement.name}${bridge ? `, and I would bring the same care I have put into ${bridge} to learning it quickly` : ', and I would make learning it my first priority'}.`,
      '',
    );
  }
  out.push(
    `I would welcome the chance to talk about how I could help ${posting.company}. Thank you for your time and consideration.`,
    '',
    'Sincerely,',
    name || '',
  );
  return out.join('\n').trimEnd() + '\n';
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

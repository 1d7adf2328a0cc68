// The research report: the role in brief, where the person stands and why,
// what the posting requires and prefers with where the profile shows each,
// real gaps with a way to address them, and questions from the posting itself.
import type { Candidate, JobPosting } from './candidate';
import type { ExtractedJob } from './extract';
import { evidenceLine, type Evidence, type Mapping } from './evidence';
import { adviceFor } from './advice';
import { analyzeMatch } from './match';
import { analyze, languageNote, withResumeExperience } from './writing';

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

// The follow-up email: a short, polite note to the company after applying —
// a subject line, a greeting to the application's contact (or the company's
// hiring team), the role and when the person applied, thanks for the last
// interview when there was one, one or two strengths from the same evidence
// the cover letter uses, a clear ask, and the person's name. Nothing invented.
import { fullName, type Candidate, type FollowUpContact, type JobPosting } from './candidate';
import { queryTerms, rankBullets } from './evidence';
import { asAction, strongestMatches } from './letter';
import { listJoin } from './text';
import {
  analyze,
  contactLine,
  languageNote,
  shownNames,
  skillsOfPerson,
  withResumeExperience,
  type Analysis,
} from './writing';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole days from `from` to `now` (never negative). */
export function daysBetween(from: Date, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - from.getTime()) / DAY_MS));
}

const NUMBER_WORDS = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
];

const counted = (n: number, unit: string) =>
  `${NUMBER_WORDS[n] ?? String(n)} ${unit}${n === 1 ? '' : 's'} ago`;

/** "today", "yesterday", "five days ago", "three weeks ago", "two months ago", "over a year ago". */
export function howLongAgo(days: number): string {
  if (days <= 0) return 'today';
  if (days === 1) return 'yesterday';
  if (days < 14) return counted(days, 'day');
  if (days < 56) return counted(Math.round(days / 7), 'week');
  const months = Math.round(days / 30.44);
  if (months < 12) return counted(months, 'month');
  return 'over a year ago';
}

/** "3 November", with the year when it is not the year of `now` ("28 December 2025"). UTC. */
export function dayOf(date: Date, now: Date): string {
  const sameYear = date.getUTCFullYear() === now.getUTCFullYear();
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'long',
    ...(sameYear ? {} : { year: 'numeric' }),
    timeZone: 'UTC',
  }).format(date);
}

const INTERVIEW_NAME: Record<string, string> = {
  phone_screen: 'phone screen',
  technical: 'technical interview',
  onsite: 'on-site interview',
  behavioral: 'behavioral interview',
  final: 'final interview',
  other: 'interview',
};

/** The contact to write to: a recruiter or hiring manager first, then one with an address. */
export function addressee(contacts: readonly FollowUpContact[]): FollowUpContact | null {
  const named = contacts.filter((c) => c.name.trim() !== '');
  return (
    named.find((c) => /recruit|talent|hiring|people|\bhr\b/i.test(c.role ?? '')) ??
    named.find((c) => c.email) ??
    named[0] ??
    null
  );
}

/** One or two concrete strengths from the analysis, each with a highlight the person wrote. */
function strengths(candidate: Candidate, posting: JobPosting, analysis: Analysis): string[] {
  const personSkills = skillsOfPerson(candidate);
  const ranked = strongestMatches(analysis.mapping);
  const used = new Set<string>();
  const out: string[] = [];
  let lastCompany = '';
  for (const e of ranked) {
    if (out.length >= 2) break;
    const label = shownNames(e, personSkills)[0];
    const bullet = e.bullets.find((b) => !used.has(b.text));
    if (!label || !bullet) continue;
    used.add(bullet.text);
    const at = `${bullet.company === lastCompany ? 'also at' : 'at'} ${bullet.company}, as ${bullet.title}`;
    out.push(
      out.length === 0
        ? `You ask for ${label}: ${at}, ${asAction(bullet.text)}.`
        : `And on ${label}: ${at}, ${asAction(bullet.text)}.`,
    );
    lastCompany = bullet.company;
  }
  if (out.length > 0) return out;
  // No match with a highlight: the skills that match (listed, not claimed as
  // used at a job), and the person's most relevant achievement as what it is.
  const top = [...new Set(ranked.flatMap((e) => shownNames(e, personSkills)))].slice(0, 3);
  if (top.length > 0)
    out.push(
      `I bring ${listJoin(top)}, which ${top.length === 1 ? 'is' : 'sit'} at the centre of what you ask for.`,
    );
  const best = rankBullets(candidate, queryTerms(analysis.job, posting.roleTitle)).find((b) =>
    b.experience.achievements.includes(b.text),
  );
  if (best)
    out.push(
      `One example of my work: at ${best.experience.company}, as ${best.experience.title}, ${asAction(best.text)}.`,
    );
  return out;
}

export function followUpEmail(
  candidate: Candidate,
  posting: JobPosting,
  analysis = analyze(candidate, posting),
): string {
  const person = withResumeExperience(candidate);
  const facts = posting.followUp;
  const now = facts?.now ?? new Date(0);
  const contact = addressee(facts?.contacts ?? []);
  const name = fullName(person);

  const out: string[] = [...languageNote(posting, true)];
  if (contact?.email) out.push(`To: ${contact.name} <${contact.email}>`, '');
  out.push(`Subject: Following up on my application for ${posting.roleTitle}`, '');
  out.push(contact ? `Dear ${contact.name},` : `Dear ${posting.company} hiring team,`, '');

  const opening: string[] = [];
  if (facts?.appliedAt) {
    const days = daysBetween(facts.appliedAt, now);
    opening.push(
      `I am writing to follow up on my application for the ${posting.roleTitle} role at ${posting.company}, which I submitted on ${dayOf(facts.appliedAt, now)} (${howLongAgo(days)}).`,
    );
  } else {
    opening.push(
      `I am writing to follow up on my application for the ${posting.roleTitle} role at ${posting.company}.`,
    );
  }
  const interview = facts?.lastInterview;
  if (interview) {
    opening.push(
      `Thank you again for the ${INTERVIEW_NAME[interview.kind] ?? 'interview'} on ${dayOf(interview.scheduledAt, now)}.`,
    );
  }
  opening.push('I remain very interested in the role.');
  out.push(opening.join(' '), '');

  const shown = strengths(person, posting, analysis);
  if (shown.length > 0) out.push(shown.join(' '), '');

  out.push(
    interview
      ? 'Could you let me know where things stand and what the next steps are? I am glad to send anything else that would help.'
      : 'Could you let me know where my application stands and whether there is anything else I can send? I would welcome the chance to talk about the role.',
    '',
    'Thank you for your time.',
    '',
    'Best regards,',
  );
  if (name) out.push(name);
  const reach = contactLine({ ...person, location: null });
  if (reach) out.push(reach);
  return out.join('\n').trimEnd() + '\n';
}

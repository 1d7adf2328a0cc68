// The follow-up email (issue 13): the built-in one, written for the four
// résumés @jsonresume/schema ships against pasted jobs, with and without a
// contact and an interview — right names, dates, role and company, nothing
// invented — and the OpenAI-compatible prompt and stream, against a local
// server that speaks the Chat Completions protocol.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze, coverLetter, followUpEmail } from '../../src/generate/documents';
import { openAIGenerator } from '../../src/generate/openai';
import type { FollowUpFacts, JobPosting } from '../../src/generate/candidate';
import { addressee, dayOf, daysBetween, howLongAgo } from '../../src/generate/follow-up';
import { inventedFacts } from '../quality/facts';
import { loadJobs, loadLabels, loadProfiles, type QualityProfile } from '../quality/load';
import { sendStream, startOpenAIServer, type OpenAIServer } from '../support/openai-server';

const NOW = new Date('2026-11-24T10:00:00Z');
const APPLIED = new Date('2026-11-03T09:30:00Z');
const INTERVIEW = new Date('2026-11-12T15:00:00Z');

const withHistory: FollowUpFacts = {
  appliedAt: APPLIED,
  now: NOW,
  contacts: [
    { name: 'Sam Porter', role: 'Engineering manager', email: null },
    { name: 'Priya Natarajan', role: 'Senior Recruiter', email: 'priya@example.com' },
  ],
  lastInterview: { kind: 'technical', scheduledAt: INTERVIEW },
};
const bare: FollowUpFacts = { appliedAt: APPLIED, now: NOW, contacts: [], lastInterview: null };

/** The four examples @jsonresume/schema ships (loadProfiles puts them first). */
const SHIPPED = ['sample', 'senior-engineer', 'new-grad', 'career-changer'];
const profiles = loadProfiles().filter((p) => SHIPPED.includes(p.id));
const labels = loadLabels();
const jobs = loadJobs().filter((j) =>
  ['backend-engineer', 'data-analyst', 'customer-success-manager'].includes(j.id),
);

function fullNameOf(profile: QualityProfile): string {
  return [profile.candidate.firstName, profile.candidate.lastName].filter(Boolean).join(' ');
}

describe('the built-in follow-up email', () => {
  it('reads the four @jsonresume/schema résumés and three pasted jobs', () => {
    expect(profiles.map((p) => p.id).sort()).toEqual([...SHIPPED].sort());
    expect(jobs).toHaveLength(3);
  });

  for (const id of SHIPPED) {
    describe(`for ${id}`, () => {
      const profile = () => profiles.find((p) => p.id === id)!;

      it('with a contact and an interview: greets the recruiter, names the role, company and dates, thanks for the interview', () => {
        for (const job of jobs) {
          const posting: JobPosting = { ...job.posting, followUp: withHistory };
          const email = followUpEmail(profile().candidate, posting);
          const lines = email.trimEnd().split('\n');
          expect(lines[0]).toBe('To: Priya Natarajan <priya@example.com>');
          expect(email).toContain(
            `Subject: Following up on my application for ${posting.roleTitle}`,
          );
          expect(email).toContain('Dear Priya Natarajan,');
          expect(email).not.toContain('Sam Porter');
          expect(email).toContain(
            `my application for the ${posting.roleTitle} role at ${posting.company}, which I submitted on 3 November (three weeks ago).`,
          );
          expect(email).toContain('Thank you again for the technical interview on 12 November.');
          expect(email).toMatch(/\?/); // a clear ask
          expect(lines.at(-2)).toBe(fullNameOf(profile()));
          expect(lines.at(-1)).toContain(profile().candidate.email!);
        }
      });

      it('with neither: writes to the company’s hiring team and says nothing of an interview', () => {
        for (const job of jobs) {
          const email = followUpEmail(profile().candidate, { ...job.posting, followUp: bare });
          expect(email.startsWith('Subject: ')).toBe(true);
          expect(email).toContain(`Dear ${job.posting.company} hiring team,`);
          expect(email).toContain('which I submitted on 3 November (three weeks ago)');
          expect(email).not.toMatch(/interview on|To: /);
          expect(email).toContain(`Best regards,\n${fullNameOf(profile())}`);
        }
      });

      it('invents no skill, figure or employer, and draws its example from the person’s own record', () => {
        for (const job of jobs) {
          for (const followUp of [withHistory, bare]) {
            const posting: JobPosting = { ...job.posting, followUp };
            const email = followUpEmail(profile().candidate, posting);
            const facts = inventedFacts(email, {
              candidate: profile().candidate,
              // The dates come from the application, not the profile.
              profileText: `${profile().text}\n3 November\n12 November`,
              shows: labels.profiles[id]!.shows,
              posting,
            });
            expect(facts, email).toEqual([]);
            const achievements = profile().candidate.experiences.flatMap((e) => e.achievements);
            const core = (line: string) => line.replace(/\.$/, '').slice(1, 40);
            if (achievements.length > 0) {
              expect(
                achievements.some((a) => email.includes(core(a))),
                email,
              ).toBe(true);
            }
            // Short: an email, not a letter.
            expect(email.split(/\s+/).length).toBeLessThan(200);
          }
        }
      });
    });
  }

  it('uses the cover letter’s strongest match, with the same highlight', () => {
    const profile = profiles.find((p) => p.id === 'new-grad')!;
    const job = jobs.find((j) => j.id === 'backend-engineer')!;
    const posting = { ...job.posting, followUp: bare };
    const analysis = analyze(profile.candidate, posting);
    const email = followUpEmail(profile.candidate, posting, analysis);
    const letter = coverLetter(profile.candidate, posting, analysis);
    const strength = /You ask for ([^:]+): at ([^,]+), as [^,]+, (.+?)\./.exec(email);
    expect(strength, email).not.toBeNull();
    expect(letter).toContain(`You ask for ${strength![1]}.`);
    expect(letter).toContain(strength![3]!);
  });

  it('is deterministic: the same facts give the same text', () => {
    const [profile] = profiles;
    const posting = { ...jobs[0]!.posting, followUp: withHistory };
    expect(followUpEmail(profile!.candidate, posting)).toBe(
      followUpEmail(profile!.candidate, posting),
    );
  });

  it('without an applied date, follows up on the application without a date', () => {
    const email = followUpEmail(profiles[0]!.candidate, {
      ...jobs[0]!.posting,
      followUp: { ...bare, appliedAt: null },
    });
    expect(email).toContain(
      `I am writing to follow up on my application for the ${jobs[0]!.posting.roleTitle} role at ${jobs[0]!.posting.company}.`,
    );
    expect(email).not.toContain('submitted on');
  });

  it('says the year of a date outside the current one', () => {
    const email = followUpEmail(profiles[0]!.candidate, {
      ...jobs[0]!.posting,
      followUp: {
        ...bare,
        appliedAt: new Date('2025-12-20T12:00:00Z'),
        now: new Date('2026-01-06T12:00:00Z'),
      },
    });
    expect(email).toContain('which I submitted on 20 December 2025 (two weeks ago)');
  });
});

describe('the follow-up rules', () => {
  it('how long ago, in words', () => {
    expect(howLongAgo(0)).toBe('today');
    expect(howLongAgo(1)).toBe('yesterday');
    expect(howLongAgo(5)).toBe('five days ago');
    expect(howLongAgo(13)).toBe('thirteen days ago');
    expect(howLongAgo(21)).toBe('three weeks ago');
    expect(howLongAgo(30)).toBe('four weeks ago');
    expect(howLongAgo(61)).toBe('two months ago');
    expect(howLongAgo(400)).toBe('over a year ago');
  });

  it('counts whole days, never negative', () => {
    expect(daysBetween(APPLIED, NOW)).toBe(21);
    expect(daysBetween(NOW, APPLIED)).toBe(0);
  });

  it('writes a day as "3 November", in UTC', () => {
    expect(dayOf(new Date('2026-11-03T23:59:00Z'), NOW)).toBe('3 November');
    expect(dayOf(new Date('2025-11-03T00:00:00Z'), NOW)).toBe('3 November 2025');
  });

  it('writes to a recruiter first, then a contact with an address, then the first', () => {
    expect(addressee(withHistory.contacts)?.name).toBe('Priya Natarajan');
    expect(
      addressee([
        { name: 'A', role: 'Engineer' },
        { name: 'B', email: 'b@example.com' },
      ])?.name,
    ).toBe('B');
    expect(addressee([{ name: 'A' }, { name: 'B' }])?.name).toBe('A');
    expect(addressee([])).toBeNull();
  });
});

describe('the OpenAI-compatible follow-up email', () => {
  let server: OpenAIServer;
  beforeAll(async () => {
    server = await startOpenAIServer();
  });
  afterAll(() => server.close());

  const profile = () => profiles.find((p) => p.id === 'senior-engineer')!;
  const posting = (): JobPosting => ({ ...jobs[0]!.posting, followUp: withHistory });

  it('streams the model’s text as it comes', async () => {
    server.handle((_request, res) =>
      sendStream(res, ['Subject: Following up', '\n\nDear Priya', ' Natarajan,']),
    );
    const parts: string[] = [];
    for await (const part of openAIGenerator({ baseURL: server.baseURL, model: 'm' }).generate(
      'follow_up_email',
      profile().candidate,
      posting(),
    ))
      parts.push(part);
    expect(parts).toEqual(['Subject: Following up', '\n\nDear Priya', ' Natarajan,']);
    expect(server.requests.at(-1)!.body.stream).toBe(true);
  });

  it('asks for a short email and gives the application’s history with the dates written out', async () => {
    server.handle((_request, res) => sendStream(res, ['ok']));
    for await (const _ of openAIGenerator({ baseURL: server.baseURL, model: 'm' }).generate(
      'follow_up_email',
      profile().candidate,
      posting(),
    ));
    const [system, user] = server.requests.at(-1)!.body.messages;
    expect(system!.content).toContain('Never invent');
    expect(user!.content).toContain(
      `Write a short, polite follow-up email (under 180 words) about the candidate's application for the ${posting().roleTitle} role at ${posting().company}.`,
    );
    const start = user!.content.indexOf('Facts (JSON):\n{') + 'Facts (JSON):\n'.length;
    const facts = JSON.parse(
      user!.content.slice(start, user!.content.indexOf('\n}', start) + 2),
    ) as {
      followUp: unknown;
      analysis: unknown;
    };
    expect(facts.analysis).toBeTruthy();
    expect(facts.followUp).toEqual({
      today: '24 November',
      appliedOn: '3 November',
      daysSinceApplied: 21,
      appliedHowLongAgo: 'three weeks ago',
      writeTo: { name: 'Priya Natarajan', role: 'Senior Recruiter' },
      contacts: [
        { name: 'Sam Porter', role: 'Engineering manager' },
        { name: 'Priya Natarajan', role: 'Senior Recruiter' },
      ],
      lastInterview: { kind: 'technical', on: '12 November' },
    });
  });

  it('the other documents’ prompts carry no follow-up facts', async () => {
    server.handle((_request, res) => sendStream(res, ['ok']));
    for await (const _ of openAIGenerator({ baseURL: server.baseURL, model: 'm' }).generate(
      'cover_letter',
      profile().candidate,
      posting(),
    ));
    expect(server.requests.at(-1)!.body.messages[1]!.content).not.toContain('"followUp"');
  });
});

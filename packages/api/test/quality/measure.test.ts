// The measuring tools themselves: a wrong ruler would make every figure of the
// quality report wrong, so its parts are held to rules here.
import { describe, expect, it } from 'vitest';
import type { MatchResult } from '../../src/server';
import { countWords, itemMatchesLabel, judgedItems } from './evaluate';
import { inventedFacts } from './facts';
import { candidateFromJsonResume, candidateText, loadQualitySet, parseJobFile } from './load';
import { lexiconSkillsIn } from './skills';
import { averageRanks, spearman } from './stats';

describe('the statistics', () => {
  it('gives tied values the average of their ranks', () => {
    expect(averageRanks([10, 20, 20, 30])).toEqual([1, 2.5, 2.5, 4]);
  });

  it('finds a perfect rank correlation through ties, and a reversed one', () => {
    expect(spearman([1, 2, 2, 3], [5, 7, 7, 9])).toBeCloseTo(1);
    expect(spearman([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1);
  });
});

describe('matching extracted items to labels', () => {
  it('lets an alternative satisfy a label "A | B" either way round', () => {
    expect(itemMatchesLabel({ name: 'Looker Studio' }, 'Tableau | Looker Studio')).toBe(true);
    expect(
      itemMatchesLabel(
        { name: 'Tableau or Looker Studio', anyOf: ['Tableau', 'Looker Studio'] },
        'Tableau',
      ),
    ).toBe(true);
    expect(itemMatchesLabel({ name: 'Power BI' }, 'Tableau | Looker Studio')).toBe(false);
  });

  it('reads strengths and weaknesses as items when a match has no details', () => {
    // Only the fields every version of MatchResult has, whatever else it carries.
    const match: Partial<MatchResult> = {
      score: 50,
      strengths: ['Kafka'],
      weaknesses: ['Rust'],
      highlights: [],
      feedback: '',
    };
    const read = judgedItems(match as MatchResult);
    expect(read.detailed).toBe(false);
    expect(read.items).toEqual([
      { name: 'Kafka', shown: true },
      { name: 'Rust', shown: false },
    ]);
  });
});

describe('finding lexicon skills in text', () => {
  it('reads aliases and lets a longer name hide the shorter one inside it', () => {
    const found = lexiconSkillsIn('Built on k8s and Postgres; ran A/B tests; Ruby on Rails.');
    expect([...found].sort()).toEqual(['A/B Testing', 'Kubernetes', 'PostgreSQL', 'Ruby on Rails']);
  });
});

describe('invented facts', () => {
  const set = loadQualitySet();
  const lena = set.profiles.find((p) => p.id === 'senior-engineer')!;
  const job = set.jobs.find((j) => j.id === 'staff-distributed-systems')!;
  const context = {
    candidate: lena.candidate,
    profileText: lena.text,
    shows: set.labels.profiles[lena.id]!.shows,
    posting: job.posting,
  };

  it('finds nothing in what the profile itself says', () => {
    const doc = [
      '### Staff Software Engineer — Confluent',
      '- Cut p99 produce latency 40% by reworking the replication fetch path',
      `I am applying for the ${job.posting.roleTitle} role at ${job.posting.company}. At Dropbox I built Kafka tooling in Go.`,
      'I have 14 years of experience.',
    ].join('\n');
    expect(inventedFacts(doc, context)).toEqual([]);
  });

  it('takes the job quoted in its own words as the job, and a claim copied from it as a claim', () => {
    const quoted = inventedFacts(
      'I read that the role means “strong experience with PostgreSQL and Kafka”.',
      context,
    );
    expect(quoted).toEqual([]);
    const claimed = inventedFacts('I have strong experience with PostgreSQL and Kafka.', context);
    expect(claimed.map((f) => f.value)).toEqual(['PostgreSQL']);
  });

  it('flags a skill, a figure and an employer the profile does not have', () => {
    const doc = [
      '### Senior Software Engineer — Google',
      'At Stripe I scaled PostgreSQL and saved $2.5M, 37% of spend, over 20 years.',
    ].join('\n');
    const found = inventedFacts(doc, context).map((f) => `${f.kind}:${f.value}`);
    expect(found.sort()).toEqual(
      [
        'employer:Google',
        'employer:Stripe',
        'number:$2.5M',
        'number:37%',
        'number:20',
        'skill:PostgreSQL',
      ].sort(),
    );
  });
});

describe('loading the set', () => {
  it('reads the company and role from a job file header', () => {
    const job = parseJobFile('x', 'Company: Acme\nRole: Analyst\n---\nWe need SQL.\n');
    expect(job.posting).toEqual({
      company: 'Acme',
      roleTitle: 'Analyst',
      description: 'We need SQL.',
    });
  });

  it('keeps skill keywords, languages, courses and projects from a JSON Resume', () => {
    const candidate = candidateFromJsonResume({
      basics: { name: 'Ada King Lovelace', label: 'Analyst' },
      skills: [{ name: 'Infrastructure', level: 'Master', keywords: ['Kafka'] }],
      languages: [{ language: 'Spanish', fluency: 'Fluent' }],
      education: [{ institution: 'UW', studyType: 'BS', area: 'CS', courses: ['Databases'] }],
      projects: [{ name: 'raft-lab', keywords: ['Go'], highlights: ['Used in a course'] }],
      work: [{ name: 'Confluent', position: 'Engineer', startDate: '2020-01-01' }],
    });
    expect(candidate.firstName).toBe('Ada');
    expect(candidate.yearsOfExperience).toBeNull();
    expect(candidate.skills).toContainEqual(
      expect.objectContaining({
        name: 'Infrastructure',
        proficiency: 'expert',
        keywords: ['Kafka'],
      }),
    );
    expect(candidate.skills).toContainEqual(
      expect.objectContaining({ name: 'Spanish', category: 'language' }),
    );
    expect(candidate.experiences[0]).toMatchObject({ company: 'Confluent', current: true });
    expect(candidateText(candidate)).toContain('Databases');
    expect(candidateText(candidate)).toContain('Used in a course');
  });

  it('has every job, profile and pair labelled, and counts words as a reader does', () => {
    const set = loadQualitySet();
    expect(set.jobs.length).toBeGreaterThanOrEqual(22);
    expect(set.profiles.length).toBeGreaterThanOrEqual(7);
    expect(countWords('## Dear team,\n\n**Kafka** — I built *it*.')).toBe(6);
  });
});

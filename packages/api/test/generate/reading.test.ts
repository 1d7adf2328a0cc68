// Issue 11: the built-in generator reads the job as people paste it and the
// whole profile as people write it. Each case here failed before the rewrite.
import { describe, expect, it } from 'vitest';
import {
  analyzeMatch,
  coverLetter,
  extractRequirements,
  researchReport,
  segment,
  yearsShown,
  type Candidate,
} from '../../src/generate/index';

const PASTE =
  'Northwind Pay is building the payment rails for independent merchants. We are hiring a Staff Software Engineer to lead our core ledger team. Requirements: 6+ years building distributed systems; strong experience with PostgreSQL and Kafka; experience with Kubernetes and Terraform. Nice to have: experience with payments or fintech, Rust.';

const posting = {
  company: 'Northwind Pay',
  roleTitle: 'Staff Software Engineer',
  description: PASTE,
};

function person(overrides: Partial<Candidate> = {}): Candidate {
  return {
    firstName: 'Lena',
    lastName: 'Vasquez',
    headline: 'Staff Software Engineer',
    skills: [],
    experiences: [],
    education: [],
    certifications: [],
    ...overrides,
  };
}

/** A staff engineer whose skills are JSON Resume groups with keywords, like the jsonresume examples. */
const staff = person({
  summary: 'Staff engineer with 14 years building distributed storage and streaming systems.',
  skills: [
    { name: 'Distributed Systems', keywords: ['Consensus', 'Replication'] },
    { name: 'Programming Languages', keywords: ['Go', 'Java', 'Rust'] },
    { name: 'Infrastructure', keywords: ['Kafka', 'k8s', 'Terraform', 'Postgres'] },
    { name: 'English', category: 'language' },
  ],
  experiences: [
    {
      company: 'Confluent',
      title: 'Staff Software Engineer',
      startDate: '2012-02',
      current: true,
      description: 'Technical lead for multi-region replication.',
      achievements: [
        'Cut p99 produce latency 40% by reworking the replication fetch path',
        'Led a six-engineer working group to ship cluster linking across three regions',
      ],
      technologies: [],
    },
  ],
});

describe('issue 11: reading the job as people paste it', () => {
  it('splits one pasted paragraph at its inline cues', () => {
    expect(segment(PASTE).map((s) => s.section)).toEqual(['intro', 'requirements', 'preferred']);
  });

  it('tells required from preferred by the cue, and keeps alternatives together', () => {
    const job = extractRequirements(PASTE, posting.roleTitle);
    const kinds = Object.fromEntries(job.requirements.map((r) => [r.name, r.required]));
    expect(kinds).toMatchObject({
      'Distributed Systems': true,
      PostgreSQL: true,
      Kafka: true,
      Kubernetes: true,
      Terraform: true,
      'Payments or Fintech': false,
      Rust: false,
    });
    expect(job.yearsRequired).toBe(6);
    // Every required item ranks above every preferred one.
    const firstPreferred = job.requirements.findIndex((r) => !r.required);
    expect(job.requirements.slice(firstPreferred).every((r) => !r.required)).toBe(true);
  });

  it.each([
    ['What you\u2019ll need', 'requirements'],
    ['Must have:', 'requirements'],
    ['**You have**', 'requirements'],
    ['QUALIFICATIONS', 'requirements'],
    ['Bonus points', 'preferred'],
    ['Pluses:', 'preferred'],
    ['## Nice to have', 'preferred'],
    ['Preferred', 'preferred'],
    ["What you'll do", 'responsibilities'],
    ['Responsibilities', 'responsibilities'],
    ['About us', 'about'],
    ['About Northwind', 'about'],
    ['Benefits', 'benefits'],
  ])('reads the heading "%s" as %s', (heading, section) => {
    const parts = segment(`${heading}\n- Experience with Kafka`);
    expect(parts).toEqual([{ section, text: 'Experience with Kafka' }]);
  });

  it('reads headings decorated as people paste them, and joins lines a PDF wrapped', () => {
    const job = extractRequirements(
      [
        '🚀 What you bring',
        '• 3+ years with React and',
        'TypeScript in production',
        '**Job Requirements (all roles)**',
        '- Git',
        'PERKS & BENEFITS',
        '- Free Figma courses',
        '✨ Bonus points',
        '- Storybook',
      ].join('\n'),
    );
    expect(job.requirements.map((r) => [r.name, r.required])).toEqual([
      ['React', true],
      ['TypeScript', true],
      ['Git', true],
      ['Storybook', false],
    ]);
    expect(job.context).toEqual(['Figma']);
  });

  it('takes numbered lists and plain lines under a heading', () => {
    const job = extractRequirements(
      'Qualifications\n1. Advanced SQL\n2) Tableau or Looker Studio\nPython for analysis\nPreferred\nLooker',
    );
    expect(job.requirements.map((r) => [r.name, r.required])).toEqual([
      ['SQL', true],
      ['Tableau or Looker Studio', true],
      ['Python', true],
      ['Looker', false],
    ]);
  });

  it('treats responsibilities, the company blurb and benefits as context, not requirements', () => {
    const job = extractRequirements(
      "About us\nWe run on Salesforce and AWS.\nWhat you'll do\n- Build dashboards in Power BI\nRequirements\n- Advanced Excel\nBenefits\n- A Peloton and a Figma licence",
    );
    expect(job.requirements.map((r) => r.name)).toEqual(['Excel']);
    expect(job.context).toEqual(expect.arrayContaining(['Salesforce', 'AWS', 'Power BI', 'Figma']));
  });

  it('reads examples after "such as" as alternatives, and an Oxford "or" list as one item', () => {
    const job = extractRequirements(
      'Requirements\n- A cloud warehouse such as BigQuery, Snowflake, or Redshift\n- AWS, GCP, or Azure\n- Python, SQL, dbt',
    );
    expect(job.requirements.map((r) => r.anyOf ?? r.name)).toEqual([
      ['BigQuery', 'Snowflake', 'Redshift'],
      ['AWS', 'GCP', 'Azure'],
      'Python',
      'SQL',
      'dbt',
    ]);
  });

  it('a preferred cue inside a requirements list makes that item preferred', () => {
    const job = extractRequirements('Requirements\n- Kafka\n- dbt experience is a plus');
    expect(job.requirements.find((r) => r.name === 'dbt')?.required).toBe(false);
  });
});

describe('issue 11: reading the whole profile', () => {
  it('counts skill keywords and aliases as shown, and says where', () => {
    const match = analyzeMatch(staff, posting);
    const byName = Object.fromEntries(match.details.items.map((i) => [i.name, i]));
    for (const name of ['PostgreSQL', 'Kafka', 'Kubernetes', 'Terraform', 'Distributed Systems'])
      expect(byName[name]?.shown, name).toBe(true);
    expect(byName.Kafka!.evidence).toContain('skills (Infrastructure)');
    expect(byName['Distributed Systems']!.evidence).toContain('skills');
    expect(byName.Rust).toMatchObject({ kind: 'preferred', shown: true });
    expect(byName['Payments or Fintech']).toMatchObject({ kind: 'preferred', shown: false });
    expect(byName['Payments or Fintech']!.advice).toMatch(/plus, not a requirement/);
  });

  it('reads projects, courses, certifications, languages, the summary and the résumé', () => {
    const job = {
      company: 'Acme',
      roleTitle: 'Analyst',
      description:
        'Requirements: Tableau; statistics; Spanish; AWS; Airflow; dbt. Nice to have: Snowflake.',
    };
    const match = analyzeMatch(
      person({
        skills: [{ name: 'Spanish', category: 'language' }],
        projects: [{ name: 'Fares', highlights: ['Dashboards in Tableau'], keywords: ['dbt'] }],
        education: [{ institution: 'UT', courses: ['Applied Statistics'] }],
        certifications: [{ name: 'AWS Certified Cloud Practitioner' }],
        summary: 'I schedule pipelines with Airflow.',
        primaryResume: '## Skills\n- Snowflake',
      }),
      job,
    );
    const where = Object.fromEntries(match.details.items.map((i) => [i.name, i.evidence]));
    expect(Object.keys(where).sort()).toEqual(
      ['AWS', 'Airflow', 'Snowflake', 'Spanish', 'Statistics', 'Tableau', 'dbt'].sort(),
    );
    expect(where.Tableau).toContain('project Fares');
    expect(where.Statistics).toContain('course at UT');
    expect(where.Spanish).toBe('languages');
    expect(where.AWS).toContain('certifications');
    expect(where.Airflow).toContain('your summary');
    expect(where.dbt).toBe('project Fares');
    expect(where.Snowflake).toContain('your résumé');
    expect(match.details.items.every((item) => item.shown)).toBe(true);
    // Shown only in a course or the summary counts, but less than a listed skill.
    expect(match.details.parts.find((p) => p.name === 'required')?.label).toMatch(
      /only in a course, your summary/,
    );
  });

  it('an alternative is satisfied by either', () => {
    const job = {
      company: 'A',
      roleTitle: 'Analyst',
      description: 'Requirements: Tableau or Looker Studio',
    };
    const looker = analyzeMatch(person({ skills: [{ name: 'Looker Studio' }] }), job);
    expect(looker.details.items).toMatchObject([{ name: 'Tableau or Looker Studio', shown: true }]);
  });

  it('counts years from dated roles, overlaps once', () => {
    const years = yearsShown(
      person({
        experiences: [
          {
            company: 'A',
            title: 'x',
            startDate: '2010-01',
            endDate: '2015-01',
            achievements: [],
            technologies: [],
          },
          {
            company: 'B',
            title: 'y',
            startDate: '2014-01',
            endDate: '2018-01',
            achievements: [],
            technologies: [],
          },
        ],
      }),
    );
    expect(years).toBe(8);
  });
});

describe('issue 11: the match ranks people and the documents read like one', () => {
  const mid = person({
    headline: 'Backend Engineer',
    skills: [{ name: 'Backend', keywords: ['PostgreSQL', 'Kafka', 'Go'] }],
    experiences: [
      {
        company: 'Shop',
        title: 'Backend Engineer',
        startDate: '2021-01',
        current: true,
        achievements: ['Built order APIs'],
        technologies: [],
      },
    ],
  });
  const nurse = person({
    headline: 'ICU Registered Nurse',
    skills: [{ name: 'Critical Care', keywords: ['Ventilator management', 'ACLS'] }],
    experiences: [
      {
        company: 'St. Mary',
        title: 'Staff Nurse',
        startDate: '2015-01',
        current: true,
        achievements: ['Cared for ventilated patients'],
        technologies: [],
      },
    ],
  });

  it('puts the best fit first, and a strong fit scores high', () => {
    const scores = [staff, mid, nurse].map((p) => analyzeMatch(p, posting).score);
    expect(scores[0]).toBeGreaterThanOrEqual(80);
    expect(scores[0]).toBeGreaterThan(scores[1]!);
    expect(scores[1]).toBeGreaterThan(scores[2]!);
    expect(scores[2]).toBeLessThan(30);
  });

  it('the cover letter is 200–350 words, names its strongest matches with a highlight, and volunteers no gap', () => {
    const letter = coverLetter(staff, posting);
    const words = letter.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
    expect(words).toBeGreaterThanOrEqual(200);
    expect(words).toBeLessThanOrEqual(350);
    expect(letter).toContain('Northwind Pay');
    expect(letter).toMatch(/replication fetch path|cluster linking/);
    for (const skill of ['Distributed Systems', 'PostgreSQL', 'Kafka'])
      expect(letter).toContain(skill);
    expect(letter).not.toMatch(/not yet worked|gap|Payments|Fintech/i);
  });

  it('the research report groups required and preferred, shows evidence, and gives gaps a way forward', () => {
    const report = researchReport(staff, posting);
    const required = report.slice(report.indexOf('## Required'), report.indexOf('## Preferred'));
    expect(required).toContain(
      '✓ **Kafka** — where your profile shows it: skills (Infrastructure)',
    );
    expect(required).not.toContain('✗');
    const gaps = report.slice(report.indexOf('## Gaps'), report.indexOf('## Questions'));
    expect(gaps).toContain('**Payments or Fintech** (preferred)');
    expect(gaps).not.toMatch(/\*\*(?:Go|Java|Kafka|Kubernetes)\*\*/);
  });

  it('says so when the posting is not in English', () => {
    const german = {
      company: 'Beispiel GmbH',
      roleTitle: 'Backend-Entwickler',
      description:
        'Wir suchen eine erfahrene Person für unser Team in Berlin. Du arbeitest mit Kafka und PostgreSQL und bist für die Weiterentwicklung unserer Plattform verantwortlich. Anforderungen: mehrere Jahre Erfahrung mit Go und Kubernetes, sehr gute Deutschkenntnisse und Freude an der Arbeit im Team.',
    };
    expect(coverLetter(staff, german)).toMatch(/writes English, and this posting is in German/);
    expect(researchReport(staff, german)).toMatch(/this posting is in German/);
  });
});

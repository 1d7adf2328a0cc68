// fitToTarget, item by item: whole words, case and accents aside; what the
// application does not say is unknown, never a miss; no currency conversion.
import { describe, expect, it } from 'vitest';
import {
  containsPhrase,
  fitToTarget,
  type FitSubject,
  type FitTarget,
} from '../../src/targets/fit';

const EMPTY: FitTarget = {
  titles: [],
  preferredCompanies: [],
  avoidedCompanies: [],
  salaryFloor: null,
  salaryCurrency: null,
  workArrangements: [],
  employmentTypes: [],
  locations: [],
  mustHaveKeywords: [],
  excludedKeywords: [],
};

const target = (fields: Partial<FitTarget>): FitTarget => ({ ...EMPTY, ...fields });

const JOB: FitSubject = {
  companyName: 'Acme, Inc.',
  roleTitle: 'Senior Backend Engineer',
  description: 'We build Postgres services in TypeScript. Occasional on-call rotation.',
  location: 'Zürich, Switzerland',
  workArrangement: 'remote',
  employmentType: 'full_time',
  salaryMin: 100_000,
  salaryMax: 130_000,
  salaryCurrency: 'EUR',
};

const labels = (t: FitTarget, s: FitSubject = JOB) => fitToTarget(t, s).items.map((i) => i.label);

describe('containsPhrase', () => {
  it.each([
    ['We use Java and Kotlin', 'Java', true],
    ['We use JavaScript', 'Java', false],
    ['JAVA shop', 'java', true],
    ['Java-based services', 'java', true],
    ['Based in Zürich', 'zurich', true],
    ['Based in Zurich', 'Zürich', true],
    ['Café culture', 'cafe', true],
    ['on call every other week', 'on-call', true],
    ['on-call every other week', 'on call', true],
    ['oncall', 'on-call', false],
    ['C++ and Rust', 'C++', true],
    ['We love .NET', '.NET', true],
    ['Go, Rust', 'go', true],
    ['Google', 'go', false],
    ['anything', '', false],
  ])('%j contains %j: %s', (text, phrase, expected) => {
    expect(containsPhrase(text, phrase)).toBe(expected);
  });
});

describe('fitToTarget', () => {
  it('a target that asks nothing fits with score 100 and no items', () => {
    expect(fitToTarget(EMPTY, JOB)).toEqual({ items: [], score: 100, fits: true });
  });

  it('says each item with its mark, the example of the issue included', () => {
    const fit = fitToTarget(
      target({
        workArrangements: ['remote'],
        salaryFloor: 120_000,
        salaryCurrency: 'EUR',
        excludedKeywords: ['on-call'],
      }),
      JOB,
    );
    expect(fit.items.map((i) => i.label).join(' · ')).toBe(
      "remote ✓ · salary ✓ · excluded keyword 'on-call' ✗",
    );
    expect(fit.items.map((i) => i.ok)).toEqual([true, true, false]);
    expect(fit.fits).toBe(false);
    expect(fit.score).toBe(67);
  });

  it('matches titles by their words, case and order of other words aside', () => {
    expect(labels(target({ titles: ['Product manager', 'backend engineer'] }))).toEqual([
      "title 'backend engineer' ✓",
    ]);
    expect(labels(target({ titles: ['Frontend engineer'] }))).toEqual(['title ✗']);
    expect(
      labels(target({ titles: ['Java developer'] }), { ...JOB, roleTitle: 'JavaScript developer' }),
    ).toEqual(['title ✗']);
    expect(labels(target({ titles: ['Engineer'] }), { ...JOB, roleTitle: '  ' })).toEqual([
      'title unknown',
    ]);
  });

  it('names a preferred company as a plus, an avoided one as a miss, others not at all', () => {
    expect(labels(target({ preferredCompanies: ['ACME'] }))).toEqual([
      "preferred company 'ACME' ✓",
    ]);
    expect(labels(target({ avoidedCompanies: ['acme ltd'] }))).toEqual([
      "avoided company 'acme ltd' ✗",
    ]);
    expect(
      labels(target({ preferredCompanies: ['Globex'], avoidedCompanies: ['Initech'] })),
    ).toEqual([]);
    expect(labels(target({ avoidedCompanies: ['Acme Robotics'] }))).toEqual([]);
  });

  it('compares salary only in one currency, and never converts', () => {
    const floor = target({ salaryFloor: 120_000, salaryCurrency: 'EUR' });
    expect(labels(floor)).toEqual(['salary ✓']);
    expect(labels(floor, { ...JOB, salaryMax: 110_000 })).toEqual(['salary below 120,000 EUR ✗']);
    // Only a minimum given: it is the best the posting says.
    expect(labels(floor, { ...JOB, salaryMax: null, salaryMin: 125_000 })).toEqual(['salary ✓']);
    expect(labels(floor, { ...JOB, salaryCurrency: 'USD', salaryMax: 500_000 })).toEqual([
      'salary in USD, floor in EUR unknown',
    ]);
    expect(labels(floor, { ...JOB, salaryCurrency: 'eur' })).toEqual(['salary ✓']);
    expect(labels(floor, { ...JOB, salaryCurrency: null })).toEqual([
      'salary (no currency given) unknown',
    ]);
    expect(labels(floor, { ...JOB, salaryMin: null, salaryMax: null })).toEqual(['salary unknown']);
    const unknown = fitToTarget(floor, { ...JOB, salaryCurrency: 'GBP' });
    expect(unknown.items[0]).toMatchObject({ ok: false, state: 'unknown' });
    expect(unknown.fits).toBe(true);
  });

  it('checks work arrangement and employment type against the lists', () => {
    const t = target({ workArrangements: ['remote', 'hybrid'], employmentTypes: ['contract'] });
    expect(labels(t)).toEqual(['remote ✓', 'full-time ✗']);
    expect(labels(t, { ...JOB, workArrangement: 'onsite', employmentType: 'contract' })).toEqual([
      'on-site ✗',
      'contract ✓',
    ]);
    expect(labels(t, { ...JOB, workArrangement: null, employmentType: undefined })).toEqual([
      'work arrangement unknown',
      'employment type unknown',
    ]);
  });

  it('matches a location by its words and accents aside; "Remote" is met by a remote job', () => {
    expect(labels(target({ locations: ['Berlin', 'Zurich'] }))).toEqual(["location 'Zurich' ✓"]);
    expect(labels(target({ locations: ['Berlin'] }))).toEqual(['location ✗']);
    expect(labels(target({ locations: ['Remote'] }), { ...JOB, location: null })).toEqual([
      "location 'Remote' ✓",
    ]);
    expect(
      labels(target({ locations: ['Berlin'] }), { ...JOB, location: null, workArrangement: null }),
    ).toEqual(['location unknown']);
  });

  it('finds must-have keywords in the description as whole words', () => {
    const t = target({ mustHaveKeywords: ['postgres', 'TypeScript', 'Java'] });
    expect(labels(t)).toEqual([
      "keyword 'postgres' ✓",
      "keyword 'TypeScript' ✓",
      "keyword 'Java' ✗",
    ]);
    expect(labels(t, { ...JOB, description: 'We write JavaScript.' })).toEqual([
      "keyword 'postgres' ✗",
      "keyword 'TypeScript' ✗",
      "keyword 'Java' ✗",
    ]);
  });

  it('says an excluded keyword that is absent, and one that is there', () => {
    const t = target({ excludedKeywords: ['crypto', 'ON CALL'] });
    expect(labels(t)).toEqual(["no 'crypto' ✓", "excluded keyword 'ON CALL' ✗"]);
  });

  it('keywords without a description are unknown, not misses', () => {
    const t = target({ mustHaveKeywords: ['Go'], excludedKeywords: ['crypto'] });
    const fit = fitToTarget(t, { ...JOB, description: null });
    expect(fit.items.map((i) => i.label)).toEqual([
      "keyword 'Go' unknown",
      "excluded keyword 'crypto' unknown",
    ]);
    expect(fit.fits).toBe(true);
    expect(fit.score).toBe(50);
  });

  it('scores ✓ as 1, unknown as ½, ✗ as 0 over all items', () => {
    const fit = fitToTarget(
      target({
        titles: ['backend engineer'],
        workArrangements: ['onsite'],
        employmentTypes: ['full_time'],
        locations: ['Berlin'],
      }),
      { ...JOB, location: null },
    );
    expect(fit.items.map((i) => i.state)).toEqual(['ok', 'no', 'ok', 'unknown']);
    expect(fit.score).toBe(Math.round((100 * 2.5) / 4));
  });
});

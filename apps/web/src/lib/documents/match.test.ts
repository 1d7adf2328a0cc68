import { describe, expect, it } from 'vitest';
import {
  alternatives,
  experienceLines,
  groupItems,
  hasDetails,
  partLines,
  seniorityLine,
  shownItems,
  tierOf,
  yearsLine,
  type MatchDetails,
  type MatchItem,
} from './match';

function item(overrides: Partial<MatchItem> & Pick<MatchItem, 'name'>): MatchItem {
  return {
    kind: 'required',
    shown: true,
    evidence: 'skills (Infrastructure)',
    sources: [{ where: 'skills (Infrastructure)' }],
    ...overrides,
  };
}

function details(overrides: Partial<MatchDetails> = {}): MatchDetails {
  return {
    items: [
      item({ name: 'Kafka' }),
      item({ name: 'Payments', kind: 'preferred', shown: false, evidence: '', sources: [] }),
      item({ name: 'PostgreSQL', shown: false, evidence: '', sources: [], advice: 'Add it.' }),
      item({ name: 'Rust', kind: 'preferred' }),
      item({ name: 'Kubernetes' }),
    ],
    years: { required: 6, shown: 12 },
    seniority: { job: 'senior', person: 'staff' },
    parts: [
      { name: 'required', value: 2 / 3, weight: 0.6, label: '2 of 3 shown' },
      { name: 'preferred', value: 0.5, weight: 0.2, label: 'Preferred: 1 of 2 shown' },
      { name: 'years', value: 1, weight: 0.1, label: '12 of 6 years' },
      { name: 'seniority', value: 1, weight: 0.1, label: 'Level and role: a senior role' },
    ],
    explanation: 'Most of what is required is shown.',
    ...overrides,
  };
}

describe('match details', () => {
  it('an older row (details {}) has no explanation; a new one has', () => {
    expect(hasDetails({})).toBe(false);
    expect(hasDetails(null)).toBe(false);
    expect(hasDetails(details())).toBe(true);
    expect(hasDetails(details({ items: [] }))).toBe(true);
  });

  it('groups required before preferred, keeping the job order, with how many are shown', () => {
    const groups = groupItems(details());
    expect(groups.map((g) => [g.title, g.items.map((i) => i.name), g.summary])).toEqual([
      ['Required', ['Kafka', 'PostgreSQL', 'Kubernetes'], '2 of 3 shown'],
      ['Preferred', ['Payments', 'Rust'], '1 of 2 shown'],
    ]);
  });

  it('leaves out a kind the job does not ask for', () => {
    const groups = groupItems(details({ items: [item({ name: 'SQL' })] }));
    expect(groups.map((g) => g.kind)).toEqual(['required']);
    expect(groupItems(details({ items: [] }))).toEqual([]);
  });

  it('lists only the shown items, required first, for the documents', () => {
    expect(shownItems(details()).map((i) => i.name)).toEqual(['Kafka', 'Kubernetes', 'Rust']);
  });

  it('reads alternatives as a phrase, and none for a single name', () => {
    expect(alternatives(item({ name: 'BI', anyOf: ['Tableau', 'Looker Studio'] }))).toBe(
      'Tableau or Looker Studio',
    );
    expect(alternatives(item({ name: 'BI', anyOf: ['Go', 'Python', ' Java '] }))).toBe(
      'Go, Python or Java',
    );
    expect(alternatives(item({ name: 'Go', anyOf: ['Go'] }))).toBeNull();
    // Not again when the name already says them.
    expect(
      alternatives(item({ name: 'Payments or Fintech', anyOf: ['payments', 'fintech'] })),
    ).toBeNull();
    expect(alternatives(item({ name: 'Go' }))).toBeNull();
  });

  it('turns each part of the score into its value, weight and points', () => {
    const [required, preferred, years] = partLines(details());
    expect(required).toEqual({
      name: 'required',
      title: 'Required',
      label: '2 of 3 shown',
      percent: 67,
      weight: 60,
      points: 40,
    });
    // A label that already names its part is not prefixed twice.
    expect(preferred?.label).toBe('1 of 2 shown');
    expect(preferred?.points).toBe(10);
    expect(years?.weight).toBe(10);
    expect(partLines(details()).map((line) => `${line.title}: ${line.label}`)).toEqual([
      'Required: 2 of 3 shown',
      'Preferred: 1 of 2 shown',
      'Years: 12 of 6 years',
      'Level and role: a senior role',
    ]);
  });

  it('keeps values outside 0–1 within the score', () => {
    const [line] = partLines(
      details({ parts: [{ name: 'years', value: 1.5, weight: 0.2, label: '' }] }),
    );
    expect(line?.percent).toBe(100);
    expect(line?.points).toBe(20);
  });

  it('says what years the job asks for and the profile shows', () => {
    expect(yearsLine(details())).toBe(
      'The job asks for 6+ years; your dated experience adds up to 12 years.',
    );
    expect(yearsLine(details({ years: { required: null, shown: 1 } }))).toBe(
      'The job names no number of years; your dated experience adds up to 1 year.',
    );
    expect(yearsLine(details({ years: { required: 3, shown: null } }))).toBe(
      'The job asks for 3+ years; your profile has no dated experience to count.',
    );
    expect(yearsLine(details({ years: { required: null, shown: null } }))).toBeNull();
  });

  it('says the seniority of the job and of the person', () => {
    expect(seniorityLine(details())).toBe('The job reads as senior; your profile as staff.');
    expect(seniorityLine(details({ seniority: { job: null, person: 'junior' } }))).toBe(
      'The job names no level; your profile as junior.',
    );
    expect(seniorityLine(details({ seniority: { job: null, person: null } }))).toBeNull();
  });

  it('gives the years and level lines the parts of the score do not', () => {
    expect(experienceLines(details())).toEqual([]);
    const noParts = details({ parts: [] });
    expect(experienceLines(noParts)).toEqual([yearsLine(noParts), seniorityLine(noParts)]);
    const noLevel = details({
      parts: [{ name: 'years', value: 1, weight: 1, label: '' }],
      seniority: { job: null, person: 'staff' },
    });
    expect(experienceLines(noLevel)).toEqual(['The job names no level; your profile as staff.']);
  });

  it('tiers the score', () => {
    expect([tierOf(90), tierOf(75), tierOf(74), tierOf(50), tierOf(49)]).toEqual([
      'strong',
      'strong',
      'fair',
      'fair',
      'weak',
    ]);
  });
});

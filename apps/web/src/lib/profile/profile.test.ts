import { describe, expect, it } from 'vitest';
import {
  applyRowChange,
  byPosition,
  bySkill,
  commaList,
  formatDateRange,
  formatPartialDate,
  linesToList,
  mergeRemote,
  moveItem,
  profilePatch,
  profileToDraft,
  remapLinkErrors,
} from './profile';
import type { Profile } from '$lib/api/types';

function profile(overrides: Partial<Profile> = {}): Profile {
  const now = new Date('2026-01-01T00:00:00Z');
  return {
    id: 'p',
    userId: 'u',
    firstName: null,
    lastName: null,
    headline: null,
    summary: null,
    email: null,
    phone: null,
    location: null,
    links: [],
    industry: null,
    yearsOfExperience: null,
    targetSalaryMin: null,
    targetSalaryMax: null,
    targetSalaryCurrency: null,
    preferredWorkArrangements: [],
    willingToRelocate: false,
    generatorContext: null,
    createdAt: now,
    updatedAt: now,
    ...overrides,
  };
}

describe('partial dates', () => {
  it('reads a year, a month or a day as people write them', () => {
    expect(formatPartialDate('2019')).toBe('2019');
    expect(formatPartialDate('2019-06')).toBe('Jun 2019');
    expect(formatPartialDate('2019-06-03')).toBe('3 Jun 2019');
    expect(formatPartialDate(null)).toBe('');
  });

  it('shows a current role as running to the present', () => {
    expect(formatDateRange('2019-03', null, true)).toBe('Mar 2019 – present');
    expect(formatDateRange('2015', '2018')).toBe('2015 – 2018');
    expect(formatDateRange('2015', null)).toBe('from 2015');
    expect(formatDateRange(null, null)).toBe('');
  });
});

describe('the profile as form text', () => {
  it('sends only the fields asked for, numbers as numbers and blank as null', () => {
    const draft = profileToDraft(profile({ headline: 'Engineer' }));
    draft.targetSalaryMin = '85,000';
    draft.yearsOfExperience = '';
    const { input, errors } = profilePatch(draft, [
      'headline',
      'targetSalaryMin',
      'yearsOfExperience',
    ]);
    expect(errors).toEqual({});
    expect(input).toEqual({
      headline: 'Engineer',
      targetSalaryMin: 85000,
      yearsOfExperience: null,
    });
  });

  it('catches a number that is not a whole number before sending', () => {
    const draft = profileToDraft(profile());
    draft.yearsOfExperience = 'five';
    const { input, errors } = profilePatch(draft, ['yearsOfExperience']);
    expect(input).toEqual({});
    expect(errors.yearsOfExperience?.[0]).toMatch(/whole number/);
  });

  it('leaves blank link rows out and maps the API errors back to the rows shown', () => {
    const draft = profileToDraft(profile());
    draft.links = [
      { label: '', url: '', username: '' },
      { label: 'GitHub', url: 'github.com/x', username: '' },
    ];
    const { input, linkIndex } = profilePatch(draft, ['links']);
    expect(input.links).toEqual([{ label: 'GitHub', url: 'github.com/x' }]);
    expect(remapLinkErrors({ 'links.0.url': ['Use a full URL'] }, linkIndex)).toEqual({
      'links.1.url': ['Use a full URL'],
    });
  });
});

describe('merging a newer version into a form being edited', () => {
  const before = { headline: 'A', summary: 'S', location: 'L' };

  it('takes the other side’s change to a field this side has not touched', () => {
    const draft = { ...before };
    const next = { ...before, headline: 'B' };
    expect(mergeRemote(draft, before, next, () => false)).toEqual(next);
  });

  it('never overwrites what the person typed or is still saving', () => {
    const draft = { ...before, headline: 'Mine', location: 'Typing' };
    const next = { ...before, headline: 'Theirs', location: 'Theirs', summary: 'New' };
    const merged = mergeRemote(draft, before, next, (field) => field === 'location');
    expect(merged).toEqual({ headline: 'Mine', location: 'Typing', summary: 'New' });
  });
});

describe('lists in the API’s order', () => {
  const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));
  const row = (id: string, position: number, updated = 0) => ({
    id,
    position,
    createdAt: at(0),
    updatedAt: at(updated),
  });

  it('inserts, replaces and removes rows, keeping the order', () => {
    let list = [row('a', 0), row('b', 1)];
    list = applyRowChange(list, { op: 'insert', id: 'c', row: row('c', 2) }, byPosition);
    list = applyRowChange(list, { op: 'update', id: 'a', row: row('a', 3, 1) }, byPosition);
    expect(list.map((r) => r.id)).toEqual(['b', 'c', 'a']);
    list = applyRowChange(list, { op: 'delete', id: 'c', row: null }, byPosition);
    expect(list.map((r) => r.id)).toEqual(['b', 'a']);
  });

  it('ignores a version older than the one shown', () => {
    const list = [row('a', 5, 9)];
    const next = applyRowChange(list, { op: 'update', id: 'a', row: row('a', 0, 2) }, byPosition);
    expect(next[0]?.position).toBe(5);
  });

  it('orders skills main first, then by name whatever the case', () => {
    const skills = [
      { id: '1', name: 'rust', isPrimary: false },
      { id: '2', name: 'Go', isPrimary: false },
      { id: '3', name: 'TypeScript', isPrimary: true },
    ];
    expect([...skills].sort(bySkill).map((s) => s.name)).toEqual(['TypeScript', 'Go', 'rust']);
  });

  it('moves an item up and down, stopping at the ends', () => {
    expect(moveItem(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moveItem(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moveItem(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
  });
});

describe('lists typed as text', () => {
  it('reads one achievement per line, dropping bullets and blanks', () => {
    expect(linesToList('- Shipped it\n\n• Cut costs 20%\n  * Mentored  ')).toEqual([
      'Shipped it',
      'Cut costs 20%',
      'Mentored',
    ]);
  });

  it('reads comma-separated technologies', () => {
    expect(commaList('Rust, LLVM,, TypeScript ')).toEqual(['Rust', 'LLVM', 'TypeScript']);
  });
});

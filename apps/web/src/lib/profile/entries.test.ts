import { describe, expect, it } from 'vitest';
import { experienceKind, expandTogether, skillKind } from './entries';

describe('profile entries as forms', () => {
  it('turns a work experience form into the API input', () => {
    const draft = experienceKind.toDraft(null);
    Object.assign(draft, {
      title: 'Engineer',
      company: 'Acme',
      startDate: '2019-06',
      endDate: '2021',
      isCurrent: true,
      achievements: 'Shipped\n- Scaled',
      technologies: 'Rust, Go',
    });
    const { input, errors } = experienceKind.toInput(draft);
    expect(errors).toEqual({});
    // A current role sends no end date, whatever the disabled field still holds.
    expect(input).toMatchObject({
      title: 'Engineer',
      company: 'Acme',
      isCurrent: true,
      endDate: null,
      achievements: ['Shipped', 'Scaled'],
      technologies: ['Rust', 'Go'],
    });
  });

  it('reports skill years that are not a whole number on that field', () => {
    const draft = { ...skillKind.toDraft(null), name: 'Rust', years: '2.5' };
    const { input, errors } = skillKind.toInput(draft, ['name', 'years']);
    expect(input).toEqual({ name: 'Rust' });
    expect(errors.years?.[0]).toMatch(/whole number/);
  });

  it('sends related date fields together so the API can check them', () => {
    expect(expandTogether(['endDate', 'title'], experienceKind.together).sort()).toEqual(
      ['endDate', 'isCurrent', 'startDate', 'title'].sort(),
    );
    expect(expandTogether(['title'], experienceKind.together)).toEqual(['title']);
  });
});

import { describe, expect, it } from 'vitest';
import { educationKind, experienceKind, expandTogether, projectKind, skillKind } from './entries';

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

  it('turns a project form into the API input: highlights per line, keywords and roles by comma', () => {
    const draft = projectKind.toDraft(null);
    Object.assign(draft, {
      name: 'raft-lab',
      url: 'https://github.com/example/raft-lab',
      startDate: '2019',
      roles: 'Author, Maintainer',
      highlights: '- Used in two courses\n\n• Fault-injection harness',
      keywords: 'Go, Raft,\nConsensus',
    });
    const { input, errors } = projectKind.toInput(draft);
    expect(errors).toEqual({});
    expect(input).toEqual({
      name: 'raft-lab',
      url: 'https://github.com/example/raft-lab',
      startDate: '2019',
      endDate: '',
      roles: ['Author', 'Maintainer'],
      description: '',
      highlights: ['Used in two courses', 'Fault-injection harness'],
      keywords: ['Go', 'Raft', 'Consensus'],
    });
    expect(projectKind.name({ name: 'raft-lab' } as Parameters<typeof projectKind.name>[0])).toBe(
      'raft-lab',
    );
    expect(expandTogether(['endDate'], projectKind.together).sort()).toEqual([
      'endDate',
      'startDate',
    ]);
  });

  it('shows a project row as form text and back unchanged', () => {
    const row = {
      name: 'DormSwap',
      url: 'https://dormswap.example.com',
      startDate: '2024-09',
      endDate: '2025-05',
      roles: ['Full-stack developer', 'Team lead'],
      description: 'A campus marketplace.',
      highlights: ['400+ students', 'Image moderation'],
      keywords: ['Next.js', 'PostgreSQL'],
    };
    const draft = projectKind.toDraft(row as unknown as Parameters<typeof projectKind.toDraft>[0]);
    expect(draft.highlights).toBe('400+ students\nImage moderation');
    expect(projectKind.toInput(draft).input).toEqual(row);
  });

  it('reads education courses one per line, and shows them that way', () => {
    const draft = {
      ...educationKind.toDraft(null),
      institution: 'MIT',
      courses: '6.824 Distributed Systems\n\n- 6.035 Compilers',
    };
    expect(educationKind.toInput(draft, ['courses']).input).toEqual({
      courses: ['6.824 Distributed Systems', '6.035 Compilers'],
    });
    const row = { institution: 'MIT', courses: ['A, with a comma', 'B'] };
    const shown = educationKind.toDraft(row as Parameters<typeof educationKind.toDraft>[0]);
    // One per line, so a course whose name has a comma survives the round trip.
    expect(educationKind.toInput(shown, ['courses']).input).toEqual({
      courses: ['A, with a comma', 'B'],
    });
  });

  it('sends related date fields together so the API can check them', () => {
    expect(expandTogether(['endDate', 'title'], experienceKind.together).sort()).toEqual(
      ['endDate', 'isCurrent', 'startDate', 'title'].sort(),
    );
    expect(expandTogether(['title'], experienceKind.together)).toEqual(['title']);
  });
});

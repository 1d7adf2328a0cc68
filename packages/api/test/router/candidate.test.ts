// Issue 11: the document generator reads everything a person wrote. A real
// JSON Resume goes in through portable.importJsonResume, and loadCandidate
// (what every generator is given) comes back with skill keywords, languages,
// projects, education and courses, in the person's own order.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { withUser } from '@pursuit/db';
import { loadCandidate } from '../../src/documents/candidate';
import { setUp, signUp, type Person } from '../support/accounts';

const require = createRequire(import.meta.url);
const example = (name: string) =>
  require(`@jsonresume/schema/examples/${name}.resume.json`) as Record<string, unknown>;

const world = setUp('ada');

const candidateOf = (person: Person) =>
  withUser(world.t.app, person.id, (tx) => loadCandidate(tx, person.id));

describe('loadCandidate after a JSON Resume import', () => {
  it('the senior engineer’s skills keep their keywords, languages are skills, projects and education arrive', async () => {
    const person = await signUp(world.t, 'senior');
    await person.api.portable.importJsonResume({
      document: example('senior-engineer'),
      mode: 'replace',
    });
    const candidate = await candidateOf(person);

    const skill = (name: string) => candidate.skills.find((s) => s.name === name);
    expect(skill('Infrastructure')?.keywords).toContain('Kafka');
    expect(skill('Programming Languages')?.keywords).toEqual(
      expect.arrayContaining(['Go', 'Java', 'Rust']),
    );
    expect(
      candidate.skills
        .filter((s) => s.category === 'language')
        .map((s) => s.name)
        .sort(),
    ).toEqual(['English', 'Portuguese', 'Spanish']);

    expect(candidate.projects).toEqual([
      {
        name: 'raft-lab',
        description:
          'A teaching implementation of the Raft consensus protocol with a deterministic network simulator.',
        highlights: [
          'Used in a graduate distributed-systems course at two universities',
          'Includes a fault-injection harness for partition and clock-skew scenarios',
        ],
        keywords: ['Go', 'Raft', 'Consensus'],
        roles: ['Author', 'Maintainer'],
        startDate: '2019-01-01',
        endDate: null,
        url: 'https://github.com/lvasquez/raft-lab',
      },
    ]);

    expect(candidate.education.map((e) => [e.institution, e.degree, e.fieldOfStudy])).toEqual([
      ['University of Texas at Austin', 'Ph.D.', 'Computer Science'],
      ['University of Texas at Austin', 'Bachelor of Science', 'Computer Science'],
    ]);
    expect(candidate.education.every((e) => Array.isArray(e.courses))).toBe(true);
    expect(candidate.certifications.map((c) => c.name)).toEqual([
      'AWS Certified Solutions Architect - Professional',
    ]);
  });

  it('education courses and description reach the candidate; projects follow the order the person set', async () => {
    const person = await signUp(world.t, 'grad');
    await person.api.portable.importJsonResume({ document: example('new-grad'), mode: 'replace' });
    const [school] = await person.api.education.list();
    await person.api.education.update({ id: school!.id, description: 'Dean’s list, 4 terms.' });
    const [first, second] = await person.api.project.list();
    await person.api.project.reorder({ ids: [second!.id, first!.id] });

    const candidate = await candidateOf(person);
    expect(candidate.education[0]?.description).toBe('Dean’s list, 4 terms.');
    expect(candidate.education[0]?.courses).toEqual([
      'CSE 451 - Operating Systems',
      'CSE 444 - Database Systems',
      'CSE 446 - Machine Learning',
      'CSE 461 - Computer Networks',
      'CSE 421 - Algorithms',
    ]);
    expect(candidate.projects?.map((p) => p.name)).toEqual(['gradient-viz', 'DormSwap']);
    expect(candidate.projects?.[1]?.keywords).toEqual([
      'Next.js',
      'PostgreSQL',
      'Prisma',
      'Vercel',
    ]);
  });

  it('a person sees only their own projects in their candidate', async () => {
    await world.ada.api.project.create({ name: 'Ada’s engine', keywords: ['Analytical'] });
    const other = await signUp(world.t, 'other');
    expect((await candidateOf(other)).projects).toEqual([]);
    expect((await candidateOf(world.ada)).projects?.map((p) => p.name)).toEqual(['Ada’s engine']);
  });
});

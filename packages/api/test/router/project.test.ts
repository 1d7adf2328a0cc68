// Projects and education courses (issue 11) through the real router and
// database: the owner adds, edits, reorders and removes them; the lists are
// bounded with messages a person can act on; nobody else can touch them.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { withUser } from '@pursuit/db';
import { PROFILE_LIST_LIMIT } from '../../src/limits';
import { failureOf, setUp, signUp } from '../support/accounts';

const world = setUp('ada', 'bob');

describe('projects', () => {
  it('a project is added, edited, reordered and removed by its owner', async () => {
    const person = await signUp(world.t, 'builder');
    const tracer = await person.api.project.create({
      name: '  Tracer ',
      description: 'A distributed tracing collector.',
      highlights: ['Cut p99 latency by half', '  '],
      keywords: ['Go', 'Kafka'],
      roles: ['Maintainer'],
      url: 'https://github.com/example/tracer',
      startDate: '2021-03',
      endDate: '2022',
    });
    expect(tracer).toMatchObject({
      name: 'Tracer',
      highlights: ['Cut p99 latency by half'],
      keywords: ['Go', 'Kafka'],
      roles: ['Maintainer'],
      position: 0,
    });
    const bare = await person.api.project.create({ name: 'Dotfiles' });
    expect(bare).toMatchObject({ highlights: [], keywords: [], roles: [], position: 1 });

    await person.api.project.update({ id: bare.id, keywords: ['Nix'], url: '' });
    await person.api.project.reorder({ ids: [bare.id, tracer.id] });
    expect((await person.api.project.list()).map((p) => [p.name, p.keywords])).toEqual([
      ['Dotfiles', ['Nix']],
      ['Tracer', ['Go', 'Kafka']],
    ]);

    await person.api.project.delete({ id: tracer.id });
    expect((await person.api.project.list()).map((p) => p.name)).toEqual(['Dotfiles']);
  });

  it('a user cannot read, change, reorder or delete another user’s project', async () => {
    const mine = await world.ada.api.project.create({ name: 'Private project' });
    expect(await world.bob.api.project.list()).toEqual([]);
    for (const call of [
      () => world.bob.api.project.update({ id: mine.id, name: 'Mine now' }),
      () => world.bob.api.project.delete({ id: mine.id }),
      () => world.bob.api.project.reorder({ ids: [mine.id] }),
    ]) {
      expect(await failureOf(call())).toMatchObject({ code: 'NOT_FOUND' });
    }
    expect((await world.ada.api.project.list()).map((p) => p.name)).toContain('Private project');
  });

  it('a project’s name, dates, URL and lists are checked, with a message per field', async () => {
    const failure = await failureOf(
      world.ada.api.project.create({
        name: ' ',
        startDate: '2022-05',
        endDate: '2021',
        url: 'javascript:alert(1)',
        highlights: Array.from({ length: 51 }, (_, i) => `Highlight ${i}`),
        keywords: ['x'.repeat(101)],
        roles: Array.from({ length: 21 }, (_, i) => `Role ${i}`),
      }),
    );
    expect(failure.code).toBe('BAD_REQUEST');
    expect(failure.fieldErrors).toMatchObject({
      name: ['Enter the project’s name.'],
      url: ['Use a full URL starting with http:// or https://.'],
      highlights: ['List at most 50 highlights.'],
      'keywords.0': ['Each keyword can be at most 100 characters.'],
      roles: ['List at most 20 roles.'],
    });
    const dates = await failureOf(
      world.ada.api.project.create({ name: 'P', startDate: '2022-05', endDate: '2021' }),
    );
    expect(dates.fieldErrors).toMatchObject({
      endDate: ['The end date cannot be before the start date.'],
    });
    const longHighlight = await failureOf(
      world.ada.api.project.create({ name: 'P', highlights: ['x'.repeat(1_001)] }),
    );
    expect(longHighlight.fieldErrors).toMatchObject({
      'highlights.0': ['Each highlight can be at most 1,000 characters.'],
    });
    const project = await world.ada.api.project.create({ name: 'P' });
    expect(await failureOf(world.ada.api.project.update({ id: project.id }))).toMatchObject({
      code: 'BAD_REQUEST',
      message: 'Nothing to change.',
    });
  });

  it(`a person keeps at most ${PROFILE_LIST_LIMIT} projects; adding past it says what to do`, async () => {
    const person = await signUp(world.t, 'prolific');
    await withUser(world.t.app, person.id, (tx) =>
      tx.execute(sql`
        insert into projects (user_id, name, position)
        select ${person.id}, 'Project ' || g, g from generate_series(1, ${PROFILE_LIST_LIMIT}) g`),
    );
    expect(await failureOf(person.api.project.create({ name: 'One too many' }))).toMatchObject({
      code: 'BAD_REQUEST',
      message: `You can keep at most ${PROFILE_LIST_LIMIT} projects. Remove some to add more.`,
    });
    expect(await person.api.project.list()).toHaveLength(PROFILE_LIST_LIMIT);
  }, 60_000);
});

describe('education courses', () => {
  it('courses are kept in order, blanks dropped, and can be changed alone', async () => {
    const entry = await world.ada.api.education.create({
      institution: 'MIT',
      courses: ['6.824 Distributed Systems', ' ', '6.035 Compilers'],
    });
    expect(entry.courses).toEqual(['6.824 Distributed Systems', '6.035 Compilers']);
    const without = await world.ada.api.education.create({ institution: 'Open University' });
    expect(without.courses).toEqual([]);
    const updated = await world.ada.api.education.update({
      id: without.id,
      courses: ['M269 Algorithms'],
    });
    expect(updated).toMatchObject({ institution: 'Open University', courses: ['M269 Algorithms'] });
  });

  it('at most 100 courses of at most 200 characters each', async () => {
    const tooMany = await failureOf(
      world.ada.api.education.create({
        institution: 'MIT',
        courses: Array.from({ length: 101 }, (_, i) => `Course ${i}`),
      }),
    );
    expect(tooMany.fieldErrors).toMatchObject({ courses: ['List at most 100 courses.'] });
    const tooLong = await failureOf(
      world.ada.api.education.create({ institution: 'MIT', courses: ['x'.repeat(201)] }),
    );
    expect(tooLong.fieldErrors).toMatchObject({
      'courses.0': ['Each course can be at most 200 characters.'],
    });
  });
});

// Skills through the real router and database: one per name whatever its
// case, listed primary first, enum values named in the message.
import { describe, expect, it } from 'vitest';
import { failureOf, setUp, signUp } from '../support/accounts';

const world = setUp('ada', 'bob');

describe('skills', () => {
  it('a second skill whose name differs only in case is a conflict with a clear message', async () => {
    await world.ada.api.skill.create({
      name: 'PostgreSQL',
      category: 'technical',
      proficiency: 'expert',
      years: 8,
    });
    const failure = await failureOf(world.ada.api.skill.create({ name: 'postgresql' }));
    expect(failure).toMatchObject({
      code: 'CONFLICT',
      message: 'You already list this skill (names are compared ignoring case).',
    });
  });

  it('skills are listed primary first, then by name', async () => {
    const person = await signUp(world.t, 'skilled');
    await person.api.skill.create({ name: 'zsh', category: 'tool' });
    await person.api.skill.create({ name: 'Go', isPrimary: true });
    await person.api.skill.create({ name: 'awk', category: 'tool' });
    expect((await person.api.skill.list()).map((s) => s.name)).toEqual(['Go', 'awk', 'zsh']);
  });

  it('an unknown category or proficiency is refused with the allowed values', async () => {
    const failure = await failureOf(
      world.ada.api.skill.create({
        name: 'Rust',
        category: 'magic' as 'tool',
        proficiency: 'guru' as 'expert',
      }),
    );
    expect(failure.fieldErrors).toEqual({
      category: ['Category must be one of: technical, tool, language, soft, domain.'],
      proficiency: ['Proficiency must be one of: beginner, intermediate, advanced, expert.'],
    });
  });

  it("a user cannot change another user's skill", async () => {
    const theirs = await world.bob.api.skill.create({ name: 'Bob things' });
    expect(await failureOf(world.ada.api.skill.update({ id: theirs.id, years: 3 }))).toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});

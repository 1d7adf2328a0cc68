// Work experience through the real router and database: the ordered-entry
// rules (order, reorder conflicts) and the date rules of a role.
import { describe, expect, it } from 'vitest';
import { failureOf, setUp, signUp } from '../support/accounts';

const world = setUp('ada', 'bob');

describe('work experience', () => {
  it('roles are listed in the order they were added, then in the order the person sets', async () => {
    const person = await signUp(world.t, 'orderly');
    const a = await person.api.experience.create({
      company: 'Acme',
      title: 'Engineer',
      startDate: '2015',
    });
    const b = await person.api.experience.create({
      company: 'Babbage & Co',
      title: 'Analyst',
      startDate: '2018-03',
    });
    const c = await person.api.experience.create({
      company: 'Cogs',
      title: 'Lead',
      startDate: '2021-06-01',
      isCurrent: true,
    });
    expect((await person.api.experience.list()).map((r) => r.id)).toEqual([a.id, b.id, c.id]);
    const reordered = await person.api.experience.reorder({ ids: [c.id, a.id, b.id] });
    expect(reordered.map((r) => [r.id, r.position])).toEqual([
      [c.id, 0],
      [a.id, 1],
      [b.id, 2],
    ]);
    expect((await person.api.experience.list()).map((r) => r.id)).toEqual([c.id, a.id, b.id]);
  });

  it('a reorder that leaves out an item is a conflict; one naming another user’s item is NOT_FOUND', async () => {
    const mine = await world.ada.api.experience.create({ company: 'Acme', title: 'Engineer' });
    await world.ada.api.experience.create({ company: 'Acme', title: 'Senior engineer' });
    const theirs = await world.bob.api.experience.create({ company: 'Bobcorp', title: 'Engineer' });
    const all = (await world.ada.api.experience.list()).map((r) => r.id);
    expect(await failureOf(world.ada.api.experience.reorder({ ids: [mine.id] }))).toMatchObject({
      code: 'CONFLICT',
      message: 'The list changed since you loaded it. Reload it and try again.',
    });
    expect(
      await failureOf(world.ada.api.experience.reorder({ ids: [...all, theirs.id] })),
    ).toMatchObject({
      code: 'NOT_FOUND',
      message: 'Work experience not found.',
    });
  });

  it('an end date before the start date is refused on the end date field', async () => {
    const failure = await failureOf(
      world.ada.api.experience.create({
        company: 'Acme',
        title: 'E',
        startDate: '2020-05',
        endDate: '2019-12',
      }),
    );
    expect(failure.fieldErrors?.endDate).toEqual(['The end date cannot be before the start date.']);
  });

  it('a date that is not a real partial ISO date is refused with an example', async () => {
    const failure = await failureOf(
      world.ada.api.experience.create({ company: 'Acme', title: 'E', startDate: '2020-02-30' }),
    );
    expect(failure.fieldErrors?.startDate).toEqual([
      'Use a date like 2019, 2019-06 or 2019-06-30.',
    ]);
  });

  it('ticking "current" clears the end date; entering an end date unticks it', async () => {
    const role = await world.ada.api.experience.create({
      company: 'Acme',
      title: 'E',
      startDate: '2020',
      endDate: '2022',
    });
    const current = await world.ada.api.experience.update({ id: role.id, isCurrent: true });
    expect(current).toMatchObject({ isCurrent: true, endDate: null });
    const ended = await world.ada.api.experience.update({ id: role.id, endDate: '2023-01' });
    expect(ended).toMatchObject({ isCurrent: false, endDate: '2023-01' });
    const both = await failureOf(
      world.ada.api.experience.update({ id: role.id, isCurrent: true, endDate: '2024' }),
    );
    expect(both.fieldErrors?.endDate?.[0]).toMatch(/current role has no end date/);
  });

  it('an update that breaks the stored start date is refused by the database with the same message', async () => {
    const role = await world.ada.api.experience.create({
      company: 'Acme',
      title: 'E',
      startDate: '2020-05',
    });
    expect(
      await failureOf(world.ada.api.experience.update({ id: role.id, endDate: '2019' })),
    ).toMatchObject({
      code: 'BAD_REQUEST',
      message: 'The end date cannot be before the start date.',
    });
  });

  it("a user cannot update, delete or read another user's work experience", async () => {
    const theirs = await world.bob.api.experience.create({ company: 'Bobcorp', title: 'Engineer' });
    expect(
      await failureOf(world.ada.api.experience.update({ id: theirs.id, title: 'Hijacked' })),
    ).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await failureOf(world.ada.api.experience.delete({ id: theirs.id }))).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect((await world.ada.api.experience.list()).some((r) => r.id === theirs.id)).toBe(false);
    expect((await world.bob.api.experience.list()).find((r) => r.id === theirs.id)?.title).toBe(
      'Engineer',
    );
  });

  it('achievements and technologies keep their order and drop blank entries', async () => {
    const role = await world.ada.api.experience.create({
      company: 'Acme',
      title: 'E',
      achievements: ['  Cut costs 20%  ', '', 'Shipped v2'],
      technologies: ['TypeScript', 'Postgres'],
    });
    expect(role.achievements).toEqual(['Cut costs 20%', 'Shipped v2']);
    expect(role.technologies).toEqual(['TypeScript', 'Postgres']);
  });
});

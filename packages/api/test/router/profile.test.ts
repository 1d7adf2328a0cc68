// profile.get and profile.update through the real router and database.
import { describe, expect, it } from 'vitest';
import { failureOf, setUp } from '../support/accounts';

const world = setUp('ada', 'bob');

describe('profile', () => {
  it('a new account has an empty profile that its owner can fill in', async () => {
    const empty = await world.ada.api.profile.get();
    expect(empty).toMatchObject({
      userId: world.ada.id,
      summary: null,
      links: [],
      preferredWorkArrangements: [],
    });
    const saved = await world.ada.api.profile.update({
      firstName: 'Ada',
      lastName: 'Lovelace',
      headline: 'Analyst of engines',
      summary: 'Writes programs for machines that do not exist yet.',
      email: 'ada@example.com',
      phone: '+44 20 7946 0000',
      location: 'London, GB',
      links: [
        { label: 'GitHub', url: 'https://github.com/ada', username: 'ada' },
        { label: 'Website', url: 'https://world.ada.example.com' },
      ],
      industry: 'Computing',
      yearsOfExperience: 12,
      targetSalaryMin: 90_000,
      targetSalaryMax: 120_000,
      targetSalaryCurrency: 'gbp',
      preferredWorkArrangements: ['remote', 'hybrid', 'remote'],
      willingToRelocate: true,
      generatorContext: 'Stress mathematics; keep it short.',
    });
    expect(saved).toMatchObject({
      targetSalaryCurrency: 'GBP',
      preferredWorkArrangements: ['remote', 'hybrid'],
      willingToRelocate: true,
    });
    expect(await world.ada.api.profile.get()).toEqual(saved);
  });

  it('a minimum salary above the maximum is refused, also against the stored maximum', async () => {
    const both = await failureOf(
      world.ada.api.profile.update({ targetSalaryMin: 5, targetSalaryMax: 4 }),
    );
    expect(both.code).toBe('BAD_REQUEST');
    expect(both.fieldErrors?.targetSalaryMin).toEqual([
      'The minimum salary cannot be above the maximum.',
    ]);
    await world.ada.api.profile.update({ targetSalaryMin: 10, targetSalaryMax: 20 });
    const one = await failureOf(world.ada.api.profile.update({ targetSalaryMin: 30 }));
    expect(one).toMatchObject({
      code: 'BAD_REQUEST',
      message: 'The minimum salary cannot be above the maximum.',
    });
  });

  it('a link without http(s) and an unknown work arrangement are refused with field messages', async () => {
    const failure = await failureOf(
      world.ada.api.profile.update({
        links: [{ label: 'Blog', url: 'ftp://world.ada.example.com' }],
        preferredWorkArrangements: ['moon' as 'remote'],
      }),
    );
    expect(failure.fieldErrors).toMatchObject({
      'links.0.url': ['Use a full URL starting with http:// or https://.'],
      'preferredWorkArrangements.0': ['Work arrangements are remote, hybrid or onsite.'],
    });
  });

  it('an update that sets nothing is refused', async () => {
    expect(await failureOf(world.ada.api.profile.update({}))).toMatchObject({
      code: 'BAD_REQUEST',
      message: 'Nothing to change.',
    });
  });

  it('a user only ever reads their own profile', async () => {
    expect((await world.bob.api.profile.get()).userId).toBe(world.bob.id);
  });
});

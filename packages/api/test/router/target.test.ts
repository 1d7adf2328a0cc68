// Job targets (issue 14): the owner keeps them (versions guard concurrent
// edits), grantees read them, strangers see nothing; applications and drafts
// show how they fit each active target; the board filters by fit.
import { describe, expect, it } from 'vitest';
import { failureOf, setUp } from '../support/accounts';
import { createApplication } from '../support/applications';
import { shareWith } from '../support/sharing';

const world = setUp('ada', 'vera', 'stan');

const REMOTE_BACKEND = {
  name: 'Remote backend',
  titles: ['Backend engineer'],
  workArrangements: ['remote' as const],
  salaryFloor: 100_000,
  salaryCurrency: 'eur',
  excludedKeywords: ['on-call'],
};

describe('target.*', () => {
  it('creates, lists, updates with its version, and deletes a target', async () => {
    const created = await world.ada.api.target.create({
      ...REMOTE_BACKEND,
      titles: ['Backend engineer', '  ', 'Platform engineer'],
    });
    expect(created).toMatchObject({
      name: 'Remote backend',
      titles: ['Backend engineer', 'Platform engineer'],
      salaryCurrency: 'EUR',
      active: true,
      version: 1,
    });
    expect((await world.ada.api.target.list()).map((t) => t.id)).toContain(created.id);

    const renamed = await world.ada.api.target.update({
      id: created.id,
      version: 1,
      name: 'Remote backend (EU)',
      active: false,
    });
    expect(renamed).toMatchObject({ name: 'Remote backend (EU)', active: false, version: 2 });

    const stale = await failureOf(
      world.ada.api.target.update({ id: created.id, version: 1, name: 'Stale' }),
    );
    expect(stale.code).toBe('CONFLICT');
    expect(stale.current).toMatchObject({ name: 'Remote backend (EU)', version: 2 });

    expect(await world.ada.api.target.delete({ id: created.id })).toEqual({ id: created.id });
    expect((await world.ada.api.target.list()).map((t) => t.id)).not.toContain(created.id);
  });

  it('refuses bad input with a message a person can act on', async () => {
    const noName = await failureOf(world.ada.api.target.create({ name: '  ' }));
    expect(noName.code).toBe('BAD_REQUEST');
    expect(noName.fieldErrors?.name).toEqual(['Name the target.']);

    const noCurrency = await failureOf(
      world.ada.api.target.create({ name: 'Money', salaryFloor: 90_000 }),
    );
    expect(noCurrency.message).toMatch(/currency/);

    const tooMany = await failureOf(
      world.ada.api.target.create({
        name: 'Many',
        mustHaveKeywords: Array.from({ length: 51 }, (_, i) => `k${i}`),
      }),
    );
    expect(tooMany.fieldErrors?.mustHaveKeywords).toEqual(['List at most 50 must-have keywords.']);

    const badArrangement = await failureOf(
      world.ada.api.target.create({ name: 'X', workArrangements: ['moon'] }),
    );
    expect(badArrangement.code).toBe('BAD_REQUEST');
  });

  it('a grantee reads the owner’s targets but cannot change them; a stranger sees none', async () => {
    const target = await world.ada.api.target.create({ name: 'Shared target' });
    await shareWith(world.ada, world.vera, 'editor');

    const seen = await world.vera.api.target.list({ ownerId: world.ada.id });
    expect(seen.map((t) => t.id)).toContain(target.id);
    expect((await world.vera.api.target.list()).map((t) => t.id)).not.toContain(target.id);

    const change = await failureOf(
      world.vera.api.target.update({ id: target.id, version: 1, name: 'Mine now' }),
    );
    expect(change.code).toBe('FORBIDDEN');
    const remove = await failureOf(world.vera.api.target.delete({ id: target.id }));
    expect(remove.code).toBe('FORBIDDEN');

    const stranger = await failureOf(world.stan.api.target.list({ ownerId: world.ada.id }));
    expect(stranger.code).toBe('NOT_FOUND');
    const strangerChange = await failureOf(
      world.stan.api.target.update({ id: target.id, version: 1, name: 'x' }),
    );
    expect(strangerChange.code).toBe('NOT_FOUND');
  });
});

describe('fit', () => {
  it('fitDraft says how a draft fits each active target, item by item', async () => {
    const active = await world.stan.api.target.create(REMOTE_BACKEND);
    await world.stan.api.target.create({ name: 'Paused', titles: ['Chef'], active: false });

    const { fits } = await world.stan.api.target.fitDraft({
      draft: {
        companyName: 'Acme',
        roleTitle: 'Senior Backend Engineer',
        description: 'Postgres, TypeScript and a weekly on-call rotation.',
        workArrangement: 'remote',
        salaryMin: 90_000,
        salaryMax: 120_000,
        salaryCurrency: 'EUR',
      },
    });
    expect(fits).toHaveLength(1);
    expect(fits[0]).toMatchObject({ targetId: active.id, targetName: 'Remote backend' });
    expect(fits[0]!.items.map((i) => i.label)).toEqual([
      "title 'Backend engineer' ✓",
      'remote ✓',
      'salary ✓',
      "excluded keyword 'on-call' ✗",
    ]);
    expect(fits[0]!.items.map((i) => i.ok)).toEqual([true, true, true, false]);
    expect(fits[0]!.score).toBe(75);
  });

  it('fitApplication reads the saved application; missing data is unknown', async () => {
    const app = await createApplication(world.stan, {
      roleTitle: 'Backend Engineer',
      workArrangement: 'remote',
    });
    const { fits } = await world.stan.api.target.fitApplication({ id: app.id });
    const remote = fits.find((f) => f.targetName === 'Remote backend')!;
    expect(remote.items.map((i) => i.label)).toEqual([
      "title 'Backend engineer' ✓",
      'remote ✓',
      'salary unknown',
      "no 'on-call' ✓",
    ]);
    expect(remote.fits).toBe(true);

    const stranger = await failureOf(world.ada.api.target.fitApplication({ id: app.id }));
    expect(stranger.code).toBe('NOT_FOUND');
  });

  it('the board keeps only the cards that fit the chosen target', async () => {
    const target = await world.vera.api.target.create({
      name: 'Remote only',
      workArrangements: ['remote'],
    });
    const remote = await createApplication(world.vera, { workArrangement: 'remote' });
    const onsite = await createApplication(world.vera, { workArrangement: 'onsite' });
    const unknown = await createApplication(world.vera, {});

    const board = await world.vera.api.application.list({ fitsTarget: target.id });
    const ids = board.cards.map((c) => c.id);
    expect(ids).toContain(remote.id);
    expect(ids).toContain(unknown.id);
    expect(ids).not.toContain(onsite.id);

    // Another person's target does not filter my board: it is not found.
    const foreign = await world.stan.api.target.create({ name: 'Stan’s' });
    const refused = await failureOf(world.vera.api.application.list({ fitsTarget: foreign.id }));
    expect(refused.code).toBe('NOT_FOUND');
  });
});

// The applications router against the real database: the board list and
// search, versions, stage history, archive, and that another user's
// application is NOT_FOUND exactly like one that does not exist.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { failureOf, setUp, signUp } from '../support/accounts';
import { createApplication } from '../support/applications';

const world = setUp('ada', 'bob');

describe('applications', () => {
  it('a user can create an application and find it in their list; another user cannot', async () => {
    const created = await createApplication(world.ada, {
      jobUrl: 'https://jobs.example.com/globex/1',
      salaryMin: 100_000,
      salaryMax: 140_000,
      salaryCurrency: 'eur',
    });
    expect(created).toMatchObject({
      companyName: 'Globex',
      roleTitle: 'Platform Engineer',
      stage: 'interested',
      salaryCurrency: 'EUR',
      version: 1,
    });
    expect(created.createdAt).toBeInstanceOf(Date);
    const { cards: list } = await world.ada.api.application.list({});
    expect(list.map((a) => a.id)).toContain(created.id);
    expect(await world.bob.api.application.list({})).toEqual({
      cards: [],
      truncated: false,
      access: { ownerId: world.bob.id, role: 'owner' },
    });
  });

  it('an update with a stale version is a CONFLICT carrying the current row', async () => {
    const created = await createApplication(world.ada);
    const first = await world.ada.api.application.update({
      id: created.id,
      version: created.version,
      notes: 'first edit',
    });
    expect(first.version).toBe(created.version + 1);
    const stale = await failureOf(
      world.ada.api.application.update({
        id: created.id,
        version: created.version,
        notes: 'edit from a stale tab',
      }),
    );
    expect(stale.code).toBe('CONFLICT');
    expect(stale.current).toMatchObject({
      id: created.id,
      version: first.version,
      notes: 'first edit',
    });
  });

  it('moving an application records its stage history, shown by byId', async () => {
    const created = await createApplication(world.ada);
    const moved = await world.ada.api.application.move({ id: created.id, stage: 'applied' });
    expect(moved.stage).toBe('applied');
    const detail = await world.ada.api.application.byId({ id: created.id });
    expect(detail.company.name).toBe('Globex');
    expect(detail.history.map((h) => [h.fromStage, h.toStage, h.changedBy])).toEqual([
      [null, 'interested', 'user'],
      ['interested', 'applied', 'user'],
    ]);
    expect(detail.appliedAt).toBeInstanceOf(Date);
  });

  it("another user's application is NOT_FOUND for byId, update, move, archive and delete", async () => {
    const secret = await createApplication(world.ada, { notes: 'private' });
    const attempts: [string, (id: string) => Promise<unknown>][] = [
      ['byId', (id) => world.bob.api.application.byId({ id })],
      [
        'update',
        (id) =>
          world.bob.api.application.update({ id, version: secret.version, notes: 'mine now' }),
      ],
      ['move', (id) => world.bob.api.application.move({ id, stage: 'offer' })],
      ['archive', (id) => world.bob.api.application.archive({ id })],
      ['delete', (id) => world.bob.api.application.delete({ id })],
    ];
    for (const [name, attempt] of attempts) {
      const foreign = await failureOf(attempt(secret.id));
      expect(foreign.code, name).toBe('NOT_FOUND');
      // Never a hint that the row exists: the same answer as for an id nobody has.
      const missing = await failureOf(attempt(randomUUID()));
      expect({ code: foreign.code, message: foreign.message }, name).toEqual({
        code: missing.code,
        message: missing.message,
      });
    }
    const untouched = await world.ada.api.application.byId({ id: secret.id });
    expect(untouched).toMatchObject({
      version: secret.version,
      notes: 'private',
      stage: 'interested',
      archivedAt: null,
    });
  });

  it('bad input is BAD_REQUEST with a message for each field, and nothing is created', async () => {
    const before = (await world.ada.api.application.list({})).cards.length;
    const error = await failureOf(
      world.ada.api.application.create({
        companyName: '',
        roleTitle: 'Engineer',
        jobDescription: 'Too short.',
        jobUrl: 'ftp://jobs.example.com/1',
        salaryMin: 200,
        salaryMax: 100,
      }),
    );
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.fieldErrors).toMatchObject({
      companyName: ['Enter the company name.'],
      jobDescription: [expect.stringMatching(/at least 50 characters/)],
      jobUrl: [expect.stringMatching(/http:\/\/ or https:\/\//)],
    });
    expect(error.message).not.toBe('');
    expect((await world.ada.api.application.list({})).cards.length).toBe(before);
  });

  it('a duplicate job URL is a CONFLICT with a message a person can act on', async () => {
    const jobUrl = `https://jobs.example.com/${randomUUID()}`;
    await createApplication(world.ada, { jobUrl });
    const error = await failureOf(createApplication(world.ada, { companyName: 'Initech', jobUrl }));
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toBe('You already track an application with this job URL.');
    // The same URL is fine for somebody else.
    await expect(createApplication(world.bob, { jobUrl })).resolves.toMatchObject({ jobUrl });
  });

  it('full-text search finds applications by company and by a word of the description', async () => {
    const searcher = await signUp(world.t, 'searcher');
    const umbrella = await createApplication(searcher, {
      companyName: 'Umbrella Logistics',
      roleTitle: 'Data Engineer',
      jobDescription:
        'Design warehouse models for a shipping network; we value rigorous, well-tested SQL above all.',
    });
    const globex = await createApplication(searcher);
    const search = async (text: string) =>
      (await searcher.api.application.list({ search: text })).cards;
    expect((await search('umbrella')).map((a) => a.id)).toEqual([umbrella.id]);
    expect((await search('zygomorphic')).map((a) => a.id)).toEqual([globex.id]);
    expect(await search('nonexistentword')).toEqual([]);
    // Another user's matching application is not among the results.
    const { cards: adas } = await world.ada.api.application.list({ search: 'umbrella' });
    expect(adas.map((a) => a.id)).not.toContain(umbrella.id);
  });

  it('archiving hides an application from the default list; includeArchived shows it', async () => {
    const archivist = await signUp(world.t, 'archivist');
    const kept = await createApplication(archivist);
    const shelved = await createApplication(archivist, { companyName: 'Soylent' });
    const archived = await archivist.api.application.archive({ id: shelved.id });
    expect(archived.archivedAt).toBeInstanceOf(Date);
    expect((await archivist.api.application.list({})).cards.map((a) => a.id)).toEqual([kept.id]);
    const { cards: all } = await archivist.api.application.list({ includeArchived: true });
    expect(all.map((a) => a.id).sort()).toEqual([kept.id, shelved.id].sort());
    await archivist.api.application.unarchive({ id: shelved.id });
    const { cards: back } = await archivist.api.application.list({});
    expect(back.map((a) => a.id).sort()).toEqual([kept.id, shelved.id].sort());
  });

  it('a user can delete their own application', async () => {
    const doomed = await createApplication(world.ada);
    expect(await world.ada.api.application.delete({ id: doomed.id })).toEqual({ id: doomed.id });
    expect((await failureOf(world.ada.api.application.byId({ id: doomed.id }))).code).toBe(
      'NOT_FOUND',
    );
  });
});

describe('issue 10: companies are shared without leaking who added them', () => {
  it('byId gives the company only its name and website, not when or by whom it was first added', async () => {
    const company = `Initech ${randomUUID()}`;
    await createApplication(world.bob, { companyName: company });
    const mine = await createApplication(world.ada, { companyName: company });
    const detail = await world.ada.api.application.byId({ id: mine.id });
    expect(Object.keys(detail.company).sort()).toEqual(['id', 'name', 'website']);
    expect(detail.company.name).toBe(company);
  });

  it('two people adding the same new company at the same moment both succeed', async () => {
    for (let round = 0; round < 5; round += 1) {
      const company = `Hooli ${randomUUID()}`;
      const results = await Promise.allSettled([
        createApplication(world.ada, { companyName: company }),
        createApplication(world.bob, { companyName: company.toUpperCase() }),
        createApplication(world.ada, { companyName: company.toLowerCase() }),
      ]);
      const failures = results.flatMap((r) => (r.status === 'rejected' ? [String(r.reason)] : []));
      expect(failures).toEqual([]);
      const ids = results.map((r) => (r.status === 'fulfilled' ? r.value.companyId : null));
      expect(new Set(ids).size).toBe(1);
    }
  });
});

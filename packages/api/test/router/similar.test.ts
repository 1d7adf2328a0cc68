// "Did I apply here?" (issue 14): the same posting by normalised job URL, the
// same company however it is written, a similar role by trigram similarity;
// only what RLS shows the caller, in the search they name.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { normaliseJobUrl } from '../../src/services/job-url';
import { failureOf, setUp } from '../support/accounts';
import { createApplication } from '../support/applications';
import { shareWith } from '../support/sharing';

describe('normaliseJobUrl', () => {
  const same: [string, string][] = [
    ['https://www.acme.com/jobs/42', 'http://acme.com/jobs/42/'],
    ['https://acme.com/jobs/42?utm_source=linkedin&utm_medium=social', 'https://acme.com/jobs/42'],
    ['https://ACME.com:443/jobs/42#apply', 'https://acme.com/jobs/42'],
    ['http://acme.com:80/jobs/42', 'https://acme.com/jobs/42'],
    [
      'https://boards.greenhouse.io/acme/jobs/123?gh_src=abc&gh_jid=123',
      'https://boards.greenhouse.io/acme/jobs/123?gh_jid=123',
    ],
    [
      'https://jobs.lever.co/acme/1b2c?lever-source=LinkedIn&lever-origin=applied',
      'https://jobs.lever.co/acme/1b2c/',
    ],
    ['https://acme.com/job?id=7&team=core', 'https://acme.com/job?team=core&id=7&ref=hn'],
    ['https://acme.com/job?id=7&source=x&trk=y&fbclid=z', 'https://acme.com/job?id=7'],
    ['https://acme.com/jobs/42?UTM_Campaign=x', 'https://acme.com/jobs/42'],
    ['  https://acme.com/jobs/42  ', 'https://acme.com/jobs/42'],
  ];
  it.each(same)('%s is the same posting as %s', (a, b) => {
    expect(normaliseJobUrl(a)).not.toBeNull();
    expect(normaliseJobUrl(a)).toBe(normaliseJobUrl(b));
  });

  const different: [string, string][] = [
    [
      'https://boards.greenhouse.io/acme/jobs?gh_jid=1',
      'https://boards.greenhouse.io/acme/jobs?gh_jid=2',
    ],
    ['https://acme.com/jobs/42', 'https://acme.com/jobs/43'],
    ['https://acme.com/jobs/42', 'https://acme.com:8443/jobs/42'],
    ['https://acme.com/job?id=7', 'https://acme.com/job?id=8'],
    ['https://careers.acme.com/jobs/42', 'https://acme.com/jobs/42'],
    // A single-page app's route lives in the fragment.
    ['https://acme.com/#/jobs/1', 'https://acme.com/#/jobs/2'],
  ];
  it.each(different)('%s is not the same posting as %s', (a, b) => {
    expect(normaliseJobUrl(a)).not.toBe(normaliseJobUrl(b));
  });

  it('gives the comparable form, and null for what is not an http(s) URL', () => {
    expect(normaliseJobUrl('https://www.Acme.com/jobs/42/?b=2&a=1&utm_source=x#top')).toBe(
      'acme.com/jobs/42?a=1&b=2',
    );
    expect(normaliseJobUrl('not a url')).toBeNull();
    expect(normaliseJobUrl('ftp://acme.com/jobs')).toBeNull();
    expect(normaliseJobUrl('javascript:alert(1)')).toBeNull();
  });
});

const world = setUp('ada', 'vera', 'stan');

describe('application.similar', () => {
  it('finds the same posting by its URL however it was copied', async () => {
    const posted = await createApplication(world.ada, {
      companyName: 'Umbrella Corp',
      roleTitle: 'Data Engineer',
      jobUrl: 'https://boards.greenhouse.io/umbrella/jobs/555?gh_jid=555&gh_src=li',
    });
    const { matches } = await world.ada.api.application.similar({
      companyName: 'Someone else entirely',
      jobUrl: 'http://www.boards.greenhouse.io/umbrella/jobs/555/?utm_source=x&gh_jid=555',
    });
    expect(matches.map((m) => m.id)).toEqual([posted.id]);
    expect(matches[0]).toMatchObject({
      companyName: 'Umbrella Corp',
      roleTitle: 'Data Engineer',
      stage: 'interested',
      reasons: ['url'],
      roleSimilarity: null,
      appliedAt: null,
    });
    expect(matches[0]!.createdAt).toBeInstanceOf(Date);
    expect(matches[0]!.updatedAt).toBeInstanceOf(Date);

    const otherJob = await world.ada.api.application.similar({
      companyName: 'Someone else entirely',
      jobUrl: 'https://boards.greenhouse.io/umbrella/jobs/555?gh_jid=556',
    });
    expect(otherJob.matches).toEqual([]);
  });

  it('matches the company ignoring case, punctuation and legal suffixes', async () => {
    const a = await createApplication(world.ada, {
      companyName: 'Acme, Inc.',
      roleTitle: 'Backend Engineer',
      stage: 'rejected',
    });
    const b = await createApplication(world.ada, {
      companyName: 'ACME',
      roleTitle: 'Product Designer',
    });
    await createApplication(world.ada, { companyName: 'Acme Robotics', roleTitle: 'Chef' });

    for (const name of ['acme', 'Acme LLC', 'ACME, Inc', 'The Acme Company']) {
      const { matches } = await world.ada.api.application.similar({ companyName: name });
      expect(matches.map((m) => m.id).sort(), name).toEqual([a.id, b.id].sort());
      expect(matches.every((m) => m.reasons.join() === 'company')).toBe(true);
    }
  });

  it('ranks the closest role first, and finds a near-identical role elsewhere', async () => {
    const backend = await createApplication(world.ada, {
      companyName: 'Initrode',
      roleTitle: 'Senior Kernel Hacker',
    });
    const designer = await createApplication(world.ada, {
      companyName: 'Initrode',
      roleTitle: 'Product Designer',
    });
    const elsewhere = await createApplication(world.ada, {
      companyName: 'Hooli',
      roleTitle: 'Kernel Hacker II',
    });
    await createApplication(world.ada, { companyName: 'Pied Piper', roleTitle: 'Office Manager' });

    const { matches } = await world.ada.api.application.similar({
      companyName: 'Initrode Ltd',
      roleTitle: 'kernel hacker',
    });
    expect(matches.map((m) => m.id)).toEqual([backend.id, designer.id, elsewhere.id]);
    expect(matches[0]!.reasons).toEqual(['company', 'role']);
    expect(matches[1]!.reasons).toEqual(['company']);
    expect(matches[2]!.reasons).toEqual(['role']);
    expect(matches[0]!.roleSimilarity).toBeGreaterThan(0.5);
    expect(matches[1]!.roleSimilarity).toBeLessThan(0.2);
  });

  it('lists at most 10, and nothing for a company never seen', async () => {
    for (let i = 0; i < 12; i++) {
      await createApplication(world.stan, { companyName: 'Massive Dynamic', roleTitle: `R${i}` });
    }
    const many = await world.stan.api.application.similar({ companyName: 'massive dynamic' });
    expect(many.matches).toHaveLength(10);
    const none = await world.stan.api.application.similar({ companyName: 'Nowhere Ltd' });
    expect(none.matches).toEqual([]);
    const empty = await world.stan.api.application.similar({ companyName: '' });
    expect(empty.matches).toEqual([]);
  });

  it('another user’s applications never appear', async () => {
    await createApplication(world.stan, {
      companyName: 'Soylent',
      roleTitle: 'Food Scientist',
      jobUrl: 'https://soylent.example/jobs/1',
    });
    const { matches } = await world.vera.api.application.similar({
      companyName: 'Soylent',
      roleTitle: 'Food Scientist',
      jobUrl: 'https://soylent.example/jobs/1',
    });
    expect(matches).toEqual([]);
    const stranger = await failureOf(
      world.vera.api.application.similar({ companyName: 'Soylent', ownerId: world.stan.id }),
    );
    expect(stranger.code).toBe('NOT_FOUND');
  });

  it('a grantee asks in the owner’s search with ownerId and never sees a private application', async () => {
    await shareWith(world.ada, world.vera, 'viewer');
    const shared = await createApplication(world.ada, {
      companyName: 'Wonka Industries',
      roleTitle: 'Chocolatier',
    });
    const secret = await createApplication(world.ada, {
      companyName: 'Wonka Industries Inc',
      roleTitle: 'Chocolatier',
    });
    await world.ada.api.application.update({
      id: secret.id,
      version: secret.version,
      private: true,
    });

    const granteeView = await world.vera.api.application.similar({
      companyName: 'wonka industries',
      roleTitle: 'Chocolatier',
      ownerId: world.ada.id,
    });
    expect(granteeView.matches.map((m) => m.id)).toEqual([shared.id]);
    const own = await world.vera.api.application.similar({ companyName: 'Wonka Industries' });
    expect(own.matches).toEqual([]);
    const owner = await world.ada.api.application.similar({ companyName: 'Wonka Industries' });
    expect(owner.matches).toHaveLength(2);
  });

  it('is fast enough to ask while typing (2,000 applications)', async () => {
    await world.t.owner.db.execute(sql`
      insert into companies (name)
      select 'Speed Co ' || g from generate_series(1, 200) g
      on conflict do nothing`);
    await world.t.owner.db.execute(sql`
      insert into applications (user_id, company_id, company_name, role_title, job_url, job_description, position, stage)
      select ${world.stan.id}::uuid, c.id, c.name, 'Engineer ' || g,
             'https://jobs.example/' || g, repeat('x', 60), 'a' || g, 'applied'
        from generate_series(1, 2000) g
        join companies c on c.name = 'Speed Co ' || (1 + g % 200)`);
    const started = performance.now();
    const { matches } = await world.stan.api.application.similar({
      companyName: 'speed co 7',
      roleTitle: 'Engineer 1206',
      jobUrl: 'https://www.jobs.example/1206?utm_source=x',
    });
    const elapsed = performance.now() - started;
    expect(matches[0]!.reasons).toEqual(['url', 'company', 'role']);
    expect(elapsed).toBeLessThan(500);
  });
});

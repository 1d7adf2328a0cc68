// The profile editor's API (issue 5) through the real router and database:
// profile, work experience, education, certifications, skills, resumes.
// Another user's id is NOT_FOUND; bad input is a 400 naming the field.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@pursuit/db/testing';
import { primaryResumeLockKey } from '../src/services/resume';
import { failureOf, RESUME_TEXT, signUp, type Person } from './support/accounts';

let t: TestDatabase;
let ada: Person;
let bob: Person;

beforeAll(async () => {
  t = await createTestDatabase();
  ada = await signUp(t, 'ada');
  bob = await signUp(t, 'bob');
});

afterAll(async () => {
  await t?.close();
});

describe('profile', () => {
  it('a new account has an empty profile that its owner can fill in', async () => {
    const empty = await ada.api.profile.get();
    expect(empty).toMatchObject({
      userId: ada.id,
      summary: null,
      links: [],
      preferredWorkArrangements: [],
    });
    const saved = await ada.api.profile.update({
      firstName: 'Ada',
      lastName: 'Lovelace',
      headline: 'Analyst of engines',
      summary: 'Writes programs for machines that do not exist yet.',
      email: 'ada@example.com',
      phone: '+44 20 7946 0000',
      location: 'London, GB',
      links: [
        { label: 'GitHub', url: 'https://github.com/ada', username: 'ada' },
        { label: 'Website', url: 'https://ada.example.com' },
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
    expect(await ada.api.profile.get()).toEqual(saved);
  });

  it('a minimum salary above the maximum is refused, also against the stored maximum', async () => {
    const both = await failureOf(
      ada.api.profile.update({ targetSalaryMin: 5, targetSalaryMax: 4 }),
    );
    expect(both.code).toBe('BAD_REQUEST');
    expect(both.fieldErrors?.targetSalaryMin).toEqual([
      'The minimum salary cannot be above the maximum.',
    ]);
    await ada.api.profile.update({ targetSalaryMin: 10, targetSalaryMax: 20 });
    const one = await failureOf(ada.api.profile.update({ targetSalaryMin: 30 }));
    expect(one).toMatchObject({
      code: 'BAD_REQUEST',
      message: 'The minimum salary cannot be above the maximum.',
    });
  });

  it('a link without http(s) and an unknown work arrangement are refused with field messages', async () => {
    const failure = await failureOf(
      ada.api.profile.update({
        links: [{ label: 'Blog', url: 'ftp://ada.example.com' }],
        preferredWorkArrangements: ['moon' as 'remote'],
      }),
    );
    expect(failure.fieldErrors).toMatchObject({
      'links.0.url': ['Use a full URL starting with http:// or https://.'],
      'preferredWorkArrangements.0': ['Work arrangements are remote, hybrid or onsite.'],
    });
  });

  it('an update that sets nothing is refused', async () => {
    expect(await failureOf(ada.api.profile.update({}))).toMatchObject({
      code: 'BAD_REQUEST',
      message: 'Nothing to change.',
    });
  });

  it('a user only ever reads their own profile', async () => {
    expect((await bob.api.profile.get()).userId).toBe(bob.id);
  });
});

describe('work experience', () => {
  it('roles are listed in the order they were added, then in the order the person sets', async () => {
    const person = await signUp(t, 'orderly');
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
    const mine = await ada.api.experience.create({ company: 'Acme', title: 'Engineer' });
    await ada.api.experience.create({ company: 'Acme', title: 'Senior engineer' });
    const theirs = await bob.api.experience.create({ company: 'Bobcorp', title: 'Engineer' });
    const all = (await ada.api.experience.list()).map((r) => r.id);
    expect(await failureOf(ada.api.experience.reorder({ ids: [mine.id] }))).toMatchObject({
      code: 'CONFLICT',
      message: 'The list changed since you loaded it. Reload it and try again.',
    });
    expect(await failureOf(ada.api.experience.reorder({ ids: [...all, theirs.id] }))).toMatchObject(
      {
        code: 'NOT_FOUND',
        message: 'Work experience not found.',
      },
    );
  });

  it('an end date before the start date is refused on the end date field', async () => {
    const failure = await failureOf(
      ada.api.experience.create({
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
      ada.api.experience.create({ company: 'Acme', title: 'E', startDate: '2020-02-30' }),
    );
    expect(failure.fieldErrors?.startDate).toEqual([
      'Use a date like 2019, 2019-06 or 2019-06-30.',
    ]);
  });

  it('ticking "current" clears the end date; entering an end date unticks it', async () => {
    const role = await ada.api.experience.create({
      company: 'Acme',
      title: 'E',
      startDate: '2020',
      endDate: '2022',
    });
    const current = await ada.api.experience.update({ id: role.id, isCurrent: true });
    expect(current).toMatchObject({ isCurrent: true, endDate: null });
    const ended = await ada.api.experience.update({ id: role.id, endDate: '2023-01' });
    expect(ended).toMatchObject({ isCurrent: false, endDate: '2023-01' });
    const both = await failureOf(
      ada.api.experience.update({ id: role.id, isCurrent: true, endDate: '2024' }),
    );
    expect(both.fieldErrors?.endDate?.[0]).toMatch(/current role has no end date/);
  });

  it('an update that breaks the stored start date is refused by the database with the same message', async () => {
    const role = await ada.api.experience.create({
      company: 'Acme',
      title: 'E',
      startDate: '2020-05',
    });
    expect(
      await failureOf(ada.api.experience.update({ id: role.id, endDate: '2019' })),
    ).toMatchObject({
      code: 'BAD_REQUEST',
      message: 'The end date cannot be before the start date.',
    });
  });

  it("a user cannot update, delete or read another user's work experience", async () => {
    const theirs = await bob.api.experience.create({ company: 'Bobcorp', title: 'Engineer' });
    expect(
      await failureOf(ada.api.experience.update({ id: theirs.id, title: 'Hijacked' })),
    ).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await failureOf(ada.api.experience.delete({ id: theirs.id }))).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect((await ada.api.experience.list()).some((r) => r.id === theirs.id)).toBe(false);
    expect((await bob.api.experience.list()).find((r) => r.id === theirs.id)?.title).toBe(
      'Engineer',
    );
  });

  it('achievements and technologies keep their order and drop blank entries', async () => {
    const role = await ada.api.experience.create({
      company: 'Acme',
      title: 'E',
      achievements: ['  Cut costs 20%  ', '', 'Shipped v2'],
      technologies: ['TypeScript', 'Postgres'],
    });
    expect(role.achievements).toEqual(['Cut costs 20%', 'Shipped v2']);
    expect(role.technologies).toEqual(['TypeScript', 'Postgres']);
  });
});

describe('education and certifications', () => {
  it('education is added, edited, reordered and removed by its owner', async () => {
    const person = await signUp(t, 'student');
    const a = await person.api.education.create({
      institution: 'Cambridge',
      degree: 'BA',
      fieldOfStudy: 'Mathematics',
      startDate: '2010',
      endDate: '2013',
    });
    const b = await person.api.education.create({ institution: 'Open University', degree: 'MSc' });
    await person.api.education.update({ id: b.id, fieldOfStudy: 'Computing' });
    await person.api.education.reorder({ ids: [b.id, a.id] });
    expect((await person.api.education.list()).map((r) => [r.institution, r.fieldOfStudy])).toEqual(
      [
        ['Open University', 'Computing'],
        ['Cambridge', 'Mathematics'],
      ],
    );
    await person.api.education.delete({ id: a.id });
    expect(await person.api.education.list()).toHaveLength(1);
    expect(await failureOf(bob.api.education.delete({ id: b.id }))).toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('a certificate cannot expire before it was issued, and its URL must be http(s)', async () => {
    const failure = await failureOf(
      ada.api.certification.create({
        name: 'CKA',
        issueDate: '2023-05',
        expiryDate: '2023-04',
        url: 'cncf.io',
      }),
    );
    expect(failure.fieldErrors).toMatchObject({
      expiryDate: ['The expiry date cannot be before the issue date.'],
      url: ['Use a full URL starting with http:// or https://.'],
    });
    const cert = await ada.api.certification.create({
      name: 'CKA',
      issuingOrganization: 'CNCF',
      issueDate: '2023-05',
      expiryDate: '2026-05',
      credentialId: 'LF-123',
      url: 'https://www.cncf.io/certification/cka/',
    });
    expect(cert).toMatchObject({ issuingOrganization: 'CNCF', expiryDate: '2026-05' });
    expect(
      await failureOf(bob.api.certification.update({ id: cert.id, name: 'Mine now' })),
    ).toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});

describe('skills', () => {
  it('a second skill whose name differs only in case is a conflict with a clear message', async () => {
    await ada.api.skill.create({
      name: 'PostgreSQL',
      category: 'technical',
      proficiency: 'expert',
      years: 8,
    });
    const failure = await failureOf(ada.api.skill.create({ name: 'postgresql' }));
    expect(failure).toMatchObject({
      code: 'CONFLICT',
      message: 'You already list this skill (names are compared ignoring case).',
    });
  });

  it('skills are listed primary first, then by name', async () => {
    const person = await signUp(t, 'skilled');
    await person.api.skill.create({ name: 'zsh', category: 'tool' });
    await person.api.skill.create({ name: 'Go', isPrimary: true });
    await person.api.skill.create({ name: 'awk', category: 'tool' });
    expect((await person.api.skill.list()).map((s) => s.name)).toEqual(['Go', 'awk', 'zsh']);
  });

  it('an unknown category or proficiency is refused with the allowed values', async () => {
    const failure = await failureOf(
      ada.api.skill.create({
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
    const theirs = await bob.api.skill.create({ name: 'Bob things' });
    expect(await failureOf(ada.api.skill.update({ id: theirs.id, years: 3 }))).toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});

describe('resumes', () => {
  async function primaries(userId: string) {
    const rows = await t.owner.db.execute<{ id: string }>(
      sql`select id from resumes where user_id = ${userId} and is_primary`,
    );
    return rows.map((r) => r.id);
  }

  it('a resume under 100 characters is refused with the minimum in the message', async () => {
    const failure = await failureOf(
      ada.api.resume.create({ name: 'Short', content: '# Too short' }),
    );
    expect(failure.fieldErrors?.content?.[0]).toMatch(/at least 100 characters/);
  });

  it('the first resume becomes primary; setting another primary demotes it', async () => {
    const person = await signUp(t, 'writer');
    const first = await person.api.resume.create({ name: 'General', content: RESUME_TEXT });
    const second = await person.api.resume.create({
      name: 'Backend',
      content: RESUME_TEXT,
      focusArea: 'Backend',
    });
    expect(first.isPrimary).toBe(true);
    expect(second.isPrimary).toBe(false);
    await person.api.resume.setPrimary({ id: second.id });
    expect(await primaries(person.id)).toEqual([second.id]);
    const list = await person.api.resume.list();
    expect(list.map((r) => [r.name, r.isPrimary])).toEqual([
      ['Backend', true],
      ['General', false],
    ]);
    expect(list[0]).not.toHaveProperty('content');
    expect(list[0]!.length).toBe(RESUME_TEXT.length);
  });

  it('duplicating a resume copies its text under a new name, not as primary', async () => {
    const person = await signUp(t, 'copier');
    const original = await person.api.resume.create({
      name: 'General',
      content: RESUME_TEXT,
      focusArea: 'Data',
    });
    const copy = await person.api.resume.duplicate({ id: original.id });
    expect(copy).toMatchObject({
      name: 'General (copy)',
      content: RESUME_TEXT,
      focusArea: 'Data',
      isPrimary: false,
    });
    expect((await person.api.resume.byId({ id: copy.id })).content).toBe(RESUME_TEXT);
  });

  it('deleting the primary resume promotes the most recently edited one left', async () => {
    const person = await signUp(t, 'pruner');
    const a = await person.api.resume.create({ name: 'A', content: RESUME_TEXT });
    const b = await person.api.resume.create({ name: 'B', content: RESUME_TEXT });
    const c = await person.api.resume.create({ name: 'C', content: RESUME_TEXT });
    await person.api.resume.update({ id: b.id, focusArea: 'Edited last' });
    const deleted = await person.api.resume.delete({ id: a.id });
    expect(deleted).toEqual({ id: a.id, promotedId: b.id });
    expect(await primaries(person.id)).toEqual([b.id]);
    await person.api.resume.delete({ id: c.id });
    expect(await primaries(person.id)).toEqual([b.id]);
  });

  it("a user cannot read, copy, make primary or delete another user's resume", async () => {
    const theirs = await bob.api.resume.create({ name: 'Bob', content: RESUME_TEXT });
    for (const call of [
      () => ada.api.resume.byId({ id: theirs.id }),
      () => ada.api.resume.duplicate({ id: theirs.id }),
      () => ada.api.resume.setPrimary({ id: theirs.id }),
      () => ada.api.resume.delete({ id: theirs.id }),
    ]) {
      expect(await failureOf(call())).toMatchObject({
        code: 'NOT_FOUND',
        message: 'Resume not found.',
      });
    }
    expect(await primaries(bob.id)).toContain(theirs.id);
  });

  it('two concurrent "make primary" requests both succeed and leave exactly one primary', async () => {
    const person = await signUp(t, 'racer');
    const ids: string[] = [];
    for (const name of ['A', 'B', 'C', 'D']) {
      ids.push((await person.api.resume.create({ name, content: RESUME_TEXT })).id);
    }
    // Hold the user's primary lock from outside so both requests are in their
    // transactions, waiting, at the same time; then let them go together.
    const holder = await t.owner.sql.reserve();
    try {
      for (let round = 0; round < 5; round += 1) {
        await holder`begin`;
        const [x, y] = [ids[round % 4]!, ids[(round + 1) % 4]!];
        await holder`select pg_advisory_xact_lock(hashtextextended(${primaryResumeLockKey(person.id)}, 0))`;
        const both = Promise.allSettled([
          person.api.resume.setPrimary({ id: x }),
          person.api.resume.setPrimary({ id: y }),
        ]);
        await waitFor(async () => (await advisoryWaiters()) >= 2);
        await holder`commit`;
        const outcomes = await both;
        expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled']);
        const now = await primaries(person.id);
        expect(now).toHaveLength(1);
        expect([x, y]).toContain(now[0]);
      }
    } finally {
      holder.release();
    }
    // And without the gate, many at once, mixed with creates that ask to be primary.
    for (let round = 0; round < 10; round += 1) {
      const outcomes = await Promise.allSettled([
        person.api.resume.setPrimary({ id: ids[round % 4]! }),
        person.api.resume.setPrimary({ id: ids[(round + 2) % 4]! }),
        person.api.resume.create({ name: `New ${round}`, content: RESUME_TEXT, isPrimary: true }),
      ]);
      expect(outcomes.filter((o) => o.status === 'rejected')).toEqual([]);
      expect(await primaries(person.id)).toHaveLength(1);
    }
  });
});

async function advisoryWaiters(): Promise<number> {
  const [row] = await t.owner.sql<{ n: number }[]>`
    select count(*)::int as n from pg_locks
     where locktype = 'advisory' and not granted and database = (select oid from pg_database where datname = current_database())`;
  return row!.n;
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the condition');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

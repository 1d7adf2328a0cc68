// Bad text never reaches Postgres as a 500: every kind of text field (single
// line, optional, URL, Markdown body, notes, lists of strings, JSON links, the
// JSON Resume and CSV importers, search) refuses NUL and broken characters
// and anything over its length with a message a person can act on, and an
// update that changes nothing is a 400 in every router.
import { describe, expect, it } from 'vitest';
import { BROKEN_CHARACTER_MESSAGE, NUL_MESSAGE } from '../../src/fields';
import { failureOf, RESUME_TEXT, setUp } from '../support/accounts';
import { createApplication, JOB_DESCRIPTION } from '../support/applications';

const world = setUp('ada');

const NUL = 'Ada\u0000Lovelace';
const LONE = 'Ada \uD800 Lovelace';

/** The call failed as a client sees a bad input: 400 with `message` on `field`. */
async function refused(call: Promise<unknown>, field: string, message: string | RegExp) {
  const failure = await failureOf(call);
  expect(failure.code).toBe('BAD_REQUEST');
  const messages = failure.fieldErrors?.[field] ?? [failure.message];
  const matches = messages.some((m) =>
    typeof message === 'string' ? m === message : message.test(m),
  );
  expect(matches, `${field}: ${JSON.stringify(failure)}`).toBe(true);
}

describe('issue 10: text Postgres cannot store is a 400, not a 500', () => {
  it('NUL in a single-line field, an optional field and a URL is refused', async () => {
    const { api } = world.ada;
    await refused(
      api.application.create({
        companyName: NUL,
        roleTitle: 'Engineer',
        jobDescription: JOB_DESCRIPTION,
      }),
      'companyName',
      NUL_MESSAGE,
    );
    await refused(api.profile.update({ headline: NUL }), 'headline', NUL_MESSAGE);
    await refused(
      api.application.create({
        companyName: 'Globex',
        roleTitle: 'Engineer',
        jobDescription: JOB_DESCRIPTION,
        jobUrl: 'https://jobs.example/\u0000',
      }),
      'jobUrl',
      NUL_MESSAGE,
    );
    await refused(api.auth.updateName({ name: NUL }), 'name', NUL_MESSAGE);
  });

  it('NUL in a Markdown body and in notes is refused', async () => {
    const { api } = world.ada;
    await refused(
      api.resume.create({ name: 'Base', content: `${RESUME_TEXT}\u0000` }),
      'content',
      NUL_MESSAGE,
    );
    const application = await createApplication(world.ada);
    await refused(
      api.interview.create({
        applicationId: application.id,
        scheduledAt: new Date(),
        notes: `Ask about on-call.\u0000`,
      }),
      'notes',
      NUL_MESSAGE,
    );
    await refused(
      api.contact.create({ applicationId: application.id, name: 'Grace', notes: NUL }),
      'notes',
      NUL_MESSAGE,
    );
    await refused(
      api.application.update({ id: application.id, version: 1, notes: NUL }),
      'notes',
      NUL_MESSAGE,
    );
  });

  it('NUL in a list of strings and inside the JSON links is refused', async () => {
    const { api } = world.ada;
    await refused(
      api.skill.create({ name: 'TypeScript', keywords: ['generics', NUL] }),
      'keywords.1',
      NUL_MESSAGE,
    );
    await refused(
      api.experience.create({ company: 'Globex', title: 'Engineer', achievements: [NUL] }),
      'achievements.0',
      NUL_MESSAGE,
    );
    await refused(
      api.profile.update({
        links: [{ label: 'GitHub', url: 'https://github.com/ada', username: NUL }],
      }),
      'links.0.username',
      NUL_MESSAGE,
    );
  });

  it('NUL in a search is refused', async () => {
    await refused(world.ada.api.application.list({ search: NUL }), 'search', NUL_MESSAGE);
  });

  it('NUL in an imported JSON Resume or CSV file is refused', async () => {
    const { api } = world.ada;
    const imported = await failureOf(
      api.portable.importJsonResume({
        mode: 'merge',
        document: { basics: { name: NUL, label: 'Engineer' }, skills: [{ name: 'Go\u0000' }] },
      }),
    );
    expect(imported.code).toBe('BAD_REQUEST');
    expect(imported.fieldErrors).toMatchObject({
      'basics.name': [NUL_MESSAGE],
      'skills[0].name': [NUL_MESSAGE],
    });
    await refused(
      api.portable.importCsv({
        csv: `company,role,description\nGlobex\u0000,Engineer,"${JOB_DESCRIPTION}"\n`,
        mapping: { companyName: 0, roleTitle: 1, jobDescription: 2 },
      }),
      'csv',
      NUL_MESSAGE,
    );
  });

  it('NUL that reaches Postgres past the schemas (a JSON Resume profile username) is still a 400', async () => {
    // The importer copies usernames without a schema; the jsonb column
    // refuses \u0000 (22P05) and errors.ts maps that to BAD_REQUEST.
    const failure = await failureOf(
      world.ada.api.portable.importJsonResume({
        mode: 'merge',
        document: {
          basics: {
            profiles: [{ network: 'GitHub', username: NUL, url: 'https://github.com/ada' }],
          },
        },
      }),
    );
    expect(failure).toMatchObject({ code: 'BAD_REQUEST', message: NUL_MESSAGE });
  });

  it('a lone UTF-16 surrogate (half an emoji) is refused rather than stored as U+FFFD', async () => {
    const { api } = world.ada;
    await refused(
      api.application.create({
        companyName: LONE,
        roleTitle: 'Engineer',
        jobDescription: JOB_DESCRIPTION,
      }),
      'companyName',
      BROKEN_CHARACTER_MESSAGE,
    );
    await refused(
      api.profile.update({ summary: '\uDC00 trailing half' }),
      'summary',
      BROKEN_CHARACTER_MESSAGE,
    );
    // A whole emoji (a surrogate pair) is ordinary text.
    const profile = await api.profile.update({ headline: 'Engineer 🚀' });
    expect(profile.headline).toBe('Engineer 🚀');
  });
});

describe('issue 10: every text field has a maximum length', () => {
  it('one character over the limit is a 400 saying the limit', async () => {
    const { api } = world.ada;
    const application = await createApplication(world.ada);
    // Thunks, called one at a time: a rejected promise left waiting is unhandled.
    const cases: [() => Promise<unknown>, string, RegExp][] = [
      [
        () => api.profile.update({ headline: 'x'.repeat(201) }),
        'headline',
        /at most 200 characters/,
      ],
      [
        () =>
          api.application.create({
            companyName: 'x'.repeat(201),
            roleTitle: 'Engineer',
            jobDescription: JOB_DESCRIPTION,
          }),
        'companyName',
        /at most 200 characters/,
      ],
      [
        () =>
          api.interview.create({
            applicationId: application.id,
            scheduledAt: new Date(),
            notes: 'x'.repeat(100_001),
          }),
        'notes',
        /at most 100,000 characters/,
      ],
      [
        () => api.skill.create({ name: 'Go', keywords: ['x'.repeat(101)] }),
        'keywords.0',
        /at most 100 characters/,
      ],
      [
        () => api.auth.login({ email: 'ada@example.com', password: 'x'.repeat(257) }),
        'password',
        /at most 256 characters/,
      ],
      [
        () => api.auth.deleteAccount({ password: 'x'.repeat(257) }),
        'password',
        /at most 256 characters/,
      ],
    ];
    for (const [call, field, message] of cases) await refused(call(), field, message);
  });
});

describe('issue 10: dates Postgres cannot store are a 400, not a 500', () => {
  it('an interview in year -16 or +275760 (valid JavaScript dates) says which years work', async () => {
    const { api } = world.ada;
    const application = await createApplication(world.ada);
    await refused(
      api.interview.create({
        applicationId: application.id,
        scheduledAt: new Date('-000016-12-31T23:59:59.999Z'),
      }),
      'scheduledAt',
      'Use a date in 1900 or later.',
    );
    const interview = await api.interview.create({
      applicationId: application.id,
      scheduledAt: new Date('2026-12-01T10:00:00Z'),
    });
    await refused(
      api.interview.update({ id: interview.id, scheduledAt: new Date('+275760-09-13T00:00:00Z') }),
      'scheduledAt',
      'Use a date before the year 10000.',
    );
  });
});

describe('issue 10: an update that changes nothing is a 400, not a 500', () => {
  it('interview, contact and every other update with only an id says there is nothing to change', async () => {
    const { api } = world.ada;
    const application = await createApplication(world.ada);
    const interview = await api.interview.create({
      applicationId: application.id,
      scheduledAt: new Date(),
    });
    const contact = await api.contact.create({ applicationId: application.id, name: 'Grace' });
    const skill = await api.skill.create({ name: 'Rust' });
    const education = await api.education.create({ institution: 'Cambridge' });
    for (const call of [
      () => api.interview.update({ id: interview.id }),
      () => api.contact.update({ id: contact.id }),
      () => api.skill.update({ id: skill.id }),
      () => api.education.update({ id: education.id }),
      () => api.profile.update({}),
      () => api.application.update({ id: application.id, version: application.version }),
    ]) {
      expect(await failureOf(call())).toMatchObject({
        code: 'BAD_REQUEST',
        message: 'Nothing to change.',
      });
    }
  });
});

// JSON Resume v1 in and out of the profile: validation against the official
// schema with a path for every error, the preview of what an import would
// change, merge and replace, and the round trip: export → import into a fresh
// account → export gives the same document.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@pursuit/db/testing';
import { validateJsonResume } from '../../src/portable/json-resume/validate';
import { failureOf, signUp } from '../support/accounts';

const require = createRequire(import.meta.url);

async function fixture(name: string): Promise<Record<string, unknown>> {
  return JSON.parse(
    await readFile(new URL(`../fixtures/json-resume/${name}`, import.meta.url), 'utf8'),
  ) as Record<string, unknown>;
}

let t: TestDatabase;
let rich: Record<string, unknown>;

beforeAll(async () => {
  t = await createTestDatabase();
  rich = await fixture('rich.json');
});

afterAll(async () => {
  await t?.close();
});

describe('round trip', () => {
  it('the rich sample is valid against the official JSON Resume schema', () => {
    expect(validateJsonResume(rich)).toEqual([]);
  });

  it('export → import into a fresh account → export gives the same document', async () => {
    const first = await signUp(t, 'first');
    await first.api.portable.importJsonResume({ document: rich, mode: 'replace' });
    const exported = await first.api.portable.exportJsonResume();
    // Nothing of the sample is lost or reshaped on the way in.
    expect(exported).toEqual(rich);
    expect(validateJsonResume(exported)).toEqual([]);

    const second = await signUp(t, 'second');
    await second.api.portable.importJsonResume({ document: exported, mode: 'replace' });
    expect(await second.api.portable.exportJsonResume()).toEqual(exported);
  });

  it('the import lands in the profile editor’s own tables, in file order', async () => {
    const person = await signUp(t, 'editor');
    await person.api.portable.importJsonResume({ document: rich, mode: 'replace' });
    const profile = await person.api.profile.get();
    expect(profile).toMatchObject({
      firstName: 'Grace',
      lastName: 'Brewster Hopper',
      headline: 'Staff Software Engineer — compilers and developer tooling',
      location: 'Arlington, Virginia, US',
      links: [
        { label: 'Website', url: 'https://grace.example.dev' },
        { label: 'GitHub', url: 'https://github.com/ghopper', username: 'ghopper' },
        {
          label: 'LinkedIn',
          url: 'https://www.linkedin.com/in/grace-hopper',
          username: 'grace-hopper',
        },
        { label: 'Mastodon', url: 'https://hachyderm.io/@grace' },
      ],
    });
    const work = await person.api.experience.list();
    expect(work.map((w) => [w.company, w.isCurrent, w.endDate])).toEqual([
      ['Remington Rand', true, null],
      ['Eckert–Mauchly Computer Corp.', false, '2019-02-28'],
      ['Harvard Computation Lab', false, '2014'],
    ]);
    expect(work[0]!.achievements).toHaveLength(3);
    expect(work[0]!.technologies).toEqual(['Rust', 'LLVM', 'TypeScript', 'PostgreSQL']);
    const skills = await person.api.skill.list();
    expect(skills.find((s) => s.name === 'French')).toMatchObject({
      category: 'language',
      proficiency: 'intermediate',
    });
    expect((await person.api.certification.list())[0]).toMatchObject({
      issuingOrganization: 'CNCF',
      credentialId: 'LF-abc123',
    });
    expect((await person.api.education.list()).map((e) => e.courses)).toEqual([
      ['MATH 600 - Abstract Algebra', 'MATH 620 - Number Theory'],
      [],
    ]);
    const projects = await person.api.project.list();
    expect(projects.map((p) => [p.name, p.position])).toEqual([
      ['A-0 System', 0],
      ['nanosecond-wire', 1],
    ]);
    expect(projects[0]).toMatchObject({
      keywords: ['Compilers', 'UNIVAC', 'Linkers'],
      roles: ['Author', 'Team lead'],
      url: 'https://grace.example.dev/a-0',
      startDate: '2019-03',
      endDate: '2020',
    });
    expect(projects[1]).toMatchObject({ description: null, highlights: [], roles: [], url: null });
  });

  it('the official sample resume imports, listing what Pursuit does not keep', async () => {
    const sample = require('@jsonresume/schema/sample.resume.json') as Record<string, unknown>;
    const person = await signUp(t, 'sample');
    const preview = await person.api.portable.previewJsonResume({
      document: sample,
      mode: 'merge',
    });
    expect(preview.valid).toBe(true);
    expect(preview.warnings.join('\n')).toMatch(/volunteer|awards|publications/);
    const result = await person.api.portable.importJsonResume({ document: sample, mode: 'merge' });
    expect(result.sections.find((s) => s.section === 'work')?.add).toBeGreaterThan(0);
    const again = await person.api.portable.exportJsonResume();
    expect(validateJsonResume(again)).toEqual([]);
  });
});

// The real resumes shipped with the schema package: each has projects or
// courses (issue 11), and none of it may be lost on the way in or out.
const EXAMPLES = [
  'sample.resume.json',
  'examples/new-grad.resume.json',
  'examples/career-changer.resume.json',
  'examples/senior-engineer.resume.json',
];

interface ExampleResume {
  education?: { institution: string; courses?: string[] }[];
  projects?: {
    name: string;
    description?: string;
    highlights?: string[];
    keywords?: string[];
    roles?: string[];
    url?: string;
    startDate?: string;
    endDate?: string;
    entity?: string;
    type?: string;
  }[];
}

describe('projects and courses from the official examples (issue 11)', () => {
  it.each(EXAMPLES)('%s: projects and courses arrive as the file states them', async (name) => {
    const example = require(`@jsonresume/schema/${name}`) as ExampleResume;
    const person = await signUp(t, 'example');
    const preview = await person.api.portable.previewJsonResume({
      document: example,
      mode: 'replace',
    });
    expect(preview.issues).toEqual([]);
    // Projects are imported now; only entity and type are left out, and said so.
    expect(preview.warnings.join('\n')).not.toMatch(/^projects is not imported/m);
    expect(preview.warnings.join('\n')).not.toMatch(/courses/);
    if (example.projects?.some((p) => p.type)) {
      expect(preview.warnings).toContainEqual(expect.stringMatching(/^projects\[\]\.type /));
    }
    if (example.projects?.some((p) => p.entity)) {
      expect(preview.warnings).toContainEqual(expect.stringMatching(/^projects\[\]\.entity /));
    }
    await person.api.portable.importJsonResume({ document: example, mode: 'replace' });

    const projects = await person.api.project.list();
    expect(projects.map((p) => p.name)).toEqual((example.projects ?? []).map((p) => p.name));
    projects.forEach((project, index) => {
      const source = example.projects![index]!;
      expect(project).toMatchObject({
        description: source.description ?? null,
        highlights: source.highlights ?? [],
        keywords: source.keywords ?? [],
        roles: source.roles ?? [],
        url: source.url ?? null,
        startDate: source.startDate ?? null,
        endDate: source.endDate ?? null,
      });
    });
    const education = await person.api.education.list();
    expect(education.map((e) => [e.institution, e.courses])).toEqual(
      (example.education ?? []).map((e) => [e.institution, e.courses ?? []]),
    );
  });

  it.each(EXAMPLES)('%s: export → import → export is stable', async (name) => {
    const example = require(`@jsonresume/schema/${name}`) as ExampleResume;
    const first = await signUp(t, 'exporter');
    await first.api.portable.importJsonResume({ document: example, mode: 'replace' });
    const exported = await first.api.portable.exportJsonResume();
    expect(validateJsonResume(exported)).toEqual([]);
    expect(exported.projects).toHaveLength(example.projects?.length ?? 0);
    expect(exported.projects.map((p) => p.keywords)).toEqual(
      (example.projects ?? []).map((p) => p.keywords),
    );
    expect((exported.education as { courses?: string[] }[]).map((e) => e.courses)).toEqual(
      (example.education ?? []).map((e) => e.courses),
    );

    const second = await signUp(t, 'reimporter');
    await second.api.portable.importJsonResume({ document: exported, mode: 'replace' });
    expect(await second.api.portable.exportJsonResume()).toEqual(exported);
    // Importing the same file again in merge mode finds every project already there.
    const again = await second.api.portable.previewJsonResume({
      document: exported,
      mode: 'merge',
    });
    expect(again.sections.find((s) => s.section === 'projects')).toMatchObject({
      add: 0,
      update: 0,
      unchanged: example.projects?.length ?? 0,
    });
  });

  it('a project Pursuit cannot store is refused at its place in the file', async () => {
    const person = await signUp(t, 'badproject');
    const preview = await person.api.portable.previewJsonResume({
      document: {
        projects: [
          { description: 'No name' },
          { name: 'Backwards', startDate: '2022', endDate: '2021-06' },
          { name: 'FTP', url: 'ftp://files.example.com/p' },
        ],
        education: [{ institution: 'MIT', courses: ['x'.repeat(201)] }],
      },
      mode: 'merge',
    });
    expect(preview.issues).toEqual([
      { path: 'education[0].courses[0]', message: 'Each course can be at most 200 characters.' },
      { path: 'projects[0].name', message: 'Enter the project’s name.' },
      { path: 'projects[1].endDate', message: 'The end date cannot be before the start date.' },
      { path: 'projects[2].url', message: 'Use a full URL starting with http:// or https://.' },
    ]);
  });
});

describe('invalid files', () => {
  const broken = {
    basics: {
      name: 42,
      email: 'not-an-email',
      profiles: [{ network: 'GitHub', url: 'not a url' }],
    },
    work: [
      { name: 'Acme', position: 'Engineer', startDate: '2020-1' },
      { name: 'Beta', position: 'Lead', startDate: '2021', highlights: 'shipped things' },
    ],
    skills: {},
  };

  it('every schema error is reported with its path', () => {
    expect(validateJsonResume(broken)).toEqual([
      { path: 'basics.name', message: 'must be a string.' },
      { path: 'basics.email', message: 'is not a valid email address.' },
      {
        path: 'basics.profiles[0].url',
        message: 'is not a valid URL (include the scheme, like https://).',
      },
      {
        path: 'work[0].startDate',
        message: 'does not match pattern: use a date like 2019, 2019-06 or 2019-06-30.',
      },
      { path: 'work[1].highlights', message: 'must be an array.' },
      { path: 'skills', message: 'must be an array.' },
    ]);
    expect(validateJsonResume([])).toEqual([{ path: '(document)', message: 'must be an object.' }]);
  });

  it('an invalid file is refused as a whole, with each error in fieldErrors by path', async () => {
    const person = await signUp(t, 'refused');
    const failure = await failureOf(
      person.api.portable.importJsonResume({ document: broken, mode: 'merge' }),
    );
    expect(failure.code).toBe('BAD_REQUEST');
    expect(failure.message).toBe('basics.name: must be a string.');
    expect(Object.keys(failure.fieldErrors ?? {})).toEqual([
      'basics.name',
      'basics.email',
      'basics.profiles[0].url',
      'work[0].startDate',
      'work[1].highlights',
      'skills',
    ]);
    expect(await person.api.experience.list()).toEqual([]);
  });

  it('a file the schema accepts but Pursuit cannot store is refused at each place', async () => {
    const person = await signUp(t, 'strict');
    const document = {
      basics: { url: 'ftp://files.example.com' },
      work: [
        { position: 'Engineer', startDate: '2020-13' },
        { name: 'Acme', position: 'Engineer', startDate: '2021-05', endDate: '2021-01' },
      ],
      certificates: [{ name: 'CKA', date: '2023', expiryDate: '2022' }],
      skills: [{ name: 'Go', category: 'wizardry' }, { name: 'go' }],
    };
    const preview = await person.api.portable.previewJsonResume({ document, mode: 'merge' });
    expect(preview.valid).toBe(false);
    expect(preview.issues).toEqual([
      { path: 'basics.url', message: 'Use a full URL starting with http:// or https://.' },
      { path: 'work[0].name', message: 'Enter the company name.' },
      { path: 'work[0].startDate', message: 'Use a date like 2019, 2019-06 or 2019-06-30.' },
      { path: 'work[1].endDate', message: 'The end date cannot be before the start date.' },
      {
        path: 'certificates[0].expiryDate',
        message: 'The expiry date cannot be before the issue date.',
      },
      {
        path: 'skills[0].category',
        message: 'Category must be one of: technical, tool, language, soft, domain.',
      },
    ]);
    const failure = await failureOf(
      person.api.portable.importJsonResume({ document, mode: 'replace' }),
    );
    expect(Object.keys(failure.fieldErrors ?? {})).toContain('work[1].endDate');
  });

  it('a skill listed twice (ignoring case) is reported at the second one', async () => {
    const person = await signUp(t, 'twice');
    const preview = await person.api.portable.previewJsonResume({
      document: { skills: [{ name: 'Go' }, { name: 'go' }] },
      mode: 'merge',
    });
    expect(preview.issues).toEqual([
      {
        path: 'skills[1].name',
        message: '"go" is listed twice (first at skills[0]); keep one of them.',
      },
    ]);
  });
});

describe('preview, merge and replace', () => {
  it('the preview counts what each section would add, update, remove or leave, and changes nothing', async () => {
    const person = await signUp(t, 'previewer');
    await person.api.portable.importJsonResume({ document: rich, mode: 'replace' });
    const edited = structuredClone(rich) as {
      basics: Record<string, unknown>;
      work: Record<string, unknown>[];
      skills: Record<string, unknown>[];
    };
    edited.basics.label = 'Rear Admiral';
    edited.work[1]!.summary = 'Rewritten summary.';
    edited.work.push({ name: 'US Navy', position: 'Rear Admiral', startDate: '1983' });
    edited.skills = [{ name: 'COBOL', level: 'Master' }];
    delete (edited as Record<string, unknown>).education;

    const merge = await person.api.portable.previewJsonResume({ document: edited, mode: 'merge' });
    expect(merge.sections).toEqual([
      { section: 'basics', inFile: true, add: 0, update: 1, remove: 0, unchanged: 7 },
      { section: 'work', inFile: true, add: 1, update: 1, remove: 0, unchanged: 2 },
      { section: 'education', inFile: false, add: 0, update: 0, remove: 0, unchanged: 0 },
      { section: 'certificates', inFile: true, add: 0, update: 0, remove: 0, unchanged: 2 },
      { section: 'projects', inFile: true, add: 0, update: 0, remove: 0, unchanged: 2 },
      { section: 'skills', inFile: true, add: 1, update: 0, remove: 0, unchanged: 0 },
    ]);
    expect(merge.basicsChanges).toEqual([
      {
        field: 'headline',
        from: 'Staff Software Engineer — compilers and developer tooling',
        to: 'Rear Admiral',
      },
    ]);
    const replace = await person.api.portable.previewJsonResume({
      document: edited,
      mode: 'replace',
    });
    expect(replace.sections.find((s) => s.section === 'skills')).toEqual({
      section: 'skills',
      inFile: true,
      add: 1,
      update: 0,
      remove: 6,
      unchanged: 0,
    });
    // A preview writes nothing.
    expect(await person.api.portable.exportJsonResume()).toEqual(rich);

    await person.api.portable.importJsonResume({ document: edited, mode: 'merge' });
    const merged = await person.api.portable.exportJsonResume();
    expect((merged.work as { name: string }[]).map((w) => w.name)).toEqual([
      'Remington Rand',
      'Eckert–Mauchly Computer Corp.',
      'Harvard Computation Lab',
      'US Navy',
    ]);
    expect(merged.skills).toHaveLength(7);
    expect(merged.education).toEqual(rich.education);

    await person.api.portable.importJsonResume({ document: edited, mode: 'replace' });
    const replaced = await person.api.portable.exportJsonResume();
    expect(replaced.skills).toEqual([{ name: 'COBOL', level: 'Expert', category: 'technical' }]);
    // A section the file does not have is left alone, even in replace mode.
    expect(replaced.education).toEqual(rich.education);
  });

  it("an import only ever writes the importing user's rows", async () => {
    const owner = await signUp(t, 'owner');
    const other = await signUp(t, 'other');
    await owner.api.portable.importJsonResume({ document: rich, mode: 'replace' });
    await other.api.portable.importJsonResume({
      document: { skills: [{ name: 'Knitting' }] },
      mode: 'replace',
    });
    expect((await owner.api.skill.list()).map((s) => s.name)).not.toContain('Knitting');
    expect((await owner.api.portable.exportJsonResume()).skills).toEqual(rich.skills);
  });
});

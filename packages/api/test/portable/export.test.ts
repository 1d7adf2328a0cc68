// "Export everything" and the applications CSV as the streams apps/server
// sends: one JSON document with all of the user's data and nothing of anyone
// else's, produced batch by batch from a cursor; a CSV a spreadsheet opens
// safely and that imports back into a fresh account unchanged.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { offers, userAnalytics, withUser } from '@pursuit/db';
import { createTestDatabase, type TestDatabase } from '@pursuit/db/testing';
import { parseCsv } from '../../src/portable/csv';
import { suggestMapping } from '../../src/portable/csv-mapping';
import { CSV_COLUMNS, exportApplicationsCsv, exportEverything } from '../../src/portable/export';
import { RESUME_TEXT, signUp, type Person } from '../support/accounts';

const DESCRIPTION =
  'Design, build and run the services behind a tracker used by thousands of people.';

let t: TestDatabase;
let ada: Person;
let bob: Person;

async function collect(chunks: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const chunk of chunks) out.push(chunk);
  return out;
}

/** `n` applications for `person`, written in one statement as the request role. */
async function seedApplications(person: Person, n: number) {
  const company = await person.api.application.create({
    companyName: `Bulk ${person.id}`,
    roleTitle: 'Seed',
    jobDescription: DESCRIPTION,
  });
  await withUser(t.app, person.id, (tx) =>
    tx.execute(sql`
      insert into applications (user_id, company_id, company_name, role_title, job_description, position, job_url)
      select ${person.id}, ${company.companyId}, '', 'Engineer ' || g, ${DESCRIPTION},
             'b' || lpad(g::text, 6, '0'), 'https://jobs.example/' || ${person.id} || '/' || g
        from generate_series(1, ${n}) g`),
  );
}

beforeAll(async () => {
  t = await createTestDatabase();
  ada = await signUp(t, 'ada');
  bob = await signUp(t, 'bob');
  await ada.api.profile.update({
    firstName: 'Ada',
    targetSalaryMin: 100,
    generatorContext: 'Be brief.',
  });
  await ada.api.experience.create({ company: 'Acme', title: 'Engineer', startDate: '2020' });
  await ada.api.education.create({ institution: 'Cambridge', courses: ['Compilers'] });
  await ada.api.project.create({ name: 'Tracer', keywords: ['Go'], highlights: ['Shipped'] });
  await ada.api.certification.create({ name: 'CKA' });
  await ada.api.skill.create({ name: 'Go' });
  await ada.api.resume.create({ name: 'Base', content: RESUME_TEXT });
  const application = await ada.api.application.create({
    companyName: 'Acme',
    roleTitle: 'Lead, "Platform"',
    jobDescription: DESCRIPTION,
    jobUrl: 'https://acme.example/jobs/1',
    notes: '=HYPERLINK("http://evil.example")\nsecond line',
    salaryMin: 100_000,
    salaryMax: 130_000,
    salaryCurrency: 'EUR',
    workArrangement: 'hybrid',
    employmentType: 'full_time',
    source: 'Referral',
    followUpOn: '2026-12-01',
  });
  await ada.api.application.move({ id: application.id, stage: 'applied' });
  await ada.api.interview.create({
    applicationId: application.id,
    scheduledAt: new Date('2026-12-02T10:00:00Z'),
  });
  await ada.api.contact.create({
    applicationId: application.id,
    name: 'Rita Recruiter',
    email: 'rita@example.com',
  });
  await bob.api.application.create({
    companyName: 'Bobcorp',
    roleTitle: 'Secret role',
    jobDescription: DESCRIPTION,
  });
  await bob.api.resume.create({ name: 'Bob only', content: RESUME_TEXT });
});

afterAll(async () => {
  await t?.close();
});

describe('export everything (JSON)', () => {
  it('is one JSON document with every section of the user’s data, applications with history, interviews and contacts', async () => {
    const document = JSON.parse(
      (await collect(exportEverything(t.app, ada.id))).join(''),
    ) as Record<string, unknown> & {
      applications: {
        roleTitle: string;
        stageHistory: { toStage: string }[];
        interviews: unknown[];
        contacts: { name: string }[];
      }[];
    };
    expect(document).toMatchObject({
      format: 'pursuit-export',
      version: 1,
      account: { id: ada.id, email: ada.email },
      profile: { firstName: 'Ada', targetSalaryMin: 100, generatorContext: 'Be brief.' },
    });
    for (const section of [
      'workExperiences',
      'education',
      'certifications',
      'projects',
      'skills',
      'resumes',
    ]) {
      expect(document[section], section).toHaveLength(1);
    }
    expect(document.education).toMatchObject([
      { institution: 'Cambridge', courses: ['Compilers'] },
    ]);
    expect(document.projects).toMatchObject([
      { name: 'Tracer', keywords: ['Go'], highlights: ['Shipped'], roles: [], position: 0 },
    ]);
    expect((document.resumes as { content: string }[])[0]!.content).toBe(RESUME_TEXT);
    expect(document.applications).toHaveLength(1);
    const [application] = document.applications;
    expect(application!.roleTitle).toBe('Lead, "Platform"');
    expect(application!.stageHistory.map((h) => h.toStage)).toEqual(['interested', 'applied']);
    expect(application!.interviews).toHaveLength(1);
    expect(application!.contacts.map((c) => c.name)).toEqual(['Rita Recruiter']);
    expect(JSON.stringify(document)).not.toMatch(/Bobcorp|Secret role|Bob only/);
  });

  it('streams a large account in batches rather than building it whole', async () => {
    const big = await signUp(t, 'big');
    await seedApplications(big, 1_200);
    const chunks = await collect(exportEverything(t.app, big.id));
    const document = JSON.parse(chunks.join('')) as { applications: unknown[] };
    expect(document.applications).toHaveLength(1_201);
    // One chunk per cursor batch of 250: no chunk holds more than a batch.
    const largest = Math.max(...chunks.map((c) => c.length));
    expect(largest).toBeLessThan(chunks.join('').length / 4);
  });

  it('a download stopped half-way rolls back and returns its connection', async () => {
    const stopper = await signUp(t, 'stopper');
    await seedApplications(stopper, 1_000);
    const stream = exportEverything(t.app, stopper.id);
    // Read into the applications cursor, then stop as a cancelled download does.
    let chunk = await stream.next();
    while (!chunk.done && !String(chunk.value).startsWith(',"applications"'))
      chunk = await stream.next();
    await stream.next();
    expect((await stream.next()).done).toBe(false);
    await stream.return(undefined);
    const [row] = await t.owner.sql<{ n: number }[]>`
      select count(*)::int as n from pg_stat_activity
       where datname = current_database() and state like 'idle in transaction%'`;
    expect(row!.n).toBe(0);
    // The pool still serves requests.
    expect((await ada.api.profile.get()).firstName).toBe('Ada');
  });
});

describe('export everything: outcomes (issue 13)', () => {
  it('carries rejection reasons, history reasons, what was sent, offers and the daily snapshots', async () => {
    const person = await signUp(t, 'outcomes');
    const rejected = await person.api.application.create({
      companyName: 'Initech',
      roleTitle: 'Backend Engineer',
      jobDescription: DESCRIPTION,
      stage: 'rejected',
      appliedAt: new Date('2026-03-10T09:00:00Z'),
      rejectionReason: 'Went with an internal candidate',
    });
    const offered = await person.api.application.create({
      companyName: 'Hooli',
      roleTitle: 'Staff Engineer',
      jobDescription: DESCRIPTION,
      stage: 'offer',
    });
    const resume = await person.api.resume.create({ name: 'Base', content: RESUME_TEXT });
    await person.api.application.markSent({ id: rejected.id, resumeId: resume.id });
    await withUser(t.app, person.id, (tx) =>
      tx.insert(offers).values({
        applicationId: offered.id,
        userId: person.id,
        currency: 'EUR',
        baseSalary: 120_000,
        bonusTargetPercent: 12.5,
        responseDeadline: new Date('2026-12-15T17:00:00Z'),
      }),
    );
    // Snapshots are written by the scheduled task, as the owner role.
    await t.owner.db.insert(userAnalytics).values({
      userId: person.id,
      day: '2026-11-29',
      applicationsSubmitted: 2,
      responseRate: 0.5,
    });
    await person.api.target.create({
      name: 'Remote data roles',
      titles: ['Data engineer'],
      workArrangements: ['remote'],
      salaryFloor: 90_000,
      salaryCurrency: 'EUR',
      excludedKeywords: ['on-call'],
    });
    const document = JSON.parse((await collect(exportEverything(t.app, person.id))).join('')) as {
      targets: unknown[];
      applications: {
        id: string;
        rejectionReason: string | null;
        stageHistory: { toStage: string; reason: string | null; changedAt: string }[];
        sent: { kind: string; label: string; content: string; resumeId: string }[];
        offers: { currency: string; baseSalary: number; bonusTargetPercent: number }[];
      }[];
      analytics: unknown[];
    };
    const byId = new Map(document.applications.map((a) => [a.id, a]));
    const initech = byId.get(rejected.id)!;
    expect(initech.rejectionReason).toBe('Went with an internal candidate');
    expect(initech.stageHistory.map((h) => [h.toStage, h.reason])).toEqual([
      ['applied', null],
      ['rejected', 'Went with an internal candidate'],
    ]);
    expect(new Date(initech.stageHistory[0]!.changedAt).toISOString()).toBe(
      '2026-03-10T09:00:00.000Z',
    );
    expect(initech.sent).toEqual([
      expect.objectContaining({
        kind: 'resume',
        label: 'Base',
        content: RESUME_TEXT,
        resumeId: resume.id,
      }),
    ]);
    expect(initech.offers).toEqual([]);
    expect(byId.get(offered.id)!.offers).toEqual([
      expect.objectContaining({ currency: 'EUR', baseSalary: 120_000, bonusTargetPercent: 12.5 }),
    ]);
    expect(document.analytics).toEqual([
      expect.objectContaining({ day: '2026-11-29', applicationsSubmitted: 2, responseRate: 0.5 }),
    ]);
    expect(document.targets).toEqual([
      expect.objectContaining({
        name: 'Remote data roles',
        titles: ['Data engineer'],
        workArrangements: ['remote'],
        salaryFloor: 90_000,
        salaryCurrency: 'EUR',
        excludedKeywords: ['on-call'],
        active: true,
      }),
    ]);
    // Nobody else's snapshots, sent materials or offers.
    const adas = JSON.parse((await collect(exportEverything(t.app, ada.id))).join('')) as {
      analytics: unknown[];
      targets: unknown[];
    };
    expect(adas.analytics).toEqual([]);
    expect(adas.targets).toEqual([]);
    expect(JSON.stringify(adas)).not.toMatch(/Initech|Hooli|internal candidate|Remote data roles/);
  });

  it('the applications CSV has the rejection reason column', async () => {
    const person = await signUp(t, 'csv-outcomes');
    await person.api.application.create({
      companyName: 'Initech',
      roleTitle: 'Backend Engineer',
      jobDescription: DESCRIPTION,
      stage: 'rejected',
      rejectionReason: 'Too senior',
    });
    const [header, row] = parseCsv(
      (await collect(exportApplicationsCsv(t.app, person.id))).join(''),
    );
    expect(row![header!.indexOf('Rejection reason')]).toBe('Too senior');
  });
});

describe('applications CSV', () => {
  it('has the columns a spreadsheet user expects, quoted and formula-guarded', async () => {
    const text = (await collect(exportApplicationsCsv(t.app, ada.id))).join('');
    expect(text.startsWith('\ufeffCompany,Role,Stage,Priority,')).toBe(true);
    const [header, row, ...rest] = parseCsv(text);
    expect(header).toEqual([...CSV_COLUMNS]);
    expect(rest).toEqual([]);
    const cells = Object.fromEntries(header!.map((name, i) => [name, row![i]]));
    expect(cells).toMatchObject({
      Company: 'Acme',
      Role: 'Lead, "Platform"',
      Stage: 'applied',
      Priority: 'medium',
      'Work arrangement': 'hybrid',
      'Employment type': 'full_time',
      'Salary min': '100000',
      'Salary max': '130000',
      'Salary currency': 'EUR',
      'Job URL': 'https://acme.example/jobs/1',
      Source: 'Referral',
      'Follow-up on': '2026-12-01',
      Notes: `'=HYPERLINK("http://evil.example")\nsecond line`,
    });
    expect(cells['Applied at']).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(text).not.toMatch(/Bobcorp/);
  });

  it('imports back into a fresh account with the same values', async () => {
    const text = (await collect(exportApplicationsCsv(t.app, ada.id))).join('');
    const fresh = await signUp(t, 'fresh');
    const mapping = suggestMapping(parseCsv(text)[0]!);
    expect(await fresh.api.portable.importCsv({ csv: text, mapping })).toEqual({
      rows: 1,
      imported: 1,
      skippedDuplicates: 0,
    });
    const again = (await collect(exportApplicationsCsv(t.app, fresh.id))).join('');
    const strip = (csv: string) =>
      parseCsv(csv).map((row) =>
        row.filter((_, i) => !['Created', 'Updated'].includes(CSV_COLUMNS[i]!)),
      );
    expect(strip(again)).toEqual(strip(text));
  });
});

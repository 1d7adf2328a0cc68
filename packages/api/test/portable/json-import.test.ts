// Applications from JSON through the router (issue 13): Pursuit's own
// "export everything" file imports into a fresh account with the same
// stages, applied dates and rejection reasons; a bare list with the CSV field
// names works too; the rules and the errors are the CSV import's.
import { describe, expect, it } from 'vitest';
import { exportEverything } from '../../src/portable/export';
import { failureOf, setUp, type Person } from '../support/accounts';
import { createApplication } from '../support/applications';

const world = setUp('ada', 'fresh', 'lister', 'checker');
const DAY = 86_400_000;

async function exportOf(person: Person): Promise<string> {
  let text = '';
  for await (const chunk of exportEverything(world.t.app, person.id)) text += chunk;
  return text;
}

/** What should survive a round trip, keyed by role title. */
async function outcomes(person: Person) {
  const { cards } = await person.api.application.list({ includeArchived: true });
  return Object.fromEntries(
    cards.map((c) => [
      c.roleTitle,
      {
        companyName: c.companyName,
        stage: c.stage,
        appliedAt: c.appliedAt?.toISOString() ?? null,
        rejectionReason: c.rejectionReason,
        jobUrl: c.jobUrl,
        salaryMin: c.salaryMin,
        priority: c.priority,
        followUpOn: c.followUpOn,
        source: c.source,
      },
    ]),
  );
}

describe('importing applications from JSON', () => {
  it('round trip: export everything, import into a fresh account, same applications and outcomes', async () => {
    const ada = world.ada;
    await createApplication(ada, { roleTitle: 'Saved only', companyName: 'Acme, Inc.' });
    await createApplication(ada, {
      roleTitle: 'Waiting',
      companyName: 'Babbage',
      stage: 'applied',
      appliedAt: new Date(Date.now() - 5 * DAY),
      jobUrl: 'https://babbage.example/jobs/7',
      salaryMin: 90_000,
      salaryCurrency: 'EUR',
      priority: 'high',
      followUpOn: '2026-12-10',
      source: 'Referral',
    });
    const quiet = await createApplication(ada, {
      roleTitle: 'Went quiet',
      companyName: 'Cogs',
      stage: 'applied',
      appliedAt: new Date('2026-02-01T08:15:00Z'),
    });
    await ada.api.application.move({ id: quiet.id, stage: 'ghosted' });
    await createApplication(ada, {
      roleTitle: 'Turned down',
      companyName: 'Delta',
      stage: 'rejected',
      appliedAt: new Date('2026-03-10T09:00:00Z'),
      rejectionReason: 'Went with an internal candidate',
    });
    const moved = await createApplication(ada, { roleTitle: 'In interviews', companyName: 'Echo' });
    await ada.api.application.move({ id: moved.id, stage: 'interviewing' });

    const text = await exportOf(ada);
    const preview = await world.fresh.api.portable.previewApplicationsJson({ text });
    expect(preview.fileErrors).toEqual([]);
    expect(preview.summary).toEqual({ rows: 5, valid: 5, invalid: 0, duplicates: 0 });
    const result = await world.fresh.api.portable.importApplicationsJson({ text });
    expect(result).toEqual({ rows: 5, imported: 5, skippedDuplicates: 0 });

    const before = await outcomes(ada);
    expect(await outcomes(world.fresh)).toEqual(before);
    expect(before['Went quiet']).toMatchObject({
      stage: 'ghosted',
      appliedAt: '2026-02-01T08:15:00.000Z',
    });

    const { cards } = await world.fresh.api.application.list();
    const ghosted = await world.fresh.api.application.byId({
      id: cards.find((c) => c.roleTitle === 'Went quiet')!.id,
    });
    expect(ghosted.history.map((h) => [h.toStage, h.changedAt.toISOString().slice(0, 10)])).toEqual(
      [
        ['applied', '2026-02-01'],
        ['ghosted', new Date().toISOString().slice(0, 10)],
      ],
    );
    const rejected = await world.fresh.api.application.byId({
      id: cards.find((c) => c.roleTitle === 'Turned down')!.id,
    });
    expect(rejected.history.at(-1)).toMatchObject({
      toStage: 'rejected',
      reason: 'Went with an internal candidate',
    });

    // Importing the same file again skips what has a job URL already tracked.
    const again = await world.fresh.api.portable.previewApplicationsJson({ text });
    expect(again.summary.duplicates).toBe(1);
  });

  it('a bare list of objects with the CSV field names (or header names) imports the same way', async () => {
    const text = JSON.stringify([
      {
        companyName: 'Foxtrot',
        roleTitle: 'Engineer',
        stage: 'no response',
        appliedAt: '2026-01-15',
      },
      {
        Company: 'Golf',
        Role: 'Analyst',
        Status: 'Not selected',
        'Rejection reason': 'Too junior',
        Salary: '85k',
      },
      { companyName: 'Hotel', roleTitle: 'Lead', matchScore: 80, salaryMin: 100000 },
    ]);
    const result = await world.lister.api.portable.importApplicationsJson({ text });
    expect(result).toEqual({ rows: 3, imported: 3, skippedDuplicates: 0 });
    const after = await outcomes(world.lister);
    expect(after.Engineer).toMatchObject({
      stage: 'ghosted',
      appliedAt: '2026-01-15T00:00:00.000Z',
    });
    expect(after.Analyst).toMatchObject({
      stage: 'rejected',
      rejectionReason: 'Too junior',
      salaryMin: 85_000,
    });
    expect(after.Lead).toMatchObject({ salaryMin: 100_000 });
  });

  it('invalid JSON, a document without applications and an empty list are file errors', async () => {
    const api = world.checker.api.portable;
    const broken = await api.previewApplicationsJson({ text: '{"applications": [' });
    expect(broken.fileErrors[0]).toMatch(/^The file is not valid JSON \(/);
    const failure = await failureOf(api.importApplicationsJson({ text: '[{"companyName": "A",' }));
    expect(failure.code).toBe('BAD_REQUEST');
    expect(failure.fieldErrors?.file?.[0]).toMatch(/not valid JSON/);

    const other = await api.previewApplicationsJson({ text: '{"format": "something-else"}' });
    expect(other.fileErrors).toEqual([
      'The file holds no list of applications: use Pursuit’s “export everything” file, or a list of objects with fields like companyName and roleTitle.',
    ]);
    expect((await api.previewApplicationsJson({ text: '[]' })).fileErrors).toEqual([
      'The file has no applications to import.',
    ]);
    const noRole = await api.previewApplicationsJson({ text: '[{"companyName": "Acme"}]' });
    expect(noRole.fileErrors).toEqual(['No application has Role (a "roleTitle" field).']);
  });

  it('an application with problems imports nothing and is named by its place in the list', async () => {
    const text = JSON.stringify([
      { companyName: 'India', roleTitle: 'Engineer' },
      'not an object',
      { companyName: 'Juliet', roleTitle: 'Engineer', stage: 'sleeping', notes: { a: 1 } },
      {
        companyName: 'Kilo',
        roleTitle: 'Engineer',
        stage: 'applied',
        appliedAt: '2999-01-01',
        rejectionReason: 'x',
      },
    ]);
    const failure = await failureOf(world.checker.api.portable.importApplicationsJson({ text }));
    expect(failure.code).toBe('BAD_REQUEST');
    expect(failure.message).toMatch(/^application 2: Each application is an object/);
    expect(failure.fieldErrors).toEqual({
      'application 2': [
        'Each application is an object, like {"companyName": "Acme", "roleTitle": "Engineer"}.',
        'Company: Enter the company name.',
        'Role: Enter the role title.',
      ],
      'application 3': [
        'Stage: Stage must be one of: interested, applied, interviewing, offer, accepted, rejected, withdrawn, ghosted.',
        'Notes: Use text or a number here, not a list or an object.',
      ],
      'application 4': [
        'Applied at: The applied date cannot be in the future.',
        'Rejection reason: A rejection reason goes with the stage Rejected.',
      ],
    });
    expect((await world.checker.api.application.list()).cards).toEqual([]);
  });

  it('a file over 2 MB is refused before it is read', async () => {
    const failure = await failureOf(
      world.checker.api.portable.previewApplicationsJson({ text: `[${' '.repeat(2_000_001)}]` }),
    );
    expect(failure.code).toBe('BAD_REQUEST');
    expect(failure.message).toMatch(/larger than 2 MB/);
  });
});

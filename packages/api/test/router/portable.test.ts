// The portable router: applications imported from a spreadsheet (column
// mapping, per-row errors, nothing half-imported, duplicates by job URL
// skipped and counted). JSON Resume import and export: test/portable/.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@pursuit/db/testing';
import { MISSING_DESCRIPTION } from '../../src/portable/csv-import';
import { suggestMapping } from '../../src/portable/csv-mapping';
import { failureOf, signUp, type Person } from '../support/accounts';

describe('importing applications from CSV', () => {
  let t: TestDatabase;
  let person: Person;

  beforeAll(async () => {
    t = await createTestDatabase();
    person = await signUp(t, 'importer');
  });

  afterAll(async () => {
    await t?.close();
  });

  async function count(userId: string) {
    const [row] = await t.owner.db.execute<{ n: number }>(
      sql`select count(*)::int as n from applications where user_id = ${userId}`,
    );
    return row!.n;
  }

  const good = [
    'Company,Role,Status,Work arrangement,Employment type,Salary,Currency,Link,Applied,Notes',
    'Acme,Engineer,Applied,On-site,Full-time,"$120,000",usd,https://acme.example/jobs/1,2026-03-14,"Met at a meetup, follow up"',
    'Babbage,Analyst,interviewing,remote,contract,85k,EUR,https://babbage.example/9,,',
    'Cogs Ltd,Lead,,Hybrid,,,,,,"=1+1"',
  ].join('\r\n');

  it('the preview shows headers, the suggested mapping and every row checked', async () => {
    const preview = await person.api.portable.previewCsv({ csv: good });
    expect(preview.headers[0]).toBe('Company');
    expect(preview.mapping).toMatchObject({
      companyName: 0,
      roleTitle: 1,
      stage: 2,
      salaryMin: 5,
      jobUrl: 7,
    });
    expect(preview.summary).toEqual({ rows: 3, valid: 3, invalid: 0, duplicates: 0 });
    expect(preview.rows[0]).toMatchObject({
      row: 2,
      errors: [],
      values: {
        stage: 'applied',
        workArrangement: 'onsite',
        employmentType: 'full_time',
        salaryMin: 120_000,
        salaryCurrency: 'USD',
      },
    });
    expect(preview.rows[1]!.values).toMatchObject({ salaryMin: 85_000, stage: 'interviewing' });
    expect(await count(person.id)).toBe(0);
  });

  it('a file with bad rows imports nothing and reports every bad row by its spreadsheet row number', async () => {
    const csv = [
      'Company,Role,Stage,Link,Salary min,Salary max,Applied,Match score',
      'Acme,Engineer,applied,https://acme.example/ok,,,,',
      ',Engineer,applied,,,,,',
      'Beta,Engineer,sleeping,ftp://beta.example,,,,',
      'Gamma,Engineer,,,200k,100k,14/03/2026,120',
    ].join('\n');
    const preview = await person.api.portable.previewCsv({ csv });
    expect(preview.summary).toMatchObject({ rows: 4, valid: 1, invalid: 3 });
    const failure = await failureOf(
      person.api.portable.importCsv({ csv, mapping: preview.mapping }),
    );
    expect(failure.code).toBe('BAD_REQUEST');
    expect(failure.fieldErrors).toEqual({
      'row 3': ['Company: Enter the company name.'],
      'row 4': [
        'Stage: Stage must be one of: interested, applied, interviewing, offer, accepted, rejected, withdrawn, ghosted.',
        'Job URL: The job URL must start with http:// or https://.',
      ],
      'row 5': [
        'Salary min: The minimum salary cannot be above the maximum.',
        'Applied at: Use a date like 2026-03-14 or 2026-03-14T09:30:00Z.',
        'Match score: The match score is at most 100.',
      ],
    });
    expect(await count(person.id)).toBe(0);
  });

  it('a mapping without the company or role column is refused before any row is read', async () => {
    const failure = await failureOf(
      person.api.portable.importCsv({ csv: good, mapping: { companyName: 0, roleTitle: null } }),
    );
    expect(failure.fieldErrors).toEqual({ file: ['Choose the column that holds Role.'] });
  });

  it('valid rows import in one go; duplicates by job URL, in the file or already tracked, are skipped and counted', async () => {
    const first = await person.api.portable.importCsv({
      csv: good,
      mapping: suggestMapping(good.split('\r\n')[0]!.split(',')),
    });
    expect(first).toEqual({ rows: 3, imported: 3, skippedDuplicates: 0 });
    const again = [
      good,
      'Acme,Engineer again,applied,,,,,https://acme.example/jobs/1,,',
      'Delta,Engineer,applied,,,,,https://delta.example/1,,',
      'Delta,Engineer (repeat),applied,,,,,https://delta.example/1,,',
    ].join('\r\n');
    const preview = await person.api.portable.previewCsv({ csv: again });
    expect(preview.rows.map((r) => r.duplicateOf)).toEqual([
      'existing',
      'existing',
      null,
      'existing',
      null,
      'earlier-row',
    ]);
    const second = await person.api.portable.importCsv({ csv: again, mapping: preview.mapping });
    expect(second).toEqual({ rows: 6, imported: 2, skippedDuplicates: 4 });
    expect(await count(person.id)).toBe(5);

    const { cards } = await person.api.application.list();
    const acme = cards.find((c) => c.roleTitle === 'Engineer' && c.companyName === 'Acme')!;
    expect(acme).toMatchObject({
      stage: 'applied',
      salaryMin: 120_000,
      notes: 'Met at a meetup, follow up',
    });
    expect(acme.appliedAt?.toISOString()).toBe('2026-03-14T00:00:00.000Z');
    const cogs = cards.find((c) => c.companyName === 'Cogs Ltd')!;
    expect(cogs.notes).toBe('=1+1');
    const detail = await person.api.application.byId({ id: cogs.id });
    expect(detail.jobDescription).toBe(MISSING_DESCRIPTION);
    expect(detail.history.map((h) => h.toStage)).toEqual(['interested']);
  });

  it("duplicates are judged against the importer's own applications only", async () => {
    const other = await signUp(t, 'other-importer');
    const result = await other.api.portable.importCsv({
      csv: 'Company,Role,Link\nAcme,Engineer,https://acme.example/jobs/1\n',
      mapping: { companyName: 0, roleTitle: 1, jobUrl: 2 },
    });
    expect(result).toEqual({ rows: 1, imported: 1, skippedDuplicates: 0 });
  });
});

describe('importing outcomes from CSV (issue 13)', () => {
  let t: TestDatabase;
  let person: Person;

  beforeAll(async () => {
    t = await createTestDatabase();
    person = await signUp(t, 'outcomes-importer');
  });

  afterAll(async () => {
    await t?.close();
  });

  it('suggests the rejection reason column from "Rejection reason" or "Reason"', () => {
    expect(suggestMapping(['Company', 'Role', 'Rejection reason']).rejectionReason).toBe(2);
    expect(suggestMapping(['Company', 'Role', 'Reason']).rejectionReason).toBe(2);
  });

  it('imports ghosted (and "no response"), past applied dates and rejection reasons; the history follows', async () => {
    const csv = [
      'Company,Role,Status,Applied,Reason',
      'Acme,Engineer,Ghosted,2026-01-05,',
      'Babbage,Analyst,No response,2026-02-01,',
      'Cogs,Lead,Not selected,2026-03-10,Went with an internal candidate',
      'Delta,Dev,applied,2026-03-20T09:30:00Z,',
    ].join('\r\n');
    const preview = await person.api.portable.previewCsv({ csv });
    expect(preview.summary).toMatchObject({ rows: 4, valid: 4, invalid: 0 });
    expect(preview.rows.map((r) => r.values?.stage)).toEqual([
      'ghosted',
      'ghosted',
      'rejected',
      'applied',
    ]);
    const result = await person.api.portable.importCsv({ csv, mapping: preview.mapping });
    expect(result).toEqual({ rows: 4, imported: 4, skippedDuplicates: 0 });

    const { cards } = await person.api.application.list();
    const byCompany = (name: string) => cards.find((c) => c.companyName === name)!;
    expect(byCompany('Cogs')).toMatchObject({
      stage: 'rejected',
      rejectionReason: 'Went with an internal candidate',
    });
    const cogs = await person.api.application.byId({ id: byCompany('Cogs').id });
    expect(cogs.history.map((h) => [h.fromStage, h.toStage, h.reason])).toEqual([
      [null, 'applied', null],
      ['applied', 'rejected', 'Went with an internal candidate'],
    ]);
    expect(cogs.history[0]!.changedAt.toISOString()).toBe('2026-03-10T00:00:00.000Z');
    const acme = await person.api.application.byId({ id: byCompany('Acme').id });
    expect(acme.history.map((h) => h.toStage)).toEqual(['applied', 'ghosted']);
    expect(acme.history[0]!.changedAt.toISOString()).toBe('2026-01-05T00:00:00.000Z');
    const delta = await person.api.application.byId({ id: byCompany('Delta').id });
    expect(delta.history.map((h) => [h.toStage, h.changedAt.toISOString()])).toEqual([
      ['applied', '2026-03-20T09:30:00.000Z'],
    ]);
  });

  it('a future applied date or a reason on a row that is not rejected is a row error', async () => {
    const csv = [
      'Company,Role,Status,Applied,Rejection reason',
      'Echo,Engineer,applied,2999-01-01,',
      'Foxtrot,Engineer,interviewing,,Too senior',
    ].join('\n');
    const failure = await failureOf(
      person.api.portable.importCsv({
        csv,
        mapping: suggestMapping(csv.split('\n')[0]!.split(',')),
      }),
    );
    expect(failure.fieldErrors).toEqual({
      'row 2': ['Applied at: The applied date cannot be in the future.'],
      'row 3': ['Rejection reason: A rejection reason goes with the stage Rejected.'],
    });
  });
});

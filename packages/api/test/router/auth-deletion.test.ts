// Deleting an account (issue 5): the password is asked again; afterwards no
// row of that user remains in any table — every table with a user_id column
// in public and pursuit_internal, plus users and sessions — and every session
// of theirs is over.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentVersions, documents, withUser } from '@pursuit/db';
import { createTestDatabase, type TestDatabase } from '@pursuit/db/testing';
import { validateSessionToken } from '../../src/server';
import {
  callerFor,
  failureOf,
  PASSWORD,
  RESUME_TEXT,
  signIn,
  signUp,
  type Person,
} from '../support/accounts';

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
});

afterAll(async () => {
  await t?.close();
});

const DESCRIPTION =
  'Design, build and run the services behind a tracker used by thousands of people.';

/** Gives `person` at least one row in every table a user can fill. */
async function fillAccount(person: Person) {
  const { api } = person;
  await api.profile.update({
    headline: 'Everything',
    links: [{ label: 'GitHub', url: 'https://github.com/x' }],
  });
  const application = await api.application.create({
    companyName: `Acme ${person.id}`,
    roleTitle: 'Engineer',
    jobDescription: DESCRIPTION,
    jobUrl: `https://acme.example/${person.id}`,
    stage: 'applied',
  });
  await api.application.move({ id: application.id, stage: 'interviewing' });
  await api.interview.create({ applicationId: application.id, scheduledAt: new Date() });
  await api.contact.create({ applicationId: application.id, name: 'Recruiter' });
  await api.experience.create({ company: 'Acme', title: 'Engineer', startDate: '2020' });
  await api.education.create({ institution: 'University' });
  await api.certification.create({ name: 'CKA' });
  await api.project.create({ name: 'raft-lab', keywords: ['Go'] });
  await api.skill.create({ name: 'Go' });
  await api.resume.create({ name: 'Base', content: RESUME_TEXT });
  // Documents: a match analysis (match result + quota rows), and a document
  // with a version as the worker would leave it (no job queue in this test).
  await api.document.analyzeMatch({ applicationId: application.id });
  await withUser(t.app, person.id, async (tx) => {
    const [doc] = await tx
      .insert(documents)
      .values({ applicationId: application.id, userId: person.id, type: 'research_report' })
      .returning({ id: documents.id });
    await tx.insert(documentVersions).values({
      documentId: doc!.id,
      userId: person.id,
      version: 1,
      content: '# Research',
      generator: 'builtin',
    });
  });
}

/** Every (schema, table) with a user_id column, read from the catalog so new tables are covered. */
async function tablesWithUserId() {
  return t.owner.sql<{ schema: string; table: string }[]>`
    select c.table_schema as schema, c.table_name as table
      from information_schema.columns c
      join information_schema.tables x
        on x.table_schema = c.table_schema and x.table_name = c.table_name and x.table_type = 'BASE TABLE'
     where c.column_name = 'user_id' and c.table_schema in ('public', 'pursuit_internal')
     order by 1, 2`;
}

async function rowsOf(userId: string, email: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const { schema, table } of await tablesWithUserId()) {
    const [row] = await t.owner.db.execute<{ n: number }>(
      sql`select count(*)::int as n from ${sql.identifier(schema)}.${sql.identifier(table)} where user_id = ${userId}`,
    );
    counts[`${schema}.${table}`] = row!.n;
  }
  const [users] = await t.owner.db.execute<{ n: number }>(
    sql`select count(*)::int as n from users where id = ${userId}`,
  );
  counts['public.users'] = users!.n;
  const [failures] = await t.owner.db.execute<{ n: number }>(
    sql`select count(*)::int as n from pursuit_internal.login_failures where key = ${`email:${email.toLowerCase()}`}`,
  );
  counts['pursuit_internal.login_failures'] = failures!.n;
  return counts;
}

describe('deleting an account', () => {
  it('a wrong password deletes nothing', async () => {
    const person = await signUp(t, 'keeper');
    const failure = await failureOf(person.api.auth.deleteAccount({ password: 'not my password' }));
    expect(failure).toMatchObject({ code: 'BAD_REQUEST', message: 'Your password is incorrect.' });
    expect((await person.api.auth.me())?.id).toBe(person.id);
  });

  it('an empty password is refused with a message saying what to do', async () => {
    const person = await signUp(t, 'blank');
    const failure = await failureOf(person.api.auth.deleteAccount({ password: '' }));
    expect(failure.fieldErrors?.password).toEqual(['Enter your password to delete your account.']);
  });

  it('after deletion no row of that user remains in any table, and every session has ended', async () => {
    const person = await signUp(t, 'leaver');
    const bystander = await signUp(t, 'bystander');
    await fillAccount(person);
    await fillAccount(bystander);
    // A second device signs in; then a failed sign-in leaves a throttle row keyed by the email.
    const secondToken = await signIn(t, person.email);
    await expect(
      callerFor(t, null).auth.login({ email: person.email, password: 'wrong password' }),
    ).rejects.toThrow('Email or password is incorrect.');

    const before = await rowsOf(person.id, person.email);
    // The fixture really does reach every table that has a user_id column (the
    // change log included), so "nothing left" below is not vacuous.
    for (const [table, n] of Object.entries(before)) {
      expect(n, `${table} has no row before deletion; extend fillAccount`).toBeGreaterThan(0);
    }

    expect(await person.api.auth.deleteAccount({ password: PASSWORD })).toEqual({ ok: true });

    const after = await rowsOf(person.id, person.email);
    expect(Object.entries(after).filter(([, n]) => n > 0)).toEqual([]);
    for (const token of [person.token, secondToken]) {
      expect(await validateSessionToken(t.app, token)).toEqual({ session: null, user: null });
    }
    expect(await failureOf(callerFor(t, person.token).profile.get())).toMatchObject({
      code: 'UNAUTHORIZED',
    });

    // Nobody else lost anything.
    const others = await rowsOf(bystander.id, bystander.email);
    for (const [table, n] of Object.entries(others)) {
      if (table !== 'pursuit_internal.login_failures') expect(n, table).toBeGreaterThan(0);
    }
  });

  it('the sign-in email is free again once the account is gone', async () => {
    const person = await signUp(t, 'returner');
    await person.api.auth.deleteAccount({ password: PASSWORD });
    const again = await callerFor(t, null).auth.register({
      email: person.email,
      password: PASSWORD,
      name: 'Back',
    });
    expect(again.id).not.toBe(person.id);
  });
});

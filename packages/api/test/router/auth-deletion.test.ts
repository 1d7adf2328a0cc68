// Deleting an account (issue 5): the password is asked again; afterwards no
// row of that user remains in any table — every table with a user_id column
// in public and pursuit_internal, plus users and sessions — no column anywhere
// still names them (shares, invitations, comments, notifications: issue 12),
// and every session of theirs is over.
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applications, comments, documentVersions, documents, withUser } from '@pursuit/db';
import { createTestDatabase, type TestDatabase } from '@pursuit/db/testing';
import { builtinEmbedder, embedSubject, validateSessionToken } from '../../src/server';
import {
  callerFor,
  failureOf,
  PASSWORD,
  RESUME_TEXT,
  signIn,
  signUp,
  type Person,
} from '../support/accounts';
import { shareWith, tokenOf } from '../support/sharing';
import { anyDate } from '../support/matchers';

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
  await api.target.create({ name: 'Remote backend', titles: ['Backend engineer'] });
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
  // Follow-through (issue 13): an offer, the résumé sent, a calendar feed, and
  // a daily snapshot as the scheduled task writes it (as the owner role).
  await api.offer.create({ applicationId: application.id, currency: 'USD', baseSalary: 150_000 });
  const [resume] = await api.resume.list();
  await api.application.markSent({ id: application.id, resumeId: resume!.id });
  await api.calendar.feedUrl();
  // A token for scripts (issue 14).
  await api.token.create({ name: 'Backup script', scope: 'read' });
  await t.owner.sql`insert into user_analytics (user_id, day, applications_submitted)
                    values (${person.id}, current_date, 1)`;
  // Search by meaning (issue 14): the application's vector, as the embedding job writes it.
  await embedSubject(t.app, builtinEmbedder, {
    userId: person.id,
    applicationId: application.id,
    documentId: null,
  });
}

async function firstApplicationOf(person: Person): Promise<string> {
  const [row] = await withUser(t.app, person.id, (tx) =>
    tx
      .select({ id: applications.id })
      .from(applications)
      .where(eq(applications.userId, person.id))
      .limit(1),
  );
  return row!.id;
}

/**
 * Two people who share their searches with each other both ways, comment on
 * each other's applications and read them, so each has shares (as owner and
 * grantee), an invitation sent and one accepted, comments on their own search
 * and on the other's, comment reads and notifications. Returns the
 * application of `other` that `person` commented on.
 */
async function connect(person: Person, other: Person) {
  await shareWith(person, other, 'commenter');
  await shareWith(other, person, 'editor');
  await person.api.sharing.invite({ role: 'viewer', email: 'pending@example.com' });
  const myApplication = await firstApplicationOf(person);
  const theirApplication = await firstApplicationOf(other);
  for (const [author, applicationId] of [
    [person, myApplication],
    [other, myApplication],
    [person, theirApplication],
    [other, theirApplication],
  ] as const) {
    await author.api.comment.create({ applicationId, body: `From ${author.id}` });
    await author.api.comment.markRead({ applicationId });
  }
  // An invitation of the other's, accepted by the person.
  const invitation = await other.api.sharing.invite({ role: 'viewer' });
  await person.api.sharing.accept({ token: tokenOf(invitation.url) });
  return theirApplication;
}

/**
 * Every column outside user_id that names a person: the foreign keys to
 * users, read from the catalog so new ones are covered. (The change log's
 * also_user_id has its own test below.)
 */
async function columnsNamingPeople() {
  const keys = await t.owner.sql<{ schema: string; table: string; column: string }[]>`
    select kcu.table_schema as schema, kcu.table_name as table, kcu.column_name as column
      from information_schema.referential_constraints rc
      join information_schema.key_column_usage kcu
        on kcu.constraint_schema = rc.constraint_schema and kcu.constraint_name = rc.constraint_name
      join information_schema.constraint_column_usage ccu
        on ccu.constraint_schema = rc.unique_constraint_schema and ccu.constraint_name = rc.unique_constraint_name
     where ccu.table_schema = 'public' and ccu.table_name = 'users' and ccu.column_name = 'id'
       and kcu.column_name <> 'user_id'
     order by 1, 2, 3`;
  return keys;
}

async function rowsNaming(userId: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const { schema, table, column } of await columnsNamingPeople()) {
    const [row] = await t.owner.db.execute<{ n: number }>(
      sql`select count(*)::int as n from ${sql.identifier(schema)}.${sql.identifier(table)} where ${sql.identifier(column)} = ${userId}`,
    );
    counts[`${schema}.${table}.${column}`] = row!.n;
  }
  return counts;
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
    const commentedOn = await connect(person, bystander);
    // A second device signs in; then a failed sign-in leaves a throttle row keyed by the email.
    const secondToken = await signIn(t, person.email);
    await expect(
      callerFor(t, null).auth.login({ email: person.email, password: 'wrong password' }),
    ).rejects.toThrow('Email or password is incorrect.');

    const before = { ...(await rowsOf(person.id, person.email)), ...(await rowsNaming(person.id)) };
    // The fixture really does reach every table that has a user_id column (the
    // change log included) and every column naming a person, so "nothing
    // left" below is not vacuous.
    for (const [table, n] of Object.entries(before)) {
      expect(n, `${table} has no row before deletion; extend fillAccount`).toBeGreaterThan(0);
    }

    expect(await person.api.auth.deleteAccount({ password: PASSWORD })).toEqual({ ok: true });

    const after = { ...(await rowsOf(person.id, person.email)), ...(await rowsNaming(person.id)) };
    expect(Object.entries(after).filter(([, n]) => n > 0)).toEqual([]);
    // Their comments on the other's search stay in that thread, by nobody now.
    const thread = await withUser(t.app, bystander.id, (tx) =>
      tx
        .select({ authorId: comments.authorId, body: comments.body })
        .from(comments)
        .where(eq(comments.applicationId, commentedOn)),
    );
    expect(thread).toEqual(
      expect.arrayContaining([
        { authorId: bystander.id, body: `From ${bystander.id}` },
        { authorId: null, body: `From ${person.id}` },
      ]),
    );
    expect(await bystander.api.comment.list({ applicationId: commentedOn })).toContainEqual(
      expect.objectContaining({ author: null, body: `From ${person.id}`, mine: false }),
    );
    expect(await bystander.api.sharing.list()).toEqual({ grantedByMe: [], sharedWithMe: [] });
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

  it('issue 12: a person who deleted their own comment on someone else’s search can still delete their account', async () => {
    const person = await signUp(t, 'retractor');
    const owner = await signUp(t, 'thread-owner');
    await shareWith(owner, person, 'commenter');
    const application = await owner.api.application.create({
      companyName: 'Thread',
      roleTitle: 'Engineer',
      jobDescription: DESCRIPTION,
    });
    const kept = await person.api.comment.create({ applicationId: application.id, body: 'Kept' });
    const gone = await person.api.comment.create({ applicationId: application.id, body: 'Oops' });
    await person.api.comment.delete({ id: gone.id });

    expect(await person.api.auth.deleteAccount({ password: PASSWORD })).toEqual({ ok: true });

    const thread = await owner.api.comment.list({ applicationId: application.id });
    expect(
      thread.map(({ id, author, body, deletedAt }) => ({ id, author, body, deletedAt })),
    ).toEqual([
      { id: kept.id, author: null, body: 'Kept', deletedAt: null },
      { id: gone.id, author: null, body: '', deletedAt: anyDate },
    ]);
  });

  it('issue 12: the change log keeps no id of a deleted grantee (their shares’ changes stay for the owner)', async () => {
    const person = await signUp(t, 'grantee-leaver');
    const owner = await signUp(t, 'grantee-owner');
    await shareWith(owner, person, 'viewer');
    const alsoFor = async (userId: string) => {
      const [row] = await t.owner.sql<{ n: number }[]>`
        select count(*)::int as n from pursuit_internal.change_log where also_user_id = ${userId}`;
      return row!.n;
    };
    expect(await alsoFor(person.id)).toBeGreaterThan(0);
    await person.api.auth.deleteAccount({ password: PASSWORD });
    expect(await alsoFor(person.id)).toBe(0);
    const [kept] = await t.owner.sql<{ n: number }[]>`
      select count(*)::int as n from pursuit_internal.change_log
       where table_name = 'shares' and user_id = ${owner.id} and op = 'delete'`;
    expect(kept!.n).toBe(1);
  });
});

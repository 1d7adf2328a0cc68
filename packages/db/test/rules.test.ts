// Rules Postgres enforces beyond who sees which row: accounts cannot raise
// their role, stage history is written only by its trigger, versions always
// bump, and a child row cannot point at another user's application.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applicationStageHistory,
  applications,
  contacts,
  interviews,
  profiles,
  users,
} from '../src/schema/index';
import { withUser } from '../src/client';
import { createTestDatabase, type TestDatabase } from '../src/testing/index';
import {
  FOREIGN_KEY_VIOLATION,
  INSUFFICIENT_PRIVILEGE,
  JOB_DESCRIPTION,
  seedUser,
  sqlStateOf,
  type Seeded,
} from './support/rls';

let t: TestDatabase;
let alice: Seeded;
let bob: Seeded;

beforeAll(async () => {
  t = await createTestDatabase();
  alice = await seedUser(t, 'alice');
  bob = await seedUser(t, 'bob');
});

afterAll(async () => {
  await t?.close();
});

describe('accounts', () => {
  it("a user cannot sign up with role 'admin'", async () => {
    const id = randomUUID();
    const code = await sqlStateOf(
      withUser(t.app, id, (tx) =>
        tx.insert(users).values({
          id,
          email: `admin-${id}@example.com`,
          passwordHash: 'x',
          displayName: 'Would-be admin',
          role: 'admin',
        }),
      ),
    );
    expect(code).toBe(INSUFFICIENT_PRIVILEGE);
    const [row] = await t.owner.sql`select count(*)::int as n from users where id = ${id}`;
    expect(row?.n).toBe(0);
  });

  it('a user cannot make themselves an admin', async () => {
    const code = await sqlStateOf(
      withUser(t.app, alice.userId, (tx) =>
        tx.execute(sql`update users set role = 'admin' where id = ${alice.userId}`),
      ),
    );
    expect(code).toBe(INSUFFICIENT_PRIVILEGE);
  });

  it('signing up creates the profile, readable by its owner', async () => {
    const rows = await withUser(t.app, alice.userId, (tx) =>
      tx.select({ userId: profiles.userId }).from(profiles),
    );
    expect(rows).toEqual([{ userId: alice.userId }]);
  });
});

describe('stage history', () => {
  async function historyOf(applicationId: string) {
    return t.owner.sql<{ from_stage: string | null; to_stage: string; changed_by: string }[]>`
      select from_stage, to_stage, changed_by from application_stage_history
       where application_id = ${applicationId} order by changed_at, id`;
  }

  async function newApplication(owner: Seeded, jobUrl: string) {
    const [row] = await withUser(t.app, owner.userId, (tx) =>
      tx
        .insert(applications)
        .values({
          userId: owner.userId,
          companyId: owner.companyId,
          companyName: 'x',
          roleTitle: 'Engineer',
          jobDescription: JOB_DESCRIPTION,
          jobUrl,
          position: 'a1',
        })
        .returning({ id: applications.id, version: applications.version }),
    );
    return row!;
  }

  it('a user cannot insert stage history directly, even for their own application', async () => {
    const code = await sqlStateOf(
      withUser(t.app, alice.userId, (tx) =>
        tx.insert(applicationStageHistory).values({
          applicationId: alice.applicationId,
          userId: alice.userId,
          toStage: 'offer',
        }),
      ),
    );
    expect(code).toBe(INSUFFICIENT_PRIVILEGE);
  });

  it('a user cannot rewrite or erase their own stage history', async () => {
    const rewrite = await sqlStateOf(
      withUser(t.app, alice.userId, (tx) =>
        tx.execute(sql`update application_stage_history set to_stage = 'offer'`),
      ),
    );
    expect(rewrite).toBe(INSUFFICIENT_PRIVILEGE);
    const erase = await sqlStateOf(
      withUser(t.app, alice.userId, (tx) => tx.execute(sql`delete from application_stage_history`)),
    );
    expect(erase).toBe(INSUFFICIENT_PRIVILEGE);
  });

  it('creating an application records its first stage, made by the user', async () => {
    const app = await newApplication(alice, 'https://example.com/jobs/history-insert');
    expect(await historyOf(app.id)).toEqual([
      { from_stage: null, to_stage: 'interested', changed_by: 'user' },
    ]);
  });

  it('a stage change records history by trigger; other updates do not', async () => {
    const app = await newApplication(alice, 'https://example.com/jobs/history-update');
    await withUser(t.app, alice.userId, (tx) =>
      tx.execute(sql`update applications set notes = 'no stage change' where id = ${app.id}`),
    );
    await withUser(t.app, alice.userId, (tx) =>
      tx.execute(sql`update applications set stage = 'applied' where id = ${app.id}`),
    );
    expect(await historyOf(app.id)).toEqual([
      { from_stage: null, to_stage: 'interested', changed_by: 'user' },
      { from_stage: 'interested', to_stage: 'applied', changed_by: 'user' },
    ]);
  });

  it("a direct owner write without app.user_id is recorded as made by 'system'", async () => {
    const app = await newApplication(alice, 'https://example.com/jobs/history-system');
    await t.owner.sql`update applications set stage = 'rejected' where id = ${app.id}`;
    expect((await historyOf(app.id)).at(-1)).toEqual({
      from_stage: 'interested',
      to_stage: 'rejected',
      changed_by: 'system',
    });
  });
});

describe('applications', () => {
  it('the version bumps on every update, whatever the update says it is', async () => {
    const read = () =>
      withUser(t.app, alice.userId, async (tx) => {
        const rows = await tx.execute<{ version: number }>(
          sql`select version from applications where id = ${alice.applicationId}`,
        );
        return rows[0]!.version;
      });
    const start = await read();
    await withUser(t.app, alice.userId, (tx) =>
      tx.execute(sql`update applications set notes = 'one' where id = ${alice.applicationId}`),
    );
    expect(await read()).toBe(start + 1);
    await withUser(t.app, alice.userId, (tx) =>
      tx.execute(sql`update applications set notes = 'one' where id = ${alice.applicationId}`),
    );
    expect(await read()).toBe(start + 2);
    await withUser(t.app, alice.userId, (tx) =>
      tx.execute(sql`update applications set version = 1 where id = ${alice.applicationId}`),
    );
    expect(await read()).toBe(start + 3);
  });

  it("a child row (interview, contact) cannot point at another user's application", async () => {
    const interview = await sqlStateOf(
      withUser(t.app, alice.userId, (tx) =>
        tx.insert(interviews).values({
          applicationId: bob.applicationId,
          userId: alice.userId,
          scheduledAt: new Date(),
        }),
      ),
    );
    expect(interview).toBe(FOREIGN_KEY_VIOLATION);
    const contact = await sqlStateOf(
      withUser(t.app, alice.userId, (tx) =>
        tx.insert(contacts).values({
          applicationId: bob.applicationId,
          userId: alice.userId,
          name: 'Sneaky',
        }),
      ),
    );
    expect(contact).toBe(FOREIGN_KEY_VIOLATION);
    const [row] = await t.owner.sql`
      select (select count(*) from interviews where application_id = ${bob.applicationId})::int
           + (select count(*) from contacts where application_id = ${bob.applicationId})::int as n`;
    expect(row?.n).toBe(2);
  });
});

describe('issue 10: document children carry their owner in the key', () => {
  it("a version cannot point at another user's document, even written as the owner role", async () => {
    const code = await sqlStateOf(
      t.owner.sql`
        insert into document_versions (document_id, user_id, version, content, generator)
        values (${bob.documentId}, ${alice.userId}, 99, 'planted', 'builtin')`,
    );
    expect(code).toBe(FOREIGN_KEY_VIOLATION);
    const [row] = await t.owner.sql`
      select count(*)::int as n from document_versions where content = 'planted'`;
    expect(row?.n).toBe(0);
  });

  it("a version cannot be moved under another user's document", async () => {
    const code = await sqlStateOf(
      t.owner.sql`
        update document_versions set document_id = ${bob.documentId}, version = 77
         where document_id = ${alice.documentId}`,
    );
    expect(code).toBe(FOREIGN_KEY_VIOLATION);
  });

  it("quota history cannot name another user's application or document", async () => {
    const application = await sqlStateOf(
      t.owner.sql`
        insert into quota_history (user_id, type, period, application_id)
        values (${alice.userId}, 'generation', '2000-01', ${bob.applicationId})`,
    );
    expect(application).toBe(FOREIGN_KEY_VIOLATION);
    const document = await sqlStateOf(
      t.owner.sql`
        insert into quota_history (user_id, type, period, document_id)
        values (${alice.userId}, 'generation', '2000-01', ${bob.documentId})`,
    );
    expect(document).toBe(FOREIGN_KEY_VIOLATION);
  });

  it('deleting an application keeps its quota history, without the reference', async () => {
    const carol = await seedUser(t, 'carol');
    await t.owner.sql`
      insert into quota_history (user_id, type, period, application_id, document_id)
      values (${carol.userId}, 'generation', '2000-01', ${carol.applicationId}, ${carol.documentId})`;
    await t.owner.sql`delete from applications where id = ${carol.applicationId}`;
    const rows = await t.owner.sql<
      { user_id: string; application_id: string | null; document_id: string | null }[]
    >`select user_id, application_id, document_id from quota_history where user_id = ${carol.userId} and period = '2000-01'`;
    expect(rows).toEqual([{ user_id: carol.userId, application_id: null, document_id: null }]);
  });
});

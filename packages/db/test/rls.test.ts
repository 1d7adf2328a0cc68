// Row-level security is the authority (ARCHITECTURE.md): these tests connect as
// the request role and check every user-data table × every operation against
// another user's rows. The tables are read from pg_class, so a new table fails
// here until it has policies and a fixture below.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applicationStageHistory,
  applications,
  certifications,
  companies,
  contacts,
  documentVersions,
  documents,
  education,
  matchResults,
  interviews,
  profiles,
  resumes,
  sessions,
  skills,
  users,
  workExperiences,
} from '../src/schema/index';
import { withUser, type Tx } from '../src/client';
import { createTestDatabase, type TestDatabase } from '../src/testing/index';

const JOB_DESCRIPTION =
  'Build and operate the services behind a job tracker; Postgres, TypeScript and care for detail.';
const RESUME_CONTENT = `# A base resume\n\n${'Shipped services people rely on, with Postgres and TypeScript. '.repeat(3)}`;

/** One user's fixture rows, created through the request role as the app would. */
interface Seeded {
  userId: string;
  companyId: string;
  applicationId: string;
  documentId: string;
}

interface TableFixture {
  /** The column naming the user who owns a row (read with the owner client). */
  ownerColumn: string;
  /** A column its owner may change; another user's attempt must change nothing. */
  probeColumn: string;
  /** Inserts a row belonging to `victim` (run under another user's context). */
  insertFor(tx: Tx, victim: Seeded): Promise<unknown>;
}

/**
 * Every table holding user data. A table missing here fails the coverage test:
 * add its policies (ENABLE + FORCE RLS) and a fixture, and it joins the matrix.
 */
const userTables: Record<string, TableFixture> = {
  users: {
    ownerColumn: 'id',
    probeColumn: 'display_name',
    // An account that is not the current user's own.
    insertFor: (tx) =>
      tx.insert(users).values({
        id: randomUUID(),
        email: `${randomUUID()}@example.com`,
        passwordHash: 'x',
        displayName: 'Intruder',
      }),
  },
  sessions: {
    ownerColumn: 'user_id',
    probeColumn: 'user_agent',
    insertFor: (tx, victim) =>
      tx.insert(sessions).values({
        id: sessionId(),
        userId: victim.userId,
        expiresAt: new Date(Date.now() + 86_400_000),
      }),
  },
  profiles: {
    ownerColumn: 'user_id',
    probeColumn: 'headline',
    insertFor: (tx, victim) => tx.insert(profiles).values({ userId: victim.userId }),
  },
  applications: {
    ownerColumn: 'user_id',
    probeColumn: 'notes',
    insertFor: (tx, victim) =>
      tx.insert(applications).values({
        userId: victim.userId,
        companyId: victim.companyId,
        companyName: 'Acme',
        roleTitle: 'Planted role',
        jobDescription: JOB_DESCRIPTION,
        position: 'a5',
      }),
  },
  application_stage_history: {
    ownerColumn: 'user_id',
    probeColumn: 'note',
    insertFor: (tx, victim) =>
      tx.insert(applicationStageHistory).values({
        applicationId: victim.applicationId,
        userId: victim.userId,
        toStage: 'offer',
      }),
  },
  interviews: {
    ownerColumn: 'user_id',
    probeColumn: 'notes',
    insertFor: (tx, victim) =>
      tx.insert(interviews).values({
        applicationId: victim.applicationId,
        userId: victim.userId,
        scheduledAt: new Date(),
      }),
  },
  contacts: {
    ownerColumn: 'user_id',
    probeColumn: 'notes',
    insertFor: (tx, victim) =>
      tx.insert(contacts).values({
        applicationId: victim.applicationId,
        userId: victim.userId,
        name: 'Planted contact',
      }),
  },
  work_experiences: {
    ownerColumn: 'user_id',
    probeColumn: 'description',
    insertFor: (tx, victim) =>
      tx
        .insert(workExperiences)
        .values({ userId: victim.userId, company: 'Planted', title: 'Role' }),
  },
  education: {
    ownerColumn: 'user_id',
    probeColumn: 'description',
    insertFor: (tx, victim) =>
      tx.insert(education).values({ userId: victim.userId, institution: 'Planted University' }),
  },
  certifications: {
    ownerColumn: 'user_id',
    probeColumn: 'credential_id',
    insertFor: (tx, victim) =>
      tx.insert(certifications).values({ userId: victim.userId, name: 'Planted certificate' }),
  },
  skills: {
    ownerColumn: 'user_id',
    probeColumn: 'name',
    insertFor: (tx, victim) =>
      tx.insert(skills).values({ userId: victim.userId, name: `Planted ${randomUUID()}` }),
  },
  resumes: {
    ownerColumn: 'user_id',
    probeColumn: 'focus_area',
    insertFor: (tx, victim) =>
      tx
        .insert(resumes)
        .values({ userId: victim.userId, name: 'Planted', content: RESUME_CONTENT }),
  },
  documents: {
    ownerColumn: 'user_id',
    probeColumn: 'error',
    insertFor: (tx, victim) =>
      tx.insert(documents).values({
        applicationId: victim.applicationId,
        userId: victim.userId,
        type: 'cover_letter',
      }),
  },
  document_versions: {
    ownerColumn: 'user_id',
    probeColumn: 'content',
    insertFor: (tx, victim) =>
      tx.insert(documentVersions).values({
        documentId: victim.documentId,
        userId: victim.userId,
        version: 99,
        content: 'planted',
        generator: 'planted',
      }),
  },
  match_results: {
    ownerColumn: 'user_id',
    probeColumn: 'feedback',
    insertFor: (tx, victim) =>
      tx.insert(matchResults).values({
        applicationId: victim.applicationId,
        userId: victim.userId,
        score: 100,
        feedback: 'planted',
        generator: 'planted',
      }),
  },
  // Quotas change only through pursuit.consume_quota; people cannot write them.
  quota_usage: {
    ownerColumn: 'user_id',
    probeColumn: 'period',
    insertFor: (tx, victim) =>
      tx.execute(
        sql`insert into quota_usage (user_id, type, period, used) values (${victim.userId}, 'generation', '2000-01', 0)`,
      ),
  },
  quota_history: {
    ownerColumn: 'user_id',
    probeColumn: 'period',
    insertFor: (tx, victim) =>
      tx.execute(
        sql`insert into quota_history (user_id, type, period) values (${victim.userId}, 'generation', '2000-01')`,
      ),
  },
};

/** Shared reference data: readable by any signed-in user, so not in the cross-user matrix. */
const sharedTables = new Set(['companies']);

const OPERATIONS = ['select', 'insert', 'update', 'delete'] as const;

function sessionId(): string {
  return createHash('sha256').update(randomBytes(20)).digest('hex');
}

/** The SQLSTATE of a Postgres error, looking through drizzle's wrapping. */
function pgCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

async function sqlStateOf(work: Promise<unknown>): Promise<string | undefined> {
  try {
    await work;
  } catch (error) {
    return pgCode(error) ?? `not a Postgres error: ${String(error)}`;
  }
  return undefined;
}

const INSUFFICIENT_PRIVILEGE = '42501'; // also raised for a row-level security violation
const FOREIGN_KEY_VIOLATION = '23503';

/**
 * Runs `query` as `userId`. A refusal (42501: no privilege, or a policy's WITH
 * CHECK) comes back as `denied`; any other error is a broken test and is thrown.
 */
async function attempt(
  t: TestDatabase,
  userId: string | null,
  query: SQL,
): Promise<{ denied: true } | { denied: false; rows: Record<string, unknown>[] }> {
  try {
    const rows = await withUser(t.app, userId, (tx) => tx.execute(query));
    return { denied: false, rows: [...rows] };
  } catch (error) {
    if (pgCode(error) === INSUFFICIENT_PRIVILEGE) return { denied: true };
    throw error;
  }
}

/** What the owner (BYPASSRLS) sees of `ids` in `table`: a fingerprint per row. */
async function fingerprints(t: TestDatabase, table: string, ids: string[]) {
  const rows = await t.owner.db.execute<{ id: string; digest: string }>(
    sql`select id::text as id, md5(x::text) as digest from ${sql.identifier(table)} x
         where id::text in ${inList(ids)} order by id`,
  );
  return rows.map((r) => `${r.id}:${r.digest}`);
}

async function rowIdsOwnedBy(t: TestDatabase, table: string, userId: string): Promise<string[]> {
  const fixture = userTables[table]!;
  const rows = await t.owner.db.execute<{ id: string }>(
    sql`select id::text as id from ${sql.identifier(table)}
         where ${sql.identifier(fixture.ownerColumn)} = ${userId} order by id`,
  );
  return rows.map((r) => r.id);
}

function inList(ids: string[]): SQL {
  return sql`(${sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  )})`;
}

/** Sign-up, a session, and one application with an interview and a contact: as the app does it. */
async function seedUser(t: TestDatabase, label: string): Promise<Seeded> {
  const userId = randomUUID();
  await withUser(t.app, userId, (tx) =>
    tx.insert(users).values({
      id: userId,
      email: `${label}-${userId}@example.com`,
      passwordHash: 'not-a-real-hash',
      displayName: label,
    }),
  );
  return withUser(t.app, userId, async (tx) => {
    await tx.insert(sessions).values({
      id: sessionId(),
      userId,
      expiresAt: new Date(Date.now() + 86_400_000),
      userAgent: `${label}'s browser`,
    });
    const [company] = await tx
      .insert(companies)
      .values({ name: `${label} Corp ${userId}` })
      .returning({ id: companies.id });
    const [application] = await tx
      .insert(applications)
      .values({
        userId,
        companyId: company!.id,
        companyName: 'ignored: copied by trigger',
        roleTitle: `${label}'s role`,
        jobDescription: JOB_DESCRIPTION,
        position: 'a0',
        notes: `${label}'s private notes`,
      })
      .returning({ id: applications.id });
    await tx.insert(interviews).values({
      applicationId: application!.id,
      userId,
      scheduledAt: new Date(),
      notes: `${label}'s interview`,
    });
    await tx.insert(contacts).values({
      applicationId: application!.id,
      userId,
      name: `${label}'s recruiter`,
    });
    // Profile data (issue 5): one row in each table, so the matrix covers them.
    await tx.insert(workExperiences).values({ userId, company: `${label} Ltd`, title: 'Engineer' });
    await tx.insert(education).values({ userId, institution: `${label} University` });
    await tx.insert(certifications).values({ userId, name: `${label}'s certificate` });
    await tx.insert(skills).values({ userId, name: 'TypeScript' });
    await tx.insert(resumes).values({ userId, name: `${label}'s resume`, content: RESUME_CONTENT });
    // Documents (issue 6): a document with a version, a match result, and a
    // unit of quota taken through the one function allowed to write quotas.
    const [document] = await tx
      .insert(documents)
      .values({ applicationId: application!.id, userId, type: 'research_report' })
      .returning({ id: documents.id });
    await tx.insert(documentVersions).values({
      documentId: document!.id,
      userId,
      version: 1,
      content: `${label}'s research`,
      generator: 'builtin',
    });
    await tx.insert(matchResults).values({
      applicationId: application!.id,
      userId,
      score: 50,
      feedback: `${label}'s feedback`,
      generator: 'builtin',
    });
    await tx.execute(
      sql`select pursuit.consume_quota('generation', null, ${application!.id}::uuid, ${document!.id}::uuid)`,
    );
    return {
      userId,
      companyId: company!.id,
      applicationId: application!.id,
      documentId: document!.id,
    };
  });
}

let t: TestDatabase;
let alice: Seeded;
let bob: Seeded;
/** Bob's rows per table, as the owner sees them. */
const bobRows: Record<string, string[]> = {};
const aliceRows: Record<string, string[]> = {};
let publicTables: { name: string; rls: boolean; force: boolean }[];

beforeAll(async () => {
  t = await createTestDatabase();
  alice = await seedUser(t, 'alice');
  bob = await seedUser(t, 'bob');
  publicTables = await t.owner.sql<{ name: string; rls: boolean; force: boolean }[]>`
    select c.relname as name, c.relrowsecurity as rls, c.relforcerowsecurity as force
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and c.relkind in ('r', 'p')
     order by c.relname`;
  for (const table of Object.keys(userTables)) {
    aliceRows[table] = await rowIdsOwnedBy(t, table, alice.userId);
    bobRows[table] = await rowIdsOwnedBy(t, table, bob.userId);
  }
});

afterAll(async () => {
  await t?.close();
});

describe('the set of tables under test', () => {
  it('every public table is either user data with a fixture here or known shared reference data', () => {
    const covered = new Set([...Object.keys(userTables), ...sharedTables]);
    const uncovered = publicTables.map((r) => r.name).filter((name) => !covered.has(name));
    expect(
      uncovered,
      `public tables without RLS fixtures in packages/db/test/rls.test.ts: ${uncovered.join(', ')}. ` +
        'Give each policies (ENABLE + FORCE ROW LEVEL SECURITY) and an entry in userTables.',
    ).toEqual([]);
    const stale = [...covered].filter((name) => !publicTables.some((r) => r.name === name));
    expect(stale, `fixtures for tables that no longer exist: ${stale.join(', ')}`).toEqual([]);
  });

  it('each user owns at least one row in every user-data table, so the matrix is not vacuous', () => {
    for (const table of Object.keys(userTables)) {
      expect(aliceRows[table], `alice has no ${table} row`).not.toEqual([]);
      expect(bobRows[table], `bob has no ${table} row`).not.toEqual([]);
    }
  });
});

describe('row-level security settings', () => {
  it('every public table has row-level security enabled and forced', () => {
    const lax = publicTables.filter((r) => !r.rls || !r.force).map((r) => r.name);
    expect(lax, `tables without ENABLE + FORCE ROW LEVEL SECURITY: ${lax.join(', ')}`).toEqual([]);
    expect(publicTables.length).toBeGreaterThan(0);
  });

  it('the request role is not a superuser, cannot bypass RLS and owns no table', async () => {
    const [role] = await t.app.sql<{ rolname: string; rolsuper: boolean; rolbypassrls: boolean }[]>`
      select rolname, rolsuper, rolbypassrls from pg_roles where rolname = current_user`;
    expect(role).toEqual({ rolname: 'pursuit_app', rolsuper: false, rolbypassrls: false });
    const owned = await t.app.sql<{ relname: string }[]>`
      select c.relname from pg_class c join pg_roles r on r.oid = c.relowner
       where r.rolname = 'pursuit_app'`;
    expect(owned.map((r) => r.relname)).toEqual([]);
  });

  it('the request role has no privilege on schema pursuit_internal', async () => {
    const [privileges] = await t.owner.sql<{ usage: boolean; create: boolean }[]>`
      select has_schema_privilege('pursuit_app', 'pursuit_internal', 'USAGE') as usage,
             has_schema_privilege('pursuit_app', 'pursuit_internal', 'CREATE') as create`;
    expect(privileges).toEqual({ usage: false, create: false });
    const code = await sqlStateOf(
      withUser(t.app, alice.userId, (tx) =>
        tx.execute(sql`select count(*) from pursuit_internal.login_failures`),
      ),
    );
    expect(code).toBe(INSUFFICIENT_PRIVILEGE);
  });
});

describe.each(Object.keys(userTables))('a user and another user’s %s', (table) => {
  const fixture = () => userTables[table]!;
  const id = sql.identifier;

  it(`a user cannot read another user's ${table}`, async () => {
    const outcome = await attempt(t, alice.userId, sql`select id::text as id from ${id(table)}`);
    if (outcome.denied) return;
    const seen = outcome.rows.map((r) => String(r.id));
    expect(seen.filter((v) => bobRows[table]!.includes(v))).toEqual([]);
    // The policy is not simply "deny all": the user's own rows are there.
    expect(seen).toEqual(expect.arrayContaining(aliceRows[table]!));
    const direct = await attempt(
      t,
      alice.userId,
      sql`select * from ${id(table)} where id::text in ${inList(bobRows[table]!)}`,
    );
    expect(direct.denied || direct.rows.length === 0).toBe(true);
  });

  it(`a user cannot insert ${table} rows belonging to another user`, async () => {
    const before = await rowIdsOwnedBy(t, table, bob.userId);
    const code = await sqlStateOf(
      withUser(t.app, alice.userId, (tx) => fixture().insertFor(tx, bob)),
    );
    expect(code, `inserting a ${table} row for another user was not refused`).toBe(
      INSUFFICIENT_PRIVILEGE,
    );
    if (table !== 'users') expect(await rowIdsOwnedBy(t, table, bob.userId)).toEqual(before);
  });

  it(`a user cannot update another user's ${table}`, async () => {
    const before = await fingerprints(t, table, bobRows[table]!);
    const outcome = await attempt(
      t,
      alice.userId,
      sql`update ${id(table)} set ${id(fixture().probeColumn)} = 'changed by another user'
           where id::text in ${inList(bobRows[table]!)} returning *`,
    );
    expect(outcome.denied || outcome.rows.length === 0).toBe(true);
    expect(await fingerprints(t, table, bobRows[table]!)).toEqual(before);
  });

  it(`a user cannot reassign their own ${table} row to another user`, async () => {
    const before = await fingerprints(t, table, aliceRows[table]!);
    const outcome = await attempt(
      t,
      alice.userId,
      sql`update ${id(table)} set ${id(fixture().ownerColumn)} = ${bob.userId}
           where id::text in ${inList(aliceRows[table]!)} returning *`,
    );
    expect(outcome.denied || outcome.rows.length === 0).toBe(true);
    expect(await fingerprints(t, table, aliceRows[table]!)).toEqual(before);
  });

  it(`a user cannot delete another user's ${table}`, async () => {
    const outcome = await attempt(
      t,
      alice.userId,
      sql`delete from ${id(table)} where id::text in ${inList(bobRows[table]!)} returning *`,
    );
    expect(outcome.denied || outcome.rows.length === 0).toBe(true);
    expect(await rowIdsOwnedBy(t, table, bob.userId)).toEqual(bobRows[table]);
  });

  it(`with no user set, ${table} shows nothing and no write lands`, async () => {
    const read = await attempt(t, null, sql`select * from ${id(table)}`);
    expect(read.denied || read.rows.length === 0).toBe(true);
    const update = await attempt(
      t,
      null,
      sql`update ${id(table)} set ${id(fixture().probeColumn)} = 'changed anonymously' returning *`,
    );
    expect(update.denied || update.rows.length === 0).toBe(true);
    const removed = await attempt(t, null, sql`delete from ${id(table)} returning *`);
    expect(removed.denied || removed.rows.length === 0).toBe(true);
    expect(await rowIdsOwnedBy(t, table, bob.userId)).toEqual(bobRows[table]);
    expect(await rowIdsOwnedBy(t, table, alice.userId)).toEqual(aliceRows[table]);
  });

  it.each(OPERATIONS)(`%s on ${table} is covered by a policy or withheld by grants`, async (op) => {
    // A granted operation with RLS on and no policy silently matches nothing, which
    // hides mistakes: every granted operation must have a policy naming it.
    const [row] = await t.owner.sql<{ granted: boolean; policies: number }[]>`
      select has_table_privilege('pursuit_app', ${`public.${table}`}, ${op})
             or (${op} = 'update' and has_any_column_privilege('pursuit_app', ${`public.${table}`}, 'UPDATE'))
             or (${op} = 'insert' and has_any_column_privilege('pursuit_app', ${`public.${table}`}, 'INSERT'))
             as granted,
             (select count(*)::int from pg_policies p
               where p.schemaname = 'public' and p.tablename = ${table}
                 and p.cmd in (upper(${op}), 'ALL')) as policies`;
    if (row!.granted)
      expect(row!.policies, `${op} on ${table} is granted without a policy`).toBeGreaterThan(0);
  });
});

describe('no user set', () => {
  it('with no user set, nothing is visible in any public table, shared ones included', async () => {
    for (const { name } of publicTables) {
      const outside = await t.app.db.execute(sql`select 1 from ${sql.identifier(name)} limit 1`);
      expect([...outside], `${name} is visible outside any transaction`).toEqual([]);
      const inside = await attempt(t, null, sql`select 1 from ${sql.identifier(name)} limit 1`);
      expect(inside.denied || inside.rows.length === 0, `${name} is visible with no user`).toBe(
        true,
      );
    }
  });
});

describe('shared companies', () => {
  it('any signed-in user can read a company another user created', async () => {
    const rows = await withUser(t.app, alice.userId, (tx) =>
      tx.execute(sql`select id from companies where id = ${bob.companyId}`),
    );
    expect([...rows]).toHaveLength(1);
  });

  it('a user cannot rename or delete a shared company', async () => {
    const renamed = await attempt(
      t,
      alice.userId,
      sql`update companies set name = 'Hijacked' returning *`,
    );
    expect(renamed.denied || renamed.rows.length === 0).toBe(true);
    const removed = await attempt(t, alice.userId, sql`delete from companies returning *`);
    expect(removed.denied || removed.rows.length === 0).toBe(true);
  });
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

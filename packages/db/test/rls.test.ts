// Row-level security is the authority (ARCHITECTURE.md): these tests connect as
// the request role and check every user-data table × every operation against
// another user's rows. The tables are read from pg_class, so a new table fails
// here until it has policies and a fixture below.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withUser } from '../src/client';
import { createTestDatabase, type TestDatabase } from '../src/testing/index';
import {
  attempt,
  fingerprints,
  inList,
  INSUFFICIENT_PRIVILEGE,
  keyOf,
  OPERATIONS,
  probeValueOf,
  rowIdsOwnedBy,
  seedSharing,
  seedUser,
  sharedTables,
  sqlStateOf,
  userTables,
  type Seeded,
} from './support/rls';

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
  // Each also shares their search with a coach of their own (never with each
  // other): the sharing tables then hold rows of both, and neither is the
  // other's grantee, so this matrix is still "a stranger". The grant matrix
  // (viewer, commenter, editor, revoked) is sharing-rls.test.ts.
  await seedSharing(t, alice, 'alice');
  await seedSharing(t, bob, 'bob');
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
    const outcome = await attempt(
      t,
      alice.userId,
      sql`select ${keyOf(table)} as id from ${id(table)}`,
    );
    if (outcome.denied) return;
    const seen = outcome.rows.map((r) => String(r.id));
    expect(seen.filter((v) => bobRows[table]!.includes(v))).toEqual([]);
    // The policy is not simply "deny all": the user's own rows are there.
    expect(seen).toEqual(expect.arrayContaining(aliceRows[table]!));
    const direct = await attempt(
      t,
      alice.userId,
      sql`select * from ${id(table)} where ${keyOf(table)} in ${inList(bobRows[table]!)}`,
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
      sql`update ${id(table)}
             set ${id(fixture().probeColumn)} = ${probeValueOf(table, 'changed by another user')}
           where ${keyOf(table)} in ${inList(bobRows[table]!)} returning *`,
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
           where ${keyOf(table)} in ${inList(aliceRows[table]!)} returning *`,
    );
    expect(outcome.denied || outcome.rows.length === 0).toBe(true);
    expect(await fingerprints(t, table, aliceRows[table]!)).toEqual(before);
  });

  it(`a user cannot delete another user's ${table}`, async () => {
    const outcome = await attempt(
      t,
      alice.userId,
      sql`delete from ${id(table)} where ${keyOf(table)} in ${inList(bobRows[table]!)} returning *`,
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
      sql`update ${id(table)}
             set ${id(fixture().probeColumn)} = ${probeValueOf(table, 'changed anonymously')}
           returning *`,
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

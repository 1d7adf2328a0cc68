// Rules of sharing beyond who sees which row (migration 0012): the definer
// functions (invitations, people, admin, quota), the triggers (shares, private
// applications, comments, notifications) and the audience the change feed
// records. Everything runs as the request role, as the API would.
import { createHash } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMENT_MAX_LENGTH } from '../src/schema/index';
import { withUser } from '../src/client';
import { createTestDatabase, type TestDatabase } from '../src/testing/index';
import {
  accept,
  createAccount,
  INSUFFICIENT_PRIVILEGE,
  invite,
  JOB_DESCRIPTION,
  seedUser,
  sessionId,
  share,
  sqlStateOf,
  tokenHash,
  type Seeded,
} from './support/rls';

const CHECK_VIOLATION = '23514';
const NO_DATA_FOUND = 'P0002';

let t: TestDatabase;
let admin: string;
let owner: Seeded;
let viewer: string;
let commenter: string;
let editor: string;
let stranger: string;
/** The owner's private application. */
let privateApp: string;
const shareOf: Record<string, string> = {};

/** Rows of `query` run as `userId` (null: no one signed in). */
async function as<T extends Record<string, unknown>>(userId: string | null, query: SQL) {
  return [...(await withUser(t.app, userId, (tx) => tx.execute<T>(query)))];
}

/** The SQLSTATE `query` fails with as `userId`, or undefined when it succeeds. */
function codeAs(userId: string | null, query: SQL) {
  return sqlStateOf(withUser(t.app, userId, (tx) => tx.execute(query)));
}

async function newApplication(userId: string, companyId: string, isPrivate = false) {
  const [row] = await as<{ id: string }>(
    userId,
    sql`insert into applications (user_id, company_id, company_name, role_title, job_description, position, private)
        values (${userId}, ${companyId}, 'x', 'Another role', ${JOB_DESCRIPTION}, 'a2', ${isPrivate})
        returning id`,
  );
  return row!.id;
}

async function comment(
  author: string,
  applicationId: string,
  body: string,
  mentions: string[] = [],
) {
  const [row] = await as<{ id: string; mentions: string[] }>(
    author,
    sql`insert into comments (owner_id, application_id, author_id, body, mentions)
        values (${owner.userId}, ${applicationId}, ${author}, ${body},
                ${`{${mentions.join(',')}}`}::uuid[])
        returning id, mentions::text[] as mentions`,
  );
  return row!;
}

async function notificationsOf(userId: string) {
  return t.owner.sql<
    {
      kind: string;
      actor_id: string | null;
      comment_id: string | null;
      application_id: string | null;
      summary: string;
    }[]
  >`
    select kind::text, actor_id, comment_id, application_id, summary from notifications
     where user_id = ${userId} order by created_at, id`;
}

beforeAll(async () => {
  t = await createTestDatabase();
  admin = await createAccount(t, 'Ada Admin'); // the instance's first account
  owner = await seedUser(t, 'Olivia Owner');
  viewer = await createAccount(t, 'Vic Viewer');
  commenter = await createAccount(t, 'Cody Commenter');
  editor = await createAccount(t, 'Eddie Editor');
  stranger = await createAccount(t, 'Sam Stranger');
  shareOf.viewer = await share(t, owner.userId, viewer, 'viewer');
  shareOf.commenter = await share(t, owner.userId, commenter, 'commenter');
  shareOf.editor = await share(t, owner.userId, editor, 'editor');
  privateApp = await newApplication(owner.userId, owner.companyId, true);
});

afterAll(async () => {
  await t?.close();
});

describe('accounts and admins', () => {
  it("the instance's first account is its admin, every later one a user", async () => {
    const rows = await t.owner.sql<{ id: string; role: string }[]>`
      select id, role::text from users order by created_at, id`;
    expect(rows[0]).toEqual({ id: admin, role: 'admin' });
    expect(rows.slice(1).map((r) => r.role)).toEqual(rows.slice(1).map(() => 'user'));
    expect(await as(admin, sql`select pursuit.is_admin() as yes`)).toEqual([{ yes: true }]);
    expect(await as(owner.userId, sql`select pursuit.is_admin() as yes`)).toEqual([{ yes: false }]);
  });

  it('the admin functions refuse anyone who is not an admin', async () => {
    for (const person of [owner.userId, viewer, stranger]) {
      expect(await codeAs(person, sql`select * from pursuit.admin_accounts()`)).toBe(
        INSUFFICIENT_PRIVILEGE,
      );
      expect(await codeAs(person, sql`select pursuit.admin_set_disabled(${stranger}, true)`)).toBe(
        INSUFFICIENT_PRIVILEGE,
      );
      expect(await codeAs(person, sql`select pursuit.admin_set_role(${person}, 'admin')`)).toBe(
        INSUFFICIENT_PRIVILEGE,
      );
    }
    expect(await codeAs(null, sql`select * from pursuit.admin_accounts()`)).toBe(
      INSUFFICIENT_PRIVILEGE,
    );
    const [row] = await t.owner.sql`select disabled_at from users where id = ${stranger}`;
    expect(row?.disabled_at).toBeNull();
  });

  it('an admin lists the accounts with their applications', async () => {
    const rows = await as<{ id: string; applications: string; role: string }>(
      admin,
      sql`select id, applications::int as applications, role::text from pursuit.admin_accounts()`,
    );
    expect(rows).toHaveLength(6);
    expect(rows.find((r) => r.id === owner.userId)?.applications).toBe(2);
  });

  it('disabling an account ends its sessions and its sign-in; never one’s own', async () => {
    const session = sessionId();
    await as(
      stranger,
      sql`insert into sessions (id, user_id, expires_at) values (${session}, ${stranger}, now() + interval '1 day')`,
    );
    expect(
      await as(null, sql`select user_id from pursuit.validate_session(${session})`),
    ).toHaveLength(1);
    expect(await codeAs(admin, sql`select pursuit.admin_set_disabled(${admin}, true)`)).toBe(
      'PS004',
    );
    await as(admin, sql`select pursuit.admin_set_disabled(${stranger}, true)`);
    const [left] = await t.owner
      .sql`select count(*)::int as n from sessions where user_id = ${stranger}`;
    expect(left?.n).toBe(0);
    expect(await as(null, sql`select * from pursuit.validate_session(${session})`)).toEqual([]);
    const [login] = await as<{ disabled: boolean }>(
      null,
      sql`select disabled from pursuit.find_login(${'Sam-Stranger'} || '-' || ${stranger} || '@example.com')`,
    );
    expect(login).toEqual({ disabled: true });
    await as(admin, sql`select pursuit.admin_set_disabled(${stranger}, false)`);
    const [back] = await t.owner.sql`select disabled_at from users where id = ${stranger}`;
    expect(back?.disabled_at).toBeNull();
  });

  it('when the last admin deletes their account, the oldest remaining account becomes admin', async () => {
    const other = await createTestDatabase();
    try {
      const first = await createAccount(other, 'First');
      const second = await createAccount(other, 'Second');
      const third = await createAccount(other, 'Third');
      await withUser(other.app, first, (tx) =>
        tx.execute(sql`delete from users where id = ${first}`),
      );
      const rows = await other.owner.sql<{ id: string; role: string }[]>`
        select id, role::text from users order by created_at, id`;
      expect(rows).toEqual([
        { id: second, role: 'admin' },
        { id: third, role: 'user' },
      ]);
    } finally {
      await other.close();
    }
  });

  it('the last admin cannot step down; after making another admin they can', async () => {
    expect(await codeAs(admin, sql`select pursuit.admin_set_role(${admin}, 'user')`)).toBe('PS005');
    await as(admin, sql`select pursuit.admin_set_role(${stranger}, 'admin')`);
    await as(admin, sql`select pursuit.admin_set_role(${admin}, 'user')`);
    expect(await as(admin, sql`select pursuit.is_admin() as yes`)).toEqual([{ yes: false }]);
    // Put things back: the stranger restores the first admin and steps down.
    await as(stranger, sql`select pursuit.admin_set_role(${admin}, 'admin')`);
    await as(stranger, sql`select pursuit.admin_set_role(${stranger}, 'user')`);
    expect(await as(admin, sql`select pursuit.is_admin() as yes`)).toEqual([{ yes: true }]);
  });
});

describe('invitations', () => {
  it('only the hash of a token is stored', async () => {
    const token = await invite(t, owner.userId, 'viewer');
    const rows = await t.owner.sql<{ token_hash: string; row: string }[]>`
      select token_hash, i::text as row from share_invitations i where owner_id = ${owner.userId}`;
    expect(
      rows.some((r) => r.token_hash === createHash('sha256').update(token).digest('hex')),
    ).toBe(true);
    expect(rows.filter((r) => r.row.includes(token))).toEqual([]);
  });

  it('a preview needs no sign-in and says whose, which role, and whether it is still good', async () => {
    const token = await invite(t, owner.userId, 'commenter');
    const preview = sql`select owner_name, role::text, status from pursuit.invitation_preview(${tokenHash(token)})`;
    expect(await as(null, preview)).toEqual([
      { owner_name: 'Olivia Owner', role: 'commenter', status: 'valid' },
    ]);
    const newcomer = await createAccount(t, 'Newcomer');
    await accept(t, newcomer, token);
    expect(await as(null, preview)).toEqual([
      { owner_name: 'Olivia Owner', role: 'commenter', status: 'used' },
    ]);
    const old = await invite(t, owner.userId, 'viewer', new Date(Date.now() - 1000));
    const [expired] = await as(
      stranger,
      sql`select status from pursuit.invitation_preview(${tokenHash(old)})`,
    );
    expect(expired).toEqual({ status: 'expired' });
    expect(
      await as(null, sql`select * from pursuit.invitation_preview(${tokenHash('no such token')})`),
    ).toEqual([]);
    await as(
      owner.userId,
      sql`update shares set revoked_at = now() where grantee_id = ${newcomer}`,
    );
  });

  it('accepting makes a share with the invited role and tells the owner', async () => {
    const newcomer = await createAccount(t, 'Nina Newcomer');
    const token = await invite(t, owner.userId, 'editor');
    const [result] = await as<{ share_id: string; owner_id: string; role: string }>(
      newcomer,
      sql`select share_id, owner_id, role::text from pursuit.accept_invitation(${tokenHash(token)})`,
    );
    expect(result).toMatchObject({ owner_id: owner.userId, role: 'editor' });
    const [row] = await t.owner.sql`
      select owner_id, grantee_id, role::text, revoked_at from shares where id = ${result!.share_id}`;
    expect(row).toEqual({
      owner_id: owner.userId,
      grantee_id: newcomer,
      role: 'editor',
      revoked_at: null,
    });
    const [invitation] = await t.owner.sql`
      select accepted_by, accepted_at is not null as accepted from share_invitations where token_hash = ${tokenHash(token)}`;
    expect(invitation).toEqual({ accepted_by: newcomer, accepted: true });
    const told = (await notificationsOf(owner.userId)).filter(
      (n) => n.kind === 'invitation_accepted',
    );
    expect(told.at(-1)).toMatchObject({ actor_id: newcomer });
    expect(told.at(-1)?.summary).toContain('Nina Newcomer accepted your invitation');
    await as(newcomer, sql`update shares set revoked_at = now() where id = ${result!.share_id}`);
  });

  it('a link is single use, and expired, cancelled or one’s own links are refused', async () => {
    const accept_ = (who: string | null, token: string) =>
      codeAs(who, sql`select * from pursuit.accept_invitation(${tokenHash(token)})`);
    const used = await invite(t, owner.userId, 'viewer');
    const first = await createAccount(t, 'First');
    const second = await createAccount(t, 'Second');
    expect(await accept_(first, used)).toBeUndefined();
    expect(await accept_(second, used)).toBe('PS001');
    expect(await accept_(first, used)).toBe('PS001');

    const expired = await invite(t, owner.userId, 'viewer', new Date(Date.now() - 1000));
    expect(await accept_(second, expired)).toBe('PS002');

    const cancelled = await invite(t, owner.userId, 'editor');
    const removed = await as(
      owner.userId,
      sql`delete from share_invitations where token_hash = ${tokenHash(cancelled)} returning id`,
    );
    expect(removed).toHaveLength(1);
    expect(await accept_(second, cancelled)).toBe(NO_DATA_FOUND);
    expect(await accept_(second, 'never issued')).toBe(NO_DATA_FOUND);

    const own = await invite(t, owner.userId, 'editor');
    expect(await accept_(owner.userId, own)).toBe('PS003');
    expect(await accept_(null, own)).toBe(INSUFFICIENT_PRIVILEGE);

    // None of the refusals made a share.
    const [n] = await t.owner
      .sql`select count(*)::int as n from shares where grantee_id = ${second}`;
    expect(n?.n).toBe(0);
    await as(first, sql`update shares set revoked_at = now() where grantee_id = ${first}`);
  });

  it('accepting a second invitation changes the role of the active share, never makes two', async () => {
    const person = await createAccount(t, 'Twice Invited');
    const a = await share(t, owner.userId, person, 'viewer');
    const b = await share(t, owner.userId, person, 'editor');
    expect(b).toBe(a);
    const rows = await t.owner.sql`
      select role::text from shares where owner_id = ${owner.userId} and grantee_id = ${person}`;
    expect(rows).toEqual([{ role: 'editor' }]);
    await as(person, sql`update shares set revoked_at = now() where id = ${a}`);
  });

  it('nobody but the owner reads or cancels an invitation', async () => {
    const token = await invite(t, owner.userId, 'viewer');
    for (const person of [viewer, commenter, editor, stranger]) {
      expect(
        await as(
          person,
          sql`select id from share_invitations where token_hash = ${tokenHash(token)}`,
        ),
      ).toEqual([]);
      expect(
        await as(
          person,
          sql`delete from share_invitations where token_hash = ${tokenHash(token)} returning id`,
        ),
      ).toEqual([]);
    }
  });
});

describe('shares', () => {
  it('a grantee cannot change their own role; the owner can', async () => {
    const person = await createAccount(t, 'Climber');
    const id = await share(t, owner.userId, person, 'viewer');
    expect(await codeAs(person, sql`update shares set role = 'editor' where id = ${id}`)).toBe(
      INSUFFICIENT_PRIVILEGE,
    );
    const state = () => t.owner.sql<{ role: string; touched: boolean }[]>`
      select role::text, updated_at > created_at as touched from shares where id = ${id}`;
    expect(await state()).toEqual([{ role: 'viewer', touched: false }]);
    await as(owner.userId, sql`update shares set role = 'commenter' where id = ${id}`);
    expect(await state()).toEqual([{ role: 'commenter', touched: true }]);
    // Owner-only and not a column people write: the ids of the share.
    expect(
      await codeAs(owner.userId, sql`update shares set grantee_id = ${stranger} where id = ${id}`),
    ).toBe(INSUFFICIENT_PRIVILEGE);
    await as(owner.userId, sql`update shares set revoked_at = now() where id = ${id}`);
  });

  it('a grantee leaves; a revoked share is history: never revived, never changed', async () => {
    const person = await createAccount(t, 'Leaver');
    const id = await share(t, owner.userId, person, 'editor');
    expect(await as(person, sql`select pursuit.can_read(${owner.userId}) as yes`)).toEqual([
      { yes: true },
    ]);
    expect(
      await as(person, sql`update shares set revoked_at = now() where id = ${id} returning id`),
    ).toHaveLength(1);
    expect(await as(person, sql`select pursuit.can_read(${owner.userId}) as yes`)).toEqual([
      { yes: false },
    ]);
    expect(await as(person, sql`select pursuit.access_role(${owner.userId}) as role`)).toEqual([
      { role: null },
    ]);
    for (const who of [owner.userId, person]) {
      expect(await codeAs(who, sql`update shares set revoked_at = null where id = ${id}`)).toBe(
        CHECK_VIOLATION,
      );
      expect(await codeAs(who, sql`update shares set revoked_at = now() where id = ${id}`)).toBe(
        CHECK_VIOLATION,
      );
    }
    expect(
      await codeAs(owner.userId, sql`update shares set role = 'viewer' where id = ${id}`),
    ).toBe(CHECK_VIOLATION);
    const [row] = await t.owner
      .sql`select revoked_at is not null as revoked, role::text from shares where id = ${id}`;
    expect(row).toEqual({ revoked: true, role: 'editor' });
    // What stays: the ended share, and nothing else of the owner's.
    expect(await as(person, sql`select id, revoked_at is not null as revoked from shares`)).toEqual(
      [{ id, revoked: true }],
    );
    expect(await as(person, sql`select id from applications`)).toEqual([]);
    expect(
      await as(person, sql`select * from pursuit.people_with_access(${owner.userId})`),
    ).toEqual([]);
    expect(await as(person, sql`select * from pursuit.share_people()`)).toEqual([]);
    // A new invitation makes a new share.
    const again = await share(t, owner.userId, person, 'viewer');
    expect(again).not.toBe(id);
    await as(owner.userId, sql`update shares set revoked_at = now() where id = ${again}`);
  });

  it('each role is what access_role and can_write say', async () => {
    const check = async (person: string) =>
      (
        await as<{ role: string | null; comment: boolean; edit: boolean }>(
          person,
          sql`select pursuit.access_role(${owner.userId}) as role,
                     pursuit.can_write(${owner.userId}, 'comment') as comment,
                     pursuit.can_write(${owner.userId}, 'edit') as edit`,
        )
      )[0];
    expect(await check(owner.userId)).toEqual({ role: 'owner', comment: true, edit: true });
    expect(await check(editor)).toEqual({ role: 'editor', comment: true, edit: true });
    expect(await check(commenter)).toEqual({ role: 'commenter', comment: true, edit: false });
    expect(await check(viewer)).toEqual({ role: 'viewer', comment: false, edit: false });
    expect(await check(stranger)).toEqual({ role: null, comment: false, edit: false });
  });

  it('share_people lists both sides of the caller’s active shares, and nothing for a stranger', async () => {
    const mine = await as<{ grantee_id: string; grantee_name: string; role: string }>(
      owner.userId,
      sql`select grantee_id, grantee_name, role::text from pursuit.share_people() where owner_id = ${owner.userId}`,
    );
    expect(mine).toEqual([
      { grantee_id: viewer, grantee_name: 'Vic Viewer', role: 'viewer' },
      { grantee_id: commenter, grantee_name: 'Cody Commenter', role: 'commenter' },
      { grantee_id: editor, grantee_name: 'Eddie Editor', role: 'editor' },
    ]);
    const theirs = await as<{ owner_id: string; owner_name: string; grantee_id: string }>(
      viewer,
      sql`select owner_id, owner_name, grantee_id from pursuit.share_people()`,
    );
    expect(theirs).toEqual([
      { owner_id: owner.userId, owner_name: 'Olivia Owner', grantee_id: viewer },
    ]);
    expect(await as(stranger, sql`select * from pursuit.share_people()`)).toEqual([]);
    expect(await as(null, sql`select * from pursuit.share_people()`)).toEqual([]);
  });

  it('people_with_access: the owner and the active grantees, for those who may read; empty for a stranger', async () => {
    const expected = [
      { user_id: owner.userId, display_name: 'Olivia Owner', role: 'owner' },
      { user_id: viewer, display_name: 'Vic Viewer', role: 'viewer' },
      { user_id: commenter, display_name: 'Cody Commenter', role: 'commenter' },
      { user_id: editor, display_name: 'Eddie Editor', role: 'editor' },
    ];
    const byId = (a: { user_id: string }, b: { user_id: string }) =>
      a.user_id.localeCompare(b.user_id);
    for (const person of [owner.userId, viewer, commenter, editor]) {
      const rows = await as<{ user_id: string }>(
        person,
        sql`select user_id, display_name, role from pursuit.people_with_access(${owner.userId})`,
      );
      expect(rows[0]).toEqual(expected[0]);
      expect(rows.sort(byId)).toEqual([...expected].sort(byId));
    }
    expect(
      await as(stranger, sql`select * from pursuit.people_with_access(${owner.userId})`),
    ).toEqual([]);
    expect(await as(null, sql`select * from pursuit.people_with_access(${owner.userId})`)).toEqual(
      [],
    );
  });
});

describe('private applications and editors', () => {
  it('an editor changes an application but not whether it is private, nor whose it is', async () => {
    const app = owner.applicationId;
    expect(
      await as(
        editor,
        sql`update applications set notes = 'edited' where id = ${app} returning id`,
      ),
    ).toHaveLength(1);
    expect(
      await codeAs(editor, sql`update applications set private = true where id = ${app}`),
    ).toBe(INSUFFICIENT_PRIVILEGE);
    expect(
      await codeAs(editor, sql`update applications set user_id = ${editor} where id = ${app}`),
    ).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await as(editor, sql`delete from applications where id = ${app} returning id`)).toEqual(
      [],
    );
    const [row] = await t.owner
      .sql`select private, user_id, notes from applications where id = ${app}`;
    expect(row).toEqual({ private: false, user_id: owner.userId, notes: 'edited' });
  });

  it('an editor cannot move a child row into the private application', async () => {
    const [interview] = await t.owner.sql<{ id: string }[]>`
      select id from interviews where application_id = ${owner.applicationId} limit 1`;
    expect(
      await codeAs(
        editor,
        sql`update interviews set application_id = ${privateApp} where id = ${interview!.id}`,
      ),
    ).toBe(INSUFFICIENT_PRIVILEGE);
  });

  it('making an application private hides it and its rows from every grantee at once', async () => {
    const app = await newApplication(owner.userId, owner.companyId);
    await as(
      owner.userId,
      sql`insert into interviews (application_id, user_id, scheduled_at) values (${app}, ${owner.userId}, now())`,
    );
    await comment(commenter, app, 'Looks promising');
    const seen = (who: string) =>
      as(
        who,
        sql`select (select count(*)::int from applications where id = ${app}) as apps,
                        (select count(*)::int from interviews where application_id = ${app}) as interviews,
                        (select count(*)::int from comments where application_id = ${app}) as comments`,
      );
    expect(await seen(viewer)).toEqual([{ apps: 1, interviews: 1, comments: 1 }]);
    await as(owner.userId, sql`update applications set private = true where id = ${app}`);
    for (const who of [viewer, commenter, editor]) {
      expect(await seen(who)).toEqual([{ apps: 0, interviews: 0, comments: 0 }]);
    }
    expect(await seen(owner.userId)).toEqual([{ apps: 1, interviews: 1, comments: 1 }]);
    // The author of a comment on it cannot touch that comment any more.
    expect(
      await as(
        commenter,
        sql`update comments set body = 'changed' where application_id = ${app} returning id`,
      ),
    ).toEqual([]);
  });
});

describe('comments', () => {
  it('mentions keep only people with access; the comment tells everyone else with access', async () => {
    const before = {
      owner: (await notificationsOf(owner.userId)).length,
      viewer: (await notificationsOf(viewer)).length,
      editor: (await notificationsOf(editor)).length,
      commenter: (await notificationsOf(commenter)).length,
      stranger: (await notificationsOf(stranger)).length,
    };
    const made = await comment(commenter, owner.applicationId, '@Vic @Sam have a look', [
      viewer,
      stranger,
      owner.userId,
      viewer,
      '00000000-0000-0000-0000-000000000000',
    ]);
    expect([...made.mentions].sort()).toEqual([owner.userId, viewer].sort());
    const latest = async (person: string, n: number) => (await notificationsOf(person)).slice(n);
    expect(await latest(owner.userId, before.owner)).toEqual([
      expect.objectContaining({
        kind: 'mention',
        actor_id: commenter,
        comment_id: made.id,
        application_id: owner.applicationId,
      }),
    ]);
    expect((await latest(owner.userId, before.owner))[0]!.summary).toContain(
      'Cody Commenter mentioned you',
    );
    expect(await latest(viewer, before.viewer)).toEqual([
      expect.objectContaining({ kind: 'mention', comment_id: made.id }),
    ]);
    expect(await latest(editor, before.editor)).toEqual([
      expect.objectContaining({ kind: 'comment', comment_id: made.id }),
    ]);
    expect(await latest(commenter, before.commenter)).toEqual([]);
    expect(await latest(stranger, before.stranger)).toEqual([]);
  });

  it('a comment on a private application tells no grantee', async () => {
    const before = (await notificationsOf(editor)).length;
    await comment(owner.userId, privateApp, 'Note to self', [editor]);
    expect((await notificationsOf(editor)).length).toBe(before);
  });

  it('who may write a comment: the owner, commenters and editors, on applications that are not private', async () => {
    const write = (who: string, app: string) =>
      codeAs(
        who,
        sql`insert into comments (owner_id, application_id, author_id, body)
            values (${owner.userId}, ${app}, ${who}, 'hello')`,
      );
    expect(await write(viewer, owner.applicationId)).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await write(stranger, owner.applicationId)).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await write(commenter, privateApp)).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await write(editor, privateApp)).toBe(INSUFFICIENT_PRIVILEGE);
    // Writing as someone else.
    expect(
      await codeAs(
        commenter,
        sql`insert into comments (owner_id, application_id, author_id, body)
            values (${owner.userId}, ${owner.applicationId}, ${editor}, 'forged')`,
      ),
    ).toBe(INSUFFICIENT_PRIVILEGE);
    expect(
      await codeAs(
        commenter,
        sql`insert into comments (owner_id, application_id, author_id, body)
            values (${owner.userId}, ${owner.applicationId}, ${commenter}, ${'x'.repeat(COMMENT_MAX_LENGTH + 1)})`,
      ),
    ).toBe(CHECK_VIOLATION);
  });

  it('the author edits (edited_at is stamped); nobody else edits the body', async () => {
    const { id } = await comment(commenter, owner.applicationId, 'First thought');
    const [edited] = await as<{ body: string; edited: boolean }>(
      commenter,
      sql`update comments set body = 'Second thought' where id = ${id} returning body, edited_at is not null as edited`,
    );
    expect(edited).toEqual({ body: 'Second thought', edited: true });
    expect(
      await codeAs(
        owner.userId,
        sql`update comments set body = 'Owner rewrote it' where id = ${id}`,
      ),
    ).toBe(INSUFFICIENT_PRIVILEGE);
    expect(
      await as(
        editor,
        sql`update comments set body = 'Editor rewrote it' where id = ${id} returning id`,
      ),
    ).toEqual([]);
    expect(
      await as(viewer, sql`update comments set deleted_at = now() where id = ${id} returning id`),
    ).toEqual([]);
    const [row] = await t.owner.sql`select body, deleted_at from comments where id = ${id}`;
    expect(row).toEqual({ body: 'Second thought', deleted_at: null });
  });

  it('a commenter made a viewer no longer edits or deletes their comments', async () => {
    const extra = await createAccount(t, 'Dora Downgraded');
    const shareId = await share(t, owner.userId, extra, 'commenter');
    const { id } = await comment(extra, owner.applicationId, 'Written as a commenter');
    await as(owner.userId, sql`update shares set role = 'viewer' where id = ${shareId}`);
    expect(
      await as(
        extra,
        sql`update comments set body = 'Edited as a viewer' where id = ${id} returning id`,
      ),
    ).toEqual([]);
    expect(
      await as(extra, sql`update comments set deleted_at = now() where id = ${id} returning id`),
    ).toEqual([]);
    await as(owner.userId, sql`update shares set revoked_at = now() where id = ${shareId}`);
  });

  it('the owner may soft-delete anyone’s comment; a deleted comment is empty and stays deleted', async () => {
    const { id } = await comment(editor, owner.applicationId, 'Something to remove', [viewer]);
    const [deleted] = await as<{ body: string; mentions: string; deleted: boolean }>(
      owner.userId,
      sql`update comments set deleted_at = now() where id = ${id}
          returning body, mentions::text as mentions, deleted_at is not null as deleted`,
    );
    expect(deleted).toEqual({ body: '', mentions: '{}', deleted: true });
    expect(await codeAs(editor, sql`update comments set body = 'back' where id = ${id}`)).toBe(
      CHECK_VIOLATION,
    );
    expect(await codeAs(editor, sql`update comments set deleted_at = null where id = ${id}`)).toBe(
      CHECK_VIOLATION,
    );
    expect(await codeAs(owner.userId, sql`delete from comments where id = ${id}`)).toBe(
      INSUFFICIENT_PRIVILEGE,
    );
    // The author deletes their own, too.
    const mine = await comment(commenter, owner.applicationId, 'Oops');
    expect(
      await as(
        commenter,
        sql`update comments set deleted_at = now() where id = ${mine.id} returning body`,
      ),
    ).toEqual([{ body: '' }]);
  });

  it('comment_authors names the authors for those who may read, nobody else', async () => {
    const authors = (who: string | null, app: string) =>
      as<{ user_id: string }>(who, sql`select user_id from pursuit.comment_authors(${app})`);
    const ids = (await authors(viewer, owner.applicationId)).map((r) => r.user_id);
    expect(ids).toEqual(expect.arrayContaining([commenter, editor]));
    expect(await authors(stranger, owner.applicationId)).toEqual([]);
    expect(await authors(null, owner.applicationId)).toEqual([]);
    expect(await authors(viewer, privateApp)).toEqual([]);
    expect((await authors(owner.userId, privateApp)).map((r) => r.user_id)).toEqual([owner.userId]);
  });

  it('each person marks their own reading, and only on what they may read', async () => {
    const mark = (who: string, app: string) =>
      codeAs(
        who,
        sql`insert into comment_reads (user_id, application_id, owner_id) values (${who}, ${app}, ${owner.userId})
            on conflict (user_id, application_id) do update set read_at = excluded.read_at`,
      );
    expect(await mark(viewer, owner.applicationId)).toBeUndefined();
    expect(await mark(viewer, owner.applicationId)).toBeUndefined();
    expect(await mark(viewer, privateApp)).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await mark(stranger, owner.applicationId)).toBe(INSUFFICIENT_PRIVILEGE);
    expect(
      await as(owner.userId, sql`select user_id from comment_reads where user_id = ${viewer}`),
    ).toEqual([]);
  });
});

describe('notifications', () => {
  it('a stage change by an editor tells the owner and names the editor; the owner’s own moves do not', async () => {
    const before = (await notificationsOf(owner.userId)).length;
    await as(
      editor,
      sql`update applications set stage = 'applied' where id = ${owner.applicationId}`,
    );
    const [history] = await t.owner.sql`
      select actor_id, to_stage::text from application_stage_history
       where application_id = ${owner.applicationId} order by changed_at desc, id desc limit 1`;
    expect(history).toEqual({ actor_id: editor, to_stage: 'applied' });
    const after = (await notificationsOf(owner.userId)).slice(before);
    expect(after).toEqual([
      expect.objectContaining({
        kind: 'stage_change',
        actor_id: editor,
        application_id: owner.applicationId,
      }),
    ]);
    expect(after[0]!.summary).toContain('Eddie Editor moved');
    await as(
      owner.userId,
      sql`update applications set stage = 'interviewing' where id = ${owner.applicationId}`,
    );
    expect((await notificationsOf(owner.userId)).length).toBe(before + 1);
  });

  it('a recipient marks read and deletes their own notifications, nobody else’s', async () => {
    const [n] = await t.owner.sql<
      { id: string }[]
    >`select id from notifications where user_id = ${owner.userId} limit 1`;
    expect(
      await as(
        editor,
        sql`update notifications set read_at = now() where id = ${n!.id} returning id`,
      ),
    ).toEqual([]);
    expect(
      await as(
        owner.userId,
        sql`update notifications set read_at = now() where id = ${n!.id} returning id`,
      ),
    ).toHaveLength(1);
    expect(
      await codeAs(owner.userId, sql`update notifications set summary = 'x' where id = ${n!.id}`),
    ).toBe(INSUFFICIENT_PRIVILEGE);
    expect(
      await as(editor, sql`delete from notifications where id = ${n!.id} returning id`),
    ).toEqual([]);
    expect(
      await as(owner.userId, sql`delete from notifications where id = ${n!.id} returning id`),
    ).toHaveLength(1);
  });

  it('each person keeps their newest 200', async () => {
    const person = await createAccount(t, 'Busy');
    await t.owner.sql`
      insert into notifications (user_id, kind, summary, created_at)
      select ${person}, 'comment', 'n' || i, now() - make_interval(mins => i)
        from generate_series(1, 205) as i`;
    const rows = await as<{ summary: string }>(
      person,
      sql`select summary from notifications order by created_at desc`,
    );
    expect(rows).toHaveLength(200);
    expect(rows[0]!.summary).toBe('n1');
    expect(rows.at(-1)!.summary).toBe('n200');
  });
});

describe('quota', () => {
  async function used() {
    const [row] = await t.owner.sql`
      select coalesce(sum(used), 0)::int as used from quota_usage where user_id = ${owner.userId} and type = 'generation'`;
    return row!.used as number;
  }
  const consume = (who: string) =>
    as<{ ok: boolean }>(
      who,
      sql`select pursuit.consume_quota_for(${owner.userId}, 'generation', null, ${owner.applicationId}::uuid, null) as ok`,
    );

  it("an editor's generation counts on the owner's quota; a viewer, commenter or stranger takes none", async () => {
    const start = await used();
    for (const who of [viewer, commenter, stranger]) {
      expect(await consume(who)).toEqual([{ ok: false }]);
    }
    expect(await used()).toBe(start);
    expect(await consume(editor)).toEqual([{ ok: true }]);
    expect(await used()).toBe(start + 1);
    const [editorRows] = await t.owner
      .sql`select count(*)::int as n from quota_usage where user_id = ${editor}`;
    expect(editorRows?.n).toBe(0);
    // The editor still does not read the owner's quota.
    expect(
      await as(editor, sql`select id from quota_usage where user_id = ${owner.userId}`),
    ).toEqual([]);
  });

  it('the limit holds for an editor as for the owner', async () => {
    const limit = await used();
    expect(
      await as(
        editor,
        sql`select pursuit.consume_quota_for(${owner.userId}, 'generation', ${limit}, null, null) as ok`,
      ),
    ).toEqual([{ ok: false }]);
  });
});

describe('the change feed’s audience (change_log)', () => {
  async function logOf(table: string, rowId: string) {
    return t.owner.sql<
      { op: string; user_id: string; private: boolean; also_user_id: string | null }[]
    >`
      select op, user_id, private, also_user_id from pursuit_internal.change_log
       where table_name = ${table} and row_id = ${rowId} order by id`;
  }

  it("a private application's rows are private; a public one's are not", async () => {
    const app = await newApplication(owner.userId, owner.companyId, true);
    const [interview] = await as<{ id: string }>(
      owner.userId,
      sql`insert into interviews (application_id, user_id, scheduled_at) values (${app}, ${owner.userId}, now()) returning id`,
    );
    const [doc] = await as<{ id: string }>(
      owner.userId,
      sql`insert into documents (application_id, user_id, type) values (${app}, ${owner.userId}, 'cover_letter') returning id`,
    );
    const [version] = await as<{ id: string }>(
      owner.userId,
      sql`insert into document_versions (document_id, user_id, version, content, generator)
          values (${doc!.id}, ${owner.userId}, 1, 'secret', 'builtin') returning id`,
    );
    const note = await comment(owner.userId, app, 'Private note');
    for (const [table, id] of [
      ['applications', app],
      ['interviews', interview!.id],
      ['documents', doc!.id],
      ['document_versions', version!.id],
      ['comments', note.id],
    ] as const) {
      const log = await logOf(table, id);
      expect(log.length, `${table} was not logged`).toBeGreaterThan(0);
      expect(
        log.every((r) => r.private && r.user_id === owner.userId),
        `${table} ${JSON.stringify(log)}`,
      ).toBe(true);
    }
    const open = await comment(commenter, owner.applicationId, 'Public remark');
    expect(await logOf('comments', open.id)).toEqual([
      { op: 'insert', user_id: owner.userId, private: false, also_user_id: null },
    ]);
    const openLog = await logOf('applications', owner.applicationId);
    expect(openLog.every((r) => !r.private)).toBe(true);
  });

  it('making an application private is logged as not private (grantees are told it is gone); changes after are private', async () => {
    const app = await newApplication(owner.userId, owner.companyId);
    await as(owner.userId, sql`update applications set private = true where id = ${app}`);
    await as(owner.userId, sql`update applications set notes = 'hidden now' where id = ${app}`);
    await as(owner.userId, sql`update applications set private = false where id = ${app}`);
    await as(owner.userId, sql`delete from applications where id = ${app}`);
    const log = await logOf('applications', app);
    expect(log.map((r) => [r.op, r.private])).toEqual([
      ['insert', false],
      ['update', false], // made private
      ['update', true],
      ['update', false], // made public again
      ['delete', false],
    ]);
    const hidden = await newApplication(owner.userId, owner.companyId, true);
    await as(owner.userId, sql`delete from applications where id = ${hidden}`);
    expect((await logOf('applications', hidden)).map((r) => [r.op, r.private])).toEqual([
      ['insert', true],
      ['delete', true],
    ]);
  });

  it('shares, notifications and quota rows are private; a share also goes to its grantee', async () => {
    const person = await createAccount(t, 'Logged');
    const id = await share(t, owner.userId, person, 'viewer');
    await as(owner.userId, sql`update shares set revoked_at = now() where id = ${id}`);
    expect(await logOf('shares', id)).toEqual([
      { op: 'insert', user_id: owner.userId, private: true, also_user_id: person },
      { op: 'update', user_id: owner.userId, private: true, also_user_id: person },
    ]);
    const [n] = await t.owner.sql<{ id: string }[]>`
      select id from notifications where user_id = ${owner.userId} order by created_at desc limit 1`;
    expect(await logOf('notifications', n!.id)).toEqual([
      expect.objectContaining({ user_id: owner.userId, private: true, also_user_id: null }),
    ]);
    const [q] = await t.owner.sql<
      { id: string }[]
    >`select id from quota_usage where user_id = ${owner.userId} limit 1`;
    const quotaLog = await logOf('quota_usage', q!.id);
    expect(quotaLog.length).toBeGreaterThan(0);
    expect(quotaLog.every((r) => r.private && r.user_id === owner.userId)).toBe(true);
  });
});

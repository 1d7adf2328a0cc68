// Live routing for shared searches (issue 12), on raw frames, on two server
// processes sharing one database: a grantee's socket carries the owner's
// changes, a stranger's never; private applications never reach the grantee
// (made private: one delete, then nothing); revocation stops everything of
// the owner within 1 s on the other instance; a grantee's resume replays the
// owner's changes; presence crosses instances, typing included, and a closed
// tab is gone at once.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@pursuit/db/testing';
import {
  call,
  caughtUp,
  createApplication,
  ORIGIN,
  RawSubscriber,
  signUp,
  sleep,
  startServer,
  subscribed,
  type Running,
} from './harness';

let db: TestDatabase;
let one: Running;
let two: ChildProcess;
let twoBase: string;
let twoWs: string;

beforeAll(async () => {
  db = await createTestDatabase();
  one = await startServer(db.app, db.owner);
  two = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(new URL('instance.ts', import.meta.url))],
    {
      env: {
        ...process.env,
        TEST_APP_URL: db.appUrl,
        TEST_OWNER_URL: db.ownerUrl,
        TEST_ORIGIN: ORIGIN,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    two.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening (\d+)/.exec(out);
      if (match) resolve(Number(match[1]));
    });
    two.once('exit', (code) => reject(new Error(`instance 2 exited with ${code}`)));
  });
  twoBase = `http://127.0.0.1:${port}`;
  twoWs = `ws://127.0.0.1:${port}/trpc`;
}, 60_000);

afterAll(async () => {
  if (two && two.exitCode === null) {
    two.kill('SIGTERM');
    await new Promise((resolve) => two.once('exit', resolve));
  }
  await one?.pursuit.close();
  await db?.close();
});

type Sql = TestDatabase['app']['sql'];

/** Runs `work` in one transaction as `userId`, through the request role (RLS applies). */
function asUser<T>(userId: string, work: (tx: Sql) => Promise<T>): Promise<T> {
  return db.app.sql.begin(async (tx) => {
    await tx`select set_config('app.user_id', ${userId}, true)`;
    return work(tx as unknown as Sql);
  }) as Promise<T>;
}

/** `owner` shares their search with `grantee` as the data layer does it: an accepted invitation. */
async function share(ownerId: string, granteeId: string, role = 'viewer'): Promise<string> {
  const hash = createHash('sha256').update(randomBytes(32)).digest('hex');
  await asUser(
    ownerId,
    (tx) =>
      tx`insert into share_invitations (owner_id, role, token_hash) values (${ownerId}, ${role}, ${hash})`,
  );
  const rows = await asUser(
    granteeId,
    (tx) => tx<{ share_id: string }[]>`select * from pursuit.accept_invitation(${hash})`,
  );
  return rows[0]!.share_id;
}

async function revoke(ownerId: string, shareId: string): Promise<void> {
  await asUser(ownerId, (tx) => tx`update shares set revoked_at = now() where id = ${shareId}`);
}

async function setPrivate(ownerId: string, applicationId: string, value: boolean) {
  await asUser(
    ownerId,
    (tx) => tx`update applications set private = ${value} where id = ${applicationId}`,
  );
}

async function setNotes(ownerId: string, applicationId: string, notes: string) {
  await asUser(
    ownerId,
    (tx) => tx`update applications set notes = ${notes} where id = ${applicationId}`,
  );
}

const hasApplication = (s: RawSubscriber, id: string, op?: string) => () =>
  s.events.some((e) => e.table === 'applications' && e.id === id && (!op || e.op === op));

describe('who receives a shared search', () => {
  it("carries the owner's changes to the grantee's socket and none to a stranger's", async () => {
    const owner = await signUp(one.base, 'Owner');
    const coach = await signUp(one.base, 'Coach');
    const stranger = await signUp(one.base, 'Stranger');
    await share(owner.id, coach.id);
    await caughtUp(one, db.owner);
    const c = await RawSubscriber.open(one.wsUrl, coach.cookie);
    const s = await RawSubscriber.open(one.wsUrl, stranger.cookie);
    c.subscribe();
    s.subscribe();
    await subscribed(one, coach.id, 1);
    await subscribed(one, stranger.id, 1);

    const created = await createApplication(one.base, owner.cookie, 'Shared Corp');
    await c.waitFor(hasApplication(c, created.id, 'insert'), 3000, "the owner's insert");
    expect(c.events.find((e) => e.id === created.id)!.row).toMatchObject({
      companyName: 'Shared Corp',
      userId: owner.id,
    });
    expect(c.events.some((e) => e.table === 'application_stage_history')).toBe(true);
    await setNotes(owner.id, created.id, 'a note the coach reads');
    await c.waitFor(
      () => c.events.some((e) => e.op === 'update' && e.row?.notes === 'a note the coach reads'),
      3000,
      'the update',
    );

    await sleep(300);
    const leaked = s.frames.filter(
      (f) => f.includes(created.id) || f.includes('Shared Corp') || f.includes(owner.id),
    );
    expect(leaked).toEqual([]);
    expect(s.events).toEqual([]);
    c.close();
    s.close();
  });

  it('never sends a private application to the grantee; making one private reaches them as a delete', async () => {
    const owner = await signUp(one.base, 'Private');
    const coach = await signUp(one.base, 'Mentor');
    await share(owner.id, coach.id, 'editor');
    const hidden = await createApplication(one.base, owner.cookie, 'Hidden From Start');
    await setPrivate(owner.id, hidden.id, true);
    await caughtUp(one, db.owner);
    const o = await RawSubscriber.open(one.wsUrl, owner.cookie);
    const c = await RawSubscriber.open(twoWs, coach.cookie);
    o.subscribe();
    c.subscribe();
    await subscribed(one, owner.id, 1);
    await sleep(200); // instance 2 registers the subscription

    const visible = await createApplication(one.base, owner.cookie, 'Soon Private');
    await c.waitFor(hasApplication(c, visible.id, 'insert'), 3000, 'the insert');
    // Made private: the grantee is told it is gone, with no row.
    await setPrivate(owner.id, visible.id, true);
    await c.waitFor(hasApplication(c, visible.id, 'delete'), 3000, 'the delete');
    const gone = c.events.find((e) => e.id === visible.id && e.op === 'delete')!;
    expect(gone.row).toBeNull();
    const framesAfterDelete = c.frames.length;

    // Changes and the delete of private applications never reach the grantee.
    await setNotes(owner.id, hidden.id, 'private notes');
    await setNotes(owner.id, visible.id, 'private too');
    await asUser(
      owner.id,
      (tx) => tx`delete from applications where id in (${hidden.id}, ${visible.id})`,
    );
    const marker = await createApplication(one.base, owner.cookie, 'Marker');
    await c.waitFor(hasApplication(c, marker.id), 3000, 'the marker');
    await o.waitFor(
      () => o.events.filter((e) => e.op === 'delete' && e.table === 'applications').length === 2,
      3000,
      "the owner's deletes",
    );
    const later = c.frames.slice(framesAfterDelete);
    expect(later.filter((f) => f.includes(hidden.id) || f.includes(visible.id))).toEqual([]);
    expect(c.frames.filter((f) => f.includes(hidden.id) || f.includes('private notes'))).toEqual(
      [],
    );
    o.close();
    c.close();
  });

  it('after revocation nothing more of the owner reaches a socket on the other instance, within 1 s', async () => {
    const owner = await signUp(one.base, 'Revoker');
    const coach = await signUp(one.base, 'Revoked');
    const shareId = await share(owner.id, coach.id);
    await caughtUp(one, db.owner);
    const o = await RawSubscriber.open(one.wsUrl, owner.cookie);
    const c = await RawSubscriber.open(twoWs, coach.cookie);
    o.subscribe();
    c.subscribe();
    await subscribed(one, owner.id, 1);
    await sleep(200);
    const before = await createApplication(one.base, owner.cookie, 'Before Revoke');
    await c.waitFor(hasApplication(c, before.id, 'insert'), 3000, 'a change before');

    const started = Date.now();
    await revoke(owner.id, shareId);
    await c.waitFor(
      () => c.events.some((e) => e.table === 'shares' && e.id === shareId && e.row?.revokedAt),
      1000,
      'the revoked share',
    );
    expect(Date.now() - started).toBeLessThan(1000);
    const cut = c.frames.length;

    const after = await createApplication(one.base, owner.cookie, 'After Revoke');
    await setNotes(owner.id, before.id, 'after the revoke');
    await o.waitFor(
      () => o.events.some((e) => e.op === 'update' && e.row?.notes === 'after the revoke'),
      3000,
      "the owner's own update",
    );
    await sleep(300);
    const later = c.frames.slice(cut).filter((f) => f !== 'PING');
    expect(later.filter((f) => f.includes(after.id) || f.includes(before.id))).toEqual([]);
    expect(later.filter((f) => f.includes(owner.id))).toEqual([]);
    o.close();
    c.close();
  });

  it("replays the owner's changes to a grantee who reconnects with lastEventId", async () => {
    const owner = await signUp(one.base, 'Replayed');
    const coach = await signUp(one.base, 'Returning');
    await share(owner.id, coach.id);
    const first = await createApplication(one.base, owner.cookie, 'First');
    await caughtUp(one, db.owner);
    const c = await RawSubscriber.open(one.wsUrl, coach.cookie);
    c.subscribe();
    await subscribed(one, coach.id, 1);
    await setNotes(owner.id, first.id, 'seen live');
    await c.waitFor(() => c.events.some((e) => e.row?.notes === 'seen live'));
    const last = c.events.at(-1)!.eventId;
    c.close();

    const hidden = await createApplication(one.base, owner.cookie, 'Hidden Meanwhile');
    await setPrivate(owner.id, hidden.id, true);
    const second = await createApplication(one.base, owner.cookie, 'Second');
    await setNotes(owner.id, first.id, 'missed');
    const back = await RawSubscriber.open(twoWs, coach.cookie);
    back.subscribe(last);
    await back.waitFor(
      () => back.events.some((e) => e.row?.notes === 'missed'),
      3000,
      'the replayed update',
    );
    expect(back.events.every((e) => e.eventId > last)).toBe(true);
    expect(back.events.some((e) => e.id === second.id && e.op === 'insert')).toBe(true);
    expect(back.events.some((e) => e.op === 'resync')).toBe(false);
    // Created visible and then made private: it arrives only as a delete, once
    // (the replay coalesces a row's changes into one event; issue 15).
    expect(back.events.filter((e) => e.id === hidden.id).map((e) => e.op)).toEqual(['delete']);
    expect(back.frames.filter((f) => f.includes('Hidden Meanwhile'))).toEqual([]);
    back.close();
  });
});

interface Person {
  userId: string;
  name: string;
  tabId: string;
  where: { kind: string; applicationId?: string };
  typing: boolean;
}

const latest = (s: RawSubscriber, id: number) =>
  (s.results.get(id)?.at(-1) as { people: Person[] } | undefined)?.people ?? [];

describe('presence', () => {
  it('shows who is where across two instances, typing included, and a closed tab at once', async () => {
    const owner = await signUp(one.base, 'Seeker');
    const coach = await signUp(one.base, 'Guide');
    await share(owner.id, coach.id, 'commenter');
    const app = await createApplication(one.base, owner.cookie, 'Watched');
    const o = await RawSubscriber.open(one.wsUrl, owner.cookie);
    o.subscribeTo(2, 'presence.watch', {
      ownerId: owner.id,
      where: { kind: 'board' },
      tabId: 'owner-tab',
    });
    await o.waitFor(() => o.results.has(2), 3000, "the owner's first snapshot");
    expect(latest(o, 2)).toEqual([]);

    const c = await RawSubscriber.open(twoWs, coach.cookie);
    c.subscribeTo(2, 'presence.watch', {
      ownerId: owner.id,
      where: { kind: 'application', applicationId: app.id },
      tabId: 'coach-tab',
    });
    await o.waitFor(
      () => latest(o, 2).some((p) => p.userId === coach.id),
      2000,
      'the coach on the owner’s snapshot',
    );
    expect(latest(o, 2)).toEqual([
      expect.objectContaining({
        userId: coach.id,
        name: 'Guide',
        tabId: 'coach-tab',
        where: { kind: 'application', applicationId: app.id },
        typing: false,
      }),
    ]);
    await c.waitFor(
      () => latest(c, 2).some((p) => p.userId === owner.id),
      2000,
      'the owner on the coach’s snapshot',
    );
    expect(latest(c, 2)).toEqual([
      expect.objectContaining({ userId: owner.id, name: 'Seeker', where: { kind: 'board' } }),
    ]);

    // Typing goes through instance 1 over HTTP; the watch is held by instance 2.
    await call(
      one.base,
      'presence.typing',
      { ownerId: owner.id, tabId: 'coach-tab', applicationId: app.id, typing: true },
      coach.cookie,
    );
    await o.waitFor(
      () => latest(o, 2).some((p) => p.userId === coach.id && p.typing),
      2000,
      'typing',
    );
    await call(
      twoBase,
      'presence.typing',
      { ownerId: owner.id, tabId: 'coach-tab', applicationId: app.id, typing: false },
      coach.cookie,
    );
    await o.waitFor(
      () => latest(o, 2).some((p) => p.userId === coach.id && !p.typing),
      2000,
      'typing stopped',
    );

    const closed = Date.now();
    c.close();
    await o.waitFor(() => latest(o, 2).length === 0, 2000, 'the coach gone');
    expect(Date.now() - closed).toBeLessThan(1000);
    o.close();
  });

  it("refuses a stranger's watch with NOT_FOUND and ends a grantee's on revocation", async () => {
    const owner = await signUp(one.base, 'Closed');
    const coach = await signUp(one.base, 'Leaving');
    const stranger = await signUp(one.base, 'Outsider');
    const shareId = await share(owner.id, coach.id);

    const s = await RawSubscriber.open(one.wsUrl, stranger.cookie);
    s.subscribeTo(2, 'presence.watch', {
      ownerId: owner.id,
      where: { kind: 'board' },
      tabId: 'x',
    });
    await s.waitFor(() => s.errors.has(2), 3000, 'the refusal');
    expect(s.errors.get(2)!.data?.code).toBe('NOT_FOUND');
    s.close();

    const o = await RawSubscriber.open(one.wsUrl, owner.cookie);
    o.subscribeTo(2, 'presence.watch', { ownerId: owner.id, where: { kind: 'board' }, tabId: 'o' });
    const c = await RawSubscriber.open(twoWs, coach.cookie);
    c.subscribeTo(2, 'presence.watch', { ownerId: owner.id, where: { kind: 'board' }, tabId: 'c' });
    await o.waitFor(() => latest(o, 2).length === 1, 2000, 'the coach present');

    const started = Date.now();
    await revoke(owner.id, shareId);
    await c.waitFor(() => c.errors.has(2), 1000, 'the watch to end');
    expect(c.errors.get(2)!.data?.code).toBe('NOT_FOUND');
    await o.waitFor(() => latest(o, 2).length === 0, 1000, 'the coach gone');
    expect(Date.now() - started).toBeLessThan(1000);
    o.close();
    c.close();
  });

  it("counts against the socket's subscription limit, like sync.changes", async () => {
    const owner = await signUp(one.base, 'Counted');
    const o = await RawSubscriber.open(one.wsUrl, owner.cookie);
    o.subscribe();
    for (let id = 2; id <= 5; id += 1) {
      o.subscribeTo(id, 'presence.watch', {
        ownerId: owner.id,
        where: { kind: 'board' },
        tabId: `tab-${id}`,
      });
    }
    // Five at once on one socket: whichever comes last is refused.
    await o.waitFor(() => o.errors.size === 1, 3000, 'one subscription refused');
    expect([...o.errors.values()].map((e) => e.data?.code)).toEqual(['TOO_MANY_REQUESTS']);
    const watches = [2, 3, 4, 5].filter((id) => !o.errors.has(id));
    await o.waitFor(() => watches.every((id) => o.results.has(id)), 3000, 'the other watches');
    o.close();
  });
});

// Live sync, one server: who receives a change, in what order, and what a
// reconnecting client gets. Real Postgres, real sockets, raw frames.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@pursuit/db/testing';
import {
  call,
  caughtUp,
  createApplication,
  RawSubscriber,
  signUp,
  sleep,
  startServer,
  subscribed,
  upgradeStatus,
  ORIGIN,
  type Running,
  withCopies,
} from './harness';

let db: TestDatabase;
let running: Running;

beforeAll(async () => {
  db = await createTestDatabase();
  running = await startServer(db.app, db.owner);
});

afterAll(async () => {
  await running?.pursuit.close();
  await db?.close();
});

describe('who receives a change', () => {
  it("reaches both of A's sockets and nothing of it reaches B's", async () => {
    const a = await signUp(running.base, 'Ada');
    const b = await signUp(running.base, 'Bob');
    // B's own sign-up must not arrive as a live event: B is to receive nothing.
    await caughtUp(running, db.owner);
    const a1 = await RawSubscriber.open(running.wsUrl, a.cookie);
    const a2 = await RawSubscriber.open(running.wsUrl, a.cookie);
    const b1 = await RawSubscriber.open(running.wsUrl, b.cookie);
    for (const s of [a1, a2, b1]) s.subscribe();
    await subscribed(running, a.id, 2);
    await subscribed(running, b.id, 1);
    const before = { ...running.pursuit.live.stats };

    const created = await createApplication(running.base, a.cookie, 'Secretive Corp');
    const isCreate = (s: RawSubscriber) => () =>
      s.events.some((e) => e.table === 'applications' && e.op === 'insert' && e.id === created.id);
    await a1.waitFor(isCreate(a1), 3000, 'insert on a1');
    await a2.waitFor(isCreate(a2), 3000, 'insert on a2');
    const event = a1.events.find((e) => e.id === created.id)!;
    expect(event.row).toMatchObject({
      id: created.id,
      companyName: 'Secretive Corp',
      userId: a.id,
    });
    expect(a1.events.some((e) => e.table === 'application_stage_history')).toBe(true);
    // One transaction, two sockets: the rows were re-read once, for the one user.
    expect(running.pursuit.live.stats.rereads - before.rereads).toBe(1);
    expect(running.pursuit.live.stats.delivered - before.delivered).toBe(4);

    await sleep(500);
    const leaked = b1.frames.filter(
      (f) => f.includes(created.id) || f.includes('Secretive') || f.includes(a.id),
    );
    expect(leaked).toEqual([]);
    expect(b1.events).toEqual([]);
    for (const s of [a1, a2, b1]) s.close();
  });

  it('delivers a write made directly in SQL, with no API involved', async () => {
    const a = await signUp(running.base, 'Sql');
    const created = await createApplication(running.base, a.cookie);
    const sub = await RawSubscriber.open(running.wsUrl, a.cookie);
    sub.subscribe();
    await subscribed(running, a.id, 1);
    await db.owner.sql`update applications set notes = 'typed into psql' where id = ${created.id}`;
    await sub.waitFor(
      () => sub.events.some((e) => e.op === 'update' && e.row?.notes === 'typed into psql'),
      3000,
      'the SQL update',
    );
    sub.close();
  });

  it('sends a delete only to the owner, with no row', async () => {
    const a = await signUp(running.base, 'Del');
    const b = await signUp(running.base, 'Other');
    const created = await createApplication(running.base, a.cookie);
    const sa = await RawSubscriber.open(running.wsUrl, a.cookie);
    const sb = await RawSubscriber.open(running.wsUrl, b.cookie);
    sa.subscribe();
    sb.subscribe();
    await subscribed(running, a.id, 1);
    await subscribed(running, b.id, 1);
    await call(running.base, 'application.delete', { id: created.id }, a.cookie);
    await sa.waitFor(() => sa.events.some((e) => e.op === 'delete' && e.id === created.id));
    expect(sa.events.find((e) => e.op === 'delete' && e.id === created.id)!.row).toBeNull();
    await sleep(300);
    expect(sb.frames.some((f) => f.includes(created.id))).toBe(false);
    sa.close();
    sb.close();
  });
});

describe('resuming', () => {
  it('replays exactly the 100 changes made while a client was away, in commit order', async () => {
    const a = await signUp(running.base, 'Away');
    const created = await createApplication(running.base, a.cookie);
    // A row per change: changes to one row would be coalesced (issue 15).
    const rows = await withCopies(db.owner, created.id, 100);
    await caughtUp(running, db.owner);
    const first = await RawSubscriber.open(running.wsUrl, a.cookie);
    first.subscribe();
    await subscribed(running, a.id, 1);
    await db.owner.sql`update applications set notes = 'before' where id = ${created.id}`;
    await first.waitFor(() => first.events.some((e) => e.row?.notes === 'before'));
    const lastEventId = first.events.at(-1)!.eventId;
    first.close();

    for (const [i, id] of rows.entries()) {
      await db.owner.sql`update applications set notes = ${`change ${i}`} where id = ${id}`;
    }
    const again = await RawSubscriber.open(running.wsUrl, a.cookie);
    again.subscribe(lastEventId);
    await again.waitFor(() => again.events.length >= 100, 5000, '100 replayed events');
    await sleep(300);
    expect(again.events).toHaveLength(100);
    const ids = again.events.map((e) => e.eventId);
    expect(new Set(ids).size).toBe(100);
    expect([...ids].sort()).toEqual(ids);
    expect(ids.every((id) => id > lastEventId)).toBe(true);
    expect(again.events.map((e) => [e.op, e.id])).toEqual(rows.map((id) => ['update', id]));

    // And it stays live after the replay, without repeating anything.
    await db.owner.sql`update applications set notes = 'after' where id = ${created.id}`;
    await again.waitFor(() => again.events.length === 101);
    expect(again.events.at(-1)!.eventId > ids.at(-1)!).toBe(true);
    again.close();
  });

  it('sends a resync event when the lastEventId has been pruned away or is malformed', async () => {
    const a = await signUp(running.base, 'Old');
    const created = await createApplication(running.base, a.cookie);
    const sub = await RawSubscriber.open(running.wsUrl, a.cookie);
    sub.subscribe();
    await subscribed(running, a.id, 1);
    await db.owner.sql`update applications set notes = 'soon pruned' where id = ${created.id}`;
    await sub.waitFor(() => sub.events.some((e) => e.row?.notes === 'soon pruned'));
    const stale = sub.events.at(-1)!.eventId;
    sub.close();
    // A change this client never saw, which pruning then removes.
    await db.owner.sql`update applications set notes = 'missed' where id = ${created.id}`;

    // Age every event past retention, then prune as the hourly job does.
    await db.owner
      .sql`update pursuit_internal.change_log set changed_at = now() - interval '8 days'`;
    const { pruneChangeLog } = await import('@pursuit/db');
    expect(await pruneChangeLog(db.owner, 7 * 24 * 3600)).toBeGreaterThan(0);

    const back = await RawSubscriber.open(running.wsUrl, a.cookie);
    back.subscribe(stale);
    await back.waitFor(() => back.events.length > 0);
    expect(back.events[0]).toMatchObject({ table: '*', op: 'resync' });
    back.close();

    const garbled = await RawSubscriber.open(running.wsUrl, a.cookie);
    garbled.subscribe('not-an-event-id');
    await garbled.waitFor(() => garbled.events.length > 0);
    expect(garbled.events[0]).toMatchObject({ table: '*', op: 'resync' });
    garbled.close();
  });
});

describe('socket security', () => {
  it('refuses an upgrade from a foreign Origin or without a session', async () => {
    const a = await signUp(running.base, 'Guard');
    expect(await upgradeStatus(running.wsUrl, { cookie: a.cookie }, 'https://evil.example')).toBe(
      403,
    );
    expect(await upgradeStatus(running.wsUrl, {}, ORIGIN)).toBe(401);
    expect(await upgradeStatus(running.wsUrl, { cookie: a.cookie }, ORIGIN)).toBe(101);
  });

  it('refuses an expired session', async () => {
    const a = await signUp(running.base, 'Expired');
    await db.owner
      .sql`update sessions set expires_at = now() - interval '1 minute' where user_id = ${a.id}`;
    expect(await upgradeStatus(running.wsUrl, { cookie: a.cookie }, ORIGIN)).toBe(401);
  });

  it('closes the socket within 1 s of logout, revocation or a password change', async () => {
    const a = await signUp(running.base, 'Revoked');
    const sub = await RawSubscriber.open(running.wsUrl, a.cookie);
    sub.subscribe();
    await sleep(50);
    await call(running.base, 'auth.logout', undefined, a.cookie);
    expect(await sub.waitForClose(1000)).toBe(4001);

    const b = await signUp(running.base, 'Changer');
    const { setCookie } = await call(running.base, 'auth.login', {
      email: (await call<{ email: string }>(running.base, 'auth.me', undefined, b.cookie, 'query'))
        .data.email,
      password: 'correct horse battery',
    });
    const other = setCookie!.split(';')[0]!;
    const otherSub = await RawSubscriber.open(running.wsUrl, other);
    otherSub.subscribe();
    await sleep(50);
    await call(
      running.base,
      'auth.changePassword',
      { currentPassword: 'correct horse battery', newPassword: 'an even better one' },
      b.cookie,
    );
    expect(await otherSub.waitForClose(1000)).toBe(4001);
  });
});

// A live stream ends with its session, however the session ends: sign-out,
// revocation, password change, account deletion, expiry. Real sockets, real
// Postgres; each path within 1 s, on every instance holding a socket of it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@pursuit/db/testing';
import type { PursuitServerOptions } from '../../src/http';
import { SESSION_ENDED } from '../../src/sockets';
import {
  call,
  RawSubscriber,
  signUp,
  sleep,
  startServer,
  subscribed,
  type Running,
} from './harness';

const PASSWORD = 'correct horse battery';

let db: TestDatabase;
let running: Running;
let second: Running;

function start(extra: Partial<PursuitServerOptions> = {}): Promise<Running> {
  return startServer(db.app, db.owner, extra);
}

beforeAll(async () => {
  db = await createTestDatabase();
  // A short safety-net check, so a test can move an expiry in the database
  // and have the server learn it; the expiry itself is met by a timer.
  running = await start({ socketLimits: { sessionCheckMs: 200 } });
  second = await start({ socketLimits: { sessionCheckMs: 200 } });
});

afterAll(async () => {
  await running?.pursuit.close();
  await second?.pursuit.close();
  await db?.close();
});

async function live(at: Running, cookie: string, userId: string, count = 1) {
  const sub = await RawSubscriber.open(at.wsUrl, cookie);
  sub.subscribe();
  await subscribed(at, userId, count);
  return sub;
}

async function emailOf(cookie: string): Promise<string> {
  const { data } = await call<{ email: string }>(
    running.base,
    'auth.me',
    undefined,
    cookie,
    'query',
  );
  return data.email;
}

async function secondSession(cookie: string): Promise<string> {
  const { setCookie } = await call(running.base, 'auth.login', {
    email: await emailOf(cookie),
    password: PASSWORD,
  });
  return setCookie!.split(';')[0]!;
}

describe('issue 10: a session ending closes its live sockets on every instance within 1 s', () => {
  it('sign-out closes the session on both instances', async () => {
    const a = await signUp(running.base, 'Out');
    const here = await live(running, a.cookie, a.id);
    const there = await live(second, a.cookie, a.id);
    await call(running.base, 'auth.logout', undefined, a.cookie);
    expect(await here.waitForClose(1000)).toBe(SESSION_ENDED);
    expect(await there.waitForClose(1000)).toBe(SESSION_ENDED);
  });

  it('revoking another session closes that one only', async () => {
    const a = await signUp(running.base, 'Revoker');
    const other = await secondSession(a.cookie);
    const kept = await live(running, a.cookie, a.id);
    const revoked = await live(second, other, a.id);
    const { data: list } = await call<{ id: string; current: boolean }[]>(
      running.base,
      'auth.sessions',
      undefined,
      a.cookie,
      'query',
    );
    const target = list.find((s) => !s.current)!;
    await call(running.base, 'auth.revokeSession', { id: target.id }, a.cookie);
    expect(await revoked.waitForClose(1000)).toBe(SESSION_ENDED);
    await sleep(300);
    expect(kept.closeCode).toBeUndefined();
    kept.close();
  });

  it('a password change closes every other session', async () => {
    const a = await signUp(running.base, 'Changer');
    const other = await secondSession(a.cookie);
    const sub = await live(second, other, a.id);
    await call(
      running.base,
      'auth.changePassword',
      { currentPassword: PASSWORD, newPassword: 'an even better one' },
      a.cookie,
    );
    expect(await sub.waitForClose(1000)).toBe(SESSION_ENDED);
  });

  it('deleting the account closes every session of it (the cascade notifies too)', async () => {
    const a = await signUp(running.base, 'Leaver');
    const other = await secondSession(a.cookie);
    const mine = await live(running, a.cookie, a.id);
    const elsewhere = await live(second, other, a.id);
    await call(running.base, 'auth.deleteAccount', { password: PASSWORD }, a.cookie);
    expect(await mine.waitForClose(1000)).toBe(SESSION_ENDED);
    expect(await elsewhere.waitForClose(1000)).toBe(SESSION_ENDED);
  });

  it('expiry closes the session at its expiry on both instances, though the socket stays open', async () => {
    const a = await signUp(running.base, 'Expiring');
    const here = await live(running, a.cookie, a.id);
    const there = await live(second, a.cookie, a.id);
    const [row] = await db.owner.sql<{ expires_at: Date }[]>`
      update sessions set expires_at = now() + interval '1500 milliseconds'
      where user_id = ${a.id} returning expires_at`;
    const expiresAt = new Date(row!.expires_at).getTime();
    expect(await here.waitForClose(3000)).toBe(SESSION_ENDED);
    const closedAt = Date.now();
    expect(await there.waitForClose(1000)).toBe(SESSION_ENDED);
    // Not before its time (an open socket is no reason to end it early), and
    // within a second after.
    expect(closedAt).toBeGreaterThanOrEqual(expiresAt - 50);
    expect(closedAt).toBeLessThanOrEqual(expiresAt + 1000);
    expect(
      (await db.owner.sql`select 1 from sessions where user_id = ${a.id}`).length,
      'the expired session is deleted',
    ).toBe(0);
  });

  it('a session renewed by a request before its expiry stays open', async () => {
    const a = await signUp(running.base, 'Renewed');
    const sub = await live(running, a.cookie, a.id);
    await db.owner.sql`
      update sessions set expires_at = now() + interval '1500 milliseconds' where user_id = ${a.id}`;
    await sleep(500);
    // A request slides the expiry 30 days ahead (sessions within 15 days of it).
    await call(running.base, 'auth.me', undefined, a.cookie, 'query');
    await sleep(2000);
    expect(sub.closeCode).toBeUndefined();
    sub.close();
  });
});

// Regression: under concurrent writers the reader once sorted change_log rows
// by their text-cast ids ("1005" before "980"), delivering events out of
// commit order and, at the next batch, again. Every socket must get every
// change of its user once, in event-id order, while xids cross a power of ten.
// Each write changes a row of its own: changes to one row are coalesced into
// one event (issue 15), which would hide a missing or repeated one here.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@pursuit/db/testing';
import {
  caughtUp,
  createApplication,
  RawSubscriber,
  signUp,
  sleep,
  startServer,
  subscribed,
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

it('delivers every change once, in commit order, to both tabs of each user under 16 concurrent writers', async () => {
  const users: { id: string; applicationIds: string[]; tabs: RawSubscriber[] }[] = [];
  const people: { id: string; cookie: string; applicationIds: string[] }[] = [];
  const writes = 16 * 75;
  for (let i = 0; i < 10; i += 1) {
    const person = await signUp(running.base, `Load${i}`);
    const application = await createApplication(running.base, person.cookie);
    const applicationIds = await withCopies(db.owner, application.id, writes / 10);
    people.push({ ...person, applicationIds });
  }
  // Only the writes below may reach the tabs: the sign-ups are read first,
  // and every tab is subscribed before the first write.
  await caughtUp(running, db.owner);
  for (const person of people) {
    const tabs = [
      await RawSubscriber.open(running.wsUrl, person.cookie),
      await RawSubscriber.open(running.wsUrl, person.cookie),
    ];
    for (const tab of tabs) tab.subscribe();
    users.push({ id: person.id, applicationIds: person.applicationIds, tabs });
  }
  for (const user of users) await subscribed(running, user.id, 2);

  // Bring transaction ids just below a power of ten, so this run crosses it.
  const xidNow = async () =>
    Number(
      (await db.owner.sql<{ xid: string }[]>`select pg_current_xact_id()::text as xid`)[0]!.xid,
    );
  let xid = await xidNow();
  const boundary = 10 ** String(xid).length;
  while (xid < boundary - 500) xid = await xidNow();
  const firstXid = String(xid);
  const writers = await Promise.all(Array.from({ length: 16 }, () => db.app.sql.reserve()));
  const perWriter = 75;
  let next = 0;
  await Promise.all(
    writers.map(async (writer) => {
      for (let k = 0; k < perWriter; k += 1) {
        const n = next++;
        const user = users[n % users.length]!;
        await writer`begin`;
        await writer`select set_config('app.user_id', ${user.id}, true)`;
        const row = user.applicationIds[Math.floor(n / users.length)]!;
        await writer`update applications set notes = ${`w${n}`} where id = ${row}`;
        await writer`commit`;
      }
    }),
  );
  for (const writer of writers) writer.release();
  const lastXid = String(await xidNow());

  const perUser = (16 * perWriter) / users.length;
  for (const user of users) {
    for (const tab of user.tabs) {
      await tab.waitFor(() => tab.events.length >= perUser, 10_000, `${perUser} events`);
    }
  }
  await sleep(300);
  for (const user of users) {
    for (const tab of user.tabs) {
      const ids = tab.events.map((e) => e.eventId);
      expect(ids).toHaveLength(perUser);
      expect(new Set(ids).size).toBe(perUser);
      expect([...ids].sort()).toEqual(ids);
      tab.close();
    }
  }
  // The case that exposed the bug: transaction ids of different lengths in decimal.
  expect(lastXid.length).toBeGreaterThan(firstXid.length);
  console.log(`xids ${firstXid}…${lastXid}`);
});

// The case that makes reading by id alone wrong: transaction T1 takes a
// change_log id first but commits after T2. Both events must arrive, each once,
// including for a client that resumes between the two commits.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@pursuit/db/testing';
import {
  createApplication,
  RawSubscriber,
  signUp,
  sleep,
  startServer,
  type Running,
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

it('delivers a change whose transaction commits after a later-numbered one, exactly once', async () => {
  const a = await signUp(running.base, 'Order');
  const first = await createApplication(running.base, a.cookie, 'First');
  const second = await createApplication(running.base, a.cookie, 'Second');
  const live = await RawSubscriber.open(running.wsUrl, a.cookie);
  live.subscribe();
  await sleep(100);
  const { data: cursor } = await import('./harness').then((h) =>
    h.call<{ eventId: string }>(running.base, 'sync.cursor', undefined, a.cookie, 'query'),
  );

  const t1 = await db.app.sql.reserve();
  const t2 = await db.app.sql.reserve();
  try {
    await t1`begin`;
    await t1`select set_config('app.user_id', ${a.id}, true)`;
    await t1`update applications set notes = 'from T1' where id = ${first.id}`;
    await t2`begin`;
    await t2`select set_config('app.user_id', ${a.id}, true)`;
    await t2`update applications set notes = 'from T2' where id = ${second.id}`;
    await t2`commit`;

    // T2 is committed and visible, with the higher id: a reader going by id
    // would deliver it now and move past T1's id for good.
    const ids = await db.owner.sql<{ id: string; notes: string }[]>`
      select c.id::text, a.notes from pursuit_internal.change_log c
        join applications a on a.id = c.row_id
       where c.table_name = 'applications' and c.row_id in (${first.id}, ${second.id})
         and c.op = 'update'`;
    expect(ids.map((r) => r.notes)).toEqual(['from T2']); // T1 not yet visible
    await sleep(300);
    expect(live.events.some((e) => e.row?.notes === 'from T2')).toBe(false); // held back by T1

    // A client that resumes now, between the two commits.
    const resumed = await RawSubscriber.open(running.wsUrl, a.cookie);
    resumed.subscribe(cursor.eventId);
    await sleep(200);

    await t1`commit`;
    const order = await db.owner.sql<{ id: string; row_id: string }[]>`
      select id::text, row_id::text from pursuit_internal.change_log
       where table_name = 'applications' and op = 'update' and row_id in (${first.id}, ${second.id})`;
    const idOf = (rowId: string) => BigInt(order.find((r) => r.row_id === rowId)!.id);
    expect(idOf(first.id) < idOf(second.id)).toBe(true); // T1 took its id first, committed last
    const both = (s: RawSubscriber) => () =>
      s.events.some((e) => e.row?.notes === 'from T1' || e.id === first.id) &&
      s.events.some((e) => e.id === second.id);
    await live.waitFor(both(live), 3000, 'both events live');
    await resumed.waitFor(both(resumed), 3000, 'both events on the resumed client');
    await sleep(300);

    for (const s of [live, resumed]) {
      const updates = s.events.filter((e) => e.op === 'update');
      expect(updates.map((e) => e.id)).toEqual([first.id, second.id]); // T1's xid is older
      expect(new Set(updates.map((e) => e.eventId)).size).toBe(2);
      const [e1, e2] = updates;
      expect(e1!.eventId < e2!.eventId).toBe(true);
      s.close();
    }
  } finally {
    t1.release();
    t2.release();
  }
});

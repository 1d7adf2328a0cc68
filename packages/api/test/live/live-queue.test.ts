// A subscription's queue is bounded: a reader that falls LIVE_QUEUE_LIMIT
// events behind is sent a resync where the dropped events were, then stays
// live, in order, with nothing duplicated. Real hub, real database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeEventId } from '@pursuit/db';
import { createTestDatabase, type TestDatabase } from '@pursuit/db/testing';
import { LiveHub, type LiveEvent } from '../../src/server';
import { signUp } from '../support/accounts';
import { until } from '../support/until';

let t: TestDatabase;
let hub: LiveHub;

beforeAll(async () => {
  t = await createTestDatabase();
  hub = new LiveHub({ owner: t.owner, app: t.app, queueLimit: 3, pollMs: 50 });
  await hub.start();
});

afterAll(async () => {
  await hub?.stop();
  await t?.close();
});

/** The event id of the newest change made to `rowId`. */
async function newestEventId(rowId: string): Promise<string> {
  const [row] = await t.owner.sql<{ xid: string; id: string }[]>`
    select xid::text, id::text from pursuit_internal.change_log
     where row_id = ${rowId} order by xid desc, id desc limit 1`;
  return encodeEventId({ xid: BigInt(row!.xid), id: BigInt(row!.id) });
}

describe('a live subscription', () => {
  it('that falls behind its bound gets a resync at the newest dropped event, then stays live', async () => {
    const ada = await signUp(t, 'slow-reader');
    // Ten cards, one change each: changes to one row would be coalesced.
    const applications = [];
    for (let i = 0; i < 10; i += 1) {
      applications.push(
        await ada.api.application.create({
          companyName: `Queue ${i} Ltd`,
          roleTitle: 'Engineer',
          jobDescription:
            'Build the live feed of a job-search tracker with TypeScript and Postgres.',
        }),
      );
    }
    const application = applications.at(-1)!;
    // The hub has passed the creations on (to nobody) before we subscribe.
    const created = await newestEventId(application.id);
    await until(() => hub.cursor() >= created, 'the hub to read the creation');
    const controller = new AbortController();
    const reader = hub.stream(ada.id, null, controller.signal)[Symbol.asyncIterator]();
    // The first pull starts the subscription; nothing is read after it for a while.
    const first = reader.next();
    await until(() => hub.subscriptionCount === 1, 'the subscription');

    const delivered = hub.stats.delivered;
    for (const [i, { id }] of applications.entries()) {
      await t.owner.sql`update applications set notes = ${`note ${i}`} where id = ${id}`;
    }
    await until(
      () => hub.stats.delivered - delivered >= 10,
      `ten deliveries (${hub.stats.delivered - delivered})`,
    );
    const newest = await newestEventId(application.id);

    const events: LiveEvent[] = [(await first).value as LiveEvent];
    const pull = async () => events.push((await reader.next()).value as LiveEvent);
    // What was buffered (the first went straight to the waiting reader), then the gap.
    while (events.at(-1)!.change.op !== 'resync') await pull();
    expect(events.length).toBeLessThanOrEqual(1 + 3 + 1);
    const resync = events.at(-1)!;
    expect(resync.eventId).toBe(newest);
    expect(hub.stats.overflows).toBe(1);
    const before = events.slice(0, -1);
    expect(before.every((e) => e.change.op === 'update')).toBe(true);
    // In commit order (each event carries the row as it is when re-read, so ids, not notes).
    const ids = events.map((e) => e.eventId);
    expect([...new Set(ids)].sort()).toEqual(ids);

    // Live again after the resync, in order, with nothing before it repeated.
    await t.owner.sql`update applications set notes = 'after' where id = ${application.id}`;
    await pull();
    const after = events.at(-1)!;
    expect(after.change.row).toMatchObject({ notes: 'after' });
    expect(after.eventId > resync.eventId).toBe(true);

    controller.abort();
    expect((await reader.next()).done).toBe(true);
    await until(() => hub.subscriptionCount === 0, 'the subscription to end');
  });
});

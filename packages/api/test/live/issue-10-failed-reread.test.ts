// Issue 10: when re-reading a batch of changes fails (Postgres restarting, a
// reset connection), the feed has already moved past the batch, so the user's
// subscriptions must be told to resync; they must never silently miss it.
// The failure is injected through the hub's `readRows` option; the database,
// the trigger and the hub are real.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeEventId } from '@pursuit/db';
import { createTestDatabase, type TestDatabase } from '@pursuit/db/testing';
import { LiveHub } from '../../src/live/hub';
import { readLiveRows } from '../../src/live/tables';
import type { LiveEvent } from '../../src/server';
import { signUp } from '../support/accounts';
import { until } from '../support/until';

let t: TestDatabase;
let hub: LiveHub;
/** Users whose next re-read fails once. */
const failNext = new Set<string>();

beforeAll(async () => {
  t = await createTestDatabase();
  hub = new LiveHub({
    owner: t.owner,
    app: t.app,
    pollMs: 50,
    readRows: async (db, reads) => {
      for (const userId of reads.keys()) {
        if (failNext.delete(userId)) throw new Error('Connection terminated unexpectedly');
      }
      return readLiveRows(db, reads);
    },
  });
  await hub.start();
});

afterAll(async () => {
  await hub?.stop();
  await t?.close();
});

/** The event id of `userId`'s newest change. */
async function newestEventId(userId: string): Promise<string> {
  const [row] = await t.owner.sql<{ xid: string; id: string }[]>`
    select c.xid::text, c.id::text from pursuit_internal.change_log c
     where c.user_id = ${userId} order by c.xid desc, c.id desc limit 1`;
  return encodeEventId({ xid: BigInt(row!.xid), id: BigInt(row!.id) });
}

/** The next event, or null when none comes within `ms`. */
async function nextWithin(reader: AsyncIterator<LiveEvent>, ms: number): Promise<LiveEvent | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)));
  const next = reader.next().then((r) => (r.done ? null : r.value));
  try {
    return await Promise.race([next, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function createApplication(api: Awaited<ReturnType<typeof signUp>>['api']) {
  return api.application.create({
    companyName: 'Flaky Network Ltd',
    roleTitle: 'Engineer',
    jobDescription: 'Keep the live feed of a job-search tracker correct when the database fails.',
  });
}

describe('issue 10: a re-read that fails', () => {
  it('sends the subscriber a resync at the batch, never nothing, and stays live after', async () => {
    const ada = await signUp(t, 'reread-fails');
    const application = await createApplication(ada.api);
    const created = await newestEventId(ada.id);
    await until(() => hub.cursor() >= created, 'the hub to pass the creation on');
    const controller = new AbortController();
    const reader = hub.stream(ada.id, null, controller.signal)[Symbol.asyncIterator]();
    const first = nextWithin(reader, 3000);
    await until(() => hub.subscriptionsOf(ada.id) === 1, 'the subscription');

    failNext.add(ada.id);
    await t.owner.sql`update applications set notes = 'lost?' where id = ${application.id}`;
    const event = await first;
    expect(event, 'the subscriber received neither the change nor a resync').not.toBeNull();
    if (event!.change.op === 'resync') {
      expect(hub.stats.rereadFailures).toBe(1);
      // The resync stands where the failed batch ended: nothing up to it is owed.
      expect(event!.eventId <= hub.cursor()).toBe(true);
    } else {
      expect(event!.change).toMatchObject({ op: 'update', id: application.id });
    }

    // The hub is still running and delivering.
    const after = nextWithin(reader, 3000);
    await t.owner.sql`update applications set notes = 'next one' where id = ${application.id}`;
    expect((await after)?.change).toMatchObject({ op: 'update', id: application.id });
    controller.abort();
    await reader.return?.(undefined);
  });

  it('during a replay ends the replay with a resync, not an error', async () => {
    const bo = await signUp(t, 'replay-fails');
    const application = await createApplication(bo.api);
    const resumeFrom = await newestEventId(bo.id);
    await t.owner.sql`update applications set notes = 'missed' where id = ${application.id}`;
    await until(() => hub.cursor() > resumeFrom, 'the hub to read the update');

    failNext.add(bo.id);
    const controller = new AbortController();
    const reader = hub.stream(bo.id, resumeFrom, controller.signal)[Symbol.asyncIterator]();
    const event = await nextWithin(reader, 3000);
    expect(event?.change.op).toBe('resync');
    controller.abort();
    await reader.return?.(undefined);
  });
});

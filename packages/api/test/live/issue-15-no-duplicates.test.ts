// Issue 15: under overload the live benchmark saw one write's content arrive
// under two event ids. The hub re-reads a changed row as it is when the batch
// is read, so (1) two changes to one row in a batch both carried the newest
// content, and (2) a change whose re-read already saw a later write carried
// that write's content, and the later write's own event (next batch) carried
// it again. Both are reproduced here with a real database, trigger and hub;
// the second by committing the later write from inside the re-read, exactly
// between the batch's read of change_log and its re-read.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { applications, encodeEventId, withUser } from '@pursuit/db';
import { createTestDatabase, type TestDatabase } from '@pursuit/db/testing';
import { LiveHub } from '../../src/live/hub';
import { liveTables, readLiveRows } from '../../src/live/tables';
import type { LiveEvent } from '../../src/server';
import { signUp } from '../support/accounts';
import { until } from '../support/until';

let t: TestDatabase;
let hub: LiveHub;
/** Runs (once) inside the next re-read, before the rows are read. */
let beforeNextRead: (() => Promise<void>) | null = null;

beforeAll(async () => {
  t = await createTestDatabase();
  hub = new LiveHub({
    owner: t.owner,
    app: t.app,
    pollMs: 50,
    readRows: async (db, reads) => {
      const before = beforeNextRead;
      beforeNextRead = null;
      await before?.();
      return readLiveRows(db, reads);
    },
  });
  await hub.start();
});

afterAll(async () => {
  await hub?.stop();
  await t?.close();
});

/** Waits until the hub has passed on every change of `userId` so far. */
async function settled(userId: string): Promise<void> {
  const [row] = await t.owner.sql<{ xid: string; id: string }[]>`
    select xid::text, id::text from pursuit_internal.change_log
     where user_id = ${userId} order by xid desc, id desc limit 1`;
  const newest = encodeEventId({ xid: BigInt(row!.xid), id: BigInt(row!.id) });
  await until(() => hub.cursor() >= newest, 'the hub to pass the set-up on');
}

async function subscribe(userId: string, tabs: number) {
  await settled(userId);
  const controller = new AbortController();
  const before = hub.subscriptionsOf(userId);
  const readers = Array.from({ length: tabs }, () =>
    hub.stream(userId, null, controller.signal)[Symbol.asyncIterator](),
  );
  // A generator starts on its first pull: start each and wait for the hub to hold it.
  const firsts = readers.map((reader) => reader.next());
  await until(() => hub.subscriptionsOf(userId) === before + tabs, 'the subscriptions');
  return {
    /** Each tab's events, once `ms` passed with nothing new. */
    async received(ms = 400): Promise<LiveEvent[][]> {
      return Promise.all(
        readers.map(async (reader, i) => {
          const events: LiveEvent[] = [];
          for (;;) {
            let timer: NodeJS.Timeout | undefined;
            const next = await Promise.race([
              firsts[i]!,
              new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms))),
            ]);
            clearTimeout(timer);
            if (!next || next.done) return events;
            events.push(next.value);
            firsts[i] = reader.next();
          }
        }),
      );
    },
    async end() {
      controller.abort();
      await Promise.all(readers.map((reader) => reader.return?.(undefined)));
    },
  };
}

const notes = (events: LiveEvent[]) =>
  events.map((e) => (e.change.row as { notes: string | null } | null)?.notes ?? e.change.op);

describe('issue 15: no write is delivered twice', () => {
  it('coalesces two changes to one row in one batch into one event at the later position', async () => {
    const ada = await signUp(t, 'same-batch');
    const { id } = await ada.api.application.create({
      companyName: 'Twice Ltd',
      roleTitle: 'Engineer',
      jobDescription: 'Keep the live feed of a job-search tracker free of duplicate deliveries.',
    });
    const tabs = await subscribe(ada.id, 2);
    await t.owner.sql.begin(async (sql) => {
      await sql`update applications set notes = 'first' where id = ${id}`;
      await sql`update applications set notes = 'second' where id = ${id}`;
    });
    const [last] = await t.owner.sql<{ xid: string; id: string }[]>`
      select xid::text, id::text from pursuit_internal.change_log
       where row_id = ${id} order by xid desc, id desc limit 1`;
    for (const events of await tabs.received()) {
      expect(notes(events)).toEqual(['second']);
      expect(events[0]!.eventId).toBe(
        encodeEventId({ xid: BigInt(last!.xid), id: BigInt(last!.id) }),
      );
    }
    await tabs.end();
  });

  it('does not send a later write again when an earlier change’s re-read already carried it', async () => {
    const bo = await signUp(t, 'next-batch');
    const { id } = await bo.api.application.create({
      companyName: 'Overtaken Ltd',
      roleTitle: 'Engineer',
      jobDescription: 'Keep the live feed of a job-search tracker free of duplicate deliveries.',
    });
    const tabs = await subscribe(bo.id, 2);
    // The batch holding 'one' is read from change_log; before its rows are
    // re-read, 'two' commits: its change_log row is past the batch.
    beforeNextRead = async () => {
      await t.owner.sql`update applications set notes = 'two' where id = ${id}`;
    };
    await t.owner.sql`update applications set notes = 'one' where id = ${id}`;
    const received = await tabs.received();
    for (const events of received) expect(notes(events)).toEqual(['two']);
    expect(beforeNextRead).toBeNull();

    // The next write to the row is a new version: it is sent.
    await t.owner.sql`update applications set notes = 'three' where id = ${id}`;
    for (const events of await tabs.received()) expect(notes(events)).toEqual(['three']);
    await tabs.end();
  });

  it('still sends a delete that follows the row’s update', async () => {
    const cy = await signUp(t, 'delete');
    const { id } = await cy.api.application.create({
      companyName: 'Gone Ltd',
      roleTitle: 'Engineer',
      jobDescription: 'Keep the live feed of a job-search tracker free of duplicate deliveries.',
    });
    const tabs = await subscribe(cy.id, 1);
    await t.owner.sql.begin(async (sql) => {
      await sql`update applications set notes = 'last words' where id = ${id}`;
      await sql`delete from applications where id = ${id}`;
    });
    const [events] = await tabs.received();
    expect(events!.filter((e) => e.change.id === id).map((e) => e.change.op)).toEqual(['delete']);
    await tabs.end();
  });

  it('re-reads rows exactly as a drizzle query returns them (dates, numbers, JSON)', async () => {
    const di = await signUp(t, 'same-shape');
    const app = await di.api.application.create({
      companyName: 'Shape Ltd',
      roleTitle: 'Engineer',
      jobDescription: 'Keep the live feed of a job-search tracker free of duplicate deliveries.',
      salaryMin: 90000,
      salaryMax: 120000,
    });
    const found = await readLiveRows(
      t.app,
      new Map([[di.id, new Map([['applications', [app.id]]])]]),
    );
    const live = found.get(di.id)!.get(`applications:${app.id}`)!;
    const [expected] = await withUser(t.app, di.id, (tx) =>
      tx
        .select(liveTables.applications.columns)
        .from(applications)
        .where(eq(applications.id, app.id)),
    );
    expect(live.row).toEqual(expected);
    expect(live.row.createdAt).toBeInstanceOf(Date);
    expect(live.version).toMatch(/^\d+$/);
  });

  it('leaves no transaction or user setting behind when a pipelined re-read fails', async () => {
    const ed = await signUp(t, 'failing-read');
    const bad = new Map([[ed.id, new Map([['applications', ['not-a-uuid']]])]]) as Parameters<
      typeof readLiveRows
    >[1];
    await expect(readLiveRows(t.app, bad)).rejects.toThrow(/uuid/);
    const sessions = await t.owner.sql<{ state: string }[]>`
      select state from pg_stat_activity where state like 'idle in transaction%'`;
    expect(sessions).toEqual([]);
    const settings = await Promise.all(
      Array.from(
        { length: 10 },
        () =>
          t.app.sql<{ user: string | null }[]>`select current_setting('app.user_id', true) as user`,
      ),
    );
    expect(settings.map(([row]) => row!.user ?? '')).toEqual(Array(10).fill(''));
  });
});

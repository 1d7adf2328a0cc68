// Issue 10: a resume replays a bounded amount of work. Past REPLAY_LIMIT missed
// changes the client gets one resync instead of thousands of events; below it
// the gap is read in keyset chunks (never the whole gap at once) and arrives
// whole, in order, once; and re-reading rows binds one array parameter, not
// one parameter per row. Real hub, real database.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeEventId } from '@pursuit/db';
import { createTestDatabase, type TestDatabase } from '@pursuit/db/testing';
import { LiveHub, REPLAY_CHUNK, REPLAY_LIMIT } from '../../src/live/hub';
import { readLiveRows } from '../../src/live/tables';
import type { LiveEvent } from '../../src/server';
import { signUp, type Person } from '../support/accounts';

let t: TestDatabase;
let hub: LiveHub;

beforeAll(async () => {
  t = await createTestDatabase();
  hub = new LiveHub({ owner: t.owner, app: t.app, pollMs: 50 });
  await hub.start();
});

afterAll(async () => {
  await hub?.stop();
  await t?.close();
});

async function until(ok: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function newApplication(person: Person, companyName: string): Promise<string> {
  const { id } = await person.api.application.create({
    companyName,
    roleTitle: 'Engineer',
    jobDescription: 'Build the live feed of a job-search tracker with TypeScript and Postgres.',
  });
  return id;
}

/** `count` updates of one row, in one transaction (one change_log row each). */
async function updateMany(applicationId: string, count: number): Promise<void> {
  // DO takes no parameters; both values are ours (a count and a uuid the API returned).
  if (!/^[0-9a-f-]{36}$/.test(applicationId) || !Number.isInteger(count))
    throw new Error('bad input');
  await t.owner.sql.unsafe(`
    do $$ begin
      for i in 1..${count} loop
        update applications set notes = 'note ' || i where id = '${applicationId}';
      end loop;
    end $$`);
}

/** The user's change_log event ids after `after`, in commit order. */
async function eventIdsOf(userId: string, after: string): Promise<string[]> {
  // Ordered by the bigint columns, not the text output columns of the same name.
  const rows = await t.owner.sql<{ xid: string; id: string }[]>`
    select c.xid::text, c.id::text from pursuit_internal.change_log c
     where c.user_id = ${userId} order by c.xid, c.id`;
  return rows
    .map((r) => encodeEventId({ xid: BigInt(r.xid), id: BigInt(r.id) }))
    .filter((id) => id > after);
}

describe('issue 10: a bounded replay', () => {
  it('re-reads 70,000 rows with one array parameter (over the 65,535-parameter limit)', async () => {
    const ada = await signUp(t, 'many-ids');
    const real = await newApplication(ada, 'Params Ltd');
    const ids = [real, ...Array.from({ length: 69_999 }, () => randomUUID())];
    const started = performance.now();
    const found = await readLiveRows(t.app, new Map([[ada.id, new Map([['applications', ids]])]]));
    const ms = performance.now() - started;
    console.log(`issue 10: re-read of ${ids.length} ids in ${ms.toFixed(0)} ms`);
    expect([...found.get(ada.id)!.keys()]).toEqual([`applications:${real}`]);
  });

  it(`sends one resync, not thousands of events, to a client that missed more than ${REPLAY_LIMIT} changes`, async () => {
    const bob = await signUp(t, 'far-behind');
    const application = await newApplication(bob, 'Backlog Inc');
    const resumeFrom = (await eventIdsOf(bob.id, '')).at(-1)!;
    await updateMany(application, REPLAY_LIMIT + 1);
    const missed = await eventIdsOf(bob.id, resumeFrom);
    expect(missed.length).toBeGreaterThan(REPLAY_LIMIT);
    const newest = missed.at(-1)!;
    await until(() => hub.cursor() >= newest, 'the hub to read the backlog');

    const controller = new AbortController();
    const reader = hub.stream(bob.id, resumeFrom, controller.signal)[Symbol.asyncIterator]();
    const first = (await reader.next()).value as LiveEvent;
    expect(first.change.op).toBe('resync');
    expect(first.eventId >= newest).toBe(true);

    // Then live: the next change arrives as itself.
    const next = reader.next();
    await t.owner.sql`update applications set notes = 'after the resync' where id = ${application}`;
    const live = (await next).value as LiveEvent;
    expect(live.change).toMatchObject({ table: 'applications', op: 'update', id: application });
    controller.abort();
    await reader.return?.(undefined);
  });

  it('replays a gap below the cap in chunks: each changed row once, at its latest position, in commit order', async () => {
    const cy = await signUp(t, 'chunked');
    const other = await signUp(t, 'interleaved');
    const mine = await newApplication(cy, 'Chunky Co');
    const second = await newApplication(cy, 'Second Co');
    const theirs = await newApplication(other, 'Noise Co');
    const resumeFrom = (await eventIdsOf(cy.id, '')).at(-1);
    // Three transactions of ours with someone else's in between, spanning
    // three chunks: 1-500 change `mine`, 501-600 `mine` and 601-1000
    // `second`, 1001-1234 `second`.
    await updateMany(mine, 600);
    await updateMany(theirs, 300);
    await updateMany(second, 634);
    await updateMany(theirs, 300);
    const missed = await eventIdsOf(cy.id, resumeFrom!);
    expect(missed.length).toBe(1234);
    expect(missed.length).toBeLessThan(REPLAY_LIMIT);
    await until(() => hub.cursor() >= missed.at(-1)!, 'the hub to read the gap');

    const readsBefore = hub.stats.replayReads;
    const controller = new AbortController();
    const reader = hub.stream(cy.id, resumeFrom, controller.signal)[Symbol.asyncIterator]();
    const events: LiveEvent[] = [(await reader.next()).value as LiveEvent];
    // Only the first chunk has been read when the first event is out.
    expect(hub.stats.replayReads - readsBefore).toBe(1);
    events.push((await reader.next()).value as LiveEvent);
    // Each chunk's changes to a row are one event at the chunk's last change
    // to it; a later chunk whose re-read finds the version already sent adds
    // nothing (600 and 634 writes were two versions: two events, not 1,234).
    expect(events.map((e) => [e.change.id, e.eventId])).toEqual([
      [mine, missed[REPLAY_CHUNK - 1]],
      [second, missed[2 * REPLAY_CHUNK - 1]],
    ]);
    expect(events.map((e) => (e.change.row as { notes: string }).notes)).toEqual([
      'note 600',
      'note 634',
    ]);
    expect(events.every((e) => e.change.op === 'update')).toBe(true);
    // Nothing else comes: the third chunk repeated `second`'s version.
    const next = reader.next();
    const quiet = await Promise.race([
      next.then(() => false),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 500)),
    ]);
    expect(quiet, 'the replay sent a version it had sent already').toBe(true);
    expect(hub.stats.replayReads - readsBefore).toBe(Math.ceil(missed.length / REPLAY_CHUNK));
    controller.abort();
    await reader.return?.(undefined);
  });
});

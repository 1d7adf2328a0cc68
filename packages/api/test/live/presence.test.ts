// Presence (issue 12) with two Presence instances on one database, as two
// server processes would have: entries cross by NOTIFY, a new watcher sees the
// others at once, an instance that stops announcing is forgotten after the
// expiry, a tab's old watch ending does not remove its new one, and the
// heartbeat ends a watch whose access is gone even without the hub. Also the
// hub's owner → grantees map: loaded at start, kept by the feed.
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@pursuit/db/testing';
import { LiveHub } from '../../src/live/hub';
import {
  Presence,
  PRESENCE_CHANNEL,
  type PresenceSnapshot,
  type PresenceWatch,
} from '../../src/live/presence';
import { signUp } from '../support/accounts';

let t: TestDatabase;
let one: Presence;
let two: Presence;

beforeAll(async () => {
  t = await createTestDatabase();
  one = new Presence({ app: t.app, owner: t.owner, expiryMs: 600, heartbeatMs: 60_000 });
  // Two checks access every 300 ms (no hub to tell it of revocations).
  two = new Presence({ app: t.app, owner: t.owner, expiryMs: 600, heartbeatMs: 300 });
  await Promise.all([one.start(), two.start()]);
});

afterAll(async () => {
  await Promise.all([one?.stop(), two?.stop()]);
  await t?.close();
});

async function share(ownerId: string, granteeId: string): Promise<string> {
  const hash = createHash('sha256').update(randomBytes(32)).digest('hex');
  await t.app.sql.begin(async (tx) => {
    await tx`select set_config('app.user_id', ${ownerId}, true)`;
    await tx`insert into share_invitations (owner_id, role, token_hash) values (${ownerId}, 'viewer', ${hash})`;
  });
  const [row] = await t.app.sql.begin(async (tx) => {
    await tx`select set_config('app.user_id', ${granteeId}, true)`;
    return tx<{ share_id: string }[]>`select * from pursuit.accept_invitation(${hash})`;
  });
  return row!.share_id;
}

async function revoke(ownerId: string, shareId: string): Promise<void> {
  await t.app.sql.begin(async (tx) => {
    await tx`select set_config('app.user_id', ${ownerId}, true)`;
    await tx`update shares set revoked_at = now() where id = ${shareId}`;
  });
}

/** A watch read in the background: its snapshots so far, its error, and how to end it. */
function watching(presence: Presence, watch: PresenceWatch) {
  const abort = new AbortController();
  const state = {
    snapshots: [] as PresenceSnapshot[],
    error: null as unknown,
    done: false,
    get people() {
      return state.snapshots.at(-1)?.people ?? [];
    },
    stop: () => abort.abort(),
  };
  void (async () => {
    try {
      for await (const snapshot of presence.watch(watch, abort.signal)) {
        state.snapshots.push(snapshot);
      }
    } catch (error) {
      state.error = error;
    } finally {
      state.done = true;
    }
  })();
  return state;
}

async function until(ok: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('presence across instances', () => {
  it('a new watcher sees the others at once; a dead instance is forgotten after the expiry', async () => {
    const owner = await signUp(t, 'Owner');
    const board = { kind: 'board' } as const;
    const o = watching(one, { userId: owner.id, ownerId: owner.id, tabId: 'a', where: board });
    await until(() => o.snapshots.length === 1, 'the first snapshot');
    // The owner's second tab, on the other instance: each sees the other at once.
    const o2 = watching(two, { userId: owner.id, ownerId: owner.id, tabId: 'b', where: board });
    await until(() => o2.people.length === 1, 'tab a on two', 1000);
    await until(() => o.people.length === 1, 'tab b on one', 1000);
    expect(o.people[0]).toMatchObject({ userId: owner.id, name: 'Owner', tabId: 'b' });

    // An instance that dies says nothing: its entry goes after the expiry.
    await t.owner.sql.notify(
      PRESENCE_CHANNEL,
      JSON.stringify({
        i: 'dead-instance',
        k: 'e',
        o: owner.id,
        u: owner.id,
        t: 'ghost',
        n: 'Owner',
        w: board,
        y: false,
        s: new Date().toISOString(),
        x: 'w1',
      }),
    );
    await until(() => o.people.some((p) => p.tabId === 'ghost'), 'the ghost', 1000);
    await until(() => !o.people.some((p) => p.tabId === 'ghost'), 'the ghost to expire', 2000);
    // Live watches re-announce (two beats every 300 ms), so they stay.
    expect(o.people.map((p) => p.tabId)).toEqual(['b']);
    o.stop();
    o2.stop();
  });

  it("a tab's old watch ending does not remove its new one", async () => {
    const owner = await signUp(t, 'Mover');
    const other = watching(one, {
      userId: owner.id,
      ownerId: owner.id,
      tabId: 'watcher',
      where: { kind: 'board' },
    });
    const first = watching(two, {
      userId: owner.id,
      ownerId: owner.id,
      tabId: 'tab',
      where: { kind: 'board' },
    });
    await until(() => other.people.length === 1, 'the first watch');
    const second = watching(two, {
      userId: owner.id,
      ownerId: owner.id,
      tabId: 'tab',
      where: { kind: 'board' },
    });
    await until(() => second.snapshots.length > 0, 'the second watch');
    first.stop();
    await until(() => first.done, 'the first watch to end');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(other.people.map((p) => p.tabId)).toEqual(['tab']);
    second.stop();
    await until(() => other.people.length === 0, 'gone at once', 500);
    other.stop();
  });

  it('the heartbeat ends a watch whose access was revoked', async () => {
    const owner = await signUp(t, 'Sharer');
    const coach = await signUp(t, 'Watcher');
    const shareId = await share(owner.id, coach.id);
    const c = watching(two, {
      userId: coach.id,
      ownerId: owner.id,
      tabId: 'c',
      where: { kind: 'board' },
    });
    await until(() => c.snapshots.length === 1, 'the first snapshot');
    await revoke(owner.id, shareId);
    await until(() => c.done, 'the watch to end', 2000);
    expect(c.error).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses a stranger', async () => {
    const owner = await signUp(t, 'Private');
    const stranger = await signUp(t, 'Stranger');
    const s = watching(one, {
      userId: stranger.id,
      ownerId: owner.id,
      tabId: 's',
      where: { kind: 'board' },
    });
    await until(() => s.done, 'the refusal');
    expect(s.error).toMatchObject({ code: 'NOT_FOUND' });
    expect(s.snapshots).toEqual([]);
  });
});

describe("the hub's owner → grantees map", () => {
  it('is loaded at start and follows shares, telling of lost access', async () => {
    const owner = await signUp(t, 'Mapped');
    const before = await signUp(t, 'Early');
    await share(owner.id, before.id);
    const hub = new LiveHub({ owner: t.owner, app: t.app, pollMs: 50 });
    const lost: string[] = [];
    hub.onAccessLost((o, g) => lost.push(`${o}:${g}`));
    await hub.start();
    try {
      expect([...hub.granteesOf(owner.id)]).toEqual([before.id]);
      const later = await signUp(t, 'Late');
      const shareId = await share(owner.id, later.id);
      await until(() => hub.granteesOf(owner.id).size === 2, 'the new grantee');
      await revoke(owner.id, shareId);
      await until(() => hub.granteesOf(owner.id).size === 1, 'the revocation');
      expect(lost).toEqual([`${owner.id}:${later.id}`]);
    } finally {
      await hub.stop();
    }
  });
});

// The live feed's reader for this process (ARCHITECTURE.md, steps 2-4). It is
// woken by LISTEN pursuit_changes and by a 1 s poll (notifications can be lost,
// e.g. behind a pooler), reads change_log past its watermark in commit order,
// re-reads each changed row once per interested user under that user's RLS,
// and hands the result to every open subscription of that user.
//
// Who is interested (ARCHITECTURE.md, "Sharing and collaborators"): the owner
// of the change (user_id), its also_user_id (a share's grantee), and unless
// the change is private, the owner's current grantees. That map is kept here,
// loaded from `shares` at start and re-read for the owners of every batch that
// carries `shares` rows, before that batch's audience is chosen. It only says
// whom to try: every row is still re-read under the recipient's RLS.
import {
  comparePositions,
  countUserChangesBetween,
  currentLivePosition,
  decodeEventId,
  encodeEventId,
  prunedHorizon,
  readChangesAfter,
  readUserChangesBetween,
  type ChangeRow,
  type Database,
  type LivePosition,
} from '@pursuit/db';
import type { LiveFeed, LiveEvent } from './feed';
import { LIVE_QUEUE_LIMIT, LiveQueue } from './queue';
import { RecentVersions } from './recent';
import { sendOnce } from './wire';
import {
  isLiveTable,
  readLiveRows,
  type LiveChange,
  type LiveReads,
  type LiveTable,
  type VersionedRow,
} from './tables';

interface PositionedEvent extends LiveEvent {
  position: LivePosition;
  /** `table:id` and the re-read tuple's xmin, for rows sent with their content. */
  key?: string;
  version?: string;
}

type Listener = LiveQueue<PositionedEvent>;

export interface LiveHubOptions {
  owner: Database;
  app: Database;
  pollMs?: number;
  batchSize?: number;
  /** Events buffered per subscription before it is sent a resync instead (queue.ts). */
  queueLimit?: number;
  log?: (line: string) => void;
  /** How changed rows are re-read under a user's RLS; tests inject failures here. */
  readRows?: typeof readLiveRows;
}

export interface LiveStats {
  batches: number;
  changes: number;
  rereads: number;
  delivered: number;
  /** Subscriptions that fell LIVE_QUEUE_LIMIT behind and were sent a resync. */
  overflows: number;
  /** Chunks of change_log read to replay missed changes to resuming clients. */
  replayReads: number;
  /** Resumes past REPLAY_LIMIT, answered with a resync instead of a replay. */
  replayResyncs: number;
  /** Re-reads that failed; their users' subscriptions were sent a resync instead. */
  rereadFailures: number;
  /** Times the owner → grantees map was re-read for a batch carrying `shares` rows. */
  shareRefreshes: number;
}

/** Told when a grantee stops being able to read an owner's search (revoked, left). */
export type AccessLostListener = (ownerId: string, granteeId: string) => void;

/**
 * The most missed changes a resume replays. Past it the client is sent one
 * resync (it reloads its views: a few queries) instead of thousands of events.
 */
export const REPLAY_LIMIT = 5000;
/** Missed changes read (and re-read) per query while replaying. */
export const REPLAY_CHUNK = 500;

/** Re-reads tried after a wake-up that found nothing: a concurrent transaction may hold xmin back. */
const RETRY_DELAYS_MS = [2, 5, 10, 20, 40, 80];

export class LiveHub implements LiveFeed {
  readonly stats: LiveStats = {
    batches: 0,
    changes: 0,
    rereads: 0,
    delivered: 0,
    overflows: 0,
    replayReads: 0,
    replayResyncs: 0,
    rereadFailures: 0,
    shareRefreshes: 0,
  };
  private position: LivePosition = { xid: 0n, id: 0n };
  private readonly listeners = new Map<string, Set<Listener>>();
  /** owner → their active grantees, and the reverse. */
  private readonly grantees = new Map<string, Set<string>>();
  private readonly sharedWith = new Map<string, Set<string>>();
  private readonly accessLost = new Set<AccessLostListener>();
  private readonly owner: Database;
  private readonly app: Database;
  private readonly pollMs: number;
  private readonly batchSize: number;
  private readonly queueLimit: number;
  private readonly log: (line: string) => void;
  private readonly readRows: typeof readLiveRows;
  private running = false;
  private wakeAgain = false;
  private stopped = false;
  private poll: NodeJS.Timeout | undefined;
  private retry: NodeJS.Timeout | undefined;
  private unlisten: (() => Promise<void>) | undefined;

  constructor(options: LiveHubOptions) {
    this.owner = options.owner;
    this.app = options.app;
    this.pollMs = options.pollMs ?? 1000;
    this.batchSize = options.batchSize ?? 1000;
    this.queueLimit = options.queueLimit ?? LIVE_QUEUE_LIMIT;
    this.log = options.log ?? (() => {});
    this.readRows = options.readRows ?? readLiveRows;
  }

  async start(): Promise<void> {
    const [current, horizon] = await Promise.all([
      currentLivePosition(this.owner),
      prunedHorizon(this.owner),
    ]);
    this.position = comparePositions(current, horizon) >= 0 ? current : horizon;
    // After the position: a share changed since is in a batch past it, which
    // re-reads that owner's shares again.
    await this.loadShares(null);
    const subscription = await this.owner.sql.listen(
      'pursuit_changes',
      () => this.wake(0),
      () => this.wake(0), // (re)connected: something may have been missed meanwhile
    );
    this.unlisten = () => subscription.unlisten();
    // The poll is only a safety net: it does not start the quick retries that
    // a NOTIFY wake-up does (an idle instance would otherwise query 7× a second).
    this.poll = setInterval(() => this.wake(RETRY_DELAYS_MS.length), this.pollMs);
    this.poll.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.poll);
    clearTimeout(this.retry);
    await this.unlisten?.().catch(() => undefined);
    for (const set of this.listeners.values()) for (const listener of set) listener.close();
    this.listeners.clear();
  }

  cursor(): string {
    return encodeEventId(this.position);
  }

  /** Open subscriptions, for the benchmark and tests. */
  get subscriptionCount(): number {
    let count = 0;
    for (const set of this.listeners.values()) count += set.size;
    return count;
  }

  /** The owner's current grantees as this instance knows them (tests, presence). */
  granteesOf(ownerId: string): ReadonlySet<string> {
    return this.grantees.get(ownerId) ?? new Set();
  }

  /** Calls `listener` whenever a grantee loses access to an owner's search; returns the unsubscribe. */
  onAccessLost(listener: AccessLostListener): () => void {
    this.accessLost.add(listener);
    return () => this.accessLost.delete(listener);
  }

  /**
   * Re-reads the active shares of `owners` (null: every share) into the map,
   * telling the access-lost listeners of each grantee who dropped out.
   */
  private async loadShares(owners: readonly string[] | null): Promise<void> {
    const rows = owners
      ? await this.owner.sql<{ owner_id: string; grantee_id: string }[]>`
          select owner_id, grantee_id from public.shares
           where revoked_at is null and owner_id = any(${[...owners]}::uuid[])`
      : await this.owner.sql<{ owner_id: string; grantee_id: string }[]>`
          select owner_id, grantee_id from public.shares where revoked_at is null`;
    const next = new Map<string, Set<string>>();
    for (const owner of owners ?? []) next.set(owner, new Set());
    for (const row of rows) {
      let set = next.get(row.owner_id);
      if (!set) next.set(row.owner_id, (set = new Set()));
      set.add(row.grantee_id);
    }
    const lost: [string, string][] = [];
    for (const [owner, now] of next) {
      const before = this.grantees.get(owner) ?? new Set<string>();
      for (const grantee of before) {
        if (now.has(grantee)) continue;
        lost.push([owner, grantee]);
        const owners = this.sharedWith.get(grantee);
        owners?.delete(owner);
        if (owners?.size === 0) this.sharedWith.delete(grantee);
      }
      for (const grantee of now) {
        let set = this.sharedWith.get(grantee);
        if (!set) this.sharedWith.set(grantee, (set = new Set()));
        set.add(owner);
      }
      if (now.size > 0) this.grantees.set(owner, now);
      else this.grantees.delete(owner);
    }
    for (const [owner, grantee] of lost) {
      for (const listener of this.accessLost) {
        try {
          listener(owner, grantee);
        } catch (error) {
          this.log(`live: an access-lost listener failed: ${String(error)}`);
        }
      }
    }
  }

  /** Open subscriptions of one user, so tests can wait until the hub holds theirs. */
  subscriptionsOf(userId: string): number {
    return this.listeners.get(userId)?.size ?? 0;
  }

  async *stream(
    userId: string,
    lastEventId: string | null | undefined,
    signal: AbortSignal | undefined,
  ): AsyncGenerator<LiveEvent> {
    // Live first: from this instant every batch the hub starts includes us,
    // and everything up to `replayUntil` is what we must replay ourselves.
    const queue: Listener = new LiveQueue(this.queueLimit);
    let set = this.listeners.get(userId);
    if (!set) this.listeners.set(userId, (set = new Set()));
    set.add(queue);
    const replayUntil = this.position;
    // A row version this subscription was already sent is not sent again: a
    // re-read sees the row as it is now, so a change whose re-read already
    // carried a later write's content is followed by that write's own event,
    // which would repeat it (the duplicates under overload).
    const sent = new RecentVersions();
    try {
      let delivered: LivePosition | null = null;
      if (lastEventId != null) {
        delivered = replayUntil;
        const from = decodeEventId(lastEventId);
        if (from && comparePositions(from, replayUntil) >= 0) {
          // The client has seen more than this instance has read (it came from
          // a faster instance): skip what it has, replay nothing.
          delivered = from;
        } else {
          for await (const event of this.replay(userId, from, replayUntil)) {
            if (sent.repeats(event)) continue;
            yield event;
          }
        }
      }
      for await (const event of queue.read(signal)) {
        if (delivered && comparePositions(event.position, delivered) <= 0) continue;
        if ('overflow' in event) {
          this.stats.overflows += 1;
          this.log(`live: a subscription fell ${this.queueLimit} events behind; sent resync`);
          delivered = event.position;
          yield resyncAt(event.position);
          continue;
        }
        if (sent.repeats(event)) continue;
        yield event;
      }
    } finally {
      queue.close();
      set.delete(queue);
      if (set.size === 0 && this.listeners.get(userId) === set) this.listeners.delete(userId);
    }
  }

  /** Schedules a read; runs are serialised so batches stay in commit order. */
  wake(retryIndex: number): void {
    if (this.stopped) return;
    if (this.running) {
      this.wakeAgain = true;
      return;
    }
    this.running = true;
    void this.drain()
      .then((read) => {
        if (read === 0 && retryIndex < RETRY_DELAYS_MS.length && !this.wakeAgain) {
          clearTimeout(this.retry);
          this.retry = setTimeout(() => this.wake(retryIndex + 1), RETRY_DELAYS_MS[retryIndex]);
        }
      })
      // A failed read of change_log moved nothing: the next wake-up (the poll,
      // or LISTEN reconnecting) reads from the same position again.
      .catch((error: unknown) => this.log(`live feed read failed: ${String(error)}`))
      .finally(() => {
        this.running = false;
        if (this.wakeAgain) {
          this.wakeAgain = false;
          this.wake(0);
        }
      });
  }

  private async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const rows = await readChangesAfter(this.owner, this.position, this.batchSize);
      if (rows.length === 0) return total;
      total += rows.length;
      await this.dispatch(rows);
      if (rows.length < this.batchSize) return total;
    }
  }

  private async dispatch(rows: ChangeRow[]): Promise<void> {
    // A batch that changes shares first brings the map up to date, so that a
    // revoked grantee is not sent the rest of it (nor anything after).
    const shareOwners = new Set<string>();
    for (const row of rows) if (row.table === 'shares' && row.userId) shareOwners.add(row.userId);
    if (shareOwners.size > 0) {
      await this.loadShares([...shareOwners]);
      this.stats.shareRefreshes += 1;
    }
    // Who listens is fixed as the batch starts; a subscription opened during
    // the re-reads replays this batch from change_log instead.
    const audience = new Map<string, { listeners: Listener[]; rows: ChangeRow[] }>();
    const absent = new Set<string>();
    const add = (userId: string, row: ChangeRow) => {
      if (absent.has(userId)) return;
      let entry = audience.get(userId);
      if (!entry) {
        const set = this.listeners.get(userId);
        if (!set || set.size === 0) {
          absent.add(userId);
          return;
        }
        audience.set(userId, (entry = { listeners: [...set], rows: [] }));
      }
      if (entry.rows.at(-1) !== row) entry.rows.push(row);
    };
    for (const row of rows) {
      if (!row.userId) continue;
      add(row.userId, row);
      if (row.alsoUserId) add(row.alsoUserId, row);
      if (row.private) continue;
      for (const grantee of this.grantees.get(row.userId) ?? []) add(grantee, row);
    }
    // The position moves now, before the re-reads, so that a subscription
    // opened meanwhile replays this batch itself (it is not in the audience).
    // So a re-read that fails cannot hold the batch back: that user's
    // subscriptions get a resync at the batch's end instead (issue 10).
    this.position = rows[rows.length - 1]!.position;
    this.stats.batches += 1;
    this.stats.changes += rows.length;
    if (audience.size === 0) return;
    const last = rows[rows.length - 1]!.position;
    const reads = new Map<string, Map<LiveTable, string[]>>();
    for (const [userId, entry] of audience) reads.set(userId, wantedRows(entry.rows));
    let found: Map<string, Map<string, VersionedRow>> | null = null;
    try {
      found = await this.reread(reads);
    } catch (error) {
      // Past this batch already (see above): reload rather than miss it.
      this.stats.rereadFailures += 1;
      this.log(`live: re-reading a batch of changes failed, sent resync: ${String(error)}`);
    }
    // An event is one object for everyone who gets it (the owner's tabs and
    // the grantees: their RLS shows them the same row), so it is serialised once.
    const shared = new Map<string, PositionedEvent>();
    for (const [userId, { listeners, rows: userRows }] of audience) {
      const events = found
        ? toEvents(userId, userRows, found.get(userId) ?? new Map(), shared)
        : [resyncAt(last)];
      for (const event of events) {
        for (const listener of listeners) listener.push(event);
        this.stats.delivered += listeners.length;
      }
    }
  }

  /** One re-read of `reads` (one pipelined transaction per LIVE_READ_GROUP users). */
  private async reread(reads: LiveReads): Promise<Map<string, Map<string, VersionedRow>>> {
    let users = 0;
    for (const wanted of reads.values()) if (wanted.size > 0) users += 1;
    this.stats.rereads += users;
    return this.readRows(this.app, reads);
  }

  /**
   * What a client resuming after `from` missed up to `until`: the changes,
   * read and re-read REPLAY_CHUNK at a time as the subscriber pulls them, or
   * one resync when they cannot all be replayed (pruned from the log, more
   * than REPLAY_LIMIT, or the database failed while reading them).
   */
  private async *replay(
    userId: string,
    from: LivePosition | null,
    until: LivePosition,
  ): AsyncGenerator<PositionedEvent> {
    // The owners sharing with this user as the hub stands at `until`.
    const sharedBy = [...(this.sharedWith.get(userId) ?? [])];
    try {
      if (from && (await this.replayable(userId, sharedBy, from, until))) {
        for (let after: LivePosition | null = from; after;) {
          const rows = await readUserChangesBetween(
            this.owner,
            userId,
            sharedBy,
            after,
            until,
            REPLAY_CHUNK,
          );
          this.stats.replayReads += 1;
          const found = await this.reread(new Map([[userId, wantedRows(rows)]]));
          for (const event of toEvents(userId, rows, found.get(userId) ?? new Map())) yield event;
          after = rows.length === REPLAY_CHUNK ? rows[rows.length - 1]!.position : null;
        }
        // Pruning that overtook the replay may have taken rows before we read them.
        if (comparePositions(from, await prunedHorizon(this.owner)) >= 0) return;
      }
    } catch (error) {
      // What was replayed stays valid; the resync covers the rest.
      this.log(`live: a replay failed, sent resync: ${String(error)}`);
    }
    yield resyncAt(until);
  }

  /** Whether the log still holds every change after `from`, and not too many of them. */
  private async replayable(
    userId: string,
    sharedBy: readonly string[],
    from: LivePosition,
    until: LivePosition,
  ): Promise<boolean> {
    if (comparePositions(from, await prunedHorizon(this.owner)) < 0) return false;
    const atMost = REPLAY_LIMIT + 1;
    if (
      (await countUserChangesBetween(this.owner, userId, sharedBy, from, until, atMost)) < atMost
    ) {
      return true;
    }
    this.stats.replayResyncs += 1;
    this.log(`live: a resume missed more than ${REPLAY_LIMIT} changes; sent resync`);
    return false;
  }
}

/** The rows of `rows` to re-read, per table: those not deleted by their last change. */
function wantedRows(rows: readonly ChangeRow[]): Map<LiveTable, string[]> {
  const lastOp = new Map<string, ChangeRow>();
  for (const row of rows) if (isLiveTable(row.table)) lastOp.set(`${row.table}:${row.rowId}`, row);
  const wanted = new Map<LiveTable, string[]>();
  for (const row of lastOp.values()) {
    if (row.op === 'delete') continue;
    const table = row.table as LiveTable;
    let ids = wanted.get(table);
    if (!ids) wanted.set(table, (ids = []));
    ids.push(row.rowId);
  }
  return wanted;
}

/**
 * Turns one user's change rows into events, given the rows re-read under
 * that user's RLS. Changes to the same row are coalesced into one event at
 * the latest of their positions: every one of them would carry the same
 * re-read content, and the client applies the current state anyway. A row of
 * someone else's search (the user is a grantee) that the user can no longer
 * read goes out as a delete without the row: it may have been made private,
 * and they may have seen it before. Private rows of others never reach them
 * at all, not even their deletes.
 */
function toEvents(
  userId: string,
  rows: readonly ChangeRow[],
  found: ReadonlyMap<string, VersionedRow>,
  made = new Map<string, PositionedEvent>(),
): PositionedEvent[] {
  const latest = new Map<string, { change: ChangeRow; inserted: boolean }>();
  for (const change of rows) {
    if (!isLiveTable(change.table)) continue;
    const shared = change.userId !== userId && change.alsoUserId !== userId;
    if (shared && change.private) continue;
    const key = `${change.table}:${change.rowId}`;
    const before = latest.get(key);
    latest.set(key, { change, inserted: (before?.inserted ?? false) || change.op === 'insert' });
  }
  const events: PositionedEvent[] = [];
  for (const [key, { change, inserted }] of latest) {
    const shared = change.userId !== userId && change.alsoUserId !== userId;
    const current = change.op === 'delete' ? undefined : found.get(key);
    let op: ChangeRow['op'] = change.op === 'delete' ? 'delete' : inserted ? 'insert' : 'update';
    if (change.op !== 'delete' && current === undefined) {
      // Not readable now: gone since (its delete event follows) or not ours to see.
      if (!shared) continue;
      op = 'delete';
    }
    const eventId = encodeEventId(change.position);
    const same = `${eventId} ${op} ${current?.version ?? ''}`;
    let event = made.get(same);
    if (!event) {
      event = {
        position: change.position,
        eventId,
        key,
        version: current?.version,
        change: {
          table: change.table,
          op,
          id: change.rowId,
          row: current?.row ?? null,
        } as LiveChange,
      };
      sendOnce(event.change);
      made.set(same, event);
    }
    events.push(event);
  }
  return events.sort((a, b) => comparePositions(a.position, b.position));
}

function resyncAt(position: LivePosition): PositionedEvent {
  return {
    position,
    eventId: encodeEventId(position),
    change: { table: '*', op: 'resync', id: null, row: null },
  };
}

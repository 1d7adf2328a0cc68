// Presence: who is looking at an owner's search right now, where (the board or
// one application), and whether they are typing a comment (ARCHITECTURE.md,
// "Sharing and collaborators"). Ephemeral: kept in memory per process, never
// stored. Each instance holds every entry it hears of; instances tell each
// other by NOTIFY pursuit_presence with a small JSON payload (one entry, or
// one entry's end), so any instance can answer a watcher with the whole set.
//
// An entry is one tab's watch of one owner's search, keyed (owner, user, tab).
// The instance holding the watch announces it at once, again every heartbeat
// (HEARTBEAT_MS, re-checking the watcher may still read the owner's search),
// and its end (`gone`) when the subscription closes. An entry nobody
// announced for EXPIRY_MS is dropped (its instance died, or its NOTIFY was
// lost). A new watch asks the other instances to announce their entries of
// that owner at once, so it does not wait a heartbeat to see them.
//
// Revocation: the live hub tells us when a grantee loses an owner's search
// (it re-reads shares for every batch that changes them, on every instance);
// that grantee's watches of that owner end then, with NOT_FOUND.
import { randomUUID } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { sql } from 'drizzle-orm';
import { withUser, type Database } from '@pursuit/db';

export type PresenceWhere = { kind: 'board' } | { kind: 'application'; applicationId: string };

export interface PresencePerson {
  userId: string;
  name: string;
  tabId: string;
  where: PresenceWhere;
  typing: boolean;
  /** When this tab started looking (ISO 8601). */
  since: string;
}

export interface PresenceSnapshot {
  people: PresencePerson[];
}

export interface PresenceWatch {
  userId: string;
  ownerId: string;
  tabId: string;
  where: PresenceWhere;
}

export interface PresenceTyping {
  userId: string;
  ownerId: string;
  tabId: string;
  applicationId: string;
  typing: boolean;
}

/** Presence as procedures see it; Presence below implements it. */
export interface PresenceFeed {
  /** Snapshots of who looks at `ownerId`'s search, until aborted or access ends. */
  watch(watch: PresenceWatch, signal: AbortSignal | undefined): AsyncIterable<PresenceSnapshot>;
  /** Sets a tab's typing flag; throws NOT_FOUND when the caller may not read the application. */
  typing(typing: PresenceTyping): Promise<void>;
}

export const PRESENCE_CHANNEL = 'pursuit_presence';
/** Each watch re-checks access and re-announces itself this often. */
export const PRESENCE_HEARTBEAT_MS = 15_000;
/** An entry not announced for this long is gone. */
export const PRESENCE_EXPIRY_MS = 45_000;
/** Names are cut to this in payloads (NOTIFY takes < 8000 bytes). */
const NAME_MAX = 120;

/** One NOTIFY payload: an entry's state, its end, a request to announce, or a typing flag. */
interface Message {
  /** Instance that sent it. */
  i: string;
  /** 'e' entry, 'g' gone, 'a' announce your entries of owner `o`, 't' typing. */
  k: 'e' | 'g' | 'a' | 't';
  o: string;
  u?: string;
  t?: string;
  n?: string;
  w?: PresenceWhere;
  y?: boolean;
  s?: string;
  /** The watch's id: a gone ends only the watch it names (a tab's next watch may have begun). */
  x?: string;
  /** At a private application: grantees are told only that the person is on the board. */
  p?: boolean;
  /** Typing's application. */
  a?: string;
}

interface Entry {
  userId: string;
  name: string;
  tabId: string;
  where: PresenceWhere;
  typing: boolean;
  since: string;
  watchId: string;
  privateWhere: boolean;
  seenAt: number;
  /** Held by a watch on this instance. */
  local: boolean;
}

interface Watcher {
  userId: string;
  ownerId: string;
  tabId: string;
  watchId: string;
  /** Wake the generator: the set changed, or it must end. */
  wake: () => void;
  dirty: boolean;
  ended: TRPCError | null;
}

export interface PresenceOptions {
  /** The request-role database: access checks and names under the watcher's RLS. */
  app: Database;
  /** The owner database: LISTEN / NOTIFY. */
  owner: Database;
  /** Subscribes to "this grantee lost this owner's search" (LiveHub.onAccessLost). */
  onAccessLost?: (listener: (ownerId: string, granteeId: string) => void) => () => void;
  heartbeatMs?: number;
  expiryMs?: number;
  log?: (line: string) => void;
}

const key = (userId: string, tabId: string) => `${userId} ${tabId}`;

function accessEnded(): TRPCError {
  return new TRPCError({ code: 'NOT_FOUND', message: 'You no longer have access to this search.' });
}

export class Presence implements PresenceFeed {
  readonly instanceId = randomUUID();
  /** owner → (user, tab) → entry: every entry this instance knows of. */
  private readonly entries = new Map<string, Map<string, Entry>>();
  /** owner → this instance's watchers. */
  private readonly watchers = new Map<string, Set<Watcher>>();
  private readonly app: Database;
  private readonly owner: Database;
  private readonly heartbeatMs: number;
  private readonly expiryMs: number;
  private readonly log: (line: string) => void;
  private heartbeat: NodeJS.Timeout | undefined;
  private sweep: NodeJS.Timeout | undefined;
  private unlisten: (() => Promise<void>) | undefined;
  private offAccessLost: (() => void) | undefined;
  private stopped = false;

  constructor(options: PresenceOptions) {
    this.app = options.app;
    this.owner = options.owner;
    this.heartbeatMs = options.heartbeatMs ?? PRESENCE_HEARTBEAT_MS;
    this.expiryMs = options.expiryMs ?? PRESENCE_EXPIRY_MS;
    this.log = options.log ?? (() => {});
    this.offAccessLost = options.onAccessLost?.((ownerId, granteeId) =>
      this.endAccess(ownerId, granteeId),
    );
  }

  async start(): Promise<void> {
    const subscription = await this.owner.sql.listen(
      PRESENCE_CHANNEL,
      (payload) => this.receive(payload),
      // (Re)connected: notifications may have been missed; announce ours again.
      () => this.announceAll(),
    );
    this.unlisten = () => subscription.unlisten();
    this.heartbeat = setInterval(() => void this.beat(), this.heartbeatMs);
    this.heartbeat.unref();
    this.sweep = setInterval(() => this.expire(), Math.min(5_000, this.expiryMs / 3));
    this.sweep.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.heartbeat);
    clearInterval(this.sweep);
    this.offAccessLost?.();
    for (const set of this.watchers.values()) {
      for (const watcher of set) {
        watcher.ended ??= new TRPCError({ code: 'CLIENT_CLOSED_REQUEST', message: 'stopping' });
        watcher.wake();
      }
    }
    // Tell the others our entries are gone before we stop listening.
    const gone: Promise<void>[] = [];
    for (const [ownerId, byKey] of this.entries) {
      for (const entry of byKey.values()) {
        if (entry.local) gone.push(this.send(goneMessage(this.instanceId, ownerId, entry)));
      }
    }
    await Promise.all(gone);
    await this.unlisten?.().catch(() => undefined);
  }

  /** Everyone this instance knows is looking at `ownerId`'s search (tests). */
  peopleOf(ownerId: string): number {
    return this.entries.get(ownerId)?.size ?? 0;
  }

  async *watch(
    watch: PresenceWatch,
    signal: AbortSignal | undefined,
  ): AsyncGenerator<PresenceSnapshot> {
    const { userId, ownerId, tabId } = watch;
    const found = await withUser(this.app, userId, async (tx) => {
      const rows = (await tx.execute(sql`
        select p.display_name as name,
               ${watch.where.kind === 'application' ? sql`pursuit.can_read_application(${ownerId}::uuid, ${watch.where.applicationId}::uuid)` : sql`true`} as readable,
               ${watch.where.kind === 'application' ? sql`exists (select 1 from public.applications a where a.id = ${watch.where.applicationId}::uuid and a.private)` : sql`false`} as private
          from pursuit.people_with_access(${ownerId}::uuid) p
         where p.user_id = ${userId}::uuid`)) as unknown as {
        name: string;
        readable: boolean;
        private: boolean;
      }[];
      return rows[0];
    });
    if (!found || !found.readable) {
      throw new TRPCError({
        code: 'NOT_FOUND',
        message:
          watch.where.kind === 'application' ? 'Application not found.' : 'Search not found.',
      });
    }
    const entry: Entry = {
      userId,
      name: found.name.slice(0, NAME_MAX),
      tabId,
      where: watch.where,
      typing: false,
      since: new Date().toISOString(),
      watchId: randomUUID(),
      privateWhere: found.private,
      seenAt: Date.now(),
      local: true,
    };
    let wake: () => void = () => {};
    const watcher: Watcher = {
      userId,
      ownerId,
      tabId,
      watchId: entry.watchId,
      wake: () => wake(),
      dirty: true,
      ended: null,
    };
    if (this.stopped) return;
    let set = this.watchers.get(ownerId);
    if (!set) this.watchers.set(ownerId, (set = new Set()));
    set.add(watcher);
    const onAbort = () => watcher.wake();
    signal?.addEventListener('abort', onAbort, { once: true });
    this.upsert(ownerId, entry);
    void this.send(entryMessage(this.instanceId, ownerId, entry));
    void this.send({ i: this.instanceId, k: 'a', o: ownerId });
    try {
      for (;;) {
        if (watcher.ended) throw watcher.ended;
        if (signal?.aborted) return;
        if (watcher.dirty) {
          watcher.dirty = false;
          yield this.snapshot(ownerId, userId, tabId);
          continue;
        }
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = () => {};
      }
    } finally {
      signal?.removeEventListener('abort', onAbort);
      set.delete(watcher);
      if (set.size === 0 && this.watchers.get(ownerId) === set) this.watchers.delete(ownerId);
      const current = this.entries.get(ownerId)?.get(key(userId, tabId));
      if (current?.watchId === entry.watchId) {
        this.remove(ownerId, key(userId, tabId));
        if (!this.stopped) void this.send(goneMessage(this.instanceId, ownerId, entry));
      }
    }
  }

  async typing(typing: PresenceTyping): Promise<void> {
    const readable = await withUser(this.app, typing.userId, async (tx) => {
      const rows = (await tx.execute(
        sql`select pursuit.can_read_application(${typing.ownerId}::uuid, ${typing.applicationId}::uuid) as ok`,
      )) as unknown as { ok: boolean }[];
      return rows[0]?.ok === true;
    });
    if (!readable) throw new TRPCError({ code: 'NOT_FOUND', message: 'Application not found.' });
    const message: Message = {
      i: this.instanceId,
      k: 't',
      o: typing.ownerId,
      u: typing.userId,
      t: typing.tabId.slice(0, 64),
      a: typing.applicationId,
      y: typing.typing,
    };
    // The watch may be held by another instance (queries and mutations go
    // over HTTP): every instance applies it, this one now.
    this.apply(message);
    await this.send(message);
  }

  private snapshot(ownerId: string, userId: string, tabId: string): PresenceSnapshot {
    const isOwner = userId === ownerId;
    const people: PresencePerson[] = [];
    for (const entry of this.entries.get(ownerId)?.values() ?? []) {
      if (entry.userId === userId && entry.tabId === tabId) continue;
      const hidden = entry.privateWhere && !isOwner;
      people.push({
        userId: entry.userId,
        name: entry.name,
        tabId: entry.tabId,
        where: hidden ? { kind: 'board' } : entry.where,
        typing: hidden ? false : entry.typing,
        since: entry.since,
      });
    }
    people.sort((a, b) => a.since.localeCompare(b.since) || a.tabId.localeCompare(b.tabId));
    return { people };
  }

  private changed(ownerId: string): void {
    for (const watcher of this.watchers.get(ownerId) ?? []) {
      watcher.dirty = true;
      watcher.wake();
    }
  }

  private upsert(ownerId: string, entry: Entry): void {
    let byKey = this.entries.get(ownerId);
    if (!byKey) this.entries.set(ownerId, (byKey = new Map<string, Entry>()));
    const k = key(entry.userId, entry.tabId);
    const before = byKey.get(k);
    byKey.set(k, entry);
    if (
      !before ||
      before.name !== entry.name ||
      before.typing !== entry.typing ||
      before.watchId !== entry.watchId ||
      JSON.stringify(before.where) !== JSON.stringify(entry.where)
    ) {
      this.changed(ownerId);
    }
  }

  private remove(ownerId: string, k: string): void {
    const byKey = this.entries.get(ownerId);
    if (!byKey?.delete(k)) return;
    if (byKey.size === 0) this.entries.delete(ownerId);
    this.changed(ownerId);
  }

  private receive(payload: string): void {
    let message: Message;
    try {
      message = JSON.parse(payload) as Message;
    } catch {
      return;
    }
    if (message.i === this.instanceId || typeof message.o !== 'string') return;
    this.apply(message);
  }

  private apply(message: Message): void {
    const ownerId = message.o;
    if (message.k === 'a') {
      for (const entry of this.entries.get(ownerId)?.values() ?? []) {
        if (entry.local) void this.send(entryMessage(this.instanceId, ownerId, entry));
      }
      return;
    }
    if (!message.u || !message.t) return;
    const k = key(message.u, message.t);
    const current = this.entries.get(ownerId)?.get(k);
    if (message.k === 'g') {
      if (current && current.watchId === message.x && !current.local) this.remove(ownerId, k);
      return;
    }
    if (message.k === 't') {
      if (!current) return;
      const where = current.where;
      if (where.kind === 'application' && where.applicationId !== message.a) return;
      if (current.typing === Boolean(message.y)) return;
      current.typing = Boolean(message.y);
      this.changed(ownerId);
      return;
    }
    if (message.k !== 'e' || !message.w || !message.s || !message.x) return;
    // Ours are kept by our own watches; another instance never holds them.
    if (current?.local) return;
    this.upsert(ownerId, {
      userId: message.u,
      name: String(message.n ?? '').slice(0, NAME_MAX),
      tabId: message.t,
      where: message.w,
      typing: Boolean(message.y),
      since: message.s,
      watchId: message.x,
      privateWhere: Boolean(message.p),
      seenAt: Date.now(),
      local: false,
    });
  }

  /** Every heartbeat: re-check each watcher's access (one query per user), announce the rest. */
  private async beat(): Promise<void> {
    const byUser = new Map<string, Set<string>>();
    for (const [ownerId, set] of this.watchers) {
      for (const watcher of set) {
        let owners = byUser.get(watcher.userId);
        if (!owners) byUser.set(watcher.userId, (owners = new Set()));
        owners.add(ownerId);
      }
    }
    await Promise.all(
      [...byUser].map(async ([userId, owners]) => {
        try {
          const readable = await withUser(this.app, userId, async (tx) => {
            const rows = (await tx.execute(sql`
              select o::text as owner from unnest(${sql.param([...owners])}::uuid[]) o
               where pursuit.can_read(o)`)) as unknown as { owner: string }[];
            return new Set(rows.map((row) => row.owner));
          });
          for (const ownerId of owners) if (!readable.has(ownerId)) this.endAccess(ownerId, userId);
        } catch (error) {
          // Not known either way: keep the watches, check again next beat.
          this.log(`presence: access check failed: ${String(error)}`);
        }
      }),
    );
    this.announceAll();
  }

  private announceAll(): void {
    const now = Date.now();
    for (const [ownerId, byKey] of this.entries) {
      for (const entry of byKey.values()) {
        if (!entry.local) continue;
        entry.seenAt = now;
        void this.send(entryMessage(this.instanceId, ownerId, entry));
      }
    }
  }

  private expire(): void {
    const before = Date.now() - this.expiryMs;
    for (const [ownerId, byKey] of this.entries) {
      for (const [k, entry] of byKey) {
        if (!entry.local && entry.seenAt < before) this.remove(ownerId, k);
      }
    }
  }

  /** Ends `userId`'s watches of `ownerId` with NOT_FOUND. */
  private endAccess(ownerId: string, userId: string): void {
    for (const watcher of this.watchers.get(ownerId) ?? []) {
      if (watcher.userId !== userId) continue;
      watcher.ended = accessEnded();
      watcher.wake();
    }
  }

  private async send(message: Message): Promise<void> {
    if (this.stopped && message.k !== 'g') return;
    try {
      await this.owner.sql.notify(PRESENCE_CHANNEL, JSON.stringify(message));
    } catch (error) {
      // The heartbeat announces again; an entry another instance missed expires there.
      this.log(`presence: NOTIFY failed: ${String(error)}`);
    }
  }
}

function entryMessage(instanceId: string, ownerId: string, entry: Entry): Message {
  return {
    i: instanceId,
    k: 'e',
    o: ownerId,
    u: entry.userId,
    t: entry.tabId,
    n: entry.name,
    w: entry.where,
    y: entry.typing,
    s: entry.since,
    x: entry.watchId,
    p: entry.privateWhere || undefined,
  };
}

function goneMessage(instanceId: string, ownerId: string, entry: Entry): Message {
  return { i: instanceId, k: 'g', o: ownerId, u: entry.userId, t: entry.tabId, x: entry.watchId };
}

// The changes made without a network, kept in IndexedDB so they survive a
// reload, shown as "3 changes waiting", and sent in order once the server can
// be reached, through the usual mutations and version check. A field both
// sides changed becomes a conflict for the person (the existing conflict view);
// nothing is overwritten silently. One outbox per tab, for the signed-in user.
import { SvelteMap } from 'svelte/reactivity';
import { conflictCurrent, describeError, isApiError } from '$lib/api/errors';
import { trpc } from '$lib/api/trpc';
import type { ApplicationRow, CreateApplicationInput } from '$lib/api/types';
import { allOf, available, put, remove, transact, settle } from './idb';
import {
  draftCard,
  enqueue,
  fieldText,
  mapIds,
  patchOf,
  rebaseVersions,
  splitOnConflict,
  targetOf,
  waitingLabel,
  type CreatedRow,
  type EditableKey,
  type FieldConflict,
  type QueuedChange,
} from './queue';

/** While changes wait and the browser claims to be online, try again this often (a flaky network). */
const RETRY_MS = 15_000;
/** Retries of one update that keeps meeting newer versions of other fields. */
const MAX_RETRIES = 3;

interface OutboxRecord {
  seq?: number;
  userId: string;
  change: QueuedChange;
}

type ConflictRecord = FieldConflict & { userId: string };

interface CreatedRecord extends CreatedRow {
  userId: string;
  clientId: string;
}

export interface ReplayFailure {
  id: number;
  text: string;
}

/**
 * The server could not be reached (no network, server down, a proxy's error
 * page): the change waits. An answer from the API (a refusal) is not this.
 */
export function isUnreachable(error: unknown): boolean {
  return !(isApiError(error) && error.data);
}

export class Outbox {
  userId = $state<string | null>(null);
  /** What waits, in the order it will be sent. */
  changes = $state<QueuedChange[]>([]);
  conflicts = $state<FieldConflict[]>([]);
  /** Changes the server refused on replay (shown once; nothing else to do with them). */
  failures = $state<ReplayFailure[]>([]);
  replaying = $state(false);
  /** Set when a replay needs the person to sign in again first. */
  blocked = $state<string | null>(null);
  readonly waiting = $derived(waitingLabel(this.changes.length));
  /** Client ids of applications created offline → the created rows. */
  readonly created = new SvelteMap<string, CreatedRow>();

  #failureId = 0;
  #timer: ReturnType<typeof setInterval> | undefined;
  #watching = false;
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- callbacks, never rendered
  #syncedListeners = new Set<() => void>();

  /** Whether a new change must queue behind others (order is kept) rather than go now. */
  get busy(): boolean {
    return this.changes.length > 0 || this.replaying;
  }

  /** Loads what waits for `userId` and starts sending it when the network allows. */
  async use(userId: string): Promise<void> {
    if (!available()) return;
    if (this.userId === userId) return;
    this.userId = userId;
    try {
      const [records, conflicts, created] = await Promise.all([
        allOf<OutboxRecord>('outbox', userId),
        allOf<ConflictRecord>('conflicts', userId),
        allOf<CreatedRecord>('created', userId),
      ]);
      if (this.userId !== userId) return;
      this.changes = records.map((record) => record.change);
      this.conflicts = conflicts.map(({ userId: _userId, ...conflict }) => conflict);
      this.created.clear();
      for (const row of created)
        this.created.set(row.clientId, { id: row.id, version: row.version });
    } catch (error) {
      console.warn('offline queue:', error);
    }
    this.#watch();
    if (navigator.onLine) void this.replay();
  }

  /** Signing out: nothing of this person stays in memory (IndexedDB is cleared by the cache). */
  reset(): void {
    this.userId = null;
    this.changes = [];
    this.conflicts = [];
    this.failures = [];
    this.created.clear();
    this.blocked = null;
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** Queues a change (coalesced with what waits) and stores the queue. */
  async add(change: QueuedChange): Promise<void> {
    const userId = this.userId;
    if (!userId) throw new Error('Changes can be kept offline only while signed in.');
    this.changes = enqueue(this.changes, change);
    await this.#store(userId);
  }

  /** The created row's id for an application created offline (or the id itself). */
  resolveId(id: string): string {
    return this.created.get(id)?.id ?? id;
  }

  isDraft(id: string): boolean {
    return this.changes.some((change) => change.kind === 'create' && change.clientId === id);
  }

  conflictsFor(applicationId: string): FieldConflict[] {
    return this.conflicts.filter((conflict) => conflict.applicationId === applicationId);
  }

  /** The person chose in the conflict view: the conflict is settled. */
  async settle(applicationId: string, field: EditableKey): Promise<void> {
    const userId = this.userId;
    this.conflicts = this.conflicts.filter(
      (c) => !(c.applicationId === applicationId && c.field === field),
    );
    if (userId && available()) await remove('conflicts', [userId, applicationId, field]);
  }

  /**
   * "Keep mine" for a field with no conflict view of its own on the page (the
   * notes have one): saves the offline value on the version that conflicted.
   * If it changed yet again, the conflict shows the newer value instead.
   */
  async keepMine(conflict: FieldConflict): Promise<void> {
    const userId = this.userId;
    if (!userId) return;
    try {
      await trpc.application.update.mutate({
        id: conflict.applicationId,
        version: conflict.theirsVersion,
        ...conflict.patch,
      });
      await this.settle(conflict.applicationId, conflict.field);
    } catch (error) {
      const current = conflictCurrent(error) as ApplicationRow | null;
      if (!current) {
        this.#fail(
          `Couldn't save your value for ${conflict.label}: ${describeError(error).message}`,
        );
        return;
      }
      await this.#conflict(userId, {
        ...conflict,
        theirs: fieldText(current, conflict.field),
        theirsVersion: current.version,
      });
    }
  }

  dismissFailure(id: number): void {
    this.failures = this.failures.filter((failure) => failure.id !== id);
  }

  /** Called each time the queue empties after a replay. */
  onSynced(listener: () => void): () => void {
    this.#syncedListeners.add(listener);
    return () => this.#syncedListeners.delete(listener);
  }

  /** Sends what waits, oldest first; stops at the first change the network cannot take. */
  async replay(): Promise<void> {
    const userId = this.userId;
    if (!userId || this.replaying || this.changes.length === 0) return;
    this.replaying = true;
    this.blocked = null;
    let sent = false;
    try {
      while (this.userId === userId && this.changes.length > 0) {
        const change = this.changes[0]!;
        try {
          await this.#send(userId, change);
        } catch (error) {
          if (isUnreachable(error)) return;
          const { code, message } = describeError(error);
          if (code === 'UNAUTHORIZED') {
            this.blocked = `Sign in again to send ${this.waiting}.`;
            return;
          }
          this.#fail(`Couldn't apply your offline change to ${change.label}: ${message}`);
        }
        // Sent, or refused for good: either way it no longer waits.
        this.changes = this.changes.filter((waiting) => waiting !== change);
        await this.#store(userId);
        sent = true;
      }
    } finally {
      this.replaying = false;
    }
    if (sent && this.changes.length === 0) for (const listener of this.#syncedListeners) listener();
  }

  async #send(userId: string, queued: QueuedChange): Promise<void> {
    const change = mapIds(queued, this.created);
    if (change.kind === 'create') {
      const row = await trpc.application.create.mutate(change.input);
      this.created.set(change.clientId, { id: row.id, version: row.version });
      await put('created', {
        userId,
        clientId: change.clientId,
        id: row.id,
        version: row.version,
      } satisfies CreatedRecord);
      return;
    }
    if (change.kind === 'move') {
      const { id, stage, position, rejectionReason } = change;
      const row = await trpc.application.move.mutate({
        id,
        stage,
        ...(position ? { position } : {}),
        ...(rejectionReason && stage === 'rejected' ? { rejectionReason } : {}),
      });
      if (change.version !== undefined)
        this.changes = rebaseVersions(this.changes, id, change.version, row.version);
      return;
    }
    let update: typeof change | null = change;
    for (let attempt = 0; update && attempt <= MAX_RETRIES; attempt += 1) {
      try {
        await trpc.application.update.mutate({
          id: update.id,
          version: update.version,
          ...patchOf(update.fields),
        });
        return;
      } catch (error) {
        const current = conflictCurrent(error) as ApplicationRow | null;
        if (!current) throw error;
        const { retry, conflicts } = splitOnConflict(update, current);
        for (const conflict of conflicts) await this.#conflict(userId, conflict);
        update = retry;
      }
    }
    if (update) {
      // Other fields kept changing under it: ask rather than loop.
      const current = await trpc.application.byId.query({ id: update.id });
      for (const conflict of splitOnConflict(update, current).conflicts)
        await this.#conflict(userId, conflict);
    }
  }

  async #conflict(userId: string, conflict: FieldConflict): Promise<void> {
    this.conflicts = [
      ...this.conflicts.filter(
        (c) => !(c.applicationId === conflict.applicationId && c.field === conflict.field),
      ),
      conflict,
    ];
    // A plain copy: IndexedDB cannot store Svelte's state proxies.
    const record: ConflictRecord = { ...$state.snapshot(conflict), userId };
    await put('conflicts', record);
  }

  #fail(text: string): void {
    this.#failureId += 1;
    this.failures = [...this.failures, { id: this.#failureId, text }];
  }

  /** Rewrites this user's stored queue as it is now (it is short), in one transaction. */
  async #store(userId: string): Promise<void> {
    if (!available()) return;
    const changes: QueuedChange[] = $state.snapshot(this.changes);
    await transact('outbox', 'readwrite', async (tx) => {
      const store = tx.objectStore('outbox');
      const keys = await settle(store.index('userId').getAllKeys(userId));
      await Promise.all(keys.map((key) => settle(store.delete(key))));
      for (const change of changes)
        await settle(store.add({ userId, change } satisfies OutboxRecord));
    });
  }

  /** Sends again when the browser is back online, and now and then while changes wait. */
  #watch(): void {
    if (!this.#watching) window.addEventListener('online', () => void this.replay());
    this.#watching = true;
    if (this.#timer !== undefined) return;
    this.#timer = setInterval(() => {
      if (navigator.onLine && this.changes.length > 0) void this.replay();
    }, RETRY_MS);
  }
}

/** The tab's one outbox. */
export const outbox = new Outbox();

/**
 * Sends a change now, or keeps it for later: when changes already wait (so
 * they are sent in the order they were made), when the browser says it is
 * offline (no request is tried: it could only fail, or hang behind a captive
 * portal, or be half-sent and then replayed), or when the server cannot be
 * reached. A refusal from the server is thrown as before.
 */
export async function sendOrQueue<T>(
  change: QueuedChange,
  send: () => Promise<T>,
): Promise<{ sent: T } | { queued: true }> {
  if (outbox.userId && (!navigator.onLine || outbox.busy || outbox.isDraft(targetOf(change)))) {
    await outbox.add(change);
    return { queued: true };
  }
  try {
    return { sent: await send() };
  } catch (error) {
    if (!outbox.userId || !isUnreachable(error)) throw error;
    await outbox.add(change);
    return { queued: true };
  }
}

/**
 * Creates an application, or without a network keeps it to create later and
 * returns its draft (an id made here, replaced by the server's on replay).
 */
export async function createOrQueue(input: CreateApplicationInput): Promise<ApplicationRow> {
  const change = {
    kind: 'create' as const,
    clientId: clientId(),
    input,
    label: `${input.companyName} — ${input.roleTitle}`,
  };
  const result = await sendOrQueue(change, () => trpc.application.create.mutate(input));
  if ('sent' in result) return result.sent;
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a timestamp, never rendered from
  const { unreadComments: _unread, ...draft } = draftCard(change, outbox.userId!, '', new Date());
  return { ...draft, jobDescription: input.jobDescription };
}

/** A UUID; crypto.randomUUID exists only on https and localhost, and Pursuit may run on plain http. */
function clientId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

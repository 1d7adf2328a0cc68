// The bell's state: the person's newest notifications and how many are
// unread, kept current by the live `notifications` table, and marking read
// (one, or all) with the count updated at once and put right on failure.
import { describeError } from '$lib/api/errors';
import { trpc } from '$lib/api/trpc';
import type { SyncChange } from '$lib/api/types';
import type { NotificationItem, NotificationList } from './notifications';

export interface NotificationCalls {
  list: () => Promise<NotificationList>;
  markRead: (ids?: string[]) => Promise<unknown>;
}

/** A read_at for what this tab marks read (a value, never changed afterwards). */
function readNow(): Date {
  return new Date();
}

/** How many the dropdown shows. */
const LIMIT = 50;
/** A burst of inserts (a busy thread) reloads once. */
const RELOAD_DELAY_MS = 250;

export const apiCalls: NotificationCalls = {
  list: () => trpc.notification.list.query({ limit: LIMIT }),
  markRead: (ids) => trpc.notification.markRead.mutate(ids ? { ids } : {}),
};

export class NotificationCentre {
  items = $state<NotificationItem[]>([]);
  unread = $state(0);
  loaded = $state(false);
  error = $state<string | null>(null);
  #reload: ReturnType<typeof setTimeout> | null = null;
  readonly #calls: NotificationCalls;

  constructor(calls: NotificationCalls = apiCalls) {
    this.#calls = calls;
  }

  readonly view = {
    apply: (change: Exclude<SyncChange, { op: 'resync' }>) => this.apply(change),
    resync: () => this.load(),
  };

  async load(): Promise<void> {
    try {
      const list = await this.#calls.list();
      this.items = list.items;
      this.unread = list.unread;
      this.loaded = true;
      this.error = null;
    } catch (error) {
      this.error = describeError(error).message;
    }
  }

  apply(change: Exclude<SyncChange, { op: 'resync' }>): void {
    if (change.table !== 'notifications') return;
    const known = this.items.find((item) => item.id === change.id);
    if (change.op === 'delete' || !change.row) {
      if (!known) return;
      this.items = this.items.filter((item) => item.id !== change.id);
      if (!known.readAt) this.unread = Math.max(0, this.unread - 1);
      return;
    }
    if (!known) {
      // New: the list brings the actor's name with it.
      this.#scheduleReload();
      return;
    }
    const readAt = change.row.readAt;
    if (!known.readAt && readAt) this.unread = Math.max(0, this.unread - 1);
    else if (known.readAt && !readAt) this.unread += 1;
    this.items = this.items.map((item) => (item.id === change.id ? { ...item, readAt } : item));
  }

  async markRead(ids: string[]): Promise<void> {
    const fresh = ids.filter((id) => this.items.some((i) => i.id === id && !i.readAt));
    if (fresh.length === 0) return;
    const now = readNow();
    this.items = this.items.map((item) =>
      fresh.includes(item.id) ? { ...item, readAt: now } : item,
    );
    this.unread = Math.max(0, this.unread - fresh.length);
    await this.#write(() => this.#calls.markRead(fresh));
  }

  async markAllRead(): Promise<void> {
    if (this.unread === 0 && this.items.every((item) => item.readAt)) return;
    const now = readNow();
    this.items = this.items.map((item) => (item.readAt ? item : { ...item, readAt: now }));
    this.unread = 0;
    await this.#write(() => this.#calls.markRead());
  }

  dispose(): void {
    if (this.#reload) clearTimeout(this.#reload);
  }

  async #write(call: () => Promise<unknown>): Promise<void> {
    try {
      await call();
      this.error = null;
    } catch (error) {
      const message = describeError(error).message;
      await this.load();
      this.error = message;
    }
  }

  #scheduleReload(): void {
    if (this.#reload) clearTimeout(this.#reload);
    this.#reload = setTimeout(() => {
      this.#reload = null;
      void this.load();
    }, RELOAD_DELAY_MS);
  }
}

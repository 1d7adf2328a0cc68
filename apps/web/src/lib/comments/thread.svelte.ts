// One application's comment thread as a tab holds it: the comments oldest
// first, kept current by the live feed (only that owner's rows of that
// application), the writes made from the thread, and "read up to now".
import { describeError } from '$lib/api/errors';
import { trpc } from '$lib/api/trpc';
import type { SyncChange } from '$lib/api/types';
import type { Comment, LiveCommentRow, PersonWithAccess } from './types';

/** Everything the thread needs from the API; a test passes fakes. */
export interface ThreadCalls {
  list: (applicationId: string) => Promise<Comment[]>;
  people: (ownerId: string) => Promise<PersonWithAccess[]>;
  create: (applicationId: string, body: string) => Promise<Comment>;
  update: (id: string, body: string) => Promise<Comment>;
  remove: (id: string) => Promise<Comment>;
  markRead: (applicationId: string) => Promise<unknown>;
}

/** A timestamp as milliseconds, whether it came as a Date (superjson) or a string. */
function millis(value: Date | string): number {
  return typeof value === 'string' ? Date.parse(value) : value.getTime();
}

export const apiCalls: ThreadCalls = {
  list: (applicationId) => trpc.comment.list.query({ applicationId }),
  people: (ownerId) => trpc.sharing.people.query({ ownerId }),
  create: (applicationId, body) => trpc.comment.create.mutate({ applicationId, body }),
  update: (id, body) => trpc.comment.update.mutate({ id, body }),
  remove: (id) => trpc.comment.delete.mutate({ id }),
  markRead: (applicationId) => trpc.comment.markRead.mutate({ applicationId }),
};

/** Wait after a live change before marking read, so a burst marks once. */
const MARK_READ_DELAY_MS = 800;

export class CommentThreadState {
  comments = $state<Comment[]>([]);
  people = $state<PersonWithAccess[]>([]);
  loaded = $state(false);
  loadError = $state<string | null>(null);
  /** Whether the thread is on screen: only then does "read" move. */
  visible = $state(false);

  readonly applicationId: string;
  readonly ownerId: string;
  readonly #me: string | null;
  readonly #calls: ThreadCalls;
  #markTimer: ReturnType<typeof setTimeout> | null = null;
  #disposed = false;

  constructor(
    applicationId: string,
    ownerId: string,
    me: string | null,
    calls: ThreadCalls = apiCalls,
  ) {
    this.applicationId = applicationId;
    this.ownerId = ownerId;
    this.#me = me;
    this.#calls = calls;
  }

  /** The live view to register with the tab's live connection. */
  readonly view = {
    apply: (change: Exclude<SyncChange, { op: 'resync' }>) => this.apply(change),
    resync: () => this.load(),
  };

  async load(): Promise<void> {
    try {
      const [comments, people] = await Promise.all([
        this.#calls.list(this.applicationId),
        this.#calls.people(this.ownerId).catch(() => this.people),
      ]);
      this.comments = comments;
      this.people = people;
      this.loadError = null;
      this.loaded = true;
      if (this.visible) this.#scheduleMarkRead(0);
    } catch (error) {
      this.loadError = describeError(error).message;
    }
  }

  /** A change from the live feed: only this owner's rows of this application. */
  apply(change: Exclude<SyncChange, { op: 'resync' }>): void {
    if (change.table === 'shares') {
      // Someone joined or left: the names offered for @mentions change.
      void this.#calls
        .people(this.ownerId)
        .then((people) => (this.people = people))
        .catch(() => undefined);
      return;
    }
    if (change.table !== 'comments') return;
    if (change.op === 'delete' || !change.row) {
      // Gone or no longer readable (made private): drop it by id.
      this.comments = this.comments.filter((c) => c.id !== change.id);
      return;
    }
    const row = change.row;
    if (row.ownerId !== this.ownerId || row.applicationId !== this.applicationId) return;
    this.upsert(this.#fromRow(row));
    if (row.authorId !== this.#me && this.visible) this.#scheduleMarkRead(MARK_READ_DELAY_MS);
  }

  /** Puts a comment in its place (by id, else by time), keeping the thread oldest first. */
  upsert(comment: Comment): void {
    const index = this.comments.findIndex((c) => c.id === comment.id);
    if (index >= 0) {
      const next = [...this.comments];
      next[index] = { ...next[index]!, ...comment, author: comment.author ?? next[index]!.author };
      this.comments = next;
      return;
    }
    const next = [...this.comments, comment];
    next.sort((a, b) => millis(a.createdAt) - millis(b.createdAt));
    this.comments = next;
  }

  /** Sends a new comment; returns an error message, or null when sent. */
  async send(body: string): Promise<string | null> {
    try {
      this.upsert(await this.#calls.create(this.applicationId, body));
      return null;
    } catch (error) {
      return describeError(error).message;
    }
  }

  async edit(id: string, body: string): Promise<string | null> {
    try {
      this.upsert(await this.#calls.update(id, body));
      return null;
    } catch (error) {
      return describeError(error).message;
    }
  }

  async remove(id: string): Promise<string | null> {
    try {
      this.upsert(await this.#calls.remove(id));
      return null;
    } catch (error) {
      return describeError(error).message;
    }
  }

  /** The thread came into view (or left it). */
  setVisible(visible: boolean): void {
    this.visible = visible;
    if (visible && this.loaded) this.#scheduleMarkRead(0);
  }

  dispose(): void {
    this.#disposed = true;
    if (this.#markTimer) clearTimeout(this.#markTimer);
  }

  #scheduleMarkRead(delay: number): void {
    if (this.#markTimer) clearTimeout(this.#markTimer);
    this.#markTimer = setTimeout(() => {
      this.#markTimer = null;
      if (this.#disposed) return;
      // Nothing to do when nobody else has written; a failure only leaves a count on the card.
      if (!this.comments.some((c) => !c.mine && !c.deletedAt)) return;
      this.#calls.markRead(this.applicationId).catch(() => undefined);
    }, delay);
  }

  /** A live row as the thread shows it; the author's name from the people list. */
  #fromRow(row: LiveCommentRow): Comment {
    const known = this.comments.find((c) => c.id === row.id);
    const person = row.authorId ? this.people.find((p) => p.id === row.authorId) : undefined;
    return {
      id: row.id,
      author:
        known?.author ??
        (row.authorId ? { id: row.authorId, name: person?.name ?? 'Someone' } : null),
      body: row.body,
      mentions: row.mentions,
      createdAt: row.createdAt,
      editedAt: row.editedAt,
      deletedAt: row.deletedAt,
      mine: row.authorId !== null && row.authorId === this.#me,
    };
  }
}

// Keeps the browser's copy (IndexedDB) of what a signed-in person sees: their
// own unfiltered board and each application page they open, written when the
// page loads and kept current from the live feed, so a later visit without a
// network shows what they saw last. Also remembers when data last came from
// the server, for "Offline — last synced 14:02".
import { applyApplicationChange } from '$lib/board/board';
import { hasFilters, type BoardFilters } from '$lib/board/filters';
import type {
  ApplicationDetail,
  BoardAccess,
  Card,
  DocumentsOfApplication,
  SyncChange,
} from '$lib/api/types';
import { quietly, saveApplication, saveBoard, setCurrentUser, forgetUser } from './cache';
import { outbox } from './outbox.svelte';

/** Writes after a burst of live changes wait this long, so a busy feed is one write. */
const SAVE_DELAY_MS = 500;
const ALL_CARDS = { priority: null, includeArchived: false } as const;

/** The page data the keeper reads (the board's and the application page's, by route). */
export interface KeptPageData {
  applications?: readonly Card[];
  filters?: BoardFilters;
  access?: BoardAccess;
  targets?: readonly { id: string; name: string; active: boolean }[];
  application?: ApplicationDetail;
  documents?: DocumentsOfApplication | null;
}

export class OfflineKeeper {
  /** When data last came from the server: the page load, then each live change. */
  syncedAt = $state(Date.now());
  #userId: string;
  #board: { cards: Card[]; access: BoardAccess; targets: KeptPageData['targets'] } | null = null;
  #application: { detail: ApplicationDetail; documents: DocumentsOfApplication | null } | null =
    null;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(userId: string) {
    this.#userId = userId;
  }

  /** In the browser: this person is the one an offline visit shows, and their queue is loaded. */
  start(): void {
    const userId = this.#userId;
    void quietly(() => setCurrentUser(userId));
    void outbox.use(userId);
  }

  /** A page loaded from the server: keep what it shows. */
  pageLoaded(routeId: string | null, data: KeptPageData): void {
    this.syncedAt = Date.now();
    this.#board = null;
    this.#application = null;
    // Only the own, unfiltered board: a shared or filtered one is not "the board".
    if (
      routeId === '/' &&
      data.applications &&
      data.access?.ownerId === this.#userId &&
      data.filters &&
      !hasFilters(data.filters)
    ) {
      this.#board = {
        cards: [...data.applications],
        access: data.access,
        targets: data.targets ?? [],
      };
    } else if (routeId === '/applications/[id]' && data.application) {
      this.#application = { detail: data.application, documents: data.documents ?? null };
    }
    this.#saveSoon(0);
  }

  /** A live change: the copy follows, as the page does. */
  apply(change: Exclude<SyncChange, { op: 'resync' }>): void {
    this.syncedAt = Date.now();
    if (change.table !== 'applications') return;
    if (this.#board) {
      const { cards, outcome } = applyApplicationChange(this.#board.cards, change, ALL_CARDS);
      if (outcome === 'unchanged') return;
      this.#board = { ...this.#board, cards };
      this.#saveSoon();
    } else if (this.#application?.detail.id === change.id && change.row) {
      if (change.row.version <= this.#application.detail.version) return;
      this.#application = {
        ...this.#application,
        detail: { ...this.#application.detail, ...change.row },
      };
      this.#saveSoon();
    }
  }

  dispose(): void {
    clearTimeout(this.#timer);
  }

  #saveSoon(delay = SAVE_DELAY_MS): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#save(), delay);
  }

  async #save(): Promise<void> {
    const userId = this.#userId;
    const board = this.#board;
    const application = this.#application;
    if (board) {
      await quietly(() =>
        saveBoard(
          { userId, cards: board.cards, access: board.access, targets: [...(board.targets ?? [])] },
          this.syncedAt,
        ),
      );
    }
    if (application) {
      await quietly(() =>
        saveApplication({
          userId,
          id: application.detail.id,
          application: application.detail,
          documents: application.documents,
        }),
      );
    }
  }
}

/** Signing out: the person's offline copy and waiting changes leave this browser. */
export async function forgetOfflineData(): Promise<void> {
  const userId = outbox.userId;
  outbox.reset();
  if (userId) await quietly(() => forgetUser(userId));
}

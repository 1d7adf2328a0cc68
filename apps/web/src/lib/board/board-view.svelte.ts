// The board page's state around its cards: filters (kept in the address),
// collapsed columns (remembered), the one column a phone shows, quick add,
// moving cards by drag, keyboard or menu, the side panel, and the clock
// behind "3d ago". The page composes the pieces that show it.
import { tick } from 'svelte';
import { MediaQuery, SvelteSet } from 'svelte/reactivity';
import { goto, invalidate } from '$app/navigation';
import { live } from '$lib/account/session';
import { CLOSED_STAGES } from '$lib/api/labels';
import type {
  AccessRole,
  ApplicationRow,
  BoardAccess,
  Card,
  ShareChange,
  Stage,
  SyncChange,
} from '$lib/api/types';
import { belongsTo } from '$lib/live/owner';
import { today } from '$lib/ui/format';
import { readJsonSetting, writeJsonSetting } from '$lib/ui/settings';
import { planStep, planToStage, positionForDrop, type MovePlan } from './board';
import { BoardState } from './board.svelte';
import { CardPanel } from './card-panel.svelte';
import { DragController, type DropTarget } from './drag.svelte';
import { filtersToSearch, hasFilters, type BoardFilters } from './filters';
import { loadApplicationView } from './lazy';
import { revealCard } from './virtual.svelte';
import { RejectionPrompt } from '$lib/application/rejection.svelte';

export const COLLAPSE_KEY = 'pursuit.collapsed';
const SEARCH_DELAY_MS = 300;
const REFRESH_DELAY_MS = 250;
const CLOCK_MS = 60_000;

export interface BoardData {
  applications: readonly Card[];
  filters: BoardFilters;
  /** Whose board this is and the viewer's role there (application.list's `access`). */
  access?: BoardAccess;
  /** The signed-in person's id. */
  me?: string;
  /** Where the board lives: `/` for one's own, `/shared/<owner>` for another's. */
  basePath?: string;
  /** The search's job targets, for the "fits target" filter. */
  targets?: readonly { id: string; name: string; active: boolean }[];
}

export class BoardView {
  #data: () => BoardData;
  // The loaded list and filters by identity: other page data changing (the
  // layout's switcher reloading on a share) must not reset the board's state.
  readonly #applications = $derived.by(() => this.#data().applications);
  readonly filters = $derived.by(() => this.#data().filters);
  readonly board = $derived.by(() => new BoardState(this.#applications, this.filters));
  readonly filtered = $derived(hasFilters(this.filters));
  readonly targets = $derived.by(() => this.#data().targets ?? []);
  readonly ownerId = $derived.by(() => this.#data().access?.ownerId ?? this.#data().me ?? null);
  readonly role = $derived.by((): AccessRole => this.#data().access?.role ?? 'owner');
  /** Owner and editor move cards; viewer and commenter get no controls that write. */
  readonly canEdit = $derived(this.role === 'owner' || this.role === 'editor');
  /** Only the owner adds applications (and deletes, and shares). */
  readonly isOwner = $derived(this.role === 'owner');
  /** Whose board the owner revoked this person's access to while it was open. */
  #endedFor = $state<string | null>(null);
  /** This board's access ended while it was open (a revoked or left share). */
  get ended(): boolean {
    return this.#endedFor !== null && this.#endedFor === this.ownerId;
  }
  readonly phone = new MediaQuery('max-width: 699px', false);
  readonly panel = new CardPanel();
  readonly drag: DragController;
  /** Asks why, as a card moves to Rejected (shown by the toolbar's dialog). */
  readonly rejection = new RejectionPrompt();
  /** Closed stages start collapsed. */
  readonly collapsed = new SvelteSet<Stage>(CLOSED_STAGES);
  /** The column a phone shows. */
  activeStage = $state<Stage>('interested');
  /** The search box's text, ahead of the address while the person types. */
  searchDraft = $derived.by(() => this.filters.search);
  quickAddOpen = $state(false);
  quickAddStage = $state<Stage>('interested');
  /** The board's horizontal scroller, for auto-scroll while dragging. */
  scroller = $state<HTMLElement>();
  now = $state(Date.now());
  todayIso = $state(today());

  #searchTimer: ReturnType<typeof setTimeout> | undefined;
  #refreshTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(data: () => BoardData) {
    this.#data = data;
    this.drag = new DragController({
      onStart: (id) => this.board.setDragging(id),
      onEnd: () => this.board.setDragging(null),
      onDrop: (id, target) => this.drop(id, target),
      scroller: () => this.scroller ?? null,
    });
  }

  /** In the browser: restores collapsed columns, starts the clock and live changes. */
  mount(): () => void {
    const saved = readJsonSetting(COLLAPSE_KEY);
    if (Array.isArray(saved)) {
      this.collapsed.clear();
      for (const stage of saved)
        if (CLOSED_STAGES.has(stage as Stage)) this.collapsed.add(stage as Stage);
    }
    const clock = setInterval(() => {
      this.now = Date.now();
      this.todayIso = today();
    }, CLOCK_MS);
    const stopLive = live.register({
      apply: (change) => this.applyLive(change),
      resync: () => invalidate('app:applications'),
      ownerId: () => this.ownerId,
    });
    return () => {
      clearInterval(clock);
      clearTimeout(this.#searchTimer);
      clearTimeout(this.#refreshTimer);
      stopLive();
    };
  }

  /**
   * One live change. Only the shown owner's rows count (a grantee's stream
   * carries every shared search); deletes pass and remove by id.
   */
  applyLive(change: Exclude<SyncChange, { op: 'resync' }>): void {
    if (this.ownerId && !belongsTo(change, this.ownerId)) return;
    if (change.table === 'shares') return this.#shareChanged(change);
    if (change.table === 'comments') {
      const row = change.row;
      if (change.op === 'insert' && row && !row.deletedAt && row.authorId !== this.#data().me) {
        this.board.commentArrived(row.applicationId);
      }
      return;
    }
    // Fit to a target is the server's too: a target or any card changing may change what fits.
    if (
      this.filters.target &&
      (change.table === 'job_targets' || change.table === 'applications')
    ) {
      return this.#refreshSoon();
    }
    if (change.table !== 'applications') return;
    // Text search is the server's: a card that is not shown may now match.
    if (this.filters.search && !this.board.find(change.id)) this.#refreshSoon();
    // Edits made in the side panel are this person's own: no highlight.
    else this.board.applyRemote(change, change.id === this.panel.id);
  }

  /** My share of this board changed: revoked (or left) ends it; a new role reloads. */
  #shareChanged(change: ShareChange): void {
    const row = change.row;
    const me = this.#data().me;
    if (!row || this.isOwner || row.granteeId !== me) return;
    if (row.revokedAt) {
      this.#endedFor = row.ownerId;
      return;
    }
    if (this.#endedFor === row.ownerId) {
      // Invited again: the board comes back.
      this.#endedFor = null;
      void invalidate('app:applications');
    } else if (row.role !== this.role) void invalidate('app:applications');
  }

  // ----- Filters -----
  applyFilters(next: Partial<BoardFilters>): void {
    const filters = { ...this.filters, ...next };
    void goto(`${this.#data().basePath ?? '/'}${filtersToSearch(filters)}`, {
      keepFocus: true,
      noScroll: true,
      replaceState: true,
    });
  }

  /** Searches once typing pauses. */
  searchSoon(): void {
    clearTimeout(this.#searchTimer);
    this.#searchTimer = setTimeout(
      () => this.applyFilters({ search: this.searchDraft }),
      SEARCH_DELAY_MS,
    );
  }

  clearFilters(): void {
    this.searchDraft = '';
    this.applyFilters({ search: '', priority: null, includeArchived: false, target: null });
  }

  // ----- Columns -----
  collapsible(stage: Stage): boolean {
    return CLOSED_STAGES.has(stage) && !this.phone.current;
  }

  isCollapsed(stage: Stage): boolean {
    return this.collapsed.has(stage) && !this.phone.current;
  }

  toggleCollapse(stage: Stage): void {
    if (this.collapsed.has(stage)) this.collapsed.delete(stage);
    else this.collapsed.add(stage);
    writeJsonSetting(COLLAPSE_KEY, [...this.collapsed]);
  }

  /** On a phone, switches to the column where something just went. */
  follow(stage: Stage): void {
    if (this.phone.current) this.activeStage = stage;
  }

  // ----- Quick add -----
  openQuickAdd(stage: Stage = 'interested'): void {
    this.quickAddStage = stage;
    this.quickAddOpen = true;
    this.follow(stage);
  }

  toggleQuickAdd(): void {
    if (this.quickAddOpen) this.quickAddOpen = false;
    else this.openQuickAdd();
  }

  added(row: ApplicationRow): void {
    this.board.added(row);
    this.follow(row.stage);
  }

  // ----- Moving cards -----
  /** Where a dragged card would land in `stage`: an index among the others, or -1. */
  dropIndex(stage: Stage): number {
    const target = this.drag.target;
    if (!target || target.stage !== stage) return -1;
    return target.index ?? Number.MAX_SAFE_INTEGER;
  }

  drop(id: string, target: DropTarget): void {
    if (!this.canEdit) return;
    const column = this.board.columns[target.stage];
    const index = target.index ?? column.length;
    const card = this.board.find(id);
    if (!card) return;
    const others = column.filter((c) => c.id !== id);
    // Dropped where it already is: nothing to do.
    if (card.stage === target.stage && column.indexOf(card) === Math.min(index, others.length))
      return;
    const position = positionForDrop(column, id, index);
    this.board.setDragging(null);
    this.follow(target.stage);
    void this.#moveAsking(card, { id, stage: target.stage, position });
  }

  /** Whether moving `card` to `stage` asks for a rejection reason first. */
  asksReason(card: Card, stage: Stage): boolean {
    return stage === 'rejected' && card.stage !== 'rejected';
  }

  /** A move to Rejected first asks why (optional: skipping still moves); others go straight on. */
  async #moveAsking(card: Card, plan: MovePlan): Promise<boolean> {
    if (!this.asksReason(card, plan.stage)) return this.board.move(plan);
    const reason = await this.rejection.ask(`${card.companyName} — ${card.roleTitle}`);
    return this.board.move(plan, reason);
  }

  async moveStep(card: Card, step: -1 | 1): Promise<void> {
    if (!this.canEdit) return;
    const plan = planStep(this.board.cards, card.id, step);
    if (!plan) return;
    const moved = this.board.move(plan);
    this.board.announce(
      `${card.companyName} — ${card.roleTitle} moved ${step < 0 ? 'up' : 'down'}.`,
    );
    await refocus(card.id);
    await moved;
  }

  async moveToStage(card: Card, stage: Stage): Promise<void> {
    if (!this.canEdit) return;
    const plan = planToStage(this.board.cards, card.id, stage);
    if (!plan) return;
    this.follow(stage);
    if (this.collapsed.has(stage)) this.toggleCollapse(stage);
    // With the reason dialog open, focus returns to the card once it closes.
    const asking = this.asksReason(card, stage);
    const moved = this.#moveAsking(card, plan);
    if (!asking) await refocus(card.id);
    await moved;
    if (asking) await refocus(card.id);
  }

  // ----- Opening a card: a side panel on wide screens, the page otherwise -----
  async openCard(card: Card, event: MouseEvent): Promise<void> {
    if (this.drag.consumeClick()) {
      event.preventDefault();
      return;
    }
    // Opening the card shows its comments: they are read now.
    this.board.markRead(card.id);
    const plain = !(event.metaKey || event.ctrlKey || event.shiftKey) && event.button === 0;
    if (this.phone.current || !plain) return;
    event.preventDefault();
    // The panel's code and the application's data load side by side.
    void loadApplicationView().catch(() => undefined);
    await this.panel.show(card.id);
  }

  #refreshSoon(): void {
    clearTimeout(this.#refreshTimer);
    this.#refreshTimer = setTimeout(() => void invalidate('app:applications'), REFRESH_DELAY_MS);
  }
}

/**
 * Puts focus back on a card's link after it moved (or its panel closed). A
 * card outside a long column's rendered window is scrolled to first.
 */
export async function refocus(id: string): Promise<void> {
  const link = () => document.querySelector<HTMLElement>(`[data-card-id="${id}"] .role a`);
  await tick();
  if (!link() && revealCard(id)) await tick();
  link()?.focus();
}

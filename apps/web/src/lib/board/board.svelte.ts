// The board's state in the browser: the cards, optimistic moves with
// rollback, and live changes from elsewhere (highlighted and announced, and
// held back for a card the person is dragging).
import { SvelteMap, SvelteSet } from 'svelte/reactivity';
import {
  applyApplicationChange,
  applyMove,
  groupByStage,
  setUnread,
  toCard,
  type MovePlan,
} from './board';
import { describeError } from '$lib/api/errors';
import type { BoardFilters } from './filters';
import { STAGE_LABELS } from '$lib/api/labels';
import { trpc } from '$lib/api/trpc';
import type { ApplicationChange, ApplicationRow, Card } from '$lib/api/types';
import { outbox, sendOrQueue } from '$lib/offline/outbox.svelte';

const HIGHLIGHT_MS = 2400;

export interface BoardNotice {
  id: number;
  kind: 'error' | 'info';
  text: string;
  undo?: () => void | Promise<void>;
}

export class BoardState {
  cards = $state.raw<Card[]>([]);
  filters: BoardFilters;
  // A card created offline leaves once the server's row for it has arrived.
  readonly columns = $derived(
    groupByStage(this.cards.filter((card) => !outbox.created.has(card.id))),
  );

  /** Cards changed elsewhere a moment ago (briefly highlighted). */
  readonly highlighted = new SvelteSet<string>();
  /** Cards with a move on its way to the server. */
  readonly saving = new SvelteSet<string>();
  /** The card being dragged, whose remote changes wait for the drop. */
  dragging = $state<string | null>(null);
  /** Polite screen-reader announcements (moves by others, results of own moves). */
  announcement = $state('');
  notice = $state<BoardNotice | null>(null);

  #deferred = new SvelteMap<string, ApplicationChange>();
  /** The version this tab's last write to each card produced: its echo is not news. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, never rendered
  #ownVersions = new Map<string, number>();
  #noticeId = 0;

  constructor(cards: readonly Card[], filters: BoardFilters) {
    this.cards = [...cards];
    this.filters = filters;
  }

  find(id: string): Card | undefined {
    return this.cards.find((card) => card.id === id);
  }

  announce(text: string): void {
    // Clearing first makes a repeated message be read again.
    this.announcement = '';
    queueMicrotask(() => (this.announcement = text));
  }

  showNotice(notice: Omit<BoardNotice, 'id'>): void {
    this.#noticeId += 1;
    this.notice = { ...notice, id: this.#noticeId };
  }

  /** A change from the live feed; `quiet` when this tab made it elsewhere (the side panel). */
  applyRemote(change: ApplicationChange, quiet = false): void {
    if (change.id === this.dragging) {
      this.#deferred.set(change.id, change);
      return;
    }
    if (quiet) {
      this.cards = applyApplicationChange(this.cards, change, this.filters).cards;
      return;
    }
    const before = this.find(change.id);
    const { cards, outcome } = applyApplicationChange(this.cards, change, this.filters);
    if (outcome === 'unchanged') return;
    this.cards = cards;
    if (this.#isEcho(change)) return;
    const after = this.find(change.id);
    if (after) this.#highlight(after.id);
    this.announce(describeRemote(outcome, before, after));
  }

  /** Starts or ends a drag; ending it applies what arrived meanwhile. */
  setDragging(id: string | null): void {
    const previous = this.dragging;
    this.dragging = id;
    if (previous && previous !== id) {
      const waiting = this.#deferred.get(previous);
      this.#deferred.delete(previous);
      if (waiting) this.applyRemote(waiting);
    }
  }

  /** Upserts a row this tab just received from a mutation. */
  upsertOwn(row: ApplicationRow): void {
    this.#ownVersions.set(row.id, row.version);
    const { cards } = applyApplicationChange(
      this.cards,
      { table: 'applications', op: 'update', id: row.id, row: { ...row, jobDescription: '' } },
      this.filters,
    );
    this.cards = cards;
  }

  /**
   * Moves a card now and on the server; puts it back, with a message, if
   * refused. A move to Rejected may carry the reason the person gave.
   */
  async move(plan: MovePlan, rejectionReason?: string): Promise<boolean> {
    const before = this.find(plan.id);
    if (!before) return false;
    if (before.stage === plan.stage && before.position === plan.position) return true;
    this.cards = applyMove(this.cards, plan);
    this.saving.add(plan.id);
    const label = `${before.companyName} — ${before.roleTitle}`;
    const reason = rejectionReason && plan.stage === 'rejected' ? rejectionReason : undefined;
    try {
      // Without a network the move waits on this device and is sent on reconnect.
      const result = await sendOrQueue(
        {
          kind: 'move',
          ...plan,
          version: before.version,
          ...(reason ? { rejectionReason: reason } : {}),
          label,
        },
        () => trpc.application.move.mutate(reason ? { ...plan, rejectionReason: reason } : plan),
      );
      if ('queued' in result) {
        this.announce(`${label} moved to ${STAGE_LABELS[plan.stage]}, to be saved once online.`);
        return true;
      }
      const row = result.sent;
      this.#ownVersions.set(row.id, row.version);
      const current = this.find(plan.id);
      if (current && current.version <= row.version) {
        this.cards = this.cards.map((card) =>
          card.id === row.id ? toCard(row, card.unreadComments) : card,
        );
      }
      if (before.stage !== plan.stage)
        this.announce(`${label} moved to ${STAGE_LABELS[plan.stage]}.`);
      return true;
    } catch (error) {
      const current = this.find(plan.id);
      // Roll back only if nothing newer (a live change) replaced our optimistic card.
      if (current && current.stage === plan.stage && current.position === plan.position) {
        this.cards = this.cards.map((card) => (card.id === plan.id ? before : card));
      }
      const { message } = describeError(error);
      const text = `Couldn't move ${label}: ${message} It is back where it was.`;
      this.showNotice({ kind: 'error', text });
      this.announce(text);
      return false;
    } finally {
      this.saving.delete(plan.id);
    }
  }

  /** A comment someone else wrote on a card arrived: one more unread. */
  commentArrived(applicationId: string): void {
    if (!this.find(applicationId)) return;
    this.cards = setUnread(this.cards, applicationId, { delta: 1 });
  }

  /** The person opened the card: its comments are read. */
  markRead(applicationId: string): void {
    if (!this.find(applicationId)?.unreadComments) return;
    this.cards = setUnread(this.cards, applicationId, { to: 0 });
  }

  /** Adds a card this tab created (quick add), highlighted so the eye finds it. */
  added(row: ApplicationRow): void {
    this.upsertOwn(row);
    this.#highlight(row.id);
    this.announce(`${row.companyName} — ${row.roleTitle} added to ${STAGE_LABELS[row.stage]}.`);
  }

  #highlight(id: string): void {
    this.highlighted.add(id);
    setTimeout(() => this.highlighted.delete(id), HIGHLIGHT_MS);
  }

  /** Our own write coming back: while its request is in flight, or by the version it made. */
  #isEcho(change: ApplicationChange): boolean {
    if (this.saving.has(change.id)) return true;
    return change.row !== null && this.#ownVersions.get(change.id) === change.row.version;
  }
}

function describeRemote(
  outcome: 'inserted' | 'updated' | 'removed',
  before: Card | undefined,
  after: Card | undefined,
): string {
  const card = after ?? before;
  if (!card) return '';
  const label = `${card.companyName} — ${card.roleTitle}`;
  if (outcome === 'removed') return `${label} was removed from the board elsewhere.`;
  if (outcome === 'inserted') return `${label} was added in ${STAGE_LABELS[card.stage]} elsewhere.`;
  if (before && after && before.stage !== after.stage) {
    return `${label} was moved to ${STAGE_LABELS[after.stage]} elsewhere.`;
  }
  return `${label} was updated elsewhere.`;
}

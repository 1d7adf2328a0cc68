// The board's pure logic: card order, position keys between neighbours,
// optimistic moves, and applying live changes to the loaded list. No Svelte
// here, so every rule is unit-tested.
import { generateKeyBetween } from 'fractional-indexing';
import { STAGES } from '$lib/api/labels';
import type { ApplicationChange, Card, LiveApplicationRow, Stage } from '$lib/api/types';
import type { BoardFilters } from './filters';

const stageIndex = new Map<Stage, number>(STAGES.map((stage, index) => [stage, index]));

/** Plain code-unit comparison: fractional-indexing keys sort as ASCII, not by locale. */
function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Board order: stage (left to right), then position, then id as a stable tie-break. */
export function compareCards(
  a: Pick<Card, 'stage' | 'position' | 'id'>,
  b: Pick<Card, 'stage' | 'position' | 'id'>,
): number {
  return (
    (stageIndex.get(a.stage) ?? 0) - (stageIndex.get(b.stage) ?? 0) ||
    compareKeys(a.position, b.position) ||
    compareKeys(a.id, b.id)
  );
}

export function sortCards<T extends Pick<Card, 'stage' | 'position' | 'id'>>(
  cards: readonly T[],
): T[] {
  return [...cards].sort(compareCards);
}

/** The cards of each stage, each column in position order. */
export function groupByStage<T extends Pick<Card, 'stage' | 'position' | 'id'>>(
  cards: readonly T[],
): Record<Stage, T[]> {
  const columns = Object.fromEntries(STAGES.map((stage) => [stage, [] as T[]])) as Record<
    Stage,
    T[]
  >;
  for (const card of sortCards(cards)) columns[card.stage].push(card);
  return columns;
}

/**
 * A position key that sorts strictly between two neighbours (either may be
 * absent: top or bottom of a column). Neighbours with equal or inverted keys
 * (possible after concurrent moves elsewhere) fall back to "just after
 * `before`", which keeps the order as close as it can.
 */
export function positionBetween(before: string | null, after: string | null): string {
  if (before !== null && after !== null && compareKeys(before, after) >= 0) {
    return generateKeyBetween(before, null);
  }
  return generateKeyBetween(before, after);
}

/**
 * Where a card lands when dropped at `index` of `column` (the target column's
 * cards in order; the moving card may be among them and is skipped).
 */
export function positionForDrop(
  column: readonly Pick<Card, 'id' | 'position'>[],
  movingId: string,
  index: number,
): string {
  const others = column.filter((card) => card.id !== movingId);
  const at = Math.max(0, Math.min(index, others.length));
  return positionBetween(others[at - 1]?.position ?? null, others[at]?.position ?? null);
}

export interface MovePlan {
  id: string;
  stage: Stage;
  position: string;
}

/** Keyboard move up (-1) or down (+1) within the card's column; null at an edge. */
export function planStep(cards: readonly Card[], id: string, step: -1 | 1): MovePlan | null {
  const card = cards.find((c) => c.id === id);
  if (!card) return null;
  const column = groupByStage(cards)[card.stage];
  const index = column.findIndex((c) => c.id === id);
  const target = index + step;
  if (target < 0 || target >= column.length) return null;
  // Dropping at `target` among the others places it after/before the neighbour.
  return { id, stage: card.stage, position: positionForDrop(column, id, target) };
}

/** Keyboard move to another stage: the card goes to the bottom of that column. */
export function planToStage(cards: readonly Card[], id: string, stage: Stage): MovePlan | null {
  const card = cards.find((c) => c.id === id);
  if (!card || card.stage === stage) return null;
  const column = groupByStage(cards)[stage];
  return { id, stage, position: positionForDrop(column, id, column.length) };
}

/** The list with one card moved (an optimistic update). */
export function applyMove(cards: readonly Card[], plan: MovePlan): Card[] {
  return cards.map((card) =>
    card.id === plan.id ? { ...card, stage: plan.stage, position: plan.position } : card,
  );
}

/** Whether a row belongs on the board under the current filters (text search is the server's). */
export function matchesFilters(
  row: Pick<Card, 'archivedAt' | 'priority'>,
  filters: Pick<BoardFilters, 'priority' | 'includeArchived'>,
): boolean {
  if (row.archivedAt && !filters.includeArchived) return false;
  if (filters.priority && row.priority !== filters.priority) return false;
  return true;
}

/**
 * A live row as a board card. The board does not keep job descriptions, and a
 * live row has no unread count (it is per reader): the card keeps the one it had.
 */
export function toCard(
  row: LiveApplicationRow | Card | (Card & { jobDescription: string }),
  unreadComments = 0,
): Card {
  const { jobDescription: _jobDescription, ...card } = row as Card & { jobDescription?: string };
  return 'unreadComments' in card
    ? card
    : { ...(card as Omit<Card, 'unreadComments'>), unreadComments };
}

export type ChangeOutcome = 'inserted' | 'updated' | 'removed' | 'unchanged';

/**
 * Applies one live change of the applications table to the list. Upserts by
 * id; removes on delete, on a row the user can no longer see, or on one the
 * filters exclude; ignores a row older (by version) than the one shown.
 */
export function applyApplicationChange(
  cards: readonly Card[],
  change: ApplicationChange,
  filters: Pick<BoardFilters, 'priority' | 'includeArchived'>,
): { cards: Card[]; outcome: ChangeOutcome } {
  const index = cards.findIndex((card) => card.id === change.id);
  const existing = index === -1 ? undefined : cards[index];
  const row = change.op === 'delete' ? null : change.row;

  if (!row || !matchesFilters(row, filters)) {
    if (!existing) return { cards: [...cards], outcome: 'unchanged' };
    return { cards: cards.filter((card) => card.id !== change.id), outcome: 'removed' };
  }
  if (existing && existing.version > row.version) {
    return { cards: [...cards], outcome: 'unchanged' };
  }
  const card = toCard(row, existing?.unreadComments ?? 0);
  if (!existing) return { cards: [...cards, card], outcome: 'inserted' };
  const next = [...cards];
  next[index] = card;
  return { cards: next, outcome: 'updated' };
}

/** The list with one card's unread comment count changed (by `delta`, or set with `to`). */
export function setUnread(
  cards: readonly Card[],
  id: string,
  next: { delta: number } | { to: number },
): Card[] {
  return cards.map((card) =>
    card.id === id
      ? {
          ...card,
          unreadComments: Math.max(
            0,
            'to' in next ? next.to : (card.unreadComments ?? 0) + next.delta,
          ),
        }
      : card,
  );
}

/** Whether two versions of a card differ in what the board shows or orders by. */
export function cardChanged(before: Card | undefined, after: Card | undefined): boolean {
  if (!before || !after) return before !== after;
  return (
    before.version !== after.version ||
    before.stage !== after.stage ||
    before.position !== after.position
  );
}

import { describe, expect, it } from 'vitest';
import {
  applyApplicationChange,
  applyMove,
  compareCards,
  groupByStage,
  planStep,
  planToStage,
  positionBetween,
  positionForDrop,
  sortCards,
} from './board';
import type { ApplicationChange, Card, LiveApplicationRow } from '$lib/api/types';
import { testCard } from './test-cards';

let counter = 0;
function card(overrides: Partial<Card> = {}): Card {
  counter += 1;
  return testCard({
    id: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    companyName: `Company ${counter}`,
    ...overrides,
  });
}

function liveRow(from: Card, overrides: Partial<LiveApplicationRow> = {}): LiveApplicationRow {
  return { ...from, jobDescription: 'x'.repeat(60), ...overrides };
}

const noFilters = { priority: null, includeArchived: false };

describe('board ordering', () => {
  it('orders by stage, then position, then id', () => {
    const a = card({ stage: 'applied', position: 'a0', id: 'b' });
    const b = card({ stage: 'interested', position: 'a5' });
    const c = card({ stage: 'interested', position: 'a1' });
    const d = card({ stage: 'applied', position: 'a0', id: 'a' });
    expect(sortCards([a, b, c, d]).map((x) => x.id)).toEqual([c.id, b.id, d.id, a.id]);
  });

  it('compares position keys by code unit, not by locale', () => {
    // 'Z' (0x5a) sorts before 'a' (0x61) in fractional-indexing's alphabet.
    const upper = card({ position: 'aZ' });
    const lower = card({ position: 'aa' });
    expect(compareCards(upper, lower)).toBeLessThan(0);
  });

  it('groups cards into every stage column, each in position order', () => {
    const columns = groupByStage([
      card({ stage: 'offer', position: 'a2' }),
      card({ stage: 'offer', position: 'a1' }),
    ]);
    expect(Object.keys(columns)).toEqual([
      'interested',
      'applied',
      'interviewing',
      'offer',
      'accepted',
      'rejected',
      'withdrawn',
      'ghosted',
    ]);
    expect(columns.offer.map((c) => c.position)).toEqual(['a1', 'a2']);
    expect(columns.interested).toEqual([]);
  });
});

describe('position keys', () => {
  it('makes a key strictly between two neighbours', () => {
    const key = positionBetween('a0', 'a1');
    expect(key > 'a0' && key < 'a1').toBe(true);
  });

  it('makes keys for the top and bottom of a column', () => {
    expect(positionBetween(null, 'a0') < 'a0').toBe(true);
    expect(positionBetween('a0', null) > 'a0').toBe(true);
    expect(typeof positionBetween(null, null)).toBe('string');
  });

  it('does not throw on equal or inverted neighbours, and lands after the first', () => {
    expect(positionBetween('a1', 'a1') > 'a1').toBe(true);
    expect(positionBetween('a2', 'a1') > 'a2').toBe(true);
  });

  it('places a dropped card between the cards at the drop index, skipping itself', () => {
    const column = [card({ position: 'a0' }), card({ position: 'a1' }), card({ position: 'a2' })];
    const moving = column[0]!;
    // Dropping the first card at index 1 of the others puts it between a1 and a2.
    const key = positionForDrop(column, moving.id, 1);
    expect(key > 'a1' && key < 'a2').toBe(true);
    // An index past the end means the bottom.
    expect(positionForDrop(column, 'other', 99) > 'a2').toBe(true);
  });

  it('moves a card up and down with the keyboard, and stops at the edges', () => {
    const cards = [card({ position: 'a0' }), card({ position: 'a1' }), card({ position: 'a2' })];
    const [first, second, third] = cards as [Card, Card, Card];
    expect(planStep(cards, first.id, -1)).toBeNull();
    expect(planStep(cards, third.id, 1)).toBeNull();
    const down = planStep(cards, first.id, 1)!;
    expect(down.position > second.position && down.position < third.position).toBe(true);
    const up = planStep(cards, third.id, -1)!;
    expect(up.position > first.position && up.position < second.position).toBe(true);
    const moved = sortCards(applyMove(cards, up)).map((c) => c.id);
    expect(moved).toEqual([first.id, third.id, second.id]);
  });

  it('moves a card to the bottom of another stage', () => {
    const a = card({ stage: 'interested', position: 'a0' });
    const b = card({ stage: 'applied', position: 'a5' });
    const plan = planToStage([a, b], a.id, 'applied')!;
    expect(plan.stage).toBe('applied');
    expect(plan.position > 'a5').toBe(true);
    expect(planToStage([a, b], a.id, 'interested')).toBeNull();
  });
});

describe('applying live changes to the board', () => {
  function change(
    op: ApplicationChange['op'],
    row: LiveApplicationRow | null,
    id = row?.id ?? 'x',
  ): ApplicationChange {
    return { table: 'applications', op, id, row };
  }

  it('inserts a new card without its job description', () => {
    const row = liveRow(card());
    const { cards, outcome } = applyApplicationChange([], change('insert', row), noFilters);
    expect(outcome).toBe('inserted');
    expect(cards).toHaveLength(1);
    expect(cards[0]).not.toHaveProperty('jobDescription');
  });

  it('updates a card in place by id', () => {
    const existing = card();
    const row = liveRow(existing, { stage: 'applied', version: 2 });
    const { cards, outcome } = applyApplicationChange([existing], change('update', row), noFilters);
    expect(outcome).toBe('updated');
    expect(cards[0]?.stage).toBe('applied');
  });

  it('ignores a row older than the card shown', () => {
    const existing = card({ version: 5, stage: 'offer' });
    const row = liveRow(existing, { version: 4, stage: 'applied' });
    const { cards, outcome } = applyApplicationChange([existing], change('update', row), noFilters);
    expect(outcome).toBe('unchanged');
    expect(cards[0]?.stage).toBe('offer');
  });

  it('removes a card on delete and when the row is no longer visible', () => {
    const existing = card();
    expect(
      applyApplicationChange([existing], change('delete', null, existing.id), noFilters).cards,
    ).toEqual([]);
    expect(
      applyApplicationChange([existing], change('update', null, existing.id), noFilters).outcome,
    ).toBe('removed');
  });

  it('removes an archived card unless archived cards are shown', () => {
    const existing = card();
    const archived = liveRow(existing, { archivedAt: new Date(), version: 2 });
    expect(applyApplicationChange([existing], change('update', archived), noFilters).cards).toEqual(
      [],
    );
    const shown = applyApplicationChange([existing], change('update', archived), {
      priority: null,
      includeArchived: true,
    });
    expect(shown.cards).toHaveLength(1);
  });

  it('keeps the priority filter: a card that no longer matches leaves, one that now matches arrives', () => {
    const high = { priority: 'high' as const, includeArchived: false };
    const existing = card({ priority: 'high' });
    const lowered = liveRow(existing, { priority: 'low', version: 2 });
    expect(applyApplicationChange([existing], change('update', lowered), high).outcome).toBe(
      'removed',
    );
    const other = liveRow(card({ priority: 'high' }));
    expect(applyApplicationChange([], change('update', other), high).outcome).toBe('inserted');
  });

  it('ignores a delete of a card it never showed', () => {
    const existing = card();
    const result = applyApplicationChange([existing], change('delete', null, 'missing'), noFilters);
    expect(result.outcome).toBe('unchanged');
    expect(result.cards).toEqual([existing]);
  });
});

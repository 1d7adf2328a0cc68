import { describe, expect, it, vi } from 'vitest';
import type { ApplicationChange, Card } from '$lib/api/types';
import { testCard } from './test-cards';

// What the server answers to the next move (a plain function: the test decides).
let answer: () => Promise<unknown> = () => Promise.reject(new Error('no answer set'));
vi.mock('$lib/api/trpc', () => ({ trpc: { application: { move: { mutate: () => answer() } } } }));

const { BoardState } = await import('./board.svelte');

function card(id: string, overrides: Partial<Card> = {}): Card {
  return testCard({ id, companyName: `Co ${id}`, roleTitle: `Role ${id}`, ...overrides });
}

const filters = { search: '', priority: null, includeArchived: false };
const update = (row: Card): ApplicationChange => ({
  table: 'applications',
  op: 'update',
  id: row.id,
  row: { ...row, jobDescription: 'x'.repeat(60) },
});

describe('the board in the browser', () => {
  it('moves a card at once and keeps the server row', async () => {
    const board = new BoardState([card('a')], filters);
    answer = () =>
      Promise.resolve({
        ...card('a', { stage: 'applied', position: 'a1', version: 2 }),
        jobDescription: '',
      });
    const done = board.move({ id: 'a', stage: 'applied', position: 'a1' });
    expect(board.find('a')?.stage).toBe('applied');
    expect(await done).toBe(true);
    expect(board.find('a')?.version).toBe(2);
    expect(board.notice).toBeNull();
  });

  it('puts a refused move back and says why', async () => {
    const board = new BoardState([card('a')], filters);
    answer = () => Promise.reject(new Error('offline'));
    expect(await board.move({ id: 'a', stage: 'offer', position: 'a1' })).toBe(false);
    expect(board.find('a')?.stage).toBe('interested');
    expect(board.notice?.kind).toBe('error');
    expect(board.notice?.text).toContain('back where it was');
  });

  it('holds a remote change to the dragged card until the drop', () => {
    const board = new BoardState([card('a')], filters);
    board.setDragging('a');
    board.applyRemote(update(card('a', { stage: 'offer', version: 2 })));
    expect(board.find('a')?.stage).toBe('interested');
    board.setDragging(null);
    expect(board.find('a')?.stage).toBe('offer');
  });

  it('highlights and announces changes made elsewhere, but not its own echo', async () => {
    const board = new BoardState([card('a'), card('b')], filters);
    const moved = card('a', { stage: 'applied', version: 2 });
    answer = () => Promise.resolve({ ...moved, jobDescription: '' });
    await board.move({ id: 'a', stage: 'applied', position: 'a0' });
    board.applyRemote(update(moved));
    expect(board.highlighted.has('a')).toBe(false);

    board.applyRemote(update(card('b', { stage: 'offer', version: 2 })));
    expect(board.highlighted.has('b')).toBe(true);
    await Promise.resolve();
    expect(board.announcement).toContain('moved to Offer elsewhere');
  });
});

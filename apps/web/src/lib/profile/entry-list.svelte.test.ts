import { describe, expect, it, vi } from 'vitest';
import { describeError } from '$lib/api/errors';
import { EntryListState, NEW, type Entries, type EntryFocus } from './entry-list.svelte';

type Row = { id: string };

function setup(entries: Partial<Entries<Row>> = {}) {
  const list: Entries<Row> = {
    items: [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
    remove: vi.fn(() => Promise.resolve()),
    move: vi.fn(() => Promise.resolve()),
    ...entries,
  };
  const focused: string[] = [];
  const focus: EntryFocus = {
    inEntry: (rowId, selector) => Promise.resolve(void focused.push(`${rowId} ${selector}`)),
    newForm: () => Promise.resolve(void focused.push('new form')),
    addButton: () => Promise.resolve(void focused.push('add button')),
  };
  return { state: new EntryListState(() => list, focus), list, focused };
}

const preventDefault = vi.fn();
const key = (init: KeyboardEventInit) => ({ preventDefault, ...init }) as unknown as KeyboardEvent;

describe('an entry list', () => {
  it('opens one entry at a time and gives focus back to its Edit button on close', () => {
    const { state, focused } = setup();
    state.askRemove('a');
    state.open('b');
    expect(state.editing).toBe('b');
    expect(state.confirming).toBeNull();
    state.close();
    expect(state.editing).toBeNull();
    expect(focused.at(-1)).toBe('b [data-action="edit"]');
  });

  it('returns focus to the Add button when the new entry form closes', () => {
    const { state, focused } = setup();
    state.openNew();
    expect(state.editing).toBe(NEW);
    expect(focused).toEqual(['new form']);
    state.close();
    expect(focused.at(-1)).toBe('add button');
  });

  it('keeps the question open and says why when a delete is refused', async () => {
    const { state } = setup({ remove: () => Promise.reject(new Error('Network down')) });
    state.askRemove('a');
    await state.remove('a');
    expect(state.confirming).toBe('a');
    expect(state.error).toBe(describeError(new Error('Network down')).message);
    expect(state.busy).toBeNull();
  });

  it('closes the question after a delete, with focus on the Add button', async () => {
    const { state, list, focused } = setup();
    state.askRemove('b');
    await state.remove('b');
    expect(list.remove).toHaveBeenCalledWith('b');
    expect(state.confirming).toBeNull();
    expect(focused.at(-1)).toBe('add button');
  });

  it('keeps focus on the arrow pressed, or on its twin when the entry reaches an end', async () => {
    const { state, focused } = setup();
    await state.step('b', -1);
    expect(focused.at(-1)).toBe('b [data-action="move-up"]');
    await state.step('a', -1);
    expect(focused.at(-1)).toBe('a [data-action="move-down"]');
    await state.step('c', 1);
    expect(focused.at(-1)).toBe('c [data-action="move-up"]');
  });

  it('moves with Alt+arrows, but not while the entry is being edited', () => {
    const { state, list } = setup();
    const up = key({ key: 'ArrowUp', altKey: true });
    state.keydown(up, 'b');
    expect(list.move).toHaveBeenCalledWith('b', -1);
    expect(preventDefault).toHaveBeenCalled();
    state.open('c');
    state.keydown(key({ key: 'ArrowDown', altKey: true }), 'c');
    expect(list.move).toHaveBeenCalledTimes(1);
    state.keydown(key({ key: 'ArrowDown' }), 'a');
    expect(list.move).toHaveBeenCalledTimes(1);
  });

  it('shows a refused move as a message', async () => {
    const { state } = setup({ move: () => Promise.reject(new Error('Someone else moved it')) });
    await state.step('b', 1);
    expect(state.error).toBe(describeError(new Error('Someone else moved it')).message);
  });
});

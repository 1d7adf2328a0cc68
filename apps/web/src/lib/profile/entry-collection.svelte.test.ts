import { describe, expect, it, vi } from 'vitest';
import { EntryCollection, type EntryApi } from './entry-collection.svelte';
import { byPosition } from './profile';

interface Row {
  id: string;
  position: number;
  createdAt: Date;
  updatedAt: Date;
  title: string;
}
type Input = { title: string };

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute));
const row = (id: string, position: number, title = id, minute = 0): Row => ({
  id,
  position,
  title,
  createdAt: at(0),
  updatedAt: at(minute),
});

function fakeApi(overrides: Partial<EntryApi<Row, Input>> = {}): EntryApi<Row, Input> {
  return {
    create: vi.fn((input: Input) => Promise.resolve(row('new', 9, input.title, 1))),
    update: vi.fn((input: { id: string } & Partial<Input>) =>
      Promise.resolve(row(input.id, 0, input.title, 2)),
    ),
    remove: vi.fn(() => Promise.resolve()),
    list: vi.fn(() => Promise.resolve([])),
    reorder: vi.fn(({ ids }: { ids: string[] }) =>
      Promise.resolve(ids.map((id, position) => row(id, position, id, 3))),
    ),
    ...overrides,
  };
}

const ids = (entries: { items: Row[] }) => entries.items.map((item) => item.id);

describe('an ordered list of profile entries', () => {
  it('shows a created entry in its place and an updated one in place of the old', async () => {
    const entries = new EntryCollection(() => [row('a', 0), row('b', 1)], fakeApi(), byPosition);
    await entries.create({ title: 'New' });
    expect(ids(entries)).toEqual(['a', 'b', 'new']);
    await entries.update('a', { title: 'Renamed' });
    expect(entries.items.find((item) => item.id === 'a')?.title).toBe('Renamed');
    expect(entries.items).toHaveLength(3);
  });

  it('drops a deleted entry only once the server has deleted it', async () => {
    const api = fakeApi({ remove: vi.fn(() => Promise.reject(new Error('offline'))) });
    const entries = new EntryCollection(() => [row('a', 0), row('b', 1)], api, byPosition);
    await expect(entries.remove('a')).rejects.toThrow('offline');
    expect(ids(entries)).toEqual(['a', 'b']);
  });

  it('moves an entry at once and then takes the order the server saved', async () => {
    let answer: (rows: Row[]) => void = () => {};
    const api = fakeApi({ reorder: () => new Promise((resolve) => (answer = resolve)) });
    const entries = new EntryCollection(
      () => [row('a', 0), row('b', 1), row('c', 2)],
      api,
      byPosition,
    );
    const moving = entries.move?.('c', -1);
    expect(ids(entries)).toEqual(['a', 'c', 'b']);
    answer([row('c', 0), row('a', 1), row('b', 2)]);
    await moving;
    expect(ids(entries)).toEqual(['c', 'a', 'b']);
  });

  it('puts back the server order when a move is refused, and says why', async () => {
    const api = fakeApi({
      reorder: () => Promise.reject(new Error('stale')),
      list: () => Promise.resolve([row('b', 0), row('a', 1)]),
    });
    const entries = new EntryCollection(() => [row('a', 0), row('b', 1)], api, byPosition);
    await expect(entries.move?.('b', -1)).rejects.toThrow('stale');
    expect(ids(entries)).toEqual(['b', 'a']);
  });

  it('cannot be moved by hand when the kind has no order of its own (skills)', () => {
    const { reorder: _, ...api } = fakeApi();
    const entries = new EntryCollection(() => [row('a', 0)], api, byPosition);
    expect(entries.move).toBeUndefined();
  });

  it('ignores a live change older than the row it shows', () => {
    const entries = new EntryCollection(() => [row('a', 0, 'Newer', 5)], fakeApi(), byPosition);
    entries.apply({ op: 'update', id: 'a', row: row('a', 0, 'Older', 1) });
    expect(entries.items[0]?.title).toBe('Newer');
    entries.apply({ op: 'delete', id: 'a', row: null });
    expect(entries.items).toEqual([]);
  });
});

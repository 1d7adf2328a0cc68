import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CommentThreadState, type ThreadCalls } from './thread.svelte';
import type { Comment, CommentChange, LiveCommentRow } from './types';

const OWNER = 'owner-1';
const APP = 'app-1';
const ME = 'me-1';

function comment(id: string, minute: number, overrides: Partial<Comment> = {}): Comment {
  return {
    id,
    author: { id: 'sam', name: 'Sam' },
    body: `comment ${id}`,
    mentions: [],
    createdAt: new Date(Date.UTC(2026, 10, 30, 10, minute)),
    editedAt: null,
    deletedAt: null,
    mine: false,
    ...overrides,
  };
}

function row(id: string, minute: number, overrides: Partial<LiveCommentRow> = {}): LiveCommentRow {
  return {
    id,
    ownerId: OWNER,
    applicationId: APP,
    authorId: 'ada',
    body: `live ${id}`,
    mentions: [],
    createdAt: new Date(Date.UTC(2026, 10, 30, 10, minute)),
    editedAt: null,
    deletedAt: null,
    ...overrides,
  };
}

const change = (op: 'insert' | 'update' | 'delete', id: string, r: LiveCommentRow | null) =>
  ({ table: 'comments', op, id, row: r }) as CommentChange;

function calls(overrides: Partial<ThreadCalls> = {}): ThreadCalls {
  return {
    list: vi.fn(() => Promise.resolve([comment('c1', 1), comment('c2', 2)])),
    people: vi.fn(() =>
      Promise.resolve([
        { id: OWNER, name: 'Olivia', role: 'owner' as const },
        { id: 'ada', name: 'Ada', role: 'commenter' as const },
      ]),
    ),
    create: vi.fn((_app: string, body: string) =>
      Promise.resolve(comment('new', 9, { body, mine: true, author: { id: ME, name: 'Me' } })),
    ),
    update: vi.fn((id: string, body: string) => Promise.resolve(comment(id, 1, { body }))),
    remove: vi.fn((id: string) =>
      Promise.resolve(comment(id, 1, { body: '', deletedAt: new Date() })),
    ),
    markRead: vi.fn(() => Promise.resolve({ readAt: new Date() })),
    ...overrides,
  };
}

describe('a comment thread', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('applies a live comment of this application, oldest first, named from the people list', async () => {
    const thread = new CommentThreadState(APP, OWNER, ME, calls());
    await thread.load();
    thread.apply(change('insert', 'c0', row('c0', 0)));
    thread.apply(change('insert', 'c3', row('c3', 3)));
    expect(thread.comments.map((c) => c.id)).toEqual(['c0', 'c1', 'c2', 'c3']);
    expect(thread.comments[0]!.author).toEqual({ id: 'ada', name: 'Ada' });
    expect(thread.comments[0]!.mine).toBe(false);
  });

  it('ignores comments of another owner or another application', async () => {
    const thread = new CommentThreadState(APP, OWNER, ME, calls());
    await thread.load();
    thread.apply(change('insert', 'x1', row('x1', 5, { ownerId: 'someone-else' })));
    thread.apply(change('insert', 'x2', row('x2', 5, { applicationId: 'app-2' })));
    expect(thread.comments.map((c) => c.id)).toEqual(['c1', 'c2']);
  });

  it('shows an edit and a soft delete from another tab in place', async () => {
    const thread = new CommentThreadState(APP, OWNER, ME, calls());
    await thread.load();
    thread.apply(
      change(
        'update',
        'c1',
        row('c1', 1, { authorId: 'sam', body: 'edited', editedAt: new Date() }),
      ),
    );
    thread.apply(
      change('update', 'c2', row('c2', 2, { authorId: 'sam', body: '', deletedAt: new Date() })),
    );
    expect(thread.comments[0]).toMatchObject({ body: 'edited', author: { name: 'Sam' } });
    expect(thread.comments[1]!.deletedAt).not.toBeNull();
    expect(thread.comments).toHaveLength(2);
  });

  it('drops a comment by id when the feed says it is gone (made private)', async () => {
    const thread = new CommentThreadState(APP, OWNER, ME, calls());
    await thread.load();
    thread.apply(change('delete', 'c1', null));
    expect(thread.comments.map((c) => c.id)).toEqual(['c2']);
  });

  it('marks itself my own comment when the live row is mine', async () => {
    const thread = new CommentThreadState(APP, OWNER, ME, calls());
    await thread.load();
    thread.apply(change('insert', 'm', row('m', 4, { authorId: ME })));
    expect(thread.comments.at(-1)!.mine).toBe(true);
  });

  it('adds a sent comment once even when the live feed brings it too', async () => {
    const thread = new CommentThreadState(APP, OWNER, ME, calls());
    await thread.load();
    expect(await thread.send('hello')).toBeNull();
    thread.apply(change('insert', 'new', row('new', 9, { authorId: ME, body: 'hello' })));
    expect(thread.comments.filter((c) => c.id === 'new')).toHaveLength(1);
  });

  it('returns the server’s sentence when a write is refused', async () => {
    const { TRPCClientError } = await import('@trpc/client');
    const refusal = new TRPCClientError('You can view Olivia’s search but not comment on it.', {
      result: { error: { code: -32603, message: '', data: { code: 'FORBIDDEN' } } },
    });
    const thread = new CommentThreadState(
      APP,
      OWNER,
      ME,
      calls({ create: vi.fn(() => Promise.reject(refusal)) }),
    );
    await thread.load();
    expect(await thread.send('hi')).toBe('You can view Olivia’s search but not comment on it.');
  });

  it('marks read only while on screen and when someone else has written', async () => {
    const api = calls();
    const thread = new CommentThreadState(APP, OWNER, ME, api);
    await thread.load();
    vi.runAllTimers();
    expect(api.markRead).not.toHaveBeenCalled();
    thread.setVisible(true);
    vi.runAllTimers();
    expect(api.markRead).toHaveBeenCalledTimes(1);
    thread.apply(change('insert', 'c5', row('c5', 5)));
    thread.apply(change('insert', 'c6', row('c6', 6)));
    vi.runAllTimers();
    expect(api.markRead).toHaveBeenCalledTimes(2);
  });

  it('does not mark read a thread of only my own comments', async () => {
    const api = calls({ list: vi.fn(() => Promise.resolve([comment('c1', 1, { mine: true })])) });
    const thread = new CommentThreadState(APP, OWNER, ME, api);
    await thread.load();
    thread.setVisible(true);
    vi.runAllTimers();
    expect(api.markRead).not.toHaveBeenCalled();
  });
});

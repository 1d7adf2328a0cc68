import { describe, expect, it, vi } from 'vitest';
import {
  closeAction,
  connectionStatus,
  LiveConnection,
  SOCKET_TOO_SLOW_CODE,
  type LiveView,
} from './live.svelte';
import type { TrackedSyncEvent } from '$lib/api/types';

function memoryStorage() {
  const values = new Map<string, string>();
  return {
    getItem: (key: string) => values.get(key) ?? null,
    setItem: (key: string, value: string) => void values.set(key, value),
    removeItem: (key: string) => void values.delete(key),
    values,
  };
}

describe('connection status', () => {
  it('is connecting before the first open, live when open', () => {
    expect(connectionStatus('connecting', false, false, true)).toBe('connecting');
    expect(connectionStatus('pending', false, false, true)).toBe('live');
  });

  it('is reconnecting after a drop', () => {
    expect(connectionStatus('connecting', true, true, true)).toBe('reconnecting');
    expect(connectionStatus('connecting', false, true, true)).toBe('reconnecting');
    expect(connectionStatus('connecting', true, false, true)).toBe('reconnecting');
  });

  it('is offline when the browser is offline, whatever the socket says', () => {
    expect(connectionStatus('pending', false, true, false)).toBe('offline');
    expect(connectionStatus('idle', false, true, true)).toBe('offline');
  });
});

describe('live event handling', () => {
  function event(id: string, data: TrackedSyncEvent['data']): TrackedSyncEvent {
    return { id, data };
  }

  it('remembers the last event id so a reload resumes from it', () => {
    const storage = memoryStorage();
    const live = new LiveConnection({ onSessionEnded: () => {}, storage });
    live.receive(event('10:5', { table: 'contacts', op: 'delete', id: 'c1', row: null }));
    expect(live.lastEventId).toBe('10:5');
    expect(storage.values.get('pursuit.lastEventId')).toBe('10:5');
    live.forget();
    expect(storage.values.size).toBe(0);
  });

  it('passes changes to every registered view, and resync as a reload', () => {
    const live = new LiveConnection({ onSessionEnded: () => {}, storage: null });
    const apply = vi.fn();
    const resync = vi.fn();
    const view: LiveView = { apply, resync };
    const unregister = live.register(view);
    const change = { table: 'contacts', op: 'delete', id: 'c1', row: null } as const;
    live.receive(event('1', change));
    live.receive(event('2', { table: '*', op: 'resync', id: null, row: null }));
    expect(apply).toHaveBeenCalledWith(change);
    expect(resync).toHaveBeenCalledTimes(1);
    unregister();
    live.receive(event('3', change));
    expect(apply).toHaveBeenCalledTimes(1);
  });

  it('keeps delivering to other views when one throws', () => {
    const live = new LiveConnection({ onSessionEnded: () => {}, storage: null });
    const good = vi.fn();
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    live.register({
      apply: () => {
        throw new Error('boom');
      },
      resync: () => {},
    });
    live.register({ apply: good, resync: () => {} });
    live.receive(event('1', { table: 'contacts', op: 'delete', id: 'c1', row: null }));
    expect(good).toHaveBeenCalledTimes(1);
    error.mockRestore();
  });
});

describe("issue 12: a view of one owner's search", () => {
  const event = (id: string, data: unknown) => ({ id, data }) as TrackedSyncEvent;

  it("gets only that owner's rows and every delete; an unscoped view gets all", () => {
    const live = new LiveConnection({ onSessionEnded: () => {}, storage: null });
    const mine = vi.fn();
    const sams = vi.fn();
    const all = vi.fn();
    live.register({ apply: mine, resync: () => {}, ownerId: () => 'me' });
    live.register({ apply: sams, resync: () => {}, ownerId: () => 'sam' });
    live.register({ apply: all, resync: () => {} });
    live.receive(
      event('1', {
        table: 'applications',
        op: 'update',
        id: 'a1',
        row: { id: 'a1', userId: 'sam' },
      }),
    );
    live.receive(
      event('2', {
        table: 'applications',
        op: 'update',
        id: 'a2',
        row: { id: 'a2', userId: 'me' },
      }),
    );
    live.receive(
      event('3', {
        table: 'comments',
        op: 'insert',
        id: 'c1',
        row: { id: 'c1', ownerId: 'sam', authorId: 'me' },
      }),
    );
    live.receive(event('4', { table: 'applications', op: 'delete', id: 'a3', row: null }));
    expect(mine.mock.calls.map(([c]) => (c as { id: string }).id)).toEqual(['a2', 'a3']);
    expect(sams.mock.calls.map(([c]) => (c as { id: string }).id)).toEqual(['a1', 'c1', 'a3']);
    expect(all).toHaveBeenCalledTimes(4);
  });

  it('follows the owner the view shows now (a page reused for another owner)', () => {
    const live = new LiveConnection({ onSessionEnded: () => {}, storage: null });
    let owner = 'sam';
    const apply = vi.fn();
    live.register({ apply, resync: () => {}, ownerId: () => owner });
    const row = (userId: string) => ({
      table: 'applications',
      op: 'update',
      id: 'a1',
      row: { id: 'a1', userId },
    });
    live.receive(event('1', row('alex')));
    owner = 'alex';
    live.receive(event('2', row('alex')));
    expect(apply).toHaveBeenCalledTimes(1);
  });
});

describe('issue 10: what a socket close calls for', () => {
  it('4001 (session ended) checks the session, live or not', () => {
    expect(closeAction(4001, true, 0)).toBe('check-session');
    expect(closeAction(4001, false, 0)).toBe('check-session');
  });

  it('4002 (too slow) reconnects and resumes without asking about the session', () => {
    expect(SOCKET_TOO_SLOW_CODE).toBe(4002);
    expect(closeAction(4002, true, Number.POSITIVE_INFINITY)).toBe('resume');
    expect(closeAction(4002, false, Number.POSITIVE_INFINITY)).toBe('resume');
  });

  it('another close checks the session only when not live, at most every 15 s', () => {
    expect(closeAction(1006, true, Number.POSITIVE_INFINITY)).toBe('resume');
    expect(closeAction(1006, false, 20_000)).toBe('check-session');
    expect(closeAction(1006, false, 5_000)).toBe('resume');
  });
});

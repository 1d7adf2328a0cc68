import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NotificationCentre, type NotificationCalls } from './notifications.svelte';
import type { NotificationChange, NotificationItem, NotificationList } from './notifications';

function item(id: string, read = false): NotificationItem {
  return {
    id,
    kind: 'comment',
    summary: `Sam commented (${id})`,
    actor: { id: 'sam', name: 'Sam' },
    ownerId: 'o',
    applicationId: 'a',
    commentId: 'c',
    createdAt: new Date(),
    readAt: read ? new Date() : null,
  };
}

function calls(
  list: NotificationList,
  overrides: Partial<NotificationCalls> = {},
): NotificationCalls {
  return {
    list: vi.fn(() => Promise.resolve(list)),
    markRead: vi.fn(() => Promise.resolve({ count: 1 })),
    ...overrides,
  };
}

const liveRow = (id: string, readAt: Date | null) =>
  ({
    table: 'notifications',
    op: 'update',
    id,
    row: { ...item(id), userId: 'me', actorId: 'sam', readAt },
  }) as unknown as NotificationChange;

describe('the notification centre', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('marks one read and lowers the count at once', async () => {
    const api = calls({ items: [item('n1'), item('n2')], unread: 2 });
    const centre = new NotificationCentre(api);
    await centre.load();
    await centre.markRead(['n1']);
    expect(centre.unread).toBe(1);
    expect(centre.items[0]!.readAt).not.toBeNull();
    expect(api.markRead).toHaveBeenCalledWith(['n1']);
  });

  it('marks all read with one call', async () => {
    const api = calls({ items: [item('n1'), item('n2', true)], unread: 1 });
    const centre = new NotificationCentre(api);
    await centre.load();
    await centre.markAllRead();
    expect(centre.unread).toBe(0);
    expect(centre.items.every((i) => i.readAt)).toBe(true);
    expect(api.markRead).toHaveBeenCalledWith();
  });

  it('puts the count right and says so when marking fails', async () => {
    const api = calls(
      { items: [item('n1')], unread: 1 },
      { markRead: vi.fn(() => Promise.reject(new Error('offline'))) },
    );
    const centre = new NotificationCentre(api);
    await centre.load();
    await centre.markRead(['n1']);
    expect(centre.unread).toBe(1);
    expect(centre.error).toMatch(/try again/i);
  });

  it('follows "read" from another tab, and reloads once for a burst of new ones', async () => {
    const api = calls({ items: [item('n1')], unread: 1 });
    const centre = new NotificationCentre(api);
    await centre.load();
    centre.apply(liveRow('n1', new Date()));
    expect(centre.unread).toBe(0);
    centre.apply({ ...liveRow('n7', null), op: 'insert' });
    centre.apply({ ...liveRow('n8', null), op: 'insert' });
    await vi.runAllTimersAsync();
    expect(api.list).toHaveBeenCalledTimes(2);
  });
});

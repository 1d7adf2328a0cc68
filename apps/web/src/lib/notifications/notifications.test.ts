import { describe, expect, it } from 'vitest';
import { timeAgo } from '$lib/ui/format';
import { badgeText, groupNotifications, notificationHref } from './notifications';

// Local noon, so the day boundaries are the person's own whatever the machine's zone.
const now = new Date(2026, 10, 30, 12, 0, 0).getTime();
const at = (daysAgo: number, hour = 9) => new Date(2026, 10, 30 - daysAgo, hour, 0, 0);

describe('grouping notifications by day', () => {
  it('puts each in Today, Yesterday, This week or Earlier, newest first', () => {
    const items = [
      { id: 'old', createdAt: at(30) },
      { id: 'today-early', createdAt: at(0, 1) },
      { id: 'yesterday', createdAt: at(1, 23) },
      { id: 'today-late', createdAt: at(0, 11) },
      { id: 'six-days', createdAt: at(6) },
      { id: 'seven-days', createdAt: at(7) },
      { id: 'two-days', createdAt: at(2).toISOString() },
    ];
    const groups = groupNotifications(items, now);
    expect(groups.map((g) => [g.label, g.items.map((i) => i.id)])).toEqual([
      ['Today', ['today-late', 'today-early']],
      ['Yesterday', ['yesterday']],
      ['This week', ['two-days', 'six-days']],
      ['Earlier', ['seven-days', 'old']],
    ]);
  });

  it('leaves out empty groups', () => {
    expect(groupNotifications([], now)).toEqual([]);
    expect(groupNotifications([{ createdAt: at(1) }], now).map((g) => g.label)).toEqual([
      'Yesterday',
    ]);
  });
});

describe('when a notification happened', () => {
  it('reads as relative time', () => {
    expect(timeAgo(new Date(now - 20_000), now)).toBe('just now');
    expect(timeAgo(new Date(now - 5 * 60_000), now)).toBe('5 minutes ago');
    expect(timeAgo(new Date(now - 3 * 3600_000), now)).toBe('3 hours ago');
    expect(timeAgo(new Date(now - 26 * 3600_000), now)).toBe('yesterday');
  });
});

describe('where a notification leads', () => {
  it('opens the application when it has one', () => {
    expect(notificationHref({ applicationId: 'a1', ownerId: 'o1' }, 'me')).toBe('/applications/a1');
  });

  it('opens the owner’s shared board, or my own board when the search is mine', () => {
    expect(notificationHref({ applicationId: null, ownerId: 'o1' }, 'me')).toBe('/shared/o1');
    expect(notificationHref({ applicationId: null, ownerId: 'me' }, 'me')).toBe('/');
    expect(notificationHref({ applicationId: null, ownerId: null }, 'me')).toBe('/shared');
  });
});

describe('the badge', () => {
  it('shows the count, "9+" past nine, nothing at zero', () => {
    expect(badgeText(0)).toBeNull();
    expect(badgeText(3)).toBe('3');
    expect(badgeText(12)).toBe('9+');
  });
});

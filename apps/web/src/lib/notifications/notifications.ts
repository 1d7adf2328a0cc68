// What the bell shows of each notification: where it leads, how long ago it
// happened, and the list cut into "Today", "Yesterday", "This week" and
// "Earlier" by the person's own calendar.
import type { RouterOutputs } from '@pursuit/api';
import type { SyncChange } from '$lib/api/types';

export type NotificationList = RouterOutputs['notification']['list'];
export type NotificationItem = NotificationList['items'][number];
export type NotificationKind = NotificationItem['kind'];
export type NotificationChange = Extract<SyncChange, { table: 'notifications' }>;

/** What each kind is, for screen readers and the icon's title. */
export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, string> = {
  comment: 'Comment',
  mention: 'Mention',
  stage_change: 'Stage change',
  invitation_accepted: 'Invitation accepted',
};

/**
 * Where a notification leads: its application, else the search it happened
 * in (the person's own board when that is theirs), else the shared overview.
 */
export function notificationHref(
  item: Pick<NotificationItem, 'applicationId' | 'ownerId'>,
  me: string | null,
): string {
  if (item.applicationId) return `/applications/${item.applicationId}`;
  if (item.ownerId && item.ownerId === me) return '/';
  if (item.ownerId) return `/shared/${item.ownerId}`;
  return '/shared';
}

export type GroupLabel = 'Today' | 'Yesterday' | 'This week' | 'Earlier';
export interface NotificationGroup<T> {
  label: GroupLabel;
  items: T[];
}

function startOfDay(time: number): number {
  const date = new Date(time);
  date.setHours(0, 0, 0, 0);
  return date.getTime();
}

/** The notifications, newest first, in day groups (empty groups left out). */
export function groupNotifications<T extends { createdAt: Date | string }>(
  items: readonly T[],
  now: number = Date.now(),
): NotificationGroup<T>[] {
  const today = startOfDay(now);
  const yesterday = startOfDay(today - 1);
  const weekAgo = startOfDay(today - 6 * 24 * 3600_000 + 1);
  const order: GroupLabel[] = ['Today', 'Yesterday', 'This week', 'Earlier'];
  const groups = new Map<GroupLabel, T[]>(order.map((label) => [label, []]));
  const sorted = [...items].sort(
    (a, b) => new Date(b.createdAt).getTime() - new Date(a.createdAt).getTime(),
  );
  for (const item of sorted) {
    const time = new Date(item.createdAt).getTime();
    const label: GroupLabel =
      time >= today
        ? 'Today'
        : time >= yesterday
          ? 'Yesterday'
          : time >= weekAgo
            ? 'This week'
            : 'Earlier';
    groups.get(label)!.push(item);
  }
  return order
    .map((label) => ({ label, items: groups.get(label)! }))
    .filter((group) => group.items.length > 0);
}

/** The badge's text: "9+" past nine, nothing at zero. */
export function badgeText(unread: number): string | null {
  if (unread <= 0) return null;
  return unread > 9 ? '9+' : String(unread);
}

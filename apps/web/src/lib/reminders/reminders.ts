// What the Today panel and the notification centre's "Due" section show of
// reminder.list: the items cut into "Today", "Coming up" and "Gone quiet" by
// the person's own calendar, when each is due in words, and which live
// changes can change the list.
import type { RouterOutputs } from '@pursuit/api';
import type { SyncChange } from '$lib/api/types';

export type ReminderList = RouterOutputs['reminder']['list'];
export type Reminder = ReminderList['items'][number];
export type ReminderKind = Reminder['kind'];

export type ReminderGroupLabel = 'Today' | 'Coming up' | 'Gone quiet';
export interface ReminderGroup {
  label: ReminderGroupLabel;
  items: Reminder[];
}

/** What each kind is, for screen readers and the icon's title. */
export const REMINDER_KIND_LABELS: Record<ReminderKind, string> = {
  follow_up: 'Follow-up',
  interview: 'Interview',
  offer_deadline: 'Offer deadline',
  quiet: 'Gone quiet',
};

/** The tables whose changes can add, move or end a reminder. */
export const REMINDER_TABLES: ReadonlySet<string> = new Set([
  'applications',
  'interviews',
  'offers',
]);

export function changesReminders(change: Pick<SyncChange, 'table'>): boolean {
  return REMINDER_TABLES.has(change.table);
}

function endOfDay(now: number): number {
  const date = new Date(now);
  date.setHours(23, 59, 59, 999);
  return date.getTime();
}

/**
 * Follow-ups (due today or overdue) and anything else due before midnight
 * are "Today"; later interviews and offer deadlines are "Coming up"; quiet
 * applications are "Gone quiet". Each group keeps the list's order (by due
 * time); empty groups are left out.
 */
export function groupReminders(
  items: readonly Reminder[],
  now: number = Date.now(),
): ReminderGroup[] {
  const midnight = endOfDay(now);
  const order: ReminderGroupLabel[] = ['Today', 'Coming up', 'Gone quiet'];
  const groups = new Map<ReminderGroupLabel, Reminder[]>(order.map((label) => [label, []]));
  for (const item of items) {
    const label: ReminderGroupLabel =
      item.kind === 'quiet'
        ? 'Gone quiet'
        : item.kind === 'follow_up' || new Date(item.dueAt).getTime() <= midnight
          ? 'Today'
          : 'Coming up';
    groups.get(label)!.push(item);
  }
  return order
    .map((label) => ({ label, items: groups.get(label)! }))
    .filter((group) => group.items.length > 0);
}

const timeOfDay = new Intl.DateTimeFormat('en', { hour: 'numeric', minute: '2-digit' });
const weekdayTime = new Intl.DateTimeFormat('en', {
  weekday: 'short',
  hour: 'numeric',
  minute: '2-digit',
});

/**
 * When an item is due, in a few words: "Today 14:00", "Tomorrow 9:30",
 * "Wed 10:00" for timed ones; nothing for follow-ups and quiet ones, whose
 * detail line already says it.
 */
export function dueLabel(
  item: Pick<Reminder, 'kind' | 'dueAt'>,
  now: number = Date.now(),
): string | null {
  if (item.kind === 'follow_up' || item.kind === 'quiet') return null;
  const due = new Date(item.dueAt);
  const today = endOfDay(now);
  const tomorrow = endOfDay(today + 1);
  if (due.getTime() <= today) return `Today ${timeOfDay.format(due)}`;
  if (due.getTime() <= tomorrow) return `Tomorrow ${timeOfDay.format(due)}`;
  return weekdayTime.format(due);
}

export function reminderHref(item: Pick<Reminder, 'applicationId'>): string {
  return `/applications/${item.applicationId}`;
}

/** "3 due" for a collapsed panel's heading. */
export function countLabel(count: number): string {
  return count === 0 ? 'nothing due' : `${count} due`;
}

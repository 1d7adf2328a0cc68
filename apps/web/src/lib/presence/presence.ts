// Who else is here, from the raw presence.watch list (one entry per tab):
// one entry per person, this tab left out, plus the small things an avatar
// needs (initials, a colour of its own per person) and the typing line.

/** One tab's presence, as presence.watch reports it (the fields used here). */
export interface PresenceEntry {
  userId: string;
  name: string;
  tabId: string;
  typing: boolean;
  since: Date | string;
  where: { kind: 'board' } | { kind: 'application'; applicationId: string };
}

/** One person here, however many tabs they have open. */
export interface PresentPerson {
  userId: string;
  name: string;
  /** Typing in any of their tabs. */
  typing: boolean;
  /** When their earliest tab here arrived. */
  since: number;
  tabs: number;
}

/**
 * One entry per person, this tab excluded (the person's other tabs count: the
 * server leaves the caller's own tab out, and so do we in case it did not),
 * in order of arrival so avatars do not jump about.
 */
export function reducePresence(
  entries: readonly PresenceEntry[],
  selfTabId: string,
): PresentPerson[] {
  const byUser = new Map<string, PresentPerson>();
  for (const entry of entries) {
    if (entry.tabId === selfTabId) continue;
    const since = new Date(entry.since).getTime();
    const seen = byUser.get(entry.userId);
    if (seen) {
      seen.typing ||= entry.typing;
      seen.since = Math.min(seen.since, since);
      seen.tabs += 1;
    } else {
      byUser.set(entry.userId, {
        userId: entry.userId,
        name: entry.name,
        typing: entry.typing,
        since,
        tabs: 1,
      });
    }
  }
  return [...byUser.values()].sort((a, b) => a.since - b.since || a.name.localeCompare(b.name));
}

/** The avatars that fit and how many more there are ("+3"). */
export function splitOverflow<T>(people: readonly T[], max: number): { shown: T[]; more: number } {
  if (people.length <= max) return { shown: [...people], more: 0 };
  // Keep room for the "+n" chip itself.
  const shown = people.slice(0, Math.max(0, max - 1));
  return { shown, more: people.length - shown.length };
}

/** "SL" for "Sam Lee", "S" for "Sam", "?" for no name. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '?';
  const first = [...words[0]!][0] ?? '';
  const last = words.length > 1 ? ([...words[words.length - 1]!][0] ?? '') : '';
  return (first + last).toUpperCase();
}

/** A stable colour per person, dark enough for white initials in both themes. */
export function colorFor(userId: string): string {
  let hash = 0;
  for (const char of userId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return `hsl(${hash % 360} 55% 38%)`;
}

/** "Sam is typing…", "Sam and Alex are typing…", "3 people are typing…", or null. */
export function typingLine(names: readonly string[]): string | null {
  if (names.length === 0) return null;
  if (names.length === 1) return `${names[0]} is typing…`;
  if (names.length === 2) return `${names[0]} and ${names[1]} are typing…`;
  return `${names.length} people are typing…`;
}

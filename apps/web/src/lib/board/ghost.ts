// When a card has gone quiet (issue 13's Ghosted definition, as the card sees
// it): still at Applied, applied at least `ghostedAfterDays` days ago, not
// archived, and no follow-up date planned ahead. A pure rule, so the board
// and its tests agree on the day a nudge appears.
import type { Card } from '$lib/api/types';

const DAY_MS = 24 * 60 * 60 * 1000;

export type QuietCard = Pick<Card, 'stage' | 'appliedAt' | 'archivedAt' | 'followUpOn'>;

/** Whole days since `appliedAt` (never negative). */
export function daysSince(appliedAt: Date | string, now: number): number {
  return Math.max(0, Math.floor((now - new Date(appliedAt).getTime()) / DAY_MS));
}

/**
 * Days without a reply when the card should say so, else null. A follow-up
 * date still to come means the person has a plan: the nudge waits for it.
 */
export function quietDays(
  card: QuietCard,
  now: number,
  ghostedAfterDays: number,
  todayIso: string,
): number | null {
  if (card.stage !== 'applied' || !card.appliedAt || card.archivedAt) return null;
  if (card.followUpOn && card.followUpOn > todayIso) return null;
  const days = daysSince(card.appliedAt, now);
  return days >= ghostedAfterDays ? days : null;
}

/** "No reply in 23 days". */
export function quietLabel(days: number): string {
  return `No reply in ${days} ${days === 1 ? 'day' : 'days'}`;
}

/** A follow-up date a week from `todayIso` (YYYY-MM-DD), the date input's first suggestion. */
export function inAWeek(todayIso: string): string {
  const date = new Date(`${todayIso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 7);
  return date.toISOString().slice(0, 10);
}

// An application's fields as the inline editors see them: every value as
// text, and the text a person typed turned back into an update's patch.

import type { ApplicationDetail, ApplicationRow, UpdateApplicationInput } from '$lib/api/types';

export type FieldKey =
  | 'companyName'
  | 'roleTitle'
  | 'jobUrl'
  | 'location'
  | 'workArrangement'
  | 'employmentType'
  | 'salaryMin'
  | 'salaryMax'
  | 'salaryCurrency'
  | 'priority'
  | 'source'
  | 'followUpOn'
  | 'jobDescription'
  | 'appliedAt'
  | 'rejectionReason';

export type FieldPatch = Omit<UpdateApplicationInput, 'id' | 'version'>;

/** The field's value as an editor shows it; empty for none. */
export function textOf(row: ApplicationRow | ApplicationDetail, key: FieldKey): string {
  if (key === 'appliedAt') return row.appliedAt ? localDay(new Date(row.appliedAt)) : '';
  const value = row[key];
  return value === null || value === undefined ? '' : String(value);
}

/** The update for `text` typed into `key`, or what is wrong with it. */
export function patchFor(
  key: FieldKey,
  text: string,
  now: Date = new Date(),
): FieldPatch | { error: string } {
  const trimmed = text.trim();
  switch (key) {
    case 'appliedAt': {
      if (!trimmed) return { appliedAt: null };
      const at = appliedAtFor(trimmed, now);
      return 'error' in at ? at : { appliedAt: at.date };
    }
    case 'salaryMin':
    case 'salaryMax': {
      if (!trimmed) return { [key]: null };
      const number = Number(trimmed.replace(/[\s,_]/g, ''));
      if (!Number.isFinite(number))
        return { error: 'Enter the salary as a whole number, like 85000.' };
      return { [key]: Math.round(number) };
    }
    case 'workArrangement':
      return {
        workArrangement: trimmed ? (trimmed as NonNullable<FieldPatch['workArrangement']>) : null,
      };
    case 'employmentType':
      return {
        employmentType: trimmed ? (trimmed as NonNullable<FieldPatch['employmentType']>) : null,
      };
    case 'priority':
      return { priority: trimmed as NonNullable<FieldPatch['priority']> };
    case 'followUpOn':
      return { followUpOn: trimmed || null };
    case 'companyName':
    case 'roleTitle':
    case 'jobDescription':
      return { [key]: text };
    default:
      return { [key]: trimmed || null };
  }
}

/** The same words as the API's, for a date the browser can already tell is ahead. */
export const FUTURE_APPLIED_MESSAGE = 'The applied date cannot be in the future.';

/** A Date's calendar day in the person's time zone, as YYYY-MM-DD. */
export function localDay(date: Date): string {
  const y = date.getFullYear();
  const m = String(date.getMonth() + 1).padStart(2, '0');
  const d = String(date.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/**
 * The moment recorded for "applied on <day>": midday of that day where the
 * person is (the history shows a believable time), but never later than now,
 * so today means now. A day after today is refused before asking the server.
 */
export function appliedAtFor(
  day: string,
  now: Date = new Date(),
): { date: Date } | { error: string } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return { error: 'Use a date like 2026-11-03.' };
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(y, m - 1, d, 12, 0, 0, 0);
  if (Number.isNaN(date.getTime()) || date.getDate() !== d)
    return { error: 'Use a date like 2026-11-03.' };
  if (day > localDay(now)) return { error: FUTURE_APPLIED_MESSAGE };
  return { date: date > now ? now : date };
}

const dayMonthYear = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
});

/** "3 Nov 2026", in the person's time zone. */
export function formatAppliedDay(date: Date | string): string {
  return dayMonthYear.format(new Date(date));
}

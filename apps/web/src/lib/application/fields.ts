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
  | 'jobDescription';

export type FieldPatch = Omit<UpdateApplicationInput, 'id' | 'version'>;

/** The field's value as an editor shows it; empty for none. */
export function textOf(row: ApplicationRow | ApplicationDetail, key: FieldKey): string {
  const value = row[key];
  return value === null || value === undefined ? '' : String(value);
}

/** The update for `text` typed into `key`, or what is wrong with it. */
export function patchFor(key: FieldKey, text: string): FieldPatch | { error: string } {
  const trimmed = text.trim();
  switch (key) {
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

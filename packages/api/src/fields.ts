// Zod building blocks shared by the profile-data routers and the importers,
// so a value typed in the editor and one read from a file obey the same rules
// and fail with the same message.
import { TRPCError } from '@trpc/server';
import { z } from 'zod';

export const id = z.uuid('That is not a valid id.');

/** Optional text: trimmed, empty means "none" (null). */
export const optionalText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${label} can be at most ${max.toLocaleString('en')} characters.`)
    .transform((v) => (v === '' ? null : v))
    .nullish();

export const requiredText = (missing: string, label: string, max: number) =>
  z
    .string({ error: missing })
    .trim()
    .min(1, missing)
    .max(max, `${label} can be at most ${max.toLocaleString('en')} characters.`);

export const httpUrl = z
  .string()
  .trim()
  .max(2048, 'That URL is too long.')
  .regex(/^https?:\/\/\S+$/i, 'Use a full URL starting with http:// or https://.');

export const optionalHttpUrl = httpUrl.or(z.literal('').transform(() => null)).nullish();

const PARTIAL_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
const DATE_HINT = 'Use a date like 2019, 2019-06 or 2019-06-30.';

/** Is `value` a real calendar date at its own precision (no 2019-13, no 2019-02-30)? */
export function isRealPartialDate(value: string): boolean {
  const match = PARTIAL_DATE.exec(value);
  if (!match) return false;
  const [, year, month, day] = match;
  if (month === undefined) return true;
  const m = Number(month);
  if (m < 1 || m > 12) return false;
  if (day === undefined) return true;
  const d = Number(day);
  const daysInMonth = new Date(Date.UTC(Number(year), m, 0)).getUTCDate();
  return d >= 1 && d <= daysInMonth;
}

/** ISO 8601 with month and day optional (the JSON Resume date), kept as text. */
export const partialDate = z
  .string()
  .trim()
  .refine(isRealPartialDate, DATE_HINT)
  .or(z.literal('').transform(() => null))
  .nullish();

/**
 * `later` is not before `earlier` at the precision both share, as the
 * database's CHECK compares them: an end of 2020 fits a start of 2020-05.
 */
export function notBefore(later: string | null | undefined, earlier: string | null | undefined) {
  if (!later || !earlier) return true;
  const n = Math.min(later.length, earlier.length);
  return later.slice(0, n) >= earlier.slice(0, n);
}

/** A list of short strings (achievements, technologies, keywords): trimmed, blanks dropped. */
export const textList = (item: string, items: string, maxItems: number, maxLength: number) =>
  z
    .array(
      z
        .string({ error: `Each ${item} must be text.` })
        .trim()
        .max(
          maxLength,
          `Each ${item} can be at most ${maxLength.toLocaleString('en')} characters.`,
        ),
      { error: `The ${items} must be a list.` },
    )
    .max(maxItems, `List at most ${maxItems} ${items}.`)
    .transform((list) => list.filter((entry) => entry !== ''));

/** The new order of a list: every id once. */
export const reorderInput = z.object({
  ids: z
    .array(id)
    .max(500, 'Reorder at most 500 items at a time.')
    .refine((ids) => new Set(ids).size === ids.length, 'Each item may appear only once.'),
});

/** The fields an update actually sets; an update that sets none is a 400, not a no-op. */
export function definedChanges<T extends Record<string, unknown>>(changes: T): Partial<T> {
  const defined = Object.fromEntries(
    Object.entries(changes).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
  if (Object.keys(defined).length === 0) {
    throw new TRPCError({ code: 'BAD_REQUEST', message: 'Nothing to change.' });
  }
  return defined;
}

// Zod building blocks shared by every router and the importers, so a value
// typed in the editor and one read from a file obey the same rules and fail
// with the same message. The only home of the id, text, URL and money rules.
import { TRPCError } from '@trpc/server';
import { z } from 'zod';

export const id = z.uuid('That is not a valid id.');

export const tooLong = (label: string, max: number) =>
  `${label} can be at most ${max.toLocaleString('en')} characters.`;

// Postgres text cannot hold NUL (error 22021, a 500 if it reached the
// database), and a UTF-16 surrogate without its pair has no UTF-8 form:
// postgres.js would store it as U+FFFD, silently changing what was typed.
const NUL = '\u0000';
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const NUL_MESSAGE =
  'Remove the invisible control character (NUL, U+0000): text cannot contain it.';
export const BROKEN_CHARACTER_MESSAGE =
  'Remove the broken character (half of an emoji or symbol, U+D800–U+DFFF): text cannot contain it.';

/** Why Postgres cannot store `value` as text, or null when it can. */
export function unstorable(value: string): string | null {
  if (value.includes(NUL)) return NUL_MESSAGE;
  if (LONE_SURROGATE.test(value)) return BROKEN_CHARACTER_MESSAGE;
  return null;
}

/**
 * A string Postgres can store: where every text field starts, so none lets
 * NUL or a broken character through. `error` replaces zod's message for a
 * value that is not a string.
 */
export const text = (error?: string) =>
  z.string(error === undefined ? undefined : { error }).superRefine((value, ctx) => {
    const problem = unstorable(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, input: value });
  });

/** Optional text kept as typed (trimmed), empty included. */
export const boundedText = (label: string, max: number) =>
  text().trim().max(max, tooLong(label, max)).nullish();

/** Optional text: trimmed, empty means "none" (null). */
export const optionalText = (label: string, max: number) =>
  text()
    .trim()
    .max(max, tooLong(label, max))
    .transform((v) => (v === '' ? null : v))
    .nullish();

export const requiredText = (missing: string, label: string, max: number) =>
  text(missing).trim().min(1, missing).max(max, tooLong(label, max));

// A JavaScript Date reaches ±275,760 years; Postgres refuses a timestamp
// before 4713 BC or a year written with more than four digits (22009).
const EARLIEST = new Date('1900-01-01T00:00:00Z');
const LATEST = new Date('9999-12-31T23:59:59.999Z');

/** A date and time (a Date, or text a Date can read) in years 1900–9999. */
export const dateTime = (missing: string) =>
  z.coerce
    .date({ error: missing })
    .min(EARLIEST, 'Use a date in 1900 or later.')
    .max(LATEST, 'Use a date before the year 10000.');

/** "a, b or c": how a message lists the allowed values of an enum. */
export function listOr(values: readonly string[]): string {
  return values.length < 2
    ? values.join('')
    : `${values.slice(0, -1).join(', ')} or ${values.at(-1)!}`;
}

/** One of a pgEnum's values (pass `someEnum.enumValues`), with a message naming them. */
export const oneOf = <const T extends readonly [string, ...string[]]>(values: T, message: string) =>
  z.enum(values, { error: message });

/** Empty means "none" (null), as a cleared form field sends it. */
const emptyAsNull = z.literal('').transform(() => null);

const urlOf = (tooLongMessage: string, notHttp: string) =>
  text()
    .trim()
    .max(2048, tooLongMessage)
    .regex(/^https?:\/\/\S+$/i, notHttp);

export const httpUrl = urlOf(
  'That URL is too long.',
  'Use a full URL starting with http:// or https://.',
);

export const optionalHttpUrl = httpUrl.or(emptyAsNull).nullish();

/** The posting's address on an application (its own words: the form labels it "job URL"). */
export const jobUrl = urlOf(
  'The job URL is too long.',
  'The job URL must start with http:// or https://.',
)
  .or(emptyAsNull)
  .nullish();

/** An email address; empty means "none". */
export const optionalEmail = (invalid: string) =>
  text()
    .trim()
    .max(254, 'That email address is too long.')
    .pipe(z.email(invalid))
    .or(emptyAsNull)
    .nullish();

/** A salary in whole units of its currency. */
export const money = z
  .number({ error: 'Salaries are numbers.' })
  .int('Salaries are whole numbers.')
  .min(0, 'Salaries cannot be negative.')
  .max(100_000_000, 'That salary is too large.')
  .nullish();

/** An ISO 4217 code, stored upper-case. */
export const currencyCode = text()
  .trim()
  .regex(/^[A-Za-z]{3}$/, 'Use a three-letter currency code, like USD or EUR.')
  .transform((v) => v.toUpperCase());

/** Minimum not above maximum, reported on the minimum: spread into `.refine(...)`. */
export function salaryInOrder(
  min: string,
  max: string,
): [(value: Record<string, unknown>) => boolean, { message: string; path: PropertyKey[] }] {
  return [
    (value) => value[min] == null || value[max] == null || Number(value[min]) <= Number(value[max]),
    { message: 'The minimum salary cannot be above the maximum.', path: [min] },
  ];
}

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
export const partialDate = text()
  .trim()
  .refine(isRealPartialDate, DATE_HINT)
  .or(emptyAsNull)
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
      text(`Each ${item} must be text.`)
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

/**
 * A pick mask naming exactly `fields`: `createInsertSchema(table, fields)
 * .pick(only(fields))` keeps the columns an input may carry (drizzle-zod
 * checks each name against the table) and leaves out the rest (user_id,
 * position, timestamps).
 */
export function only<F extends Record<string, unknown>>(fields: F): { [K in keyof F]: true } {
  return Object.fromEntries(Object.keys(fields).map((key) => [key, true])) as {
    [K in keyof F]: true;
  };
}

/** A superRefine check: the `end` date is not before the `start` date, reported on `end`. */
export function datesInOrder<S extends string, E extends string>(
  start: S,
  end: E,
  message: string,
) {
  return (value: Partial<Record<S | E, string | null>>, ctx: z.RefinementCtx) => {
    if (!notBefore(value[end], value[start])) {
      ctx.addIssue({ code: 'custom', path: [end], message });
    }
  };
}

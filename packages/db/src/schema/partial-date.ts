// Dates as people write them on a resume: ISO 8601 with the month and day
// optional (2019, 2019-06, 2019-06-30), stored as text so a JSON Resume date
// comes back exactly as it went in. Fixed-width parts make text order date order.
import { sql, type SQL } from 'drizzle-orm';
import { text } from 'drizzle-orm/pg-core';

/** The shape the database accepts; the API checks real calendar dates on top. */
export const PARTIAL_DATE_PATTERN = '^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$';

export const partialDate = (name: string) => text(name);

export function isPartialDate(column: unknown): SQL {
  // A CHECK constraint is DDL and cannot take a bound parameter; the pattern
  // is the module constant above, never anything a user sends.
  return sql`${column} is null or ${column} ~ ${sql.raw(`'${PARTIAL_DATE_PATTERN}'`)}`;
}

/**
 * `later` is not before `earlier`, compared at their common precision: an end
 * of "2020" is not before a start of "2020-05" (both say 2020).
 */
export function notBefore(later: unknown, earlier: unknown): SQL {
  const common = sql`least(char_length(${later}), char_length(${earlier}))`;
  return sql`${later} is null or ${earlier} is null or left(${later}, ${common}) collate "C" >= left(${earlier}, ${common}) collate "C"`;
}

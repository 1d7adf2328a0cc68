// The longest comment, in characters: the same figure as @pursuit/db's
// COMMENT_MAX_LENGTH (the web app takes only types from the server's packages);
// the database's check and the API enforce it, the composer counts toward it.
export const COMMENT_MAX_LENGTH = 10_000;

/** From here on the composer shows how many characters are left. */
export const COUNTER_FROM = 9_000;

/** "123 characters left" near the limit, "1,234 too many" past it, else null. */
export function lengthNote(length: number, max: number = COMMENT_MAX_LENGTH): string | null {
  if (length > max) {
    const over = length - max;
    return `${over.toLocaleString('en')} character${over === 1 ? '' : 's'} too many`;
  }
  if (length < Math.min(COUNTER_FROM, max)) return null;
  const left = max - length;
  return `${left.toLocaleString('en')} character${left === 1 ? '' : 's'} left`;
}

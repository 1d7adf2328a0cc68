// Small text utilities shared by the built-in generators: tokenising, stop
// words, sentence and bullet splitting. Deterministic, no locale surprises.

const STOP_WORDS = new Set(
  `a an and are as at be been but by can for from has have in into is it its of on or our
  that the their them they this to we will with you your who what when where which while
  about across all also any both each more most other over such than then there these those
  through up very via within without would should could may might must shall not no nor so
  us i me my he she his her were was do does did doing done being am if out off own same
  too just only again further once here why how few some per like well new etc`.split(/\s+/),
);

export function tokenize(text: string): string[] {
  return (text.toLowerCase().match(/[a-z0-9][a-z0-9+#.-]*[a-z0-9+#]|[a-z0-9]/g) ?? []).filter(
    (token) => !STOP_WORDS.has(token),
  );
}

/** Lines of a posting with list markers removed, blank lines dropped. */
export function lines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(/^\s*(?:[-*•·▪◦]|\d+[.)])\s*/, '').trim())
    .filter((line) => line.length > 0);
}

export function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+(?=[A-Z0-9])|\r?\n+/)
    .map((s) => s.replace(/^\s*(?:[-*•·▪◦]|\d+[.)])\s*/, '').trim())
    .filter((s) => s.length > 0);
}

export function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function unique<T>(items: Iterable<T>): T[] {
  return [...new Set(items)];
}

export function listJoin(items: string[]): string {
  if (items.length <= 1) return items.join('');
  if (items.length === 2) return `${items[0]} and ${items[1]}`;
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

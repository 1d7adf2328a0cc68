// @mentions in the comment box: finding the "@partial name" the caret is in,
// suggesting people with access whose names match it, and putting
// "@Display Name " in its place. The server resolves the mentions again from
// the body (longest name first, any case), so this is only a typing aid.

export interface MentionCandidate {
  id: string;
  name: string;
}

/** The "@…" being typed at the caret: where its @ is and what follows it. */
export interface MentionQuery {
  /** Index of the "@" in the text. */
  start: number;
  /** The text between the "@" and the caret (may contain spaces: names do). */
  query: string;
}

/** Longest name-part typed after an @ before we stop treating it as a mention. */
const MAX_QUERY = 40;

/**
 * The mention being typed when the caret is at `caret`, or null. An "@" counts
 * when it starts the text or follows whitespace or an opening bracket (so
 * "sam@example.com" is not a mention) and no line break lies between it and
 * the caret.
 */
export function mentionQuery(text: string, caret: number): MentionQuery | null {
  const before = text.slice(0, caret);
  const at = before.lastIndexOf('@');
  if (at < 0) return null;
  const previous = at === 0 ? '' : before[at - 1]!;
  if (previous !== '' && !/[\s([{]/.test(previous)) return null;
  const query = before.slice(at + 1);
  if (query.length > MAX_QUERY || /[\n\r@]/.test(query) || /^\s/.test(query)) return null;
  return { start: at, query };
}

function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * People whose name matches `query`: a name starting with it first, then one
 * with a word starting with it; alphabetical within each; at most `limit`.
 * `excludeId` (the person typing) is never suggested.
 */
export function suggestMentions<T extends MentionCandidate>(
  people: readonly T[],
  query: string,
  { limit = 6, excludeId }: { limit?: number; excludeId?: string } = {},
): T[] {
  const wanted = fold(query.trim());
  const ranked: { person: T; rank: number }[] = [];
  for (const person of people) {
    if (person.id === excludeId || !person.name.trim()) continue;
    const name = fold(person.name);
    let rank = -1;
    if (name.startsWith(wanted)) rank = 0;
    else if (name.split(/\s+/).some((word) => word.startsWith(wanted))) rank = 1;
    if (rank >= 0) ranked.push({ person, rank });
  }
  ranked.sort((a, b) => a.rank - b.rank || a.person.name.localeCompare(b.person.name));
  return ranked.slice(0, limit).map((entry) => entry.person);
}

/**
 * Replaces the mention being typed (from its "@" to the caret) with
 * "@Display Name " and returns the new text and where the caret goes.
 */
export function insertMention(
  text: string,
  mention: MentionQuery,
  caret: number,
  name: string,
): { text: string; caret: number } {
  const after = text.slice(caret);
  const inserted = `@${name}${/^\s/.test(after) ? '' : ' '}`;
  const next = text.slice(0, mention.start) + inserted + after;
  return { text: next, caret: mention.start + inserted.length };
}

/**
 * The people a body mentions, as the server will read it: "@Name" of someone
 * with access, any case, longest names first so "@Sam Lee" is not taken for
 * "@Sam". Used to show who will be told before sending.
 */
export function mentionedPeople<T extends MentionCandidate>(
  body: string,
  people: readonly T[],
): T[] {
  const lower = body.toLowerCase();
  const byLength = [...people]
    .filter((p) => p.name.trim())
    .sort((a, b) => b.name.length - a.name.length);
  const taken: boolean[] = Array.from({ length: body.length }, () => false);
  const found: T[] = [];
  for (const person of byLength) {
    const needle = `@${person.name.toLowerCase()}`;
    let from = 0;
    for (;;) {
      const index = lower.indexOf(needle, from);
      if (index < 0) break;
      from = index + 1;
      const end = index + needle.length;
      const boundaryBefore = index === 0 || /[\s([{]/.test(body[index - 1]!);
      const boundaryAfter = end >= body.length || !/[\p{L}\p{N}_]/u.test(body[end]!);
      if (!boundaryBefore || !boundaryAfter || taken[index]) continue;
      for (let i = index; i < end; i += 1) taken[i] = true;
      if (!found.includes(person)) found.push(person);
    }
  }
  return found;
}

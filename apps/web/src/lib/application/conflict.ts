// What to do when a save meets a newer version saved elsewhere. A field the
// other side did not touch is retried on the new version; a field both sides
// changed is never overwritten silently: the person chooses.

export type FieldResolution =
  /** They did not change this field: save ours on their version. */
  | { kind: 'retry' }
  /** They saved exactly what we wanted: nothing left to do. */
  | { kind: 'same' }
  /** Both changed it differently: ask. */
  | { kind: 'conflict' };

export function resolveField<T>(
  base: T,
  mine: T,
  theirs: T,
  equal: (a: T, b: T) => boolean = Object.is,
): FieldResolution {
  if (equal(theirs, mine)) return { kind: 'same' };
  if (equal(theirs, base)) return { kind: 'retry' };
  return { kind: 'conflict' };
}

/** The choices of the notes conflict view. */
export type NotesChoice = 'mine' | 'theirs' | 'merge';

export interface NotesConflict {
  /** The notes as they were when this person started editing. */
  base: string;
  mine: string;
  theirs: string;
  /** The version to save on, whatever is chosen. */
  theirsVersion: number;
}

export type MergeResult = { clean: true; text: string } | { clean: false; text: string };

function normalize(text: string | null | undefined): string {
  return (text ?? '').replace(/\r\n/g, '\n');
}

/**
 * A starting point for "merge by hand". Clean when one side kept the base, or
 * when both sides only added text after the base (the usual way notes grow):
 * then both additions are kept, theirs first. Otherwise both versions are laid
 * out, marked, for the person to edit.
 */
export function mergeNotes(
  baseText: string | null,
  mineText: string | null,
  theirsText: string | null,
): MergeResult {
  const base = normalize(baseText);
  const mine = normalize(mineText);
  const theirs = normalize(theirsText);
  if (mine === theirs) return { clean: true, text: mine };
  if (theirs === base) return { clean: true, text: mine };
  if (mine === base) return { clean: true, text: theirs };
  if (base !== '' && mine.startsWith(base) && theirs.startsWith(base)) {
    const theirsAdded = theirs.slice(base.length);
    const mineAdded = mine.slice(base.length);
    return { clean: true, text: joinParagraphs(base + theirsAdded, mineAdded) };
  }
  if (base === '') {
    return { clean: true, text: joinParagraphs(theirs, mine) };
  }
  return {
    clean: false,
    text: `${theirs.trimEnd()}\n\n----- your version -----\n${mine.trimEnd()}\n`,
  };
}

function joinParagraphs(first: string, second: string): string {
  if (!second.trim()) return first;
  if (!first.trim()) return second;
  const separator = first.endsWith('\n') || second.startsWith('\n') ? '' : '\n';
  return first + separator + second;
}

/** What to save for a choice: `null` text means "save nothing, show theirs". */
export function resolveNotes(
  conflict: NotesConflict,
  choice: NotesChoice,
  merged?: string,
): { notes: string | null; version: number } {
  switch (choice) {
    case 'mine':
      return { notes: conflict.mine, version: conflict.theirsVersion };
    case 'theirs':
      return { notes: null, version: conflict.theirsVersion };
    case 'merge':
      return {
        notes: merged ?? mergeNotes(conflict.base, conflict.mine, conflict.theirs).text,
        version: conflict.theirsVersion,
      };
  }
}

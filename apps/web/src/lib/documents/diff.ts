// Word-level diff between two versions of a document, grouped into equal /
// delete / insert runs that the version compare view renders as <del> and <ins>.
// The edit script is jsdiff's (`diff`, its Myers implementation with a bounded
// edit length), run through `diffArrays` over our own tokens: its ready-made
// `diffWordsWithSpace` splits off punctuation and compares whitespace exactly,
// while a document compare wants whole words and treats reflowed whitespace
// (a double space, a tab) as no change, keeping only line and paragraph breaks.
import { diffArrays } from 'diff';

export type DiffKind = 'equal' | 'delete' | 'insert';

export interface DiffPart {
  kind: DiffKind;
  text: string;
}

export interface DiffStats {
  inserted: number;
  deleted: number;
}

/** Above this many edits the two texts are shown as one replacement (keeps memory bounded). */
const MAX_EDITS = 2000;

/** Words (runs of non-space) and the whitespace between them, in order. */
export function tokenize(text: string): string[] {
  return text.match(/\s+|\S+/g) ?? [];
}

/** Whitespace compares by shape only (paragraph break, line break, space), so reflowing is no change. */
function key(token: string): string {
  if (!/^\s/.test(token)) return token;
  const newlines = token.split('\n').length - 1;
  return newlines >= 2 ? '\n\n' : newlines === 1 ? '\n' : ' ';
}

function push(parts: DiffPart[], kind: DiffKind, text: string): void {
  if (!text) return;
  const last = parts.at(-1);
  if (last && last.kind === kind) last.text += text;
  else parts.push({ kind, text });
}

/**
 * Folds whitespace-only equal runs that sit between two changes into both
 * sides, then orders each change as its deletion before its insertion, so
 * "the quick fox" → "a slow fox" reads as one replacement, not a stutter.
 */
function tidy(raw: DiffPart[]): DiffPart[] {
  const folded: DiffPart[] = [];
  for (let i = 0; i < raw.length; i += 1) {
    const part = raw[i]!;
    const prev = raw[i - 1];
    const next = raw[i + 1];
    if (
      part.kind === 'equal' &&
      /^\s+$/.test(part.text) &&
      prev &&
      next &&
      prev.kind !== 'equal' &&
      next.kind !== 'equal'
    ) {
      folded.push({ kind: 'delete', text: part.text }, { kind: 'insert', text: part.text });
    } else {
      folded.push({ ...part });
    }
  }
  const out: DiffPart[] = [];
  let deleted = '';
  let inserted = '';
  const flush = () => {
    push(out, 'delete', deleted);
    push(out, 'insert', inserted);
    deleted = '';
    inserted = '';
  };
  for (const part of folded) {
    if (part.kind === 'delete') deleted += part.text;
    else if (part.kind === 'insert') inserted += part.text;
    else {
      flush();
      push(out, 'equal', part.text);
    }
  }
  flush();
  return out;
}

/** The word-level difference from `before` to `after`. Equal runs keep `after`'s whitespace. */
export function diffWords(before: string, after: string): DiffPart[] {
  const a = tokenize(before);
  const b = tokenize(after);
  // Equal runs carry the new side's tokens (jsdiff's rule for a custom comparator).
  const changes = diffArrays(a, b, {
    comparator: (left, right) => key(left) === key(right),
    maxEditLength: MAX_EDITS,
  });
  if (!changes) return tidy(replaceMiddle(a, b));
  const raw: DiffPart[] = [];
  for (const change of changes) {
    const kind: DiffKind = change.added ? 'insert' : change.removed ? 'delete' : 'equal';
    push(raw, kind, change.value.join(''));
  }
  return tidy(raw);
}

/** Too many edits to search: the common head and tail, and one replacement between. */
function replaceMiddle(a: readonly string[], b: readonly string[]): DiffPart[] {
  const same = (i: number, j: number) => key(a[i]!) === key(b[j]!);
  let head = 0;
  while (head < a.length && head < b.length && same(head, head)) head += 1;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    same(a.length - 1 - tail, b.length - 1 - tail)
  ) {
    tail += 1;
  }
  const raw: DiffPart[] = [];
  push(raw, 'equal', b.slice(0, head).join(''));
  push(raw, 'delete', a.slice(head, a.length - tail).join(''));
  push(raw, 'insert', b.slice(head, b.length - tail).join(''));
  push(raw, 'equal', b.slice(b.length - tail).join(''));
  return raw;
}

/** How many words each side gained or lost (whitespace is not counted). */
export function diffStats(parts: readonly DiffPart[]): DiffStats {
  const words = (text: string) => text.split(/\s+/).filter(Boolean).length;
  let inserted = 0;
  let deleted = 0;
  for (const part of parts) {
    if (part.kind === 'insert') inserted += words(part.text);
    else if (part.kind === 'delete') deleted += words(part.text);
  }
  return { inserted, deleted };
}

/** The text on one side of a diff: `before` is equal + deleted, `after` equal + inserted. */
export function sideOf(parts: readonly DiffPart[], side: 'before' | 'after'): string {
  const skip: DiffKind = side === 'before' ? 'insert' : 'delete';
  return parts
    .filter((part) => part.kind !== skip)
    .map((part) => part.text)
    .join('');
}

export type DiffRow = DiffPart | { kind: 'fold'; text: string; lines: number };

/**
 * Hides the middle of long unchanged runs, keeping `context` lines next to
 * each change, so a one-word edit in a long document is easy to find. The
 * hidden text is kept on the fold, for a "show" button.
 */
export function foldUnchanged(parts: readonly DiffPart[], context = 2): DiffRow[] {
  const rows: DiffRow[] = [];
  parts.forEach((part, index) => {
    if (part.kind !== 'equal') {
      rows.push(part);
      return;
    }
    const lines = part.text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
    // A run that starts or ends mid-line shares that line with the change: keep it whole.
    const startsMidLine = index > 0 && !parts[index - 1]!.text.endsWith('\n');
    const endsMidLine = !part.text.endsWith('\n');
    const keepHead = index === 0 ? 0 : context + (startsMidLine ? 1 : 0);
    const keepTail = index === parts.length - 1 ? 0 : context + (endsMidLine ? 1 : 0);
    // Folding fewer than three lines saves nothing.
    if (lines.length - keepHead - keepTail < 3) {
      rows.push(part);
      return;
    }
    const head = lines.slice(0, keepHead).join('');
    const hidden = lines.slice(keepHead, lines.length - keepTail);
    const tail = lines.slice(lines.length - keepTail).join('');
    if (head) rows.push({ kind: 'equal', text: head });
    rows.push({ kind: 'fold', text: hidden.join(''), lines: hidden.length });
    if (tail) rows.push({ kind: 'equal', text: tail });
  });
  return rows;
}

/**
 * The parts as a reader wants to see them: a change of whitespace alone
 * (a trailing newline dropped, a line rewrapped) is not marked. Removed
 * whitespace is left out and added whitespace shown plainly, so the text
 * reads as the newer version with its word changes marked.
 */
export function readable(parts: readonly DiffPart[]): DiffPart[] {
  const out: DiffPart[] = [];
  for (const part of parts) {
    const blank = part.text.trim() === '';
    if (blank && part.kind === 'delete') continue;
    push(out, blank ? 'equal' : part.kind, part.text);
  }
  return out;
}

// Word-level diff between two versions of a document: Myers' O(ND) shortest
// edit script over word and whitespace tokens, grouped into equal / delete /
// insert runs that the version compare view renders as <del> and <ins>.

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

type Op = { kind: DiffKind; a: number; b: number };

/** Myers' greedy algorithm with a trace of each round's furthest reaching paths. */
function editScript(a: readonly string[], b: readonly string[]): Op[] | null {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, MAX_EDITS);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = -1;

  for (let d = 0; d <= max && found < 0; d += 1) {
    // The diagonals this round reads, before it writes them.
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!)
          ? v[offset + k + 1]!
          : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x += 1;
        y += 1;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
  }
  if (found < 0) return null;

  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d -= 1) {
    const saved = trace[d]!;
    const at = (k: number) => saved[k + d + 1]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x -= 1;
      y -= 1;
      ops.push({ kind: 'equal', a: x, b: y });
    }
    if (x === prevX) ops.push({ kind: 'insert', a: x, b: prevY });
    else ops.push({ kind: 'delete', a: prevX, b: y });
    x = prevX;
    y = prevY;
  }
  while (x > 0 && y > 0) {
    x -= 1;
    y -= 1;
    ops.push({ kind: 'equal', a: x, b: y });
  }
  return ops.reverse();
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
  const ka = a.map(key);
  const kb = b.map(key);

  // The common head and tail need no search.
  let head = 0;
  while (head < ka.length && head < kb.length && ka[head] === kb[head]) head += 1;
  let tail = 0;
  while (
    tail < ka.length - head &&
    tail < kb.length - head &&
    ka[ka.length - 1 - tail] === kb[kb.length - 1 - tail]
  ) {
    tail += 1;
  }

  const raw: DiffPart[] = [];
  push(raw, 'equal', b.slice(0, head).join(''));
  const midA = ka.slice(head, ka.length - tail);
  const midB = kb.slice(head, kb.length - tail);
  const ops = editScript(midA, midB);
  if (ops) {
    for (const op of ops) {
      if (op.kind === 'delete') push(raw, 'delete', a[head + op.a]!);
      else push(raw, op.kind, b[head + op.b]!);
    }
  } else {
    push(raw, 'delete', a.slice(head, a.length - tail).join(''));
    push(raw, 'insert', b.slice(head, b.length - tail).join(''));
  }
  push(raw, 'equal', b.slice(b.length - tail).join(''));
  return tidy(raw);
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

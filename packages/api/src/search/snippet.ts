// Highlighted snippets that are safe to render. Postgres's ts_headline marks
// hits with two private-use characters (stripped from the text first, so a
// document cannot forge a mark), and the marked string is split here into
// plain segments: the web renders each as text, hits inside <mark>, with no
// HTML ever parsed.

export const HIT_START = '\uE000';
export const HIT_END = '\uE001';

/** ts_headline's options: our markers, a fragment or two of about twenty words. */
export const HEADLINE_OPTIONS = `StartSel=${HIT_START}, StopSel=${HIT_END}, MaxWords=22, MinWords=8, MaxFragments=2, FragmentDelimiter=" … "`;

export interface SnippetPart {
  text: string;
  hit: boolean;
}

/** A ts_headline result as segments; a stray marker is dropped, never shown. */
export function snippetParts(marked: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let hit = false;
  let buffer = '';
  const flush = () => {
    if (buffer) parts.push({ text: buffer, hit });
    buffer = '';
  };
  for (const char of marked.replace(/\s+/g, ' ').trim()) {
    if (char === HIT_START || char === HIT_END) {
      flush();
      hit = char === HIT_START;
    } else {
      buffer += char;
    }
  }
  flush();
  return parts;
}

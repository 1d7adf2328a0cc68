// Finds the lexicon's skills named in a text, for the evaluation's own checks
// (invented skills, matched skills named in a cover letter). Written apart from
// the generator's matcher on purpose: a measure should not share the code it measures.
import { CASE_SENSITIVE_ALIASES, LEXICON, STOP_PHRASES } from '../../src/generate/lexicon';

/** Lower-cased, spaces collapsed: how names are compared everywhere in the evaluation. */
export function normalizeName(name: string): string {
  return name.trim().toLowerCase().replace(/\s+/g, ' ');
}

/** "Tableau | Looker Studio" → ["tableau", "looker studio"]. */
export function alternatives(label: string): string[] {
  return label.split('|').map(normalizeName).filter(Boolean);
}

const escape = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A term on its own: not inside a longer word, "R&D", "Node.js" or "e-mail". */
function termPattern(term: string): string {
  return `(?<![\\w&./+#-])${escape(term)}(?![\\w&+#]|[.-]\\w)`;
}

interface CompiledEntry {
  name: string;
  exact?: RegExp;
  folded?: RegExp;
}

let compiled: CompiledEntry[] | undefined;

function entries(): CompiledEntry[] {
  compiled ??= LEXICON.map((entry) => {
    const terms = [entry.name, ...entry.aliases];
    const exact = terms.filter((term) => CASE_SENSITIVE_ALIASES.has(term));
    const folded = terms.filter((term) => !CASE_SENSITIVE_ALIASES.has(term));
    return {
      name: entry.name,
      exact: exact.length ? new RegExp(exact.map(termPattern).join('|'), 'g') : undefined,
      folded: folded.length ? new RegExp(folded.map(termPattern).join('|'), 'gi') : undefined,
    };
  });
  return compiled;
}

const stopPattern = new RegExp(STOP_PHRASES.map(escape).join('|'), 'gi');

interface Span {
  start: number;
  end: number;
  name: string;
}

/**
 * Canonical names of the lexicon skills the text names (under any alias). A
 * longer name hides the shorter ones inside it: "A/B Testing" is not also
 * "Testing", "Ruby on Rails" not also "Ruby".
 */
export function lexiconSkillsIn(text: string): Set<string> {
  const cleaned = text.replace(stopPattern, (phrase) => ' '.repeat(phrase.length));
  const spans: Span[] = [];
  for (const entry of entries()) {
    for (const pattern of [entry.exact, entry.folded]) {
      if (!pattern) continue;
      for (const match of cleaned.matchAll(pattern)) {
        spans.push({ start: match.index, end: match.index + match[0].length, name: entry.name });
      }
    }
  }
  spans.sort((a, b) => b.end - b.start - (a.end - a.start));
  const kept: Span[] = [];
  for (const span of spans) {
    const inside = kept.some(
      (k) => k.name !== span.name && k.start <= span.start && span.end <= k.end,
    );
    if (!inside) kept.push(span);
  }
  return new Set(kept.map((span) => span.name));
}

/** Whether the text names the item (any of its names, directly or through the lexicon). */
export function namesAny(text: string, names: string[], lexiconFound?: Set<string>): boolean {
  const found = lexiconFound ?? lexiconSkillsIn(text);
  const wanted = new Set(names.map(normalizeName));
  for (const name of found) if (wanted.has(normalizeName(name))) return true;
  return names.some((name) => new RegExp(termPattern(name), 'i').test(text));
}

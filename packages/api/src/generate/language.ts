// Which language a text is written in, by its most common function words:
// enough to tell a German or French posting from an English one. Null when
// the text is too short to say.
const WORDS: Record<string, readonly string[]> = {
  en: ['the', 'and', 'you', 'with', 'for', 'our', 'will', 'are', 'of', 'to', 'in', 'we'],
  de: [
    'und',
    'die',
    'der',
    'mit',
    'für',
    'wir',
    'sie',
    'das',
    'ist',
    'ein',
    'eine',
    'zu',
    'von',
    'du',
    'bei',
  ],
  fr: [
    'et',
    'le',
    'la',
    'les',
    'des',
    'vous',
    'avec',
    'pour',
    'nous',
    'une',
    'est',
    'du',
    'en',
    'sur',
  ],
  es: [
    'y',
    'el',
    'la',
    'los',
    'las',
    'con',
    'para',
    'una',
    'por',
    'del',
    'que',
    'en',
    'nuestro',
    'tu',
  ],
  nl: ['en', 'de', 'het', 'een', 'van', 'met', 'voor', 'wij', 'je', 'jij', 'zijn', 'op', 'ons'],
  pt: ['e', 'o', 'os', 'as', 'com', 'para', 'uma', 'por', 'do', 'da', 'que', 'em', 'você', 'nossa'],
  it: [
    'e',
    'il',
    'la',
    'di',
    'con',
    'per',
    'una',
    'che',
    'del',
    'della',
    'nel',
    'sono',
    'un',
    'ti',
  ],
};

export const LANGUAGE_NAMES: Record<string, string> = {
  en: 'English',
  de: 'German',
  fr: 'French',
  es: 'Spanish',
  nl: 'Dutch',
  pt: 'Portuguese',
  it: 'Italian',
};

export function detectLanguage(text: string): string | null {
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  if (words.length < 20) return null;
  let best: string | null = null;
  let bestCount = 0;
  for (const [code, list] of Object.entries(WORDS)) {
    const set = new Set(list);
    const count = words.filter((w) => set.has(w)).length;
    if (count > bestCount) {
      best = code;
      bestCount = count;
    }
  }
  return bestCount / words.length >= 0.05 ? best : null;
}

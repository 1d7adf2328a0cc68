// Which language a text is written in, by its most frequent function words:
// enough to tell a German or French posting from an English one. The built-in
// generator writes English and says so; an OpenAI-compatible model is asked to
// write in the posting's language.
export interface Language {
  code: 'en' | 'de' | 'fr' | 'es' | 'nl' | 'pt' | 'it';
  name: string;
}

// A stop-word count rather than a detection library (franc and the like): we
// only need to name one of a handful of languages, and job ads are full of
// English tool names that throw statistical detectors on short texts.
const STOP_WORDS: Record<Language['code'], { name: string; words: string[] }> = {
  en: {
    name: 'English',
    words: 'the and with you for our are will have of to is we your this that in an as'.split(' '),
  },
  de: {
    name: 'German',
    words:
      'und der die das mit für wir sie ein eine ist den dem von zu auf bei ihre oder nicht auch du dich deine unser uns'.split(
        ' ',
      ),
  },
  fr: {
    name: 'French',
    words: 'le la les et des du une pour avec nous vous est dans sur au aux qui votre notre'.split(
      ' ',
    ),
  },
  es: {
    name: 'Spanish',
    words: 'el los las y con para una del que por nuestro nuestra eres tu es en se buscamos'.split(
      ' ',
    ),
  },
  nl: {
    name: 'Dutch',
    words: 'de het een en van met voor wij je jij ons onze zijn bij als ben heb'.split(' '),
  },
  pt: {
    name: 'Portuguese',
    words: 'o os as e com para uma um do da dos das que em você nosso nossa não'.split(' '),
  },
  it: {
    name: 'Italian',
    words: 'il lo gli le e con per una un del della che di sono siamo nostro nostra'.split(' '),
  },
};

/** The language a text is written in, by its most frequent stop words; English when unclear. */
export function detectLanguage(text: string): Language {
  const counts = new Map<string, number>();
  for (const word of text.toLowerCase().match(/\p{L}+/gu) ?? []) {
    counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  let best: Language = { code: 'en', name: 'English' };
  let bestScore = 0;
  for (const [code, { name, words }] of Object.entries(STOP_WORDS)) {
    const score = words.reduce((sum, w) => sum + (counts.get(w) ?? 0), 0);
    if (score > bestScore) {
      best = { code: code as Language['code'], name };
      bestScore = score;
    }
  }
  // A handful of hits is noise (a company name, "de" in a place name).
  return bestScore >= 3 ? best : { code: 'en', name: 'English' };
}

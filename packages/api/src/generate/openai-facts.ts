// What an OpenAI-compatible prompt tells the model: everything the person wrote,
// as plain JSON, and the job with the language it is written in.
import { fullName, type Candidate, type JobPosting } from './candidate';

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

function isLanguageSkill(skill: Candidate['skills'][number]): boolean {
  return skill.category?.trim().toLowerCase() === 'language';
}

/** Everything the person wrote, as plain JSON for the model. */
export function candidateFacts(candidate: Candidate) {
  return {
    name: fullName(candidate) || null,
    headline: candidate.headline ?? null,
    summary: candidate.summary ?? null,
    contact: {
      email: candidate.email ?? null,
      phone: candidate.phone ?? null,
      location: candidate.location ?? null,
    },
    yearsOfExperience: candidate.yearsOfExperience ?? null,
    skills: candidate.skills
      .filter((s) => !isLanguageSkill(s))
      .map((s) => ({
        name: s.name,
        category: s.category ?? null,
        proficiency: s.proficiency ?? null,
        years: s.years ?? null,
        keywords: s.keywords ?? [],
      })),
    languages: candidate.skills
      .filter(isLanguageSkill)
      .map((s) => ({ name: s.name, proficiency: s.proficiency ?? null, notes: s.keywords ?? [] })),
    experiences: candidate.experiences.map((e) => ({
      title: e.title,
      company: e.company,
      location: e.location ?? null,
      startDate: e.startDate ?? null,
      endDate: e.current ? 'present' : (e.endDate ?? null),
      description: e.description ?? null,
      achievements: e.achievements,
      technologies: e.technologies,
    })),
    education: candidate.education.map((e) => ({
      institution: e.institution,
      degree: e.degree ?? null,
      fieldOfStudy: e.fieldOfStudy ?? null,
      startDate: e.startDate ?? null,
      endDate: e.endDate ?? null,
      description: e.description ?? null,
      courses: e.courses ?? [],
    })),
    certifications: candidate.certifications.map((c) => ({
      name: c.name,
      issuingOrganization: c.issuingOrganization ?? null,
      issueDate: c.issueDate ?? null,
    })),
    projects: (candidate.projects ?? []).map((p) => ({
      name: p.name,
      description: p.description ?? null,
      highlights: p.highlights,
      keywords: p.keywords,
      roles: p.roles ?? [],
      startDate: p.startDate ?? null,
      endDate: p.endDate ?? null,
      url: p.url ?? null,
    })),
    notesForTheWriter: candidate.generatorContext ?? null,
  };
}

export function jobBlock(posting: JobPosting, language: Language): string {
  return [
    `Company: ${posting.company}`,
    `Role: ${posting.roleTitle}`,
    `Language of the job description: ${language.name}`,
    '',
    posting.description,
  ].join('\n');
}

export function resumeBlock(candidate: Candidate): string {
  return candidate.primaryResume?.trim()
    ? `\n\nThe candidate's primary résumé (Markdown, their own words):\n${candidate.primaryResume.trim()}`
    : '';
}

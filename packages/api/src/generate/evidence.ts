// Maps each extracted requirement to the person's evidence for it: a listed
// skill, an experience that used it, an achievement that mentions it, a
// certification, or a line of the primary resume. Bullets are ranked against
// the requirements with BM25, so the most relevant come first.
import type { Candidate, CandidateExperience } from './candidate';
import { skillMentions, type ExtractedJob, type Requirement } from './extract';
import { LEXICON } from './lexicon';
import { tokenize } from './text';

export interface Evidence {
  requirement: Requirement;
  /** The person lists it as a skill (with proficiency/years when given). */
  skill: { proficiency?: string | null; years?: number | null } | null;
  /** Achievements and experience lines that mention it, most relevant first. */
  bullets: { text: string; company: string; title: string; named: boolean }[];
  certification: string | null;
  /** In the primary resume text. */
  inResume: boolean;
  covered: boolean;
}

export interface Mapping {
  job: ExtractedJob;
  evidence: Evidence[];
  matched: Evidence[];
  gaps: Evidence[];
}

const namesCache = new Map<string, Set<string>>();

/** The lexicon skills a piece of the person's text names (any alias). */
export function skillNamesIn(text: string): Set<string> {
  let names = namesCache.get(text);
  if (!names) {
    names = new Set([...skillMentions(text).keys()].map((index) => LEXICON[index]!.name));
    if (namesCache.size > 5000) namesCache.clear();
    namesCache.set(text, names);
  }
  return names;
}

function mentions(text: string, requirement: Requirement): boolean {
  return skillNamesIn(text).has(requirement.name);
}

export interface RankedBullet {
  text: string;
  experience: CandidateExperience;
  score: number;
}

/** BM25 (k1 = 1.2, b = 0.75) of each bullet against the job's query terms. */
export function rankBullets(candidate: Candidate, query: string[]): RankedBullet[] {
  const docs: { text: string; experience: CandidateExperience; tokens: string[] }[] = [];
  for (const experience of candidate.experiences) {
    const texts = [...experience.achievements];
    if (experience.description) texts.push(experience.description);
    for (const text of texts) {
      const extra = experience.technologies.join(' ');
      docs.push({ text, experience, tokens: tokenize(`${text} ${extra}`) });
    }
  }
  if (docs.length === 0) return [];
  const avgLength = docs.reduce((sum, d) => sum + d.tokens.length, 0) / docs.length;
  const documentFrequency = new Map<string, number>();
  for (const doc of docs)
    for (const term of new Set(doc.tokens)) {
      documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
    }
  const k1 = 1.2;
  const b = 0.75;
  const terms = [...new Set(query)];
  return docs
    .map((doc) => {
      let score = 0;
      for (const term of terms) {
        const tf = doc.tokens.filter((t) => t === term).length;
        if (tf === 0) continue;
        const df = documentFrequency.get(term) ?? 0;
        const idf = Math.log(1 + (docs.length - df + 0.5) / (df + 0.5));
        score += (idf * tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * doc.tokens.length) / avgLength));
      }
      return { text: doc.text, experience: doc.experience, score };
    })
    .sort((x, y) => y.score - x.score || x.text.localeCompare(y.text));
}

/** The words the job cares about, weighted by repetition of its requirements. */
export function queryTerms(job: ExtractedJob, roleTitle: string): string[] {
  const terms: string[] = [...tokenize(roleTitle)];
  for (const requirement of job.requirements) {
    const repeat = Math.max(1, Math.round(requirement.weight));
    for (let i = 0; i < repeat; i += 1) terms.push(...tokenize(requirement.name));
  }
  for (const line of job.responsibilities) terms.push(...tokenize(line));
  return terms;
}

export function mapEvidence(candidate: Candidate, job: ExtractedJob, roleTitle: string): Mapping {
  const ranked = rankBullets(candidate, queryTerms(job, roleTitle));
  const skillByName = new Map<string, Candidate['skills'][number]>();
  for (const skill of candidate.skills) {
    for (const name of skillNamesIn(skill.name)) skillByName.set(name, skill);
    skillByName.set(skill.name.toLowerCase(), skill);
  }
  const resumeNames = skillNamesIn(candidate.primaryResume ?? '');

  const evidence = job.requirements.map((requirement): Evidence => {
    const skill =
      skillByName.get(requirement.name) ?? skillByName.get(requirement.name.toLowerCase()) ?? null;
    // Bullets that name the requirement come first; bullets of a role that
    // used it (its technologies) only back them up.
    const named = ranked.filter((bullet) => mentions(bullet.text, requirement));
    const used = ranked.filter(
      (bullet) =>
        !named.includes(bullet) &&
        bullet.experience.technologies.some((tech) => mentions(tech, requirement)),
    );
    const bullets = [...named, ...used].map((bullet) => ({
      text: bullet.text,
      company: bullet.experience.company,
      title: bullet.experience.title,
      named: named.includes(bullet),
    }));
    const certification =
      candidate.certifications.find((c) => mentions(c.name, requirement))?.name ?? null;
    const inResume = resumeNames.has(requirement.name);
    return {
      requirement,
      skill: skill ? { proficiency: skill.proficiency, years: skill.years } : null,
      bullets,
      certification,
      inResume,
      covered: Boolean(skill || bullets.length > 0 || certification || inResume),
    };
  });
  return {
    job,
    evidence,
    matched: evidence.filter((e) => e.covered),
    gaps: evidence.filter((e) => !e.covered),
  };
}

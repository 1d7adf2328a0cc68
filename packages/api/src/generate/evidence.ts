// Maps each extracted requirement to where the person's profile shows it:
// a listed skill or one of its keywords, a role (its summary, highlights and
// technologies), a project, a course or degree, a certification, a language,
// the summary, the notes for the generator, or the primary resume. A
// requirement counts as shown when any of these names it (any alias), or
// names a skill that implies it (PostgreSQL shows SQL). Experience bullets
// are ranked against the job with BM25, so the most relevant come first.
import type { Candidate, CandidateExperience } from './candidate';
import { skillMentions, type ExtractedJob, type Requirement } from './extract';
import { IMPLIES, LEXICON } from './lexicon';
import { tokenize } from './text';

export type SourceKind =
  | 'skill'
  | 'keyword'
  | 'language'
  | 'experience'
  | 'project'
  | 'education'
  | 'certification'
  | 'summary'
  | 'context'
  | 'resume';

/** One place in the profile: what kind, where (for people), and its text. */
export interface ProfileText {
  kind: SourceKind;
  /** "skills (Infrastructure)", "Staff Software Engineer at Confluent", "project Pursuit". */
  where: string;
  text: string;
  /** Quoted as evidence (a highlight), or only named (a skill name, a technology). */
  quotable: boolean;
  experience?: CandidateExperience;
}

export interface EvidenceSource {
  kind: SourceKind;
  where: string;
  quote?: string;
  /** Shown through a skill that implies this one (PostgreSQL → SQL). */
  implied?: string;
}

export interface Evidence {
  requirement: Requirement;
  /** Where the profile shows it, strongest first: skills, roles, projects, … */
  sources: EvidenceSource[];
  /** The listed skill that shows it, with proficiency/years when given. */
  skill: { name: string; proficiency?: string | null; years?: number | null } | null;
  /** Achievements and role summaries that name it, most relevant first. */
  bullets: { text: string; company: string; title: string; named: boolean }[];
  certification: string | null;
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

/** Every place in the profile that says something, in the order evidence is cited. */
export function profileTexts(candidate: Candidate): ProfileText[] {
  const out: ProfileText[] = [];
  const add = (entry: ProfileText) => {
    if (entry.text.trim()) out.push(entry);
  };
  for (const skill of candidate.skills) {
    const kind = skill.category === 'language' ? 'language' : 'skill';
    add({
      kind,
      where: kind === 'language' ? 'languages' : 'skills',
      text: skill.name,
      quotable: false,
    });
    for (const keyword of skill.keywords ?? []) {
      add({ kind: 'keyword', where: `skills (${skill.name})`, text: keyword, quotable: false });
    }
  }
  for (const experience of candidate.experiences) {
    const where = `${experience.title} at ${experience.company}`;
    for (const text of experience.achievements)
      add({ kind: 'experience', where, text, quotable: true, experience });
    if (experience.description)
      add({ kind: 'experience', where, text: experience.description, quotable: true, experience });
    for (const tech of experience.technologies)
      add({ kind: 'experience', where, text: tech, quotable: false, experience });
    add({ kind: 'experience', where, text: experience.title, quotable: false, experience });
  }
  for (const project of candidate.projects ?? []) {
    const where = `project ${project.name}`;
    add({ kind: 'project', where, text: project.name, quotable: false });
    for (const text of project.highlights) add({ kind: 'project', where, text, quotable: true });
    if (project.description)
      add({ kind: 'project', where, text: project.description, quotable: true });
    for (const keyword of project.keywords)
      add({ kind: 'project', where, text: keyword, quotable: false });
  }
  for (const school of candidate.education) {
    const degree = [school.degree, school.fieldOfStudy].filter(Boolean).join(', ');
    const where = degree ? `${degree} at ${school.institution}` : school.institution;
    add({ kind: 'education', where, text: degree, quotable: false });
    for (const course of school.courses ?? [])
      add({
        kind: 'education',
        where: `course at ${school.institution}`,
        text: course,
        quotable: true,
      });
    if (school.description)
      add({ kind: 'education', where, text: school.description, quotable: true });
  }
  for (const certification of candidate.certifications) {
    add({
      kind: 'certification',
      where: 'certifications',
      text: certification.name,
      quotable: true,
    });
  }
  if (candidate.headline)
    add({ kind: 'summary', where: 'your headline', text: candidate.headline, quotable: true });
  if (candidate.summary) {
    for (const sentence of candidate.summary.split(/(?<=[.!?])\s+/))
      add({ kind: 'summary', where: 'your summary', text: sentence, quotable: true });
  }
  if (candidate.generatorContext)
    add({
      kind: 'context',
      where: 'your notes for the generator',
      text: candidate.generatorContext,
      quotable: false,
    });
  if (candidate.primaryResume) {
    for (const line of candidate.primaryResume.split(/\r?\n/)) {
      const text = line.replace(/^\s*(?:[-*•]|#+)\s*/, '').trim();
      add({ kind: 'resume', where: 'your résumé', text, quotable: true });
    }
  }
  return out;
}

/** A few words around where `name` is named in `text`: the quote for the evidence line. */
function snippet(text: string, name: string): string {
  const words = text.replace(/\s+/g, ' ').trim().split(' ');
  if (words.length <= 12) return words.join(' ').replace(/[.;,]$/, '');
  const lower = words.map((w) => w.toLowerCase());
  const entry = LEXICON.find((e) => e.name === name);
  const aliases = [name, ...(entry?.aliases ?? [])].map((a) => a.toLowerCase().split(' ')[0]!);
  let at = lower.findIndex((w) => aliases.some((a) => w.replace(/[^a-z0-9+#./-]/g, '') === a));
  if (at < 0) at = 0;
  const from = Math.max(0, at - 4);
  const to = Math.min(words.length, from + 10);
  return `${from > 0 ? '…' : ''}${words
    .slice(from, to)
    .join(' ')
    .replace(/[.;,]$/, '')}${to < words.length ? '…' : ''}`;
}

/** What a profile text shows: the skills it names and the skills those imply. */
function shownBy(text: string): Map<string, string | undefined> {
  const shown = new Map<string, string | undefined>();
  for (const name of skillNamesIn(text)) shown.set(name, undefined);
  for (const name of [...shown.keys()])
    for (const implied of IMPLIES[name] ?? []) if (!shown.has(implied)) shown.set(implied, name);
  return shown;
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

/** The words the job cares about, weighted by the emphasis of its requirements. */
export function queryTerms(job: ExtractedJob, roleTitle: string): string[] {
  const terms: string[] = [...tokenize(roleTitle)];
  for (const requirement of job.requirements) {
    const repeat = Math.max(1, Math.round(requirement.weight));
    for (const name of requirement.anyOf ?? [requirement.name])
      for (let i = 0; i < repeat; i += 1) terms.push(...tokenize(name));
  }
  for (const name of job.context) terms.push(...tokenize(name));
  for (const line of job.responsibilities) terms.push(...tokenize(line));
  return terms;
}

const KIND_ORDER: SourceKind[] = [
  'skill',
  'keyword',
  'language',
  'certification',
  'experience',
  'project',
  'education',
  'summary',
  'resume',
  'context',
];

export function mapEvidence(candidate: Candidate, job: ExtractedJob, roleTitle: string): Mapping {
  const ranked = rankBullets(candidate, queryTerms(job, roleTitle));
  const rank = new Map(ranked.map((bullet, index) => [bullet.text, index]));
  const texts = profileTexts(candidate).map((entry) => ({ entry, shows: shownBy(entry.text) }));

  const evidence = job.requirements.map((requirement): Evidence => {
    const names = requirement.anyOf ?? [requirement.name];
    const hits = texts.filter(
      ({ entry, shows }) =>
        names.some((name) => shows.has(name)) ||
        names.some((name) => entry.text.trim().toLowerCase() === name.toLowerCase()),
    );
    const sources: EvidenceSource[] = [];
    const seen = new Set<string>();
    const ordered = hits.slice().sort((a, b) => {
      // Named outright before shown only through another skill (PostgreSQL → SQL).
      const direct =
        Number(names.some((n) => b.shows.has(n) && b.shows.get(n) === undefined)) -
        Number(names.some((n) => a.shows.has(n) && a.shows.get(n) === undefined));
      if (direct !== 0) return direct;
      const byKind = KIND_ORDER.indexOf(a.entry.kind) - KIND_ORDER.indexOf(b.entry.kind);
      if (byKind !== 0) return byKind;
      // Quotable words before bare names; among bullets, the most relevant first.
      return (
        Number(b.entry.quotable) - Number(a.entry.quotable) ||
        (rank.get(a.entry.text) ?? 1e9) - (rank.get(b.entry.text) ?? 1e9)
      );
    });
    for (const { entry, shows } of ordered) {
      const name = names.find((n) => shows.has(n)) ?? names[0]!;
      const implied = shows.get(name);
      const quote = entry.quotable ? snippet(entry.text, implied ?? name) : undefined;
      // One citation per place: its most relevant words.
      if (seen.has(entry.where)) continue;
      seen.add(entry.where);
      sources.push({
        kind: entry.kind,
        where: entry.where,
        ...(quote ? { quote } : {}),
        ...(implied ? { implied } : {}),
      });
    }
    const skillEntry = candidate.skills.find(
      (s) =>
        names.some(
          (n) => skillNamesIn(s.name).has(n) || s.name.toLowerCase() === n.toLowerCase(),
        ) ||
        (s.keywords ?? []).some((k) =>
          names.some((n) => skillNamesIn(k).has(n) || k.toLowerCase() === n.toLowerCase()),
        ),
    );
    const bulletHits = ordered.filter(
      ({ entry }) => entry.kind === 'experience' && entry.quotable && entry.experience,
    );
    const bullets = bulletHits.map(({ entry, shows }) => ({
      text: entry.text,
      company: entry.experience!.company,
      title: entry.experience!.title,
      named: names.some((n) => shows.has(n) && shows.get(n) === undefined),
    }));
    const certification =
      candidate.certifications.find((c) => names.some((n) => shownBy(c.name).has(n)))?.name ?? null;
    return {
      requirement,
      sources,
      skill: skillEntry
        ? { name: skillEntry.name, proficiency: skillEntry.proficiency, years: skillEntry.years }
        : null,
      bullets,
      certification,
      inResume: hits.some(({ entry }) => entry.kind === 'resume'),
      covered: sources.length > 0,
    };
  });
  return {
    job,
    evidence,
    matched: evidence.filter((e) => e.covered),
    gaps: evidence.filter((e) => !e.covered),
  };
}

/** The evidence as one readable line: "skills (Infrastructure); 'replication fetch path' at Confluent". */
export function evidenceLine(e: Evidence, max = 3): string {
  return e.sources
    .slice(0, max)
    .map((s) => {
      const where = s.implied ? `${s.where}, via ${s.implied}` : s.where;
      return s.quote && s.quote !== s.where ? `“${s.quote}” (${where})` : where;
    })
    .join('; ');
}

// Loads the labelled quality set: the pasted job descriptions, the profiles (the
// four that @jsonresume/schema ships, read from the package, and ours), the labels.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Candidate, JobPosting } from '../../src/server';
import {
  levelToProficiency,
  locationToText,
  splitName,
} from '../../src/portable/json-resume/mapping';

export const QUALITY_FIXTURES = fileURLToPath(new URL('../fixtures/quality/', import.meta.url));

export interface QualityJob {
  id: string;
  posting: JobPosting;
}

export interface QualityProfile {
  id: string;
  /** Where the JSON Resume came from: "@jsonresume/schema/…" or "profiles/….json". */
  source: string;
  candidate: Candidate;
  /** Everything the person wrote that the generator receives, one field a line. */
  text: string;
}

export interface JobLabel {
  /** Canonical names; alternatives as "A | B". */
  required: string[];
  preferred: string[];
}

export interface QualityLabels {
  missingFromLexicon: string[];
  jobs: Record<string, JobLabel>;
  profiles: Record<string, { shows: string[] }>;
  /** job id → profile id → 1 poor, 2 stretch, 3 good, 4 strong. */
  fit: Record<string, Record<string, number>>;
}

export interface QualitySet {
  jobs: QualityJob[];
  profiles: QualityProfile[];
  labels: QualityLabels;
}

/** The examples @jsonresume/schema ships, by the id the labels use. */
const PACKAGE_PROFILES: Record<string, string> = {
  sample: 'sample.resume.json',
  'senior-engineer': 'examples/senior-engineer.resume.json',
  'new-grad': 'examples/new-grad.resume.json',
  'career-changer': 'examples/career-changer.resume.json',
};

/** A job file: "Company: …" and "Role: …" lines, a "---" line, then the paste as it came. */
export function parseJobFile(id: string, content: string): QualityJob {
  const split = content.indexOf('\n---\n');
  if (split < 0) throw new Error(`jobs/${id}.txt: no "---" line after the header`);
  const header = content.slice(0, split);
  const field = (key: string) => {
    const match = new RegExp(`^${key}:\\s*(.+)$`, 'm').exec(header);
    if (!match) throw new Error(`jobs/${id}.txt: header has no "${key}:" line`);
    return match[1]!.trim();
  };
  return {
    id,
    posting: {
      company: field('Company'),
      roleTitle: field('Role'),
      description: content.slice(split + 5).trim(),
    },
  };
}

export function loadJobs(dir = join(QUALITY_FIXTURES, 'jobs')): QualityJob[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.txt'))
    .sort()
    .map((file) => parseJobFile(basename(file, '.txt'), readFileSync(join(dir, file), 'utf8')));
}

type Json = Record<string, unknown>;

const object = (value: unknown): Json =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const str = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
const strings = (value: unknown): string[] =>
  list(value).flatMap((item) => (typeof item === 'string' && item.trim() ? [item.trim()] : []));

/**
 * A JSON Resume document → Candidate, the way the app's import fills the
 * profile: work → experiences, education with courses, certificates, skills
 * with keywords, languages as skills of category 'language', projects, and
 * the basics. Years of experience stay null: the generator works them out.
 */
export function candidateFromJsonResume(doc: unknown): Candidate {
  const resume = object(doc);
  const basics = object(resume.basics);
  const { firstName, lastName } = splitName(str(basics.name) ?? '');
  const location = locationToText(object(basics.location));
  return {
    firstName,
    lastName,
    headline: str(basics.label),
    summary: str(basics.summary),
    email: str(basics.email),
    phone: str(basics.phone),
    location,
    yearsOfExperience: null,
    skills: [
      ...list(resume.skills).map((entry) => {
        const skill = object(entry);
        return {
          name: str(skill.name) ?? '',
          category: null,
          proficiency: levelToProficiency(str(skill.level) ?? undefined) ?? null,
          keywords: strings(skill.keywords),
        };
      }),
      ...list(resume.languages).map((entry) => {
        const language = object(entry);
        return {
          name: str(language.language) ?? '',
          category: 'language',
          proficiency: levelToProficiency(str(language.fluency) ?? undefined) ?? null,
          keywords: [],
        };
      }),
    ].filter((skill) => skill.name !== ''),
    experiences: list(resume.work).map((entry) => {
      const job = object(entry);
      const endDate = str(job.endDate);
      return {
        company: str(job.name) ?? '',
        title: str(job.position) ?? '',
        location: str(job.location),
        startDate: str(job.startDate),
        endDate,
        current: !endDate,
        description: str(job.summary),
        achievements: strings(job.highlights),
        technologies: strings(job.technologies),
      };
    }),
    education: list(resume.education).map((entry) => {
      const school = object(entry);
      return {
        institution: str(school.institution) ?? '',
        degree: str(school.studyType),
        fieldOfStudy: str(school.area),
        startDate: str(school.startDate),
        endDate: str(school.endDate),
        description: str(school.description),
        courses: strings(school.courses),
      };
    }),
    certifications: list(resume.certificates).map((entry) => {
      const certificate = object(entry);
      return {
        name: str(certificate.name) ?? '',
        issuingOrganization: str(certificate.issuer),
        issueDate: str(certificate.date),
      };
    }),
    projects: list(resume.projects).map((entry) => {
      const project = object(entry);
      return {
        name: str(project.name) ?? '',
        description: str(project.description),
        highlights: strings(project.highlights),
        keywords: strings(project.keywords),
        roles: strings(project.roles),
        startDate: str(project.startDate),
        endDate: str(project.endDate),
        url: str(project.url),
      };
    }),
    primaryResume: null,
    generatorContext: null,
  };
}

/** Every field of the candidate a document could draw on, one a line. */
export function candidateText(candidate: Candidate): string {
  const out: (string | null | undefined)[] = [
    candidate.firstName,
    candidate.lastName,
    candidate.headline,
    candidate.summary,
    candidate.email,
    candidate.phone,
    candidate.location,
    candidate.primaryResume,
    candidate.generatorContext,
  ];
  for (const skill of candidate.skills) out.push(skill.name, ...(skill.keywords ?? []));
  for (const job of candidate.experiences) {
    out.push(job.company, job.title, job.location, job.startDate, job.endDate, job.description);
    out.push(...job.achievements, ...job.technologies);
  }
  for (const school of candidate.education) {
    out.push(school.institution, school.degree, school.fieldOfStudy, school.startDate);
    out.push(school.endDate, school.description, ...(school.courses ?? []));
  }
  for (const c of candidate.certifications) out.push(c.name, c.issuingOrganization, c.issueDate);
  for (const project of candidate.projects ?? []) {
    out.push(project.name, project.description, project.startDate, project.endDate, project.url);
    out.push(...project.highlights, ...project.keywords, ...(project.roles ?? []));
  }
  return out.filter((line): line is string => Boolean(line)).join('\n');
}

function profile(id: string, source: string, path: string): QualityProfile {
  const candidate = candidateFromJsonResume(JSON.parse(readFileSync(path, 'utf8')));
  return { id, source, candidate, text: candidateText(candidate) };
}

export function loadProfiles(dir = join(QUALITY_FIXTURES, 'profiles')): QualityProfile[] {
  const schemaDir = dirname(
    createRequire(import.meta.url).resolve('@jsonresume/schema/package.json'),
  );
  const shipped = Object.entries(PACKAGE_PROFILES).map(([id, file]) =>
    profile(id, `@jsonresume/schema/${file}`, join(schemaDir, file)),
  );
  const ours = readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => profile(basename(file, '.json'), `profiles/${file}`, join(dir, file)));
  return [...shipped, ...ours];
}

export function loadLabels(path = join(QUALITY_FIXTURES, 'labels.json')): QualityLabels {
  return JSON.parse(readFileSync(path, 'utf8')) as QualityLabels;
}

/** The whole set, checked for a label on every job, profile and pair. */
export function loadQualitySet(): QualitySet {
  const jobs = loadJobs();
  const profiles = loadProfiles();
  const labels = loadLabels();
  const missing: string[] = [];
  for (const job of jobs) {
    if (!labels.jobs[job.id]) missing.push(`jobs.${job.id}`);
    for (const person of profiles) {
      const fit = labels.fit[job.id]?.[person.id];
      if (fit === undefined || ![1, 2, 3, 4].includes(fit)) {
        missing.push(`fit.${job.id}.${person.id}`);
      }
    }
  }
  for (const person of profiles) {
    if (!labels.profiles[person.id]) missing.push(`profiles.${person.id}`);
  }
  if (missing.length) throw new Error(`labels.json lacks: ${missing.join(', ')}`);
  return { jobs, profiles, labels };
}

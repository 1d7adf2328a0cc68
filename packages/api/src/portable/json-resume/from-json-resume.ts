// JSON Resume v1 → what Pursuit would store. First the official schema, then
// Pursuit's own rules (the same zod schemas the editor's routers use), each
// problem reported at its place in the file. Content Pursuit has no field for
// is listed as a warning, never dropped silently.
import { z } from 'zod';
import { profileFields } from '../../router/profile';
import { createCertificationInput } from '../../router/certification';
import { createEducationInput } from '../../router/education';
import { createExperienceInput } from '../../router/experience';
import { createProjectInput } from '../../router/project';
import { createSkillInput } from '../../router/skill';
import { httpUrl } from '../../fields';
import { formatPath, type Issue } from '../issues';
import {
  CERTIFICATION_FIELDS,
  EDUCATION_FIELDS,
  PROJECT_FIELDS,
  SKILL_FIELDS,
  WORK_FIELDS,
  type BasicsData,
  type CertificationData,
  type EducationData,
  type ProjectData,
  type SkillData,
  type WorkData,
} from './model';
import {
  levelToProficiency,
  locationToText,
  profileLabel,
  profileUrl,
  splitName,
  WEBSITE_LABEL,
  type JsonLocation,
  type JsonProfile,
} from './mapping';
import { validateJsonResume } from './validate';

/** The sections a document states; an absent section is left alone on import. */
export interface IncomingResume {
  basics?: Partial<BasicsData>;
  work?: WorkData[];
  education?: EducationData[];
  certifications?: CertificationData[];
  projects?: ProjectData[];
  skills?: SkillData[];
}

export interface ParsedResume {
  incoming: IncomingResume;
  issues: Issue[];
  warnings: string[];
}

type Json = Record<string, unknown>;
type Path = (string | number)[];

const LIMITS = {
  work: 100,
  education: 50,
  certificates: 100,
  projects: 100,
  skills: 300,
  profiles: 20,
};
const UNSUPPORTED_SECTIONS = [
  'volunteer',
  'awards',
  'publications',
  'interests',
  'references',
] as const;

const basicsSchema = z.object({
  firstName: profileFields.firstName,
  lastName: profileFields.lastName,
  headline: profileFields.headline,
  summary: profileFields.summary,
  email: profileFields.email,
  phone: profileFields.phone,
  location: profileFields.location,
});

class Collector {
  readonly issues: Issue[] = [];
  private readonly notes: string[] = [];
  private readonly dropped = new Map<string, number>();

  warn(message: string) {
    this.notes.push(message);
  }

  /** Validates `candidate`; issues on field f are reported at base + fieldMap[f]. */
  check<T>(schema: z.ZodType<T>, candidate: unknown, base: Path, fieldMap: Record<string, string>) {
    const result = schema.safeParse(candidate);
    if (result.success) return result.data;
    for (const issue of result.error.issues) {
      const [field, ...rest] = issue.path.filter(
        (p): p is string | number => typeof p !== 'symbol',
      );
      const mapped = typeof field === 'string' ? (fieldMap[field] ?? field) : field;
      this.issues.push({
        path: formatPath([...base, ...(mapped === undefined ? [] : [mapped]), ...rest]),
        message: issue.message,
      });
    }
    return undefined;
  }

  limit(list: unknown[], max: number, path: string) {
    if (list.length <= max) return true;
    this.issues.push({ path, message: `Import at most ${max} entries here.` });
    return false;
  }

  drop(place: string, present: unknown) {
    if (present === undefined || present === null || present === '') return;
    if (Array.isArray(present) && present.length === 0) return;
    this.dropped.set(place, (this.dropped.get(place) ?? 0) + 1);
  }

  warnings(): string[] {
    const dropped = [...this.dropped].map(
      ([place, n]) =>
        `${place} is not imported (${n} ${n === 1 ? 'entry' : 'entries'}): Pursuit has no field for it.`,
    );
    return [...dropped, ...this.notes];
  }
}

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
const list = (value: unknown) => (Array.isArray(value) ? (value as unknown[]) : []);
const object = (value: unknown) =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};

function parseBasics(basics: Json, c: Collector): Partial<BasicsData> {
  const candidate: Record<string, unknown> = {};
  if ('name' in basics) Object.assign(candidate, splitName(text(basics.name) ?? ''));
  if ('label' in basics) candidate.headline = basics.label;
  for (const key of ['summary', 'email', 'phone'] as const) {
    if (key in basics) candidate[key] = basics[key];
  }
  if ('location' in basics) {
    const location = object(basics.location) as JsonLocation;
    candidate.location = locationToText(location);
    c.drop('basics.location.address', location.address);
    c.drop('basics.location.postalCode', location.postalCode);
  }
  c.drop('basics.image', basics.image);
  const checked = c.check(basicsSchema, candidate, ['basics'], {
    firstName: 'name',
    lastName: 'name',
    headline: 'label',
  });
  const result: Partial<BasicsData> = {};
  if (checked) {
    // Only what the document states: merge leaves the rest as it is.
    for (const key of Object.keys(candidate) as (keyof typeof checked)[]) {
      result[key] = checked[key] ?? null;
    }
  }
  if ('url' in basics || 'profiles' in basics) result.links = parseLinks(basics, c);
  return result;
}

function parseLinks(basics: Json, c: Collector): BasicsData['links'] {
  const links: BasicsData['links'] = [];
  const site = text(basics.url);
  if (site) {
    const url = c.check(httpUrl, site, ['basics', 'url'], {});
    if (url) links.push({ label: WEBSITE_LABEL, url });
  }
  const profiles = list(basics.profiles);
  if (!c.limit(profiles, LIMITS.profiles, 'basics.profiles')) return links;
  profiles.forEach((entry, index) => {
    const profile = object(entry) as JsonProfile;
    const raw = profileUrl(profile);
    if (!raw) {
      c.issues.push({
        path: formatPath(['basics', 'profiles', index, 'url']),
        message: 'Give this profile a URL, like https://github.com/your-name.',
      });
      return;
    }
    const url = c.check(httpUrl, raw, ['basics', 'profiles', index, 'url'], {});
    if (!url) return;
    const username = profile.username?.trim();
    links.push({
      label: profileLabel(profile, url).slice(0, 50),
      url,
      ...(username ? { username: username.slice(0, 100) } : {}),
    });
  });
  return links;
}

function parseWork(entries: unknown[], c: Collector): WorkData[] {
  const out: WorkData[] = [];
  entries.forEach((entry, index) => {
    const job = object(entry);
    c.drop('work[].url', job.url);
    c.drop('work[].description', job.description);
    const endDate = text(job.endDate);
    const checked = c.check(
      createExperienceInput,
      {
        company: job.name,
        title: job.position,
        location: job.location,
        startDate: job.startDate,
        endDate,
        isCurrent: !endDate,
        description: job.summary,
        achievements: job.highlights ?? [],
        technologies: job.technologies ?? [],
      },
      ['work', index],
      {
        company: 'name',
        title: 'position',
        description: 'summary',
        achievements: 'highlights',
        isCurrent: 'endDate',
      },
    );
    if (checked) out.push(nulls(checked, WORK_FIELDS));
  });
  return out;
}

function parseEducation(entries: unknown[], c: Collector): EducationData[] {
  const out: EducationData[] = [];
  entries.forEach((entry, index) => {
    const school = object(entry);
    c.drop('education[].url', school.url);
    c.drop('education[].score', school.score);
    const checked = c.check(
      createEducationInput,
      {
        institution: school.institution,
        degree: school.studyType,
        fieldOfStudy: school.area,
        startDate: school.startDate,
        endDate: school.endDate,
        description: school.description,
        courses: school.courses ?? [],
      },
      ['education', index],
      { degree: 'studyType', fieldOfStudy: 'area' },
    );
    if (checked) out.push(nulls(checked, EDUCATION_FIELDS));
  });
  return out;
}

function parseCertificates(entries: unknown[], c: Collector): CertificationData[] {
  const out: CertificationData[] = [];
  entries.forEach((entry, index) => {
    const certificate = object(entry);
    const checked = c.check(
      createCertificationInput,
      {
        name: certificate.name,
        issuingOrganization: certificate.issuer,
        issueDate: certificate.date,
        expiryDate: certificate.expiryDate,
        credentialId: certificate.credentialId,
        url: certificate.url,
      },
      ['certificates', index],
      { issuingOrganization: 'issuer', issueDate: 'date' },
    );
    if (checked) out.push(nulls(checked, CERTIFICATION_FIELDS));
  });
  return out;
}

function parseProjects(entries: unknown[], c: Collector): ProjectData[] {
  const out: ProjectData[] = [];
  entries.forEach((entry, index) => {
    const project = object(entry);
    c.drop('projects[].entity', project.entity);
    c.drop('projects[].type', project.type);
    const checked = c.check(
      createProjectInput,
      {
        name: project.name,
        description: project.description,
        highlights: project.highlights ?? [],
        keywords: project.keywords ?? [],
        roles: project.roles ?? [],
        url: project.url,
        startDate: project.startDate,
        endDate: project.endDate,
      },
      ['projects', index],
      {},
    );
    if (checked) out.push(nulls(checked, PROJECT_FIELDS));
  });
  return out;
}

function parseSkills(skillEntries: unknown[], languages: unknown[], c: Collector): SkillData[] {
  const out: SkillData[] = [];
  const seen = new Map<string, string>();
  const add = (
    candidate: Record<string, unknown>,
    base: Path,
    fieldMap: Record<string, string>,
  ) => {
    const checked = c.check(createSkillInput, candidate, base, fieldMap);
    if (!checked) return;
    const key = checked.name.toLowerCase();
    const first = seen.get(key);
    if (first) {
      c.issues.push({
        path: formatPath([...base, 'name']),
        message: `"${checked.name}" is listed twice (first at ${first}); keep one of them.`,
      });
      return;
    }
    seen.set(key, formatPath(base));
    out.push(nulls(checked, SKILL_FIELDS));
  };
  skillEntries.forEach((entry, index) => {
    const skill = object(entry);
    const level = text(skill.level);
    const proficiency = levelToProficiency(level);
    if (proficiency === null) {
      c.warn(
        `skills[${index}].level "${level}" is not beginner, intermediate, advanced or expert; the skill is imported without a level.`,
      );
    }
    add(
      {
        name: skill.name,
        category: skill.category,
        proficiency: proficiency ?? null,
        years: skill.years,
        isPrimary: skill.primary ?? false,
        keywords: skill.keywords ?? [],
      },
      ['skills', index],
      { proficiency: 'level', isPrimary: 'primary' },
    );
  });
  languages.forEach((entry, index) => {
    const language = object(entry);
    const fluency = text(language.fluency);
    const proficiency = levelToProficiency(fluency);
    if (proficiency === null) {
      c.warn(
        `languages[${index}].fluency "${fluency}" does not read as a level; the language is imported without one.`,
      );
    }
    add(
      { name: language.language, category: 'language', proficiency: proficiency ?? null },
      ['languages', index],
      { name: 'language', proficiency: 'fluency' },
    );
  });
  return out;
}

/** Exactly `keys`, with absent optional values as null (what the row would hold). */
function nulls<T, K extends keyof T & string>(value: Partial<T>, keys: readonly K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((key) => [key, value[key] ?? null])) as Pick<T, K>;
}

export function parseJsonResume(document: unknown): ParsedResume {
  const schemaIssues = validateJsonResume(document);
  if (schemaIssues.length) return { incoming: {}, issues: schemaIssues, warnings: [] };
  const doc = document as Json;
  const c = new Collector();
  const incoming: IncomingResume = {};
  if ('basics' in doc) incoming.basics = parseBasics(object(doc.basics), c);
  if ('work' in doc && c.limit(list(doc.work), LIMITS.work, 'work')) {
    incoming.work = parseWork(list(doc.work), c);
  }
  if ('education' in doc && c.limit(list(doc.education), LIMITS.education, 'education')) {
    incoming.education = parseEducation(list(doc.education), c);
  }
  if (
    'certificates' in doc &&
    c.limit(list(doc.certificates), LIMITS.certificates, 'certificates')
  ) {
    incoming.certifications = parseCertificates(list(doc.certificates), c);
  }
  if ('projects' in doc && c.limit(list(doc.projects), LIMITS.projects, 'projects')) {
    incoming.projects = parseProjects(list(doc.projects), c);
  }
  if ('skills' in doc || 'languages' in doc) {
    const skills = list(doc.skills);
    const languages = list(doc.languages);
    if (c.limit([...skills, ...languages], LIMITS.skills, 'skills')) {
      incoming.skills = parseSkills(skills, languages, c);
    }
  }
  for (const section of UNSUPPORTED_SECTIONS) {
    for (const entry of list(doc[section])) c.drop(section, entry);
  }
  return { incoming, issues: c.issues, warnings: c.warnings() };
}

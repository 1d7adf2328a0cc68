// The kinds of profile entry (work, education, certificates, projects, skills) as
// forms: which fields each has, how a row becomes form text, and how form
// text becomes the API's input. One generic form and list render them all.
import {
  SKILL_CATEGORY_LABELS,
  SKILL_PROFICIENCY_LABELS,
  commaList,
  linesToList,
  parseWholeNumber,
} from './profile';
import type {
  Certification,
  CreateCertificationInput,
  CreateEducationInput,
  CreateExperienceInput,
  CreateProjectInput,
  CreateSkillInput,
  EducationEntry,
  Project,
  Skill,
  SkillCategory,
  SkillProficiency,
  WorkExperience,
} from '$lib/api/types';

export type EntryDraft = Record<string, string | boolean>;

export interface FieldSpec {
  key: string;
  label: string;
  kind: 'text' | 'textarea' | 'date' | 'checkbox' | 'select' | 'url' | 'number';
  required?: boolean;
  hint?: string;
  placeholder?: string;
  /** For selects: value → label; '' is "Not set" when the field is optional. */
  options?: Record<string, string>;
  /** Takes the whole row of the form grid. */
  wide?: boolean;
  rows?: number;
  /** Shown disabled (and not sent) while this is true, e.g. end date of a current role. */
  disabledWhen?: (draft: EntryDraft) => boolean;
}

export interface EntryKind<Row, Input> {
  /** "work experience": used in button labels and messages. */
  noun: string;
  fields: FieldSpec[];
  /** Fields saved together, so the API can check rules across them (dates). */
  together?: string[][];
  toDraft: (row: Row | null) => EntryDraft;
  /** The input for the given keys (all when omitted), or errors found before sending. */
  toInput: (
    draft: EntryDraft,
    keys?: readonly string[],
  ) => {
    input: Partial<Input>;
    errors: Record<string, string[]>;
  };
  /** A short name for one row, for accessible labels ("Move … up"). */
  name: (row: Row) => string;
}

const DATE_HINT = 'Like 2019, 2019-06 or 2019-06-30.';

const str = (draft: EntryDraft, key: string) => {
  const value = draft[key];
  return typeof value === 'string' ? value : '';
};
const bool = (draft: EntryDraft, key: string) => draft[key] === true;

/** Builds an input from per-key converters, for the keys asked for. */
function convert<Input>(
  draft: EntryDraft,
  keys: readonly string[],
  converters: Record<string, (draft: EntryDraft) => unknown>,
) {
  const input: Record<string, unknown> = {};
  const errors: Record<string, string[]> = {};
  for (const key of keys) {
    const toValue = converters[key];
    if (!toValue) continue;
    try {
      input[key] = toValue(draft);
    } catch (error) {
      errors[key] = [error instanceof Error ? error.message : String(error)];
    }
  }
  return { input: input as Partial<Input>, errors };
}

const keysOf = (fields: FieldSpec[]) => fields.map((field) => field.key);

// ----- Work experience -----

const experienceFields: FieldSpec[] = [
  { key: 'title', label: 'Job title', kind: 'text', required: true },
  { key: 'company', label: 'Company', kind: 'text', required: true },
  { key: 'location', label: 'Location', kind: 'text', placeholder: 'Berlin, or Remote' },
  {
    key: 'isCurrent',
    label: 'I work here now',
    kind: 'checkbox',
  },
  { key: 'startDate', label: 'Start', kind: 'date', hint: DATE_HINT, placeholder: '2019-06' },
  {
    key: 'endDate',
    label: 'End',
    kind: 'date',
    hint: 'Leave empty while you work here.',
    placeholder: '2023-02',
    disabledWhen: (draft) => bool(draft, 'isCurrent'),
  },
  { key: 'description', label: 'What you did', kind: 'textarea', wide: true, rows: 3 },
  {
    key: 'achievements',
    label: 'Achievements',
    kind: 'textarea',
    wide: true,
    rows: 4,
    hint: 'One per line. Numbers help: “Cut build times by 63%”.',
  },
  {
    key: 'technologies',
    label: 'Technologies',
    kind: 'text',
    wide: true,
    hint: 'Comma-separated: Rust, PostgreSQL, Kubernetes',
  },
];

export const experienceKind: EntryKind<WorkExperience, CreateExperienceInput> = {
  noun: 'work experience',
  fields: experienceFields,
  together: [['startDate', 'endDate', 'isCurrent']],
  toDraft: (row) => ({
    title: row?.title ?? '',
    company: row?.company ?? '',
    location: row?.location ?? '',
    isCurrent: row?.isCurrent ?? false,
    startDate: row?.startDate ?? '',
    endDate: row?.endDate ?? '',
    description: row?.description ?? '',
    achievements: (row?.achievements ?? []).join('\n'),
    technologies: (row?.technologies ?? []).join(', '),
  }),
  toInput: (draft, keys = keysOf(experienceFields)) =>
    convert<CreateExperienceInput>(draft, keys, {
      title: (d) => str(d, 'title'),
      company: (d) => str(d, 'company'),
      location: (d) => str(d, 'location'),
      isCurrent: (d) => bool(d, 'isCurrent'),
      startDate: (d) => str(d, 'startDate'),
      endDate: (d) => (bool(d, 'isCurrent') ? null : str(d, 'endDate')),
      description: (d) => str(d, 'description'),
      achievements: (d) => linesToList(str(d, 'achievements')),
      technologies: (d) => commaList(str(d, 'technologies')),
    }),
  name: (row) => `${row.title} at ${row.company}`,
};

// ----- Education -----

const educationFields: FieldSpec[] = [
  { key: 'institution', label: 'School or university', kind: 'text', required: true },
  { key: 'degree', label: 'Degree', kind: 'text', placeholder: 'BSc, MA, PhD…' },
  { key: 'fieldOfStudy', label: 'Field of study', kind: 'text', wide: true },
  { key: 'startDate', label: 'Start', kind: 'date', hint: DATE_HINT, placeholder: '2012' },
  { key: 'endDate', label: 'End', kind: 'date', placeholder: '2016' },
  { key: 'description', label: 'Notes', kind: 'textarea', wide: true, rows: 3 },
  {
    key: 'courses',
    label: 'Courses',
    kind: 'textarea',
    wide: true,
    rows: 3,
    hint: 'One per line: the courses a job might ask about, like “Distributed Systems”.',
  },
];

export const educationKind: EntryKind<EducationEntry, CreateEducationInput> = {
  noun: 'education',
  fields: educationFields,
  together: [['startDate', 'endDate']],
  toDraft: (row) => ({
    institution: row?.institution ?? '',
    degree: row?.degree ?? '',
    fieldOfStudy: row?.fieldOfStudy ?? '',
    startDate: row?.startDate ?? '',
    endDate: row?.endDate ?? '',
    description: row?.description ?? '',
    courses: (row?.courses ?? []).join('\n'),
  }),
  toInput: (draft, keys = keysOf(educationFields)) =>
    convert<CreateEducationInput>(draft, keys, {
      institution: (d) => str(d, 'institution'),
      degree: (d) => str(d, 'degree'),
      fieldOfStudy: (d) => str(d, 'fieldOfStudy'),
      startDate: (d) => str(d, 'startDate'),
      endDate: (d) => str(d, 'endDate'),
      description: (d) => str(d, 'description'),
      courses: (d) => linesToList(str(d, 'courses')),
    }),
  name: (row) => [row.degree, row.institution].filter(Boolean).join(', '),
};

// ----- Certifications -----

const certificationFields: FieldSpec[] = [
  { key: 'name', label: 'Certificate', kind: 'text', required: true },
  { key: 'issuingOrganization', label: 'Issued by', kind: 'text' },
  { key: 'issueDate', label: 'Issued', kind: 'date', hint: DATE_HINT, placeholder: '2022-05' },
  { key: 'expiryDate', label: 'Expires', kind: 'date', placeholder: '2025-05' },
  { key: 'credentialId', label: 'Credential ID', kind: 'text' },
  { key: 'url', label: 'Link to verify it', kind: 'url', placeholder: 'https://' },
];

export const certificationKind: EntryKind<Certification, CreateCertificationInput> = {
  noun: 'certificate',
  fields: certificationFields,
  together: [['issueDate', 'expiryDate']],
  toDraft: (row) => ({
    name: row?.name ?? '',
    issuingOrganization: row?.issuingOrganization ?? '',
    issueDate: row?.issueDate ?? '',
    expiryDate: row?.expiryDate ?? '',
    credentialId: row?.credentialId ?? '',
    url: row?.url ?? '',
  }),
  toInput: (draft, keys = keysOf(certificationFields)) =>
    convert<CreateCertificationInput>(draft, keys, {
      name: (d) => str(d, 'name'),
      issuingOrganization: (d) => str(d, 'issuingOrganization'),
      issueDate: (d) => str(d, 'issueDate'),
      expiryDate: (d) => str(d, 'expiryDate'),
      credentialId: (d) => str(d, 'credentialId'),
      url: (d) => str(d, 'url'),
    }),
  name: (row) => row.name,
};

// ----- Projects -----

const projectFields: FieldSpec[] = [
  { key: 'name', label: 'Project', kind: 'text', required: true },
  { key: 'url', label: 'Link', kind: 'url', placeholder: 'https://' },
  { key: 'startDate', label: 'Start', kind: 'date', hint: DATE_HINT, placeholder: '2021-03' },
  {
    key: 'endDate',
    label: 'End',
    kind: 'date',
    hint: 'Leave empty if ongoing.',
    placeholder: '2022',
  },
  {
    key: 'roles',
    label: 'Your roles',
    kind: 'text',
    wide: true,
    hint: 'Comma-separated: Author, Maintainer',
  },
  { key: 'description', label: 'What it is', kind: 'textarea', wide: true, rows: 3 },
  {
    key: 'highlights',
    label: 'Highlights',
    kind: 'textarea',
    wide: true,
    rows: 4,
    hint: 'One per line: “Used by 400 students”, “120 GitHub stars”.',
  },
  {
    key: 'keywords',
    label: 'Keywords',
    kind: 'text',
    wide: true,
    hint: 'Technologies and topics, comma-separated: Go, Raft, Kafka',
  },
];

export const projectKind: EntryKind<Project, CreateProjectInput> = {
  noun: 'project',
  fields: projectFields,
  together: [['startDate', 'endDate']],
  toDraft: (row) => ({
    name: row?.name ?? '',
    url: row?.url ?? '',
    startDate: row?.startDate ?? '',
    endDate: row?.endDate ?? '',
    roles: (row?.roles ?? []).join(', '),
    description: row?.description ?? '',
    highlights: (row?.highlights ?? []).join('\n'),
    keywords: (row?.keywords ?? []).join(', '),
  }),
  toInput: (draft, keys = keysOf(projectFields)) =>
    convert<CreateProjectInput>(draft, keys, {
      name: (d) => str(d, 'name'),
      url: (d) => str(d, 'url'),
      startDate: (d) => str(d, 'startDate'),
      endDate: (d) => str(d, 'endDate'),
      roles: (d) => commaList(str(d, 'roles')),
      description: (d) => str(d, 'description'),
      highlights: (d) => linesToList(str(d, 'highlights')),
      keywords: (d) => commaList(str(d, 'keywords')),
    }),
  name: (row) => row.name,
};

// ----- Skills -----

const skillFields: FieldSpec[] = [
  { key: 'name', label: 'Skill', kind: 'text', required: true, placeholder: 'TypeScript' },
  {
    key: 'category',
    label: 'Category',
    kind: 'select',
    options: SKILL_CATEGORY_LABELS,
    required: true,
  },
  { key: 'proficiency', label: 'Proficiency', kind: 'select', options: SKILL_PROFICIENCY_LABELS },
  { key: 'years', label: 'Years', kind: 'number', placeholder: '3' },
  { key: 'isPrimary', label: 'One of my main skills', kind: 'checkbox' },
  {
    key: 'keywords',
    label: 'Keywords',
    kind: 'text',
    wide: true,
    hint: 'Related terms, comma-separated: React, Svelte, Vite',
  },
];

export const skillKind: EntryKind<Skill, CreateSkillInput> = {
  noun: 'skill',
  fields: skillFields,
  toDraft: (row) => ({
    name: row?.name ?? '',
    category: row?.category ?? 'technical',
    proficiency: row?.proficiency ?? '',
    years: row?.years === null || row?.years === undefined ? '' : String(row.years),
    isPrimary: row?.isPrimary ?? false,
    keywords: (row?.keywords ?? []).join(', '),
  }),
  toInput: (draft, keys = keysOf(skillFields)) =>
    convert<CreateSkillInput>(draft, keys, {
      name: (d) => str(d, 'name'),
      category: (d): SkillCategory => str(d, 'category') as SkillCategory,
      proficiency: (d): SkillProficiency | null =>
        (str(d, 'proficiency') || null) as SkillProficiency | null,
      years: (d) => {
        const years = parseWholeNumber(str(d, 'years'));
        if (years === 'invalid') throw new Error('Enter the years as a whole number, like 3.');
        return years;
      },
      isPrimary: (d) => bool(d, 'isPrimary'),
      keywords: (d) => commaList(str(d, 'keywords')),
    }),
  name: (row) => row.name,
};

/** The keys to send when `keys` were edited: with the fields checked together. */
export function expandTogether(keys: readonly string[], together: string[][] = []): string[] {
  const out = new Set(keys);
  for (const group of together) {
    if (group.some((key) => out.has(key))) for (const key of group) out.add(key);
  }
  return [...out];
}
